"""The briefing workbook (招商引资进度表): the city summary, each kind of unit ranked, the large projects.

Formatted for printing as the bureau hands it out: a title with the city and the period, two-row Chinese
headers (an indicator's name spanning its columns), amounts in 万美元, completions as Excel percentages,
schedule gaps in points, everything behind schedule in red, header rows frozen and repeated on every
printed page, A4 landscape fitted to the page width.

Written in openpyxl's write-only mode (a province of 2,000 units is some 50,000 cells). Every string that
comes from the data — unit, project, investor names — is an explicit text cell: a name such as
``=HYPERLINK(…)`` stays a name and never becomes a formula.
"""
from __future__ import annotations

from decimal import Decimal
from typing import IO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from reports.briefing import large_projects
from reports.exporters import BaseExporter, register
from reports.exporters.sheets import (
    AMOUNT,
    BODY_FONT,
    BORDER,
    CENTER,
    CHANGE,
    COUNT,
    DATE,
    GAP,
    LEFT,
    NOTE_FONT,
    PCT,
    RIGHT,
    SECTION_FONT,
    TITLE_FONT,
    TOTAL_FILL,
    Sheet,
    display_width,
    excel_num,
    excel_pct,
    name_width,
    setup_sheet,
)
from reports.progress import GroupIndicator, GroupRow, IndicatorFigures, ProgressReport, UnitRow
from units.models import Unit
from units.periods import period_label, period_title

INDICATORS = (("registered_fdi", gettext_lazy("新批注册外资")), ("paid_in_fdi", gettext_lazy("注册外资实际到帐")))
KIND_SHEETS = (
    (Unit.Kind.DEVELOPMENT_ZONE, gettext_lazy("开发区")),
    (Unit.Kind.TOWNSHIP, gettext_lazy("乡镇")),
    (Unit.Kind.DEPARTMENT, gettext_lazy("部门")),
)


@register
class BriefingWorkbook(BaseExporter):
    """招商引资进度表 (.xlsx): 全市汇总, 开发区 / 乡镇 / 部门 ranked, 大项目."""

    identifier = "briefing_xlsx"
    verbose_name = gettext_lazy("招商引资进度表（Excel）")
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = "xlsx"
    filename_stem = gettext_lazy("招商引资进度表")
    # The unit sheets are ranked by this indicator's completion of the assessment target (rank_in_kind):
    # paid-in capital (实际外资) is the figure the city is itself ranked by among its peers.
    rank_by = "paid_in_fdi"

    def write(self, report: ProgressReport, fileobj: IO[bytes], *, units: QuerySet[Unit] | None = None) -> None:
        wb = Workbook(write_only=True)
        self.title = _("%(city)s招商引资进度表（%(period)s）") % {
            "city": report.city.name, "period": period_title(report.year, report.month)}
        self.period = period_label(report.month)
        self._summary(wb, report)
        for kind, label in KIND_SHEETS:
            self._kind_sheet(wb, report, kind, str(label))
        self._large_projects(wb, report, units)
        wb.save(fileobj)

    # ------------------------------------------------------------------------------------ sheet 1

    def _note(self, report: ProgressReport, extra: str = "") -> str:
        note = _("序时进度：%(schedule)s%%　　金额单位：万美元") % {"schedule": report.schedule_pct}
        if report.completeness is not None:
            # how complete the month is, and whether the figures are still provisional
            note += "　　" + report.completeness.sentence(report.month)
            if report.completeness.missing:
                note += _("（初步数）")
        return f"{note}　　{extra}" if extra else note

    def _indicator_subs(self, completed: str) -> list[str]:
        return [completed, _("同比"), _("考核目标"), _("完成考核%"), _("序时差距"),
                _("加压目标"), _("完成加压%"), _("序时差距")]

    def _indicator_cells(self, sheet: Sheet, figures: IndicatorFigures, *, share: bool, bold: bool = False) -> list:
        cells = [
            sheet.number(excel_num(figures.ytd), AMOUNT, bold=bold),
            sheet.number(excel_pct(figures.yoy_pct), PCT, bold=bold),
        ]
        if share:
            cells.append(sheet.number(excel_pct(figures.share_pct), PCT, bold=bold))
        for target, pct, gap in (
            (figures.assessment_target, figures.assessment_pct, figures.assessment_gap_pp),
            (figures.stretch_target, figures.stretch_pct, figures.stretch_gap_pp),
        ):
            behind = gap is not None and gap < 0
            cells += [
                sheet.number(excel_num(target), AMOUNT, bold=bold),
                sheet.number(excel_pct(pct), PCT, behind=behind, bold=bold),
                sheet.number(excel_num(gap), GAP, behind=behind, bold=bold),
            ]
        return cells

    def _summary(self, wb: Workbook, report: ProgressReport) -> None:
        completed = _("%(period)s完成") % {"period": self.period}
        widths = [14] + [11] * 20
        sheet = setup_sheet(wb, _("全市汇总"), widths, freeze="B5")
        sheet.ws.print_title_rows = "3:4"
        sheet.banner(self.title, font=TITLE_FONT, height=30)
        sheet.banner(self._note(report), font=NOTE_FONT, height=18, align=RIGHT)

        # The city's two indicators against both targets.
        city = report.city
        sheet.header([(_("单位"), None)] + [(str(label), self._indicator_subs(completed)) for _k, label in INDICATORS])
        sheet.append([sheet.text(city.name, bold=True)]
                     + self._indicator_cells(sheet, city.registered_fdi, share=False, bold=True)
                     + self._indicator_cells(sheet, city.paid_in_fdi, share=False, bold=True))
        sheet.blank()

        # The paid-in pace (万美元 a month).
        paid = city.paid_in_fdi
        remaining = 12 - report.month
        catch_up = (_("追赶月均（剩余%(n)s个月）") % {"n": remaining}) if remaining else _("追赶月均")
        sheet.banner(_("注册外资实际到帐进度（万美元/月）"), font=SECTION_FONT, height=22, align=LEFT)
        sheet.header([
            (_("单位"), None), (_("上年结余"), None), (_("月均到帐"), None),
            (_("应月均到帐"), [_("考核"), _("加压")]),
            (_("月均差额"), [_("考核"), _("加压")]),
            (catch_up, [_("考核"), _("加压")]),
        ])

        def short(value: Decimal | None) -> WriteOnlyCell:
            # A positive shortfall means arriving slower than the target needs: behind.
            return sheet.number(excel_num(value), AMOUNT, behind=value is not None and value > 0)

        sheet.append([
            sheet.text(city.name, bold=True),
            sheet.number(excel_num(paid.carry_over), AMOUNT),
            sheet.number(excel_num(paid.monthly_avg), AMOUNT),
            sheet.number(excel_num(paid.required_monthly_assessment), AMOUNT),
            sheet.number(excel_num(paid.required_monthly_stretch), AMOUNT),
            short(paid.monthly_shortfall_assessment),
            short(paid.monthly_shortfall_stretch),
            sheet.number(excel_num(paid.catch_up_monthly_assessment), AMOUNT),
            sheet.number(excel_num(paid.catch_up_monthly_stretch), AMOUNT),
        ])
        sheet.blank()

        # The groups: what each kind of unit contributed, how many are on schedule, done, blank.
        sheet.banner(_("各类单位完成情况"), font=SECTION_FONT, height=22, align=LEFT)
        group_subs = [_("完成数"), _("同比"), _("占全市%"), _("达考核序时单位数"), _("比上月增减"),
                      _("达加压序时单位数"), _("比上月增减"), _("完成全年考核目标单位数"), _("完成全年加压目标单位数")]
        sheet.header([(_("类别"), None), (_("单位数"), None)]
                     + [(str(label), group_subs) for _k, label in INDICATORS]
                     + [(_("双空白单位数"), None)])
        for kind, label in KIND_SHEETS:
            group = report.group(kind)
            if group is None:
                continue
            sheet.append([sheet.text(str(label), bold=True), sheet.number(group.units, COUNT)]
                         + self._group_cells(sheet, group.registered_fdi)
                         + self._group_cells(sheet, group.paid_in_fdi)
                         + [sheet.number(group.double_blank, COUNT, behind=group.double_blank > 0)])

    def _group_cells(self, sheet: Sheet, g: GroupIndicator) -> list:
        def change(value: int | None) -> WriteOnlyCell:
            return sheet.number(value, CHANGE, behind=value is not None and value < 0)

        return [
            sheet.number(excel_num(g.ytd), AMOUNT),
            sheet.number(excel_pct(g.yoy_pct), PCT),
            sheet.number(excel_pct(g.share_pct), PCT),
            sheet.number(g.on_schedule["assessment"], COUNT),
            change(g.on_schedule_change["assessment"]),
            sheet.number(g.on_schedule["stretch"], COUNT),
            change(g.on_schedule_change["stretch"]),
            sheet.number(g.done_for_year["assessment"], COUNT),
            sheet.number(g.done_for_year["stretch"], COUNT),
        ]

    # ------------------------------------------------------------------------- one sheet per kind

    def ranked(self, units: list[UnitRow]) -> list[UnitRow]:
        """Units by rank (ties in the unit order), those without a rank last."""
        def key(u: UnitRow) -> tuple[int, int]:
            rank = getattr(u, self.rank_by).rank_in_kind
            return (1, 0) if rank is None else (0, rank)

        return sorted(units, key=key)  # stable: the report's unit order breaks ties

    def _kind_sheet(self, wb: Workbook, report: ProgressReport, kind: str, label: str) -> None:
        units = self.ranked(report.units_of_kind(kind))
        group: GroupRow | None = report.group(kind)
        completed = _("%(period)s完成") % {"period": self.period}
        subs = [completed, _("同比"), _("占全市%"), _("考核目标"), _("完成考核%"), _("序时差距"),
                _("加压目标"), _("完成加压%"), _("序时差距")]
        widths = [6, name_width([u.name for u in units] + [label + _("合计")])] + [11] * (2 * len(subs))
        sheet = setup_sheet(wb, label, widths, freeze="C5")
        sheet.ws.print_title_rows = "3:4"
        sheet.banner(self.title, font=TITLE_FONT, height=30)
        rank_label = dict(INDICATORS)[self.rank_by]
        extra = _("%(kind)s%(n)s个，按%(indicator)s完成考核目标进度排名") % {
            "kind": label, "n": len(units), "indicator": rank_label}
        sheet.banner(self._note(report, extra), font=NOTE_FONT, height=18, align=RIGHT)
        sheet.header([(_("排名"), None), (_("单位"), None)] + [(str(lbl), subs) for _k, lbl in INDICATORS])
        for unit in units:
            rank = getattr(unit, self.rank_by).rank_in_kind
            sheet.append([sheet.number(rank, COUNT), sheet.text(unit.name)]
                         + self._indicator_cells(sheet, unit.registered_fdi, share=True)
                         + self._indicator_cells(sheet, unit.paid_in_fdi, share=True))
        if group is not None and units:
            total = [sheet.text(None, fill=TOTAL_FILL), sheet.text(label + _("合计"), bold=True, fill=TOTAL_FILL)]
            for g in (group.registered_fdi, group.paid_in_fdi):
                total += [sheet.number(excel_num(g.ytd), AMOUNT, bold=True, fill=TOTAL_FILL),
                          sheet.number(excel_pct(g.yoy_pct), PCT, bold=True, fill=TOTAL_FILL),
                          sheet.number(excel_pct(g.share_pct), PCT, bold=True, fill=TOTAL_FILL)]
                total += [sheet.text(None, fill=TOTAL_FILL) for _i in range(6)]
            sheet.append(total)

    # ------------------------------------------------------------------------------ large projects

    def _large_projects(self, wb: Workbook, report: ProgressReport, units: QuerySet[Unit] | None) -> None:
        # The counts are the city's; the list names projects and investors, so it holds only the projects
        # of the units the reader may see (a clerk: the own unit's).
        listed = large_projects(year=report.year, month=report.month)
        projects = list(listed if units is None else listed.filter(unit__in=units))
        widths = [6, name_width([p.name for p in projects], minimum=16), name_width([p.unit.name for p in projects]),
                  8, 9, 9, 12, 12, 12, name_width([p.investor for p in projects], minimum=12, maximum=30),
                  10, 12, 10]
        sheet = setup_sheet(wb, _("大项目"), widths, freeze="C5")
        sheet.ws.print_title_rows = "3:4"
        sheet.banner(self.title, font=TITLE_FONT, height=30)
        large = report.large_projects
        extra = _("%(period)s新批超千万美元项目%(n)s个（其中超亿美元%(m)s个），在谈超千万美元项目%(k)s个") % {
            "period": self.period, "n": large.over_1000, "m": large.over_10000, "k": large.negotiating_over_1000}
        sheet.banner(self._note(report, extra), font=NOTE_FONT, height=18, align=RIGHT)
        sheet.header([
            (_("序号"), None), (_("项目名称"), None), (_("引进单位"), None), (_("类别"), None),
            (_("项目类型"), None), (_("项目阶段"), None), (_("批准日期"), None),
            (_("金额（万美元）"), [_("注册外资"), _("总投资")]),
            (_("投资方"), None), (_("国别/地区"), None), (_("行业"), None), (_("骨干企业招商"), None),
        ])
        for index, project in enumerate(projects, start=1):
            approved = project.approved_on is not None
            date = WriteOnlyCell(sheet.ws, value=project.approved_on)
            date.number_format, date.border, date.font, date.alignment = DATE, BORDER, BODY_FONT, CENTER
            sheet.append([
                sheet.number(index, COUNT),
                sheet.text(project.name),
                sheet.text(project.unit.name),
                sheet.text(_("新批") if approved else _("在谈"), align=CENTER),
                sheet.text(project.get_type_display(), align=CENTER),
                sheet.text(project.get_stage_display(), align=CENTER),
                date,
                sheet.number(excel_num(project.registered_fdi), AMOUNT),
                sheet.number(excel_num(project.total_investment), AMOUNT),
                sheet.text(project.investor or None),
                sheet.text(project.country or None),
                sheet.text(project.industry or None),
                sheet.text(_("是") if project.backbone else _("否"), align=CENTER),
            ])
        if not projects:
            row = sheet.append([sheet.text(_("本期没有超千万美元的新批或在谈项目。"), border=False)])
            sheet.merge(1, row, sheet.columns, row)


__all__ = ["BriefingWorkbook", "display_width"]

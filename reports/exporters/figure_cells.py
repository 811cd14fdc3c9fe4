"""The briefing workbook's figure cells, shared by its sheets: an indicator's figures against each target
kind the year uses (考核 / 加压 / 翻番), and a group's counts — header labels and cells that match."""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl.cell import WriteOnlyCell

from reports.exporters.sheets import AMOUNT, CHANGE, COUNT, GAP, NOTE_FONT, PCT, RIGHT, Sheet, excel_num, excel_pct
from reports.progress import GroupIndicator, IndicatorFigures, ProgressReport
from reports.progress.results import TARGET_KIND_LABELS, TARGET_KIND_SHORT
from units.periods import period_label, period_title


@dataclass
class Briefing:
    """What every sheet of one briefing workbook shares: the report, its title and period wording."""

    report: ProgressReport

    @property
    def title(self) -> str:
        return _("%(city)s招商引资进度表（%(period)s）") % {
            "city": self.report.city.name, "period": period_title(self.report.year, self.report.month)}

    @property
    def period(self) -> str:
        return period_label(self.report.month)

    @property
    def completed(self) -> str:
        return _("%(period)s完成") % {"period": self.period}

    @property
    def kinds(self) -> tuple[str, ...]:
        return self.report.target_kinds

    def note(self, extra: str = "") -> str:
        report = self.report
        note = _("序时进度：%(schedule)s%%　　金额单位：万美元") % {"schedule": report.schedule_pct}
        if report.completeness is not None:
            # how complete the month is, and whether the figures are still provisional
            note += "　　" + report.completeness.sentence(report.month)
            if report.completeness.missing:
                note += _("（初步数）")
        return f"{note}　　{extra}" if extra else note

    def heading(self, sheet: Sheet, extra: str = "") -> None:
        from reports.exporters.sheets import TITLE_FONT

        sheet.ws.print_title_rows = "3:4"
        sheet.banner(self.title, font=TITLE_FONT, height=30)
        sheet.banner(self.note(extra), font=NOTE_FONT, height=18, align=RIGHT)

    # -- one indicator
    def indicator_subs(self, *, share: bool, kinds: tuple[str, ...] | None = None) -> list[str]:
        subs = [self.completed, _("同比")] + ([_("占全市%")] if share else [])
        for kind in kinds or self.kinds:
            subs += [str(TARGET_KIND_LABELS[kind]), _("完成%(kind)s%%") % {"kind": TARGET_KIND_SHORT[kind]}, _("序时差距")]
        return subs

    def indicator_cells(self, sheet: Sheet, figures: IndicatorFigures, *, share: bool, bold: bool = False,
                        fill=None, kinds: tuple[str, ...] | None = None) -> list[WriteOnlyCell]:
        cells = [sheet.number(excel_num(figures.ytd), AMOUNT, bold=bold, fill=fill),
                 sheet.number(excel_pct(figures.yoy_pct), PCT, bold=bold, fill=fill)]
        if share:
            cells.append(sheet.number(excel_pct(figures.share_pct), PCT, bold=bold, fill=fill))
        for kind in kinds or self.kinds:
            k = figures.of_kind(kind)
            behind = k.gap is not None and k.gap < 0
            cells += [sheet.number(excel_num(k.target), AMOUNT, bold=bold, fill=fill),
                      sheet.number(excel_pct(k.pct), PCT, behind=behind, bold=bold, fill=fill),
                      sheet.number(excel_num(k.gap), GAP, behind=behind, bold=bold, fill=fill)]
        return cells

    def group_total_cells(self, sheet: Sheet, g: GroupIndicator, fill) -> list[WriteOnlyCell]:
        """A group's total under its units: the amounts; the target columns are left empty."""
        return ([sheet.number(excel_num(g.ytd), AMOUNT, bold=True, fill=fill),
                 sheet.number(excel_pct(g.yoy_pct), PCT, bold=True, fill=fill),
                 sheet.number(excel_pct(g.share_pct), PCT, bold=True, fill=fill)]
                + [sheet.text(None, fill=fill) for _i in range(3 * len(self.kinds))])

    # -- one group
    def group_subs(self) -> list[str]:
        subs = [_("完成数"), _("同比"), _("占全市%")]
        for kind in self.kinds:
            subs += [_("达%(kind)s序时单位数") % {"kind": TARGET_KIND_SHORT[kind]}, _("比上月增减")]
        subs += [_("完成全年%(kind)s目标单位数") % {"kind": TARGET_KIND_SHORT[kind]} for kind in self.kinds]
        return subs

    def group_cells(self, sheet: Sheet, g: GroupIndicator) -> list[WriteOnlyCell]:
        def change(value: int | None) -> WriteOnlyCell:
            return sheet.number(value, CHANGE, behind=value is not None and value < 0)

        cells = [sheet.number(excel_num(g.ytd), AMOUNT), sheet.number(excel_pct(g.yoy_pct), PCT),
                 sheet.number(excel_pct(g.share_pct), PCT)]
        for kind in self.kinds:
            cells += [sheet.number(g.on_schedule[kind], COUNT), change(g.on_schedule_change[kind])]
        cells += [sheet.number(g.done_for_year[kind], COUNT) for kind in self.kinds]
        return cells

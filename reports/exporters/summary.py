"""The briefing workbook's first sheet, 全市汇总: the city's FDI figures against every target kind, the
paid-in pace, and what each kind of unit contributed."""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from reports.briefing import BriefingFacts
from reports.exporters.figure_cells import Briefing
from reports.exporters.sheets import AMOUNT, COUNT, LEFT, PCT, SECTION_FONT, excel_num, excel_pct, setup_sheet
from reports.progress.results import TARGET_KIND_SHORT
from targets.indicators import FDI, spec
from units.models import Unit


def kind_sheets() -> list[tuple[str, str]]:
    labels = {Unit.Kind.DEVELOPMENT_ZONE: _("开发区"), Unit.Kind.TOWNSHIP: _("乡镇"), Unit.Kind.DEPARTMENT: _("部门")}
    return [(kind, str(label)) for kind, label in labels.items()]


def write_summary(wb: Workbook, b: Briefing, facts: BriefingFacts | None = None) -> None:
    report = b.report
    widths = [14] + [11] * (2 * (2 + 3 * len(b.kinds)) + 2)
    sheet = setup_sheet(wb, _("全市汇总"), widths, freeze="B5")
    b.heading(sheet)

    # The city's two FDI indicators against each target kind it has.
    city = report.city
    own = tuple(k for k in b.kinds if any(city.figure(code).target(k) is not None for code in FDI)) or None
    sheet.header([(_("单位"), None)]
                 + [(str(spec(code).label), b.indicator_subs(share=False, kinds=own)) for code in FDI])
    sheet.append([sheet.text(city.name, bold=True)]
                 + [cell for code in FDI
                    for cell in b.indicator_cells(sheet, city.figure(code), share=False, bold=True, kinds=own)])
    sheet.blank()

    # The paid-in pace (万美元 a month).
    paid = city.paid_in_fdi
    remaining = 12 - report.month
    catch_up = (_("追赶月均（剩余%(n)s个月）") % {"n": remaining}) if remaining else _("追赶月均")
    kinds = paid.set_kinds
    shorts = [str(TARGET_KIND_SHORT[k.kind]) for k in kinds]
    sheet.banner(_("注册外资实际到帐进度（万美元/月）"), font=SECTION_FONT, height=22, align=LEFT)
    sheet.header([(_("单位"), None), (_("上年结余"), None), (_("月均到帐"), None),
                  (_("应月均到帐"), shorts), (_("月均差额"), shorts), (catch_up, shorts)])

    def short(value: Decimal | None) -> WriteOnlyCell:
        # A positive shortfall means arriving slower than the target needs: behind.
        return sheet.number(excel_num(value), AMOUNT, behind=value is not None and value > 0)

    sheet.append([sheet.text(city.name, bold=True), sheet.number(excel_num(paid.carry_over), AMOUNT),
                  sheet.number(excel_num(paid.monthly_avg), AMOUNT)]
                 + [sheet.number(excel_num(k.required), AMOUNT) for k in kinds]
                 + [short(k.shortfall) for k in kinds]
                 + [sheet.number(excel_num(k.catch_up), AMOUNT) for k in kinds])
    sheet.blank()

    if facts is not None:
        # 嫁接引资, backbone enterprises, capital increases: what each contributed.
        sheet.banner(_("嫁接引资、骨干企业招商、增资项目"), font=SECTION_FONT, height=22, align=LEFT)
        sheet.header([(_("类别"), None), (_("项目数"), None), (_("新批注册外资"), [_("金额"), _("占全市%")]),
                      (_("注册外资实际到帐"), [_("金额"), _("占全市%")])])
        for label, count, registered, registered_share, paid_in, paid_share in (
            (_("嫁接引资"), facts.grafted.count, facts.grafted.registered, facts.grafted.registered_share_pct,
             facts.grafted.paid_in, facts.grafted.paid_in_share_pct),
            (_("骨干企业招商"), None, facts.backbone.registered, facts.backbone.registered_share_pct,
             facts.backbone.paid_in, facts.backbone.paid_in_share_pct),
            (_("增资项目"), facts.increase.count, facts.increase.amount, None, facts.increase.paid_in,
             facts.increase.paid_in_share_pct),
        ):
            sheet.append([sheet.text(label, bold=True), sheet.number(count, COUNT),
                          sheet.number(excel_num(registered), AMOUNT), sheet.number(excel_pct(registered_share), PCT),
                          sheet.number(excel_num(paid_in), AMOUNT), sheet.number(excel_pct(paid_share), PCT)])
        sheet.blank()

    # The groups: what each kind of unit contributed, how many are on schedule, done, blank.
    sheet.banner(_("各类单位完成情况"), font=SECTION_FONT, height=22, align=LEFT)
    sheet.header([(_("类别"), None), (_("单位数"), None)]
                 + [(str(spec(code).label), b.group_subs()) for code in FDI]
                 + [(_("双空白单位数"), None)])
    for kind, label in kind_sheets():
        group = report.group(kind)
        if group is None:
            continue
        sheet.append([sheet.text(label, bold=True), sheet.number(group.units, COUNT)]
                     + [cell for code in FDI for cell in b.group_cells(sheet, group.figure(code))]
                     + [sheet.number(group.double_blank, COUNT, behind=group.double_blank > 0)])

"""The briefing workbook's 行业与来源地 sheet: the period's projects by 板块, by industry and by region
(``reports.breakdown``), each block ending with the city's total."""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook

from reports.breakdown import Breakdown, breakdown
from reports.exporters.figure_cells import Briefing
from reports.exporters.sheets import AMOUNT, COUNT, LEFT, PCT, SECTION_FONT, name_width, setup_sheet


def _ratio(pct: Decimal | None) -> float | None:
    return None if pct is None else float(pct) / 100


def write_breakdowns(wb: Workbook, b: Briefing) -> None:
    year, month = b.report.year, b.report.month
    blocks: list[Breakdown] = [breakdown(year=year, month=month, dimension=d) for d in ("sector", "industry", "region")]
    if not any(block.groups for block in blocks):
        return
    names = [g.label for block in blocks for g in block.groups]
    sheet = setup_sheet(wb, _("行业与来源地"), [name_width(names)] + [11] * 9, freeze="B5")
    b.heading(sheet, _("新批项目按批准日期计入；实际到帐为1-%(m)s月到帐的外资（含上年结余）") % {"m": month})
    sheet.header([(_("分组"), None)] + [
        (label, [_("金额") if amount else _("个数"), _("同比"), _("占全市")])
        for label, amount in ((_("新批项目"), False), (_("新批注册外资"), True), (_("注册外资实际到帐"), True))])
    for block in blocks:
        if not block.groups:
            continue
        sheet.banner(_("按%(by)s") % {"by": block.label}, font=SECTION_FONT, height=20, align=LEFT)
        for g in block.groups:
            sheet.append([sheet.text(g.label),
                          sheet.number(g.count, COUNT), sheet.number(_ratio(g.count_yoy), PCT),
                          sheet.number(_ratio(g.count_share), PCT),
                          sheet.number(float(g.registered), AMOUNT), sheet.number(_ratio(g.registered_yoy), PCT),
                          sheet.number(_ratio(g.registered_share), PCT),
                          sheet.number(float(g.paid_in), AMOUNT), sheet.number(_ratio(g.paid_in_yoy), PCT),
                          sheet.number(_ratio(g.paid_in_share), PCT)])
        sheet.append([sheet.text(_("全市合计"), bold=True), sheet.number(block.count, COUNT, bold=True), None, None,
                      sheet.number(float(block.registered), AMOUNT, bold=True), None, None,
                      sheet.number(float(block.paid_in), AMOUNT, bold=True), None, None])

"""The briefing workbook's 兄弟县市 sheet: for each indicator the 通报 gave, the counties ranked with the
city (§6), then the benchmarks and the counties the 通报 left out."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook

from reports.exporters.figure_cells import Briefing
from reports.exporters.sheets import AMOUNT, COUNT, LEFT, NOTE_FONT, PCT, SECTION_FONT, name_width, setup_sheet
from reports.progress.peers import LARGE_INDICATOR, group_name


def _ratio(pct: Decimal | None) -> float | None:
    return None if pct is None else float(pct) / 100


def write_peers(wb: Workbook, b: Briefing) -> None:
    tables = list(b.report.peers.values())
    if not tables:
        return
    names = [r.name for t in tables for r in t.ranked + t.benchmarks] + [n for t in tables for n in t.missing]
    sheet = setup_sheet(wb, _("兄弟县市"), [6, name_width(names), 14, 10, 12, 10], freeze="C5")
    b.heading(sheet, _("在%(group)s中的排位（兄弟县市数据取自地区通报）") % {
        "group": group_name(tables[0].size, settings.PREFECTURE_NAME)})
    sheet.header([(_("排位"), None), (_("县（市）"), None), (_("累计（万美元）"), None), (_("同比"), None),
                  (_("超千万美元项目（个）"), None), (_("上月排位"), None)])
    for table in tables:
        sheet.banner(table.label, font=SECTION_FONT, height=20, align=LEFT)
        for row, before in table.with_previous:
            sheet.append([sheet.number(row.rank, COUNT, bold=row.self), sheet.text(row.name, bold=row.self),
                          sheet.number(float(row.ytd or 0), AMOUNT, bold=row.self), sheet.number(_ratio(row.yoy_pct), PCT),
                          sheet.number(row.over_1000 if table.indicator == LARGE_INDICATOR else None, COUNT),
                          sheet.number(before, COUNT)])
        for row in table.benchmarks:
            sheet.append([None, sheet.text(_("%(name)s（参照）") % {"name": row.name}), sheet.number(float(row.ytd or 0), AMOUNT),
                          sheet.number(_ratio(row.yoy_pct), PCT), None, None])
        if table.missing:
            sheet.banner(_("本月通报未列：%(names)s") % {"names": "、".join(table.missing)}, font=NOTE_FONT, height=18,
                         align=LEFT)

"""The briefing workbook's ranked sheets: one per kind of unit for foreign investment (开发区 / 乡镇 /
部门, ranked by paid-in completion of the assessment target) and one per other indicator family in use
(外贸, 外经: every unit with a target or a figure, kind by kind, ranked by the family's first indicator)."""
from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from reports.exporters.figure_cells import Briefing
from reports.exporters.sheets import COUNT, LEFT, SECTION_FONT, TOTAL_FILL, name_width, setup_sheet
from reports.exporters.summary import kind_sheets
from reports.progress import UnitRow
from targets.indicators import FAMILIES, FDI, FOREIGN_CAPITAL, IndicatorSpec, of_family, spec

# The unit sheets are ranked by this indicator's completion of the assessment target (rank_in_kind):
# paid-in capital (实际外资) is the figure the city is itself ranked by among its peers.
RANK_BY = "paid_in_fdi"


def ranked(units: list[UnitRow], rank_by: str) -> list[UnitRow]:
    """Units by rank (ties in the unit order), those without a rank last."""
    def key(u: UnitRow) -> tuple[int, int]:
        rank = u.figure(rank_by).rank_in_kind
        return (1, 0) if rank is None else (0, rank)

    return sorted(units, key=key)  # stable: the report's unit order breaks ties


def _columns(b: Briefing, indicators: list[IndicatorSpec], names: list[str]) -> tuple[list[float], int]:
    subs = len(b.indicator_subs(share=True))
    return [6, name_width(names)] + [11] * (subs * len(indicators)), subs


def write_kind_sheet(wb: Workbook, b: Briefing, kind: str, label: str) -> None:
    report = b.report
    units = ranked(report.units_of_kind(kind), RANK_BY)
    group = report.group(kind)
    indicators = [spec(code) for code in FDI]
    widths, _subs = _columns(b, indicators, [u.name for u in units] + [label + _("合计")])
    sheet = setup_sheet(wb, label, widths, freeze="C5")
    b.heading(sheet, _("%(kind)s%(n)s个，按%(indicator)s完成考核目标进度排名") % {
        "kind": label, "n": len(units), "indicator": spec(RANK_BY).label})
    sheet.header([(_("排名"), None), (_("单位"), None)]
                 + [(str(s.label), b.indicator_subs(share=True)) for s in indicators])
    for unit in units:
        sheet.append([sheet.number(unit.figure(RANK_BY).rank_in_kind, COUNT), sheet.text(unit.name)]
                     + [cell for s in indicators for cell in b.indicator_cells(sheet, unit.figure(s.code), share=True)])
    if group is not None and units:
        sheet.append([sheet.text(None, fill=TOTAL_FILL), sheet.text(label + _("合计"), bold=True, fill=TOTAL_FILL)]
                     + [cell for s in indicators for cell in b.group_total_cells(sheet, group.figure(s.code), TOTAL_FILL)])


def write_family_sheet(wb: Workbook, b: Briefing, family: str) -> None:
    """外贸 / 外经: the city, then each kind's units that have a target or a figure of the family."""
    report = b.report
    indicators = [s for s in of_family(family) if report.active(s.code)]
    rank_by = indicators[0].code

    def concerned(u: UnitRow) -> bool:
        return any(u.figure(s.code).has_any_target or u.figure(s.code).ytd for s in indicators)

    sections = [(kind, label, ranked([u for u in report.units_of_kind(kind) if concerned(u)], rank_by))
                for kind, label in kind_sheets()]
    label = str(FAMILIES[family])
    names = [report.city.name] + [u.name for _k, _l, units in sections for u in units]
    widths, subs = _columns(b, indicators, names)
    sheet = setup_sheet(wb, label, widths, freeze="C5")
    b.heading(sheet, _("按%(indicator)s完成考核目标进度排名") % {"indicator": spec(rank_by).label})
    sheet.header([(_("排名"), None), (_("单位"), None)] + [(str(s.label), b.indicator_subs(share=True)) for s in indicators])
    sheet.append([sheet.text(None), sheet.text(report.city.name, bold=True)]
                 + [cell for s in indicators for cell in b.indicator_cells(sheet, report.city.figure(s.code), share=True,
                                                                           bold=True)])
    for kind, kind_label, units in sections:
        if not units:
            continue
        sheet.banner(kind_label, font=SECTION_FONT, height=20, align=LEFT)
        for unit in units:
            sheet.append([sheet.number(unit.figure(rank_by).rank_in_kind, COUNT), sheet.text(unit.name)]
                         + [cell for s in indicators for cell in b.indicator_cells(sheet, unit.figure(s.code), share=True)])
        group = report.group(kind)
        if group is not None:
            sheet.append([sheet.text(None, fill=TOTAL_FILL), sheet.text(kind_label + _("合计"), bold=True, fill=TOTAL_FILL)]
                         + [cell for s in indicators for cell in b.group_total_cells(sheet, group.figure(s.code), TOTAL_FILL)])


def families_in_use(b: Briefing) -> list[str]:
    """The indicator families beside foreign investment that the year uses (a target or a figure)."""
    return [family for family in FAMILIES if family != FOREIGN_CAPITAL
            and any(b.report.active(s.code) for s in of_family(family))]

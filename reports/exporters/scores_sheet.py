"""The briefing workbook's 考核得分 sheet: the year's rules, then each kind of unit ranked by its total."""
from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook

from reports.assessment import AssessmentReport
from reports.exporters.figure_cells import Briefing
from reports.exporters.sheets import COUNT, LEFT, NOTE_FONT, SECTION_FONT, name_width, setup_sheet
from reports.exporters.summary import kind_sheets

POINTS = "0.00"


def _points(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def write_scores(wb: Workbook, b: Briefing, assessment: AssessmentReport) -> None:
    if not assessment.rules:
        return
    names = [u.name for u in assessment.units]
    widths = [6, name_width(names)] + [12] * (len(assessment.rules) + 1)
    sheet = setup_sheet(wb, _("考核得分"), widths, freeze="C5")
    b.heading(sheet, _("按%(year)s年考核办法计分，同类单位分别排名") % {"year": assessment.year})
    sheet.header([(_("排名"), None), (_("单位"), None)]
                 + [(_("得分"), [_("%(label)s（%(w)s分）") % {"label": r.label, "w": f"{r.weight.normalize():f}"}
                                for r in assessment.rules] + [_("合计")])])
    for kind, label in kind_sheets():
        units = assessment.of_kind(kind)
        if not units:
            continue
        sheet.banner(label, font=SECTION_FONT, height=20, align=LEFT)
        for s in units:
            sheet.append([sheet.number(s.rank_in_kind, COUNT), sheet.text(s.name)]
                         + [sheet.number(_points(s.points[r.indicator]), POINTS) for r in assessment.rules]
                         + [sheet.number(float(s.total), POINTS, bold=True)])
    sheet.blank()
    for rule in assessment.rules:
        sheet.banner(f"{rule.label}：{rule.as_formula()}", font=NOTE_FONT, height=18, align=LEFT)

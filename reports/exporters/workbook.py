"""The briefing workbook (招商引资进度表): the city summary, each kind of unit ranked, a sheet per other
indicator family in use (外贸, 外经), the scores of the year's 考核办法, the large projects.

Formatted for printing as the bureau hands it out: a title with the city and the period, two-row Chinese
headers (an indicator's name spanning its columns), amounts in 万美元, completions as Excel percentages,
schedule gaps in points, everything behind schedule in red, header rows frozen and repeated on every
printed page, A4 landscape fitted to the page width. Every target kind the year uses has its columns
(考核, 加压, and 翻番 once a unit has a doubling target).

Written in openpyxl's write-only mode (a province of 2,000 units is some 50,000 cells). Every string that
comes from the data — unit, project, investor names — is an explicit text cell: a name such as
``=HYPERLINK(…)`` stays a name and never becomes a formula. The sheets are written by
``reports.exporters.summary``, ``.ranked`` and ``.projects_sheet``.
"""
from __future__ import annotations

from typing import IO

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from reports.assessment import assessment_report
from reports.briefing import briefing_facts
from reports.exporters import BaseExporter, register
from reports.exporters.breakdown_sheet import write_breakdowns
from reports.exporters.figure_cells import Briefing
from reports.exporters.peers_sheet import write_peers
from reports.exporters.projects_sheet import write_large_projects
from reports.exporters.ranked import RANK_BY, families_in_use, ranked, write_family_sheet, write_kind_sheet
from reports.exporters.scores_sheet import write_scores
from reports.exporters.sheets import display_width
from reports.exporters.summary import kind_sheets, write_summary
from reports.progress import ProgressReport, UnitRow
from units.models import Unit


@register
class BriefingWorkbook(BaseExporter):
    """招商引资进度表 (.xlsx): 全市汇总, 开发区 / 乡镇 / 部门 ranked, 外贸 / 外经 where used, 考核得分, 兄弟县市, 行业与来源地, 大项目."""

    identifier = "briefing_xlsx"
    verbose_name = gettext_lazy("招商引资进度表（Excel）")
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    extension = "xlsx"
    filename_stem = gettext_lazy("招商引资进度表")
    rank_by = RANK_BY

    def write(self, report: ProgressReport, fileobj: IO[bytes], *, units: QuerySet[Unit] | None = None) -> None:
        wb = Workbook(write_only=True)
        briefing = Briefing(report)
        write_summary(wb, briefing, briefing_facts(year=report.year, month=report.month, report=report))
        for kind, label in kind_sheets():
            write_kind_sheet(wb, briefing, kind, label)
        for family in families_in_use(briefing):
            write_family_sheet(wb, briefing, family)
        write_scores(wb, briefing, assessment_report(year=report.year, month=report.month))
        write_peers(wb, briefing)
        write_breakdowns(wb, briefing)
        write_large_projects(wb, briefing, units)
        wb.save(fileobj)

    def ranked(self, units: list[UnitRow]) -> list[UnitRow]:
        return ranked(units, self.rank_by)


__all__ = ["BriefingWorkbook", "display_width"]

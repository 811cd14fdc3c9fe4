"""The briefing workbook's 大项目 sheet: the large projects approved in the period and in negotiation."""
from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from reports.briefing import large_projects
from reports.exporters.figure_cells import Briefing
from reports.exporters.sheets import AMOUNT, BODY_FONT, BORDER, CENTER, COUNT, DATE, excel_num, name_width, setup_sheet
from units.models import Unit


def write_large_projects(wb: Workbook, b: Briefing, units: QuerySet[Unit] | None) -> None:
    # The counts are the city's; the list names projects and investors, so it holds only the projects
    # of the units the reader may see (a clerk: the own unit's).
    report = b.report
    listed = large_projects(year=report.year, month=report.month)
    projects = list(listed if units is None else listed.filter(unit__in=units))
    widths = [6, name_width([p.name for p in projects], minimum=16), name_width([p.unit.name for p in projects]),
              8, 9, 9, 12, 12, 12, name_width([p.investor for p in projects], minimum=12, maximum=30),
              10, 12, 10]
    sheet = setup_sheet(wb, _("大项目"), widths, freeze="C5")
    large = report.large_projects
    b.heading(sheet, _("%(period)s新批超千万美元项目%(n)s个（其中超亿美元%(m)s个），在谈超千万美元项目%(k)s个") % {
        "period": b.period, "n": large.over_1000, "m": large.over_10000, "k": large.negotiating_over_1000})
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

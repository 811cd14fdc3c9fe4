"""/reports/breakdown/ — projects by industry, 板块, country or region for 1–M月 (``reports.breakdown``):
a table with the city's totals and a chart; every signed-in user with a role reads it."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from reports import charts
from reports.breakdown import DIMENSIONS, breakdown
from reports.pages import ReportPage, report_page


@report_page(title=gettext_lazy("行业与来源地"))
def breakdown_page(request: HttpRequest, page: ReportPage) -> HttpResponse:
    by = request.GET.get("by") or "sector"
    if by not in DIMENSIONS:
        by = "sector"
    result = breakdown(year=page.year, month=page.month, dimension=by)
    page.context.update({
        "by": by, "dimensions": [(key, label) for key, (label, _model, _sql) in DIMENSIONS.items()],
        "breakdown": result,
        "chart": charts.breakdown_chart("breakdown-chart", result.groups,
                                        title=gettext_lazy("按%(by)s：注册外资与实际到帐") % {"by": result.label}),
        "city": page.report.city,
    })
    return render(request, "reports/breakdown.html", page.context)

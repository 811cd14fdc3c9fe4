"""GET /api/reports/progress?year=Y&month=M — the progress report as JSON (INTERFACES.md §2).

The door is ``units.decorators.api_view``: every answer, errors included, is JSON.
"""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from reports.cache import json_for
from reports.progress import ReportError
from units import periods
from units.decorators import api_view, json_error


@api_view
def progress(request: HttpRequest) -> HttpResponse:
    if "year" not in request.GET or "month" not in request.GET:
        return json_error(_("请提供年度和月份参数，例如 ?year=2007&month=7。"), 400)
    try:
        year, month = periods.parse_period(request.GET["year"], request.GET["month"])
        body = json_for(year=year, month=month)
    except (periods.PeriodError, ReportError) as error:
        return json_error(str(error), 400)
    return HttpResponse(body, content_type="application/json")

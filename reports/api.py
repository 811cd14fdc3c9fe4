"""GET /api/reports/progress?year=Y&month=M[&edition=latest|N] — the progress report as JSON (INTERFACES.md §2, §4);
GET /api/reports/assessment?year=Y&month=M — the scores and awards (§5).

The door is ``units.decorators.api_view``: every answer, errors included, is JSON.
"""
from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from reports.cache import assessment_for, json_for
from reports.editions import EditionError, edition_for
from reports.progress import ReportError, checked_period
from units import periods
from units.decorators import api_view, json_error


@api_view
def progress(request: HttpRequest) -> HttpResponse:
    """The report computed now; with ``edition=latest|N`` a published edition exactly as it was published
    (INTERFACES.md §4)."""
    if "year" not in request.GET or "month" not in request.GET:
        return json_error(_("请提供年度和月份参数，例如 ?year=2007&month=7。"), 400)
    try:
        year, month = periods.parse_period(request.GET["year"], request.GET["month"])
        if request.GET.get("edition"):
            body = edition_for(year, month, request.GET["edition"]).report_json.encode("utf-8")
        else:
            body = json_for(year=year, month=month)
    except EditionError as error:
        return json_error(str(error), 404 if str(request.GET["edition"]).strip().isdigit()
                          or request.GET["edition"].strip().lower() == "latest" else 400)
    except (periods.PeriodError, ReportError) as error:
        return json_error(str(error), 400)
    return HttpResponse(body, content_type="application/json")


@api_view
def assessment(request: HttpRequest) -> HttpResponse:
    """The scores of the year's rules for 1–M月 and its awards (INTERFACES.md §5)."""
    if "year" not in request.GET or "month" not in request.GET:
        return json_error(_("请提供年度和月份参数，例如 ?year=2007&month=7。"), 400)
    try:
        year, month = checked_period(request.GET["year"], request.GET["month"])
        data = assessment_for(year=year, month=month).as_json()
    except (periods.PeriodError, ReportError) as error:
        return json_error(str(error), 400)
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json")

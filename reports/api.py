"""GET /api/reports/progress?year=Y&month=M — the progress report as JSON (INTERFACES.md §2)."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reports.cache import json_for
from reports.progress import ReportError, validate_period
from units import access

JSON_OPTIONS = {"ensure_ascii": False}


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params=JSON_OPTIONS)


@require_GET
def progress(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return _error(_("请先登录。"), 401)
    if not access.can_read_reports(request.user):
        return _error(_("您的账号没有查看报表的权限。"), 403)
    if "year" not in request.GET or "month" not in request.GET:
        return _error(_("请提供年度和月份参数，例如 ?year=2007&month=7。"), 400)
    try:
        year, month = validate_period(request.GET["year"], request.GET["month"])
        body = json_for(year=year, month=month)
    except ReportError as error:
        return _error(str(error), 400)
    return HttpResponse(body, content_type="application/json")

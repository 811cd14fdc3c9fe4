"""Published editions (通报) on the portal: the list, publishing, the files as published, the restatement.

    /reports/editions/?year=Y&month=M             reports:editions     every role reads
    /reports/editions/publish/                    reports:publish      staff, POST
    /reports/editions/<id>/<json|xlsx|txt|docx>   reports:edition_file the stored bytes, never recomputed
    /reports/editions/<Y>/<M>/restatement/        reports:restatement  what moved since the latest edition

A clerk reads an edition's report JSON, review text and Word review (figures and counts only); the
briefing workbook names every unit's large projects and investors, so it is for staff and leaders only.
"""
from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from reports.cache import report_for
from reports.completeness import month_completeness
from reports.editions import latest_edition, publish, restatement
from reports.models import Edition
from reports.progress import ReportError, checked_period, has_data
from units import access, periods
from units.decorators import desk_view, no_store, report_view
from units.models import Unit
from units.periods import period_title

FILES = {
    "json": ("application/json", "progress", "json"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "招商引资进度表", "xlsx"),
    "txt": ("text/plain; charset=utf-8", "招商引资工作讲评", "txt"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "招商引资工作讲评", "docx"),
}


def _period(request: HttpRequest) -> tuple[int, int | None]:
    try:
        year = periods.parse_year(request.GET["year"]) if request.GET.get("year") else periods.due_period()[0]
        month = periods.parse_month(request.GET["month"]) if request.GET.get("month") else None
    except periods.PeriodError as error:
        raise BadRequest(str(error)) from None
    return year, month


@report_view
def editions(request: HttpRequest) -> HttpResponse:
    """The year's published editions, newest first; staff publish the month in focus from here."""
    year, month = _period(request)
    listed = Edition.objects.filter(year=year).select_related("published_by").defer(
        "report_json", "review_text", "briefing_xlsx", "review_docx")
    if month:
        listed = listed.filter(month=month)
    focus = month or periods.due_period()[1]
    context: dict[str, Any] = {"year": year, "month": month, "focus": focus, "editions": list(listed),
               "months": range(1, 13), "can_publish": access.can_manage(request.user),
               "workbook_for_reader": access.can_read_desk(request.user)}
    if context["can_publish"] and has_data(year):
        reporting = list(Unit.objects.exclude(kind=Unit.Kind.CITY).values_list("pk", flat=True))
        completeness, _states = month_completeness(reporting, year, focus)
        context["completeness"] = completeness
    return render(request, "reports/editions.html", context)


@desk_view(leaders_may_read=False)
def publish_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        year, month = checked_period(request.POST.get("year"), request.POST.get("month"))
    except ReportError as error:
        messages.error(request, str(error))
        return redirect(reverse("reports:editions"))
    edition = publish(year=year, month=month, user=access.signed_in(request.user))
    messages.success(request, _("已发布%(period)s第%(number)d期通报。") % {
        "period": period_title(year, month), "number": edition.number})
    return redirect("%s?year=%d&month=%d" % (reverse("reports:editions"), year, month))


@report_view
def edition_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """One file of an edition, byte for byte as published."""
    if kind not in FILES:
        raise BadRequest(_("文件类型只能是 json、xlsx、txt 或 docx。"))
    if kind == "xlsx" and not access.can_read_desk(request.user):
        raise PermissionDenied  # it lists every unit's large projects and investors
    edition = get_object_or_404(Edition, pk=pk)
    content_type, stem, extension = FILES[kind]
    body: bytes = {
        "json": edition.report_json.encode("utf-8"), "txt": edition.review_text.encode("utf-8"),
        "xlsx": bytes(edition.briefing_xlsx), "docx": bytes(edition.review_docx),
    }[kind]
    response = HttpResponse(body, content_type=content_type)
    name = _("%(stem)s_%(period)s_第%(number)d期.%(ext)s") % {
        "stem": stem, "period": period_title(edition.year, edition.month), "number": edition.number, "ext": extension}
    response["Content-Disposition"] = content_disposition_header(kind != "json", name) or ""
    return no_store(response)


@report_view
@require_safe
def restatement_view(request: HttpRequest, year: int, month: int) -> HttpResponse:
    """已更正: the figures of a published month that moved since its latest edition, and the changes behind them."""
    if not (periods.year_in_range(year) and periods.month_in_range(month)):
        raise BadRequest(periods.month_range_message())
    if latest_edition(year, month) is None:
        return render(request, "reports/restatement.html", {"year": year, "month": month, "result": None,
                                                             "period": period_title(year, month)})
    live = report_for(year=year, month=month).as_json()
    result = restatement(year, month, live)
    own = access.clerk_unit(request.user)
    if result is not None and own is not None:
        # the moved figures are city-wide; the recorded changes name projects, so a clerk sees the own unit's
        result.changes = [c for c in result.changes if c.unit_code == own.code]
    return render(request, "reports/restatement.html", {
        "year": year, "month": month, "result": result, "period": period_title(year, month),
    })

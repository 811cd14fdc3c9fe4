"""Briefing downloads (INTERFACES.md §3): the briefing workbook, the review page and the review as Word.

    /reports/exports/briefing.xlsx?year=Y&month=M   exports:briefing_xlsx
    /reports/exports/review/?year=Y&month=M         exports:review       (the text on a page)
    /reports/exports/review.docx?year=Y&month=M     exports:review_docx

Every signed-in user with a role may download (``units.access.can_read_reports``); anonymous users are
sent to sign in, users without a role get 403. Without year and month the latest month with data is
used; a bad or empty period gets a Chinese 400 page. The report comes from the cache
(``reports.cache.report_for``); the files are made by the exporters of ``reports.exporters``.
"""
from __future__ import annotations

import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from projects.services import current_period
from reports.briefing import period_title
from reports.cache import report_for
from reports.exporters import registry
from reports.exporters.review import review_for
from reports.decorators import report_view
from reports.progress import ProgressReport, ReportError, has_data, latest_period, validate_period


def period_from(request: HttpRequest) -> tuple[int, int]:
    """(year, month) from the query; both absent → the latest month with data. Raises ReportError."""
    year, month = request.GET.get("year"), request.GET.get("month")
    if not year and not month:
        return latest_period() or current_period()
    if not year or not month:
        raise ReportError(_("请同时提供年度和月份，例如 ?year=2007&month=7。"))
    return validate_period(year, month)


def report_from(request: HttpRequest) -> ProgressReport:
    year, month = period_from(request)
    if not has_data(year):
        raise ReportError(_("%(year)s年没有任何目标或项目数据。") % {"year": year})
    return report_for(year=year, month=month)


def bad_period(request: HttpRequest, error: ReportError) -> HttpResponse:
    return render(request, "reports/briefing_error.html", {"error": str(error)}, status=400)


def download(report: ProgressReport, identifier: str) -> HttpResponse:
    exporter = registry[identifier]()
    buffer = io.BytesIO()
    exporter.write(report, buffer)
    response = HttpResponse(buffer.getvalue(), content_type=exporter.content_type)
    # filename* (RFC 5987, UTF-8) carries the Chinese name; Django adds it for non-ASCII names.
    response["Content-Disposition"] = content_disposition_header(True, exporter.filename(report))
    return response


@report_view
def briefing_xlsx(request: HttpRequest) -> HttpResponse:
    try:
        report = report_from(request)
    except ReportError as error:
        return bad_period(request, error)
    return download(report, "briefing_xlsx")


@report_view
def review_docx(request: HttpRequest) -> HttpResponse:
    try:
        report = report_from(request)
    except ReportError as error:
        return bad_period(request, error)
    return download(report, "review_docx")


@report_view
def review(request: HttpRequest) -> HttpResponse:
    """The review text on a page, with the period's downloads."""
    try:
        report = report_from(request)
    except ReportError as error:
        return bad_period(request, error)
    text = review_for(report)
    return render(request, "reports/briefing_review.html", {
        "review": text,
        "year": report.year,
        "month": report.month,
        "period": period_title(report.year, report.month),
        "period_query": f"year={report.year}&month={report.month}",
        "months": range(1, 13),
    })

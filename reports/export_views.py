"""Briefing downloads (INTERFACES.md §3): the briefing workbook, the review page and the review as Word.

    /reports/exports/briefing.xlsx?year=Y&month=M   exports:briefing_xlsx
    /reports/exports/review/?year=Y&month=M         exports:review       (the text on a page)
    /reports/exports/review.docx?year=Y&month=M     exports:review_docx

Every signed-in user with a role may download (``units.access.can_read_reports``); anonymous users are
sent to sign in, users without a role get 403. Without year and month the latest month with data is
used; a bad or empty period gets a Chinese 400 page. The report comes from the cache
(``reports.pages.report_page``); the files are made by the exporters of ``reports.exporters``.
"""
from __future__ import annotations

import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from reports.exporters import registry
from reports.pages import ReportPage, report_page
from reports.progress import ProgressReport
from reports.review import review_for
from units import access
from units.periods import period_title


def download(request: HttpRequest, report: ProgressReport, identifier: str) -> HttpResponse:
    """One briefing file; its project lists hold what the reader may see (``units.access.entry_units``)."""
    exporter = registry[identifier]()
    buffer = io.BytesIO()
    exporter.write(report, buffer, units=access.entry_units(request.user))
    response = HttpResponse(buffer.getvalue(), content_type=exporter.content_type)
    # filename* (RFC 5987, UTF-8) carries the Chinese name; Django adds it for non-ASCII names.
    response["Content-Disposition"] = content_disposition_header(True, exporter.filename(report)) or ""
    return response


@report_page(download=True)
def briefing_xlsx(request: HttpRequest, page: ReportPage) -> HttpResponse:
    return download(request, page.report, "briefing_xlsx")


@report_page(download=True)
def review_docx(request: HttpRequest, page: ReportPage) -> HttpResponse:
    return download(request, page.report, "review_docx")


@report_page(download=True)
def review(request: HttpRequest, page: ReportPage) -> HttpResponse:
    """The review text on a page, with the period's downloads."""
    report = page.report
    return render(request, "reports/briefing_review.html", {
        "review": review_for(report),
        "year": report.year,
        "month": report.month,
        "period": period_title(report.year, report.month),
        "period_query": f"year={report.year}&month={report.month}",
        "months": range(1, 13),
    })

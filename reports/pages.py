"""The opening every report page and download shares: who may read, which period, the cached report.

``@report_page(title=…)`` wraps a dashboard view, ``@report_page(download=True)`` a briefing download or
the review page. The view is called as ``view(request, page, …)`` with a :class:`ReportPage` holding the
period (``page.year``, ``page.month``), the report (``page.report``) and the template context; a report
that cannot be made (a bad period, a year without data) is answered here, once for every page:
dashboards show the period form with the reason, downloads a Chinese 400 page.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.functional import Promise, SimpleLazyObject
from django.utils.translation import gettext as _

from reports.cache import data_version, page_key, report_and_freshness, report_for, year_has_data
from reports.cycle import month_cycle
from reports.filters import PeriodForm
from reports.progress import ProgressReport, ReportError, has_data, latest_period
from units import periods
from units.decorators import no_store, report_view


def default_period() -> periods.Period:
    """The latest month with data; the current month while there is none."""
    return latest_period() or periods.current_period()


def lazy(build: Callable[[], Any]) -> SimpleLazyObject:
    """A context value built on first use by the template (never, when the body comes from the cache)."""
    return SimpleLazyObject(build)


def load_report(context: dict[str, Any], *, year: int, month: int) -> ProgressReport:
    """The cached report of a period. On a dashboard (``context`` has the data version) a report that is the
    previous version's (another process is computing the new one) is said to the page's body cache
    (``page_fresh``), which then stores nothing."""
    version = context.get("version")
    if version is None:
        return report_for(year=year, month=month)
    report, fresh = report_and_freshness(year=year, month=month, version=version)
    context["page_fresh"] = context.get("page_fresh", True) and fresh
    return report


@dataclass
class ReportPage:
    """One request's period, its report and the template context."""

    request: HttpRequest
    year: int
    month: int
    report: ProgressReport
    context: dict[str, Any] = field(default_factory=dict)

    def load(self, *, year: int | None = None, month: int | None = None) -> ProgressReport:
        """The cached report of another period (the previous month, say)."""
        return load_report(self.context, year=year or self.year, month=month or self.month)


def _dashboard_context(request: HttpRequest) -> dict[str, Any]:
    """A dashboard's period from its form (a bad one is reported above the default period's figures), the
    data version and the page's cache key: each page's body is cached by the template under ``page_key``
    (``{% cached_body %}``), and what only the body needs is handed to it lazily, so a cached body costs
    no query."""
    form = PeriodForm(request.GET, default=default_period)
    year, month = form.period()
    version = data_version()
    return {"period_form": form, "year": year, "month": month, "version": version,
            "page_key": page_key(request, version), "period_query": f"year={year}&month={month}"}


def _download_period(request: HttpRequest) -> periods.Period:
    """(year, month) from the query; both absent → the latest month with data. Raises ReportError."""
    year, month = request.GET.get("year"), request.GET.get("month")
    if not year and not month:
        year_i, month_i = default_period()
    elif not year or not month:
        raise ReportError(_("请同时提供年度和月份，例如 ?year=2007&month=7。"))
    else:
        try:
            year_i, month_i = periods.parse_period(year, month)
        except periods.PeriodError as error:
            raise ReportError(str(error)) from None
    if not has_data(year_i):
        raise ReportError(periods.no_data_message(year_i))
    return year_i, month_i


def report_page(*, title: str | Promise | None = None, download: bool = False, private: bool = False) -> Callable:
    """Decorate a report view; see the module docstring. ``title`` names a dashboard on its error page;
    ``private``: the page lists projects and investors, so no cache may keep it (downloads never are)."""

    def decorator(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
        @report_view
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
            if download:
                try:
                    year, month = _download_period(request)
                    if periods.is_future(year, month):
                        raise ReportError(_("%(year)s年%(month)s月尚未到来，还没有这个月的数据。") % {"year": year, "month": month})
                    report = report_for(year=year, month=month)
                    return no_store(view(request, ReportPage(request, year, month, report), *args, **kwargs))
                except ReportError as error:
                    return render(request, "reports/briefing_error.html", {"error": str(error)}, status=400)
            context = _dashboard_context(request)
            year, month = context["year"], context["month"]
            form = context["period_form"]
            if form.is_bound and not form.is_valid():
                # A bad period is answered 400 with its reason and the form to correct it — never a
                # page of figures of another period that could be taken for the one asked for.
                context.update({"error": " ".join(form.non_field_errors()), "page_title": str(title or "")})
                return render(request, "reports/no_report.html", context, status=400)
            if periods.is_future(year, month):
                # a month that has not come: no gap is computed as if its figures were zero
                context.update({"error": _("%(year)s年%(month)s月尚未到来，还没有这个月的数据。") % {"year": year, "month": month},
                                "page_title": str(title or "")})
                return render(request, "reports/no_report.html", context)
            try:
                report = load_report(context, year=year, month=month)
                if not year_has_data(year, context["version"]):
                    # a year with nothing in it: say so, rather than a page of zeros (as downloads do)
                    raise ReportError(periods.no_data_message(year))
                context["cycle"] = lazy(lambda: month_cycle(report))
                response = view(request, ReportPage(request, year, month, report, context), *args, **kwargs)
                return no_store(response) if private else response
            except ReportError as error:
                context.update({"error": str(error), "page_title": str(title or "")})
                return render(request, "reports/no_report.html", context)

        return wrapped

    return decorator

"""Cached progress reports, keyed by (year, month, data version).

Every save or delete of a unit, target, schedule month, project or arrival bumps the data version once
its transaction commits; a report is recomputed only when the data it reads has changed.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.utils import translation

from reports.models import DataVersion
from reports.progress import ProgressReport, progress_report

T = TypeVar("T")

CACHE_SECONDS = 15 * 60
LOCK_SECONDS = 60
_ROW = 1


def data_version() -> int:
    """The current data version. One query."""
    version = DataVersion.objects.filter(pk=_ROW).values_list("version", flat=True).first()
    return version or 0


def bump_data_version() -> None:
    """Mark the data as changed (one UPDATE; creates the counter row the first time)."""
    if DataVersion.objects.filter(pk=_ROW).update(version=F("version") + 1):
        return
    try:
        with transaction.atomic():
            DataVersion.objects.create(pk=_ROW, version=2)
    except IntegrityError:  # created meanwhile by another process
        DataVersion.objects.filter(pk=_ROW).update(version=F("version") + 1)


def _bump_on_commit(**kwargs) -> None:
    connection = transaction.get_connection()
    # One bump per transaction is enough, however many rows it saves (an import saves thousands).
    # Django drops the pending callbacks of a rolled-back transaction, and with them this one.
    pending = getattr(connection, "_zs_pending_bump", None)
    if pending is not None and any(entry[1] is pending for entry in connection.run_on_commit):
        return

    def bump() -> None:
        connection._zs_pending_bump = None
        bump_data_version()

    connection._zs_pending_bump = bump
    transaction.on_commit(bump)


def connect_signals() -> None:
    from projects.models import (
        Arrival,
        Country,
        Industry,
        MonthSubmission,
        PeerCounty,
        PeerFigure,
        Project,
        ReportedFigure,
    )
    from reports.models import Edition
    from targets.models import AssessmentRule, AwardRule, ScheduleMonth, Target, YearSetting
    from units.models import Unit

    # Everything a report reads: the figures, the month's cycle (completeness, editions), the year's rules,
    # the peers' figures, and the 行业/国别 lists (a rename or merge saves its entry: the projects it renames
    # are updated in bulk, without signals of their own).
    for model in (Unit, Target, ScheduleMonth, YearSetting, Project, Arrival, ReportedFigure, MonthSubmission,
                  Edition, AssessmentRule, AwardRule, PeerCounty, PeerFigure, Industry, Country):
        post_save.connect(_bump_on_commit, sender=model, dispatch_uid=f"zs-bump-save-{model.__name__}")
        post_delete.connect(_bump_on_commit, sender=model, dispatch_uid=f"zs-bump-delete-{model.__name__}")


def single_flight(key: str, latest_key: str, compute: Callable[[], T]) -> tuple[T, bool]:
    """The value cached under ``key``, computed by one process at a time: ``(value, fresh)``.

    After a change every worker misses at once; the first takes a lock and computes, the others get the
    value of the previous data version (``latest_key``) meanwhile — ``fresh`` is then False, and callers
    must not cache anything derived from it under the new version. With no previous value they compute.
    """
    value = cache.get(key)
    if value is not None:
        return value, True
    lock = f"{key}:lock"
    if cache.add(lock, 1, LOCK_SECONDS):
        try:
            value = compute()
            cache.set_many({key: value, latest_key: value}, CACHE_SECONDS)
        finally:
            cache.delete(lock)
        return value, True
    stale = cache.get(latest_key)
    if stale is not None:
        return stale, False
    return compute(), True


def report_and_freshness(*, year: int, month: int, version: int) -> tuple[ProgressReport, bool]:
    """The report for 1–M月 at ``version``, or the previous version's while another process computes it."""
    return single_flight(
        f"zs:progress:{version}:{year}:{month}", f"zs:progress:latest:{year}:{month}",
        lambda: progress_report(year=year, month=month),
    )


def report_for(*, year: int, month: int, version: int | None = None) -> ProgressReport:
    """The progress report for 1–M月, from the cache while the data has not changed.

    ``version`` is the data version when the caller has read it already (saves the query)."""
    version = data_version() if version is None else version
    report, _fresh = report_and_freshness(year=year, month=month, version=version)
    return report


def assessment_for(*, year: int, month: int, version: int | None = None):
    """The scores and awards of 1–M月 (``reports.assessment``), cached per data version like the report."""
    from reports.assessment import assessment_report

    version = data_version() if version is None else version
    value, _fresh = single_flight(f"zs:assessment:{version}:{year}:{month}", f"zs:assessment:latest:{year}:{month}",
                                  lambda: assessment_report(year=year, month=month))
    return value


def cached_month_ranks(*, year: int, month: int, version: int | None = None) -> dict:
    """``reports.progress.month_ranks``, cached per data version (the rankings' "比上月")."""
    from reports.progress import month_ranks

    version = data_version() if version is None else version
    value, _fresh = single_flight(f"zs:ranks:{version}:{year}:{month}", f"zs:ranks:latest:{year}:{month}",
                                  lambda: month_ranks(year=year, month=month))
    return value


def year_has_data(year: int, version: int) -> bool:
    """``reports.progress.has_data`` for ``year``, cached per data version (a page asks it on every view)."""
    from reports.progress import has_data

    key = f"zs:has-data:{version}:{year}"
    found = cache.get(key)
    if found is None:
        found = has_data(year)
        cache.set(key, found, CACHE_SECONDS)
    return bool(found)


def page_key(request: HttpRequest, version: int) -> str:
    """What a report page's body depends on: the data, the language, what the viewer may open, the
    address (period, filters, sorting). Pages cache their body under it (``{% cache … page_key %}``)."""
    from units import access

    unit = access.clerk_unit(request.user)
    scope = f"{access.role_of(request.user)}:{unit.pk if unit else ''}"
    return f"{version}|{translation.get_language()}|{scope}|{request.get_full_path()}"


def json_for(*, year: int, month: int) -> bytes:
    """The report's JSON (INTERFACES.md §2) as bytes, serialised once per data version."""
    import json

    from reports.progress import ReportError, has_data
    from units import periods

    version = data_version()

    def serialise() -> bytes:
        if not has_data(year):
            raise ReportError(periods.no_data_message(year))
        report = progress_report(year=year, month=month)
        return json.dumps(report.as_json(), ensure_ascii=False).encode()

    body, _fresh = single_flight(
        f"zs:progress-json:{version}:{year}:{month}", f"zs:progress-json:latest:{year}:{month}", serialise
    )
    return body

"""The progress report (进度报表) for a year and month: every unit and group, in a fixed number of queries.

Beside the figures it says how complete the month's reporting is (``reports.completeness``: four
queries) and compares "比上月" with the previous month's latest published edition where there is one
(``reports.editions``: one query).

``progress_report(year=Y, month=M)`` returns a :class:`ProgressReport` whose ``as_json()`` is the JSON of
INTERFACES.md §2. The JSON API, the management command, the dashboards and the briefing exports all call
this one function; nothing else computes these figures.

How it is computed — two queries whatever the number of units, for every indicator of
``targets.indicators`` alike:
1. the year's schedule (``ScheduleMonth`` rows, or M / 12);
2. one statement: a recursive CTE gives each unit its subtree (so the city, or any unit, sums
   everything under it at any depth); registered FDI, large-project counts, paid-in arrivals and the
   reported monthly figures (trade, exports, 外经) are aggregated once per credited unit with conditional sums (this period, last month, same period last
   year, carry-over), rolled up the tree, joined to the targets, and every figure of
   ``reports.formulas`` is computed in SQL, with ``RANK()`` over the unit's kind. The group rows are a
   CTE over the same per-unit figures (a group sums the projects credited to units of its kind, so
   groups add up to the city), joined beside each unit row.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Exists, Q
from django.utils.translation import gettext as _

from projects.models import Arrival, Project, ReportedFigure
from projects.selectors import latest_data_period
from reports.completeness import month_completeness
from reports.editions import previous_comparison
from reports.progress.mapping import db_date, db_number, fetch_rows, group_row, unit_row
from reports.progress.peers import PeerTable, peer_tables
from reports.progress.results import (
    GroupIndicator,
    GroupRow,
    IndicatorFigures,
    LargeProjects,
    PaidInFigures,
    ProgressReport,
    UnitRow,
)
from reports.progress.sql import REPORT_SQL
from targets.models import ScheduleMonth, Target
from units import periods
from units.models import Unit

CENT = Decimal("0.01")
LARGE = Decimal("1000")  # 超千万美元: registered FDI ≥ 1,000 万美元
VERY_LARGE = Decimal("10000")  # 超亿美元: ≥ 10,000 万美元
GROUP_KINDS = (Unit.Kind.DEVELOPMENT_ZONE, Unit.Kind.TOWNSHIP, Unit.Kind.DEPARTMENT)

__all__ = [
    "CENT", "GROUP_KINDS", "LARGE", "VERY_LARGE", "GroupIndicator", "GroupRow", "IndicatorFigures",
    "LargeProjects", "PaidInFigures", "PeerTable", "ProgressReport", "ReportError", "UnitRow", "even_schedule_pct",
    "checked_period", "has_data", "latest_period", "month_ranks", "progress_report", "report_params",
    "schedule_for_year",
]


class ReportError(ValueError):
    """A report that cannot be made for these parameters; the message is for the user (Chinese)."""


# --------------------------------------------------------------------------------------------- schedule


def even_schedule_pct(month: int) -> Decimal:
    """序时进度 schedule = M / 12 × 100, in % (0.01): the share of the year's target due by month M."""
    return (Decimal(100) * month / 12).quantize(CENT, ROUND_HALF_UP)


def schedule_for_year(year: int) -> dict[int, Decimal]:
    """The schedule of every month of ``year`` (%), from the year's own ``ScheduleMonth`` rows where set,
    otherwise M / 12. One query."""
    own = dict(ScheduleMonth.objects.filter(year=year).values_list("month", "cumulative_pct"))
    return {m: Decimal(own[m]).quantize(CENT) if m in own else even_schedule_pct(m) for m in range(1, 13)}


def latest_period() -> tuple[int, int] | None:
    """The latest (year, month) with data: the latest of the last arrival, the last approval and the last
    reported figure. Three queries."""
    return latest_data_period()


def has_data(year: int) -> bool:
    """Whether the year has any target, approval, arrival or reported figure at all. One query."""
    return Unit.objects.filter(kind=Unit.Kind.CITY).annotate(
        t=Exists(Target.objects.filter(year=year)),
        p=Exists(Project.objects.filter(approved_on__year=year)),
        a=Exists(Arrival.objects.filter(year=year)),
        r=Exists(ReportedFigure.objects.filter(year=year)),
    ).filter(Q(t=True) | Q(p=True) | Q(a=True) | Q(r=True)).exists()


def checked_period(year: Any, month: Any) -> tuple[int, int]:
    """(year, month) typed by a user, checked to be a period with data; ReportError (Chinese) otherwise."""
    try:
        year_i, month_i = periods.parse_period(year, month)
    except periods.PeriodError as error:
        raise ReportError(str(error)) from None
    if not has_data(year_i):
        raise ReportError(periods.no_data_message(year_i))
    return year_i, month_i


def report_params(year: int, month: int, schedule: dict[int, Decimal]) -> dict[str, Any]:
    """The parameters of the report's statement (``reports.progress.sql``) for 1–M月 of ``year``."""
    prev_month = month - 1
    prev_end = periods.month_end(year, prev_month) if prev_month else dt.date(year - 1, 12, 31)
    return {
        "year": year,
        "last_year": year - 1,
        "month": month,
        "prev_month": prev_month,
        "start": db_date(dt.date(year, 1, 1)),
        "end": db_date(periods.month_end(year, month)),
        "prev_end": db_date(prev_end),
        "ly_start": db_date(dt.date(year - 1, 1, 1)),
        "ly_end": db_date(periods.month_end(year - 1, month)),
        "schedule": db_number(schedule[month]),
        "prev_schedule": db_number(schedule[prev_month] if prev_month else Decimal(0)),
        "large": db_number(LARGE),
        "very_large": db_number(VERY_LARGE),
    }


def month_ranks(*, year: int, month: int) -> dict[str, dict[str, dict[str, int | None]]]:
    """Each unit's ranks in 1–M月 by indicator and target kind — what "比上月" of a ranking compares with —
    from the report's own statement without building its figures (two queries)."""
    from targets.indicators import INDICATORS, KIND_PREFIX

    rows = fetch_rows(REPORT_SQL, report_params(year, month, schedule_for_year(year)))
    return {row["code"]: {spec.code: {kind: None if row[f"{spec.prefix}_rank_{p}"] is None
                                      else int(row[f"{spec.prefix}_rank_{p}"]) for kind, p in KIND_PREFIX.items()}
                          for spec in INDICATORS}
            for row in rows}


def progress_report(*, year: int, month: int) -> ProgressReport:
    """The whole progress report for 1–M月 of ``year``; see the module docstring. Two queries."""
    if not periods.month_in_range(month):
        raise ReportError(periods.month_range_message())
    schedule = schedule_for_year(year)
    prev_month = month - 1
    rows = fetch_rows(REPORT_SQL, report_params(year, month, schedule))
    city = next((r for r in rows if r["kind"] == Unit.Kind.CITY), None)
    if city is None:
        raise ReportError(_("尚未设置市本级单位，无法生成报表。"))
    group_rows = {r["g_kind"]: r for r in rows if r["g_kind"] is not None}
    completeness, states = month_completeness([r["id"] for r in rows if r["kind"] != Unit.Kind.CITY], year, month)
    units = [replace(unit_row(r), submission=states.get(r["id"])) for r in rows]
    groups = [group_row(group_rows[k], january=month == 1) for k in GROUP_KINDS if k in group_rows]
    own = next(u for u in units if u.kind == Unit.Kind.CITY)
    peers = peer_tables(year=year, month=month, city=own, over_1000=int(city["large"]))
    previous = previous_comparison(year, month)
    if previous is not None:
        # "比上月" compares with what the meeting was told: month M − 1's latest published edition.
        groups = [_against_edition(g, previous.on_schedule.get(g.kind, {})) for g in groups]
    return ProgressReport(
        year=year,
        month=month,
        schedule_pct=schedule[month],
        last_month_schedule_pct=schedule[prev_month] if prev_month else None,
        units=units,
        groups=groups,
        # The city rolls up every unit, so its counts are the city's large projects.
        large_projects=LargeProjects(
            over_1000=int(city["large"]), over_10000=int(city["very_large"]),
            negotiating_over_1000=int(city["pipeline_large"]),
        ),
        completeness=completeness,
        peers=peers,
        previous_edition=previous.number if previous else None,
        previous_ranks=previous.ranks if previous else {},
    )


def _against_edition(group: GroupRow, announced: dict[str, dict[str, int]]) -> GroupRow:
    """The group's on-schedule changes against an edition's counts (the count now minus the announced one)."""
    def against(indicator: str, figures: GroupIndicator) -> GroupIndicator:
        before = announced.get(indicator, {})
        change = {kind: (count - before[kind] if kind in before else figures.on_schedule_change.get(kind))
                  for kind, count in figures.on_schedule.items()}
        return replace(figures, on_schedule_change=change)

    return replace(group, figures={code: against(code, figures) for code, figures in group.figures.items()})

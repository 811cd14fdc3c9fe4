"""Figures the dashboards need beside the progress report: month-by-month lines, rank changes, large projects.

Same habits as ``reports.progress``: the arithmetic happens in the database, each function runs a fixed
number of queries whatever the number of units, and each docstring states its formula. The month-M point
of a cumulative line uses the very predicates of the progress report, so it equals the report's YTD.
"""
from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, F, Q, QuerySet, Sum

from projects.models import PIPELINE_STAGES, Arrival, Project, ReportedFigure
from reports.progress import CENT, LARGE, ProgressReport
from targets.indicators import APPROVALS, INDICATORS
from units.models import Unit

MONTHS = tuple(range(1, 13))


def _dec(value: Any) -> Decimal:
    """A database sum as a Decimal to 0.01 (SQLite returns floats, PostgreSQL Decimals)."""
    if value is None:
        return Decimal("0.00")
    if type(value) is not Decimal:
        value = Decimal(repr(value))
    return value.quantize(CENT, ROUND_HALF_UP)


def _db_date(value: dt.date) -> Any:
    return connection.ops.adapt_datefield_value(value)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _monthly_sql() -> str:
    unit = Unit._meta.db_table
    project = Project._meta.db_table
    arrival = Arrival._meta.db_table
    reg, paid = [], []
    approvals = [(spec, "reg" if not spec.grafted_only else spec.prefix, " AND p.grafted" if spec.grafted_only else "")
                 for spec in INDICATORS if spec.source == APPROVALS]
    for prefix, year_param, start in (("", "year", "start"), ("ly_", "last_year", "ly_start")):
        for m in MONTHS:
            for _spec, column, grafted in approvals:
                reg.append(
                    f"SUM(CASE WHEN p.approved_on >= %({start})s AND p.approved_on <= %({prefix}end_{m})s{grafted} "
                    f"THEN p.registered_fdi ELSE 0 END) AS {prefix}{column}_{m}"
                )
            paid.append(
                f"SUM(CASE WHEN a.year = %({year_param})s AND a.month <= {m} THEN a.amount ELSE 0 END) "
                f"AS {prefix}paid_{m}"
            )
    figures = [
        f"SUM(CASE WHEN f.indicator = '{spec.code}' AND f.year = %({year_param})s AND f.month <= {m} "
        f"THEN f.amount ELSE 0 END) AS {prefix}{spec.prefix}_{m}"
        for spec in INDICATORS if spec.reported
        for prefix, year_param in (("", "year"), ("ly_", "last_year")) for m in MONTHS
    ]
    reg_cols = ",\n        ".join(reg)
    paid_cols = ",\n        ".join(paid)
    figure_cols = ",\n        ".join(figures)
    return f"""
WITH RECURSIVE sub(id, depth) AS (
    SELECT id, 0 FROM {unit} WHERE code = %(code)s
    UNION ALL
    SELECT child.id, sub.depth + 1 FROM {unit} child JOIN sub ON child.parent_id = sub.id
    WHERE sub.depth < 32
),
reg AS (
    SELECT {reg_cols}
    FROM {project} p
    WHERE p.unit_id IN (SELECT id FROM sub) AND p.approved_on >= %(ly_start)s AND p.approved_on <= %(end_12)s
),
paid AS (
    SELECT {paid_cols}
    FROM {arrival} a JOIN {project} p ON p.id = a.project_id
    WHERE p.unit_id IN (SELECT id FROM sub) AND a.year IN (%(year)s, %(last_year)s)
),
fig AS (
    SELECT {figure_cols}
    FROM {ReportedFigure._meta.db_table} f
    WHERE f.unit_id IN (SELECT id FROM sub) AND f.year IN (%(year)s, %(last_year)s)
)
SELECT * FROM reg CROSS JOIN paid CROSS JOIN fig"""


MONTHLY_SQL = _monthly_sql()


def monthly_cumulative(*, unit_code: str, year: int) -> dict[str, Any]:
    """累计完成 month by month: for each month M of ``year`` (and of the year before), the cumulative
    1–M月 figures of the unit and everything under it, in 万美元 (0.01). One query.

    - registered FDI(M) = Σ registered_fdi of projects approved from 1 January to the last day of M;
    - paid-in FDI(M) = Σ arrivals of the year with month ≤ M (the carry-over, booked to January, included);
    - a reported indicator (M) = Σ the unit's monthly figures of months 1–M.

    Returns ``{"year", "months": [1..12], <code>: [12], <code>_last_year: [12]}`` for every indicator
    code; an unknown code gives zeros.
    """
    params: dict[str, Any] = {
        "code": unit_code, "year": year, "last_year": year - 1,
        "start": _db_date(dt.date(year, 1, 1)), "ly_start": _db_date(dt.date(year - 1, 1, 1)),
    }
    for m in MONTHS:
        params[f"end_{m}"] = _db_date(_month_end(year, m))
        params[f"ly_end_{m}"] = _db_date(_month_end(year - 1, m))
    with connection.cursor() as cursor:
        cursor.execute(MONTHLY_SQL, params)
        names = [c[0] for c in cursor.description]
        row = dict(zip(names, cursor.fetchone(), strict=False))
    lines: dict[str, Any] = {"year": year, "months": list(MONTHS)}
    for spec in INDICATORS:
        column = {"registered_fdi": "reg", "paid_in_fdi": "paid"}.get(spec.code, spec.prefix)
        lines[spec.code] = [_dec(row[f"{column}_{m}"]) for m in MONTHS]
        lines[f"{spec.code}_last_year"] = [_dec(row[f"ly_{column}_{m}"]) for m in MONTHS]
    return lines


def schedule_line(*, target: Decimal | None, schedule: dict[int, Decimal]) -> list[Decimal] | None:
    """序时目标线 the schedule line: target × schedule(M) / 100 for every month, in 万美元 (0.01) — what
    the unit should have done by each month. None without a target. No query (``schedule`` is
    ``progress.schedule_for_year(year)``)."""
    if not target:
        return None
    return [(target * schedule[m] / 100).quantize(CENT, ROUND_HALF_UP) for m in MONTHS]


def rank_changes(current: ProgressReport, previous: ProgressReport | dict | None, *, indicator: str,
                 target_kind: str = "assessment") -> dict[str, int | None]:
    """排位变化 rank change of each unit = last month's rank − this month's, by completion of the chosen
    target kind: positive when the unit moved up, negative when it fell back, 0 when it kept its place.
    None where either month has no rank (no such target) or there is no previous month (January). Last
    month's ranks are those of its latest published edition where there is one (INTERFACES.md §4), else
    ``previous``: its report, or its ranks alone (``month_ranks``). No query."""
    changes: dict[str, int | None] = {}
    if current.previous_edition is not None:
        # what the meeting was told last month: the ranks of its published edition
        before = {code: ranks.get(indicator, {}).get(target_kind) for code, ranks in current.previous_ranks.items()}
    else:
        before = {}
        if isinstance(previous, dict):  # ``reports.progress.month_ranks``: the ranks alone
            before = {code: ranks.get(indicator, {}).get(target_kind) for code, ranks in previous.items()}
        elif previous is not None:
            before = {u.code: u.figure(indicator).rank(target_kind) for u in previous.units}
    for u in current.units:
        now, then = u.figure(indicator).rank(target_kind), before.get(u.code)
        changes[u.code] = None if now is None or then is None else then - now
    return changes


# ------------------------------------------------------------------------------------- large projects


def _period(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), _month_end(year, month)


def large_projects_approved(*, year: int, month: int) -> QuerySet[Project]:
    """超千万美元项目: projects approved in 1–M月 of ``year`` with registered FDI ≥ 1,000 万美元 (those
    ≥ 10,000 万 are 超亿), largest first — the projects behind ``report.large_projects``. One query."""
    start, end = _period(year, month)
    return (
        Project.objects.filter(approved_on__gte=start, approved_on__lte=end, registered_fdi__gte=LARGE)
        .select_related("unit")
        .order_by("-registered_fdi", "code")
    )


def unit_projects(*, unit_id: int, year: int, month: int) -> QuerySet[Project]:
    """The projects credited to one unit, each with ``paid_in`` = Σ its arrivals of ``year`` with
    month ≤ M (万美元, the carry-over included): approved ones by approval date, then the pipeline. One query."""
    return (
        Project.objects.filter(unit_id=unit_id)
        .select_related("unit")
        .annotate(paid_in=Sum("arrivals__amount", filter=Q(arrivals__year=year, arrivals__month__lte=month)))
        .order_by(F("approved_on").desc(nulls_last=True), "code")
    )


def pipeline_projects() -> QuerySet[Project]:
    """在谈项目库: projects still negotiating or signed (not yet approved), by unit then stage. One query."""
    return (
        Project.objects.filter(stage__in=PIPELINE_STAGES)
        .select_related("unit")
        .order_by("unit__sort_order", "unit__code", "stage", "-registered_fdi", "code")
    )


def pipeline_by_stage() -> list[dict[str, Any]]:
    """The pipeline per stage: number of projects, of those ≥ 1,000 万美元, and their registered FDI
    (万美元). One grouped query; every pipeline stage is listed, with zeros where empty."""
    rows = {
        r["stage"]: r
        for r in Project.objects.filter(stage__in=PIPELINE_STAGES).values("stage").annotate(
            projects=Count("id"),
            large=Count("id", filter=Q(registered_fdi__gte=LARGE)),
            registered_fdi=Sum("registered_fdi"),
        )
    }
    labels = dict(Project.Stage.choices)
    return [
        {
            "stage": stage,
            "label": str(labels[stage]),
            "projects": rows.get(stage, {}).get("projects", 0),
            "large": rows.get(stage, {}).get("large", 0),
            "registered_fdi": _dec(rows.get(stage, {}).get("registered_fdi")),
        }
        for stage in PIPELINE_STAGES
    ]


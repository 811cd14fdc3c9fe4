"""The progress report (进度报表) for a year and month: every unit and group, in a fixed number of queries.

``progress_report(year=Y, month=M)`` returns a :class:`ProgressReport` whose ``as_json()`` is the JSON of
INTERFACES.md §2. The JSON API, the management command, the dashboards and the briefing exports all call
this one function; nothing else computes these figures.

How it is computed — two queries whatever the number of units:
1. the year's schedule (``ScheduleMonth`` rows, or M / 12);
2. one statement: a recursive CTE gives each unit its subtree (so the city, or any unit, sums
   everything under it at any depth); registered FDI, large-project counts and paid-in arrivals are
   aggregated once per credited unit with conditional sums (this period, last month, same period last
   year, carry-over), rolled up the tree, joined to the targets, and every figure of
   ``reports.formulas`` is computed in SQL, with ``RANK()`` over the unit's kind. The group rows are a
   CTE over the same per-unit figures (a group sums the projects credited to units of its kind, so
   groups add up to the city), joined beside each unit row.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection
from django.db.models import Exists, Max, Q
from django.utils.translation import gettext as _

from projects.models import Arrival, Project
from reports import formulas as f
from targets.models import ScheduleMonth, Target
from units.models import Unit

CENT = Decimal("0.01")
LARGE = Decimal("1000")  # 超千万美元: registered FDI ≥ 1,000 万美元
VERY_LARGE = Decimal("10000")  # 超亿美元: ≥ 10,000 万美元
GROUP_KINDS = (Unit.Kind.DEVELOPMENT_ZONE, Unit.Kind.TOWNSHIP, Unit.Kind.DEPARTMENT)


class ReportError(ValueError):
    """A report that cannot be made for these parameters; the message is for the user (Chinese)."""


# ---------------------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class IndicatorFigures:
    """One unit's figures for one indicator, cumulative 1–M月. Amounts in 万美元, percentages in %."""

    ytd: Decimal
    last_year_ytd: Decimal
    yoy_pct: Decimal | None
    share_pct: Decimal | None
    assessment_target: Decimal | None
    stretch_target: Decimal | None
    doubling_target: Decimal | None
    assessment_pct: Decimal | None
    stretch_pct: Decimal | None
    doubling_pct: Decimal | None
    assessment_gap_pp: Decimal | None
    stretch_gap_pp: Decimal | None
    rank_in_kind: int | None
    on_schedule_assessment: bool
    on_schedule_stretch: bool
    done_assessment: bool
    done_stretch: bool
    last_month_ytd: Decimal


@dataclass(frozen=True)
class PaidInFigures(IndicatorFigures):
    """Paid-in adds the pace figures: monthly arrival, required and catch-up rates (万美元 a month)."""

    carry_over: Decimal = Decimal(0)
    monthly_avg: Decimal = Decimal(0)
    required_monthly_assessment: Decimal | None = None
    required_monthly_stretch: Decimal | None = None
    monthly_shortfall_assessment: Decimal | None = None
    monthly_shortfall_stretch: Decimal | None = None
    catch_up_monthly_assessment: Decimal | None = None
    catch_up_monthly_stretch: Decimal | None = None


@dataclass(frozen=True)
class UnitRow:
    id: int
    code: str
    name: str
    kind: str
    parent: str | None
    double_blank: bool
    registered_fdi: IndicatorFigures
    paid_in_fdi: PaidInFigures


@dataclass(frozen=True)
class GroupIndicator:
    ytd: Decimal
    last_year_ytd: Decimal
    yoy_pct: Decimal | None
    share_pct: Decimal | None
    on_schedule: dict[str, int]
    on_schedule_change: dict[str, int | None]
    done_for_year: dict[str, int]
    carry_over: Decimal | None = None


@dataclass(frozen=True)
class GroupRow:
    kind: str
    units: int
    double_blank: int
    registered_fdi: GroupIndicator
    paid_in_fdi: GroupIndicator


@dataclass(frozen=True)
class LargeProjects:
    over_1000: int
    over_10000: int
    negotiating_over_1000: int


@dataclass(frozen=True)
class ProgressReport:
    year: int
    month: int
    schedule_pct: Decimal
    last_month_schedule_pct: Decimal | None
    units: list[UnitRow]
    groups: list[GroupRow]
    large_projects: LargeProjects
    _by_code: dict[str, UnitRow] = field(default_factory=dict, repr=False, compare=False)

    @property
    def city(self) -> UnitRow:
        return next(u for u in self.units if u.kind == Unit.Kind.CITY)

    def unit(self, code: str) -> UnitRow:
        if not self._by_code:
            self._by_code.update({u.code: u for u in self.units})
        return self._by_code[code]

    def group(self, kind: str) -> GroupRow | None:
        return next((g for g in self.groups if g.kind == kind), None)

    def units_of_kind(self, kind: str) -> list[UnitRow]:
        return [u for u in self.units if u.kind == kind]

    def as_json(self) -> dict[str, Any]:
        """The JSON of INTERFACES.md §2 (numbers as JSON numbers, Decimals to 0.01)."""
        return {
            "year": self.year,
            "month": self.month,
            "schedule_pct": _num(self.schedule_pct),
            "units": [_unit_json(u) for u in self.units],
            "groups": [_jsonable(asdict(g)) for g in self.groups],
            "large_projects": asdict(self.large_projects),
        }


_INTERNAL_UNIT_KEYS = {
    "on_schedule_assessment", "on_schedule_stretch", "done_assessment", "done_stretch", "last_month_ytd",
}


def _unit_json(u: UnitRow) -> dict[str, Any]:
    data = {"code": u.code, "name": u.name, "kind": u.kind, "parent": u.parent, "double_blank": u.double_blank}
    for key in ("registered_fdi", "paid_in_fdi"):
        figures = asdict(getattr(u, key))
        data[key] = _jsonable({k: v for k, v in figures.items() if k not in _INTERNAL_UNIT_KEYS})
    return data


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


# --------------------------------------------------------------------------------------------- schedule


def even_schedule_pct(month: int) -> Decimal:
    """序时进度 schedule = M / 12 × 100, in % (0.01): the share of the year's target due by month M."""
    return (Decimal(100) * month / 12).quantize(CENT, ROUND_HALF_UP)


def schedule_for_year(year: int) -> dict[int, Decimal]:
    """The schedule of every month of ``year`` (%), from the year's own ``ScheduleMonth`` rows where set,
    otherwise M / 12. One query."""
    own = dict(ScheduleMonth.objects.filter(year=year).values_list("month", "cumulative_pct"))
    return {m: Decimal(own[m]).quantize(CENT) if m in own else even_schedule_pct(m) for m in range(1, 13)}


# ------------------------------------------------------------------------------------------------- SQL


def _period_sql() -> str:
    """The CTEs shared by the unit and the group queries (``figures`` is one row per unit)."""
    unit = Unit._meta.db_table
    project = Project._meta.db_table
    arrival = Arrival._meta.db_table
    target = Target._meta.db_table

    def tgt(indicator: str, kind: str) -> str:
        return f"MAX(CASE WHEN indicator = '{indicator}' AND kind = '{kind}' THEN amount END)"

    def pct_columns(prefix: str, ytd: str, prev: str) -> str:
        cols = []
        for kind, tcol in (("a", f"{prefix}_t_a"), ("s", f"{prefix}_t_s"), ("d", f"{prefix}_t_d")):
            cols.append(f"{f.completion_pct(ytd, tcol)} AS {prefix}_pct_{kind}")
            if kind != "d":  # last month's completion serves only the on-schedule change
                cols.append(f"{f.completion_pct(prev, tcol)} AS {prefix}_prev_pct_{kind}")
        return ",\n    ".join(cols)

    return f"""
WITH RECURSIVE tree(ancestor_id, unit_id, depth) AS (
    SELECT id, id, 0 FROM {unit}
    UNION ALL
    SELECT tree.ancestor_id, child.id, tree.depth + 1
    FROM tree JOIN {unit} child ON child.parent_id = tree.unit_id
    WHERE tree.depth < 32
),
reg_own AS (
    SELECT p.unit_id,
        SUM(p.registered_fdi) FILTER (WHERE p.approved_on >= %(start)s AND p.approved_on <= %(end)s) AS ytd,
        SUM(p.registered_fdi) FILTER (WHERE p.approved_on >= %(start)s AND p.approved_on <= %(prev_end)s) AS prev,
        SUM(p.registered_fdi) FILTER (WHERE p.approved_on >= %(ly_start)s AND p.approved_on <= %(ly_end)s) AS ly,
        COUNT(*) FILTER (WHERE p.approved_on >= %(start)s AND p.approved_on <= %(end)s
                         AND p.registered_fdi >= %(large)s) AS large,
        COUNT(*) FILTER (WHERE p.approved_on >= %(start)s AND p.approved_on <= %(end)s
                         AND p.registered_fdi >= %(very_large)s) AS very_large,
        COUNT(*) FILTER (WHERE p.stage = 'negotiating' AND p.registered_fdi >= %(large)s) AS pipeline_large
    FROM {project} p
    WHERE (p.approved_on >= %(ly_start)s AND p.approved_on <= %(end)s) OR p.approved_on IS NULL
    GROUP BY p.unit_id
),
paid_own AS (
    SELECT p.unit_id,
        SUM(a.amount) FILTER (WHERE a.year = %(year)s) AS ytd,
        SUM(a.amount) FILTER (WHERE a.year = %(year)s AND a.month <= %(prev_month)s) AS prev,
        SUM(a.amount) FILTER (WHERE a.year = %(last_year)s) AS ly,
        SUM(a.amount) FILTER (WHERE a.year = %(year)s AND a.carry_over) AS carry
    FROM {arrival} a JOIN {project} p ON p.id = a.project_id
    WHERE a.year IN (%(year)s, %(last_year)s) AND a.month <= %(month)s
    GROUP BY p.unit_id
),
own AS (
    SELECT u.id AS unit_id,
        COALESCE(r.ytd, 0) AS reg_ytd, COALESCE(r.prev, 0) AS reg_prev, COALESCE(r.ly, 0) AS reg_ly,
        COALESCE(pd.ytd, 0) AS paid_ytd, COALESCE(pd.prev, 0) AS paid_prev, COALESCE(pd.ly, 0) AS paid_ly,
        COALESCE(pd.carry, 0) AS paid_carry,
        COALESCE(r.large, 0) AS large, COALESCE(r.very_large, 0) AS very_large,
        COALESCE(r.pipeline_large, 0) AS pipeline_large
    FROM {unit} u
    LEFT JOIN reg_own r ON r.unit_id = u.id
    LEFT JOIN paid_own pd ON pd.unit_id = u.id
),
rolled AS (
    SELECT tree.ancestor_id AS unit_id,
        SUM(own.reg_ytd) AS reg_ytd, SUM(own.reg_prev) AS reg_prev, SUM(own.reg_ly) AS reg_ly,
        SUM(own.paid_ytd) AS paid_ytd, SUM(own.paid_prev) AS paid_prev, SUM(own.paid_ly) AS paid_ly,
        SUM(own.paid_carry) AS paid_carry,
        SUM(own.large) AS large, SUM(own.very_large) AS very_large, SUM(own.pipeline_large) AS pipeline_large
    FROM tree JOIN own ON own.unit_id = tree.unit_id
    GROUP BY tree.ancestor_id
),
tgt AS (
    SELECT unit_id,
        {tgt('registered_fdi', 'assessment')} AS reg_t_a, {tgt('registered_fdi', 'stretch')} AS reg_t_s,
        {tgt('registered_fdi', 'doubling')} AS reg_t_d,
        {tgt('paid_in_fdi', 'assessment')} AS paid_t_a, {tgt('paid_in_fdi', 'stretch')} AS paid_t_s,
        {tgt('paid_in_fdi', 'doubling')} AS paid_t_d
    FROM {target} WHERE year = %(year)s
    GROUP BY unit_id
),
city AS (
    SELECT rolled.reg_ytd AS city_reg_ytd, rolled.paid_ytd AS city_paid_ytd
    FROM rolled JOIN {unit} cu ON cu.id = rolled.unit_id
    WHERE cu.kind = 'city'
),
facts AS (
    SELECT u.id, u.code, u.name, u.kind, u.sort_order, pu.code AS parent_code,
        rolled.reg_ytd, rolled.reg_prev, rolled.reg_ly,
        rolled.paid_ytd, rolled.paid_prev, rolled.paid_ly, rolled.paid_carry,
        rolled.large, rolled.very_large, rolled.pipeline_large,
        own.reg_ytd AS own_reg_ytd, own.reg_prev AS own_reg_prev, own.reg_ly AS own_reg_ly,
        own.paid_ytd AS own_paid_ytd, own.paid_prev AS own_paid_prev, own.paid_ly AS own_paid_ly,
        own.paid_carry AS own_paid_carry,
        tgt.reg_t_a, tgt.reg_t_s, tgt.reg_t_d, tgt.paid_t_a, tgt.paid_t_s, tgt.paid_t_d,
        city.city_reg_ytd, city.city_paid_ytd
    FROM {unit} u
    JOIN rolled ON rolled.unit_id = u.id
    JOIN own ON own.unit_id = u.id
    LEFT JOIN {unit} pu ON pu.id = u.parent_id
    LEFT JOIN tgt ON tgt.unit_id = u.id
    LEFT JOIN city ON 1 = 1
),
pcts AS (
    SELECT facts.*,
    {pct_columns('reg', 'reg_ytd', 'reg_prev')},
    {pct_columns('paid', 'paid_ytd', 'paid_prev')}
    FROM facts
),
figures AS (
    SELECT pcts.*,
        {f.is_double_blank('reg_ytd', 'paid_ytd')} AS double_blank,
        {f.is_on_schedule('reg_pct_a', '%(schedule)s')} AS reg_on_a,
        {f.is_on_schedule('reg_pct_s', '%(schedule)s')} AS reg_on_s,
        {f.is_on_schedule('paid_pct_a', '%(schedule)s')} AS paid_on_a,
        {f.is_on_schedule('paid_pct_s', '%(schedule)s')} AS paid_on_s,
        {f.is_on_schedule('reg_prev_pct_a', '%(prev_schedule)s')} AS reg_prev_on_a,
        {f.is_on_schedule('reg_prev_pct_s', '%(prev_schedule)s')} AS reg_prev_on_s,
        {f.is_on_schedule('paid_prev_pct_a', '%(prev_schedule)s')} AS paid_prev_on_a,
        {f.is_on_schedule('paid_prev_pct_s', '%(prev_schedule)s')} AS paid_prev_on_s,
        {f.is_done_for_year('reg_pct_a')} AS reg_done_a,
        {f.is_done_for_year('reg_pct_s')} AS reg_done_s,
        {f.is_done_for_year('paid_pct_a')} AS paid_done_a,
        {f.is_done_for_year('paid_pct_s')} AS paid_done_s
    FROM pcts
)"""


def _group_cte() -> str:
    """Group rows (one per kind but the city), from ``figures``: own credited amounts, unit counts."""

    def indicator(prefix: str) -> list[str]:
        return [
            f"SUM(own_{prefix}_ytd) AS g_{prefix}_ytd",
            f"SUM(own_{prefix}_ly) AS g_{prefix}_ly",
            *[f"SUM({prefix}_{col}) AS g_{prefix}_{col}" for col in (
                "on_a", "on_s", "prev_on_a", "prev_on_s", "done_a", "done_s")],
        ]

    columns = ",\n        ".join([
        "kind AS g_kind", "MIN(id) AS g_row", "COUNT(*) AS g_units", "SUM(double_blank) AS g_double_blank",
        "SUM(own_paid_carry) AS g_paid_carry", *indicator("reg"), *indicator("paid"),
    ])
    return f"grp AS (\n    SELECT {columns}\n    FROM figures WHERE kind <> 'city' GROUP BY kind\n)"


def _report_select() -> str:
    """Every unit's row, with its group's figures beside it (three distinct group rows in all)."""

    def indicator(prefix: str) -> list[str]:
        return [
            f"{f.yoy_pct(f'{prefix}_ytd', f'{prefix}_ly')} AS {prefix}_yoy",
            f"{f.share_pct(f'{prefix}_ytd', f'city_{prefix}_ytd')} AS {prefix}_share",
            f"{f.schedule_gap_pp(f'{prefix}_pct_a', '%(schedule)s')} AS {prefix}_gap_a",
            f"{f.schedule_gap_pp(f'{prefix}_pct_s', '%(schedule)s')} AS {prefix}_gap_s",
            f"{f.rank_in_kind(f'{prefix}_pct_a', 'kind')} AS {prefix}_rank",
            f"{f.yoy_pct(f'g_{prefix}_ytd', f'g_{prefix}_ly')} AS g_{prefix}_yoy",
            f"{f.share_pct(f'g_{prefix}_ytd', f'city_{prefix}_ytd')} AS g_{prefix}_share",
        ]

    average = f.monthly_avg("paid_ytd", "paid_carry", "%(month)s")
    pace = [
        f"{average} AS paid_monthly_avg",
        f"{f.required_monthly('paid_t_a')} AS paid_required_a",
        f"{f.required_monthly('paid_t_s')} AS paid_required_s",
        f"{f.monthly_shortfall(f.required_monthly('paid_t_a'), average)} AS paid_shortfall_a",
        f"{f.monthly_shortfall(f.required_monthly('paid_t_s'), average)} AS paid_shortfall_s",
        f"{f.catch_up_monthly('paid_t_a', 'paid_ytd', '%(month)s')} AS paid_catch_up_a",
        f"{f.catch_up_monthly('paid_t_s', 'paid_ytd', '%(month)s')} AS paid_catch_up_s",
    ]
    unit_columns = ["id", "code", "name", "kind", "parent_code", "double_blank", "large", "very_large",
                    "pipeline_large", "paid_carry"]
    for prefix in ("reg", "paid"):
        unit_columns += [f"{prefix}_{c}" for c in (
            "ytd", "prev", "ly", "t_a", "t_s", "t_d", "pct_a", "pct_s", "pct_d", "on_a", "on_s", "done_a", "done_s")]
    columns = ",\n    ".join(
        [f"figures.{c}" for c in unit_columns] + ["grp.*", *indicator("reg"), *indicator("paid"), *pace]
    )
    # The group's columns ride on one unit row of its kind (the lowest id), not on all of them.
    return (
        f"{_period_sql()},\n{_group_cte()}\nSELECT {columns}\nFROM figures LEFT JOIN grp ON grp.g_row = figures.id"
        "\nORDER BY figures.sort_order, figures.code"
    )


REPORT_SQL = _report_select()


# ----------------------------------------------------------------------------------------------- report


def _dec(value: Any) -> Decimal | None:
    """A database number as a Decimal to 0.01. PostgreSQL returns Decimals already rounded by the SQL;
    SQLite returns floats (or ints), which are rounded here to the same 0.01."""
    if value is None or type(value) is Decimal:
        return value
    return Decimal(repr(value)).quantize(CENT, ROUND_HALF_UP)


def _amount(value: Any) -> Decimal:
    return Decimal("0.00") if value is None else _dec(value)


def _db_number(value: Decimal) -> Any:
    # SQLite compares a REAL with a TEXT parameter as text; give it a float there.
    return float(value) if connection.vendor == "sqlite" else value


def _db_date(value: dt.date) -> Any:
    return connection.ops.adapt_datefield_value(value)


def _indicator(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {
        "ytd": _amount(row[f"{prefix}_ytd"]),
        "last_year_ytd": _amount(row[f"{prefix}_ly"]),
        "yoy_pct": _dec(row[f"{prefix}_yoy"]),
        "share_pct": _dec(row[f"{prefix}_share"]),
        "assessment_target": _dec(row[f"{prefix}_t_a"]),
        "stretch_target": _dec(row[f"{prefix}_t_s"]),
        "doubling_target": _dec(row[f"{prefix}_t_d"]),
        "assessment_pct": _dec(row[f"{prefix}_pct_a"]),
        "stretch_pct": _dec(row[f"{prefix}_pct_s"]),
        "doubling_pct": _dec(row[f"{prefix}_pct_d"]),
        "assessment_gap_pp": _dec(row[f"{prefix}_gap_a"]),
        "stretch_gap_pp": _dec(row[f"{prefix}_gap_s"]),
        "rank_in_kind": None if row[f"{prefix}_rank"] is None else int(row[f"{prefix}_rank"]),
        "on_schedule_assessment": bool(row[f"{prefix}_on_a"]),
        "on_schedule_stretch": bool(row[f"{prefix}_on_s"]),
        "done_assessment": bool(row[f"{prefix}_done_a"]),
        "done_stretch": bool(row[f"{prefix}_done_s"]),
        "last_month_ytd": _amount(row[f"{prefix}_prev"]),
    }


def _unit_row(row: dict[str, Any]) -> UnitRow:
    paid = PaidInFigures(
        **_indicator(row, "paid"),
        carry_over=_amount(row["paid_carry"]),
        monthly_avg=_amount(row["paid_monthly_avg"]),
        required_monthly_assessment=_dec(row["paid_required_a"]),
        required_monthly_stretch=_dec(row["paid_required_s"]),
        monthly_shortfall_assessment=_dec(row["paid_shortfall_a"]),
        monthly_shortfall_stretch=_dec(row["paid_shortfall_s"]),
        catch_up_monthly_assessment=_dec(row["paid_catch_up_a"]),
        catch_up_monthly_stretch=_dec(row["paid_catch_up_s"]),
    )
    return UnitRow(
        id=row["id"], code=row["code"], name=row["name"], kind=row["kind"], parent=row["parent_code"],
        double_blank=bool(row["double_blank"]),
        registered_fdi=IndicatorFigures(**_indicator(row, "reg")),
        paid_in_fdi=paid,
    )


def _group_row(row: dict[str, Any], january: bool) -> GroupRow:
    row = {key[2:]: value for key, value in row.items() if key.startswith("g_")}

    def indicator(prefix: str) -> GroupIndicator:
        change = {
            "assessment": None if january else int(row[f"{prefix}_on_a"]) - int(row[f"{prefix}_prev_on_a"]),
            "stretch": None if january else int(row[f"{prefix}_on_s"]) - int(row[f"{prefix}_prev_on_s"]),
        }
        return GroupIndicator(
            ytd=_amount(row[f"{prefix}_ytd"]),
            last_year_ytd=_amount(row[f"{prefix}_ly"]),
            yoy_pct=_dec(row[f"{prefix}_yoy"]),
            share_pct=_dec(row[f"{prefix}_share"]),
            on_schedule={"assessment": int(row[f"{prefix}_on_a"]), "stretch": int(row[f"{prefix}_on_s"])},
            on_schedule_change=change,
            done_for_year={"assessment": int(row[f"{prefix}_done_a"]), "stretch": int(row[f"{prefix}_done_s"])},
            carry_over=_amount(row["paid_carry"]) if prefix == "paid" else None,
        )

    return GroupRow(
        kind=row["kind"], units=int(row["units"]), double_blank=int(row["double_blank"]),
        registered_fdi=indicator("reg"), paid_in_fdi=indicator("paid"),
    )


def _fetch(sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, r)) for r in cursor.fetchall()]


def validate_period(year: Any, month: Any) -> tuple[int, int]:
    """Parse and check (year, month) from user input; raise ReportError with a Chinese message."""
    try:
        year_i = int(str(year).strip())
    except (TypeError, ValueError):
        raise ReportError(_("年度必须是整数，例如 2007。")) from None
    try:
        month_i = int(str(month).strip())
    except (TypeError, ValueError):
        raise ReportError(_("月份必须是1到12之间的整数。")) from None
    if not 1 <= month_i <= 12:
        raise ReportError(_("月份必须是1到12之间的整数。"))
    if not 1990 <= year_i <= 2100:
        raise ReportError(_("年度超出范围（1990–2100）。"))
    return year_i, month_i


def latest_period() -> tuple[int, int] | None:
    """The latest (year, month) with data: the later of the last arrival and the last approval. Two queries."""
    arrival = Arrival.objects.order_by("-year", "-month").values_list("year", "month").first()
    approved = Project.objects.aggregate(last=Max("approved_on"))["last"]
    candidates = [p for p in (arrival, (approved.year, approved.month) if approved else None) if p]
    return max(candidates) if candidates else None


def has_data(year: int) -> bool:
    """Whether the year has any target, approval or arrival at all. One query."""
    return Unit.objects.filter(kind=Unit.Kind.CITY).annotate(
        t=Exists(Target.objects.filter(year=year)),
        p=Exists(Project.objects.filter(approved_on__year=year)),
        a=Exists(Arrival.objects.filter(year=year)),
    ).filter(Q(t=True) | Q(p=True) | Q(a=True)).exists()


def progress_report(*, year: int, month: int) -> ProgressReport:
    """The whole progress report for 1–M月 of ``year``; see the module docstring. Two queries."""
    if not 1 <= month <= 12:
        raise ReportError(_("月份必须是1到12之间的整数。"))
    schedule = schedule_for_year(year)
    prev_month = month - 1
    last_day = calendar.monthrange(year, month)[1]
    prev_end = dt.date(year, prev_month, calendar.monthrange(year, prev_month)[1]) if prev_month else dt.date(year, 1, 1) - dt.timedelta(days=1)
    ly_last_day = calendar.monthrange(year - 1, month)[1]
    params = {
        "year": year,
        "last_year": year - 1,
        "month": month,
        "prev_month": prev_month,
        "start": _db_date(dt.date(year, 1, 1)),
        "end": _db_date(dt.date(year, month, last_day)),
        "prev_end": _db_date(prev_end),
        "ly_start": _db_date(dt.date(year - 1, 1, 1)),
        "ly_end": _db_date(dt.date(year - 1, month, ly_last_day)),
        "schedule": _db_number(schedule[month]),
        "prev_schedule": _db_number(schedule[prev_month] if prev_month else Decimal(0)),
        "large": _db_number(LARGE),
        "very_large": _db_number(VERY_LARGE),
    }
    rows = _fetch(REPORT_SQL, params)
    city = next((r for r in rows if r["kind"] == Unit.Kind.CITY), None)
    if city is None:
        raise ReportError(_("尚未设置市本级单位，无法生成报表。"))
    group_rows = {r["g_kind"]: r for r in rows if r["g_kind"] is not None}
    return ProgressReport(
        year=year,
        month=month,
        schedule_pct=schedule[month],
        last_month_schedule_pct=schedule[prev_month] if prev_month else None,
        units=[_unit_row(r) for r in rows],
        groups=[_group_row(group_rows[k], january=month == 1) for k in GROUP_KINDS if k in group_rows],
        # The city rolls up every unit, so its counts are the city's large projects.
        large_projects=LargeProjects(
            over_1000=int(city["large"]), over_10000=int(city["very_large"]),
            negotiating_over_1000=int(city["pipeline_large"]),
        ),
    )

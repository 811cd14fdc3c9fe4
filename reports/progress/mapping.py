"""Turning the statement's rows into the report's results: database numbers to Decimals, column
prefixes to indicator blocks. SQLite returns floats and PostgreSQL Decimals; both come out the same."""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection

from reports.progress.results import GroupIndicator, GroupRow, IndicatorFigures, UnitRow
from targets.indicators import INDICATORS, KIND_PREFIX, IndicatorSpec

CENT = Decimal("0.01")


def dec(value: Any) -> Decimal | None:
    """A database number as a Decimal to 0.01. PostgreSQL returns Decimals already rounded by the SQL;
    SQLite returns floats (or ints), which are rounded here to the same 0.01."""
    if value is None or type(value) is Decimal:
        return value
    return Decimal(repr(value)).quantize(CENT, ROUND_HALF_UP)


def amount(value: Any) -> Decimal:
    figure = dec(value)
    return Decimal("0.00") if figure is None else figure


def db_number(value: Decimal) -> Any:
    # SQLite compares a REAL with a TEXT parameter as text; give it a float there.
    return float(value) if connection.vendor == "sqlite" else value


def db_date(value: dt.date) -> Any:
    return connection.ops.adapt_datefield_value(value)


def indicator_figures(row: dict[str, Any], spec: IndicatorSpec) -> IndicatorFigures:
    p = spec.prefix

    def rank(kind: str) -> int | None:
        value = row[f"{p}_rank_{kind}"]
        return None if value is None else int(value)

    values: dict[str, Any] = {
        "ytd": amount(row[f"{p}_ytd"]),
        "last_year_ytd": amount(row[f"{p}_ly"]),
        "yoy_pct": dec(row[f"{p}_yoy"]),
        "share_pct": dec(row[f"{p}_share"]),
        "rank_in_kind": rank("a"),
        "rank_stretch": rank("s"),
        "rank_doubling": rank("d"),
        "last_month_ytd": amount(row[f"{p}_prev"]),
        "carry_over": amount(row[f"{p}_carry"]) if spec.has_pace else Decimal("0.00"),
        "monthly_avg": amount(row[f"{p}_monthly_avg"]),
        "projected_ytd": amount(row[f"{p}_projected"]),
        "reported_this_month": bool(row[f"{p}_now"]) if spec.reported else None,
    }
    for kind, k in KIND_PREFIX.items():
        values[f"{kind}_target"] = dec(row[f"{p}_t_{k}"])
        values[f"{kind}_pct"] = dec(row[f"{p}_pct_{k}"])
        values[f"{kind}_gap_pp"] = dec(row[f"{p}_gap_{k}"])
        values[f"on_schedule_{kind}"] = bool(row[f"{p}_on_{k}"])
        values[f"done_{kind}"] = bool(row[f"{p}_done_{k}"])
        values[f"required_monthly_{kind}"] = dec(row[f"{p}_required_{k}"])
        values[f"monthly_shortfall_{kind}"] = dec(row[f"{p}_shortfall_{k}"])
        values[f"catch_up_monthly_{kind}"] = dec(row[f"{p}_catch_up_{k}"])
        course = row[f"{p}_course_{k}"]
        values[f"on_course_{kind}"] = None if course is None else bool(course)
        if_reached = row[f"{p}_if_reached_{k}"]
        values[f"rank_if_reached_{kind}"] = None if if_reached is None else int(if_reached)
    return IndicatorFigures(**values)


def unit_row(row: dict[str, Any]) -> UnitRow:
    return UnitRow(
        id=row["id"], code=row["code"], name=row["name"], kind=row["kind"], parent=row["parent_code"],
        double_blank=bool(row["double_blank"]),
        figures={s.code: indicator_figures(row, s) for s in INDICATORS},
    )


def group_row(row: dict[str, Any], january: bool) -> GroupRow:
    row = {key[2:]: value for key, value in row.items() if key.startswith("g_")}

    def indicator(spec: IndicatorSpec) -> GroupIndicator:
        p = spec.prefix
        return GroupIndicator(
            ytd=amount(row[f"{p}_ytd"]),
            last_year_ytd=amount(row[f"{p}_ly"]),
            yoy_pct=dec(row[f"{p}_yoy"]),
            share_pct=dec(row[f"{p}_share"]),
            on_schedule={kind: int(row[f"{p}_on_{k}"]) for kind, k in KIND_PREFIX.items()},
            on_schedule_change={kind: None if january else int(row[f"{p}_on_{k}"]) - int(row[f"{p}_prev_on_{k}"])
                                for kind, k in KIND_PREFIX.items()},
            done_for_year={kind: int(row[f"{p}_done_{k}"]) for kind, k in KIND_PREFIX.items()},
            carry_over=amount(row[f"{p}_carry"]) if spec.has_pace else None,
        )

    return GroupRow(
        kind=row["kind"], units=int(row["units"]), double_blank=int(row["double_blank"]),
        figures={s.code: indicator(s) for s in INDICATORS},
    )


def fetch_rows(sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, r, strict=False)) for r in cursor.fetchall()]

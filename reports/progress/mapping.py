"""Turning the statement's rows into the report's results: database numbers to Decimals, column
prefixes to indicator blocks. SQLite returns floats and PostgreSQL Decimals; both come out the same."""
from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection

from reports.progress.results import GroupIndicator, GroupRow, IndicatorFigures, PaidInFigures, UnitRow

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


def indicator_figures(row: dict[str, Any], prefix: str) -> dict[str, Any]:
    return {
        "ytd": amount(row[f"{prefix}_ytd"]),
        "last_year_ytd": amount(row[f"{prefix}_ly"]),
        "yoy_pct": dec(row[f"{prefix}_yoy"]),
        "share_pct": dec(row[f"{prefix}_share"]),
        "assessment_target": dec(row[f"{prefix}_t_a"]),
        "stretch_target": dec(row[f"{prefix}_t_s"]),
        "doubling_target": dec(row[f"{prefix}_t_d"]),
        "assessment_pct": dec(row[f"{prefix}_pct_a"]),
        "stretch_pct": dec(row[f"{prefix}_pct_s"]),
        "doubling_pct": dec(row[f"{prefix}_pct_d"]),
        "assessment_gap_pp": dec(row[f"{prefix}_gap_a"]),
        "stretch_gap_pp": dec(row[f"{prefix}_gap_s"]),
        "rank_in_kind": None if row[f"{prefix}_rank"] is None else int(row[f"{prefix}_rank"]),
        "on_schedule_assessment": bool(row[f"{prefix}_on_a"]),
        "on_schedule_stretch": bool(row[f"{prefix}_on_s"]),
        "done_assessment": bool(row[f"{prefix}_done_a"]),
        "done_stretch": bool(row[f"{prefix}_done_s"]),
        "last_month_ytd": amount(row[f"{prefix}_prev"]),
    }


def unit_row(row: dict[str, Any]) -> UnitRow:
    paid = PaidInFigures(
        **indicator_figures(row, "paid"),
        carry_over=amount(row["paid_carry"]),
        monthly_avg=amount(row["paid_monthly_avg"]),
        required_monthly_assessment=dec(row["paid_required_a"]),
        required_monthly_stretch=dec(row["paid_required_s"]),
        monthly_shortfall_assessment=dec(row["paid_shortfall_a"]),
        monthly_shortfall_stretch=dec(row["paid_shortfall_s"]),
        catch_up_monthly_assessment=dec(row["paid_catch_up_a"]),
        catch_up_monthly_stretch=dec(row["paid_catch_up_s"]),
    )
    return UnitRow(
        id=row["id"], code=row["code"], name=row["name"], kind=row["kind"], parent=row["parent_code"],
        double_blank=bool(row["double_blank"]),
        registered_fdi=IndicatorFigures(**indicator_figures(row, "reg")),
        paid_in_fdi=paid,
    )


def group_row(row: dict[str, Any], january: bool) -> GroupRow:
    row = {key[2:]: value for key, value in row.items() if key.startswith("g_")}

    def indicator(prefix: str) -> GroupIndicator:
        change = {
            "assessment": None if january else int(row[f"{prefix}_on_a"]) - int(row[f"{prefix}_prev_on_a"]),
            "stretch": None if january else int(row[f"{prefix}_on_s"]) - int(row[f"{prefix}_prev_on_s"]),
        }
        return GroupIndicator(
            ytd=amount(row[f"{prefix}_ytd"]),
            last_year_ytd=amount(row[f"{prefix}_ly"]),
            yoy_pct=dec(row[f"{prefix}_yoy"]),
            share_pct=dec(row[f"{prefix}_share"]),
            on_schedule={"assessment": int(row[f"{prefix}_on_a"]), "stretch": int(row[f"{prefix}_on_s"])},
            on_schedule_change=change,
            done_for_year={"assessment": int(row[f"{prefix}_done_a"]), "stretch": int(row[f"{prefix}_done_s"])},
            carry_over=amount(row["paid_carry"]) if prefix == "paid" else None,
        )

    return GroupRow(
        kind=row["kind"], units=int(row["units"]), double_blank=int(row["double_blank"]),
        registered_fdi=indicator("reg"), paid_in_fdi=indicator("paid"),
    )


def fetch_rows(sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, r, strict=False)) for r in cursor.fetchall()]

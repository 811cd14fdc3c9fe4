"""The speeches' arithmetic, one named function per figure (DOMAIN.md, INTERFACES.md §2).

Each function returns a SQL expression over column expressions, so every figure is computed in the
database for all units at once; the docstring states the formula and its unit. The SQL is portable
between SQLite and PostgreSQL (``ROUND(CAST(x AS NUMERIC), n)``; every division has a real factor so
SQLite does not divide integers).

Conventions, as the speeches and the briefing tables use them:
- percentages are rounded half up to 0.01 (``58.33`` means 58.33 %);
- a figure derived from shown figures uses the shown (rounded) values, so that a reader who subtracts
  the numbers on the page gets the number printed beside them: the schedule gap is
  ``round(completion) − round(schedule)`` (61.36 − 58.33 = 3.03) and the monthly shortfall is
  ``round(required monthly) − round(monthly arrival)`` in whole 万美元 (1955 − 1297 = 658);
- a unit is on schedule when its shown completion is not below the shown schedule, and done for the
  year when its YTD has reached the target's amount.
"""
from __future__ import annotations


def rounded(expr: str, places: int = 2) -> str:
    """``expr`` rounded half up to ``places`` decimals, as a number on both databases."""
    return f"ROUND(CAST({expr} AS NUMERIC), {places})"


def completion_pct(ytd: str, target: str) -> str:
    """完成率 completion = YTD / annual target × 100, in % (0.01); NULL when the target is missing or zero."""
    return f"CASE WHEN {target} > 0 THEN {rounded(f'100.0 * {ytd} / {target}')} END"


def schedule_gap_pp(completion: str, schedule: str) -> str:
    """序时差距 schedule gap = completion − schedule, in percentage points (0.01), of the shown values.

    ``completion`` and ``schedule`` are already rounded to 0.01; NULL when completion is NULL.
    """
    return f"CASE WHEN {completion} IS NOT NULL THEN {rounded(f'{completion} - {schedule}')} END"


def yoy_pct(ytd: str, last_year_ytd: str) -> str:
    """同比 year on year = (YTD − same period last year) / same period last year × 100, in % (0.01).

    NULL when last year's figure is zero.
    """
    return f"CASE WHEN {last_year_ytd} > 0 THEN {rounded(f'100.0 * ({ytd} - {last_year_ytd}) / {last_year_ytd}')} END"


def share_pct(ytd: str, city_ytd: str) -> str:
    """占比 share = unit (or group) YTD / city YTD × 100, in % (0.01); NULL when the city's YTD is zero."""
    return f"CASE WHEN {city_ytd} > 0 THEN {rounded(f'100.0 * {ytd} / {city_ytd}')} END"


def monthly_avg(ytd: str, carry_over: str, month: str) -> str:
    """月均到帐 monthly arrival = (paid-in YTD − carry-over) / M, in 万美元 (0.01).

    The carry-over (上年结余) arrived last year: it counts toward the year's total, not toward its pace.
    """
    return rounded(f"1.0 * ({ytd} - {carry_over}) / {month}")


def required_monthly(target: str) -> str:
    """应月均到帐 required monthly = annual target / 12, in 万美元 (0.01); NULL without a target."""
    return f"CASE WHEN {target} > 0 THEN {rounded(f'1.0 * {target} / 12')} END"


def monthly_shortfall(required: str, average: str) -> str:
    """月均差额 shortfall = required monthly − monthly arrival, in whole 万美元, of the shown (whole) values.

    Positive when the pace is behind what the target needs; NULL without a target.
    """
    return f"CASE WHEN {required} IS NOT NULL THEN {rounded(required, 0)} - {rounded(average, 0)} END"


def catch_up_monthly(target: str, ytd: str, month: str) -> str:
    """追赶月均 catch-up = (annual target − YTD) / (12 − M), in 万美元 (0.01).

    What must arrive each remaining month to reach the target: 0 once it is reached, NULL in December
    (no month remains) and NULL without a target.
    """
    return (
        f"CASE WHEN {target} > 0 AND {month} < 12 THEN "
        f"CASE WHEN {ytd} >= {target} THEN 0 ELSE {rounded(f'1.0 * ({target} - {ytd}) / (12 - {month})')} END END"
    )


def is_on_schedule(completion: str, schedule: str) -> str:
    """达序时 on schedule: shown completion ≥ shown schedule (both % at 0.01). 1 or 0; 0 without a target."""
    return f"CASE WHEN {completion} IS NOT NULL AND {completion} >= {schedule} THEN 1 ELSE 0 END"


def is_reached(ytd: str, target: str) -> str:
    """完成全年目标 done for the year: the amount is reached, YTD ≥ target (not a rounded percentage: 99.996 %
    shows as 100.00 % but is not done). 1 or 0; 0 without a target or with a zero one."""
    return f"CASE WHEN {target} > 0 AND {ytd} >= {target} THEN 1 ELSE 0 END"


def is_double_blank(registered_ytd: str, paid_in_ytd: str) -> str:
    """双空白 double blank: YTD zero on both FDI indicators. 1 or 0."""
    return f"CASE WHEN {registered_ytd} = 0 AND {paid_in_ytd} = 0 THEN 1 ELSE 0 END"


def rank_in_kind(completion: str, kind: str) -> str:
    """排位 rank within the unit's kind by assessment completion, highest first, ties sharing the better
    rank (1, 2, 2, 4); NULL for a unit without an assessment target."""
    return (
        f"CASE WHEN {completion} IS NULL THEN NULL ELSE RANK() OVER ("
        f"PARTITION BY {kind}, CASE WHEN {completion} IS NULL THEN 1 ELSE 0 END "
        f"ORDER BY {completion} DESC) END"
    )


def projected_ytd(ytd: str, average: str, month: str) -> str:
    """按目前进度 the year at the current pace = YTD + monthly average × (12 − M), in 万美元 (0.01): where the
    unit ends in December if every remaining month brings what its months so far brought on average."""
    return rounded(f"{ytd} + {average} * (12 - {month})")


def is_on_course(projected: str, target: str) -> str:
    """按目前进度能否完成 on course: the year at the current pace reaches the target. 1 or 0; NULL without
    a target."""
    return f"CASE WHEN {target} > 0 THEN CASE WHEN {projected} >= {target} THEN 1 ELSE 0 END END"


def rank_if_reached(projected: str, target: str, kind: str) -> str:
    """完成后的排位 the rank in the unit's kind that reaching the target exactly would give at year end,
    when every other unit of the kind ends the year at its current pace: 1 + the others whose projected
    completion is above 100 % (ties share the better rank). NULL without a target."""
    above = f"CASE WHEN {target} > 0 AND {projected} > {target} THEN 1 ELSE 0 END"
    return f"CASE WHEN {target} > 0 THEN 1 + SUM({above}) OVER (PARTITION BY {kind}) - {above} END"

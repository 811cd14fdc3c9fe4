"""The report's one SQL statement, built once from the formulas of ``reports.formulas``.

A recursive CTE gives each unit its subtree; registered FDI, large-project counts and paid-in arrivals are
aggregated once per credited unit with conditional sums, rolled up the tree, joined to the targets, and
every figure is computed in SQL, with ``RANK()`` over the unit's kind. The group rows are a CTE over the
same per-unit figures, joined beside one unit row of each kind.
"""
from __future__ import annotations

from projects.models import Arrival, Project
from reports import formulas as f
from targets.models import Target
from units.models import Unit


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

"""The statements of the scores and the awards (INTERFACES.md §5), built from the indicator registry.

Scores: the progress report's per-unit figures (``reports.progress.sql.PERIOD_SQL``) crossed with the
year's rules; x is the completion the report shows (0.01 %). Points are computed in integers — W the
weight in hundredths of a point, P the completion in hundredths of a percent, K the cap in hundredths —
so that half-up rounding to 0.01 is exact on both databases:

- ratio: points = weight × min(cap, x)  →  100·points = round(W × min(P, 100·K) / 10⁴);
- efficacy (功效系数法), over the units of the kind with that target (L, H their lowest and highest P,
  D = H − L): points = weight × (0.6 + 0.4 × (P − L) / D)  →  100·points = round(W × (6D + 4(P − L)) /
  (10D)); = weight when D = 0.

``round(n / m)`` half up for non-negative integers is ``(2n + m) DIV (2m)``.

Awards: each unit's cumulative YTD at the end of every month 1–12 of the indicator (its own and
everything under it), the first month m ≤ min(M, by_month) whose YTD reaches the target's amount; a unit
not there yet is "close" while months are left (M < by_month) and its YTD is at least 90 % of the target.
"""
from __future__ import annotations

from projects.models import Arrival, Project, ReportedFigure
from reports.progress.sql import PERIOD_SQL, TREE_CTE
from targets.indicators import APPROVALS, ARRIVALS, INDICATORS, KIND_PREFIX
from targets.models import AssessmentRule, AwardRule, Target
from units.models import Unit

MONTHS = tuple(range(1, 13))


def _completion_case() -> str:
    """The completion (%) of the rule's indicator against its target kind, from the ``figures`` row."""
    whens = [f"WHEN r.indicator = '{s.code}' AND r.target_kind = '{kind}' THEN figures.{s.prefix}_pct_{k}"
             for s in INDICATORS for kind, k in KIND_PREFIX.items()]
    return "CASE " + " ".join(whens) + " END"


def _int(expr: str) -> str:
    return f"CAST({expr} AS BIGINT)"


def _scores_sql() -> str:
    rule = AssessmentRule._meta.db_table
    p = _int("ROUND(x.pct * 100)")
    w = _int("ROUND(x.weight * 100)")
    k = _int("ROUND(x.cap * 100)")
    capped = f"CASE WHEN {p} < 100 * {k} THEN {p} ELSE 100 * {k} END"
    d = "(b.hi - b.lo)"
    e = "(b.p - b.lo)"
    ratio = "(2 * b.w * b.capped + 10000) / 20000"
    efficacy = f"(2 * b.w * (6 * {d} + 4 * {e}) + 10 * {d}) / (20 * {d})"
    return f"""{PERIOD_SQL},
x AS (
    SELECT figures.id AS unit_id, figures.kind AS kind, r.id AS rule_id, r.indicator AS indicator,
        r.method AS method, r.weight AS weight, r.cap AS cap, {_completion_case()} AS pct
    FROM figures CROSS JOIN {rule} r
    WHERE r.year = %(year)s AND figures.kind <> 'city'
),
ints AS (
    SELECT unit_id, kind, rule_id, indicator, method,
        CASE WHEN pct IS NOT NULL THEN {p} END AS p, {w} AS w, CASE WHEN pct IS NOT NULL THEN {capped} END AS capped
    FROM x
),
b AS (
    SELECT ints.*, MIN(p) OVER (PARTITION BY kind, rule_id) AS lo, MAX(p) OVER (PARTITION BY kind, rule_id) AS hi
    FROM ints
),
scored AS (
    SELECT b.unit_id, b.kind, b.indicator, b.lo, b.hi,
        CASE WHEN b.p IS NULL THEN NULL
             WHEN b.method = 'ratio' THEN {ratio}
             WHEN b.hi = b.lo THEN b.w
             ELSE {efficacy} END AS points100
    FROM b
),
totals AS (
    SELECT unit_id, COALESCE(SUM(points100), 0) AS total100,
        RANK() OVER (PARTITION BY kind ORDER BY COALESCE(SUM(points100), 0) DESC) AS rank_in_kind
    FROM scored GROUP BY unit_id, kind
)
SELECT scored.unit_id, scored.indicator, scored.points100, scored.lo, scored.hi, totals.total100, totals.rank_in_kind
FROM scored JOIN totals ON totals.unit_id = scored.unit_id"""


SCORES_SQL = _scores_sql()


def _awards_sql() -> str:
    unit, project, arrival, figure = (Unit._meta.db_table, Project._meta.db_table, Arrival._meta.db_table,
                                      ReportedFigure._meta.db_table)
    target, award = Target._meta.db_table, AwardRule._meta.db_table
    # Each unit's own cumulative amount at the end of every month, per indicator, from its source.
    arrivals = ", ".join(f"SUM(CASE WHEN a.month <= {m} THEN a.amount ELSE 0 END) AS c_{m}" for m in MONTHS)
    figures = ", ".join(f"SUM(CASE WHEN f.month <= {m} THEN f.amount ELSE 0 END) AS c_{m}" for m in MONTHS)
    paid = next(s.code for s in INDICATORS if s.source == ARRIVALS)
    parts = [
        f"""SELECT p.unit_id, '{s.code}' AS indicator, {", ".join(
            f"SUM(CASE WHEN p.approved_on <= %(end_{m})s THEN p.registered_fdi ELSE 0 END) AS c_{m}" for m in MONTHS)}
        FROM {project} p WHERE p.approved_on >= %(start)s AND p.approved_on <= %(end_12)s{
            " AND p.grafted" if s.grafted_only else ""} GROUP BY p.unit_id"""
        for s in INDICATORS if s.source == APPROVALS
    ] + [
        f"""SELECT p.unit_id, '{paid}' AS indicator, {arrivals}
        FROM {arrival} a JOIN {project} p ON p.id = a.project_id WHERE a.year = %(year)s GROUP BY p.unit_id""",
        f"""SELECT f.unit_id, f.indicator, {figures}
        FROM {figure} f WHERE f.year = %(year)s GROUP BY f.unit_id, f.indicator""",
    ]
    rolled = ", ".join(f"SUM(own.c_{m}) AS c_{m}" for m in MONTHS)
    reached = " ".join(f"WHEN {m} <= lim AND c_{m} >= amount THEN {m}" for m in MONTHS)
    now = " ".join(f"WHEN %(month)s = {m} THEN c_{m}" for m in MONTHS)
    return f"""
{TREE_CTE}
own AS (
    {" UNION ALL ".join(parts)}
),
rolled AS (
    SELECT tree.ancestor_id AS unit_id, own.indicator, {rolled}
    FROM tree JOIN own ON own.unit_id = tree.unit_id
    GROUP BY tree.ancestor_id, own.indicator
),
candidates AS (
    SELECT aw.id AS award_id, u.id AS unit_id, u.code, u.name, u.kind, u.sort_order, t.amount,
        CASE WHEN aw.by_month < %(month)s THEN aw.by_month ELSE %(month)s END AS lim, aw.by_month,
        {", ".join(f"COALESCE(rolled.c_{m}, 0) AS c_{m}" for m in MONTHS)}
    FROM {award} aw
    JOIN {target} t ON t.year = aw.year AND t.indicator = aw.indicator AND t.kind = aw.target_kind AND t.amount > 0
    JOIN {unit} u ON u.id = t.unit_id AND u.kind <> 'city'
    LEFT JOIN rolled ON rolled.unit_id = u.id AND rolled.indicator = aw.indicator
    WHERE aw.year = %(year)s
)
SELECT award_id, unit_id, code, name, kind, amount, by_month, reached_month, ytd,
    CASE WHEN reached_month IS NULL AND %(month)s < by_month AND 10 * ytd >= 9 * amount THEN 1 ELSE 0 END AS close
FROM (
    SELECT candidates.*, CASE {reached} END AS reached_month, CASE {now} END AS ytd
    FROM candidates
) AS judged
ORDER BY award_id, sort_order, code"""


AWARDS_SQL = _awards_sql()

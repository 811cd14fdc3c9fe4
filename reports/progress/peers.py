"""The city among its neighbours (INTERFACES.md §6): for each indicator the prefecture's 通报 gave peer
figures for in month M, the city (from its own report) and its peer counties ranked by YTD, highest
first, ties sharing the better rank; each peer's growth beside the city's; the benchmarks (全省开发区平均
and the like) beside, unranked; the peers the 通报 left out that month; and the same ranking for month
M − 1, so that the city's move is known.

One statement: the peers' figures of months M and M − 1 with every listed peer (a missing figure is a row
without YTD), the city's own figures added as parameters, ``RANK()`` over each indicator and month.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from projects.models import PeerCounty, PeerFigure
from reports import formulas as f
from reports.progress.mapping import db_number, fetch_rows
from targets.indicators import CODES, spec

if TYPE_CHECKING:
    from reports.progress.results import UnitRow

COUNTY, BENCHMARK = PeerCounty.Kind.COUNTY.value, PeerCounty.Kind.BENCHMARK.value
LARGE_INDICATOR = "registered_fdi"  # over_1000 is a count of approved projects: for 新批注册外资 only
CN_NUMERALS = "零一二三四五六七八九十"


def _own_rows() -> str:
    """The city's rows, one per indicator and month, from parameters."""
    rows = []
    for code in CODES:
        for which, month in (("now", "%(month)s"), ("prev", "%(prev_month)s")):
            over = "CAST(%(own_over_1000)s AS INTEGER)" if code == LARGE_INDICATOR and which == "now" else "NULL"
            rows.append(
                f"SELECT %(own_name)s AS name, 1 AS self, '{COUNTY}' AS kind, 0 AS sort_order, '{code}' AS indicator, "
                f"{month} AS month, CAST(%(own_{code}_{which})s AS NUMERIC) AS ytd, "
                f"CAST(%(own_{code}_ly_{which})s AS NUMERIC) AS last_year_ytd, {over} AS over_1000")
    return "\n    UNION ALL ".join(rows)


SQL = f"""
WITH published AS (
    SELECT DISTINCT f.indicator, f.month
    FROM {PeerFigure._meta.db_table} f JOIN {PeerCounty._meta.db_table} pc ON pc.id = f.peer_id
    WHERE f.year = %(year)s AND f.month IN (%(month)s, %(prev_month)s) AND pc.kind = '{COUNTY}'
), peers AS (
    SELECT pc.name, 0 AS self, pc.kind, pc.sort_order, pb.indicator, pb.month,
        f.ytd, f.last_year_ytd, f.over_1000
    FROM {PeerCounty._meta.db_table} pc CROSS JOIN published pb
    LEFT JOIN {PeerFigure._meta.db_table} f
        ON f.peer_id = pc.id AND f.year = %(year)s AND f.month = pb.month AND f.indicator = pb.indicator
    WHERE pc.name <> %(own_name)s
), own AS (
    {_own_rows()}
), rows AS (
    SELECT * FROM peers
    UNION ALL
    SELECT own.* FROM own JOIN published pb ON pb.indicator = own.indicator AND pb.month = own.month
)
SELECT name, self, kind, sort_order, indicator, month, ytd, last_year_ytd, over_1000,
    {f.yoy_pct("ytd", "last_year_ytd")} AS yoy_pct,
    CASE WHEN kind = '{COUNTY}' AND ytd IS NOT NULL THEN RANK() OVER (
        PARTITION BY indicator, month, kind, CASE WHEN ytd IS NULL THEN 1 ELSE 0 END ORDER BY ytd DESC) END AS rank
FROM rows
ORDER BY indicator, month, kind, CASE WHEN ytd IS NULL THEN 1 ELSE 0 END, ytd DESC, sort_order, name
"""


@dataclass(frozen=True)
class PeerRow:
    name: str
    self: bool
    ytd: Decimal | None
    last_year_ytd: Decimal | None
    yoy_pct: Decimal | None
    over_1000: int | None
    rank: int | None
    order: int = 0  # the list's order (the prefecture's), for text that names every peer

    def as_json(self, indicator: str) -> dict[str, Any]:
        return {"name": self.name, "self": self.self, "ytd": _num(self.ytd), "yoy_pct": _num(self.yoy_pct),
                "over_1000": self.over_1000 if indicator == LARGE_INDICATOR else None, "rank": self.rank}


@dataclass(frozen=True)
class PeerTable:
    indicator: str
    month: int
    ranked: list[PeerRow]  # the city and the peers with a figure, best first
    missing: list[str]  # peers the 通报 gave no figure for
    benchmarks: list[PeerRow] = field(default_factory=list)
    previous: PeerTable | None = None  # month M − 1, when the 通报 had this indicator then

    @property
    def label(self) -> str:
        return str(spec(self.indicator).label)

    @property
    def own(self) -> PeerRow:
        return next(r for r in self.ranked if r.self)

    @property
    def rank(self) -> int:
        return self.own.rank or 0

    @property
    def size(self) -> int:
        """How many counties are compared (the city included), those without a figure too."""
        return len(self.ranked) + len(self.missing)

    @property
    def rank_change(self) -> int | None:
        """Places gained since last month (positive: up); None without last month's table."""
        if self.previous is None:
            return None
        return self.previous.rank - self.rank

    def _at(self, rank: int) -> PeerRow | None:
        return next((r for r in self.ranked if r.rank == rank and not r.self), None)

    @property
    def first(self) -> PeerRow | None:
        """The first of the others when the city is not first."""
        return None if self.rank == 1 else self._at(1) or next((r for r in self.ranked if not r.self), None)

    @property
    def runner_up(self) -> PeerRow | None:
        """The best of the others when the city is first (ties: one of those sharing its rank)."""
        if self.rank != 1:
            return None
        others = [r for r in self.ranked if not r.self]
        return others[0] if others and others[0].rank != 1 else None  # tied first: nobody is behind

    @property
    def tied(self) -> list[str]:
        """The counties sharing the city's rank."""
        return [r.name for r in self.ranked if not r.self and r.rank == self.rank]

    @property
    def next_above(self) -> PeerRow | None:
        """The county just above the city (the one to catch next); None when it is first."""
        above = [r for r in self.ranked if not r.self and r.rank is not None and r.rank < self.rank]
        return above[-1] if above else None

    @property
    def next_below(self) -> PeerRow | None:
        below = [r for r in self.ranked if not r.self and r.rank is not None and r.rank >= self.rank]
        return below[0] if below else None

    def gap_to(self, row: PeerRow | None) -> Decimal | None:
        """``row``'s YTD minus the city's (positive: the city is behind)."""
        if row is None or row.ytd is None or self.own.ytd is None:
            return None
        return row.ytd - self.own.ytd

    @property
    def lead(self) -> Decimal | None:
        """How far the city, first, is ahead of the second (万美元)."""
        gap = self.gap_to(self.runner_up)
        return None if gap is None else -gap

    @property
    def behind_first(self) -> Decimal | None:
        return self.gap_to(self.first)

    @property
    def behind_next(self) -> Decimal | None:
        """How far the city is behind the county just above it, when that one is not the first."""
        above = self.next_above
        return None if above is None or above.rank == 1 else self.gap_to(above)

    @property
    def with_previous(self) -> list[tuple[PeerRow, int | None]]:
        """Each ranked row with its rank of last month (None where it had none)."""
        before = {r.name: r.rank for r in self.previous.ranked} if self.previous else {}
        return [(r, before.get(r.name)) for r in self.ranked]

    def as_json(self) -> list[dict[str, Any]]:
        return [r.as_json(self.indicator) for r in self.ranked]

    @property
    def others_in_order(self) -> list[PeerRow]:
        """The peers with a figure, in the list's order (as a speech names them)."""
        return sorted((r for r in self.ranked if not r.self), key=lambda r: (r.order, r.name))


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def group_name(size: int, prefecture: str) -> str:
    """"南通六县（市）": the prefecture's counties compared, the city included."""
    count = CN_NUMERALS[size] if 0 <= size <= 10 else str(size)
    return _("%(prefecture)s%(n)s县（市）") % {"prefecture": prefecture, "n": count}


def peer_tables(*, year: int, month: int, city: UnitRow, over_1000: int) -> dict[str, PeerTable]:
    """The month's peer tables by indicator (§6), for the city whose report row is ``city``. One query."""
    params: dict[str, Any] = {"year": year, "month": month, "prev_month": month - 1, "own_name": city.name,
                              "own_over_1000": over_1000}
    for code in CODES:
        figures = city.figures[code]
        params[f"own_{code}_now"] = db_number(figures.ytd)
        params[f"own_{code}_prev"] = db_number(figures.last_month_ytd)
        params[f"own_{code}_ly_now"] = db_number(figures.last_year_ytd)
        params[f"own_{code}_ly_prev"] = None  # last year's 1–(M−1) is not needed for a rank
    rows = fetch_rows(SQL, params)
    tables: dict[tuple[str, int], dict[str, list]] = {}
    for row in rows:
        table = tables.setdefault((row["indicator"], int(row["month"])), {"ranked": [], "missing": [], "benchmarks": []})
        peer = PeerRow(name=row["name"], self=bool(row["self"]), ytd=_decimal(row["ytd"]),
                       last_year_ytd=_decimal(row["last_year_ytd"]), yoy_pct=_decimal(row["yoy_pct"]),
                       over_1000=None if row["over_1000"] is None else int(row["over_1000"]),
                       rank=None if row["rank"] is None else int(row["rank"]), order=int(row["sort_order"]))
        if row["kind"] == BENCHMARK:
            if peer.ytd is not None:
                table["benchmarks"].append(peer)
        elif peer.ytd is None:
            table["missing"].append(peer.name)
        else:
            table["ranked"].append(peer)
    result: dict[str, PeerTable] = {}
    for code in CODES:
        now = tables.get((code, month))
        if now is None:
            continue
        before = tables.get((code, month - 1))
        previous = (PeerTable(indicator=code, month=month - 1, ranked=before["ranked"], missing=before["missing"],
                              benchmarks=before["benchmarks"]) if before else None)
        result[code] = PeerTable(indicator=code, month=month, ranked=now["ranked"], missing=now["missing"],
                                 benchmarks=now["benchmarks"], previous=previous)
    return result

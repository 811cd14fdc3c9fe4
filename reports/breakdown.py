"""Projects by industry and by origin (行业、板块、国别、地区) for 1–M月 of a year: how many were approved,
their registered FDI, the paid-in FDI that arrived on them, each beside the same months of last year
(同比) and as a share of the city (占比).

One statement, grouped in the database; the groups' sums are the city's totals of the progress report
(the same approvals, the same arrivals, carry-over included), a project without an industry or a country
counting under "未填". An industry or a country is grouped by the name the project holds; 板块 and 地区
come from the lists staff keep (``projects.models.catalogues``), a name no longer listed counting as 其他.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import Arrival, Country, Industry, Project
from reports import formulas as f
from reports.progress import ReportError, report_params, schedule_for_year
from reports.progress.mapping import fetch_rows
from units import periods

# what a page may group by: (label, the grouping expression over project p and the list entry c)
DIMENSIONS: dict[str, Any] = {
    "industry": (gettext_lazy("行业"), Industry, "p.industry"),
    "sector": (gettext_lazy("板块"), Industry, "CASE WHEN p.industry = '' THEN '' ELSE COALESCE(c.sector, 'other') END"),
    "country": (gettext_lazy("国别/地区"), Country, "p.country"),
    "region": (gettext_lazy("地区"), Country, "CASE WHEN p.country = '' THEN '' ELSE COALESCE(c.region, 'other') END"),
}


def _sql(dimension: str) -> str:
    _label, model, expression = DIMENSIONS[dimension]
    project, arrival, entry = Project._meta.db_table, Arrival._meta.db_table, model._meta.db_table
    field = "industry" if model is Industry else "country"
    return f"""
WITH keyed AS (
    SELECT p.id, p.approved_on, p.registered_fdi, {expression} AS k
    FROM {project} p LEFT JOIN {entry} c ON c.name = p.{field}
), approvals AS (
    SELECT k,
        COUNT(*) FILTER (WHERE approved_on >= %(start)s AND approved_on <= %(end)s) AS n,
        COUNT(*) FILTER (WHERE approved_on >= %(ly_start)s AND approved_on <= %(ly_end)s) AS n_ly,
        SUM(registered_fdi) FILTER (WHERE approved_on >= %(start)s AND approved_on <= %(end)s) AS reg,
        SUM(registered_fdi) FILTER (WHERE approved_on >= %(ly_start)s AND approved_on <= %(ly_end)s) AS reg_ly
    FROM keyed WHERE approved_on >= %(ly_start)s AND approved_on <= %(end)s
    GROUP BY k
), arrivals AS (
    SELECT kd.k,
        SUM(a.amount) FILTER (WHERE a.year = %(year)s) AS paid,
        SUM(a.amount) FILTER (WHERE a.year = %(last_year)s) AS paid_ly
    FROM {arrival} a JOIN keyed kd ON kd.id = a.project_id
    WHERE a.year IN (%(year)s, %(last_year)s) AND a.month <= %(month)s
    GROUP BY kd.k
), grouped AS (
    SELECT g.k, COALESCE(ap.n, 0) AS n, COALESCE(ap.n_ly, 0) AS n_ly,
        COALESCE(ap.reg, 0) AS reg, COALESCE(ap.reg_ly, 0) AS reg_ly,
        COALESCE(ar.paid, 0) AS paid, COALESCE(ar.paid_ly, 0) AS paid_ly
    FROM (SELECT k FROM approvals UNION SELECT k FROM arrivals) g
    LEFT JOIN approvals ap ON ap.k = g.k LEFT JOIN arrivals ar ON ar.k = g.k
), totalled AS (
    SELECT grouped.*, SUM(n) OVER () AS n_total, SUM(reg) OVER () AS reg_total, SUM(paid) OVER () AS paid_total
    FROM grouped
)
SELECT k, n, n_ly, reg, reg_ly, paid, paid_ly, n_total, reg_total, paid_total,
    {f.yoy_pct("n", "n_ly")} AS n_yoy, {f.yoy_pct("reg", "reg_ly")} AS reg_yoy, {f.yoy_pct("paid", "paid_ly")} AS paid_yoy,
    {f.share_pct("n", "n_total")} AS n_share, {f.share_pct("reg", "reg_total")} AS reg_share,
    {f.share_pct("paid", "paid_total")} AS paid_share
FROM totalled
WHERE n > 0 OR n_ly > 0 OR reg > 0 OR paid > 0 OR paid_ly > 0 OR reg_ly > 0
ORDER BY reg DESC, paid DESC, k
"""


SQL = {dimension: _sql(dimension) for dimension in DIMENSIONS}


@dataclass(frozen=True)
class Group:
    key: str  # the name, or the 板块/地区 code; "" = 未填
    label: str
    count: int
    count_last_year: int
    registered: Decimal
    registered_last_year: Decimal
    paid_in: Decimal
    paid_in_last_year: Decimal
    count_yoy: Decimal | None
    registered_yoy: Decimal | None
    paid_in_yoy: Decimal | None
    count_share: Decimal | None
    registered_share: Decimal | None
    paid_in_share: Decimal | None


@dataclass(frozen=True)
class Breakdown:
    year: int
    month: int
    dimension: str
    groups: list[Group]

    @property
    def label(self) -> str:
        return str(DIMENSIONS[self.dimension][0])

    @property
    def count(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def registered(self) -> Decimal:
        return sum((g.registered for g in self.groups), Decimal("0.00"))

    @property
    def paid_in(self) -> Decimal:
        return sum((g.paid_in for g in self.groups), Decimal("0.00"))


def _label(dimension: str, key: str) -> str:
    if key == "":
        return _("未填")
    if dimension == "sector":
        return str(dict(Industry.Sector.choices).get(key, key))
    if dimension == "region":
        return str(dict(Country.Region.choices).get(key, key))
    return key


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def breakdown(*, year: int, month: int, dimension: str) -> Breakdown:
    """The projects of 1–M月 of ``year`` grouped by ``dimension`` (a key of DIMENSIONS). One query
    (and the year's schedule, which the shared parameters carry)."""
    if dimension not in DIMENSIONS:
        raise ReportError(_("不能按“%(d)s”分组。") % {"d": dimension})
    if not periods.month_in_range(month):
        raise ReportError(periods.month_range_message())
    params = report_params(year, month, schedule_for_year(year))
    groups = [
        Group(key=row["k"], label=_label(dimension, row["k"]), count=int(row["n"]), count_last_year=int(row["n_ly"]),
              registered=_decimal(row["reg"]) or Decimal("0.00"), registered_last_year=_decimal(row["reg_ly"]) or Decimal("0.00"),
              paid_in=_decimal(row["paid"]) or Decimal("0.00"), paid_in_last_year=_decimal(row["paid_ly"]) or Decimal("0.00"),
              count_yoy=_decimal(row["n_yoy"]), registered_yoy=_decimal(row["reg_yoy"]), paid_in_yoy=_decimal(row["paid_yoy"]),
              count_share=_decimal(row["n_share"]), registered_share=_decimal(row["reg_share"]),
              paid_in_share=_decimal(row["paid_share"]))
        for row in fetch_rows(SQL[dimension], params)
    ]
    return Breakdown(year=year, month=month, dimension=dimension, groups=groups)

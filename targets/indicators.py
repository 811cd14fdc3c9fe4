"""The indicators (指标) of the open economy, "三外" (INTERFACES.md §0): what each is and where it comes from.

Every indicator has targets of every kind and every figure, count and rank of the progress report; the
report engine, the pages, the briefing workbook and the review text read this registry and treat them
alike. Adding a sixth is a choice in ``targets.models.Indicator`` and one line here (a reported figure
needs nothing else: clerks enter it on the monthly page, staff import it on the ``figures`` sheet).

Sources:
- ``approvals``: the registered FDI of projects approved in the period (a capital increase counts its
  increase), credited to the project's unit — of every project, or of the grafted ones only (嫁接引资:
  foreign capital grafted onto an existing domestic firm, which the year's 考核办法 scores);
- ``arrivals``: paid-in FDI, the arrivals of the period (a carry-over counts toward the year's total
  but not toward the monthly pace);
- ``reported``: a number each unit reports for each month (``projects.ReportedFigure``), its YTD the
  sum of months 1–M.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

APPROVALS, ARRIVALS, REPORTED = "approvals", "arrivals", "reported"

# Families, as seed 000 names them: 外资求突破、外贸促发展、外经拓规模.
FOREIGN_CAPITAL, TRADE, OUTWARD = "foreign_capital", "trade", "outward"
FAMILIES: dict[str, Promise] = {FOREIGN_CAPITAL: _("外资"), TRADE: _("外贸"), OUTWARD: _("外经")}


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    label: Promise  # 新批注册外资
    short: Promise  # as a chart legend or a column says it: 注册外资
    source: str  # approvals | arrivals | reported
    family: str
    prefix: str  # the column prefix of the report's SQL (short, unique)
    grafted_only: bool = False  # approvals of grafted projects (嫁接引资) only

    @property
    def reported(self) -> bool:
        return self.source == REPORTED

    @property
    def has_pace(self) -> bool:
        """The pace figures (carry-over, monthly arrival, required and catch-up monthly amounts) that the
        JSON gives for paid-in FDI (INTERFACES.md §2)."""
        return self.source == ARRIVALS


INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec("registered_fdi", _("新批注册外资"), _("注册外资"), APPROVALS, FOREIGN_CAPITAL, "reg"),
    IndicatorSpec("paid_in_fdi", _("注册外资实际到帐"), _("实际外资"), ARRIVALS, FOREIGN_CAPITAL, "paid"),
    IndicatorSpec("trade_total", _("进出口总额"), _("进出口"), REPORTED, TRADE, "trd"),
    IndicatorSpec("exports", _("出口总额"), _("出口"), REPORTED, TRADE, "exp"),
    IndicatorSpec("outward_revenue", _("外经营业额"), _("外经营业额"), REPORTED, OUTWARD, "owr"),
    IndicatorSpec("grafted_fdi", _("嫁接引资（新批注册外资）"), _("嫁接引资"), APPROVALS, FOREIGN_CAPITAL, "gft",
                  grafted_only=True),
)
BY_CODE = {spec.code: spec for spec in INDICATORS}
CODES = tuple(spec.code for spec in INDICATORS)
FDI = ("registered_fdi", "paid_in_fdi")  # the two a 双空白 (double blank) is about, always on the pages
REPORTED_CODES = tuple(spec.code for spec in INDICATORS if spec.reported)
TARGET_KINDS = ("assessment", "stretch", "doubling")
KIND_PREFIX = {"assessment": "a", "stretch": "s", "doubling": "d"}


def spec(code: str) -> IndicatorSpec:
    return BY_CODE[code]


def of_family(family: str) -> tuple[IndicatorSpec, ...]:
    return tuple(s for s in INDICATORS if s.family == family)

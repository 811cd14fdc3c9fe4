"""外贸依存度 (foreign-trade dependence) = 进出口总额 × 汇率 ÷ GDP, beside the national and provincial
benchmarks staff enter (seed 000: 全国68.03%，全省70.9%，我市仅13.34%).

进出口总额 is in 万美元, the rate in 元 per 美元, GDP in 亿元 (10,000 万元): dependence (%) = trade × rate
÷ (GDP × 10,000) × 100 = trade × rate ÷ (GDP × 100), rounded half up to 0.01. A year's dependence takes
its twelve months; for a month of the current year the page says what the months so far are of the
year's GDP. Two queries: the settings of the year and the one before, last year's full trade.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from projects.models import ReportedFigure
from reports.progress import ProgressReport
from targets.models import YearSetting

CENT = Decimal("0.01")


def dependence_pct(trade: Decimal, rate: Decimal | None, gdp: Decimal | None) -> Decimal | None:
    """trade (万美元) × rate (元/美元) ÷ GDP (亿元), in % to 0.01; None without a rate or a GDP."""
    if not rate or not gdp:
        return None
    return (trade * rate / (gdp * 100)).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class Dependence:
    year: int
    month: int
    trade_ytd: Decimal  # 万美元, 1–M月
    rate: Decimal | None
    gdp: Decimal | None
    pct: Decimal | None  # 1–M月's trade over the year's GDP (the year's dependence when M = 12)
    last_year_trade: Decimal  # 万美元, the whole of last year
    last_year_pct: Decimal | None
    national: Decimal | None
    provincial: Decimal | None

    @property
    def full_year(self) -> bool:
        return self.month == 12

    @property
    def trade_yuan_yi(self) -> Decimal | None:
        """1–M月's trade in 亿元 (万美元 × rate ÷ 10,000)."""
        return None if not self.rate else (self.trade_ytd * self.rate / 10000).quantize(CENT, ROUND_HALF_UP)

    @property
    def shown(self) -> bool:
        return any(v is not None for v in (self.pct, self.last_year_pct, self.national, self.provincial))


def trade_dependence(report: ProgressReport) -> Dependence:
    settings = {s.year: s for s in YearSetting.objects.filter(year__in=[report.year, report.year - 1])}
    now, before = settings.get(report.year), settings.get(report.year - 1)
    trade = report.city.figure("trade_total").ytd
    last_year = ReportedFigure.objects.filter(year=report.year - 1, indicator="trade_total").aggregate(
        total=Sum("amount"))["total"] or Decimal("0.00")
    rate, gdp = (now.exchange_rate, now.gdp) if now else (None, None)
    reference = now or before
    return Dependence(
        year=report.year, month=report.month, trade_ytd=trade, rate=rate, gdp=gdp,
        pct=dependence_pct(trade, rate, gdp) if trade else None,
        last_year_trade=last_year,
        last_year_pct=dependence_pct(last_year, before.exchange_rate, before.gdp) if before and last_year else None,
        national=reference.national_dependence if reference else None,
        provincial=reference.provincial_dependence if reference else None,
    )

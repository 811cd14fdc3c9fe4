"""Assessment scores and awards (考核, INTERFACES.md §5) for 1–M月 of a year, from the year's rules.

``assessment_report(year=Y, month=M)`` returns an :class:`AssessmentReport` whose ``as_json()`` is the
JSON of §5: every unit but the city scored within its kind by the year's ``AssessmentRule`` rows, and
the year's ``AwardRule`` rows with the units that qualified. Six queries whatever the number of units,
rules and awards: the year's schedule, the rules, the award rules, the units, the scores statement (the
points, totals and ranks) and the awards statement (``reports.assessment.sql``). ``explain`` writes one score out with the unit's
numbers ("18.75 = 25 × min(1.2, 75.00%)").
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from reports.assessment.results import (
    AssessmentReport,
    AwardResult,
    AwardUnit,
    RuleSummary,
    UnitScore,
    explain,
)
from reports.assessment.sql import AWARDS_SQL, MONTHS, SCORES_SQL
from reports.progress import CENT, ReportError, report_params, schedule_for_year
from reports.progress.mapping import db_date, fetch_rows
from targets.indicators import CODES
from targets.models import AssessmentRule, AwardRule
from units import periods
from units.models import Unit

__all__ = ["AssessmentReport", "AwardResult", "AwardUnit", "RuleSummary", "UnitScore", "assessment_report",
           "explain"]


def assessment_report(*, year: int, month: int) -> AssessmentReport:
    """The scores and awards of 1–M月 of ``year``; see the module docstring."""
    if not periods.month_in_range(month):
        raise ReportError(periods.month_range_message())
    schedule = schedule_for_year(year)
    # as a 考核办法 lists them: the heaviest first, then in the registry's order
    rules = sorted(AssessmentRule.objects.filter(year=year),
                   key=lambda r: (-r.weight, CODES.index(r.indicator) if r.indicator in CODES else len(CODES)))
    awards = list(AwardRule.objects.filter(year=year).order_by("by_month", "name"))
    units = list(Unit.objects.exclude(kind=Unit.Kind.CITY).order_by("sort_order", "code")
                 .values("id", "code", "name", "kind"))
    scored: dict[int, dict[str, Any]] = {}
    if rules:
        for row in fetch_rows(SCORES_SQL, report_params(year, month, schedule)):
            entry = scored.setdefault(row["unit_id"], {"points": {}, "bounds": {}, "total": _hundredths(row["total100"]),
                                                       "rank": int(row["rank_in_kind"])})
            entry["points"][row["indicator"]] = None if row["points100"] is None else _hundredths(row["points100"])
            if row["lo"] is not None:  # the kind's lowest and highest completion (%) with that target
                entry["bounds"][row["indicator"]] = (_hundredths(row["lo"]), _hundredths(row["hi"]))
    scores = []
    for u in units:
        entry = scored.get(u["id"], {"points": {}, "bounds": {}, "total": Decimal("0.00"), "rank": None})
        scores.append(UnitScore(id=u["id"], code=u["code"], name=u["name"], kind=u["kind"],
                                points={r.indicator: entry["points"].get(r.indicator) for r in rules},
                                total=entry["total"], rank_in_kind=entry["rank"], bounds=entry["bounds"]))
    return AssessmentReport(year=year, month=month, schedule_pct=schedule[month],
                            rules=[RuleSummary.of(r) for r in rules], units=scores,
                            awards=_awards(year, month, awards))


def _hundredths(value: Any) -> Decimal:
    return (Decimal(int(value)) / 100).quantize(CENT)


def _awards(year: int, month: int, awards: list[AwardRule]) -> list[AwardResult]:
    if not awards:
        return []
    params: dict[str, Any] = {"year": year, "month": month, "start": db_date(dt.date(year, 1, 1))}
    for m in MONTHS:
        params[f"end_{m}"] = db_date(periods.month_end(year, m))
    by_award: dict[int, list[dict[str, Any]]] = {}
    for row in fetch_rows(AWARDS_SQL, params):
        by_award.setdefault(row["award_id"], []).append(row)
    results = []
    for award in awards:
        rows = by_award.get(award.pk, [])
        qualified = [AwardUnit.of(r, reached_month=int(r["reached_month"])) for r in rows
                     if r["reached_month"] is not None]
        qualified.sort(key=lambda u: u.reached_month or 0)  # stable: the unit order within a month
        close = [AwardUnit.of(r, reached_month=None) for r in rows if r["close"]]
        results.append(AwardResult(rule=award, units=qualified, close=close, month=month))
    return results

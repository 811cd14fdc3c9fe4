"""How a figure was made (计算过程): the rows that sum to a unit's YTD, and its completion written out with
the unit's own numbers — what a unit arguing about its figure is shown.

- ``ytd_lines(unit_id=, year=, month=, indicator=)``: the approvals, arrivals or monthly figures of the
  period credited to the unit and the units under it (one query whatever the indicator; a unit with units
  under it gets one line per credited unit, a unit without them one line per project, arrival or month);
- ``completion_formula(figures, kind, schedule)``: "59.18 = 14,203 ÷ 24,000 × 100" and the gap beside it.

The lines' total is the report's YTD (the same predicates as ``reports.progress``), which the page shows
beside it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from projects.models import Arrival, Project, ReportedFigure
from reports.progress import IndicatorFigures
from targets.indicators import APPROVALS, ARRIVALS, spec
from units import periods
from units.selectors import subtree_ids


@dataclass(frozen=True)
class Line:
    """One row of a YTD: what it is (a project, an arrival, a month's figure, a unit's subtotal)."""

    label: str
    detail: str
    amount: Decimal
    project_id: int | None = None
    unit_code: str | None = None


def _amount(value: Decimal | None) -> Decimal:
    return (value or Decimal(0)).quantize(Decimal("0.01"))


def ytd_lines(*, unit_id: int, year: int, month: int, indicator: str) -> list[Line]:
    """The rows of the unit's YTD of ``indicator`` for 1–M月 of ``year``; see the module docstring."""
    ids = subtree_ids(unit_id)
    by_unit = len(ids) > 1
    start, end = dt.date(year, 1, 1), periods.month_end(year, month)
    source = spec(indicator).source
    if source == APPROVALS:
        projects = Project.objects.filter(unit_id__in=ids, approved_on__gte=start, approved_on__lte=end)
        if spec(indicator).grafted_only:
            projects = projects.filter(grafted=True)
        if by_unit:
            return _subtotals(projects.values("unit__code", "unit__name").annotate(total=Sum("registered_fdi")))
        return [Line(label=f"{p.code} {p.name}", amount=_amount(p.registered_fdi), project_id=p.pk,
                     detail=_("%(type)s，%(date)s批准") % {"type": p.get_type_display(), "date": p.approved_on})
                for p in projects.order_by("approved_on", "code")]
    if source == ARRIVALS:
        arrivals = Arrival.objects.filter(project__unit_id__in=ids, year=year, month__lte=month)
        if by_unit:
            return _subtotals(arrivals.values("project__unit__code", "project__unit__name")
                              .annotate(total=Sum("amount")), prefix="project__")
        return [Line(label=f"{a.project.code} {a.project.name}", amount=_amount(a.amount), project_id=a.project_id,
                     detail=_("上年结余（计入1月）") if a.carry_over else periods.month_label(a.month))
                for a in arrivals.select_related("project").order_by("month", "project__code")]
    figures = ReportedFigure.objects.filter(unit_id__in=ids, year=year, month__lte=month, indicator=indicator)
    if by_unit:
        return _subtotals(figures.values("unit__code", "unit__name").annotate(total=Sum("amount")))
    return [Line(label=periods.month_label(f.month), detail=_("当月填报数"), amount=_amount(f.amount))
            for f in figures.order_by("month")]


def _subtotals(rows, prefix: str = "") -> list[Line]:
    lines = [Line(label=row[f"{prefix}unit__name"], detail=_("引进单位合计"), amount=_amount(row["total"]),
                  unit_code=row[f"{prefix}unit__code"]) for row in rows]
    return sorted((line for line in lines if line.amount), key=lambda line: -line.amount)


def _n(value: Decimal, places: int = 0) -> str:
    return number_format(value, places, use_l10n=True, force_grouping=True)


@dataclass(frozen=True)
class Formula:
    completion: str  # 59.18 = 14,203 ÷ 24,000 × 100
    gap: str  # 0.85 = 59.18 − 58.33
    done: str  # 14,203 < 24,000: 未完成


def completion_formula(figures: IndicatorFigures, kind: str, schedule: Decimal) -> Formula | None:
    """The completion of one target kind written out with the unit's numbers; None without that target."""
    target, pct, gap = figures.target(kind), figures.pct(kind), figures.gap(kind)
    if not target or pct is None or gap is None:
        return None
    done = figures.done(kind)
    return Formula(
        completion=_("%(pct)s%% = %(ytd)s ÷ %(target)s × 100") % {
            "pct": _n(pct, 2), "ytd": _n(figures.ytd, 2), "target": _n(target, 2)},
        gap=_("%(gap)s = %(pct)s − %(schedule)s（序时进度）") % {
            "gap": _n(gap, 2), "pct": _n(pct, 2), "schedule": _n(schedule, 2)},
        done=(_("累计 %(ytd)s ≥ 目标 %(target)s：已完成全年目标") if done
              else _("累计 %(ytd)s < 目标 %(target)s：尚未完成全年目标")) % {
            "ytd": _n(figures.ytd, 2), "target": _n(target, 2)},
    )


__all__ = ["Formula", "Line", "completion_formula", "ytd_lines"]

"""Facts of the briefing (讲评) that the progress report does not carry, and the period's wording.

The progress report (``reports.progress``) gives every unit's and group's figures. The review text of
seed 004 also speaks of capital-increase projects (增资项目), of what backbone enterprises (骨干企业)
brought in, and the briefing workbook lists the large projects by name; those are computed here:

- ``briefing_facts(year=, month=)`` — two grouped aggregates (projects, then arrivals), this year and the
  same period last year in the same statement;
- ``large_projects(year=, month=)`` — the large projects themselves, one query with the credited unit.

Amounts in 万美元, percentages in % rounded half up to 0.01, as in the report.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, DecimalField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce

from projects.models import Arrival, Project
from reports.progress import CENT, LARGE, ProgressReport
from units import periods

ZERO = Decimal("0.00")


def pct_of(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole × 100 in % (0.01); None when ``whole`` is zero."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(CENT, ROUND_HALF_UP)


def growth_pct(this: Decimal, last: Decimal) -> Decimal | None:
    """同比 = (this − last) / last × 100 in % (0.01); None when last year's figure is zero."""
    if not last:
        return None
    return (Decimal(100) * (this - last) / last).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class IncreaseFacts:
    """增资项目: capital-increase projects approved in 1–M月, and the money they brought in."""

    count: int
    last_year_count: int
    count_yoy_pct: Decimal | None
    amount: Decimal  # the increases approved (registered FDI of the increase projects)
    last_year_amount: Decimal
    amount_yoy_pct: Decimal | None
    paid_in: Decimal  # paid-in arrivals of increase projects in 1–M月 (carry-over included)
    paid_in_share_pct: Decimal | None  # of the city's paid-in


@dataclass(frozen=True)
class BackboneFacts:
    """骨干企业招商: registered and paid-in FDI of projects brought by backbone enterprises, 1–M月."""

    registered: Decimal
    registered_share_pct: Decimal | None
    paid_in: Decimal
    paid_in_share_pct: Decimal | None


@dataclass(frozen=True)
class GraftedFacts:
    """嫁接引资: projects whose foreign capital is grafted onto an existing domestic firm (以民引外)."""

    count: int  # grafted projects approved in 1–M月
    registered: Decimal
    registered_share_pct: Decimal | None
    paid_in: Decimal  # arrivals of grafted projects in 1–M月 (carry-over included)
    paid_in_share_pct: Decimal | None


@dataclass(frozen=True)
class BriefingFacts:
    year: int
    month: int
    increase: IncreaseFacts
    backbone: BackboneFacts
    grafted: GraftedFacts


def _sum(field: str, condition: Q) -> Coalesce:
    return Coalesce(Sum(field, filter=condition), Value(ZERO), output_field=DecimalField(max_digits=16, decimal_places=2))


def _dec(value) -> Decimal:
    return Decimal(str(value or 0)).quantize(CENT, ROUND_HALF_UP)


def briefing_facts(*, year: int, month: int, report: ProgressReport) -> BriefingFacts:
    """The increase-project, backbone-enterprise and grafted-capital figures of 1–M月 ``year``. Two queries.

    Shares are of the city's YTD as ``report`` gives it (the city sums every unit, so every project).
    """
    start, end = periods.year_to_date(year, month)
    ly_start, ly_end = periods.year_to_date(year - 1, month)
    this_year = Q(approved_on__gte=start, approved_on__lte=end)
    last_year = Q(approved_on__gte=ly_start, approved_on__lte=ly_end)
    increase = Q(type=Project.Type.INCREASE)
    projects = Project.objects.filter(Q(approved_on__gte=ly_start, approved_on__lte=end)).aggregate(
        inc_count=Count("id", filter=increase & this_year),
        inc_count_ly=Count("id", filter=increase & last_year),
        inc_amount=_sum("registered_fdi", increase & this_year),
        inc_amount_ly=_sum("registered_fdi", increase & last_year),
        backbone_registered=_sum("registered_fdi", Q(backbone=True) & this_year),
        grafted_count=Count("id", filter=Q(grafted=True) & this_year),
        grafted_registered=_sum("registered_fdi", Q(grafted=True) & this_year),
    )
    arrivals = Arrival.objects.filter(year=year, month__lte=month).aggregate(
        inc_paid=_sum("amount", Q(project__type=Project.Type.INCREASE)),
        backbone_paid=_sum("amount", Q(project__backbone=True)),
        grafted_paid=_sum("amount", Q(project__grafted=True)),
    )
    city_reg, city_paid = report.city.registered_fdi.ytd, report.city.paid_in_fdi.ytd
    inc_amount, inc_amount_ly = _dec(projects["inc_amount"]), _dec(projects["inc_amount_ly"])
    inc_paid = _dec(arrivals["inc_paid"])
    backbone_reg, backbone_paid = _dec(projects["backbone_registered"]), _dec(arrivals["backbone_paid"])
    grafted_reg, grafted_paid = _dec(projects["grafted_registered"]), _dec(arrivals["grafted_paid"])
    return BriefingFacts(
        year=year,
        month=month,
        increase=IncreaseFacts(
            count=projects["inc_count"],
            last_year_count=projects["inc_count_ly"],
            count_yoy_pct=growth_pct(Decimal(projects["inc_count"]), Decimal(projects["inc_count_ly"])),
            amount=inc_amount,
            last_year_amount=inc_amount_ly,
            amount_yoy_pct=growth_pct(inc_amount, inc_amount_ly),
            paid_in=inc_paid,
            paid_in_share_pct=pct_of(inc_paid, city_paid),
        ),
        backbone=BackboneFacts(
            registered=backbone_reg,
            registered_share_pct=pct_of(backbone_reg, city_reg),
            paid_in=backbone_paid,
            paid_in_share_pct=pct_of(backbone_paid, city_paid),
        ),
        grafted=GraftedFacts(
            count=projects["grafted_count"],
            registered=grafted_reg,
            registered_share_pct=pct_of(grafted_reg, city_reg),
            paid_in=grafted_paid,
            paid_in_share_pct=pct_of(grafted_paid, city_paid),
        ),
    )


def large_projects(*, year: int, month: int) -> QuerySet[Project]:
    """超千万美元项目: projects approved in 1–M月 with registered FDI ≥ 1,000 万, then the negotiating
    pipeline at ≥ 1,000 万 — the projects behind ``ProgressReport.large_projects``. One query.

    Approved ones first (largest first), then the pipeline.
    """
    start, end = periods.year_to_date(year, month)
    return (
        Project.objects.select_related("unit")
        .filter(registered_fdi__gte=LARGE)
        .filter(Q(approved_on__gte=start, approved_on__lte=end) | Q(stage=Project.Stage.NEGOTIATING))
        .annotate(pipeline=Case(When(approved_on__isnull=True, then=Value(1)), default=Value(0)))
        .order_by("pipeline", "-registered_fdi", "code")
    )


def last_month_gap_pp(ytd_last_month: Decimal, target: Decimal | None, schedule: Decimal | None) -> Decimal | None:
    """Last month's schedule gap (completion − schedule, pp) from the report's last-month YTD, computed
    as the report computes this month's: both rounded to 0.01 before subtracting. None in January."""
    if schedule is None or not target:
        return None
    completion = (Decimal(100) * ytd_last_month / target).quantize(CENT, ROUND_HALF_UP)
    return completion - schedule

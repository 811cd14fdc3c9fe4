"""Reads of projects, arrivals and submissions, scoped by who is asking (``units.access`` decides).

Views, exports and reports ask these instead of querying by hand: ``visible_projects(user)`` is the one
queryset of the projects a user may open.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Max, Q, QuerySet, Sum

from projects.models import APPROVED_STAGES, Arrival, MonthSubmission, Project, ReportedFigure
from units import access
from units.models import Unit


def visible_projects(user: User | AnonymousUser) -> QuerySet[Project]:
    """Projects whose data-entry pages the user may open: a clerk the own unit's, staff and leaders all."""
    role = access.role_of(user)
    if role in (access.STAFF, access.LEADER):
        return Project.objects.all()
    unit = access.clerk_unit(user)
    if unit is not None:
        return Project.objects.filter(unit_id=unit.pk)
    return Project.objects.none()


def month_status(*, unit: Unit, year: int, month: int) -> str | None:
    """'submitted', 'locked' or None (not submitted) for the unit's month."""
    return (
        MonthSubmission.objects.filter(unit=unit, year=year, month=month)
        .values_list("status", flat=True)
        .first()
    )


def month_is_locked(*, unit: Unit, year: int, month: int) -> bool:
    return month_status(unit=unit, year=year, month=month) == MonthSubmission.Status.LOCKED


# --- the monthly page -----------------------------------------------------------------------------


@dataclass
class MonthRow:
    project: Project
    amount: str = ""
    version: int = 0
    carry: str = ""
    carry_version: int = 0
    ytd: Decimal = Decimal(0)
    error: str = ""
    carry_error: str = ""


def input_value(amount: Decimal | None) -> str:
    return "" if amount is None else str(amount)


def offered_projects(unit: Unit) -> QuerySet[Project]:
    """The projects whose arrivals the monthly page offers: the unit's approved-or-later ones, and any of
    its projects that already has arrivals. Arrivals are accepted for these only."""
    return Project.objects.filter(unit=unit).filter(
        Q(stage__in=APPROVED_STAGES) | Q(pk__in=Arrival.objects.filter(project__unit=unit).values("project_id"))
    )


def month_rows(unit: Unit, year: int, month: int) -> list[MonthRow]:
    """Every project the page offers (``offered_projects``), with the month's rows."""
    projects = offered_projects(unit).order_by("code")
    rows = {p.pk: MonthRow(project=p) for p in projects}
    for arrival in Arrival.objects.filter(project__unit=unit, year=year, month=month):
        row = rows.get(arrival.project_id)
        if row is None:
            continue
        if arrival.carry_over:
            row.carry, row.carry_version = input_value(arrival.amount), arrival.version
        else:
            row.amount, row.version = input_value(arrival.amount), arrival.version
    ytd = (
        Arrival.objects.filter(project__unit=unit, year=year, month__lte=month)
        .values("project_id").annotate(total=Sum("amount")).values_list("project_id", "total")
    )
    for project_id, total in ytd:
        if project_id in rows:
            rows[project_id].ytd = total
    return list(rows.values())


@dataclass
class FigureRow:
    """One reported indicator on the monthly page: the month's amount as typed, its version, the YTD."""

    code: str
    label: str
    amount: str = ""
    version: int = 0
    ytd: Decimal = Decimal(0)
    target: Decimal | None = None
    error: str = ""


def month_figures(unit: Unit, year: int, month: int) -> list[FigureRow]:
    """The reported indicators the unit enters (those it has a target of this year, or has reported
    before), with the month's amount and the YTD. Three queries."""
    from targets.indicators import INDICATORS
    from targets.models import Target

    if unit.kind == Unit.Kind.CITY:
        return []  # the city's figures are its units' sum (projects.services.figures)
    reported = [s for s in INDICATORS if s.reported]
    codes = {s.code for s in reported}
    targets = dict(Target.objects.filter(unit=unit, year=year, indicator__in=codes, kind="assessment")
                   .values_list("indicator", "amount"))
    used = set(Target.objects.filter(unit=unit, year=year, indicator__in=codes).values_list("indicator", flat=True))
    figures = ReportedFigure.objects.filter(unit=unit, indicator__in=codes)
    used |= set(figures.values_list("indicator", flat=True).distinct())
    rows = {s.code: FigureRow(code=s.code, label=str(s.label), target=targets.get(s.code)) for s in reported
            if s.code in used}
    for f in figures.filter(year=year, month__lte=month):
        row = rows.get(f.indicator)
        if row is None:
            continue
        row.ytd += f.amount
        if f.month == month:
            row.amount, row.version = input_value(f.amount), f.version
    return list(rows.values())


def month_totals(unit: Unit, year: int, month: int) -> dict[str, Decimal]:
    """The unit's paid-in in the month, its carry-over, and January–M including the carry-over."""
    zero = Decimal(0)
    sums = Arrival.objects.filter(project__unit=unit, year=year, month__lte=month).aggregate(
        month_total=Sum("amount", filter=Q(month=month, carry_over=False)),
        carry_over=Sum("amount", filter=Q(carry_over=True)),
        ytd=Sum("amount"),
    )
    return {key: value or zero for key, value in sums.items()}




# --- what a month holds: a submission's snapshot, and what changed since -----------------------------


def empty_state() -> dict[str, dict[str, str]]:
    return {"arrivals": {}, "approved": {}}


def states_for(unit_ids, year: int, months) -> dict[tuple[int, int], dict[str, dict[str, str]]]:
    """What each (unit, month) of ``year`` holds, as a submission keeps it: ``{"arrivals": {code: amount},
    "approved": {code: registered FDI}, "figures": {indicator: amount}}`` (a carry-over as ``code|上年结余``;
    "figures" only where the unit reported some). Three queries for any number
    of units and months; amounts as text to the cent, so a snapshot compares exactly after a JSON round trip."""
    unit_ids, months = list(unit_ids), list(months)
    states = {(uid, m): empty_state() for uid in unit_ids for m in months}
    if not unit_ids or not months:
        return states
    arrivals = Arrival.objects.filter(project__unit_id__in=unit_ids, year=year, month__in=months).values_list(
        "project__unit_id", "month", "project__code", "carry_over", "amount")
    for unit_id, month, code, carry, amount in arrivals:
        key = f"{code}|上年结余" if carry else code
        states[(unit_id, month)]["arrivals"][key] = f"{amount:.2f}"
    approved = Project.objects.filter(unit_id__in=unit_ids, approved_on__year=year, approved_on__month__in=months)
    for unit_id, day, code, registered in approved.values_list("unit_id", "approved_on", "code", "registered_fdi"):
        if day is not None:
            states[(unit_id, day.month)]["approved"][code] = f"{registered:.2f}"
    # The reported figures, under their own key only where there are some (snapshots taken before there
    # were reported figures hold no such key and still compare equal).
    figures = ReportedFigure.objects.filter(unit_id__in=unit_ids, year=year, month__in=months).values_list(
        "unit_id", "month", "indicator", "amount")
    for unit_id, month, indicator, amount in figures:
        states[(unit_id, month)].setdefault("figures", {})[indicator] = f"{amount:.2f}"
    return states


def month_state(unit_ids, year: int, month: int) -> dict[int, dict[str, dict[str, str]]]:
    """``states_for`` of one month, by unit."""
    return {uid: state for (uid, _m), state in states_for(unit_ids, year, [month]).items()}


@dataclass(frozen=True)
class StateChange:
    what: str
    old: str
    new: str


def state_changes(before: dict | None, after: dict) -> list[StateChange]:
    """What differs between a submission's snapshot and the month now, one line per project and figure."""
    from django.utils.translation import gettext as _

    from targets.indicators import BY_CODE

    labels = {"arrivals": _("到帐"), "approved": _("新批注册外资"), "figures": _("报送数")}
    changes: list[StateChange] = []
    before = before or {}
    for part in sorted(set(before) | set(after)):
        old, new = before.get(part, {}), after.get(part, {})
        for key in sorted(set(old) | set(new)):
            if old.get(key) != new.get(key):
                code, _sep, suffix = key.partition("|")
                if part == "figures" and code in BY_CODE:
                    code = str(BY_CODE[code].label)
                what = f"{code} {suffix or labels.get(part, part)}"
                changes.append(StateChange(what=what, old=old.get(key, "—"), new=new.get(key, "—")))
    return changes


def latest_data_period() -> tuple[int, int] | None:
    """The latest (year, month) with data: the latest of the last arrival, the last approval and the last
    reported figure. Three queries."""
    arrival = Arrival.objects.order_by("-year", "-month").values_list("year", "month").first()
    figure = ReportedFigure.objects.order_by("-year", "-month").values_list("year", "month").first()
    approved = Project.objects.aggregate(last=Max("approved_on"))["last"]
    candidates = [p for p in (arrival, figure, (approved.year, approved.month) if approved else None) if p]
    return max(candidates) if candidates else None

"""Which locked months a change to a project moves: the one rule every write path asks.

A project carries figures in three places, and a change moves the figures of each place it alters:

- its **approval month** (新批注册外资 of the unit that has it, and what the review reads beside it: 增资
  projects, 骨干企业, 嫁接引资, large projects, industry and origin): moved by its unit, approval date,
  registered capital, type, backbone, grafted, industry or country;
- the **months of its arrivals** (实际到帐, and the same breakdowns of it): moved by its unit, type,
  backbone, grafted, industry or country;
- the **pipeline** (在谈/签约 projects, counted as they stand now, so in the month being reported — the
  month clerks enter, ``units.periods.due_period``): moved by its unit, stage or registered capital while
  it is, or was, in the pipeline.

Creating a project touches what it brings, deleting it what it takes away. A locked month among those
months needs staff and a reason (``projects.services.entry``, ``workbook.writer``, ``projects.admin``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import Decimal

from django.db.models import Q

from projects.models import PIPELINE_STAGES, Arrival, MonthSubmission, Project
from units import periods
from units.models import Unit

UnitMonth = tuple[int, int, int]  # (unit_id, year, month)


@dataclass(frozen=True)
class ProjectFigures:
    """What of a project moves figures (see the module docstring)."""

    unit_id: int
    approved_on: dt.date | None
    stage: str
    registered_fdi: Decimal
    type: str
    backbone: bool
    grafted: bool
    industry: str
    country: str

    @classmethod
    def of(cls, project: Project) -> ProjectFigures:
        return cls(**{f.name: getattr(project, f.name) for f in fields(cls)})

    @property
    def in_pipeline(self) -> bool:
        return self.stage in PIPELINE_STAGES


APPROVAL_FIELDS = ("unit_id", "approved_on", "registered_fdi", "type", "backbone", "grafted", "industry", "country")
ARRIVAL_FIELDS = ("unit_id", "type", "backbone", "grafted", "industry", "country")
PIPELINE_FIELDS = ("unit_id", "stage", "registered_fdi")


def _differ(before: ProjectFigures, after: ProjectFigures, names: tuple[str, ...]) -> bool:
    return any(getattr(before, n) != getattr(after, n) for n in names)


def touched_months(before: ProjectFigures | None, after: ProjectFigures | None, *,
                   arrival_months: Iterable[tuple[int, int]] = (), on: dt.date | None = None) -> set[UnitMonth]:
    """The (unit, year, month) whose figures change when a project goes from ``before`` to ``after``
    (None: it did not exist / no longer exists). ``arrival_months``: the (year, month) of its arrivals."""
    states = [s for s in (before, after) if s is not None]
    months: set[UnitMonth] = set()
    arrivals = set(arrival_months)
    pipeline_year, pipeline_month = periods.due_period(on)

    def approval(state: ProjectFigures) -> None:
        if state.approved_on is not None:
            months.add((state.unit_id, state.approved_on.year, state.approved_on.month))

    def paid(state: ProjectFigures) -> None:
        months.update((state.unit_id, year, month) for year, month in arrivals)

    def pipeline(state: ProjectFigures) -> None:
        if state.in_pipeline:
            months.add((state.unit_id, pipeline_year, pipeline_month))

    if before is None or after is None:  # created or deleted: everything it carries
        for state in states:
            approval(state)
            paid(state)
            pipeline(state)
        return months
    if _differ(before, after, APPROVAL_FIELDS):
        approval(before)
        approval(after)
    if _differ(before, after, ARRIVAL_FIELDS):
        paid(before)
        paid(after)
    if _differ(before, after, PIPELINE_FIELDS):
        pipeline(before)
        pipeline(after)
    return months


def arrival_months(project_id: int | None) -> set[tuple[int, int]]:
    """The (year, month) of a project's arrivals. One query."""
    if project_id is None:
        return set()
    return set(Arrival.objects.filter(project_id=project_id).values_list("year", "month").distinct())


def locked_months(months: Iterable[UnitMonth]) -> list[UnitMonth]:
    """Those of ``months`` the bureau has locked, in time order. One query.

    A month the bureau locked for the whole city (``month_lock_all``, which locks the city's own row too)
    holds for every unit: a unit added later, or the city itself."""
    months = set(months)
    if not months:
        return []
    condition = Q()
    for unit_id, year, month in months:
        condition |= Q(unit_id=unit_id, year=year, month=month)
    for year, month in {(y, m) for _u, y, m in months}:
        condition |= Q(unit__kind=Unit.Kind.CITY, year=year, month=month)
    found = set(MonthSubmission.objects.filter(condition, status=MonthSubmission.Status.LOCKED).values_list(
        "unit_id", "year", "month", "unit__kind"))
    city_locked = {(y, m) for _u, y, m, kind in found if kind == Unit.Kind.CITY}
    hits = {(u, y, m) for u, y, m, _k in found if (u, y, m) in months}
    hits |= {(u, y, m) for u, y, m in months if (y, m) in city_locked}
    return sorted(hits, key=lambda m: (m[1], m[2], m[0]))


def unit_move_months(unit_id: int, *, parent_before: int | None, parent_after: int | None,
                     kind_changed: bool, tree: dict[int, int | None]) -> set[UnitMonth]:
    """The (unit, year, month) whose figures change when a unit moves in the tree or changes kind.

    ``tree`` maps every unit to its parent (as it stands before the change). Moving a unit moves its whole
    subtree's figures out of the old ancestors and into the new ones, in every month the subtree has an
    approval or an arrival; a new kind moves the unit's own figures into another group (开发区/乡镇/部门)
    in every month it has figures of its own. Two queries."""
    children: dict[int | None, list[int]] = {}
    for child, parent in tree.items():
        children.setdefault(parent, []).append(child)
    subtree, stack = set(), [unit_id]
    while stack:
        node = stack.pop()
        if node not in subtree:
            subtree.add(node)
            stack.extend(children.get(node, []))

    def ancestors(start: int | None) -> list[int]:
        chain, seen = [], set()
        while start is not None and start not in seen:
            seen.add(start)
            chain.append(start)
            start = tree.get(start)
        return chain

    def data_months(units: set[int]) -> set[tuple[int, int]]:
        dates = Project.objects.filter(unit_id__in=units, approved_on__isnull=False).values_list("approved_on", flat=True)
        approved = {(d.year, d.month) for d in dates.distinct() if d is not None}
        paid = set(Arrival.objects.filter(project__unit_id__in=units).values_list("year", "month").distinct())
        return approved | paid

    months: set[UnitMonth] = set()
    if parent_before != parent_after:
        moved = data_months(subtree)
        for ancestor in {*ancestors(parent_before), *ancestors(parent_after)}:
            months.update((ancestor, year, month) for year, month in moved)
    if kind_changed:
        months.update((unit_id, year, month) for year, month in data_months({unit_id}))
    return months

"""Key projects (重点项目督查) and the activities leads come from (INTERFACES.md §7): the red / yellow / green
light, the stale leads, possible duplicates, the activities' results and their signing quotas.

- A milestone is overdue when it is not done and its planned day is before ``as_of``; a problem is open
  until resolved, overdue when open and its due day is before ``as_of``.
- ``red``: a milestone overdue by more than 30 days, or an overdue problem; ``yellow``: otherwise a
  milestone overdue by 1–30 days; ``green``: otherwise.

Every list is one query (aggregates over the milestones and problems, or a grouped statement), whatever
the number of projects.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Case, CharField, Count, IntegerField, Min, Q, QuerySet, Sum, Value, When
from django.utils import timezone

from projects.models import Activity, Milestone, Problem, Project
from units.models import Unit

RED_AFTER_DAYS = 30


def key_projects(as_of: dt.date, queryset: QuerySet[Project] | None = None) -> QuerySet[Project]:
    """The key projects with ``overdue_milestones``, ``first_overdue`` (the oldest overdue planned day),
    ``open_problems``, ``overdue_problems`` and ``light``; red first, then yellow, then green."""
    overdue = Q(milestones__done_on__isnull=True, milestones__planned_on__lt=as_of)
    open_problem = Q(problems__resolved_on__isnull=True)
    return (
        (queryset if queryset is not None else Project.objects.all()).filter(key=True)
        .exclude(stage=Project.Stage.DROPPED)
        .select_related("unit", "leader_user")
        .annotate(
            overdue_milestones=Count("milestones", filter=overdue, distinct=True),
            first_overdue=Min("milestones__planned_on", filter=overdue),
            open_problems=Count("problems", filter=open_problem, distinct=True),
            overdue_problems=Count("problems", filter=open_problem & Q(problems__due_on__lt=as_of), distinct=True),
        )
        .annotate(
            light=Case(
                When(Q(overdue_problems__gt=0) | Q(first_overdue__lt=as_of - dt.timedelta(days=RED_AFTER_DAYS)),
                     then=Value("red")),
                When(overdue_milestones__gt=0, then=Value("yellow")),
                default=Value("green"), output_field=CharField()),
            light_order=Case(When(light="red", then=Value(0)), When(light="yellow", then=Value(1)), default=Value(2),
                             output_field=IntegerField()),
        )
        .order_by("light_order", "first_overdue", "unit__sort_order", "code")
    )


def key_projects_json(as_of: dt.date) -> dict[str, Any]:
    """§7's ``key_projects --as-of`` object."""
    rows: list[Any] = list(key_projects(as_of))
    return {"as_of": as_of.isoformat(), "projects": [
        {"code": p.code, "leader": leader_name(p), "stage": p.stage, "light": p.light,
         "overdue_milestones": p.overdue_milestones, "open_problems": p.open_problems,
         "overdue_problems": p.overdue_problems}
        for p in rows]}


def leader_name(project: Project) -> str:
    if project.leader:
        return project.leader
    user = project.leader_user
    return (user.get_full_name() or user.username) if user else ""


def overdue_milestones(as_of: dt.date, projects: QuerySet[Project]) -> QuerySet[Milestone]:
    return (Milestone.objects.filter(project__in=projects, done_on__isnull=True, planned_on__lt=as_of)
            .select_related("project", "project__unit").order_by("planned_on"))


def open_problems(projects: QuerySet[Project]) -> QuerySet[Problem]:
    return (Problem.objects.filter(project__in=projects, resolved_on__isnull=True)
            .select_related("project", "project__unit").order_by("owner", "due_on", "raised_on"))


# --- stale leads and duplicates -----------------------------------------------------------------------------


def stale_before() -> dt.datetime:
    """A 在谈 lead not updated since this moment is stale (``settings.STALE_LEAD_DAYS``, 60 by default)."""
    return timezone.now() - dt.timedelta(days=getattr(settings, "STALE_LEAD_DAYS", 60))


def stale_leads(queryset: QuerySet[Project] | None = None) -> QuerySet[Project]:
    return ((queryset if queryset is not None else Project.objects.all())
            .filter(stage=Project.Stage.NEGOTIATING, updated_at__lt=stale_before()).select_related("unit"))


def _normal(text: str) -> str:
    """A project's name as two clerks might both have meant it: no spaces or punctuation, no company suffix."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"股份有限公司|有限责任公司|有限公司|集团|项目", "", text)
    return re.sub(r"[\s·・,，.。()（）\-—]", "", text)


@dataclass(frozen=True)
class DuplicatePair:
    first: Project
    second: Project
    why: str


def possible_duplicates() -> list[DuplicatePair]:
    """Projects of different units that look like one: the same investor and a similar name (one's name,
    normalised, contains the other's). One query for the candidates (projects sharing an investor across
    units), then the names compared; pairs staff marked as not duplicates are left out."""
    from projects.models import DuplicateDismissal

    shared = (Project.objects.exclude(investor="").exclude(stage=Project.Stage.DROPPED)
              .values("investor").annotate(units=Count("unit", distinct=True)).filter(units__gt=1)
              .values_list("investor", flat=True))
    candidates = list(Project.objects.filter(investor__in=list(shared)).exclude(stage=Project.Stage.DROPPED)
                      .select_related("unit").order_by("investor", "code"))
    dismissed = set(DuplicateDismissal.objects.values_list("first_id", "second_id"))
    pairs = []
    for i, a in enumerate(candidates):
        for b in candidates[i + 1:]:
            if a.investor != b.investor or a.unit_id == b.unit_id or (a.pk, b.pk) in dismissed or (b.pk, a.pk) in dismissed:
                continue
            na, nb = _normal(a.name), _normal(b.name)
            if na and nb and (na in nb or nb in na):
                pairs.append(DuplicatePair(a, b, "same investor, similar name"))
            elif a.activity and a.activity == b.activity and a.registered_fdi == b.registered_fdi:
                pairs.append(DuplicatePair(a, b, "same investor and activity, same amount"))
    return pairs


# --- activities ---------------------------------------------------------------------------------------------


@dataclass
class ActivityResult:
    activity: Activity
    projects: int
    registered_fdi: Decimal
    met: list[Unit]
    missing: list[Unit]

    @property
    def quota(self) -> dict[str, list[str]] | None:
        if not self.activity.has_quota:
            return None
        return {"met": [u.code for u in self.met], "missing": [u.code for u in self.missing]}


def activity_results(year: int) -> list[ActivityResult]:
    """Each activity of ``year``: the projects that came from it (dropped ones left out) and their
    registered FDI; for an event with quotas, the units that brought a project of the quota and those
    that did not (three queries)."""
    activities = list(Activity.objects.filter(date__year=year).prefetch_related("units").order_by("date", "code"))
    codes = [a.code for a in activities]
    sums = {row["activity"]: row for row in Project.objects.filter(activity__in=codes).exclude(
        stage=Project.Stage.DROPPED).values("activity").annotate(n=Count("id"), total=Sum("registered_fdi"))}
    brought: dict[str, dict[int, Decimal]] = {}
    for code, unit_id, amount in (Project.objects.filter(activity__in=codes).exclude(stage=Project.Stage.DROPPED)
                                  .values_list("activity", "unit_id", "registered_fdi")):
        best = brought.setdefault(code, {})
        best[unit_id] = max(best.get(unit_id, Decimal(0)), amount)
    results = []
    for a in activities:
        met: list[Unit] = []
        missing: list[Unit] = []
        if a.has_quota:
            for unit in sorted(a.units.all(), key=lambda u: (u.sort_order, u.code)):
                quota = a.quota_township if unit.kind == Unit.Kind.TOWNSHIP else a.quota_zone
                if quota is None:
                    continue
                (met if brought.get(a.code, {}).get(unit.pk, Decimal(-1)) >= quota else missing).append(unit)
        row = sums.get(a.code, {})
        results.append(ActivityResult(a, int(row.get("n") or 0), row.get("total") or Decimal("0.00"), met, missing))
    return results


def activities_json(year: int) -> dict[str, Any]:
    """§7's ``activities_report`` object."""
    return {"activities": [
        {"code": r.activity.code, "kind": r.activity.kind, "date": r.activity.date.isoformat(), "projects": r.projects,
         "registered_fdi": float(r.registered_fdi), "quota": r.quota} for r in activity_results(year)]}

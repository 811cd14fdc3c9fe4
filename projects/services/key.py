"""Key projects' milestones and problems as clerks (their own unit's) and staff enter them, staff's marking
of key projects with a leader and a team, and the activities staff record. Each change is saved with the
user in the history; a resolved problem records who resolved it and when."""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from projects.models import Activity, Milestone, Problem, Project
from projects.services.entry import EntryRefused
from projects.services.stamp import stamp
from units import access, periods, rules


def _may_edit(user: User, project: Project) -> None:
    if not access.can_edit_unit(user, project.unit_id):
        raise PermissionDenied


def _saved(row, user: User) -> None:
    row.full_clean()
    stamp(row, user=user)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise EntryRefused([_("刚刚有人保存了相同的记录，请刷新后核对。")]) from None


@transaction.atomic
def milestone_save(*, project: Project, user: User, name: str, planned_on: dt.date, done_on: dt.date | None = None,
                   milestone: Milestone | None = None) -> Milestone:
    _may_edit(user, project)
    row = milestone or Milestone(project=project)
    if row.project_id != project.pk:
        raise PermissionDenied
    if done_on is not None:
        rules.check_date(done_on, label=_("完成日期"))
    if milestone is not None:
        row.version += 1
    row.name, row.planned_on, row.done_on = rules.check_text(name.strip(), max_length=rules.SHORT_TEXT_MAX), planned_on, done_on
    _saved(row, user)
    return row


@transaction.atomic
def problem_save(*, project: Project, user: User, description: str, raised_on: dt.date, owner: str = "",
                 due_on: dt.date | None = None) -> Problem:
    _may_edit(user, project)
    row = Problem(project=project, raised_on=raised_on, description=description.strip(), owner=owner.strip(),
                  due_on=due_on)
    _saved(row, user)
    return row


@transaction.atomic
def problem_resolve(*, problem: Problem, user: User, resolution: str, on: dt.date | None = None) -> Problem:
    """Mark a problem resolved (today unless ``on``) with what was done; records who."""
    row = Problem.objects.select_for_update().select_related("project").get(pk=problem.pk)
    _may_edit(user, row.project)
    if row.resolved_on is not None:
        raise EntryRefused([_("这个问题已于%(day)s登记解决。") % {"day": row.resolved_on}])
    row.resolved_on = on or periods.today()
    if row.resolved_on < row.raised_on:
        raise EntryRefused([_("解决日期不能早于提出日期。")])
    row.resolution = rules.check_text(resolution.strip(), max_length=rules.REASON_MAX)
    row.resolved_by = user
    row.version += 1
    _saved(row, user)
    return row


@transaction.atomic
def key_set(*, project: Project, user: User, key: bool, leader: str = "", leader_user: User | None = None,
            team: str = "") -> Project:
    """Staff mark a project as key (重点项目) with its contact leader (a name, or a leader's account) and team."""
    if not access.can_manage(user):
        raise PermissionDenied
    row = Project.objects.select_for_update().get(pk=project.pk)
    if leader_user is not None and access.role_of(leader_user) != access.LEADER:
        raise EntryRefused([_("联系领导账号必须是领导账号。")])
    row.key, row.leader, row.leader_user, row.team = key, leader.strip(), leader_user, team.strip()
    row.version += 1
    _saved(row, user)
    return row


@transaction.atomic
def activity_save(*, activity: Activity, user: User, units=None) -> Activity:
    if not access.can_manage(user):
        raise PermissionDenied
    if activity.pk:
        activity.version += 1
    _saved(activity, user)
    if units is not None:
        activity.units.set(units)
    return activity

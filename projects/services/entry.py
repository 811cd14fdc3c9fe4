"""Data entry by clerks and staff: projects and a unit's monthly arrivals (实际到帐).

Every write goes through `.save()` / `.delete()` so django-simple-history records it, and every write
checks the row's `version` so one person's save never silently overwrites another's. What a valid
amount, month or date is comes from ``units.rules``; a change to a locked month needs staff and a reason.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from projects.models import APPROVED_STAGES, Arrival, MonthSubmission, Project
from projects.selectors import offered_projects
from projects.services import locks
from projects.services.locks import UnitMonth
from projects.services.stamp import stamp
from projects.services.submissions import LockedMonthError, lock_unit_rows
from units import access, periods, rules
from units.models import Unit


class EntryRefused(Exception):
    """Bad input or a forbidden change: nothing was saved. `messages` are Chinese, for the user.

    `row_errors` maps (project_id, carry_over) to the message for that input on the monthly page.
    """

    def __init__(self, messages: list[str], row_errors: dict[tuple[int, bool], str] | None = None):
        super().__init__(" ".join(str(m) for m in messages))
        self.messages = [str(m) for m in messages]
        self.row_errors = row_errors or {}


class StaleVersionError(EntryRefused):
    """Someone else saved the row after the user loaded it (lost-update protection)."""


@dataclass(frozen=True)
class MonthSaveResult:
    created: int = 0
    updated: int = 0
    deleted: int = 0

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


def _check_period(*, year: int, month: int, today: dt.date | None = None) -> None:
    if not (periods.month_in_range(month) and periods.year_in_range(year)):
        raise EntryRefused([_("年度或月份无效。")])
    try:
        rules.check_period_not_future(year, month, on=today)
    except rules.RuleError as error:
        raise EntryRefused([str(error)]) from None


@transaction.atomic
def arrivals_save_month(
    *,
    unit: Unit,
    year: int,
    month: int,
    amounts: Mapping[int, Decimal | str | None],
    carry_overs: Mapping[int, Decimal | str | None] | None = None,
    versions: dict[int, int] | None = None,
    carry_over_versions: dict[int, int] | None = None,
    user: User,
    reason: str = "",
    today: dt.date | None = None,
) -> MonthSaveResult:
    """Save a unit's paid-in arrivals (实际到帐) of one month, all or nothing.

    - `amounts` / `carry_overs`: project id → the month's amount / the January carry-over (上年结余),
      in 万美元; empty or None means "no arrival" (an existing row is deleted), 0 is stored as 0.
      Values may be Decimals or the text typed on the page; they are parsed by `units.rules.parse_amount`.
    - `versions` / `carry_over_versions`: project id → the version of the row the user saw (0: there
      was none). A row someone else changed since is a conflict. Pass None to skip the check (commands).
    - Only rows whose value changes are written, one `.save()`/`.delete()` each, so the history shows
      them; each written row's version goes up by one.

    Refused, nothing saved: `LockedMonthError` for a locked month when the user is not staff;
    `EntryRefused` for a month after the current one, a locked month changed by staff without a
    `reason` (the reason is stored as each changed row's history change reason), bad amounts, a
    carry-over outside January, a project not of the unit; `StaleVersionError` (an EntryRefused) for a
    version conflict. PermissionDenied if the user may not change the unit at all.
    """
    if not access.can_edit_unit(user, unit):
        raise PermissionDenied
    carry_overs = carry_overs or {}
    reason = _checked_reason(reason)
    _check_period(year=year, month=month, today=today)

    # One monthly save per unit at a time (PostgreSQL; SQLite's IMMEDIATE transactions serialise all
    # writers): two people saving the same empty row at once would otherwise both insert it.
    lock_unit_rows([unit.pk])
    # Lock the month's submission row (if any) so a concurrent lock waits for this save, or vice versa.
    status = (
        MonthSubmission.objects.select_for_update()
        .filter(unit=unit, year=year, month=month)
        .values_list("status", flat=True)
        .first()
    )
    locked = status == MonthSubmission.Status.LOCKED
    if locked and not access.can_change_locked_month(user):
        raise LockedMonthError(
            _("%(year)d年%(month)d月已被招商局锁定，不能修改；如需更正，请联系招商局。")
            % {"year": year, "month": month}
        )

    messages: list[str] = []
    row_errors: dict[tuple[int, bool], str] = {}
    if month != 1 and not all(_is_blank(v) for v in carry_overs.values()):
        messages.append(_("上年结余只能在1月填报。"))

    wanted: dict[tuple[int, bool], Decimal | None] = {}
    inputs = [(pid, False, raw) for pid, raw in amounts.items()]
    if month == 1:
        inputs += [(pid, True, raw) for pid, raw in carry_overs.items()]
    for pid, carry, raw in inputs:
        try:
            wanted[(pid, carry)] = rules.parse_amount(raw)
        except ValueError as exc:
            row_errors[(pid, carry)] = str(exc)

    project_ids = {pid for pid, _carry in wanted} | {pid for pid, _carry in row_errors}
    offered = set(offered_projects(unit).filter(pk__in=project_ids).values_list("pk", flat=True))
    refused = project_ids - offered
    if refused:
        # Never name a project the page did not offer: it may be another unit's.
        messages.append(_("有 %(count)d 个项目不在%(unit)s本月可填报的项目之中（其他单位的项目或尚未批准的项目），"
                          "未保存任何数据。") % {"count": len(refused), "unit": unit.name})
    if row_errors:
        messages.append(_("有 %(count)d 处金额填写有误，请按提示修改。") % {"count": len(row_errors)})
    if messages:
        raise EntryRefused(messages, row_errors)

    existing = {
        (row.project_id, row.carry_over): row
        for row in Arrival.objects.select_for_update().filter(project_id__in=project_ids, year=year, month=month)
    }
    plan: list[tuple[tuple[int, bool], Decimal | None]] = []
    conflicts: dict[tuple[int, bool], str] = {}
    for key, value in wanted.items():
        row = existing.get(key)
        current = row.amount if row else None
        if value == current:
            continue
        seen_versions = carry_over_versions if key[1] else versions
        if seen_versions is not None and seen_versions.get(key[0], 0) != (row.version if row else 0):
            conflicts[key] = _("已被他人修改（现为 %(value)s），请刷新后重试。") % {
                "value": "—" if current is None else f"{current:,.2f}"
            }
            continue
        plan.append((key, value))
    if conflicts:
        raise StaleVersionError(
            [_("本月到帐数据已被他人修改，请刷新后重试（本次未保存任何数据）。")], conflicts
        )
    if plan and locked and not reason:
        raise EntryRefused([_("该月已锁定：修改须填写修改原因。")])

    try:
        with transaction.atomic():
            return _apply_month_plan(plan, existing, year=year, month=month, user=user, reason=reason)
    except IntegrityError:
        # A row was inserted by someone else despite the lock (e.g. a command not using this function).
        raise StaleVersionError(
            [_("本月到帐数据已被他人修改，请刷新后重试（本次未保存任何数据）。")]
        ) from None


def _apply_month_plan(plan, existing, *, year: int, month: int, user: User, reason: str) -> MonthSaveResult:
    created = updated = deleted = 0
    for (pid, carry), value in plan:
        row = existing.get((pid, carry))
        if value is None:
            stamp(row, user=user, reason=reason)
            row.delete()
            deleted += 1
        elif row is None:
            row = Arrival(project_id=pid, year=year, month=month, amount=value, carry_over=carry, version=1)
            stamp(row, user=user, reason=reason)
            row.save()
            created += 1
        else:
            row.amount = value
            row.version += 1
            stamp(row, user=user, reason=reason)
            row.save()
            updated += 1
    return MonthSaveResult(created=created, updated=updated, deleted=deleted)


def _checked_reason(reason: str | None) -> str:
    """A change reason as it may be kept in the history (units.rules: length and characters)."""
    reason = (reason or "").strip()
    try:
        return rules.check_text(reason, max_length=rules.REASON_MAX)
    except rules.RuleError as error:
        raise EntryRefused([_("修改原因%(problem)s") % {"problem": error}]) from None


def _is_blank(raw: Decimal | str | None) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


# Fields a project form may set (everything but the bookkeeping ones).
PROJECT_FIELDS = (
    "code", "name", "unit", "type", "stage", "approved_on", "registered_fdi",
    "investor", "country", "industry", "backbone", "grafted", "total_investment", "activity", "dropped_reason",
)


def check_locked_change(months: set[UnitMonth], *, user: User, reason: str) -> None:
    """A change that moves a locked month's figures: refused for clerks, allowed to staff with a reason.
    ``months`` come from ``locks.touched_months``."""
    locked = locks.locked_months(months)
    if not locked:
        return
    _unit_id, year, month = locked[0]
    if not access.can_change_locked_month(user):
        raise EntryRefused([_("%(year)d年%(month)d月已被招商局锁定，这项修改会改变该月的数据，不能保存；如需更正，请联系招商局。")
                            % {"year": year, "month": month}])
    if not reason:
        raise EntryRefused([_("%(year)d年%(month)d月已锁定：修改已锁定月份的数据须填写修改原因。")
                            % {"year": year, "month": month}])


def _normalised(data: dict) -> dict:
    """The form's values as the project will hold them: the code without surrounding spaces."""
    data = {k: v for k, v in data.items() if k in PROJECT_FIELDS}
    if isinstance(data.get("code"), str):
        data["code"] = data["code"].strip()
    return data


@transaction.atomic
def project_create(*, data: dict, user: User, reason: str = "") -> Project:
    """Create a project (version 1). `data` holds PROJECT_FIELDS; full_clean gives Chinese messages.

    A project approved in a locked month (or entering the pipeline of a locked month) changes that
    month's figures: clerks are refused, staff need a reason (``check_locked_change``).
    """
    reason = _checked_reason(reason)
    project = Project(**_normalised(data))
    if not access.can_edit_unit(user, project.unit_id):
        raise PermissionDenied
    project.version = 1
    lock_unit_rows([project.unit_id])
    project.full_clean()
    check_locked_change(locks.touched_months(None, locks.ProjectFigures.of(project)), user=user, reason=reason)
    stamp(project, user=user, reason=reason)
    project.save()
    return project


@transaction.atomic
def project_update(*, project_id: int, data: dict, expected_version: int, user: User, reason: str = "") -> Project:
    """Change a project if nobody else has since the user loaded it (version check), else StaleVersionError.

    The row is locked (PostgreSQL; SQLite serialises writers with IMMEDIATE transactions), compared,
    then saved with `.save()` so the history records it, its version one higher. A form saved without a
    change is a no-op: no version, no history entry. A change that moves a locked month's figures
    (``locks``: unit, date, amount, type, backbone, grafted, industry, country, stage) needs staff and a
    reason.
    """
    reason = _checked_reason(reason)
    project = Project.objects.select_for_update().get(pk=project_id)
    if not access.can_edit_unit(user, project.unit_id):
        raise PermissionDenied
    if project.version != expected_version:
        raise StaleVersionError([_("该项目已被他人修改，请刷新后重试。")])
    before = locks.ProjectFigures.of(project)
    before_stage = project.stage
    changed = False
    for name, value in _normalised(data).items():
        attribute = "unit_id" if name == "unit" else name
        current = getattr(project, attribute)
        new = value.pk if name == "unit" and value is not None else value
        if current != new:
            setattr(project, name, value)
            changed = True
    if not changed:
        return project
    if not access.can_edit_unit(user, project.unit_id):
        raise PermissionDenied
    if data.get("stage") == Project.Stage.DROPPED and before_stage in APPROVED_STAGES:
        raise ValidationError({"stage": _("已批准的项目不能终止或放弃；如是误录，请删除（撤回）该项目。")})
    project.full_clean()
    after = locks.ProjectFigures.of(project)
    if after != before:
        lock_unit_rows([before.unit_id, after.unit_id])
        touched = locks.touched_months(before, after, arrival_months=locks.arrival_months(project.pk))
        check_locked_change(touched, user=user, reason=reason)
    project.version += 1
    stamp(project, user=user, reason=reason)
    project.save()
    return project


@transaction.atomic
def project_delete(*, project_id: int, expected_version: int, user: User, reason: str = "") -> None:
    """Delete a project entered by mistake, with its arrivals; the history keeps both (deletion records).

    Refused like any change that takes figures out of a locked month: clerks may not, staff need a reason.
    """
    reason = _checked_reason(reason)
    project = Project.objects.select_for_update().get(pk=project_id)
    if not access.can_edit_unit(user, project.unit_id):
        raise PermissionDenied
    if project.version != expected_version:
        raise StaleVersionError([_("该项目已被他人修改，请刷新后重试。")])
    lock_unit_rows([project.unit_id])
    touched = locks.touched_months(locks.ProjectFigures.of(project), None,
                                   arrival_months=locks.arrival_months(project.pk))
    check_locked_change(touched, user=user, reason=reason)
    if not access.can_manage(user) and touched:
        # a clerk withdraws a project entered by mistake before reporting it; once a month it counts in has
        # been submitted, the bureau decides (the figures were reported)
        submitted = MonthSubmission.objects.filter(
            unit_id=project.unit_id, status=MonthSubmission.Status.SUBMITTED,
            **{"year__in": {y for _u, y, _m in touched}}).values_list("year", "month")
        reported = sorted(set(submitted) & {(y, m) for _u, y, m in touched})
        if reported:
            year, month = reported[0]
            raise EntryRefused([_("该项目计入的%(year)d年%(month)d月已报送，不能由填报员撤回；如是误录，请联系招商局。")
                                % {"year": year, "month": month}])
    for arrival in Arrival.objects.select_for_update().filter(project=project):
        stamp(arrival, user=user, reason=reason)
        arrival.delete()
    stamp(project, user=user, reason=reason)
    project.delete()

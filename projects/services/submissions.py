"""The month's cycle (月度报送): a clerk submits the unit's month (or reports "本月无到帐"), staff return it
with a reason or lock it, and lock or unlock a whole month.

Every function is one transaction and takes the unit's row lock first (``lock_unit_rows``), as every
write that depends on a month's lock does, so a lock cannot land between a save's check and its commit.
A submission keeps what the month held (``MonthSubmission.snapshot``), so later changes show old → new.
"""
from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import MonthSubmission, Notice
from projects.selectors import month_state
from projects.services.stamp import stamp
from units import rules
from units.models import Profile, Unit
from units.selectors import reporting_units


def lock_unit_rows(unit_ids) -> None:
    """Lock the units' rows until the transaction ends (PostgreSQL; SQLite serialises writers anyway).

    Every write that depends on a month's lock — saving a month, changing a project, locking or
    unlocking — takes these first, so a lock cannot land between a save's check and its commit even
    when the month has no submission row yet to lock."""
    list(Unit.objects.select_for_update().filter(pk__in=sorted(set(unit_ids))).values_list("pk", flat=True))


class LockedMonthError(Exception):
    """Raised when a clerk tries to change a month the investment bureau has locked."""


class CycleRefused(Exception):
    """A step of the month's cycle that cannot be taken now; the message is Chinese, for the user."""


@transaction.atomic
def month_submit(*, unit: Unit, year: int, month: int, user: User, nil: bool = False) -> MonthSubmission:
    """The clerk declares the unit's month complete (报送), keeping what it holds as the submission's
    snapshot. ``nil``: an explicit "本月无到帐" — a reported zero, refused when the month has arrivals.
    A locked month cannot be submitted again; a returned one is submitted again once corrected."""
    lock_unit_rows([unit.pk])
    state = month_state([unit.pk], year, month).get(unit.pk, {})
    if nil and state.get("arrivals"):
        raise CycleRefused(_("本月已填报到帐，不能报送为“本月无到帐”；请直接报送。"))
    submission, _created = MonthSubmission.objects.select_for_update().get_or_create(
        unit=unit, year=year, month=month, defaults={"status": MonthSubmission.Status.SUBMITTED}
    )
    if submission.status == MonthSubmission.Status.LOCKED:
        raise LockedMonthError(_("该月已被招商局锁定，不能再报送。"))
    now = timezone.now()
    submission.status = MonthSubmission.Status.SUBMITTED
    submission.submitted_by = user
    submission.submitted_at = now
    submission.first_submitted_at = submission.first_submitted_at or now
    submission.nil_report = nil
    submission.snapshot = state
    stamp(submission, user=user)
    submission.save()
    Notice.objects.filter(unit=unit, year=year, month=month, read_at__isnull=True).update(read_at=now)
    return submission


@transaction.atomic
def month_return(*, unit: Unit, year: int, month: int, user: User, reason: str) -> MonthSubmission:
    """Staff return (退回) a submitted month with a reason the clerk sees on the monthly page and in a
    notice (and an e-mail where the clerk has an address)."""
    reason = (reason or "").strip()
    if not reason:
        raise CycleRefused(_("退回须填写原因，填报员会看到这条原因。"))
    try:
        rules.check_text(reason, max_length=rules.REASON_MAX)
    except rules.RuleError as error:
        raise CycleRefused(_("退回原因%(problem)s") % {"problem": error}) from None
    lock_unit_rows([unit.pk])
    submission = MonthSubmission.objects.select_for_update().filter(unit=unit, year=year, month=month).first()
    if submission is None or submission.status != MonthSubmission.Status.SUBMITTED:
        raise CycleRefused(_("%(unit)s %(year)d年%(month)d月没有待审核的报送，不能退回。")
                           % {"unit": unit.name, "year": year, "month": month})
    submission.status = MonthSubmission.Status.RETURNED
    submission.returned_by = user
    submission.returned_at = timezone.now()
    submission.return_reason = reason
    stamp(submission, user=user, reason=reason)
    submission.save()
    from projects.services.reminders import notify_clerks

    notify_clerks(unit=unit, year=year, month=month, kind=Notice.Kind.RETURNED,
                  message=_("%(year)d年%(month)d月报送已被招商局退回：%(reason)s。请修改后重新报送。")
                  % {"year": year, "month": month, "reason": reason})
    return submission


@transaction.atomic
def month_lock(*, unit: Unit, year: int, month: int, user: User) -> MonthSubmission:
    """Staff lock the unit's month: clerks can no longer change it (a month may be locked unsubmitted)."""
    lock_unit_rows([unit.pk])
    submission, _created = MonthSubmission.objects.select_for_update().get_or_create(
        unit=unit, year=year, month=month, defaults={"status": MonthSubmission.Status.LOCKED}
    )
    submission.status = MonthSubmission.Status.LOCKED
    submission.locked_by = user
    submission.locked_at = timezone.now()
    stamp(submission, user=user)
    submission.save()
    return submission


@transaction.atomic
def month_unlock(*, unit: Unit, year: int, month: int, user: User) -> MonthSubmission | None:
    """Staff reopen a locked month; it goes back to submitted (or disappears if never submitted)."""
    lock_unit_rows([unit.pk])
    submission = MonthSubmission.objects.select_for_update().filter(unit=unit, year=year, month=month).first()
    if submission is None or submission.status != MonthSubmission.Status.LOCKED:
        return submission
    if submission.submitted_at is None:
        stamp(submission, user=user)
        submission.delete()
        return None
    submission.status = MonthSubmission.Status.SUBMITTED
    submission.locked_by = None
    submission.locked_at = None
    stamp(submission, user=user)
    submission.save()
    return submission


@transaction.atomic
def month_lock_all(*, year: int, month: int, user: User) -> int:
    """Lock one month for every reporting unit at once; returns how many unit-months were newly locked."""
    rules.check_month(month)
    already = set(
        MonthSubmission.objects.filter(year=year, month=month, status=MonthSubmission.Status.LOCKED).values_list(
            "unit_id", flat=True
        )
    )
    count = 0
    for unit in reporting_units():
        if unit.pk in already:
            continue
        month_lock(unit=unit, year=year, month=month, user=user)
        count += 1
    # The month is closed for the whole city: a unit added later, and the city's own figures, hold too
    # (projects.services.locks reads the city's lock for every unit).
    city = Unit.objects.filter(kind=Unit.Kind.CITY).first()
    if city is not None:
        month_lock(unit=city, year=year, month=month, user=user)
    return count


@transaction.atomic
def month_unlock_all(*, year: int, month: int, user: User) -> int:
    """Reopen one month for every unit that has it locked; returns how many unit-months were unlocked."""
    rules.check_month(month)
    locked = MonthSubmission.objects.filter(year=year, month=month, status=MonthSubmission.Status.LOCKED)
    units = Unit.objects.filter(pk__in=locked.values("unit_id"))
    count = 0
    for unit in units:
        month_unlock(unit=unit, year=year, month=month, user=user)
        count += unit.kind != Unit.Kind.CITY
    return count


def clerks_of(unit: Unit):
    """The clerk accounts of a unit (who get its reminders and returns)."""
    return User.objects.filter(profile__role=Profile.Role.CLERK, profile__unit=unit, is_active=True)

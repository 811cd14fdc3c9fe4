"""Writes to projects, arrivals and month submissions: one function per action, each one transaction.

Views, management commands and the workbook import call these; none of them writes rows by hand.
"""
from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import MonthSubmission
from units.models import Unit


class LockedMonthError(Exception):
    """Raised when a clerk tries to change a month the investment bureau has locked."""


def month_status(*, unit: Unit, year: int, month: int) -> str | None:
    """'submitted', 'locked' or None (not submitted) for the unit's month."""
    return (
        MonthSubmission.objects.filter(unit=unit, year=year, month=month)
        .values_list("status", flat=True)
        .first()
    )


def month_is_locked(*, unit: Unit, year: int, month: int) -> bool:
    return month_status(unit=unit, year=year, month=month) == MonthSubmission.Status.LOCKED


@transaction.atomic
def month_submit(*, unit: Unit, year: int, month: int, user: User) -> MonthSubmission:
    """The clerk declares the unit's month complete (报送). A locked month cannot be submitted again."""
    submission, _created = MonthSubmission.objects.select_for_update().get_or_create(
        unit=unit, year=year, month=month, defaults={"status": MonthSubmission.Status.SUBMITTED}
    )
    if submission.status == MonthSubmission.Status.LOCKED:
        raise LockedMonthError(_("该月已被招商局锁定，不能再报送。"))
    submission.status = MonthSubmission.Status.SUBMITTED
    submission.submitted_by = user
    submission.submitted_at = timezone.now()
    submission.save()
    return submission


@transaction.atomic
def month_lock(*, unit: Unit, year: int, month: int, user: User) -> MonthSubmission:
    """Staff lock the unit's month: clerks can no longer change it (a month may be locked unsubmitted)."""
    submission, _created = MonthSubmission.objects.select_for_update().get_or_create(
        unit=unit, year=year, month=month, defaults={"status": MonthSubmission.Status.LOCKED}
    )
    submission.status = MonthSubmission.Status.LOCKED
    submission.locked_by = user
    submission.locked_at = timezone.now()
    submission.save()
    return submission


@transaction.atomic
def month_unlock(*, unit: Unit, year: int, month: int, user: User) -> MonthSubmission | None:
    """Staff reopen a locked month; it goes back to submitted (or disappears if never submitted)."""
    submission = MonthSubmission.objects.select_for_update().filter(unit=unit, year=year, month=month).first()
    if submission is None:
        return None
    if submission.submitted_at is None:
        submission.delete()
        return None
    submission.status = MonthSubmission.Status.SUBMITTED
    submission.locked_by = None
    submission.locked_at = None
    submission.save()
    return submission


def current_period(today: dt.date | None = None) -> tuple[int, int]:
    """The (year, month) that is now, in the portal's time zone: entry for later months is refused."""
    today = today or timezone.localdate()
    return today.year, today.month

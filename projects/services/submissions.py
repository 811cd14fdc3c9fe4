"""Month submissions (月度报送): a clerk submits the unit's month, staff lock and unlock it.

Every function is one transaction and takes the unit's row lock first (``lock_unit_rows``), as every
write that depends on a month's lock does, so a lock cannot land between a save's check and its commit.
"""
from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import MonthSubmission
from units import rules
from units.models import Unit
from units.selectors import reporting_units


def lock_unit_rows(unit_ids) -> None:
    """Lock the units' rows until the transaction ends (PostgreSQL; SQLite serialises writers anyway).

    Every write that depends on a month's lock — saving a month, changing a project, locking or
    unlocking — takes these first, so a lock cannot land between a save's check and its commit even
    when the month has no submission row yet to lock."""
    list(Unit.objects.select_for_update().filter(pk__in=sorted(set(unit_ids))).values_list("pk", flat=True))


class LockedMonthError(Exception):
    """Raised when a clerk tries to change a month the investment bureau has locked."""


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
    lock_unit_rows([unit.pk])
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
    lock_unit_rows([unit.pk])
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
    return count

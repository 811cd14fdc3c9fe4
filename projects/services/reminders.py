"""Chasing the missing (催报): notices clerks see on signing in, and e-mails where they have an address.

``send_reminders(year=, month=)`` reminds every reporting unit whose month is not submitted (missing or
returned); a unit already reminded today for that month is not reminded again. The e-mail goes through
Django's e-mail backend (the console in the demo; SMTP from the environment in production).
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import MonthSubmission, Notice
from projects.services.submissions import clerks_of
from units import periods
from units.models import Unit
from units.selectors import reporting_units

logger = logging.getLogger(__name__)


@dataclass
class ReminderResult:
    reminded: list[Unit] = field(default_factory=list)  # units reminded now
    already_today: list[Unit] = field(default_factory=list)  # missing units reminded earlier today
    notices: int = 0
    emails: int = 0


def notify_clerks(*, unit: Unit, year: int, month: int, kind: str, message: str, email: bool = True) -> tuple[int, int]:
    """A notice for each clerk of ``unit``, and an e-mail to those with an address: (notices, e-mails)."""
    notices = emails = 0
    for clerk in clerks_of(unit):
        emailed = False
        if email and clerk.email:
            try:
                emailed = bool(send_mail(
                    subject=_("【招商引资目标管理平台】%(unit)s %(year)d年%(month)d月") % {
                        "unit": unit.name, "year": year, "month": month},
                    message=message, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[clerk.email],
                ))
            except Exception as error:  # noqa: BLE001 — a mail server that is down must not lose the notice
                logger.warning("reminder e-mail to %s failed: %s", clerk.email, error)
        Notice.objects.create(user=clerk, unit=unit, year=year, month=month, kind=kind, message=message,
                              emailed=emailed)
        notices += 1
        emails += emailed
    return notices, emails


def missing_units(year: int, month: int) -> list[Unit]:
    """Reporting units whose month is neither submitted nor locked (missing, or returned to them)."""
    done = set(MonthSubmission.objects.filter(
        year=year, month=month, status__in=[MonthSubmission.Status.SUBMITTED, MonthSubmission.Status.LOCKED],
    ).values_list("unit_id", flat=True))
    return [unit for unit in reporting_units() if unit.pk not in done]


def send_reminders(*, year: int, month: int, today: dt.date | None = None) -> ReminderResult:
    """Remind each unit that has not submitted ``year``-``month``, once a day."""
    today = today or periods.today()
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    reminded_today = set(Notice.objects.filter(
        year=year, month=month, kind=Notice.Kind.REMINDER, created_at__gte=start,
        created_at__lt=start + dt.timedelta(days=1),
    ).values_list("unit_id", flat=True))
    result = ReminderResult()
    for unit in missing_units(year, month):
        if unit.pk in reminded_today:
            result.already_today.append(unit)
            continue
        message = _("请尽快报送%(unit)s %(year)d年%(month)d月的招商引资数据（外资项目、实际到帐）。如本月无到帐，"
                    "请在月度填报页点“本月无到帐”报送。") % {"unit": unit.name, "year": year, "month": month}
        notices, emails = notify_clerks(unit=unit, year=year, month=month, kind=Notice.Kind.REMINDER,
                                        message=message)
        result.reminded.append(unit)
        result.notices += notices
        result.emails += emails
    return result

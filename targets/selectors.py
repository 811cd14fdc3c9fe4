"""Reads of targets that pages share."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from targets.models import Target, YearSetting
from units import periods


def year_choices(year: int) -> list[int]:
    """Recent and next years, the chosen one, and every year that has targets (one query)."""
    this_year = periods.current_period()[0]
    with_targets = Target.objects.order_by().values_list("year", flat=True).distinct()
    return sorted({*range(this_year - 3, this_year + 2), year, *with_targets})


def deadline_day(year: int) -> int | None:
    """The day of the following month by which each month of ``year`` is due; None without one. One query."""
    return YearSetting.objects.filter(year=year).values_list("deadline_day", flat=True).first()


def deadline_of(year: int, month: int, day: int | None) -> dt.datetime | None:
    """The end of the deadline day for ``year``-``month`` (in the portal's time zone): July with day 5 is
    due by 5 August 24:00. None when the year has no deadline."""
    if day is None:
        return None
    due_year, due_month = periods.next_period(year, month)
    return timezone.make_aware(dt.datetime.combine(dt.date(due_year, due_month, day), dt.time.max))


def is_late(submitted_at: dt.datetime | None, deadline: dt.datetime | None) -> bool:
    """A submission after the deadline is late; without a deadline nothing is."""
    return submitted_at is not None and deadline is not None and submitted_at > deadline

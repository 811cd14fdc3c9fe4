"""Years and months: the one place that says which periods exist, which one is now, and how they read.

Every app asks this module — the entry pages, the desk, the report engine, the importer — so the four
paths cannot disagree about a year's range, the current month, a month's last day or the message for a
year without data.

- ``YEAR_MIN``–``YEAR_MAX``: the years the portal keeps (1990–2100);
- ``current_period()``: the (year, month) that is now in the portal's time zone — entry for a later month
  is refused; ``due_period()``: the month a clerk usually enters (the previous one);
- ``month_bounds()`` / ``year_to_date()``: first and last day of a month, and of January–M;
- ``parse_period()``: a (year, month) typed by a user, or :class:`PeriodError` with a Chinese message;
- ``no_data_message()``: the one sentence for a year with no targets, approvals or arrivals.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

YEAR_MIN, YEAR_MAX = 1990, 2100
MONTHS = tuple(range(1, 13))

Period = tuple[int, int]  # (year, month)


class PeriodError(ValueError):
    """A year or month that cannot be; the message is Chinese, for the user."""


class NoDataError(PeriodError):
    """The year has no target, approval or arrival at all."""


def today() -> dt.date:
    """Today in the portal's time zone (Asia/Shanghai): the clock every rule and default reads."""
    return timezone.localdate()


def current_period(on: dt.date | None = None) -> Period:
    """The (year, month) that is now: entry for later months is refused."""
    on = on or today()
    return on.year, on.month


def previous_period(year: int, month: int) -> Period:
    """The month before (December of the year before for January)."""
    return (year, month - 1) if month > 1 else (year - 1, 12)


def next_period(year: int, month: int) -> Period:
    return (year, month + 1) if month < 12 else (year + 1, 1)


def due_period(on: dt.date | None = None) -> Period:
    """The month a clerk usually enters: the previous one (December of last year in January)."""
    return previous_period(*current_period(on))


def is_future(year: int, month: int, on: dt.date | None = None) -> bool:
    """Whether the month has not come yet."""
    return (year, month) > current_period(on)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    """The first and the last day of the month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def month_end(year: int, month: int) -> dt.date:
    return month_bounds(year, month)[1]


def year_to_date(year: int, month: int) -> tuple[dt.date, dt.date]:
    """1 January to the last day of month M: the period every cumulative figure covers."""
    return dt.date(year, 1, 1), month_end(year, month)


def year_in_range(year: int) -> bool:
    return YEAR_MIN <= year <= YEAR_MAX


def month_in_range(month: int) -> bool:
    return 1 <= month <= 12


def year_range_message() -> str:
    return _("年度超出范围（%(min)d–%(max)d）。") % {"min": YEAR_MIN, "max": YEAR_MAX}


def month_range_message() -> str:
    return _("月份必须是1到12之间的整数。")


def parse_year(value: Any) -> int:
    """A year typed by a user ('2007', 2007); PeriodError with a Chinese message otherwise."""
    try:
        text = str(value).strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 4:
            raise ValueError(text)
        year = int(text)
    except (TypeError, ValueError):
        raise PeriodError(_("年度必须是整数，例如 2007。")) from None
    if not year_in_range(year):
        raise PeriodError(year_range_message())
    return year


def parse_month(value: Any) -> int:
    """A month typed by a user ('7', 7); PeriodError with a Chinese message otherwise."""
    text = str(value).strip() if value is not None else ""
    if not (text.isascii() and text.isdigit()) or len(text) > 2 or not month_in_range(int(text)):
        raise PeriodError(month_range_message())
    return int(text)


def parse_period(year: Any, month: Any) -> Period:
    """Parse and check (year, month) from user input; PeriodError with a Chinese message."""
    return parse_year(year), parse_month(month)


def no_data_message(year: int) -> str:
    """The one sentence every page, download and command says for a year with no data at all."""
    return _("%(year)s年没有任何目标或项目数据。") % {"year": year}


def month_label(month: int) -> str:
    """"7月"."""
    return _("%(month)s月") % {"month": month}


def period_label(month: int) -> str:
    """The period as the speeches write it: "1-7月", or "1月" for January alone."""
    return _("1月") if month == 1 else _("1-%(month)s月") % {"month": month}


def period_title(year: int, month: int) -> str:
    """"2007年1-7月"."""
    return _("%(year)s年%(period)s") % {"year": year, "period": period_label(month)}

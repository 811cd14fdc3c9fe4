"""The submission board (报送情况) of the bureau's desk: units × months, and locking or unlocking months.

Staff lock and unlock; leaders read the board; clerks are refused. The door is ``units.decorators.desk_view``.
"""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from projects.forms import LockForm
from projects.models import MonthSubmission
from projects.services import month_lock, month_lock_all, month_unlock
from targets.forms import year_from
from targets.selectors import year_choices
from units import access
from units.decorators import desk_view
from units.models import Unit
from units.selectors import grouped_by_kind, reporting_units

MONTHS = list(range(1, 13))



def _when(moment: dt.datetime | None) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else ""


def _who(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


STATUS_CSS = {None: "status-none", "submitted": "status-submitted", "locked": "status-locked"}


@desk_view(leaders_may_read=True)
def board(request: HttpRequest) -> HttpResponse:
    """Units × months 1–12: not submitted / submitted / locked, with submission times on hover."""
    if request.method not in ("GET", "HEAD"):  # changes go through `lock`
        return HttpResponseNotAllowed(["GET", "HEAD"])
    year = year_from(request.GET)
    units = reporting_units()  # query 1
    submissions = {
        (s.unit_id, s.month): s
        for s in MonthSubmission.objects.filter(year=year).select_related("submitted_by", "locked_by")  # query 2
    }
    labels: dict[str | None, str] = {None: _("未报送"), **{k: str(v) for k, v in MonthSubmission.Status.choices}}
    totals = {m: {"submitted": 0, "locked": 0} for m in MONTHS}

    def make_row(unit: Unit) -> dict:
        cells = []
        for month in MONTHS:
            sub = submissions.get((unit.pk, month))
            status = sub.status if sub else None
            hover = []
            if sub and sub.submitted_at:
                hover.append(_("报送：%(when)s %(who)s") % {"when": _when(sub.submitted_at), "who": _who(sub.submitted_by)})
            if sub and sub.status == MonthSubmission.Status.LOCKED and sub.locked_at:
                hover.append(_("锁定：%(when)s %(who)s") % {"when": _when(sub.locked_at), "who": _who(sub.locked_by)})
            if status:
                totals[month][status] += 1
            cells.append({
                "month": month, "status": status or "none", "label": labels[status],
                "css": STATUS_CSS[status], "title": "；".join(hover) or labels[status],
            })
        return {"unit": unit, "cells": cells}

    groups = grouped_by_kind(units, make_row)
    return render(
        request,
        "projects/board.html",
        {
            "year": year,
            "months": MONTHS,
            "groups": groups,
            "unit_count": len(units),
            "totals": [totals[m] for m in MONTHS],
            "editable": access.can_manage(request.user),
            "years": year_choices(year),
        },
    )


@desk_view(leaders_may_read=False)
def lock(request: HttpRequest) -> HttpResponse:
    """Lock or unlock one unit's month, or lock a month for every unit (one transaction)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = LockForm(request.POST)
    if not form.is_valid():
        problems = [str(e) for errs in form.errors.values() for e in errs]
        messages.error(request, _("操作无效：%(problems)s") % {"problems": "；".join(problems)})
        return redirect(reverse("projects:board"))
    unit, year, month, action = (form.cleaned_data[k] for k in ("unit", "year", "month", "action"))
    if action == "lock":
        month_lock(unit=unit, year=year, month=month, user=access.signed_in(request.user))
        messages.success(request, _("已锁定%(unit)s %(year)s年%(month)s月。") % {"unit": unit.name, "year": year, "month": month})
    elif action == "unlock":
        month_unlock(unit=unit, year=year, month=month, user=access.signed_in(request.user))
        messages.success(request, _("已解锁%(unit)s %(year)s年%(month)s月。") % {"unit": unit.name, "year": year, "month": month})
    else:
        count = month_lock_all(year=year, month=month, user=access.signed_in(request.user))
        messages.success(
            request, _("已锁定%(year)s年%(month)s月全部单位（新锁定%(count)d个）。") % {"year": year, "month": month, "count": count}
        )
    return redirect("%s?year=%d" % (reverse("projects:board"), year))

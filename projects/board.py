"""The submission board's reading of a year: every reporting unit × month 1–12, and one month in focus.

Each cell says whether the unit's month is not submitted, submitted (on time or late), returned or
locked, whether it was reported as "本月无到帐", and whether it changed after its submission (its
snapshot against what it holds now). The month in focus has the counts the bureau chases with and the
board's filters ("只看未报送", "只看逾期", "只看报送后修改", "只看退回"). Five queries whatever the number of
units: the units, the year's submissions, the deadline, and what the submitted months hold now.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from projects.models import MonthSubmission
from projects.selectors import StateChange, state_changes, states_for
from targets.selectors import deadline_day, deadline_of, is_late
from units import periods
from units.models import Unit
from units.selectors import grouped_by_kind, reporting_units

MONTHS = tuple(range(1, 13))
MISSING, SUBMITTED, RETURNED, LOCKED = "missing", "submitted", "returned", "locked"
FILTERS = {  # translated where shown (projects.views.board); marked here for makemessages
    "missing": gettext_noop("只看未报送"),
    "late": gettext_noop("只看逾期"),
    "changed": gettext_noop("只看报送后修改"),
    "returned": gettext_noop("只看退回"),
}


def when(moment: dt.datetime | None) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else ""


def who(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


@dataclass
class Cell:
    unit: Unit
    month: int
    status: str
    submission: MonthSubmission | None = None
    late: bool = False
    changed: bool = False
    changes: list[StateChange] = field(default_factory=list)

    @property
    def nil(self) -> bool:
        return bool(self.submission and self.submission.nil_report and self.status != RETURNED)

    @property
    def reported(self) -> bool:
        return self.status in (SUBMITTED, LOCKED)

    @property
    def label(self) -> str:
        label = {MISSING: _("未报送"), SUBMITTED: _("已报送"), RETURNED: _("已退回"), LOCKED: _("已锁定")}[self.status]
        if self.status == SUBMITTED and self.late:
            label = _("逾期报送")
        return label

    @property
    def css(self) -> str:
        return f"status-{'none' if self.status == MISSING else self.status}" + (" status-late" if self.late else "")

    @property
    def details(self) -> list[str]:
        """Who did what when: shown on hover, and in full on the cell's own page (phones have no hover)."""
        s = self.submission
        lines = []
        if s and s.submitted_at:
            lines.append(_("报送：%(when)s %(who)s") % {"when": when(s.submitted_at), "who": who(s.submitted_by)})
        if self.late:
            lines.append(_("逾期（首次报送%(when)s）") % {"when": when(s.first_submitted_at if s else None)})
        if s and self.status == RETURNED:
            lines.append(_("退回：%(when)s %(who)s，原因：%(reason)s") % {
                "when": when(s.returned_at), "who": who(s.returned_by), "reason": s.return_reason})
        if s and self.status == LOCKED and s.locked_at:
            lines.append(_("锁定：%(when)s %(who)s") % {"when": when(s.locked_at), "who": who(s.locked_by)})
        if self.nil:
            lines.append(_("报送为本月无到帐"))
        if self.changed:
            lines.append(_("报送后有%(n)d处修改") % {"n": len(self.changes)})
        return lines


@dataclass
class MonthCounts:
    expected: int = 0
    submitted: int = 0  # submitted or locked
    locked: int = 0
    missing: int = 0  # not submitted, or returned
    returned: int = 0
    late: int = 0
    changed: int = 0


@dataclass
class Board:
    year: int
    focus: int
    show: str
    deadline: dt.datetime | None
    groups: list[dict]
    counts: MonthCounts
    per_month: list[MonthCounts]
    unit_count: int


def default_focus(year: int, submitted_months: set[int]) -> int:
    """The month the board opens on: the latest with a submission, else the month being reported now."""
    if submitted_months:
        return max(submitted_months)
    due_year, due_month = periods.due_period()
    return due_month if due_year == year else (12 if due_year > year else 1)


def build_board(year: int, *, focus: int | None = None, show: str = "") -> Board:
    units = reporting_units()
    submissions = {(s.unit_id, s.month): s for s in MonthSubmission.objects.filter(year=year)
                   .select_related("submitted_by", "locked_by", "returned_by")}
    day = deadline_day(year)
    deadlines = {m: deadline_of(year, m, day) for m in MONTHS}
    snapshotted = {key for key, s in submissions.items() if s.snapshot is not None and s.status != RETURNED}
    now = states_for({uid for uid, _m in snapshotted}, year, {m for _uid, m in snapshotted}) if snapshotted else {}
    focus = focus or default_focus(year, {m for _uid, m in submissions})
    per_month = [MonthCounts(expected=len(units)) for _m in MONTHS]

    def cell_of(unit: Unit, month: int) -> Cell:
        s = submissions.get((unit.pk, month))
        if s is None:
            cell = Cell(unit, month, MISSING)
        else:
            cell = Cell(unit, month, s.status, submission=s, late=s.status != RETURNED and is_late(s.first_submitted_at, deadlines[month]))
            if (unit.pk, month) in snapshotted:
                cell.changes = state_changes(s.snapshot, now[(unit.pk, month)])
                cell.changed = bool(cell.changes)
        counts = per_month[month - 1]
        if cell.reported:
            counts.submitted += 1
            counts.locked += cell.status == LOCKED
            counts.late += cell.late
        else:
            counts.missing += 1
            counts.returned += cell.status == RETURNED
        counts.changed += cell.changed
        return cell

    def matches(cell: Cell) -> bool:
        return {"missing": not cell.reported, "late": cell.late, "changed": cell.changed,
                "returned": cell.status == RETURNED}.get(show, True)

    rows: list[dict[str, Any]] = []
    for unit in units:
        cells = [cell_of(unit, m) for m in MONTHS]
        if matches(cells[focus - 1]):
            rows.append({"unit": unit, "cells": cells, "focus": cells[focus - 1]})
    by_id = {r["unit"].pk: r for r in rows}
    return Board(year=year, focus=focus, show=show, deadline=deadlines[focus],
                 groups=grouped_by_kind([unit for unit in units if unit.pk in by_id], lambda u: by_id[u.pk]),
                 counts=per_month[focus - 1], per_month=per_month, unit_count=len(units))

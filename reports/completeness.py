"""How complete a month's reporting is (INTERFACES.md §2 ``completeness`` and each unit's ``submission``).

DHIS2's habits: a unit that submitted "本月无到帐" has reported zero; one that submitted nothing has not
reported; a locked month counts as submitted; a submission after the year's deadline is late. Four
queries whatever the number of units: the submissions of the month, the deadline, and what the submitted
units' months hold now (to tell a month changed after its submission).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import gettext as _

from projects.models import MonthSubmission
from projects.selectors import month_state
from targets.selectors import deadline_day, deadline_of, is_late
from units import periods

MISSING = "missing"


@dataclass(frozen=True)
class SubmissionState:
    """One unit's month: "missing" | "submitted" | "returned" | "locked", late, changed after submission."""

    status: str
    late: bool
    changed_after_submission: bool
    nil_report: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"status": self.status, "late": self.late, "changed_after_submission": self.changed_after_submission}

    @property
    def reported(self) -> bool:
        return self.status in (MonthSubmission.Status.SUBMITTED, MonthSubmission.Status.LOCKED)


NOT_REPORTED = SubmissionState(status=MISSING, late=False, changed_after_submission=False)


@dataclass(frozen=True)
class Completeness:
    expected: int
    submitted: int
    locked: int
    missing: int
    late: int

    def as_json(self) -> dict[str, int]:
        return asdict(self)

    @property
    def complete(self) -> bool:
        return self.missing == 0

    def sentence(self, month: int) -> str:
        """"7月已报送47/107，逾期3" — how the pages and the briefing say it."""
        text = _("%(month)s月已报送%(submitted)d/%(expected)d") % {
            "month": month, "submitted": self.submitted, "expected": self.expected}
        if self.late:
            text += _("，逾期%(late)d") % {"late": self.late}
        return text


def month_completeness(reporting: list[int], year: int, month: int) -> tuple[Completeness, dict[int, SubmissionState]]:
    """The month's completeness over the reporting units (ids: every unit but the city) and each unit's state."""
    submissions = {s.unit_id: s for s in MonthSubmission.objects.filter(year=year, month=month, unit_id__in=reporting)}
    deadline = deadline_of(year, month, deadline_day(year))
    with_snapshot = [uid for uid, s in submissions.items() if s.snapshot is not None and s.status != MonthSubmission.Status.RETURNED]
    now = month_state(with_snapshot, year, month) if with_snapshot else {}
    states: dict[int, SubmissionState] = {}
    for uid in reporting:
        s = submissions.get(uid)
        if s is None:
            states[uid] = NOT_REPORTED
            continue
        changed = uid in now and now[uid] != s.snapshot
        states[uid] = SubmissionState(status=s.status, late=is_late(s.first_submitted_at, deadline),
                                      changed_after_submission=changed, nil_report=s.nil_report)
    reported = [state for state in states.values() if state.reported]
    completeness = Completeness(
        expected=len(reporting), submitted=len(reported),
        locked=sum(1 for state in reported if state.status == MonthSubmission.Status.LOCKED),
        missing=len(reporting) - len(reported), late=sum(1 for state in reported if state.late),
    )
    return completeness, states


def month_is_open(year: int, month: int) -> bool:
    """The month now under way (its figures still grow)."""
    return (year, month) == periods.current_period()

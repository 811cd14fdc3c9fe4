"""Builders for every test: units, targets, projects, arrivals and submissions in a line each.

The clock is fixed for the whole suite (``tests/conftest.py``: ``NOW``), so ``PAST_YEAR`` is a year whose
months are all in the past — entry for them is allowed unless they are locked.
"""
from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

from projects.models import Arrival, MonthSubmission, Project, ReportedFigure
from targets.models import Target
from units.models import Unit

# The suite's clock (see tests/conftest.py): mid-June 2026 in the portal's time zone.
NOW = dt.datetime(2026, 6, 15, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
TODAY = NOW.date()
PAST_YEAR = TODAY.year - 1
DEFAULT_APPROVAL = dt.date(PAST_YEAR, 2, 10)

_codes = itertools.count(1)
_UNSET: Any = object()


def unit(code: str, kind: str = Unit.Kind.TOWNSHIP, parent: Unit | None = None, name: str | None = None,
         **fields: Any) -> Unit:
    return Unit.objects.create(code=code, name=name or code, kind=kind, parent=parent, **fields)


def targets(u: Unit, year: int, *, reg: tuple | None = None, paid: tuple | None = None,
            **others: tuple | None) -> None:
    """reg / paid (or any indicator code as a keyword: trade_total=…) = (assessment, stretch[, doubling])
    in 万美元; None leaves that indicator without targets."""
    for indicator, amounts in (("registered_fdi", reg), ("paid_in_fdi", paid), *others.items()):
        if amounts is None:
            continue
        for kind, amount in zip(("assessment", "stretch", "doubling"), amounts, strict=False):
            if amount is not None:
                Target.objects.create(year=year, unit=u, indicator=indicator, kind=kind, amount=Decimal(str(amount)))


def project(u: Unit, registered: float | str | Decimal = "500", approved_on: dt.date | None = _UNSET, *,
            code: str | None = None, name: str | None = None, stage: str | None = None, type: str = "new",
            backbone: bool = False, **fields: Any) -> Project:
    """A project of unit ``u``; approved on ``approved_on`` (by default in February of PAST_YEAR), in the
    pipeline (negotiating) when that is None, unless ``stage`` says otherwise."""
    if approved_on is _UNSET:
        approved_on = DEFAULT_APPROVAL
    stage = stage or ("approved" if approved_on else "negotiating")
    code = code or f"P{next(_codes):05d}"
    return Project.objects.create(
        code=code, name=name or f"项目{code}", unit=u, type=type, stage=stage, approved_on=approved_on,
        registered_fdi=Decimal(str(registered)), backbone=backbone, **fields,
    )


def arrival(p: Project, year: int, month: int, amount: float | str | Decimal, carry_over: bool = False) -> Arrival:
    return Arrival.objects.create(project=p, year=year, month=month, amount=Decimal(str(amount)), carry_over=carry_over)


def figure(u: Unit, year: int, month: int, indicator: str, amount: float | str | Decimal) -> ReportedFigure:
    """A reported figure (进出口、出口、外经营业额) of one month, that month's amount."""
    return ReportedFigure.objects.create(unit=u, year=year, month=month, indicator=indicator,
                                         amount=Decimal(str(amount)))


def submission(u: Unit, year: int, month: int, *, status: str = "submitted", **fields: Any) -> MonthSubmission:
    return MonthSubmission.objects.create(unit=u, year=year, month=month, status=status, **fields)

"""Small builders for report tests: a city, units, targets, projects and arrivals in a line each."""
from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from projects.models import Arrival, Project
from targets.models import Target
from units.models import Unit

_codes = itertools.count(1)


def unit(code: str, kind: str = Unit.Kind.TOWNSHIP, parent: Unit | None = None, name: str | None = None) -> Unit:
    return Unit.objects.create(code=code, name=name or code, kind=kind, parent=parent)


def targets(u: Unit, year: int, *, reg: tuple | None = None, paid: tuple | None = None) -> None:
    """reg / paid = (assessment, stretch) in 万美元; None leaves that indicator without targets."""
    for indicator, pair in (("registered_fdi", reg), ("paid_in_fdi", paid)):
        if pair is None:
            continue
        for kind, amount in zip(("assessment", "stretch"), pair):
            if amount is not None:
                Target.objects.create(year=year, unit=u, indicator=indicator, kind=kind, amount=Decimal(str(amount)))


def project(u: Unit, registered: float | str, approved_on: dt.date | None, *, stage: str | None = None,
            type: str = "new", backbone: bool = False) -> Project:
    stage = stage or ("approved" if approved_on else "negotiating")
    return Project.objects.create(
        code=f"P{next(_codes):05d}", name=f"项目{u.code}", unit=u, type=type, stage=stage,
        approved_on=approved_on, registered_fdi=Decimal(str(registered)), backbone=backbone,
    )


def arrival(p: Project, year: int, month: int, amount: float | str, carry_over: bool = False) -> Arrival:
    return Arrival.objects.create(project=p, year=year, month=month, amount=Decimal(str(amount)), carry_over=carry_over)

"""Writes of a year's targets: the targets grid of the investment bureau's desk.

Every function here is one transaction; views and commands call them, none writes rows by hand.
Targets are saved one by one with ``.save()`` so django-simple-history records each change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from targets.models import Indicator, Target, TargetKind
from units import periods, rules
from units.models import Unit

# The grid's columns, left to right.
GRID_COLUMNS: list[tuple[str, str]] = [
    (indicator, kind) for indicator in Indicator.values for kind in TargetKind.values
]

CellKey = tuple[int, str, str]  # (unit_id, indicator, kind)


class TargetGridError(Exception):
    """The grid was refused as a whole; ``problems`` holds one Chinese message per bad cell."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class TargetSaveSummary:
    year: int
    created: list[CellKey] = field(default_factory=list)
    updated: list[CellKey] = field(default_factory=list)
    deleted: list[CellKey] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return len(self.created) + len(self.updated) + len(self.deleted)


def column_label(indicator: str, kind: str) -> str:
    """'新批注册外资·考核目标': how messages name a grid column."""
    return "%s·%s" % (Indicator(indicator).label, TargetKind(kind).label)


def cell_label(unit: Unit | None, indicator: str, kind: str) -> str:
    name = unit.name if unit is not None else _("未知单位")
    return "%s %s" % (name, column_label(indicator, kind))


def target_amount_problems(
    amounts: dict[CellKey, Decimal | None], units_by_id: dict[int, Unit], *, current: dict[CellKey, Decimal] | None = None
) -> list[str]:
    """Chinese messages for amounts that cannot be a target; empty when all are acceptable.

    ``current`` holds the stored amounts of cells not in ``amounts`` (for the stretch ≥ assessment check).
    """
    problems: list[str] = []
    for (unit_id, indicator, kind), amount in amounts.items():
        unit = units_by_id.get(unit_id)
        where = cell_label(unit, indicator, kind)
        if unit is None:
            problems.append(_("%(cell)s：单位不存在。") % {"cell": where})
            continue
        if indicator not in Indicator.values or kind not in TargetKind.values:
            problems.append(_("%(cell)s：指标或目标类别无效。") % {"cell": where})
            continue
        if amount is None:
            continue
        try:
            rules.check_amount(amount)
        except rules.RuleError as error:
            problems.append(_("%(cell)s：%(problem)s") % {"cell": where, "problem": error})

    # Stretch (加压) below assessment (考核) for the same unit and indicator is a slip: refuse it.
    final: dict[CellKey, Decimal | None] = dict(current or {})
    final.update(amounts)
    for unit_id, indicator in sorted({(u, i) for (u, i, _k) in amounts}):
        assessment = final.get((unit_id, indicator, TargetKind.ASSESSMENT))
        stretch = final.get((unit_id, indicator, TargetKind.STRETCH))
        if assessment is None or stretch is None or not (assessment.is_finite() and stretch.is_finite()):
            continue
        if stretch < assessment:
            problems.append(
                _("%(unit)s %(indicator)s：加压目标（%(stretch)s）低于考核目标（%(assessment)s）。")
                % {
                    "unit": units_by_id[unit_id].name,
                    "indicator": Indicator(indicator).label,
                    "stretch": stretch,
                    "assessment": assessment,
                }
            )
    return problems


@transaction.atomic
def targets_save_year(
    *,
    year: int,
    amounts: dict[CellKey, Decimal | None],
    versions: dict[CellKey, int | None],
    user: User | None,
) -> TargetSaveSummary:
    """Save a year's targets grid: create, update or delete (amount None) only the cells that changed.

    ``versions`` holds, per cell, the version of the target the user saw (None: there was none). If any
    cell's stored target differs from that, someone changed the grid meanwhile and nothing is saved.
    Raises TargetGridError with every problem; on error nothing is written.
    """
    if not periods.year_in_range(year):
        raise TargetGridError([periods.year_range_message()])
    units_by_id = {u.pk: u for u in Unit.objects.filter(pk__in={k[0] for k in amounts})}
    # Lock the year's targets while we compare and write (a no-op on SQLite, whose writers queue anyway).
    stored = {
        (t.unit_id, t.indicator, t.kind): t
        for t in Target.objects.select_for_update().filter(year=year)
    }
    current = {key: t.amount for key, t in stored.items()}

    problems = target_amount_problems(amounts, units_by_id, current=current)
    conflicts = []
    for key in amounts:
        seen = versions.get(key)
        target = stored.get(key)
        if (target.version if target else None) != seen:
            conflicts.append(cell_label(units_by_id.get(key[0]), key[1], key[2]))
    if conflicts:
        problems.insert(
            0, _("目标已被他人修改，请刷新后重试（%(cells)s）。") % {"cells": "、".join(conflicts[:5])}
        )
    if problems:
        raise TargetGridError(problems)

    summary = TargetSaveSummary(year=year)
    # a target created again after it was deleted continues the old one's versions, so that a page still
    # showing the old target cannot save over the new one (one query, only when something is created)
    created_keys = [key for key, amount in amounts.items() if amount is not None and key not in stored]
    earlier: dict[CellKey, int] = {}
    if created_keys:
        earlier = {(r["unit_id"], r["indicator"], r["kind"]): r["last"] for r in Target.history.filter(year=year).values(
            "unit_id", "indicator", "kind").annotate(last=Max("version"))}
    try:
        with transaction.atomic():
            for key, amount in amounts.items():
                target = stored.get(key)
                unit_id, indicator, kind = key
                if amount is None:
                    if target is not None:
                        setattr(target, "_history_user", user)  # noqa: B010 — read by django-simple-history
                        target.delete()
                        summary.deleted.append(key)
                    continue
                if target is None:
                    target = Target(year=year, unit_id=unit_id, indicator=indicator, kind=kind, amount=amount,
                                    version=earlier.get(key, 0) + 1)
                    setattr(target, "_history_user", user)  # noqa: B010 — read by django-simple-history
                    target.save()
                    summary.created.append(key)
                elif target.amount != amount:
                    target.amount = amount
                    target.version += 1
                    setattr(target, "_history_user", user)  # noqa: B010 — read by django-simple-history
                    target.save(update_fields=["amount", "version"])
                    summary.updated.append(key)
    except IntegrityError:
        # Someone created the same target between our read and our write (PostgreSQL, no row to lock).
        raise TargetGridError([_("目标已被他人修改，请刷新后重试。")]) from None
    return summary

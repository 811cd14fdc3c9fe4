"""Writes of the investment bureau's desk: a year's targets grid, and locking months for many units.

Every function here is one transaction; views and commands call them, none writes rows by hand.
Targets are saved one by one with ``.save()`` so django-simple-history records each change.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from projects.models import MonthSubmission
from projects.services import month_lock
from targets.models import Indicator, Target, TargetKind
from units.models import Unit

# A target above this (万美元, i.e. USD 100 billion) is a typing slip, not a responsibility letter.
MAX_TARGET = Decimal("10000000")

# Rows of the grid and of the board: the city first, then development zones, townships, departments.
KIND_ORDER = [Unit.Kind.CITY, Unit.Kind.DEVELOPMENT_ZONE, Unit.Kind.TOWNSHIP, Unit.Kind.DEPARTMENT]

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


def units_in_kind_order() -> list[Unit]:
    """All units, grouped by kind (city, zones, townships, departments), each group in sort_order: one query."""
    rank = {kind: i for i, kind in enumerate(KIND_ORDER)}
    units = list(Unit.objects.order_by("sort_order", "code"))
    units.sort(key=lambda u: rank.get(u.kind, len(rank)))  # stable: keeps sort_order within a kind
    return units


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
        if not amount.is_finite():
            problems.append(_("%(cell)s：请输入数字。") % {"cell": where})
        elif amount < 0:
            problems.append(_("%(cell)s：目标不能为负数。") % {"cell": where})
        elif amount > MAX_TARGET:
            problems.append(
                _("%(cell)s：目标%(amount)s万美元超出合理范围（不超过10,000,000万美元）。")
                % {"cell": where, "amount": amount}
            )
        elif amount.as_tuple().exponent < -2:
            problems.append(_("%(cell)s：目标最多保留两位小数。") % {"cell": where})

    # Stretch (加压) below assessment (考核) for the same unit and indicator is a slip: refuse it.
    final = dict(current or {})
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
    if not 1990 <= year <= 2100:
        raise TargetGridError([_("年度超出范围。")])
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
    try:
        with transaction.atomic():
            for key, amount in amounts.items():
                target = stored.get(key)
                unit_id, indicator, kind = key
                if amount is None:
                    if target is not None:
                        target._history_user = user
                        target.delete()
                        summary.deleted.append(key)
                    continue
                if target is None:
                    target = Target(year=year, unit_id=unit_id, indicator=indicator, kind=kind, amount=amount)
                    target._history_user = user
                    target.save()
                    summary.created.append(key)
                elif target.amount != amount:
                    target.amount = amount
                    target.version += 1
                    target._history_user = user
                    target.save(update_fields=["amount", "version"])
                    summary.updated.append(key)
    except IntegrityError:
        # Someone created the same target between our read and our write (PostgreSQL, no row to lock).
        raise TargetGridError([_("目标已被他人修改，请刷新后重试。")]) from None
    return summary


@transaction.atomic
def month_lock_all(*, year: int, month: int, user: User) -> int:
    """Lock one month for every unit on the board at once; returns how many unit-months were newly locked."""
    if not 1 <= month <= 12:
        raise ValueError(_("月份必须在1到12之间。"))
    already = set(
        MonthSubmission.objects.filter(year=year, month=month, status=MonthSubmission.Status.LOCKED).values_list(
            "unit_id", flat=True
        )
    )
    count = 0
    for unit in board_units():
        if unit.pk in already:
            continue
        month_lock(unit=unit, year=year, month=month, user=user)
        count += 1
    return count


def board_units() -> list[Unit]:
    """Units that report monthly: every unit but the city, whose figures are the sum of those under it."""
    return [u for u in units_in_kind_order() if u.kind != Unit.Kind.CITY]

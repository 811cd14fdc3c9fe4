"""Reads of the unit tree that several apps share: units in the order every page lists them."""
from __future__ import annotations

from units.models import Unit

# Rows of the grid, the board and the reports: the city first, then development zones, townships, departments.
KIND_ORDER = [Unit.Kind.CITY, Unit.Kind.DEVELOPMENT_ZONE, Unit.Kind.TOWNSHIP, Unit.Kind.DEPARTMENT]


def units_in_kind_order() -> list[Unit]:
    """All units, grouped by kind (city, zones, townships, departments), each group in sort_order: one query."""
    rank: dict[str, int] = {kind: i for i, kind in enumerate(KIND_ORDER)}
    units = list(Unit.objects.order_by("sort_order", "code"))
    units.sort(key=lambda u: rank.get(u.kind, len(rank)))  # stable: keeps sort_order within a kind
    return units


def reporting_units() -> list[Unit]:
    """Units that report monthly: every unit but the city, whose figures are the sum of those under it."""
    return [u for u in units_in_kind_order() if u.kind != Unit.Kind.CITY]


def grouped_by_kind(units: list[Unit], make_row) -> list[dict]:
    """Rows grouped by unit kind in KIND_ORDER, keeping each group's order: what the grid and the board show."""
    groups = []
    for kind in KIND_ORDER:
        rows = [make_row(u) for u in units if u.kind == kind]
        if rows:
            groups.append({"kind": kind, "label": Unit.Kind(kind).label, "rows": rows})
    return groups


def subtree_ids(unit_id: int) -> list[int]:
    """The unit and every unit under it, at any depth: one recursive query (the report's own tree rule)."""
    from django.db import connection

    table = Unit._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH RECURSIVE sub(id, depth) AS (
                SELECT id, 0 FROM {table} WHERE id = %s
                UNION ALL
                SELECT child.id, sub.depth + 1 FROM {table} child JOIN sub ON child.parent_id = sub.id
                WHERE sub.depth < 32
            ) SELECT DISTINCT id FROM sub""",
            [unit_id],
        )
        return [row[0] for row in cursor.fetchall()]


def grouped_unit_choices(units, *, empty: str | None = None) -> list:
    """A unit picker's choices grouped by kind (开发区 / 乡镇 / 部门 …) in the portal's order: what a select
    with optgroups shows (one pass over ``units``, already in order)."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for unit in units:
        groups.setdefault(unit.kind, []).append((unit.pk, unit.name))
    choices: list = [("", empty)] if empty is not None else []
    choices += [(str(Unit.Kind(kind).label), groups[kind]) for kind in KIND_ORDER if kind in groups]
    return choices


def parent_filter(params, units) -> tuple[str, set[int] | None, list[tuple[str, str]]]:
    """A list's 上级单位 filter (?parent=<unit code>): the code asked for, the ids of the units under it (None:
    no filter), and the choices — the units that have units under them, the city aside. Raises
    BadRequest (Chinese) for an unknown code. One query for the subtree."""
    from django.core.exceptions import BadRequest
    from django.utils.translation import gettext

    by_code = {u.code: u for u in units}
    parents = {u.parent_id for u in units if u.parent_id}
    choices = [(u.code, u.name) for u in units if u.pk in parents and u.kind != Unit.Kind.CITY]
    code = str(params.get("parent") or "").strip()[:32]
    if not code:
        return "", None, choices
    parent = by_code.get(code)
    if parent is None:
        raise BadRequest(gettext("参数“parent”的值无效：没有代码为“%(code)s”的单位。") % {"code": code})
    return code, set(subtree_ids(parent.pk)) - {parent.pk}, choices

"""Export of the data workbook (INTERFACES.md §1): every sheet in the shape the importer reads.

Header row = the column codes; choices as codes, ``backbone``/``carry_over`` as ``yes``/``no``, dates as real
dates, amounts as numbers; units ordered so a parent comes before its children. Every string from user data
is written as a text cell, so a name like ``=HYPERLINK(…)`` stays a name and never becomes a formula.
Importing the export changes nothing.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from projects.models import Arrival, Project
from targets.models import Target
from units import rules
from units.models import Unit
from workbook.columns import SHEETS, VERSION

Target_ = str | os.PathLike | IO[bytes]

# Column widths in characters; CJK text takes two.
WIDTHS = {"name": 30, "investor": 30, "industry": 16, "country": 14, "approved_on": 12}


def export_workbook(target: Target_) -> dict[str, int]:
    """Write every unit, target, project and arrival, and the sheets after them (reported figures, the
    year's rules …), to ``target`` (a path or a binary file object).

    Returns the number of data rows written per sheet.
    """
    from workbook.keyed import KEYED_SHEETS

    wb = Workbook(write_only=True)
    counts: dict[str, int] = {}
    for name, rows in (
        ("units", _unit_rows()),
        ("targets", _target_rows()),
        ("projects", _project_rows()),
        ("arrivals", _arrival_rows()),
        *((name, spec.export()) for name, spec in KEYED_SHEETS.items()),
    ):
        ws = wb.create_sheet(name)
        counts[name] = _write_sheet(ws, name, rows)
    wb.save(target)
    return counts


def _write_sheet(ws: WriteOnlyWorksheet, name: str, rows: Iterable[dict[str, Any]]) -> int:
    codes = [column.code for column in SHEETS[name]]
    for index, code in enumerate(codes, start=1):
        ws.column_dimensions[get_column_letter(index)].width = WIDTHS.get(code, 12)
        if code == VERSION.code:
            # The row's version when exported: an import compares it to see what changed in the portal since.
            ws.column_dimensions[get_column_letter(index)].hidden = True
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for code in codes:
        cell = WriteOnlyCell(ws, value=code)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    count = 0
    for row in rows:
        ws.append([_cell(ws, row.get(code)) for code in codes])
        count += 1
    return count


def _cell(ws: WriteOnlyWorksheet, value: Any) -> Any:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value == "":
        return None
    if isinstance(value, str):
        # Explicitly a text cell: openpyxl would otherwise take "=…" for a formula. Characters XML cannot
        # hold never get in (units.rules); should one have, it is dropped here rather than break the file.
        cell = WriteOnlyCell(ws, value=rules.clean_text(value))
        cell.data_type = "s"
        return cell
    return value


def _unit_rows() -> Iterator[dict[str, Any]]:
    units = list(Unit.objects.select_related("parent").order_by("sort_order", "code"))
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    done: set[int] = set()

    def walk(parent_id: int | None) -> Iterator[Unit]:
        stack = list(reversed(children.get(parent_id, [])))
        while stack:
            unit = stack.pop()
            if unit.pk in done:
                continue
            done.add(unit.pk)
            yield unit
            stack.extend(reversed(children.get(unit.pk, [])))

    ordered = list(walk(None))
    # Units cut off from the city (a loop made outside the portal) still go out, last.
    ordered += [unit for unit in units if unit.pk not in done]
    for unit in ordered:
        yield {
            "code": unit.code,
            "name": unit.name,
            "kind": unit.kind,
            "parent": unit.parent.code if unit.parent else None,
            "version": unit.version,
        }


def _target_rows() -> Iterator[dict[str, Any]]:
    for target in Target.objects.select_related("unit").order_by("year", "unit__code", "indicator", "kind").iterator():
        yield {
            "year": target.year,
            "unit": target.unit.code,
            "indicator": target.indicator,
            "kind": target.kind,
            "amount": target.amount,
            "version": target.version,
        }


def _project_rows() -> Iterator[dict[str, Any]]:
    for project in Project.objects.select_related("unit").order_by("code").iterator():
        yield {
            "code": project.code,
            "name": project.name,
            "unit": project.unit.code,
            "type": project.type,
            "stage": project.stage,
            "approved_on": project.approved_on,
            "registered_fdi": project.registered_fdi,
            "investor": project.investor,
            "country": project.country,
            "industry": project.industry,
            "backbone": project.backbone,
            "grafted": project.grafted,
            "total_investment": project.total_investment,
            "key": project.key,
            "leader": project.leader,
            "activity": project.activity,
            "dropped_reason": project.dropped_reason,
            "version": project.version,
        }


def _arrival_rows() -> Iterator[dict[str, Any]]:
    arrivals = Arrival.objects.select_related("project").order_by("project__code", "year", "month", "carry_over")
    for arrival in arrivals.iterator():
        yield {
            "project": arrival.project.code,
            "year": arrival.year,
            "month": arrival.month,
            "amount": arrival.amount,
            "carry_over": arrival.carry_over,
            "version": arrival.version,
        }

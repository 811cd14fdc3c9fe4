"""Export of the data workbook (INTERFACES.md §1): every sheet in the shape the importer reads.

In Chinese (sheet names, headers, choice labels, 是/否, drop-down lists, a 说明 sheet) or, for programs, with
the codes (``codes=True``); dates as real dates, amounts as numbers; units ordered so a parent comes before its children. Every string from user data
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
from openpyxl.worksheet.datavalidation import DataValidation

from projects.models import Arrival, Project
from targets.models import Target
from units import rules
from units.models import Unit
from workbook.columns import BOOL, CHOICE, SHEET_LABELS, SHEETS, VERSION, Column, choice_label

YES_LABEL, NO_LABEL = "是", "否"

Target_ = str | os.PathLike | IO[bytes]

# Column widths in characters; CJK text takes two.
WIDTHS = {"name": 30, "investor": 30, "industry": 16, "country": 14, "approved_on": 12}


def export_workbook(target: Target_, *, codes: bool = False, empty: bool = False) -> dict[str, int]:
    """Write every unit, target, project and arrival, and the sheets after them (reported figures, the
    year's rules …), to ``target`` (a path or a binary file object).

    In Chinese for the clerk who edits it (INTERFACES.md §1): sheet names, headers and choice values (开发区,
    考核目标, 在谈 …) as labels, yes/no as 是/否, a drop-down list on every coded column and a 说明 sheet;
    ``codes``: the codes instead (for programs). ``empty``: the template — headers, drop-downs, 说明, no rows.
    Returns the number of data rows written per sheet.
    """
    from workbook.keyed import KEYED_SHEETS

    wb = Workbook(write_only=True)
    counts: dict[str, int] = {}
    if not codes:
        _write_notes(wb.create_sheet("说明"))
    for name, rows in (
        ("units", _unit_rows()),
        ("targets", _target_rows()),
        ("projects", _project_rows()),
        ("arrivals", _arrival_rows()),
        *((name, spec.export()) for name, spec in KEYED_SHEETS.items()),
    ):
        ws = wb.create_sheet(name if codes else SHEET_LABELS[name])
        counts[name] = _write_sheet(ws, name, iter(()) if empty else rows, chinese=not codes)
    wb.save(target)
    return counts


def _choices(column: Column) -> list[str]:
    if column.kind == BOOL:
        return [YES_LABEL, NO_LABEL]
    assert column.choices is not None
    return [choice_label(column.choices, value) for value in column.choices.values]


def _write_notes(ws: WriteOnlyWorksheet) -> None:
    """说明: each sheet's columns, which are required, what a coded column takes, how rows are matched."""
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 26
    ws.column_dimensions["C"].width = 8
    ws.column_dimensions["D"].width = 80
    bold = Font(bold=True)
    lines = [
        "本工作簿由招商引资目标管理平台导出，可修改后在“导入工作簿”页面上传：先预览，确认后才写入，有任何问题整个文件都不导入。",
        "每张表第一行为表头；行按各表的关键列匹配（单位、项目按代码/编号），匹配到的行更新，没有的新增，表中没有的行不删除。",
        "带下拉列表的列请从列表中选择（也可以填写英文代码）；金额单位为万美元；日期写成2007-08-01；“是/否”列留空为否。",
        "最后一列“版本（请勿修改）”用于发现导出后系统里被他人修改过的行，请保留原样。",
        "",
    ]
    for line in lines:
        ws.append([line])
    header = [WriteOnlyCell(ws, value=text) for text in ("工作表", "列", "必填", "说明")]
    for cell in header:
        cell.font = bold
    ws.append(header)
    for name, columns in SHEETS.items():
        for column in columns:
            if column.code == VERSION.code:
                continue
            note = "、".join(_choices(column)) if column.kind in (CHOICE, BOOL) else ""
            ws.append([SHEET_LABELS[name], column.label, "是" if column.required else "", note])


def _write_sheet(ws: WriteOnlyWorksheet, name: str, rows: Iterable[dict[str, Any]], *, chinese: bool = True) -> int:
    columns = SHEETS[name]
    codes = [column.code for column in columns]
    if chinese:
        for index, column in enumerate(columns, start=1):
            if column.kind in (CHOICE, BOOL):
                options = ",".join(_choices(column))
                if len(options) <= 250:  # Excel's limit for a list typed into the rule
                    letter = get_column_letter(index)
                    rule = DataValidation(type="list", formula1=f'"{options}"', allow_blank=True,
                                          error=f"请从列表中选择：{options}", errorTitle="填写有误", showErrorMessage=True)
                    rule.add(f"{letter}2:{letter}1048576")
                    ws.data_validations.append(rule)
    for index, code in enumerate(codes, start=1):
        ws.column_dimensions[get_column_letter(index)].width = WIDTHS.get(code, 12)
        if code == VERSION.code:
            # The row's version when exported: an import compares it to see what changed in the portal since.
            ws.column_dimensions[get_column_letter(index)].hidden = True
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.label if chinese else column.code)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    count = 0
    for row in rows:
        ws.append([_cell(ws, _shown(column, row.get(column.code)) if chinese else row.get(column.code))
                   for column in columns])
        count += 1
    return count


def _shown(column: Column, value: Any) -> Any:
    """A value as the Chinese workbook writes it: a choice's label, 是/否."""
    if column.kind == BOOL and isinstance(value, bool):
        return YES_LABEL if value else NO_LABEL
    if column.kind == CHOICE and column.choices is not None and isinstance(value, str) and value:
        return choice_label(column.choices, value)
    return value


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

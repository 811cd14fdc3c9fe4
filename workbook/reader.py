"""Pass 1 of an import, without the database: open the file, read each sheet's header and cells into
typed values, and check what one row can tell on its own (years, months, dates not in the future)."""
from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from units import periods, rules
from workbook.archive import Source, open_archive
from workbook.cells import CellError, parse_cell
from workbook.columns import SHEET_LABELS, SHEETS, column_for_header, is_note_sheet, sheet_for_title
from workbook.problems import Problems

logger = logging.getLogger(__name__)

# A county's workbook has thousands of rows, not a million: larger sheets are refused without reading on.
MAX_ROWS = 100_000
MAX_COLUMNS = 60


INVALID = object()  # a cell that could not be read; its problem is already recorded


@dataclass
class Row:
    sheet: str
    number: int
    values: dict[str, Any]
    columns: dict[str, int]  # column code → 1-based column index, for the columns present in the sheet

    def has(self, code: str) -> bool:
        return code in self.values

    def get(self, code: str, default: Any = None) -> Any:
        return self.values.get(code, default)

    def valid(self, *codes: str) -> bool:
        return all(self.values.get(code) is not INVALID for code in codes)

    def ref(self, code: str) -> str:
        return f"{self.sheet}!{get_column_letter(self.columns[code])}{self.number}"


@dataclass
class Sheet:
    name: str
    columns: dict[str, int]  # column code → 1-based index
    rows: list[Row]
    complete: bool  # every required column is present


@dataclass
class Book:
    sheets: dict[str, Sheet] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)


def read_book(source: Source, *, max_bytes: int | None) -> Book:
    book = Book()
    data = open_archive(source, max_bytes=max_bytes, problems=book.problems)
    if data is None:
        return book
    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it ignores (data validation, conditional formats): harmless here.
            warnings.simplefilter("ignore")
            wb = load_workbook(data, read_only=True, data_only=True)
            try:
                for title in wb.sheetnames:
                    name = sheet_for_title(title)
                    if name is None:
                        if not is_note_sheet(title):
                            book.unknown.append(title)
                    elif name in book.sheets:
                        book.problems.add_file(_("工作表“%(name)s”出现了两次。") % {"name": title})
                    elif not book.problems.full:
                        ws = wb[title]
                        ws.reset_dimensions()  # some writers record a wrong size; read every row there is
                        # Rows and columns past the limits are not read: a sheet that has them is refused.
                        rows = ws.iter_rows(values_only=True, max_row=MAX_ROWS + 1)
                        book.problems.titles[name] = title
                        sheet = _read_sheet(name, rows, book.problems)
                        if sheet is not None:
                            book.sheets[name] = sheet
            finally:
                wb.close()
    except Exception as exc:  # noqa: BLE001 — any failure inside a malformed file is the file's problem
        logger.info("workbook could not be read: %r", exc)
        book.problems.add_file(
            _("无法读取工作簿，文件可能已损坏或不是 Excel 工作簿（.xlsx）：%(error)s") % {"error": exc}
        )
        return book
    for title in book.unknown:
        # An unknown sheet is an error, not silently dropped: it is a misspelt sheet or the wrong file.
        book.problems.add_file(
            _("未知工作表“%(name)s”。可导入的工作表：%(known)s（可用代码或中文名）。")
            % {"name": title, "known": "、".join(f"{code}（{label}）" for code, label in SHEET_LABELS.items())}
        )
    return book


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_sheet(name: str, rows: Iterable[tuple[Any, ...]], problems: Problems) -> Sheet | None:
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None or all(_blank(value) for value in header):
        # An empty sheet imports nothing; a sheet with data but no header row is an error.
        rest = [(number, row) for number, row in enumerate(iterator, start=2) if not all(_blank(v) for v in row)]
        if not rest:
            return None
        problems.add(name, 1, None, _("第1行应为列标题（列代码或中文列名），但它是空的。"))
        return None

    if len(header) > MAX_COLUMNS and not all(_blank(v) for v in header[MAX_COLUMNS:]):
        problems.add(name, 1, MAX_COLUMNS + 1, _("工作表超过%(max)d列，无法导入。") % {"max": MAX_COLUMNS})
        return None
    columns: dict[str, int] = {}
    unusable: set[int] = set()  # 1-based indexes of columns whose header was reported
    for index, raw in enumerate(header, start=1):
        if _blank(raw):
            continue
        column = column_for_header(name, str(raw))
        if column is None:
            problems.add(
                name, 1, index,
                _("未知列“%(header)s”。本表的列：%(known)s")
                % {"header": str(raw).strip(), "known": "、".join(f"{c.code}（{c.label}）" for c in SHEETS[name])},
            )
            unusable.add(index)
        elif column.code in columns:
            problems.add(
                name, 1, index,
                _("列“%(header)s”与 %(other)s 是同一列，重复了。")
                % {"header": str(raw).strip(), "other": f"{get_column_letter(columns[column.code])}1"},
            )
            unusable.add(index)
        else:
            columns[column.code] = index
    missing = [c for c in SHEETS[name] if c.required and c.code not in columns]
    if missing:
        problems.add(
            name, 1, None,
            _("缺少必填列：%(columns)s") % {"columns": "、".join(f"{c.code}（{c.label}）" for c in missing)},
        )

    by_code = {column.code: column for column in SHEETS[name]}
    sheet = Sheet(name=name, columns=columns, rows=[], complete=not missing)
    reported_headerless: set[int] = set()
    for number, raw_row in enumerate(iterator, start=2):
        if problems.full:
            break
        if number > MAX_ROWS:
            # Even a blank row here means the sheet goes on: nothing past the limit is read or dropped.
            problems.add(name, number, None, _("工作表超过%(max)s行（含空行），无法导入；请删除多余的行或分成几个文件分别导入。")
                         % {"max": f"{MAX_ROWS:,}"})
            break
        if all(_blank(value) for value in raw_row):
            continue
        if len(raw_row) > MAX_COLUMNS and not all(_blank(v) for v in raw_row[MAX_COLUMNS:]):
            problems.add(name, number, MAX_COLUMNS + 1, _("工作表超过%(max)d列，无法导入。") % {"max": MAX_COLUMNS})
            break
        for index, value in enumerate(raw_row, start=1):
            if not _blank(value) and index not in columns.values() and index not in unusable:
                if index not in reported_headerless:
                    reported_headerless.add(index)
                    problems.add(name, 1, index, _("该列有数据（如 %(cell)s）但没有列标题。")
                                 % {"cell": f"{get_column_letter(index)}{number}"})
        row = Row(sheet=name, number=number, values={}, columns=columns)
        for code, index in columns.items():
            column = by_code[code]
            value = raw_row[index - 1] if index <= len(raw_row) else None
            try:
                row.values[code] = parse_cell(column, value)
            except CellError as error:
                problems.add(name, number, index, error.message)
                row.values[code] = INVALID
                continue
            # An arrival's month may be empty for a carry-over (booked to January): see _check_row.
            if row.values[code] is None and column.required and (name, code) != ("arrivals", "month"):
                problems.add(name, number, index, _("必填，不能为空。"))
                row.values[code] = INVALID
        _check_row(row, problems)
        sheet.rows.append(row)
    return sheet


def _check_year(row: Row, problems: Problems) -> None:
    year = row.get("year")
    if isinstance(year, int) and not periods.year_in_range(year):
        problems.add(row.sheet, row.number, row.columns["year"],
                     _("年度必须在%(min)d到%(max)d之间（%(value)d）。")
                     % {"min": periods.YEAR_MIN, "max": periods.YEAR_MAX, "value": year})
        row.values["year"] = INVALID


def _check_not_future(row: Row, problems: Problems) -> None:
    """What has not happened yet cannot be imported, as the entry pages refuse it: an arrival in a month
    after the current one, an approval date after today."""
    this_year, this_month = periods.current_period()
    if row.sheet == "arrivals" and row.valid("year", "month") and row.get("year") and row.get("month"):
        if (row.get("year"), row.get("month")) > (this_year, this_month):
            problems.add(row.sheet, row.number, row.columns["month"],
                         _("%(year)d年%(month)d月还没有到，不能导入该月的到帐。")
                         % {"year": row.get("year"), "month": row.get("month")})
            row.values["month"] = INVALID
    if row.sheet == "projects" and row.has("approved_on") and row.valid("approved_on"):
        approved_on = row.get("approved_on")
        if approved_on:
            try:
                rules.check_date(approved_on, label=_("批准日期"))
            except rules.RuleError as error:
                problems.add(row.sheet, row.number, row.columns["approved_on"], str(error))
                row.values["approved_on"] = INVALID


def _check_row(row: Row, problems: Problems) -> None:
    """Checks within one row that need no database."""
    if "year" in row.columns:
        _check_year(row, problems)
    if row.sheet in ("arrivals", "projects"):
        _check_not_future(row, problems)
    if row.sheet != "arrivals" or "month" not in row.columns:
        return
    month, carry_over = row.get("month"), row.get("carry_over")
    if month is INVALID:
        return
    if carry_over is True:
        if month is None:
            row.values["month"] = 1  # a carry-over is booked to January of its year
        elif month != 1:
            problems.add(row.sheet, row.number, row.columns["month"],
                         _("上年结余计入当年1月，月份应为1或留空（实际为%(month)d）。") % {"month": month})
            row.values["month"] = INVALID
    elif month is None:
        problems.add(row.sheet, row.number, row.columns["month"], _("必填，不能为空。"))
        row.values["month"] = INVALID
    elif not 1 <= month <= 12:
        problems.add(row.sheet, row.number, row.columns["month"],
                     _("月份必须在1到12之间（实际为%(month)d）。") % {"month": month})
        row.values["month"] = INVALID

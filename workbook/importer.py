"""Import of the data workbook (INTERFACES.md §1): units, targets, projects and arrivals.

``import_workbook(path_or_file)`` reads the file, checks every row against the others and the database,
and either writes everything in one transaction or raises :class:`WorkbookError` listing every problem as
``sheet!cell: message`` — then nothing at all has been written. Rows are matched on their keys; a matched
row whose values are all equal is left alone (no save, no history record, no version bump), so importing
the same workbook twice, or an export, changes nothing.

The work happens in three passes:

1. *read* (no database): open the zip defensively, parse each sheet's header and cells into typed values;
2. *check* (inside the transaction): duplicate keys, references to units/projects in the file or the
   database, the unit tree (one city, parents, no loops), stage against approval date;
3. *write*: one ``.save()`` per created or changed row, so django-simple-history records it.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from io import BytesIO
from pathlib import Path
from typing import IO, Any

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from projects.models import APPROVED_STAGES, Arrival, MonthSubmission, Project
from targets.models import Target
from units.models import Unit
from workbook.columns import (
    BOOL,
    CHOICE,
    DATE,
    DECIMAL,
    INT,
    KEYS,
    NO,
    SHEET_LABELS,
    SHEETS,
    YES,
    Column,
    choice_help,
    choice_lookup,
    column_for_header,
    normalize_text,
)

logger = logging.getLogger(__name__)

Source = str | os.PathLike | IO[bytes]
Progress = Callable[[str, int, int], None]

SHEET_ORDER = {name: index for index, name in enumerate(SHEETS)}
YEAR_MIN, YEAR_MAX = 1990, 2100
MAX_AMOUNT = Decimal("10000000")  # 万美元: 1,000 亿美元 — anything above is a typing slip
CENT = Decimal("0.01")

# Zip-bomb guards, checked on the zip's directory before openpyxl inflates anything. Python's zipfile
# never inflates an entry beyond its declared size, so the declared sizes are the ones that matter.
MAX_ZIP_ENTRIES = 2000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
LARGE_ENTRY_BYTES = 1024 * 1024

HISTORY_REASON = "导入数据工作簿"

# What an empty optional cell means for a field.
EMPTY_VALUES: dict[str, Any] = {"investor": "", "country": "", "industry": "", "backbone": False}


class WorkbookError(Exception):
    """The workbook cannot be imported. ``problems``: every problem, ``sheet!cell: message``, in sheet order."""

    def __init__(self, problems: Iterable[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class SheetCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportSummary:
    """What an import did, per sheet present in the workbook (in the order units, targets, projects, arrivals)."""

    sheets: dict[str, SheetCounts] = field(default_factory=dict)
    ignored_sheets: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(counts.created for counts in self.sheets.values())

    @property
    def updated(self) -> int:
        return sum(counts.updated for counts in self.sheets.values())

    @property
    def unchanged(self) -> int:
        return sum(counts.unchanged for counts in self.sheets.values())

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def __str__(self) -> str:
        if not self.sheets:
            text = _("导入完成：工作簿中没有数据。")
        else:
            parts = [
                _("%(sheet)s新增%(created)d、更新%(updated)d、未变%(unchanged)d")
                % {
                    "sheet": SHEET_LABELS[name],
                    "created": counts.created,
                    "updated": counts.updated,
                    "unchanged": counts.unchanged,
                }
                for name, counts in self.sheets.items()
            ]
            text = _("导入完成：%(parts)s。") % {"parts": "；".join(parts)}
        if self.ignored_sheets:
            text += _("已忽略工作表：%(names)s。") % {"names": "、".join(self.ignored_sheets)}
        return text


def import_workbook(
    source: Source, *, progress: Progress | None = None, max_bytes: int | None = None, reason: str = ""
) -> ImportSummary:
    """Import the data workbook at ``source`` (a path or a binary file object) in one transaction.

    ``progress(sheet, done, total)`` is called while rows are written. ``max_bytes`` refuses a larger file
    (the upload page passes ``settings.WORKBOOK_MAX_UPLOAD_BYTES``). Raises :class:`WorkbookError` with every
    problem found; then the database is unchanged.

    A row that would change a month the bureau has locked (an arrival of that month, a project approved
    in it) needs ``reason``, which the history keeps beside the import; without one, every such row is
    listed as a problem and nothing is imported.
    """
    book = _read(source, max_bytes=max_bytes)
    if book.problems and not book.sheets:
        raise WorkbookError(book.problems.messages())  # the file itself could not be read
    # Cells that could not be read are already problems; the checks against the database still run so
    # that the list names every problem at once.
    try:
        with transaction.atomic():
            checker = _Checker(book)
            checker.check()
            if book.problems:
                raise WorkbookError(book.problems.messages())
            return _Writer(book, checker, progress, reason=reason.strip()).write()
    except _WriteFailed as failure:
        raise WorkbookError([failure.message]) from failure.__cause__


# --- problems -------------------------------------------------------------------------------------------


class _Problems:
    def __init__(self) -> None:
        self._items: list[tuple[int, int, int, str]] = []

    def __bool__(self) -> bool:
        return bool(self._items)

    def add_file(self, message: str) -> None:
        self._items.append((-1, 0, 0, message))

    def add(self, sheet: str, row: int, column: int | None, message: str) -> None:
        """A problem at a cell (column 1-based) or, with ``column=None``, at a whole row (``units!1:1``)."""
        ref = f"{get_column_letter(column)}{row}" if column else f"{row}:{row}"
        self._items.append((SHEET_ORDER[sheet], row, column or 0, f"{sheet}!{ref}: {message}"))

    def messages(self) -> list[str]:
        return [text for *_order, text in sorted(self._items, key=lambda item: item[:3])]


# --- pass 1: read ---------------------------------------------------------------------------------------

_INVALID = object()  # a cell that could not be read; its problem is already recorded


@dataclass
class _Row:
    sheet: str
    number: int
    values: dict[str, Any]
    columns: dict[str, int]  # column code → 1-based column index, for the columns present in the sheet

    def has(self, code: str) -> bool:
        return code in self.values

    def get(self, code: str, default: Any = None) -> Any:
        return self.values.get(code, default)

    def valid(self, *codes: str) -> bool:
        return all(self.values.get(code) is not _INVALID for code in codes)

    def ref(self, code: str) -> str:
        return f"{self.sheet}!{get_column_letter(self.columns[code])}{self.number}"


@dataclass
class _Sheet:
    name: str
    columns: dict[str, int]  # column code → 1-based index
    rows: list[_Row]
    complete: bool  # every required column is present


@dataclass
class _Book:
    sheets: dict[str, _Sheet] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    problems: _Problems = field(default_factory=_Problems)


def _read(source: Source, *, max_bytes: int | None) -> _Book:
    book = _Book()
    data = _open(source, max_bytes=max_bytes, problems=book.problems)
    if data is None:
        return book
    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it ignores (data validation, conditional formats): harmless here.
            warnings.simplefilter("ignore")
            wb = load_workbook(data, read_only=True, data_only=True)
            try:
                for title in wb.sheetnames:
                    name = title.strip().lower()
                    if name not in SHEETS:
                        book.ignored.append(title)
                    elif name in book.sheets:
                        book.problems.add_file(_("工作表“%(name)s”出现了两次。") % {"name": title})
                    else:
                        ws = wb[title]
                        ws.reset_dimensions()  # some writers record a wrong size; read every row there is
                        sheet = _read_sheet(name, ws.iter_rows(values_only=True), book.problems)
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
    if not book.sheets and not book.problems and book.ignored:
        # A workbook whose sheets all have other names is almost certainly the wrong file.
        book.problems.add_file(
            _("工作簿中没有可导入的工作表（应为 units、targets、projects、arrivals），现有：%(names)s。")
            % {"names": "、".join(book.ignored)}
        )
    return book


def _open(source: Source, *, max_bytes: int | None, problems: _Problems) -> str | os.PathLike | BytesIO | None:
    """The source, checked to be a sane zip; None (with a problem recorded) when it is not."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            problems.add_file(_("找不到文件：%(path)s") % {"path": path})
            return None
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            problems.add_file(_too_big(size, max_bytes))
            return None
        with path.open("rb") as handle:
            head = handle.read(8)
        data: str | os.PathLike | BytesIO = source
    else:
        raw = source.read() if max_bytes is None else source.read(max_bytes + 1)
        if max_bytes is not None and len(raw) > max_bytes:
            problems.add_file(_too_big(len(raw), max_bytes))
            return None
        head = raw[:8]
        data = BytesIO(raw)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        problems.add_file(_("这是旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 后再导入。"))
        return None
    try:
        with zipfile.ZipFile(data) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        problems.add_file(_("文件不是 Excel 工作簿（.xlsx），无法导入。"))
        return None
    if isinstance(data, BytesIO):
        data.seek(0)
    declared = sum(info.file_size for info in infos)
    if len(infos) > MAX_ZIP_ENTRIES:
        problems.add_file(
            _("文件内含%(count)d个部件，远超正常工作簿，疑似恶意文件，拒绝导入。") % {"count": len(infos)}
        )
    elif declared > MAX_UNCOMPRESSED_BYTES:
        problems.add_file(
            _("文件解压后达%(size)d MB，超过上限%(limit)d MB，疑似压缩炸弹，拒绝导入。")
            % {"size": declared // (1024 * 1024), "limit": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
        )
    else:
        for info in infos:
            if info.file_size > LARGE_ENTRY_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                problems.add_file(
                    _("文件中的“%(name)s”压缩比异常（超过%(ratio)d倍），疑似压缩炸弹，拒绝导入。")
                    % {"name": info.filename, "ratio": MAX_COMPRESSION_RATIO}
                )
                break
    return None if problems else data


def _too_big(size: int, limit: int) -> str:
    return _("文件过大（%(size)s KB），上限为%(limit)s KB。") % {"size": size // 1024, "limit": limit // 1024}


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _read_sheet(name: str, rows: Iterable[tuple[Any, ...]], problems: _Problems) -> _Sheet | None:
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None or all(_blank(value) for value in header):
        # An empty sheet imports nothing; a sheet with data but no header row is an error.
        rest = [(number, row) for number, row in enumerate(iterator, start=2) if not all(_blank(v) for v in row)]
        if not rest:
            return None
        problems.add(name, 1, None, _("第1行应为列标题（列代码或中文列名），但它是空的。"))
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
    sheet = _Sheet(name=name, columns=columns, rows=[], complete=not missing)
    reported_headerless: set[int] = set()
    for number, raw_row in enumerate(iterator, start=2):
        if all(_blank(value) for value in raw_row):
            continue
        for index, value in enumerate(raw_row, start=1):
            if not _blank(value) and index not in columns.values() and index not in unusable:
                if index not in reported_headerless:
                    reported_headerless.add(index)
                    problems.add(name, 1, index, _("该列有数据（如 %(cell)s）但没有列标题。")
                                 % {"cell": f"{get_column_letter(index)}{number}"})
        row = _Row(sheet=name, number=number, values={}, columns=columns)
        for code, index in columns.items():
            column = by_code[code]
            value = raw_row[index - 1] if index <= len(raw_row) else None
            try:
                row.values[code] = _parse(column, value)
            except _CellError as error:
                problems.add(name, number, index, error.message)
                row.values[code] = _INVALID
                continue
            # An arrival's month may be empty for a carry-over (booked to January): see _check_row.
            if row.values[code] is None and column.required and (name, code) != ("arrivals", "month"):
                problems.add(name, number, index, _("必填，不能为空。"))
                row.values[code] = _INVALID
        _check_row(row, problems)
        sheet.rows.append(row)
    return sheet


class _CellError(Exception):
    def __init__(self, message: str):
        self.message = message


def _show(value: Any) -> str:
    text = str(value).strip()
    return text if len(text) <= 40 else text[:40] + "…"


def _parse(column: Column, value: Any) -> Any:
    """A cell's value as the model wants it; None for an empty cell; raises _CellError."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            value = None
    if column.kind == BOOL:
        return _parse_bool(value)
    if value is None:
        return None
    if column.kind == INT:
        return _parse_int(value)
    if column.kind == DECIMAL:
        return _parse_amount(value)
    if column.kind == DATE:
        return _parse_date(value)
    if column.kind == CHOICE:
        assert column.choices is not None
        code = choice_lookup(column.choices).get(normalize_text(_as_text(value)))
        if code is None:
            raise _CellError(
                _("未知的取值“%(value)s”，可选：%(choices)s")
                % {"value": _show(value), "choices": choice_help(column.choices)}
            )
        return code
    text = _as_text(value)
    if column.max_length and len(text) > column.max_length:
        raise _CellError(_("超过%(max)d个字符。") % {"max": column.max_length})
    return text


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code typed as a number: 101, not 101.0
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return str(value).strip()


def _parse_bool(value: Any) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    key = normalize_text(_as_text(value))
    if key in YES:
        return True
    if key in NO:
        return False
    raise _CellError(_("应为 yes 或 no（是/否），实际是“%(value)s”。") % {"value": _show(value)})


def _parse_int(value: Any) -> int:
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime, dt.time)):
        raise _CellError(_("应为整数，实际是“%(value)s”。") % {"value": _show(_as_text(value))})
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise _CellError(_("应为整数，实际是“%(value)s”。") % {"value": _show(value)})
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = re.sub(r"\s*[年月]$", "", text)
    if re.fullmatch(r"\d+(\.0+)?", text):
        return int(float(text))
    raise _CellError(_("应为整数，实际是“%(value)s”。") % {"value": _show(value)})


def _parse_amount(value: Any) -> Decimal:
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime, dt.time)):
        raise _CellError(_("应为数字，实际是“%(value)s”。") % {"value": _show(_as_text(value))})
    try:
        if isinstance(value, float):
            amount = Decimal(repr(value))
        elif isinstance(value, (int, Decimal)):
            amount = Decimal(value)
        else:
            text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "").replace(" ", "")
            amount = Decimal(text)
    except (InvalidOperation, ValueError):
        raise _CellError(_("应为数字，实际是“%(value)s”。") % {"value": _show(value)}) from None
    if not amount.is_finite():
        raise _CellError(_("应为数字，实际是“%(value)s”。") % {"value": _show(value)})
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    if amount < 0:
        raise _CellError(_("金额不能为负数（%(value)s）。") % {"value": amount})
    if amount > MAX_AMOUNT:
        raise _CellError(
            _("金额%(value)s万美元过大（上限%(limit)s万美元），请检查单位是否为万美元。")
            % {"value": amount, "limit": f"{MAX_AMOUNT:,.0f}"}
        )
    return amount


_DATE_TEXT = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]00:00(?::00)?)?")


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        match = _DATE_TEXT.fullmatch(unicodedata.normalize("NFKC", value).strip())
        try:
            if match is None:
                raise ValueError(value)
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise _CellError(
                _("应为日期（如 2007-03-15），实际是“%(value)s”。") % {"value": _show(value)}
            ) from None
    else:
        raise _CellError(_("应为日期（如 2007-03-15），实际是“%(value)s”。") % {"value": _show(value)})
    if not YEAR_MIN <= day.year <= YEAR_MAX:
        raise _CellError(
            _("日期%(value)s超出范围（%(min)d—%(max)d年）。") % {"value": day, "min": YEAR_MIN, "max": YEAR_MAX}
        )
    return day


def _check_year(row: _Row, problems: _Problems) -> None:
    year = row.get("year")
    if isinstance(year, int) and not YEAR_MIN <= year <= YEAR_MAX:
        problems.add(row.sheet, row.number, row.columns["year"],
                     _("年度必须在%(min)d到%(max)d之间（%(value)d）。") % {"min": YEAR_MIN, "max": YEAR_MAX, "value": year})
        row.values["year"] = _INVALID


def _check_not_future(row: _Row, problems: _Problems) -> None:
    """What has not happened yet cannot be imported, as the entry pages refuse it: an arrival in a month
    after the current one, an approval date after today."""
    from projects.services import current_period

    this_year, this_month = current_period()
    if row.sheet == "arrivals" and row.valid("year", "month") and row.get("year") and row.get("month"):
        if (row.get("year"), row.get("month")) > (this_year, this_month):
            problems.add(row.sheet, row.number, row.columns["month"],
                         _("%(year)d年%(month)d月还没有到，不能导入该月的到帐。")
                         % {"year": row.get("year"), "month": row.get("month")})
            row.values["month"] = _INVALID
    if row.sheet == "projects" and row.has("approved_on") and row.valid("approved_on"):
        approved_on = row.get("approved_on")
        if approved_on and approved_on > timezone.localdate():
            problems.add(row.sheet, row.number, row.columns["approved_on"],
                         _("批准日期%(date)s晚于今天。") % {"date": approved_on.isoformat()})
            row.values["approved_on"] = _INVALID


def _check_row(row: _Row, problems: _Problems) -> None:
    """Checks within one row that need no database."""
    if row.sheet in ("targets", "arrivals"):
        _check_year(row, problems)
    if row.sheet in ("arrivals", "projects"):
        _check_not_future(row, problems)
    if row.sheet != "arrivals" or "month" not in row.columns:
        return
    month, carry_over = row.get("month"), row.get("carry_over")
    if month is _INVALID:
        return
    if carry_over is True:
        if month is None:
            row.values["month"] = 1  # a carry-over is booked to January of its year
        elif month != 1:
            problems.add(row.sheet, row.number, row.columns["month"],
                         _("上年结余计入当年1月，月份应为1或留空（实际为%(month)d）。") % {"month": month})
            row.values["month"] = _INVALID
    elif month is None:
        problems.add(row.sheet, row.number, row.columns["month"], _("必填，不能为空。"))
        row.values["month"] = _INVALID
    elif not 1 <= month <= 12:
        problems.add(row.sheet, row.number, row.columns["month"],
                     _("月份必须在1到12之间（实际为%(month)d）。") % {"month": month})
        row.values["month"] = _INVALID


# --- pass 2: check against the file and the database ----------------------------------------------------


class _Checker:
    """Cross-row checks; fills ``book.problems`` and leaves what the writer needs on itself."""

    def __init__(self, book: _Book):
        self.book = book
        self.problems = book.problems

    def check(self) -> None:
        self.check_units()
        self.check_targets()
        self.check_projects()
        self.check_arrivals()

    # Helpers ---------------------------------------------------------------------------------------------

    def _rows(self, sheet: str) -> list[_Row]:
        return self.book.sheets[sheet].rows if sheet in self.book.sheets else []

    def _keyed(self, sheet: str, describe: Callable[[tuple], str]) -> dict[tuple, _Row]:
        """The sheet's rows by key; a second row with the same key is a problem naming both cells."""
        keys = KEYS[sheet]
        first: dict[tuple, _Row] = {}
        for row in self._rows(sheet):
            # carry_over may be absent or empty (= no); every other key column must hold a good value.
            if not all(row.has(code) and row.valid(code) for code in keys if code != "carry_over"):
                continue
            if not row.valid("carry_over"):
                continue
            key = tuple(bool(row.get(code)) if code == "carry_over" else row.get(code) for code in keys)
            if key in first:
                anchor = keys[0]
                self.problems.add(
                    sheet, row.number, row.columns[anchor],
                    _("与 %(other)s 重复：%(key)s在文件中出现了两次。")
                    % {"other": first[key].ref(anchor), "key": describe(key)},
                )
            else:
                first[key] = row
        return first

    def _unknown(self, row: _Row, code: str, message: str) -> None:
        self.problems.add(row.sheet, row.number, row.columns[code], message % {"code": row.get(code)})

    # Units -----------------------------------------------------------------------------------------------

    def check_units(self) -> None:
        self.db_units = {unit.code: unit for unit in Unit.objects.all()}
        db_codes = {unit.pk: unit.code for unit in self.db_units.values()}
        self.unit_rows = self._keyed("units", lambda key: _("单位代码“%(code)s”") % {"code": key[0]})
        self.unit_rows_by_code = {key[0]: row for key, row in self.unit_rows.items()}
        sheet = self.book.sheets.get("units")
        # Without a code column the units in the file cannot be known: references are not checked then.
        self.unit_refs_checkable = sheet is None or "code" in sheet.columns
        self.unit_codes = set(self.db_units) | {
            row.get("code") for row in self._rows("units") if row.has("code") and row.valid("code")
        }
        if sheet is None or not sheet.complete:
            return

        # The tree as it will be after the import: the database, overridden by the file.
        kind_of = {code: unit.kind for code, unit in self.db_units.items()}
        parent_of = {code: db_codes.get(unit.parent_id) for code, unit in self.db_units.items()}
        for code, row in ((key[0], row) for key, row in self.unit_rows.items()):
            kind_of[code] = row.get("kind") if row.valid("kind") else None
            if row.has("parent") and row.valid("parent"):
                parent_of[code] = row.get("parent")
            elif not row.has("parent") and code not in self.db_units:
                parent_of[code] = None

        for key, row in self.unit_rows.items():
            code, kind, parent = key[0], kind_of[key[0]], parent_of.get(key[0])
            parent_cell = row.columns.get("parent")
            if row.has("parent") and not row.valid("parent"):
                continue
            if parent is not None and parent not in kind_of:
                self._unknown(row, "parent", _("未知单位“%(code)s”。"))
                parent_of[code] = None
            elif kind == Unit.Kind.CITY and parent is not None:
                self.problems.add("units", row.number, parent_cell,
                                  _("市本级单位不能有上级单位（填的是“%(parent)s”）。") % {"parent": parent})
            elif kind is not None and kind != Unit.Kind.CITY and parent is None:
                self.problems.add("units", row.number, parent_cell or row.columns["code"],
                                  _("除市本级外，每个单位都必须填写上级单位。"))

        cities = sorted(
            (code for code, kind in kind_of.items() if kind == Unit.Kind.CITY),
            key=lambda code: (code in self.unit_rows_by_code, getattr(self.unit_rows_by_code.get(code), "number", 0)),
        )
        for code in cities[1:]:
            row = self.unit_rows_by_code.get(code)
            if row is not None:
                first = self.unit_rows_by_code.get(cities[0])
                where = first.ref("kind") if first is not None else _("数据库中")
                self.problems.add("units", row.number, row.columns["kind"],
                                  _("只能有一个市本级单位，已有“%(city)s”（%(where)s）。") % {"city": cities[0], "where": where})

        self._check_loops(parent_of)

    def _check_loops(self, parent_of: dict[str, str | None]) -> None:
        rows = self.unit_rows_by_code
        reported: set[frozenset[str]] = set()
        for start in rows:
            path: list[str] = []
            seen: set[str] = set()
            code: str | None = start
            while code is not None and code not in seen:
                seen.add(code)
                path.append(code)
                code = parent_of.get(code)
            if code is None or code not in path:
                continue  # reaches the top, or joins a loop that does not pass through this unit
            loop = path[path.index(code):]
            if frozenset(loop) in reported:
                continue
            reported.add(frozenset(loop))
            # Report at the loop's unit that comes first in the file.
            anchor = min((c for c in loop if c in rows), key=lambda c: rows[c].number)
            row = rows[anchor]
            cell = row.columns.get("parent") or row.columns["code"]
            if len(loop) == 1:
                message = _("单位不能是自己的上级单位。")
            else:
                at = loop.index(anchor)
                chain = loop[at:] + loop[:at] + [anchor]
                message = _("上级单位形成循环：%(chain)s。") % {"chain": " → ".join(chain)}
            self.problems.add("units", row.number, cell, message)

    # Targets ---------------------------------------------------------------------------------------------

    def check_targets(self) -> None:
        self.target_rows = self._keyed(
            "targets",
            lambda key: _("%(year)s年 %(unit)s %(indicator)s %(kind)s 的目标")
            % {"year": key[0], "unit": key[1], "indicator": key[2], "kind": key[3]},
        )
        for row in self._rows("targets"):
            if row.has("unit") and row.valid("unit") and self.unit_refs_checkable and row.get("unit") not in self.unit_codes:
                self._unknown(row, "unit", _("未知单位“%(code)s”。"))

    # Projects --------------------------------------------------------------------------------------------

    def check_projects(self) -> None:
        self.db_projects = {project.code: project for project in Project.objects.all()}
        self.project_rows = self._keyed("projects", lambda key: _("项目编号“%(code)s”") % {"code": key[0]})
        sheet = self.book.sheets.get("projects")
        self.project_refs_checkable = sheet is None or "code" in sheet.columns
        self.project_codes = set(self.db_projects) | {
            row.get("code") for row in self._rows("projects") if row.has("code") and row.valid("code")
        }
        for row in self._rows("projects"):
            if row.has("unit") and row.valid("unit") and self.unit_refs_checkable and row.get("unit") not in self.unit_codes:
                self._unknown(row, "unit", _("未知单位“%(code)s”。"))
            if not (row.has("stage") and row.valid("stage", "approved_on")):
                continue
            existing = self.db_projects.get(row.get("code")) if row.valid("code") else None
            approved_on = row.get("approved_on") if row.has("approved_on") else getattr(existing, "approved_on", None)
            stage = row.get("stage")
            cell = row.columns.get("approved_on") or row.columns["stage"]
            stage_label = dict(Project.Stage.choices)[stage]
            if stage in APPROVED_STAGES and approved_on is None:
                self.problems.add("projects", row.number, cell,
                                  _("项目阶段为“%(stage)s”，必须填写批准日期。") % {"stage": stage_label})
            elif stage not in APPROVED_STAGES and approved_on is not None:
                self.problems.add("projects", row.number, cell,
                                  _("项目阶段为“%(stage)s”（尚未批准），不能有批准日期。") % {"stage": stage_label})

    # Arrivals --------------------------------------------------------------------------------------------

    def check_arrivals(self) -> None:
        def describe(key: tuple) -> str:
            suffix = _("（上年结余）") if key[3] else ""
            return _("项目“%(project)s”%(year)s年%(month)s月%(suffix)s的到帐") % {
                "project": key[0], "year": key[1], "month": key[2], "suffix": suffix,
            }

        self.arrival_rows = self._keyed("arrivals", describe)
        for row in self._rows("arrivals"):
            if (
                row.has("project") and row.valid("project") and self.project_refs_checkable
                and row.get("project") not in self.project_codes
            ):
                self._unknown(row, "project", _("未知项目“%(code)s”。"))


# --- pass 3: write ----------------------------------------------------------------------------------------


class _WriteFailed(Exception):
    def __init__(self, message: str):
        self.message = message


class _Writer:
    def __init__(self, book: _Book, checker: _Checker, progress: Progress | None, *, reason: str = ""):
        self.book = book
        self.checker = checker
        self.progress = progress
        self.reason = reason
        self.locked = set(
            MonthSubmission.objects.filter(status=MonthSubmission.Status.LOCKED).values_list("unit_id", "year", "month")
        )
        self.locked_problems = _Problems()
        self.summary = ImportSummary(ignored_sheets=list(book.ignored))
        for name in SHEETS:
            if name in book.sheets:
                self.summary.sheets[name] = SheetCounts()

    def write(self) -> ImportSummary:
        self.units = {unit.code: unit for unit in Unit.objects.all()}
        self.write_units()
        self.write_targets()
        self.projects = {project.code: project for project in Project.objects.all()}
        self.write_projects()
        self.write_arrivals()
        if self.locked_problems:
            # Raised inside the import's transaction: everything written above is rolled back.
            raise WorkbookError(self.locked_problems.messages())
        return self.summary

    def _touches_locked(self, row: _Row, months: set[tuple[int, int, int]]) -> bool:
        """Whether a changed row touches a locked month; without a reason that is a problem at the row."""
        hit = sorted((y, m) for unit_id, y, m in months if (unit_id, y, m) in self.locked)
        if hit and not self.reason:
            anchor = KEYS[row.sheet][0]
            self.locked_problems.add(
                row.sheet, row.number, row.columns.get(anchor),
                _("%(year)d年%(month)d月已被锁定：导入修改已锁定月份的数据须填写修改原因。") % {
                    "year": hit[0][0], "month": hit[0][1]},
            )
        return bool(hit)

    def _save(self, row: _Row, obj: Any, *, created: bool, before: tuple | None = None) -> None:
        counts = self.summary.sheets[row.sheet]
        if isinstance(obj, Arrival):
            self._touches_locked(row, {(obj.project.unit_id, obj.year, obj.month)})
        elif isinstance(obj, Project):
            months = {(obj.unit_id, obj.approved_on.year, obj.approved_on.month)} if obj.approved_on else set()
            if before and before[1]:
                months.add((before[0], before[1].year, before[1].month))
            if before and before[0] != obj.unit_id and obj.pk:
                for year, month in Arrival.objects.filter(project_id=obj.pk).values_list("year", "month").distinct():
                    months |= {(before[0], year, month), (obj.unit_id, year, month)}
            self._touches_locked(row, months)
        if hasattr(obj, "history"):
            obj._change_reason = f"{HISTORY_REASON}：{self.reason}" if self.reason else HISTORY_REASON
        try:
            obj.save()
        except DatabaseError as exc:
            anchor = KEYS[row.sheet][0]
            where = row.ref(anchor) if anchor in row.columns else f"{row.sheet}!{row.number}:{row.number}"
            raise _WriteFailed(
                _("%(where)s: 写入数据库失败，未导入任何数据：%(error)s") % {"where": where, "error": exc}
            ) from exc
        if created:
            counts.created += 1
        else:
            counts.updated += 1

    def _tick(self, sheet: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(sheet, done, total)

    @staticmethod
    def _apply(obj: Any, row: _Row, fields: Iterable[str]) -> bool:
        """Set the row's values of ``fields`` on ``obj``; True when one of them differed.

        A column missing from the sheet leaves its field as it is; an empty cell means the field's empty value.
        """
        changed = False
        for name in fields:
            if not row.has(name):
                continue
            value = row.get(name)
            if value is None:
                value = EMPTY_VALUES.get(name)
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
        return changed

    def write_units(self) -> None:
        rows = {key[0]: row for key, row in self.checker.unit_rows.items()}
        # Parents before children, so a new unit's parent exists when it is saved.
        ordered: list[str] = []
        placed: set[str] = set()

        def place(code: str) -> None:
            if code in placed:
                return
            placed.add(code)
            parent = rows[code].get("parent")
            if parent in rows:
                place(parent)
            ordered.append(code)

        for code in rows:
            place(code)
        next_order = max((unit.sort_order for unit in self.units.values()), default=0)
        total = len(ordered)
        for done, code in enumerate(ordered, start=1):
            row = rows[code]
            unit = self.units.get(code)
            created = unit is None
            if created:
                next_order += 1
                unit = Unit(code=code, sort_order=next_order)
            changed = self._apply(unit, row, ("name", "kind"))
            if row.has("parent"):
                parent = self.units[row.get("parent")] if row.get("parent") else None
                if unit.parent_id != (parent.pk if parent else None):
                    unit.parent = parent
                    changed = True
            if created or changed:
                self._save(row, unit, created=created)
                self.units[code] = unit
            else:
                self.summary.sheets["units"].unchanged += 1
            self._tick("units", done, total)

    def _write_versioned(self, sheet: str, rows: dict[tuple, _Row], existing: dict[tuple, Any],
                         make: Callable[[tuple, _Row], Any], fields: tuple[str, ...]) -> None:
        total = len(rows)
        for done, (key, row) in enumerate(rows.items(), start=1):
            obj = existing.get(key)
            created = obj is None
            if created:
                obj = make(key, row)
            changed = self._apply(obj, row, fields)
            if created:
                self._save(row, obj, created=True)
            elif changed:
                obj.version += 1
                self._save(row, obj, created=False)
            else:
                self.summary.sheets[sheet].unchanged += 1
            self._tick(sheet, done, total)

    def write_targets(self) -> None:
        if "targets" not in self.book.sheets:
            return
        rows = self.checker.target_rows
        years = {key[0] for key in rows}
        by_pk = {unit.pk: unit.code for unit in self.units.values()}
        existing = {
            (t.year, by_pk[t.unit_id], t.indicator, t.kind): t for t in Target.objects.filter(year__in=years)
        }
        self._write_versioned(
            "targets", rows, existing,
            lambda key, row: Target(year=key[0], unit=self.units[key[1]], indicator=key[2], kind=key[3]),
            ("amount",),
        )

    def write_projects(self) -> None:
        if "projects" not in self.book.sheets:
            return
        rows = self.checker.project_rows
        fields = ("name", "type", "stage", "approved_on", "registered_fdi", "investor", "country",
                  "industry", "backbone", "total_investment")
        total = len(rows)
        for done, (key, row) in enumerate(rows.items(), start=1):
            project = self.projects.get(key[0])
            created = project is None
            if created:
                project = Project(code=key[0])
            before = (project.unit_id, project.approved_on)
            changed = False
            unit = self.units[row.get("unit")]
            if project.unit_id != unit.pk:
                project.unit = unit
                changed = True
            changed = self._apply(project, row, fields) or changed
            if created:
                self._save(row, project, created=True)
                self.projects[key[0]] = project
            elif changed:
                project.version += 1
                self._save(row, project, created=False, before=before)
            else:
                self.summary.sheets["projects"].unchanged += 1
            self._tick("projects", done, total)

    def write_arrivals(self) -> None:
        if "arrivals" not in self.book.sheets:
            return
        rows = self.checker.arrival_rows
        years = {key[1] for key in rows}
        by_pk = {project.pk: project.code for project in self.projects.values()}
        existing = {
            (by_pk[a.project_id], a.year, a.month, a.carry_over): a
            for a in Arrival.objects.filter(year__in=years)
        }
        self._write_versioned(
            "arrivals", rows, existing,
            lambda key, row: Arrival(project=self.projects[key[0]], year=key[1], month=key[2], carry_over=key[3]),
            ("amount",),
        )

"""The briefing workbook's building blocks: cell styles, a write-only sheet that appends styled rows
(text, numbers, two-row merged headers, banners), and a sheet set up for printing on A4.

Every text cell is an explicit string cell: a name typed by a user such as ``=HYPERLINK(…)`` stays a
name and never becomes a formula; text is cleaned of characters XML cannot hold (``units.rules``).
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from units import rules

FONT_NAME = "等线"
AMOUNT = "#,##0"
PCT = "0.00%"
GAP = "+0.00;-0.00;0.00"
COUNT = "0"
CHANGE = "+0;-0;0"
DATE = "yyyy-mm-dd"

THIN = Side(style="thin", color="FF808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BODY_FONT = Font(name=FONT_NAME, size=10)
BOLD_FONT = Font(name=FONT_NAME, size=10, bold=True)
RED_FONT = Font(name=FONT_NAME, size=10, color="FFC00000")
TITLE_FONT = Font(name=FONT_NAME, size=16, bold=True)
NOTE_FONT = Font(name=FONT_NAME, size=10, color="FF555555")
SECTION_FONT = Font(name=FONT_NAME, size=11, bold=True)
HEADER_FILL = PatternFill("solid", fgColor="FFD9E1F2")
TOTAL_FILL = PatternFill("solid", fgColor="FFF2F2F2")
RED_FILL = PatternFill("solid", fgColor="FFFFE5E5")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center")
RIGHT = Alignment(horizontal="right", vertical="center")

def display_width(text: str) -> int:
    """Columns the text takes in Excel: two for a CJK (wide) character, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def excel_pct(value: Decimal | None) -> float | None:
    """A report percentage (61.36) as an Excel percentage (0.6136)."""
    return None if value is None else float(value / 100)


def excel_num(value: Decimal | int | None) -> float | int | None:
    if value is None:
        return None
    return value if isinstance(value, int) else float(value)


@dataclass
class Sheet:
    """A write-only worksheet with the briefing's cell styles; rows are appended top to bottom."""

    ws: WriteOnlyWorksheet
    columns: int
    row: int = 0

    # -- cells
    def text(self, value: Any, *, bold: bool = False, header: bool = False, align: Alignment = LEFT,
             font: Font | None = None, border: bool = True, fill: PatternFill | None = None) -> WriteOnlyCell:
        """A text cell. Set as text explicitly: data from users is never taken for a formula."""
        cell = WriteOnlyCell(self.ws, value=None if value is None else rules.clean_text(str(value)))
        if value is not None:
            cell.data_type = "s"
        cell.font = font or (BOLD_FONT if bold or header else BODY_FONT)
        cell.alignment = CENTER if header else align
        if border:
            cell.border = BORDER
        if header:
            cell.fill = HEADER_FILL
        elif fill is not None:
            cell.fill = fill
        return cell

    def number(self, value: Any, fmt: str, *, behind: bool = False, bold: bool = False,
               fill: PatternFill | None = None) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws, value=value)
        cell.number_format = fmt
        cell.border = BORDER
        cell.alignment = RIGHT
        if behind:
            cell.font, cell.fill = RED_FONT, RED_FILL
        else:
            cell.font = BOLD_FONT if bold else BODY_FONT
            if fill is not None:
                cell.fill = fill
        return cell

    def append(self, cells: Sequence[Any], height: float | None = None) -> int:
        self.row += 1
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.ws.append(list(cells))
        return self.row

    def merge(self, first_col: int, first_row: int, last_col: int, last_row: int) -> None:
        if (first_col, first_row) != (last_col, last_row):
            self.ws.merged_cells.add(
                f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{last_row}"
            )

    # -- blocks
    def banner(self, text: str, *, font: Font, height: float, align: Alignment = CENTER) -> None:
        row = self.append([self.text(text, font=font, border=False, align=align)], height=height)
        self.merge(1, row, self.columns, row)

    def header(self, spec: Sequence[tuple[str, Sequence[str] | None]]) -> tuple[int, int]:
        """Two header rows from ``[(top, subs)]``: a top label over its sub-columns (merged across them),
        or with ``subs=None`` one label spanning both rows. Returns the two row numbers."""
        top: list[WriteOnlyCell] = []
        bottom: list[WriteOnlyCell] = []
        merges: list[tuple[int, int, bool]] = []  # (first column, last column, spans both rows)
        for label, subs in spec:
            first = len(top) + 1
            if subs is None:
                top.append(self.text(label, header=True))
                bottom.append(self.text(None, header=True))
                merges.append((first, first, True))
            else:
                for i, sub in enumerate(subs):
                    top.append(self.text(label if i == 0 else None, header=True))
                    bottom.append(self.text(sub, header=True))
                merges.append((first, first + len(subs) - 1, False))
        r1 = self.append(top, height=20)
        r2 = self.append(bottom, height=42)
        for first, last, both in merges:
            self.merge(first, r1, last, r2 if both else r1)
        return r1, r2

    def blank(self) -> None:
        self.append([])


def setup_sheet(wb: Workbook, title: str, widths: Sequence[float], freeze: str) -> Sheet:
    """A sheet with its column widths, frozen panes and print set-up, all set before the first row
    (write-only mode writes the sheet's head with the first row)."""
    ws = wb.create_sheet(title)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = freeze
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    return Sheet(ws=ws, columns=len(widths))


def name_width(names: Iterable[str], minimum: int = 8, maximum: int = 40) -> float:
    return min(maximum, max([minimum, *(display_width(n) for n in names)]) + 2)

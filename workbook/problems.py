"""Problems found in a workbook, each at its cell (``sheet!C5: message``), listed in sheet and cell order."""
from __future__ import annotations

from openpyxl.utils import get_column_letter

from workbook.columns import SHEETS

SHEET_ORDER = {name: index for index, name in enumerate(SHEETS)}


class Problems:
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

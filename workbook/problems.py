"""Problems found in a workbook, each at its cell (``sheet!C5: message``), listed in sheet and cell order."""
from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from workbook.columns import SHEETS

SHEET_ORDER = {name: index for index, name in enumerate(SHEETS)}


# A file with more problems than this is the wrong file or a wrong export: reading stops there.
MAX_PROBLEMS = 200


class Problems:
    def __init__(self, limit: int = MAX_PROBLEMS) -> None:
        self._items: list[tuple[int, int, int, str]] = []
        self.limit = limit
        self.dropped = 0
        # sheet code → the tab's title in the file (项目 for projects): a problem is named as the user sees it
        self.titles: dict[str, str] = {}

    def __bool__(self) -> bool:
        return bool(self._items)

    @property
    def full(self) -> bool:
        """Whether the list has reached its limit (the reader stops reading rows then)."""
        return len(self._items) >= self.limit

    def _append(self, item: tuple[int, int, int, str]) -> None:
        if self.full:
            self.dropped += 1
        else:
            self._items.append(item)

    def add_file(self, message: str) -> None:
        self._append((-1, 0, 0, message))

    def add(self, sheet: str, row: int, column: int | None, message: str) -> None:
        """A problem at a cell (column 1-based) or, with ``column=None``, at a whole row (``units!1:1``)."""
        ref = f"{get_column_letter(column)}{row}" if column else f"{row}:{row}"
        self._append((SHEET_ORDER[sheet], row, column or 0, f"{self.titles.get(sheet, sheet)}!{ref}: {message}"))

    def messages(self) -> list[str]:
        texts = [text for *_order, text in sorted(self._items, key=lambda item: item[:3])]
        if self.full:
            texts.append(_("问题已超过%(limit)d处，读取到此为止，还有更多问题未列出。请先改正以上问题后重新导入。")
                         % {"limit": self.limit})
        return texts

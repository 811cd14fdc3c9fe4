"""Every table exports what it shows (NetBox's ``?export=table`` pattern): ``?export=xlsx`` on a page answers
the page's table — the whole filtered set, not only the page on screen — as an Excel file.

Cells hold values, not the page's markup; text that Excel would read as a formula (=, +, -, @ first) stays
text, and characters XML cannot hold are dropped (``units.rules.clean_text``)."""
from __future__ import annotations

import html
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from units import rules

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@")
NUMBER = re.compile(r"^[+-]?\d{1,3}(,\d{3})*(\.\d+)?$|^[+-]?\d+(\.\d+)?$")


def wants_export(request: HttpRequest) -> bool:
    return request.GET.get("export") in ("xlsx", "table")


def plain(value: Any) -> Any:
    """A cell as text without the page's markup (links, marks): "<a href=…>海门镇</a>" → "海门镇". Only
    markup the page made (SafeData) is stripped; a user's "Smith <Holdings> Ltd" stays as typed."""
    if isinstance(value, SafeData):
        return html.unescape(strip_tags(str(value))).strip()
    return value


def rows_xlsx(rows: Iterable[Sequence[Any]], *, title: str, filename: str,
              numeric: set[int] | None = None) -> HttpResponse:
    """``rows`` (the header first) as an .xlsx download named ``filename``.xlsx. ``numeric``: the (0-based)
    columns of figures, whose formatted text ("2,580.00") becomes a number; any other text stays text."""
    wb = Workbook()
    ws = wb.active
    ws.title = rules.clean_text(title)[:31] or "Sheet1"
    widths: dict[int, int] = {}
    for r, values in enumerate(rows, start=1):
        for c, raw in enumerate(values, start=1):
            value = plain(raw)
            cell = ws.cell(row=r, column=c)
            if isinstance(value, Decimal):
                cell.value = float(value)
            elif isinstance(value, bool) or value is None or isinstance(value, int | float):
                cell.value = value
            elif r > 1 and numeric is not None and c - 1 in numeric and NUMBER.match(str(value).strip()):
                # a figure the table formatted ("2,580.00", "+3.03")
                cell.value = float(str(value).strip().replace(",", ""))
            else:
                text = rules.clean_text(str(value)).strip()
                cell.value = text
                if text.startswith(FORMULA_START):
                    cell.data_type = "s"  # never a formula
            widths[c] = max(widths.get(c, 6), min(40, len(str(cell.value or "")) * 2))
    for c, width in widths.items():
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}.xlsx"
    response["Cache-Control"] = "no-store"
    return response


def table_xlsx(table: Any, *, title: str, filename: str, exclude: Sequence[str] = ()) -> HttpResponse:
    """A django-tables2 table, every row of it (pagination aside), as an .xlsx download. A column whose
    class says ``numeric = True`` (the amount, percentage and gap columns) is written as numbers."""
    shown = [column for column in table.columns if column.name not in exclude]
    numeric = {i for i, column in enumerate(shown) if getattr(column.column, "numeric", False)}
    return rows_xlsx(table.as_values(exclude_columns=list(exclude)), title=title, filename=filename, numeric=numeric)

"""Reading one cell: its value as the model wants it, or the reason it cannot be read.

Amounts, dates and text follow ``units.rules``, the same rules the forms and services apply, so a cell
the importer accepts is a value the portal's pages accept too (and the other way round).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from units import periods, rules
from workbook.columns import (
    BOOL,
    CHOICE,
    CODE,
    DATE,
    DECIMAL,
    INT,
    NO,
    YES,
    Column,
    choice_help,
    choice_lookup,
    normalize_text,
)


class CellError(Exception):
    def __init__(self, message: str):
        self.message = message


def show(value: Any) -> str:
    text = str(value).strip()
    return text if len(text) <= 40 else text[:40] + "…"


def parse_cell(column: Column, value: Any) -> Any:
    """A cell's value as the model wants it; None for an empty cell; raises CellError."""
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
            raise CellError(
                _("未知的取值“%(value)s”，可选：%(choices)s")
                % {"value": show(value), "choices": choice_help(column.choices)}
            )
        return code
    text = _as_text(value)
    check = rules.check_code if column.kind == CODE else rules.check_text
    try:
        return check(text, max_length=column.max_length)
    except rules.RuleError as error:
        raise CellError(str(error)) from None


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
    raise CellError(_("应为 yes 或 no（是/否），实际是“%(value)s”。") % {"value": show(value)})


def _parse_int(value: Any) -> int:
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime, dt.time)):
        raise CellError(_("应为整数，实际是“%(value)s”。") % {"value": show(_as_text(value))})
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or abs(value) > 2 ** 53:
            raise CellError(_("应为整数，实际是“%(value)s”。") % {"value": show(value)})
        if value.is_integer():
            return int(value)
        raise CellError(_("应为整数，实际是“%(value)s”。") % {"value": show(value)})
    text = unicodedata.normalize("NFKC", str(value)).strip()
    text = re.sub(r"\s*[年月]$", "", text)
    if re.fullmatch(r"[0-9]{1,15}(\.0+)?", text):
        return int(text.split(".")[0])
    raise CellError(_("应为整数，实际是“%(value)s”。") % {"value": show(value)})


def _parse_amount(value: Any) -> Decimal:
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime, dt.time)):
        raise CellError(_("应为数字，实际是“%(value)s”。") % {"value": show(_as_text(value))})
    if isinstance(value, str):
        value = unicodedata.normalize("NFKC", value)
    try:
        amount = rules.parse_amount(value)
    except rules.RuleError as error:
        raise CellError(str(error)) from None
    assert amount is not None  # empty cells never get here
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
            raise CellError(
                _("应为日期（如 2007-03-15），实际是“%(value)s”。") % {"value": show(value)}
            ) from None
    else:
        raise CellError(_("应为日期（如 2007-03-15），实际是“%(value)s”。") % {"value": show(value)})
    if not periods.year_in_range(day.year) or day < rules.DATE_MIN:
        raise CellError(
            _("日期%(value)s超出范围（%(min)d—%(max)d年）。")
            % {"value": day, "min": periods.YEAR_MIN, "max": periods.YEAR_MAX}
        )
    return day

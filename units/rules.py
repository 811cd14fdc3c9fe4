"""What a valid amount, year, month, date and text is: one rule set for every entry path.

The forms (through Django validators and the fields in ``units.fields``), the write services, the
workbook importer and the admin all apply these functions, so a value one path accepts is never refused
(or silently changed) by another, and whatever was accepted can be exported and imported again.

- **amount** (万美元): a number from 0 to ``AMOUNT_MAX`` with at most two decimals. 1,000,000 万美元
  (USD 10 billion) is far above any county's figure: above it is a slip, usually yuan typed as 万美元.
  The importer used to allow ten times more and targets too: the stricter limit holds everywhere now.
- **year** ``YEAR_MIN``–``YEAR_MAX`` and **month** 1–12 (``units.periods``);
- **date**: from ``DATE_MIN`` (1 January 1990) to today — nothing is approved in the future;
- **text**: at most the field's length, and none of the characters XML 1.0 cannot hold (control
  characters such as the ``\\x0b`` a Word line break pastes, or NUL, which PostgreSQL refuses): they are
  refused where text comes in, and ``clean_text`` strips them as a second guard where text goes out.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from units import periods

AMOUNT_MAX = Decimal("1000000")
CENT = Decimal("0.01")
DATE_MIN = dt.date(periods.YEAR_MIN, 1, 1)

# Lengths of the free-text fields (characters).
CODE_MAX = 40
NAME_MAX = 200
SHORT_TEXT_MAX = 60
REASON_MAX = 200
NOTE_MAX = 2000

# What XML 1.0 cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE, which includes NUL) and the two
# non-characters U+FFFE and U+FFFF.
ILLEGAL_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_number(text: str, max_digits: int = 18) -> bool:
    """Whether ``text`` is a whole number in ASCII digits (str.isdigit() also takes '²' and '①', which
    int() refuses), short enough for a database integer."""
    return 0 < len(text) <= max_digits and text.isascii() and text.isdigit()


class RuleError(ValueError):
    """A value that breaks a rule; the message is Chinese, for the user."""


# ------------------------------------------------------------------------------------------- amounts


def amount_limit_message() -> str:
    return _("金额超过1,000,000万美元，请核对是否以万美元为单位填写。")


def parse_amount(raw: Any) -> Decimal | None:
    """An amount in 万美元 as typed or read: empty → None; else a Decimal 0 … AMOUNT_MAX, ≤ 2 decimals.

    Text may carry thousands separators ("1,200.5"). A float (from a spreadsheet cell) is taken at its
    shortest decimal form, and binary noise such as 0.30000000000000004 is rounded to the cent; any
    other value with more than two decimals is refused, as the forms refuse it. Raises RuleError.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise RuleError(_("“%(value)s”不是数字，请填写金额（万美元）。") % {"value": raw})
    if isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, float):
        value = Decimal(repr(raw))
        if value.is_finite() and abs(value) <= AMOUNT_MAX and abs(value - value.quantize(CENT, ROUND_HALF_UP)) < Decimal("1e-9"):
            value = value.quantize(CENT, ROUND_HALF_UP)
    else:
        text = str(raw).strip().replace(",", "").replace("，", "").replace(" ", "")
        if text == "":
            return None
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal("NaN")
    return check_amount(value, shown=str(raw).strip())


def check_amount(value: Decimal, *, shown: str | None = None) -> Decimal:
    """The amount if it keeps the rules, else RuleError (see ``parse_amount``)."""
    if not value.is_finite():
        raise RuleError(_("“%(value)s”不是数字，请填写金额（万美元）。") % {"value": shown if shown is not None else value})
    if value < 0:
        raise RuleError(_("金额不能为负数。"))
    if value > AMOUNT_MAX:
        raise RuleError(amount_limit_message())
    if value.as_tuple().exponent < -2 and value != value.quantize(CENT):  # type: ignore[operator]
        raise RuleError(_("金额最多保留两位小数。"))
    return abs(value) if value == 0 else value  # "-0" is 0


# ----------------------------------------------------------------------------------- years, months


def check_year(year: int) -> int:
    if not periods.year_in_range(year):
        raise RuleError(periods.year_range_message())
    return year


def check_month(month: int) -> int:
    if not periods.month_in_range(month):
        raise RuleError(periods.month_range_message())
    return month


def check_period_not_future(year: int, month: int, *, on: dt.date | None = None) -> None:
    """Entry for a month that has not come is refused."""
    if periods.is_future(year, month, on):
        raise RuleError(_("%(year)d年%(month)d月尚未到来，不能填报。") % {"year": year, "month": month})


# -------------------------------------------------------------------------------------------- dates


def check_date(day: dt.date, *, label: str | None = None, on: dt.date | None = None) -> dt.date:
    """A date of the record (an approval): from 1 January 1990 to today. ``label`` names it in the message
    ("批准日期")."""
    label = label if label is not None else _("日期")
    if day > (on or periods.today()):
        raise RuleError(_("%(label)s%(value)s晚于今天。") % {"label": label, "value": day.isoformat()})
    if day < DATE_MIN:
        raise RuleError(_("%(label)s%(value)s早于%(min)d年，超出范围。") % {
            "label": label, "value": day.isoformat(), "min": periods.YEAR_MIN})
    return day


# --------------------------------------------------------------------------------------------- text


def illegal_characters(text: str) -> list[str]:
    """The characters of ``text`` XML cannot hold, each once, as ``\\x0b``-style escapes."""
    return sorted({f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}" for ch in ILLEGAL_TEXT.findall(text)})


def check_text(text: str, *, max_length: int | None = None) -> str:
    """Text as it may be stored: no control characters, at most ``max_length`` characters."""
    bad = illegal_characters(text)
    if bad:
        raise RuleError(
            _("含有无法保存的控制字符（%(chars)s），常见于从 Word 或网页复制的换行，请删除后重新输入。")
            % {"chars": "、".join(bad)}
        )
    if max_length is not None and len(text) > max_length:
        raise RuleError(_("不能超过%(max)d个字符（现有%(count)d个）。") % {"max": max_length, "count": len(text)})
    return text


# A code (a unit's, a project's) is read and typed by people and sits in addresses: no spaces, no
# invisible characters (zero-width space, BOM), nothing that cuts a URL path.
CODE_FORBIDDEN = set("/\\?#%")


def check_code(text: str, *, max_length: int | None = None) -> str:
    """A code as it may be stored: text rules, and no whitespace, invisible characters or / \\ ? # %."""
    check_text(text, max_length=max_length)
    bad = sorted({ch for ch in text if ch.isspace() or ch in CODE_FORBIDDEN or unicodedata.category(ch) in ("Cf", "Zs", "Zl", "Zp", "Co", "Cn")})
    if bad:
        shown = "、".join(f"“{ch}”" if ch.isprintable() and not ch.isspace() else f"U+{ord(ch):04X}" for ch in bad)
        raise RuleError(_("编号中不能有空格、不可见字符或 / \\ ? # %%：%(chars)s。") % {"chars": shown})
    return text


def clean_text(text: Any) -> Any:
    """The second guard where text leaves the portal (workbooks, Word): XML-illegal characters removed.
    Anything that is not a string is returned as it is."""
    return ILLEGAL_TEXT.sub("", text) if isinstance(text, str) else text


# ------------------------------------------------------------------------------ Django validators
# Module-level functions (migrations refer to them by name) for model and form fields, so that the
# admin and every ModelForm apply the same rules as the services and the importer.


def validate_text(value: Any) -> None:
    if isinstance(value, str):
        _raise_validation(check_text, value)


def validate_code(value: Any) -> None:
    if isinstance(value, str):
        _raise_validation(check_code, value)


def validate_amount(value: Any) -> None:
    if value is not None:
        _raise_validation(check_amount, Decimal(value))


def validate_year(value: Any) -> None:
    if value is not None:
        _raise_validation(check_year, int(value))


def validate_month(value: Any) -> None:
    if value is not None:
        _raise_validation(check_month, int(value))


def validate_date(value: Any) -> None:
    if value is not None:
        _raise_validation(check_date, value)


def _raise_validation(check, value: Any) -> None:
    try:
        check(value)
    except RuleError as error:
        raise ValidationError(str(error), code="rule") from None

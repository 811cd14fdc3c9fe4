"""How the review text writes numbers and lists: amounts in 万美元 or 亿美元, percentages and points with
the full-width ％, growth as "同比增长…", and clauses joined the way the speech joins them.

Amounts are whole 万美元, or 亿美元 to two decimals (trailing zeros dropped) from 10,000 万 on; percentages
and points have two decimals with the full-width ％, as seed 004 writes them. No figure is computed here.
"""
from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from reports.progress import IndicatorFigures, UnitRow


def wan(amount: Decimal) -> str:
    """An amount in whole 万美元, rounded half up: "1297万美元"."""
    return _("%(n)s万美元") % {"n": amount.quantize(Decimal(1), ROUND_HALF_UP)}


def money(amount: Decimal) -> str:
    """An amount as prose writes it: 万美元 below 10,000 万, else 亿美元 to two decimals ("1.42亿美元")."""
    if abs(amount) < 10000:
        return wan(amount)
    yi = (amount / 10000).quantize(Decimal("0.01"), ROUND_HALF_UP)
    text = f"{yi:f}".rstrip("0").rstrip(".")
    return _("%(n)s亿美元") % {"n": text}


def pct(value: Decimal) -> str:
    """"61.36％"."""
    return f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP):f}％"


def points(value: Decimal) -> str:
    """A gap's size in points without its sign: "13.11"."""
    return f"{abs(value).quantize(Decimal('0.01'), ROUND_HALF_UP):f}"


def yoy(value: Decimal | None) -> str | None:
    """"同比增长33.45％" / "同比下降5.00％" / "与上年同期持平"; None when last year had nothing."""
    if value is None:
        return None
    if value > 0:
        return _("同比增长%(p)s") % {"p": pct(value)}
    if value < 0:
        return _("同比下降%(p)s") % {"p": pct(-value)}
    return _("与上年同期持平")


def names(units: Sequence[UnitRow]) -> str:
    return "、".join(u.name for u in units)


def sentence(*clauses: str | None, end: str = "。") -> str:
    """The clauses that exist, joined by commas, with the sentence's end."""
    return "，".join(c for c in clauses if c) + end


def stated(prefix: str, verb: str, label: str, amount: Decimal, *extras: str | None, end: str = "。") -> str:
    """"<prefix><verb><label><amount>, <extras>", or "<prefix>尚无<label>" alone when the amount is zero
    (a zero has no growth, share or completion worth reading out)."""
    if not amount:
        return sentence(_("%(prefix)s尚无%(label)s") % {"prefix": prefix, "label": label}, end=end)
    return sentence(f"{prefix}{verb}{label}{money(amount)}", *extras, end=end)


def joined(items: Sequence[str]) -> str:
    """"A和B", "A、B和C" — a list as the speech writes it."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return "、".join(items[:-1]) + _("和") + items[-1]


def respectively(values: Sequence[Decimal | None], labels: Sequence[str], template_one: str, template_two: str,
                 fmt=pct) -> str | None:
    """"分别完成考核目标和加压目标的a％和b％" (or of three: "考核目标、加压目标和翻番目标的a％、b％和c％"), or the
    one that exists, or None.

    ``template_two`` gets %(labels)s / %(a)s / %(b)s (``b`` all values after the first, joined),
    ``template_one`` %(label)s / %(a)s."""
    present = [(label, value) for label, value in zip(labels, values, strict=False) if value is not None]
    if len(present) >= 2:
        # The first label keeps its qualifier ("全市考核目标"): it is the one the template puts first.
        shown = [label for label, _v in present]
        formatted = [fmt(v) for _l, v in present]
        return template_two % {"labels": joined(shown), "a": "、".join(formatted[:-1]), "b": formatted[-1]}
    if len(present) == 1:
        return template_one % {"label": present[0][0], "a": fmt(present[0][1])}
    return None


def completion(figures: IndicatorFigures, whose: str = "") -> str | None:
    """"分别完成全市考核目标和加压目标的61.36％和45.22％" (the targets that are set; 翻番目标 third)."""
    return respectively(
        [figures.assessment_pct, figures.stretch_pct, figures.doubling_pct],
        [_("%(whose)s考核目标") % {"whose": whose}, _("加压目标"), _("翻番目标")],
        _("完成%(label)s的%(a)s"),
        _("分别完成%(labels)s的%(a)s和%(b)s"),
    )


def share(value: Decimal | None) -> str | None:
    return None if value is None else _("占全市完成数的%(p)s") % {"p": pct(value)}

"""The peer counties' figures of one month as staff copy them from the prefecture's 通报 (the peers page):
the grid's cells, a pasted table mapped onto the grid, and saving the month all or nothing.

A cell is ``"<peer id>-<indicator>-<field>"`` with field ``ytd``, ``last_year_ytd`` or ``over_1000``;
an empty row (no YTD, no last year, no count) means the 通报 did not give it (an existing row is
deleted). What the page showed is fingerprinted (``month_digest``): if someone saved the month in
between, saving is refused rather than overwriting their figures.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from projects.models import PeerCounty, PeerFigure
from projects.services.entry import EntryRefused
from projects.services.stamp import stamp
from units import periods, rules

FIELDS = ("ytd", "last_year_ytd", "over_1000")
# The grid's columns in the order a 通报's table gives them: (indicator, field)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("registered_fdi", "ytd"), ("registered_fdi", "last_year_ytd"), ("registered_fdi", "over_1000"),
    ("paid_in_fdi", "ytd"), ("paid_in_fdi", "last_year_ytd"),
    ("trade_total", "ytd"), ("trade_total", "last_year_ytd"),
    ("exports", "ytd"), ("exports", "last_year_ytd"),
    ("outward_revenue", "ytd"), ("outward_revenue", "last_year_ytd"),
)
REASON = "兄弟县市页面"
GRID_INDICATORS = tuple(dict.fromkeys(indicator for indicator, _field in COLUMNS))
KEEP: Any = object()  # a field the grid does not show: saving the grid leaves it as stored
COUNT_MAX = 100000


def cell_name(peer_id: int, indicator: str, field: str) -> str:
    return f"{peer_id}-{indicator}-{field}"


def month_cells(year: int, month: int) -> dict[str, str]:
    """The month's saved figures as the grid's cell values (one query)."""
    cells: dict[str, str] = {}
    for f in PeerFigure.objects.filter(year=year, month=month):
        for field in FIELDS:
            value = getattr(f, field)
            if value is not None:
                cells[cell_name(f.peer_id, f.indicator, field)] = f"{value}"
    return cells


def month_digest(year: int, month: int) -> str:
    """A fingerprint of the month's saved figures and their versions (one query)."""
    rows = PeerFigure.objects.filter(year=year, month=month).order_by("peer_id", "indicator").values_list(
        "peer_id", "indicator", "ytd", "last_year_ytd", "over_1000", "version")
    return hashlib.sha256(repr(list(rows)).encode()).hexdigest()[:16]


@dataclass
class Pasted:
    cells: dict[str, str]
    problems: list[str]
    matched: int


def _peer_for(text: str, peers: list[PeerCounty]) -> PeerCounty | None:
    name = re.sub(r"\s+", "", text)
    exact = [p for p in peers if p.name == name]
    if exact:
        return exact[0]
    # "启东" for 启东市, "海安" for 海安县: a unique prefix
    near = [p for p in peers if p.name.startswith(name) or name.startswith(p.name)]
    return near[0] if len(near) == 1 else None


def parse_pasted(text: str, peers: list[PeerCounty], *, columns: tuple[tuple[str, str], ...] = COLUMNS) -> Pasted:
    """A table copied from a 通报 (Excel or Word: one county a line, its name then its numbers in the
    grid's column order, separated by tabs or runs of spaces) as grid cells. "—" or "-" is an empty cell."""
    cells: dict[str, str] = {}
    problems: list[str] = []
    matched = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in re.split(r"\t| {2,}|\u3000+", line.strip())]
        if len(parts) == 1:
            parts = line.split()
        peer = _peer_for(parts[0], peers)
        if peer is None:
            if any(ch.isdigit() for ch in parts[0]):
                problems.append(_("第%(n)s行：第一格应是县市名称，而不是“%(text)s”。") % {"n": number, "text": parts[0][:20]})
            elif not re.search(r"\d", line):
                continue  # a header line
            else:
                problems.append(_("第%(n)s行：“%(name)s”不在兄弟县市名单中，请先添加。") % {"n": number, "name": parts[0][:20]})
            continue
        values = parts[1:]
        if len(values) > len(columns):
            problems.append(_("第%(n)s行（%(name)s）：有%(got)s个数，多于表格的%(cols)s列。")
                            % {"n": number, "name": peer.name, "got": len(values), "cols": len(columns)})
            continue
        matched += 1
        for (indicator, field), value in zip(columns, values, strict=False):
            cells[cell_name(peer.pk, indicator, field)] = "" if value in ("—", "-", "－", "/") else value
    return Pasted(cells=cells, problems=problems, matched=matched)


def _count(raw: str) -> int | None:
    text = raw.strip().replace(",", "")
    if text == "":
        return None
    if not re.fullmatch(r"[0-9]{1,6}", text) or int(text) > COUNT_MAX:
        raise rules.RuleError(_("“%(value)s”不是项目个数（0或正整数）。") % {"value": raw.strip()[:20]})
    return int(text)


def parse_cells(cells: Mapping[str, str], peers: list[PeerCounty]) -> tuple[dict, dict[str, str]]:
    """The grid's cells as {(peer id, indicator): (ytd, last year, over_1000) or None}, and the cell
    errors (in Chinese) by cell name."""
    values: dict[tuple[int, str], tuple[Decimal | None, Decimal | None, int | None] | None] = {}
    errors: dict[str, str] = {}
    for peer in peers:
        for indicator in GRID_INDICATORS:
            parsed: list = []
            for field in FIELDS:
                name = cell_name(peer.pk, indicator, field)
                if (indicator, field) not in COLUMNS:  # not on the grid: kept as it is (KEEP)
                    parsed.append(KEEP)
                    continue
                raw = str(cells.get(name, "") or "")
                if len(raw) > 40:
                    errors[name] = _("内容过长。")
                    parsed.append(None)
                    continue
                try:
                    parsed.append(_count(raw) if field == "over_1000" else rules.parse_amount(raw))
                except rules.RuleError as error:
                    errors[name] = str(error)
                    parsed.append(None)
            ytd, last_year, over = parsed
            if ytd is None and (last_year not in (None, KEEP) or over not in (None, KEEP)):
                name = cell_name(peer.pk, indicator, "ytd")
                errors.setdefault(name, _("请填写1至本月累计数；只有上年同期或项目数不能保存。"))
            values[(peer.pk, indicator)] = None if ytd is None else (ytd, last_year, over)
    return values, errors


@transaction.atomic
def peer_figures_save_month(*, year: int, month: int, cells: Mapping[str, str], seen: str, user: User) -> int:
    """Save the month's grid (all or nothing); returns how many rows changed. Raises EntryRefused with
    Chinese messages (``.field_errors`` by cell) when a cell is bad, the month has not come, or someone
    saved the month since the page was opened."""
    rules.check_year(year)
    rules.check_month(month)
    if periods.is_future(year, month):
        raise EntryRefused([_("%(year)s年%(month)s月尚未到来，不能填写该月的通报数据。") % {"year": year, "month": month}])
    peers = list(PeerCounty.objects.select_for_update().order_by("pk"))
    values, errors = parse_cells(cells, peers)
    if errors:
        refused = EntryRefused([_("有%(n)s格填写有误，请按提示改正后再保存；本次没有保存任何数据。") % {"n": len(errors)}])
        refused.field_errors = errors  # type: ignore[attr-defined]
        raise refused
    existing = {(f.peer_id, f.indicator): f for f in PeerFigure.objects.select_for_update().filter(year=year, month=month)}
    if seen != month_digest(year, month):
        raise EntryRefused([_("在您打开本页之后，其他人保存了%(year)s年%(month)s月的兄弟县市数据；为免覆盖，本次没有保存。"
                              "请重新打开本页核对后再填。") % {"year": year, "month": month}])
    changed = 0
    for (peer_id, indicator), value in values.items():
        row = existing.get((peer_id, indicator))
        if value is None:
            if row is not None:
                stamp(row, user=user, reason=REASON)
                row.delete()
                changed += 1
            continue
        ytd, last_year, over = value
        if row is None:
            row = PeerFigure(peer_id=peer_id, year=year, month=month, indicator=indicator)
        last_year = row.last_year_ytd if last_year is KEEP else last_year
        over = row.over_1000 if over is KEEP else over
        if row.pk and (row.ytd, row.last_year_ytd, row.over_1000) == (ytd, last_year, over):
            continue
        if row.pk:
            row.version += 1
        row.ytd, row.last_year_ytd, row.over_1000 = ytd, last_year, over
        row.full_clean()
        stamp(row, user=user, reason=REASON)
        row.save()
        changed += 1
    return changed

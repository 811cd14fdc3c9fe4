"""The sheets after ``arrivals`` (INTERFACES.md §1), each a plain keyed table of one model: how its rows
are checked against the database, matched on their key, compared and written, exported, and which month
a row moves (for the locks). The importer, the checker, the writer and the exporter treat them alike:
adding a sheet is one :class:`KeyedSheet` here and its columns in ``workbook.columns``.

- ``figures`` — a unit's monthly reported figure (进出口、出口、外经营业额), keyed (unit, year, month, indicator);
- ``assessment`` — the year's scored indicators (考核办法), keyed (year, indicator);
- ``awards`` — the year's awards (奖励办法), keyed (year, name);
- ``peers`` — a neighbouring county's published figure (§6), keyed (name, year, month, indicator).
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext as _

from projects.models import PeerCounty, PeerFigure, ReportedFigure
from projects.services import locks
from targets.indicators import REPORTED_CODES
from targets.models import AssessmentRule, AwardRule
from units import periods
from units.models import Unit
from workbook.columns import KEYS, choice_label
from workbook.problems import Problems
from workbook.reader import Row


@dataclass
class Context:
    """What the checks and the writer know about the database and the file (from ``workbook.checks``)."""

    unit_codes: set[str]  # units in the database or in the file
    units_checkable: bool  # the file's units sheet has its code column (else references are not checked)
    units: dict[str, Unit] | None = None  # code → unit, once the units are written
    city_name: str | None = None  # the city's own name (not a peer of itself)
    city_codes: set[str] = field(default_factory=set)  # the city's code (its figures are its units' sum)


class KeyedSheet:
    name: ClassVar[str]
    model: ClassVar[type[models.Model]]
    fields: ClassVar[tuple[str, ...]]  # the value columns written to the model (attribute = column code)
    empty: ClassVar[dict[str, Any]] = {}  # what an empty optional cell means

    @property
    def key(self) -> tuple[str, ...]:
        return KEYS[self.name]

    def describe(self, key: tuple) -> str:
        return " ".join(str(part) for part in key)

    def check(self, row: Row, ctx: Context, problems: Problems) -> None:
        """Checks of one row against the database and the file (references, ranges)."""

    def existing(self, keys: set[tuple]) -> dict[tuple, models.Model]:
        raise NotImplementedError

    def new(self, key: tuple, ctx: Context) -> models.Model | None:
        """A new object for the key; None when what it depends on was left out (a conflict)."""
        raise NotImplementedError

    def depends_on(self, key: tuple) -> str:
        return str(key[0])

    def months(self, obj: models.Model) -> set[locks.UnitMonth] | None:
        """The unit-months a change of the row moves (for the locks); None when it moves no figure."""
        return None

    def export(self) -> Iterator[dict[str, Any]]:
        raise NotImplementedError

    def history_keys(self) -> set[tuple]:
        """The keys of rows the portal once had (its history), to tell a deleted row from a new one."""
        raise NotImplementedError


def _unit_ref(row: Row, ctx: Context, problems: Problems) -> None:
    if row.has("unit") and row.valid("unit") and ctx.units_checkable and row.get("unit") not in ctx.unit_codes:
        problems.add(row.sheet, row.number, row.columns["unit"], _("未知单位“%(code)s”。") % {"code": row.get("unit")})


def _month(row: Row, problems: Problems, *, field: str = "month", not_future: bool = True) -> None:
    month = row.get(field)
    if not (row.has(field) and row.valid(field) and isinstance(month, int)):
        return
    if not 1 <= month <= 12:
        problems.add(row.sheet, row.number, row.columns[field],
                     _("月份必须在1到12之间（实际为%(month)d）。") % {"month": month})
        return
    year = row.get("year")
    if not_future and row.valid("year") and isinstance(year, int) and periods.is_future(year, month):
        problems.add(row.sheet, row.number, row.columns[field],
                     _("%(year)d年%(month)d月还没有到，不能导入该月的数据。") % {"year": year, "month": month})


class Figures(KeyedSheet):
    name = "figures"
    model = ReportedFigure
    fields = ("amount",)

    def describe(self, key: tuple) -> str:
        return _("%(unit)s %(year)s年%(month)s月 %(indicator)s") % {
            "unit": key[0], "year": key[1], "month": key[2], "indicator": choice_label_indicator(key[3])}

    def check(self, row: Row, ctx: Context, problems: Problems) -> None:
        _unit_ref(row, ctx, problems)
        _month(row, problems)
        if row.has("unit") and row.valid("unit") and row.get("unit") in ctx.city_codes:
            problems.add(row.sheet, row.number, row.columns["unit"],
                         _("市本级的进出口、出口、外经营业额是各单位之和，不能直接填报，请填写各单位的数字。"))
        if row.has("indicator") and row.valid("indicator") and row.get("indicator") not in REPORTED_CODES:
            problems.add(row.sheet, row.number, row.columns["indicator"],
                         _("只有进出口总额、出口总额、外经营业额按月填报数字；%(indicator)s由项目和到帐计算，"
                           "请在项目、到帐记录表中填写。") % {"indicator": choice_label_indicator(row.get("indicator"))})

    def existing(self, keys: set[tuple]) -> dict[tuple, models.Model]:
        years = {key[1] for key in keys}
        return {(f.unit.code, f.year, f.month, f.indicator): f
                for f in ReportedFigure.objects.filter(year__in=years).select_related("unit")}

    def new(self, key: tuple, ctx: Context) -> models.Model | None:
        assert ctx.units is not None
        unit = ctx.units.get(key[0])
        if unit is None or unit.pk is None:
            return None
        return ReportedFigure(unit=unit, year=key[1], month=key[2], indicator=key[3])

    def months(self, obj: models.Model) -> set[locks.UnitMonth] | None:
        assert isinstance(obj, ReportedFigure)
        return {(obj.unit_id, obj.year, obj.month)}

    def export(self) -> Iterator[dict[str, Any]]:
        for f in ReportedFigure.objects.select_related("unit").order_by("year", "month", "unit__code", "indicator"):
            yield {"unit": f.unit.code, "year": f.year, "month": f.month, "indicator": f.indicator,
                   "amount": f.amount, "version": f.version}

    def history_keys(self) -> set[tuple]:
        codes = dict(Unit.history.values_list("id", "code").distinct())
        return {(codes.get(u, ""), y, m, i) for u, y, m, i in
                ReportedFigure.history.values_list("unit_id", "year", "month", "indicator").distinct()}


def choice_label_indicator(code: str) -> str:
    from targets.models import Indicator

    return choice_label(Indicator, code)


class Assessment(KeyedSheet):
    name = "assessment"
    model = AssessmentRule
    fields = ("weight", "method", "cap", "target_kind")
    empty = {"cap": Decimal(1), "target_kind": "assessment"}

    def describe(self, key: tuple) -> str:
        return _("%(year)s年 %(indicator)s") % {"year": key[0], "indicator": choice_label_indicator(key[1])}

    def check(self, row: Row, ctx: Context, problems: Problems) -> None:
        weight, cap = row.get("weight"), row.get("cap")
        if row.has("weight") and row.valid("weight") and weight is not None and not 0 < weight <= 1000:
            problems.add(row.sheet, row.number, row.columns["weight"], _("权重必须大于0且不超过1000分。"))
        if row.has("cap") and row.valid("cap") and cap is not None and not 0 < cap <= 10:
            problems.add(row.sheet, row.number, row.columns["cap"], _("封顶系数必须大于0且不超过10。"))

    def existing(self, keys: set[tuple]) -> dict[tuple, models.Model]:
        years = {key[0] for key in keys}
        return {(r.year, r.indicator): r for r in AssessmentRule.objects.filter(year__in=years)}

    def new(self, key: tuple, ctx: Context) -> models.Model | None:
        return AssessmentRule(year=key[0], indicator=key[1])

    def export(self) -> Iterator[dict[str, Any]]:
        for r in AssessmentRule.objects.order_by("year", "indicator"):
            yield {"year": r.year, "indicator": r.indicator, "weight": r.weight, "method": r.method, "cap": r.cap,
                   "target_kind": r.target_kind, "version": r.version}

    def history_keys(self) -> set[tuple]:
        return set(AssessmentRule.history.values_list("year", "indicator").distinct())


class Awards(KeyedSheet):
    name = "awards"
    model = AwardRule
    fields = ("indicator", "target_kind", "by_month")

    def describe(self, key: tuple) -> str:
        return _("%(year)s年 %(name)s") % {"year": key[0], "name": key[1]}

    def check(self, row: Row, ctx: Context, problems: Problems) -> None:
        _month(row, problems, field="by_month", not_future=False)

    def existing(self, keys: set[tuple]) -> dict[tuple, models.Model]:
        years = {key[0] for key in keys}
        return {(a.year, a.name): a for a in AwardRule.objects.filter(year__in=years)}

    def new(self, key: tuple, ctx: Context) -> models.Model | None:
        return AwardRule(year=key[0], name=key[1])

    def export(self) -> Iterator[dict[str, Any]]:
        for a in AwardRule.objects.order_by("year", "by_month", "name"):
            yield {"year": a.year, "name": a.name, "indicator": a.indicator, "target_kind": a.target_kind,
                   "by_month": a.by_month, "version": a.version}

    def history_keys(self) -> set[tuple]:
        return set(AwardRule.history.values_list("year", "name").distinct())


class Peers(KeyedSheet):
    """What the prefecture's 通报 published for a neighbouring county: a new name adds it to the list of
    peer counties (as a county; staff mark benchmarks such as 全省开发区平均 on the peers page)."""

    name = "peers"
    model = PeerFigure
    fields = ("ytd", "last_year_ytd", "over_1000")
    empty = {"last_year_ytd": None, "over_1000": None}

    def describe(self, key: tuple) -> str:
        return _("%(name)s %(year)s年%(month)s月 %(indicator)s") % {
            "name": key[0], "year": key[1], "month": key[2], "indicator": choice_label_indicator(key[3])}

    def check(self, row: Row, ctx: Context, problems: Problems) -> None:
        _month(row, problems)
        over = row.get("over_1000")
        if row.has("over_1000") and row.valid("over_1000") and over is not None and not 0 <= over <= 100000:
            problems.add(row.sheet, row.number, row.columns["over_1000"], _("项目个数必须是0或正整数。"))
        if row.has("name") and row.valid("name") and ctx.city_name and row.get("name") == ctx.city_name:
            problems.add(row.sheet, row.number, row.columns["name"],
                         _("“%(name)s”是本市：本市的数据由报表计算，不在兄弟县市表中填写。") % {"name": ctx.city_name})

    def existing(self, keys: set[tuple]) -> dict[tuple, models.Model]:
        years = {key[1] for key in keys}
        return {(f.peer.name, f.year, f.month, f.indicator): f
                for f in PeerFigure.objects.filter(year__in=years).select_related("peer")}

    def new(self, key: tuple, ctx: Context) -> models.Model | None:
        peer, _created = PeerCounty.objects.get_or_create(name=key[0])
        return PeerFigure(peer=peer, year=key[1], month=key[2], indicator=key[3])

    def export(self) -> Iterator[dict[str, Any]]:
        for f in PeerFigure.objects.select_related("peer").order_by("year", "month", "peer__sort_order", "peer__name",
                                                                   "indicator"):
            yield {"name": f.peer.name, "year": f.year, "month": f.month, "indicator": f.indicator, "ytd": f.ytd,
                   "last_year_ytd": f.last_year_ytd, "over_1000": f.over_1000, "version": f.version}

    def history_keys(self) -> set[tuple]:
        names = dict(PeerCounty.history.values_list("id", "name").distinct())
        return {(names.get(p, ""), y, m, i) for p, y, m, i in
                PeerFigure.history.values_list("peer_id", "year", "month", "indicator").distinct()}


KEYED_SHEETS: dict[str, KeyedSheet] = {sheet.name: sheet for sheet in (Figures(), Assessment(), Awards(), Peers())}

__all__ = ["KEYED_SHEETS", "Context", "KeyedSheet"]

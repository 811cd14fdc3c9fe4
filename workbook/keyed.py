"""The sheets after ``arrivals`` (INTERFACES.md §1), each a plain keyed table of one model: how its rows
are checked against the database, matched on their key, compared and written, exported, and which month
a row moves (for the locks). The importer, the checker, the writer and the exporter treat them alike:
adding a sheet is one :class:`KeyedSheet` here and its columns in ``workbook.columns``.

- ``figures`` — a unit's monthly reported figure (进出口、出口、外经营业额), keyed (unit, year, month, indicator);
- ``assessment`` — the year's scored indicators (考核办法), keyed (year, indicator);
- ``awards`` — the year's awards (奖励办法), keyed (year, name);
- ``activities`` — 招商活动 (trips, events, visits, salons), keyed code;
- ``milestones`` — a key project's 节点, keyed (project, name);
- ``problems`` — a key project's 困难问题, keyed (project, raised_on, description);
- ``peers`` — a neighbouring county's published figure (§6), keyed (name, year, month, indicator).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext as _

from projects.models import Activity, Milestone, PeerCounty, PeerFigure, Problem, Project, ReportedFigure
from projects.models.catalogues import INVISIBLE
from projects.services import locks
from targets.indicators import REPORTED_CODES
from targets.models import AssessmentRule, AwardRule
from units import periods, rules
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
    project_codes: set[str] = field(default_factory=set)  # projects in the database or in the file
    projects: dict[str, Project] | None = None  # code → project, once the projects are written


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

    def after_save(self, obj: models.Model, row: Row, ctx: Context) -> None:
        """What is written after the row's object exists (many-to-many references)."""


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
        if row.has("name") and row.valid("name") and INVISIBLE.search(row.get("name") or ""):
            problems.add(row.sheet, row.number, row.columns["name"], _("县市名称中不能有不可见字符。"))
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


def _project_ref(row: Row, ctx: Context, problems: Problems) -> None:
    if row.has("project") and row.valid("project") and row.get("project") not in ctx.project_codes:
        problems.add(row.sheet, row.number, row.columns["project"], _("未知项目“%(code)s”。") % {"code": row.get("project")})


def _project_of(key: tuple, ctx: Context) -> Project | None:
    project = (ctx.projects or {}).get(key[0]) or Project.objects.filter(code=key[0]).first()
    return project if project is not None and project.pk is not None else None


def _not_future(row: Row, problems: Problems, *fields: str) -> None:
    for name in fields:
        day = row.get(name)
        if row.has(name) and row.valid(name) and day is not None:
            try:
                rules.check_date(day)
            except rules.RuleError as error:
                problems.add(row.sheet, row.number, row.columns[name], str(error))


class MilestoneSheet(KeyedSheet):
    name = "milestones"
    model = Milestone
    fields = ("planned_on", "done_on")
    empty = {"done_on": None}

    def check(self, row: Row, ctx: Context, problems: Problems) -> None:
        _project_ref(row, ctx, problems)
        _not_future(row, problems, "done_on")

    def existing(self, keys: set[tuple]) -> dict[tuple, models.Model]:
        codes = {key[0] for key in keys}
        return {(m.project.code, m.name): m for m in Milestone.objects.filter(project__code__in=codes).select_related("project")}

    def new(self, key: tuple, ctx: Context) -> models.Model | None:
        project = _project_of(key, ctx)
        return None if project is None else Milestone(project=project, name=key[1])

    def export(self) -> Iterator[dict[str, Any]]:
        for m in Milestone.objects.select_related("project").order_by("project__code", "planned_on", "name"):
            yield {"project": m.project.code, "name": m.name, "planned_on": m.planned_on, "done_on": m.done_on,
                   "version": m.version}

    def history_keys(self) -> set[tuple]:
        codes = dict(Project.history.values_list("id", "code").distinct())
        return {(codes.get(p, ""), n) for p, n in Milestone.history.values_list("project_id", "name").distinct()}


class ProblemSheet(KeyedSheet):
    name = "problems"
    model = Problem
    fields = ("owner", "due_on", "resolved_on")
    empty = {"owner": "", "due_on": None, "resolved_on": None}

    def check(self, row: Row, ctx: Context, problems: Problems) -> None:
        _project_ref(row, ctx, problems)
        _not_future(row, problems, "raised_on", "resolved_on")
        raised, resolved = row.get("raised_on"), row.get("resolved_on")
        if raised and resolved and row.valid("raised_on", "resolved_on") and resolved < raised:
            problems.add(row.sheet, row.number, row.columns["resolved_on"], _("解决日期不能早于提出日期。"))

    def existing(self, keys: set[tuple]) -> dict[tuple, models.Model]:
        codes = {key[0] for key in keys}
        return {(p.project.code, p.raised_on, p.description): p
                for p in Problem.objects.filter(project__code__in=codes).select_related("project")}

    def new(self, key: tuple, ctx: Context) -> models.Model | None:
        project = _project_of(key, ctx)
        return None if project is None else Problem(project=project, raised_on=key[1], description=key[2])

    def export(self) -> Iterator[dict[str, Any]]:
        for p in Problem.objects.select_related("project").order_by("project__code", "raised_on", "pk"):
            yield {"project": p.project.code, "raised_on": p.raised_on, "description": p.description, "owner": p.owner,
                   "due_on": p.due_on, "resolved_on": p.resolved_on, "version": p.version}

    def history_keys(self) -> set[tuple]:
        codes = dict(Project.history.values_list("id", "code").distinct())
        return {(codes.get(p, ""), r, d) for p, r, d in
                Problem.history.values_list("project_id", "raised_on", "description").distinct()}


def _unit_codes(text: str | None) -> list[str]:
    return [c.strip() for c in re.split(r"[,，、;；\s]+", text or "") if c.strip()]


class ActivitySheet(KeyedSheet):
    name = "activities"
    model = Activity
    fields = ("kind", "date", "name", "leads", "quota_township", "quota_zone")
    empty = {"leads": 0, "quota_township": None, "quota_zone": None}

    def check(self, row: Row, ctx: Context, problems: Problems) -> None:
        _not_future(row, problems, "date")
        unknown = [c for c in _unit_codes(row.get("units")) if ctx.units_checkable and c not in ctx.unit_codes]
        if unknown and row.has("units"):
            problems.add(row.sheet, row.number, row.columns["units"],
                         _("未知单位“%(codes)s”（参加单位请填写单位代码，用逗号分隔）。") % {"codes": "、".join(unknown)})
        leads = row.get("leads")
        if row.has("leads") and row.valid("leads") and leads is not None and not 0 <= leads <= 1000000:
            problems.add(row.sheet, row.number, row.columns["leads"], _("客源条数必须是0或正整数。"))

    def existing(self, keys: set[tuple]) -> dict[tuple, models.Model]:
        return {(a.code,): a for a in Activity.objects.filter(code__in=[k[0] for k in keys])}

    def new(self, key: tuple, ctx: Context) -> models.Model | None:
        return Activity(code=key[0])

    def after_save(self, obj: models.Model, row: Row, ctx: Context) -> None:
        assert isinstance(obj, Activity)
        if obj.pk is None or not row.has("units") or ctx.units is None:
            return
        wanted = {ctx.units[c].pk for c in _unit_codes(row.get("units")) if c in ctx.units and ctx.units[c].pk}
        if set(obj.units.values_list("pk", flat=True)) != wanted:
            obj.units.set(wanted)

    def export(self) -> Iterator[dict[str, Any]]:
        for a in Activity.objects.prefetch_related("units").order_by("date", "code"):
            yield {"code": a.code, "kind": a.kind, "date": a.date, "name": a.name,
                   "units": ",".join(u.code for u in sorted(a.units.all(), key=lambda u: (u.sort_order, u.code))),
                   "leads": a.leads, "quota_township": a.quota_township, "quota_zone": a.quota_zone,
                   "version": a.version}

    def history_keys(self) -> set[tuple]:
        return {(c,) for c in Activity.history.values_list("code", flat=True).distinct()}


KEYED_SHEETS: dict[str, KeyedSheet] = {sheet.name: sheet for sheet in (
    Figures(), Assessment(), Awards(), ActivitySheet(), MilestoneSheet(), ProblemSheet(), Peers())}

__all__ = ["KEYED_SHEETS", "Context", "KeyedSheet"]

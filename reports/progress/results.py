"""The progress report's results: typed rows for units, groups and the large projects, and their JSON
(INTERFACES.md §2). Figures are Decimals (amounts in 万美元, percentages in % to 0.01).

Every indicator of ``targets.indicators`` has the same block (``IndicatorFigures``); a unit or a group
holds one per indicator in ``figures`` and answers ``row.registered_fdi``, ``row.trade_total`` … for each.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from reports.completeness import Completeness, SubmissionState
from targets.indicators import CODES, FDI, INDICATORS, TARGET_KINDS, IndicatorSpec, spec
from targets.models import TargetKind
from units.models import Unit

if TYPE_CHECKING:
    from reports.progress.peers import PeerTable

TARGET_KIND_LABELS = dict(TargetKind.choices)
TARGET_KIND_SHORT = {"assessment": _("考核"), "stretch": _("加压"), "doubling": _("翻番")}


@dataclass(frozen=True)
class IndicatorFigures:
    """One unit's figures for one indicator, cumulative 1–M月. Amounts in 万美元, percentages in %.

    Each figure exists for the three target kinds (assessment 考核, stretch 加压, doubling 翻番); ``pct()``,
    ``gap()``, ``rank()``, ``done()``… take the kind. Done for the year means the amount is reached
    (YTD ≥ target), not a rounded percentage."""

    ytd: Decimal
    last_year_ytd: Decimal
    yoy_pct: Decimal | None
    share_pct: Decimal | None
    assessment_target: Decimal | None
    stretch_target: Decimal | None
    doubling_target: Decimal | None
    assessment_pct: Decimal | None
    stretch_pct: Decimal | None
    doubling_pct: Decimal | None
    assessment_gap_pp: Decimal | None
    stretch_gap_pp: Decimal | None
    doubling_gap_pp: Decimal | None
    rank_in_kind: int | None  # by assessment completion (INTERFACES.md §2)
    rank_stretch: int | None
    rank_doubling: int | None
    on_schedule_assessment: bool
    on_schedule_stretch: bool
    on_schedule_doubling: bool
    done_assessment: bool
    done_stretch: bool
    done_doubling: bool
    last_month_ytd: Decimal
    # The pace, 万美元 a month (the JSON gives it for paid-in FDI; the pages use it for "what it takes").
    carry_over: Decimal = Decimal(0)
    monthly_avg: Decimal = Decimal(0)
    required_monthly_assessment: Decimal | None = None
    required_monthly_stretch: Decimal | None = None
    required_monthly_doubling: Decimal | None = None
    monthly_shortfall_assessment: Decimal | None = None
    monthly_shortfall_stretch: Decimal | None = None
    monthly_shortfall_doubling: Decimal | None = None
    catch_up_monthly_assessment: Decimal | None = None
    catch_up_monthly_stretch: Decimal | None = None
    catch_up_monthly_doubling: Decimal | None = None
    # What it takes (要完成需要什么): the year at the current pace, whether it reaches each target, and the
    # rank in the kind that reaching it would give (``reports.formulas``).
    projected_ytd: Decimal = Decimal(0)
    on_course_assessment: bool | None = None
    on_course_stretch: bool | None = None
    on_course_doubling: bool | None = None
    rank_if_reached_assessment: int | None = None
    rank_if_reached_stretch: int | None = None
    rank_if_reached_doubling: int | None = None
    # A reported indicator: whether the unit itself reported month M (0 is a report); None for the others.
    reported_this_month: bool | None = None

    def target(self, kind: str) -> Decimal | None:
        return getattr(self, f"{kind}_target")

    def pct(self, kind: str) -> Decimal | None:
        return getattr(self, f"{kind}_pct")

    def gap(self, kind: str) -> Decimal | None:
        return getattr(self, f"{kind}_gap_pp")

    def rank(self, kind: str) -> int | None:
        return self.rank_in_kind if kind == "assessment" else getattr(self, f"rank_{kind}")

    def on_schedule(self, kind: str) -> bool:
        return getattr(self, f"on_schedule_{kind}")

    def done(self, kind: str) -> bool:
        return getattr(self, f"done_{kind}")

    def required(self, kind: str) -> Decimal | None:
        return getattr(self, f"required_monthly_{kind}")

    def catch_up(self, kind: str) -> Decimal | None:
        return getattr(self, f"catch_up_monthly_{kind}")

    @property
    def has_any_target(self) -> bool:
        return any(self.target(k) is not None for k in TARGET_KINDS)

    def of_kind(self, kind: str) -> KindFigures:
        return KindFigures(
            kind=kind, label=str(TARGET_KIND_LABELS[kind]), short=str(TARGET_KIND_SHORT[kind]),
            target=self.target(kind), pct=self.pct(kind), gap=self.gap(kind), rank=self.rank(kind),
            on_schedule=self.on_schedule(kind), done=self.done(kind), required=self.required(kind),
            shortfall=getattr(self, f"monthly_shortfall_{kind}"), catch_up=self.catch_up(kind),
            on_course=getattr(self, f"on_course_{kind}"), rank_if_reached=getattr(self, f"rank_if_reached_{kind}"),
        )

    @property
    def set_kinds(self) -> list[KindFigures]:
        """The target kinds this unit has for the indicator (考核 and 加压 when it has none: shown as —)."""
        kinds = [self.of_kind(k) for k in TARGET_KINDS if self.target(k) is not None]
        return kinds or [self.of_kind(k) for k in ("assessment", "stretch")]

    @property
    def kinds(self) -> list[KindFigures]:
        """The figures of every target kind (for templates, which cannot pass arguments)."""
        return [self.of_kind(k) for k in TARGET_KINDS]


@dataclass(frozen=True)
class KindFigures:
    """One indicator's figures against one target kind (考核 / 加压 / 翻番)."""

    kind: str
    label: str  # 考核目标
    short: str  # 考核
    target: Decimal | None
    pct: Decimal | None
    gap: Decimal | None
    rank: int | None
    on_schedule: bool
    done: bool
    required: Decimal | None
    shortfall: Decimal | None
    catch_up: Decimal | None
    on_course: bool | None
    rank_if_reached: int | None


PaidInFigures = IndicatorFigures  # paid-in FDI's block is an indicator block like every other

PACE_KEYS = ("carry_over", "monthly_avg", *(f"{name}_{k}" for name in ("required_monthly", "monthly_shortfall",
                                                                         "catch_up_monthly") for k in TARGET_KINDS))
INTERNAL_KEYS = ("rank_stretch", "rank_doubling", "last_month_ytd", "projected_ytd", "reported_this_month",
                 *(f"{name}_{k}" for name in ("on_schedule", "done", "on_course", "rank_if_reached")
                   for k in TARGET_KINDS))
BLOCK_KEYS = tuple(f.name for f in fields(IndicatorFigures) if f.name not in INTERNAL_KEYS and f.name not in PACE_KEYS)


def _block_json(code: str, figures: IndicatorFigures) -> dict[str, Any]:
    keys = BLOCK_KEYS + (PACE_KEYS if spec(code).has_pace else ())
    return {key: _jsonable(getattr(figures, key)) for key in keys}


class _ByIndicator:
    """``row.<indicator code>`` reads ``row.figures``."""

    figures: dict[str, Any]

    def __getattr__(self, name: str) -> Any:
        if name in CODES and name in self.__dict__.get("figures", {}):
            return self.__dict__["figures"][name]
        raise AttributeError(name)

    def figure(self, code: str) -> Any:
        return self.figures[code]


@dataclass(frozen=True)
class UnitRow(_ByIndicator):
    id: int
    code: str
    name: str
    kind: str
    parent: str | None
    double_blank: bool
    figures: dict[str, IndicatorFigures]
    submission: SubmissionState | None = None  # the month's report of the unit; None for the city

    @property
    def registered_fdi(self) -> IndicatorFigures:
        return self.figures["registered_fdi"]

    @property
    def paid_in_fdi(self) -> IndicatorFigures:
        return self.figures["paid_in_fdi"]

    @property
    def has_targets(self) -> bool:
        return any(f.has_any_target for f in self.figures.values())

    @property
    def indicators(self) -> list[tuple[str, tuple[str, IndicatorFigures]]]:
        """(label, (code, figures)) of the FDI indicators and of each reported one the unit has a target
        or a figure for, in the registry's order (for templates)."""
        return [(str(s.label), (s.code, self.figures[s.code])) for s in INDICATORS
                if s.code in FDI or self.figures[s.code].has_any_target or self.figures[s.code].ytd]


@dataclass(frozen=True)
class GroupIndicator:
    ytd: Decimal
    last_year_ytd: Decimal
    yoy_pct: Decimal | None
    share_pct: Decimal | None
    on_schedule: dict[str, int]
    on_schedule_change: dict[str, int | None]
    done_for_year: dict[str, int]
    carry_over: Decimal | None = None


@dataclass(frozen=True)
class GroupRow(_ByIndicator):
    kind: str
    units: int
    double_blank: int
    figures: dict[str, GroupIndicator]

    @property
    def registered_fdi(self) -> GroupIndicator:
        return self.figures["registered_fdi"]

    @property
    def paid_in_fdi(self) -> GroupIndicator:
        return self.figures["paid_in_fdi"]

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "units": self.units, "double_blank": self.double_blank}
        for code, g in self.figures.items():
            block = {"ytd": g.ytd, "last_year_ytd": g.last_year_ytd, "yoy_pct": g.yoy_pct, "share_pct": g.share_pct,
                     "on_schedule": g.on_schedule, "on_schedule_change": g.on_schedule_change,
                     "done_for_year": g.done_for_year}
            if spec(code).has_pace:
                block["carry_over"] = g.carry_over
            data[code] = _jsonable(block)
        return data


@dataclass(frozen=True)
class LargeProjects:
    over_1000: int
    over_10000: int
    negotiating_over_1000: int


@dataclass(frozen=True)
class ProgressReport:
    year: int
    month: int
    schedule_pct: Decimal
    last_month_schedule_pct: Decimal | None
    units: list[UnitRow]
    groups: list[GroupRow]
    large_projects: LargeProjects
    completeness: Completeness | None = None
    peers: dict[str, PeerTable] = field(default_factory=dict)  # §6, by indicator (``reports.peers``)
    # What "比上月" compared with: the number of the previous month's latest published edition, or None
    # (the previous month computed now); and each unit's ranks as that comparison had them.
    previous_edition: int | None = None
    previous_ranks: dict[str, dict[str, dict[str, int | None]]] = field(default_factory=dict, repr=False)
    _by_code: dict[str, UnitRow] = field(default_factory=dict, repr=False, compare=False)

    @property
    def city(self) -> UnitRow:
        return next(u for u in self.units if u.kind == Unit.Kind.CITY)

    def unit(self, code: str) -> UnitRow:
        if not self._by_code:
            self._by_code.update({u.code: u for u in self.units})
        return self._by_code[code]

    def group(self, kind: str) -> GroupRow | None:
        return next((g for g in self.groups if g.kind == kind), None)

    def units_of_kind(self, kind: str) -> list[UnitRow]:
        return [u for u in self.units if u.kind == kind]

    @property
    def has_targets(self) -> bool:
        """Whether any unit has a target this year: without one, counts such as 双空白 mean nothing yet."""
        return any(f.has_any_target for u in self.units for f in u.figures.values())

    @cached_property
    def target_kinds(self) -> tuple[str, ...]:
        """The target kinds the pages show: 考核 and 加压 always, 翻番 once any unit has a doubling target."""
        used = {k for u in self.units for f in u.figures.values() for k in TARGET_KINDS if f.target(k) is not None}
        return tuple(k for k in TARGET_KINDS if k in ("assessment", "stretch") or k in used)

    @cached_property
    def indicators(self) -> tuple[IndicatorSpec, ...]:
        """The indicators the pages show, in the registry's order: the FDI two, and each reported one in use."""
        return tuple(s for s in INDICATORS if self.active(s.code))

    def active(self, code: str) -> bool:
        """Whether the city has a target or a figure of this indicator in the period (the FDI two always):
        pages and the briefing leave out a trade, 外经 or 嫁接引资 indicator nobody uses."""
        city = self.city.figures[code]
        return code in FDI or city.has_any_target or bool(city.ytd or city.last_year_ytd) or any(
            u.figures[code].has_any_target for u in self.units)

    def as_json(self) -> dict[str, Any]:
        """The JSON of INTERFACES.md §2 (numbers as JSON numbers, Decimals to 0.01)."""
        return {
            "year": self.year,
            "month": self.month,
            "schedule_pct": _num(self.schedule_pct),
            "units": [_unit_json(u) for u in self.units],
            "groups": [g.as_json() for g in self.groups],
            "large_projects": {"over_1000": self.large_projects.over_1000,
                               "over_10000": self.large_projects.over_10000,
                               "negotiating_over_1000": self.large_projects.negotiating_over_1000},
            "completeness": self.completeness.as_json() if self.completeness else None,
            "edition": None,
            "peers": {code: table.as_json() for code, table in self.peers.items()},
        }


def _unit_json(u: UnitRow) -> dict[str, Any]:
    data: dict[str, Any] = {"code": u.code, "name": u.name, "kind": u.kind, "parent": u.parent,
                            "double_blank": u.double_blank}
    for code, figures in u.figures.items():
        data[code] = _block_json(code, figures)
    data["submission"] = u.submission.as_json() if u.submission else None
    return data


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value

"""The progress report's results: typed rows for units, groups and the large projects, and their JSON
(INTERFACES.md §2). Figures are Decimals (amounts in 万美元, percentages in % to 0.01)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from reports.completeness import Completeness, SubmissionState
from units.models import Unit


@dataclass(frozen=True)
class IndicatorFigures:
    """One unit's figures for one indicator, cumulative 1–M月. Amounts in 万美元, percentages in %."""

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
    rank_in_kind: int | None
    on_schedule_assessment: bool
    on_schedule_stretch: bool
    done_assessment: bool
    done_stretch: bool
    last_month_ytd: Decimal


@dataclass(frozen=True)
class PaidInFigures(IndicatorFigures):
    """Paid-in adds the pace figures: monthly arrival, required and catch-up rates (万美元 a month)."""

    carry_over: Decimal = Decimal(0)
    monthly_avg: Decimal = Decimal(0)
    required_monthly_assessment: Decimal | None = None
    required_monthly_stretch: Decimal | None = None
    monthly_shortfall_assessment: Decimal | None = None
    monthly_shortfall_stretch: Decimal | None = None
    catch_up_monthly_assessment: Decimal | None = None
    catch_up_monthly_stretch: Decimal | None = None


@dataclass(frozen=True)
class UnitRow:
    id: int
    code: str
    name: str
    kind: str
    parent: str | None
    double_blank: bool
    registered_fdi: IndicatorFigures
    paid_in_fdi: PaidInFigures
    submission: SubmissionState | None = None  # the month's report of the unit; None for the city

    @property
    def indicators(self) -> list[tuple[str, tuple[str, IndicatorFigures]]]:
        """(label, (code, figures)) of each indicator, in the speeches' order (for templates)."""
        from targets.models import Indicator

        return [(str(Indicator(code).label), (code, getattr(self, code))) for code in ("registered_fdi", "paid_in_fdi")]


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
class GroupRow:
    kind: str
    units: int
    double_blank: int
    registered_fdi: GroupIndicator
    paid_in_fdi: GroupIndicator


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
    # What "比上月" compared with: the number of the previous month's latest published edition, or None
    # (the previous month computed now); and each unit's ranks as that comparison had them.
    previous_edition: int | None = None
    previous_ranks: dict[str, dict[str, int | None]] = field(default_factory=dict, repr=False)
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
        return any(
            getattr(u, key).assessment_target is not None or getattr(u, key).stretch_target is not None
            or getattr(u, key).doubling_target is not None
            for u in self.units for key in ("registered_fdi", "paid_in_fdi"))

    def as_json(self) -> dict[str, Any]:
        """The JSON of INTERFACES.md §2 (numbers as JSON numbers, Decimals to 0.01)."""
        return {
            "year": self.year,
            "month": self.month,
            "schedule_pct": _num(self.schedule_pct),
            "units": [_unit_json(u) for u in self.units],
            "groups": [_jsonable(asdict(g)) for g in self.groups],
            "large_projects": asdict(self.large_projects),
            "completeness": self.completeness.as_json() if self.completeness else None,
            "edition": None,
            "peers": {},
        }


_INTERNAL_UNIT_KEYS = {
    "on_schedule_assessment", "on_schedule_stretch", "done_assessment", "done_stretch", "last_month_ytd",
}


def _unit_json(u: UnitRow) -> dict[str, Any]:
    data: dict[str, Any] = {"code": u.code, "name": u.name, "kind": u.kind, "parent": u.parent,
                            "double_blank": u.double_blank}
    for key in ("registered_fdi", "paid_in_fdi"):
        figures = asdict(getattr(u, key))
        data[key] = _jsonable({k: v for k, v in figures.items() if k not in _INTERNAL_UNIT_KEYS})
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

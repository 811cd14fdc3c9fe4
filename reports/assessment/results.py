"""The scores' and awards' results and their JSON (INTERFACES.md §5), and a score written out."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from reports.progress import IndicatorFigures
from targets.indicators import spec
from targets.models import AssessmentRule, AwardRule, TargetKind


@dataclass(frozen=True)
class RuleSummary:
    indicator: str
    label: str
    weight: Decimal
    method: str
    method_label: str
    cap: Decimal
    target_kind: str
    target_label: str

    @classmethod
    def of(cls, rule: AssessmentRule) -> RuleSummary:
        return cls(indicator=rule.indicator, label=str(spec(rule.indicator).label), weight=rule.weight,
                   method=rule.method, method_label=str(rule.get_method_display()), cap=rule.cap,
                   target_kind=rule.target_kind, target_label=str(TargetKind(rule.target_kind).label))

    def as_formula(self) -> str:
        """The rule in words: "权重25分，按完成考核目标的比例计分（最高按120%计）"."""
        if self.method == AssessmentRule.Method.RATIO:
            return _("权重%(w)s分，得分 = 权重 × min(%(cap)s, 完成%(k)s的比例)") % {
                "w": _n(self.weight), "cap": _n(self.cap), "k": self.target_label}
        return _("权重%(w)s分，功效系数法：得分 = 权重 × (0.6 + 0.4 × (完成率 − 同类最低) ÷ (同类最高 − 同类最低))，"
                 "按完成%(k)s计") % {"w": _n(self.weight), "k": self.target_label}


@dataclass(frozen=True)
class UnitScore:
    id: int
    code: str
    name: str
    kind: str
    points: dict[str, Decimal | None]  # rule indicator → points (None: the unit has no such target)
    total: Decimal
    rank_in_kind: int | None
    # per rule: the lowest and highest completion (%) of the unit's kind among units with that target
    bounds: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)

    def with_rank(self, rank: int | None) -> UnitScore:
        return replace(self, rank_in_kind=rank)

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "kind": self.kind,
                "points": {k: _num(v) for k, v in self.points.items()}, "total": float(self.total),
                "rank_in_kind": self.rank_in_kind}


@dataclass(frozen=True)
class AwardUnit:
    code: str
    name: str
    kind: str
    target: Decimal
    ytd: Decimal
    reached_month: int | None

    @classmethod
    def of(cls, row: dict[str, Any], *, reached_month: int | None) -> AwardUnit:
        from reports.progress.mapping import amount

        return cls(code=row["code"], name=row["name"], kind=row["kind"], target=amount(row["amount"]),
                   ytd=amount(row["ytd"]), reached_month=reached_month)

    @property
    def remaining(self) -> Decimal:
        return max(self.target - self.ytd, Decimal(0))

    @property
    def pct(self) -> Decimal:
        return (100 * self.ytd / self.target).quantize(Decimal("0.01")) if self.target else Decimal(0)


@dataclass(frozen=True)
class AwardResult:
    rule: AwardRule
    units: list[AwardUnit]  # qualified, by the month they crossed the line
    close: list[AwardUnit]  # not there yet, within 10 % with months left
    month: int

    @property
    def decided(self) -> bool:
        """Whether the award's deadline has passed in the period (no one else can qualify)."""
        return self.month >= self.rule.by_month

    def as_json(self) -> dict[str, Any]:
        return {"name": self.rule.name, "indicator": self.rule.indicator, "target_kind": self.rule.target_kind,
                "by_month": self.rule.by_month,
                "units": [{"code": u.code, "reached_month": u.reached_month} for u in self.units]}


@dataclass(frozen=True)
class AssessmentReport:
    year: int
    month: int
    schedule_pct: Decimal
    rules: list[RuleSummary]
    units: list[UnitScore]
    awards: list[AwardResult]

    def of_kind(self, kind: str) -> list[UnitScore]:
        """The kind's units, best total first (ties in the unit order), unranked last."""
        units = [u for u in self.units if u.kind == kind]
        return sorted(units, key=lambda u: (u.rank_in_kind is None, u.rank_in_kind or 0))

    def unit(self, code: str) -> UnitScore:
        return next(u for u in self.units if u.code == code)

    def as_json(self) -> dict[str, Any]:
        return {"year": self.year, "month": self.month, "units": [u.as_json() for u in self.units],
                "awards": [a.as_json() for a in self.awards]}


def explain(rule: RuleSummary, figures: IndicatorFigures, points: Decimal | None,
            bounds: tuple[Decimal, Decimal] | None = None) -> str:
    """One score written out with the unit's numbers: "18.75 = 25 × min(1.2, 75.00%)", or for the
    efficacy method "13.20 = 15 × (0.6 + 0.4 × (75.00 − 40.00) ÷ (90.00 − 40.00))"; why it is empty."""
    pct = figures.pct(rule.target_kind)
    if points is None or pct is None:
        return _("没有%(k)s（或为零），这一项不计分。") % {"k": rule.target_label}
    if rule.method == AssessmentRule.Method.RATIO:
        return _("%(p)s = %(w)s × min(%(cap)s, %(x)s%%)") % {
            "p": _n(points, 2), "w": _n(rule.weight), "cap": _n(rule.cap), "x": _n(pct, 2)}
    if bounds is None or bounds[0] == bounds[1]:
        return _("%(p)s = %(w)s（同类单位完成率相同，按满分计）") % {"p": _n(points, 2), "w": _n(rule.weight)}
    low, high = bounds
    return _("%(p)s = %(w)s × (0.6 + 0.4 × (%(x)s − %(lo)s) ÷ (%(hi)s − %(lo)s))") % {
        "p": _n(points, 2), "w": _n(rule.weight), "x": _n(pct, 2), "lo": _n(low, 2), "hi": _n(high, 2)}


def _n(value: Decimal, places: int | None = None) -> str:
    if places is None:  # a weight or a cap as it was typed: 25, 1.2
        text = f"{value:f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return number_format(value, places, use_l10n=False)


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)

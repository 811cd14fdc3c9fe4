"""The dashboards' choices: the period (year, month) and, for the rankings, kind / indicator / target kind.

The figures come from the progress report (a list of rows, not a queryset), so the ranking filter is a
plain FilterSet used for its form — cleaning, Chinese labels, the rendered widgets — and ``apply`` narrows
the report's rows.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import BadRequest
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reports.progress import UnitRow
from targets.models import Indicator, TargetKind
from units import periods
from units.models import Unit

KIND_CHOICES = [
    (Unit.Kind.TOWNSHIP.value, Unit.Kind.TOWNSHIP.label),
    (Unit.Kind.DEPARTMENT.value, Unit.Kind.DEPARTMENT.label),
    (Unit.Kind.DEVELOPMENT_ZONE.value, Unit.Kind.DEVELOPMENT_ZONE.label),
]
INDICATOR_CHOICES = list(Indicator.choices)  # every indicator of INTERFACES.md §0
TARGET_KIND_CHOICES = list(TargetKind.choices)  # 考核 / 加压 / 翻番
# Lazy, so that each request shows the month in its own language (built at import, it stayed Chinese).
MONTH_CHOICES = [(m, lazy(periods.month_label, str)(m)) for m in range(1, 13)]


class PeriodForm(forms.Form):
    """截至年月: the report covers January through this month. Messages are the engine's own.

    ``default`` is called only when no valid period was asked for (it costs queries: the latest month
    with data)."""

    year = forms.IntegerField(label=_("年度"), widget=forms.NumberInput(attrs={"min": periods.YEAR_MIN, "max": periods.YEAR_MAX, "step": 1}))
    month = forms.TypedChoiceField(label=_("截至月份"), choices=MONTH_CHOICES, coerce=int)

    def __init__(self, data: Any = None, *, default: Callable[[], tuple[int, int]], **kwargs) -> None:
        # Only the period's own keys count: ?kind=… alone still shows the default period.
        asked = data is not None and ("year" in data or "month" in data)
        if asked:
            data = {"year": data.get("year", ""), "month": data.get("month", "")}
        super().__init__(data if asked else None, **kwargs)
        self._default = default

    def clean(self) -> dict[str, Any]:
        # The engine's parser has the Chinese wording every page uses (月份必须是1到12之间的整数。…).
        try:
            year, month = periods.parse_period(self.data.get("year"), self.data.get("month"))
        except periods.PeriodError as error:
            self.errors.pop("year", None)
            self.errors.pop("month", None)
            raise forms.ValidationError(str(error)) from None
        self.errors.pop("year", None)
        self.errors.pop("month", None)
        return {"year": year, "month": month}

    def period(self) -> tuple[int, int]:
        """The period asked for when valid; otherwise (or when nothing was asked) the default, which the
        form then shows."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["year"], self.cleaned_data["month"]
        year, month = self._default()
        if not self.is_bound:
            self.initial = {"year": year, "month": month}
        return year, month


@dataclass(frozen=True)
class RankingChoice:
    kind: str
    indicator: str
    target_kind: str

    @property
    def kind_label(self) -> str:
        return str(dict(KIND_CHOICES)[self.kind])

    @property
    def indicator_label(self) -> str:
        return str(dict(INDICATOR_CHOICES)[self.indicator])

    @property
    def target_kind_label(self) -> str:
        return str(dict(TARGET_KIND_CHOICES)[self.target_kind])


class RankingFilter(django_filters.FilterSet):
    """单位类别 / 指标 / 目标类别 of the rankings; every field has a default, so nothing is ever blank."""

    kind = django_filters.ChoiceFilter(label=_("单位类别"), choices=KIND_CHOICES, empty_label=None)
    indicator = django_filters.ChoiceFilter(label=_("指标"), choices=INDICATOR_CHOICES, empty_label=None)
    target_kind = django_filters.ChoiceFilter(label=_("目标类别"), choices=TARGET_KIND_CHOICES, empty_label=None)

    DEFAULTS = {"kind": Unit.Kind.TOWNSHIP.value, "indicator": Indicator.REGISTERED_FDI.value,
                "target_kind": TargetKind.ASSESSMENT.value}

    class Meta:
        model = Unit
        fields: list[str] = []

    def __init__(self, data: Any = None, *args, **kwargs) -> None:
        # Missing choices take their default, so the form shows what the table shows.
        merged = dict(self.DEFAULTS)
        if data is not None:
            merged.update({k: data.get(k) for k in self.DEFAULTS if data.get(k)})
        # 上级单位 (a province: the townships of one county): a unit code, every unit under it
        self.parent = str(data.get("parent") or "").strip()[:32] if data is not None else ""
        kwargs.setdefault("queryset", Unit.objects.none())
        super().__init__(merged, *args, **kwargs)

    @property
    def choice(self) -> RankingChoice:
        """The chosen kind, indicator and target kind (defaults where not given); BadRequest naming the
        unknown value (?kind=city) otherwise."""
        if not self.form.is_valid():
            field, errors = next(iter(self.form.errors.items()))
            raise BadRequest(gettext("参数“%(field)s”的值无效：%(errors)s")
                             % {"field": field, "errors": " ".join(str(e) for e in errors)})
        cleaned = self.form.cleaned_data
        return RankingChoice(**{k: cleaned.get(k) or default for k, default in self.DEFAULTS.items()})

    def apply(self, units: list[UnitRow]) -> list[UnitRow]:
        """The report's units of the chosen kind, in the report's order."""
        kind = self.choice.kind
        chosen = [u for u in units if u.kind == kind]
        if not self.parent:
            return chosen
        parent_of = {u.code: u.parent for u in units}
        if self.parent not in parent_of:
            raise BadRequest(gettext("参数“parent”的值无效：没有代码为“%(code)s”的单位。") % {"code": self.parent})

        def under(code: str | None) -> bool:
            seen = set()
            while code and code not in seen:
                if code == self.parent:
                    return True
                seen.add(code)
                code = parent_of.get(code)
            return False

        return [u for u in chosen if under(u.parent)]

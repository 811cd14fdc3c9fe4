"""Forms of a year's targets: the year selector and the targets grid."""
from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from targets.models import YearSetting
from targets.services import GRID_COLUMNS, CellKey, cell_label, target_amount_problems
from units import periods, rules
from units.models import Unit


class YearForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=periods.YEAR_MIN, max_value=periods.YEAR_MAX)


def year_from(data, *, required: bool = False) -> int:
    """The year asked for (?year=Y), the current year when none is (``required``: a form posted without its
    year is refused, never saved to this year); BadRequest (Chinese) for a bad one."""
    if not data.get("year"):
        if required:
            raise BadRequest(_("请求缺少年度，请重新打开本页后再保存。"))
        return periods.current_period()[0]
    try:
        return periods.parse_year(data["year"])
    except periods.PeriodError as error:
        raise BadRequest(str(error)) from None


def amount_field_name(unit_id: int, indicator: str, kind: str) -> str:
    return "t-%d-%s-%s" % (unit_id, indicator, kind)


def version_field_name(unit_id: int, indicator: str, kind: str) -> str:
    return "v-%d-%s-%s" % (unit_id, indicator, kind)


class TargetGridForm:
    """The whole year's grid as posted: one amount and one seen-version per unit × column.

    Not a django.forms.Form: its fields are the units of the day, and its errors are whole sentences
    naming the unit and the column, listed above the grid.
    """

    def __init__(self, units: list[Unit], data=None, current: dict[CellKey, Decimal] | None = None):
        self.units = units
        self.data = data
        self.current = current or {}
        self.amounts: dict[CellKey, Decimal | None] = {}
        self.versions: dict[CellKey, int | None] = {}
        self.errors: list[str] = []

    def is_valid(self) -> bool:
        units_by_id = {u.pk: u for u in self.units}
        for unit in self.units:
            for indicator, kind in GRID_COLUMNS:
                key = (unit.pk, indicator, kind)
                name = amount_field_name(*key)
                if name not in self.data:
                    continue  # a unit added after the page was drawn: leave its targets alone
                raw = self.data.get(name, "")
                try:
                    self.amounts[key] = rules.parse_amount(raw)
                except rules.RuleError as error:
                    self.errors.append(
                        _("%(cell)s：%(problem)s") % {"cell": cell_label(unit, indicator, kind), "problem": error}
                    )
                seen = self.data.get(version_field_name(*key), "").strip()
                self.versions[key] = int(seen) if rules.is_number(seen, 9) else None
        # Cross-cell problems (stretch below assessment) of the cells that did parse are listed too: one
        # round trip shows everything.
        self.errors += target_amount_problems(self.amounts, units_by_id, current=self.current)
        return not self.errors


class YearSettingForm(forms.ModelForm):
    """What the bureau sets for a year beside its targets."""

    class Meta:
        model = YearSetting
        fields = ["deadline_day", "gdp", "exchange_rate", "national_dependence", "provincial_dependence"]
        widgets = {"deadline_day": forms.NumberInput(attrs={"min": 1, "max": 28}),
                   **{name: forms.TextInput(attrs={"inputmode": "decimal", "size": 12})
                      for name in ("gdp", "exchange_rate", "national_dependence", "provincial_dependence")}}

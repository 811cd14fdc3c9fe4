"""Forms of the investment bureau's desk: the year selector, the targets grid, locks and the workbook upload."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from targets.services import GRID_COLUMNS, CellKey, cell_label, target_amount_problems
from units.models import Unit

MIN_YEAR, MAX_YEAR = 1990, 2100


class YearForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=MIN_YEAR, max_value=MAX_YEAR)


def amount_field_name(unit_id: int, indicator: str, kind: str) -> str:
    return "t-%d-%s-%s" % (unit_id, indicator, kind)


def version_field_name(unit_id: int, indicator: str, kind: str) -> str:
    return "v-%d-%s-%s" % (unit_id, indicator, kind)


def parse_amount(text: str) -> Decimal | None:
    """'' → None (no target); '1,200.5' → Decimal('1200.5'); raises ValueError on anything else."""
    text = text.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():  # 'NaN', 'Infinity' parse as Decimals but are no amounts
        raise ValueError(text)
    return value


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
                    self.amounts[key] = parse_amount(raw)
                except ValueError:
                    self.errors.append(
                        _("%(cell)s：“%(text)s”不是数字。") % {"cell": cell_label(unit, indicator, kind), "text": raw}
                    )
                seen = self.data.get(version_field_name(*key), "").strip()
                self.versions[key] = int(seen) if seen.isdigit() else None
        # Range problems of the cells that did parse are listed too: one round trip shows everything.
        self.errors += target_amount_problems(self.amounts, units_by_id, current=self.current)
        return not self.errors


class LockForm(forms.Form):
    """Lock or unlock one unit's month, or lock a month for every unit (no unit given)."""

    ACTIONS = [("lock", gettext_lazy("锁定")), ("unlock", gettext_lazy("解锁")), ("lock_month", gettext_lazy("锁定全月"))]

    unit = forms.ModelChoiceField(queryset=Unit.objects.all(), required=False, label=gettext_lazy("单位"))
    year = forms.IntegerField(min_value=MIN_YEAR, max_value=MAX_YEAR, label=gettext_lazy("年度"))
    month = forms.IntegerField(min_value=1, max_value=12, label=gettext_lazy("月份"))
    action = forms.ChoiceField(choices=ACTIONS, label=gettext_lazy("操作"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in ("lock", "unlock") and not cleaned.get("unit"):
            raise ValidationError(_("请指定要锁定或解锁的单位。"))
        return cleaned


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("数据工作簿（.xlsx）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("修改原因（工作簿改动已锁定月份时必填）"), required=False, max_length=200,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("只能上传 .xlsx 格式的工作簿（Excel 2007 及以后版本）。"))
        limit = settings.WORKBOOK_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("文件过大（%(size)s），工作簿不能超过 %(limit)s。")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        # An .xlsx is a zip archive: anything else renamed to .xlsx is refused before the importer reads it.
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise ValidationError(_("文件不是有效的 .xlsx 工作簿。"))
        return upload

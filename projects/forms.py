"""Forms of the projects app: a project as clerks and staff enter it, and a lock on the submission board."""
from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from projects import catalogues
from projects.models import APPROVED_STAGES, PIPELINE_STAGES, Activity, Country, Industry, Project
from projects.services import PROJECT_FIELDS
from units import access, periods, rules
from units.models import Unit
from units.selectors import grouped_unit_choices

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

AMOUNT_ERRORS = {
    "invalid": _("请输入数字（万美元）。"),
    "min_value": _("金额不能为负数。"),
    "max_value": _("金额超过1,000,000万美元，请核对是否以万美元为单位填写。"),  # rules.amount_limit_message
    "max_decimal_places": _("金额最多保留两位小数。"),
    "max_digits": _("金额位数过多。"),
    "max_whole_digits": _("金额位数过多。"),
}


def amount_field(label: StrOrPromise, *, required: bool, help_text: StrOrPromise = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=required, help_text=help_text, min_value=0, max_value=rules.AMOUNT_MAX,
        max_digits=14, decimal_places=2, error_messages=AMOUNT_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class ProjectForm(forms.ModelForm):
    """A project as a clerk or staff member enters it. A clerk's project always belongs to the clerk's unit."""

    registered_fdi = amount_field(_("注册外资（万美元）"), required=True, help_text=_("增资项目填写增资部分。"))
    total_investment = amount_field(_("总投资（万美元）"), required=False)
    # The version the user loaded: saving refuses if someone else saved in between (lost update).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Staff only: why a locked month's figures are being changed (kept in the history).
    reason = forms.CharField(label=_("修改原因（修改已锁定月份时必填）"), required=False,
                             max_length=rules.REASON_MAX, validators=[rules.validate_text])
    # Ticked after the form warned of a likely duplicate (the same name and investor in another unit).
    not_duplicate = forms.BooleanField(label=_("确认不是重复项目，仍然保存"), required=False)

    class Meta:
        model = Project
        fields = [f for f in PROJECT_FIELDS]
        widgets = {"approved_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        error_messages = {
            "code": {
                "unique": _("项目编号已存在，请核对后换一个编号。"),
                "required": _("请填写项目编号。"),
            },
            "name": {"required": _("请填写项目名称。")},
            "approved_on": {"invalid": _("请按“2025-03-31”的格式填写日期。")},
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if access.is_staff(user):
            units = access.editable_units(user).exclude(kind=Unit.Kind.CITY).order_by("sort_order", "code")
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]
            self.fields["unit"].error_messages["required"] = _("请选择引进单位。")
            # grouped by kind, with a search box (static/js/portal.js: select[data-searchable])
            self.fields["unit"].widget = forms.Select(choices=grouped_unit_choices(units, empty="---------"),
                                                      attrs={"data-searchable": "1"})
        else:
            # A clerk's projects are the own unit's: the view sets it, the form does not offer it.
            del self.fields["unit"]
            del self.fields["reason"]
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
        for field, model in (("industry", Industry), ("country", Country)):
            self.fields[field].widget = forms.Select(
                choices=catalogues.grouped_choices(model, getattr(self.instance, field) or ""))
        activities = [(a.code, f"{a.date:%Y-%m-%d} {a.name}（{a.code}）") for a in Activity.objects.order_by("-date")[:200]]
        self.fields["activity"].widget = forms.Select(choices=[("", _("（无）")), *activities])
        self.duplicates: list[Project] = []

    def clean_approved_on(self):
        approved_on = self.cleaned_data.get("approved_on")
        if approved_on:
            try:
                rules.check_date(approved_on, label=gettext("批准日期"))
            except rules.RuleError as error:
                raise forms.ValidationError(str(error), code="date") from None
        return approved_on

    def clean(self):
        cleaned = super().clean()
        stage = cleaned.get("stage")
        approved_on = cleaned.get("approved_on")
        if "approved_on" not in self.errors:
            if stage in APPROVED_STAGES and not approved_on:
                self.add_error("approved_on", _("批准、到资、投产阶段的项目必须填写批准日期。"))
            elif stage in PIPELINE_STAGES and approved_on:
                self.add_error("approved_on", _("在谈、签约阶段的项目尚未批准，不能填写批准日期。"))
            elif stage == Project.Stage.DROPPED and approved_on:
                self.add_error("approved_on", _("已批准的项目不能终止或放弃；如是误录，请删除（撤回）该项目。"))
        if stage == Project.Stage.DROPPED and self.instance.pk and self.instance.stage in APPROVED_STAGES:
            self.add_error("stage", _("已批准的项目不能终止或放弃；如是误录，请删除（撤回）该项目。"))
        self._check_duplicates(cleaned)
        return cleaned

    def clean_code(self):
        return (self.cleaned_data.get("code") or "").strip()

    def _check_duplicates(self, cleaned: dict) -> None:
        """疑似重复项目: the same name and investor in another unit, which may be crediting the same
        project twice. The form warns once; ticking ``not_duplicate`` saves it anyway."""
        name, investor = (cleaned.get("name") or "").strip(), (cleaned.get("investor") or "").strip()
        unit = cleaned.get("unit") or getattr(self.instance, "unit", None)
        if not name or not investor or unit is None:
            return
        self.duplicates = list(
            Project.objects.filter(name__iexact=name, investor__iexact=investor)
            .exclude(unit=unit).exclude(pk=self.instance.pk).select_related("unit")[:5]
        )
        if self.duplicates and not cleaned.get("not_duplicate"):
            self.add_error(None, ValidationError(
                gettext("疑似重复项目：%(units)s已登记同名、同投资方的项目。一个项目只能计入一个单位；"
                        "如确认不是同一个项目，请勾选“确认不是重复项目，仍然保存”后再保存。")
                % {"units": "、".join(sorted({p.unit.name for p in self.duplicates}))},
                code="duplicate",
            ))

    def model_data(self) -> dict:
        """The cleaned values to hand to projects.services.project_create / project_update."""
        return {name: self.cleaned_data[name] for name in PROJECT_FIELDS if name in self.fields}


class LockForm(forms.Form):
    """Lock or unlock one unit's month; lock or unlock a month for every unit, or remind the units that
    have not submitted it (no unit given)."""

    ACTIONS = [("lock", _("锁定")), ("unlock", _("解锁")), ("lock_month", _("锁定全月")),
               ("unlock_month", _("解锁全月")), ("remind", _("催报"))]

    unit = forms.ModelChoiceField(queryset=Unit.objects.all(), required=False, label=_("单位"))
    year = forms.IntegerField(min_value=periods.YEAR_MIN, max_value=periods.YEAR_MAX, label=_("年度"))
    month = forms.IntegerField(min_value=1, max_value=12, label=_("月份"))
    action = forms.ChoiceField(choices=ACTIONS, label=_("操作"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in ("lock", "unlock") and not cleaned.get("unit"):
            raise ValidationError(gettext("请指定要锁定或解锁的单位。"))
        return cleaned

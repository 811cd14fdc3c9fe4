"""The year's 考核办法 on one page: a formset of scored indicators and one of awards.

Each row carries the version it was drawn with: a row changed by someone else meanwhile is refused
(with the other person's values kept), never silently overwritten. Saving is one transaction.
"""
from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext as _

from targets.models import AssessmentRule, AwardRule
from units import rules

HISTORY_REASON = "考核办法页面"


class VersionedRuleForm(forms.ModelForm):
    seen_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["seen_version"] = self.instance.version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk and self.has_changed():
            seen = data.get("seen_version")
            current = type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if seen is None or current != seen:
                raise forms.ValidationError(_("这一行已被他人修改，请刷新页面后再改。"))
        return data


class AssessmentRuleForm(VersionedRuleForm):
    class Meta:
        model = AssessmentRule
        fields = ["indicator", "weight", "method", "cap", "target_kind"]
        widgets = {"weight": forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"}),
                   "cap": forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"})}


class AwardRuleForm(VersionedRuleForm):
    class Meta:
        model = AwardRule
        fields = ["name", "indicator", "target_kind", "by_month"]
        widgets = {"by_month": forms.NumberInput(attrs={"min": 1, "max": 12})}

    def clean_name(self) -> str:
        try:
            return rules.check_text(self.cleaned_data["name"], max_length=60)
        except rules.RuleError as error:
            raise forms.ValidationError(str(error)) from None


class _UniqueWithinYear(BaseModelFormSet):
    key: str = ""
    duplicate: str = ""

    def clean(self) -> None:
        super().clean()
        seen: set[Any] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            value = form.cleaned_data.get(self.key)
            if value in seen:
                form.add_error(self.key, self.duplicate)
            seen.add(value)


class AssessmentRules(_UniqueWithinYear):
    key = "indicator"
    duplicate = "这一指标已经设置了计分办法，同一年度每个指标只能有一条。"


class AwardRules(_UniqueWithinYear):
    key = "name"
    duplicate = "同一年度已有同名的奖项。"


AssessmentRuleFormSet = modelformset_factory(AssessmentRule, form=AssessmentRuleForm, formset=AssessmentRules,
                                             extra=2, can_delete=True)
AwardRuleFormSet = modelformset_factory(AwardRule, form=AwardRuleForm, formset=AwardRules, extra=2,
                                        can_delete=True)


def formsets(year: int, data: Any = None) -> tuple[BaseModelFormSet, BaseModelFormSet]:
    return (AssessmentRuleFormSet(data, prefix="a", queryset=AssessmentRule.objects.filter(year=year)),
            AwardRuleFormSet(data, prefix="w", queryset=AwardRule.objects.filter(year=year)))


@transaction.atomic
def save_rules(year: int, *sets: BaseModelFormSet) -> int:
    """Save both formsets for ``year``; returns the number of rows created, changed or deleted."""
    changed = 0
    for formset in sets:
        for obj in formset.deleted_objects if hasattr(formset, "deleted_objects") else []:
            obj._change_reason = HISTORY_REASON
            obj.delete()
        for form in formset.forms:
            if not form.has_changed() or not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            obj = form.save(commit=False)
            obj.year = year
            if obj.pk:
                obj.version += 1
            obj._change_reason = HISTORY_REASON
            obj.save()
            changed += 1
        changed += len(getattr(formset, "deleted_objects", []))
    return changed

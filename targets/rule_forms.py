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
        if self.instance.pk:
            self.initial["seen_version"] = self.instance.version

    def has_changed(self) -> bool:
        """Whether the user changed a value (the version the page carried is not a value)."""
        return any(name != "seen_version" for name in self.changed_data)

    untouched = False  # the row as the page drew it, changed by someone else since: left as they saved it

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk and self.has_changed():
            seen = data.get("seen_version")
            current = type(self.instance).objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            if seen is None or current != seen:
                if seen is not None and self._as_drawn(seen, data):
                    self.untouched = True
                else:
                    raise forms.ValidationError(_("这一行已被他人修改，请刷新页面后再改。"))
        return data

    def _as_drawn(self, seen: int, data: dict[str, Any]) -> bool:
        """Whether the posted values are the row's values at version ``seen`` (its history): the user did
        not touch a row someone else changed since the page was drawn. One query."""
        drawn = (type(self.instance).history.filter(id=self.instance.pk, version=seen)  # type: ignore[attr-defined]
                 .order_by("-history_date").first())
        if drawn is None:
            return False
        fields = self._meta.fields or []
        return all(getattr(drawn, name) == data.get(name) for name in fields)


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
    year: int = 0

    def clean(self) -> None:
        super().clean()
        # a row the page drew that is not this year's any more (deleted meanwhile, or a page of another year
        # posted with this year): refused as a whole, never saved as a new row
        for i, form in enumerate(self.forms):
            if i < self.initial_form_count() and (form.errors.get("id") or not form.instance.pk):
                raise forms.ValidationError(_("页面上的规则已被他人删除或不属于%(year)s年，本次没有保存；请重新打开本页。")
                                            % {"year": self.year})
        # the key is unique within the year: against the other rows of the page and the rows in the database
        # the page did not draw (added by someone else meanwhile)
        drawn = {form.instance.pk for form in self.forms if form.instance.pk}
        model = self.model
        stored = set(model.objects.filter(year=self.year).exclude(pk__in=drawn).values_list(self.key, flat=True))
        seen: set[Any] = set(stored)
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
    scored = AssessmentRuleFormSet(data, prefix="a", queryset=AssessmentRule.objects.filter(year=year))
    awards = AwardRuleFormSet(data, prefix="w", queryset=AwardRule.objects.filter(year=year))
    scored.year = awards.year = year  # type: ignore[attr-defined]  # read by _UniqueWithinYear.clean
    return scored, awards


@transaction.atomic
def save_rules(year: int, *sets: BaseModelFormSet) -> int:
    """Save both formsets for ``year``; returns the number of rows created, changed or deleted."""
    changed = 0
    for formset in sets:
        for obj in formset.deleted_objects if hasattr(formset, "deleted_objects") else []:
            obj._change_reason = HISTORY_REASON
            obj.delete()
        for form in formset.forms:
            if (not form.has_changed() or not form.cleaned_data or form.cleaned_data.get("DELETE")
                    or getattr(form, "untouched", False)):
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

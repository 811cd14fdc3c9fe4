"""The admin of projects, arrivals and submissions (read-only: the portal's pages edit them), and of units.

A unit's parent and kind decide where its figures roll up, so changing them in the admin is checked as
every other path is: no loop in the tree, and a locked month whose figures it moves needs a reason
(``projects.services.locks``). Saving a unit unchanged writes nothing.
"""
from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from projects.models import (
    Activity,
    Arrival,
    Country,
    Industry,
    Milestone,
    MonthSubmission,
    PeerCounty,
    PeerFigure,
    Problem,
    Project,
)
from projects.services import EntryRefused, check_locked_change, locks
from units import access, rules
from units.admin_site import EditedInThePortal, ReadOnlyHistory
from units.models import Unit


class UnitAdminForm(forms.ModelForm):
    reason = forms.CharField(label=gettext_lazy("修改原因（改动已锁定月份的数据时必填）"), required=False,
                             max_length=rules.REASON_MAX, validators=[rules.validate_text])

    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "parent", "sort_order"]

    def clean(self):
        cleaned = super().clean()
        unit, parent, kind = self.instance, cleaned.get("parent"), cleaned.get("kind")
        if unit.pk is None or parent is None and kind is None:
            return cleaned
        tree = dict(Unit.objects.values_list("pk", "parent_id"))
        # The new parent's chain must not reach this unit (a loop would cut its subtree off the city).
        node, seen = parent.pk if parent else None, set()
        while node is not None and node not in seen:
            if node == unit.pk:
                raise ValidationError(_("上级单位形成循环：%(unit)s不能放在自己的下级单位之下。") % {"unit": unit.name})
            seen.add(node)
            node = tree.get(node)
        before = Unit.objects.get(pk=unit.pk)
        months = locks.unit_move_months(
            unit.pk, parent_before=before.parent_id, parent_after=parent.pk if parent else None,
            kind_changed=kind is not None and kind != before.kind, tree=tree)
        try:
            check_locked_change(months, user=self.current_user, reason=(cleaned.get("reason") or "").strip())
        except EntryRefused as refused:
            raise ValidationError(refused.messages) from None
        return cleaned


@admin.register(Unit)
class UnitAdmin(ReadOnlyHistory, SimpleHistoryAdmin):
    form = UnitAdminForm
    list_display = ["code", "name", "kind", "parent", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.current_user = access.signed_in(request.user)
        return form

    def save_model(self, request, obj, form, change):
        if change and not form.has_changed():
            return  # nothing changed: no version, no history entry
        if change:
            obj.version += 1
        obj._change_reason = (form.cleaned_data.get("reason") or "").strip() or None
        super().save_model(request, obj, form, change)


class ArrivalInline(EditedInThePortal, admin.TabularInline):
    model = Arrival
    extra = 0


@admin.register(Project)
class ProjectAdmin(ReadOnlyHistory, EditedInThePortal, SimpleHistoryAdmin):
    list_display = ["code", "name", "unit", "type", "stage", "approved_on", "registered_fdi", "backbone"]
    list_filter = ["type", "stage", "backbone", "unit__kind"]
    search_fields = ["code", "name", "investor", "unit__name"]
    autocomplete_fields = ["unit"]
    inlines = [ArrivalInline]


@admin.register(Arrival)
class ArrivalAdmin(ReadOnlyHistory, EditedInThePortal, SimpleHistoryAdmin):
    list_display = ["project", "year", "month", "amount", "carry_over"]
    list_filter = ["year", "month", "carry_over"]
    search_fields = ["project__code", "project__name"]
    autocomplete_fields = ["project"]


@admin.register(MonthSubmission)
class MonthSubmissionAdmin(EditedInThePortal, admin.ModelAdmin):
    list_display = ["unit", "year", "month", "status", "submitted_by", "locked_by"]
    list_filter = ["year", "month", "status"]


@admin.register(Industry, Country)
class CatalogueAdmin(ReadOnlyHistory, EditedInThePortal, SimpleHistoryAdmin):
    """Kept on the portal's 目录 page, where a rename or a merge carries onto the projects."""

    list_display = ["name", "aliases", "sort_order"]
    search_fields = ["name", "aliases"]


@admin.register(Milestone, Problem, Activity, PeerCounty, PeerFigure)
class KeptInThePortalAdmin(ReadOnlyHistory, EditedInThePortal, SimpleHistoryAdmin):
    """Milestones, problems, activities and the peers' figures are kept on the portal's pages."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from projects.models import Arrival, MonthSubmission, Project
from units.admin_site import EditedInThePortal


class ArrivalInline(EditedInThePortal, admin.TabularInline):
    model = Arrival
    extra = 0


@admin.register(Project)
class ProjectAdmin(EditedInThePortal, SimpleHistoryAdmin):
    list_display = ["code", "name", "unit", "type", "stage", "approved_on", "registered_fdi", "backbone"]
    list_filter = ["type", "stage", "backbone", "unit__kind"]
    search_fields = ["code", "name", "investor", "unit__name"]
    autocomplete_fields = ["unit"]
    inlines = [ArrivalInline]


@admin.register(Arrival)
class ArrivalAdmin(EditedInThePortal, SimpleHistoryAdmin):
    list_display = ["project", "year", "month", "amount", "carry_over"]
    list_filter = ["year", "month", "carry_over"]
    search_fields = ["project__code", "project__name"]
    autocomplete_fields = ["project"]


@admin.register(MonthSubmission)
class MonthSubmissionAdmin(EditedInThePortal, admin.ModelAdmin):
    list_display = ["unit", "year", "month", "status", "submitted_by", "locked_by"]
    list_filter = ["year", "month", "status"]

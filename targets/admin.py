from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from targets.models import ScheduleMonth, Target
from units.admin_site import EditedInThePortal, ReadOnlyHistory


@admin.register(Target)
class TargetAdmin(ReadOnlyHistory, EditedInThePortal, SimpleHistoryAdmin):
    list_display = ["year", "unit", "indicator", "kind", "amount"]
    list_filter = ["year", "indicator", "kind", "unit__kind"]
    search_fields = ["unit__name", "unit__code"]
    autocomplete_fields = ["unit"]


@admin.register(ScheduleMonth)
class ScheduleMonthAdmin(admin.ModelAdmin):
    list_display = ["year", "month", "cumulative_pct"]
    list_filter = ["year"]

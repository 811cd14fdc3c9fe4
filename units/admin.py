from django.contrib import admin

from units import admin_site  # noqa: F401 — the admin is for staff only
from units.models import Profile

# Units are registered in projects/admin.py: a change of a unit's parent or kind is checked against the
# locked months of the figures it moves, which the projects app knows.


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit"]
    list_filter = ["role"]
    search_fields = ["user__username", "unit__name"]
    autocomplete_fields = ["unit"]

"""The Django admin is for the bureau's staff only, and only for what the portal's pages do not edit."""
from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from units import access


def staff_only(request: HttpRequest) -> bool:
    """Admin access needs Django's is_staff flag AND the portal's staff role (units.access)."""
    user = request.user
    return user.is_active and user.is_staff and access.is_staff(user)


class EditedInThePortal:
    """Targets, projects, arrivals and month submissions change through the portal's pages, which check
    versions, locked months and reasons and keep the history: in the admin they are read-only."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyHistory:
    """The history pages of django-simple-history are for reading: its "revert" form would save the row
    past every check of the portal (versions, locked months, reasons), so a POST there is refused."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method not in ("GET", "HEAD"):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)  # type: ignore[misc]


admin.site.has_permission = staff_only  # type: ignore[method-assign]

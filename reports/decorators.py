"""Who may open the report pages and downloads: one decorator for all of them."""
from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from units import access


def report_view(view):
    """GET/HEAD only (405 otherwise); anonymous → the sign-in page; a user without a role → 403."""

    @require_safe
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.can_read_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped

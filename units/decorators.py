"""The access layer's view decorators: who may open which kind of page, decided here for every view.

``units.access`` answers the questions (what role, which units, may this user change that); these
decorators ask them at the door of each view, so no view writes its own check:

- ``entry_view``: data-entry pages (projects, the monthly page) — any role reads, leaders change nothing;
- ``desk_view(leaders_may_read=…)``: the bureau's desk (targets, the board, uploads) — staff only, leaders
  read where allowed;
- ``report_view``: dashboards and downloads — every role reads, GET and HEAD only;
- ``api_view``: the JSON API — the same as ``report_view``, but answering 401/403/405 as JSON.

Anonymous users are sent to sign in (the API answers 401); a signed-in user without a role gets 403.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from units import access

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
JSON_OPTIONS = {"ensure_ascii": False}

View = Callable[..., HttpResponseBase]
R = TypeVar("R", bound=HttpResponseBase)


def no_store(response: R) -> R:
    """``Cache-Control: private, no-store``: a unit's data, a download or the API stays out of every cache
    between the portal and the reader (and out of the browser's history on a shared office computer)."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def entry_view(view: View) -> View:
    """Data-entry pages: signed in (else the sign-in page), with a role (else 403), and any request that
    could change something refused with 403 for a user who changes nothing (leaders)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if access.role_of(request.user) is None:
            raise PermissionDenied
        if request.method not in SAFE_METHODS and not access.can_change_data(request.user):
            raise PermissionDenied
        return no_store(view(request, *args, **kwargs))

    return wrapped


def desk_view(*, leaders_may_read: bool) -> Callable[[View], View]:
    """Anonymous → sign-in page; staff → everything; leaders → GET only where allowed; anyone else → 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if access.can_manage(user):
                return view(request, *args, **kwargs)
            if leaders_may_read and request.method in ("GET", "HEAD") and access.can_read_desk(user):
                return view(request, *args, **kwargs)
            raise PermissionDenied

        return wrapped

    return decorator


def report_view(view: View) -> View:
    """GET/HEAD only (405 otherwise); anonymous → the sign-in page; a user without a role → 403."""

    @require_safe
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.can_read_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def json_error(message: str, status: int) -> JsonResponse:
    """An API error as JSON: {"error": "…"} in Chinese."""
    return JsonResponse({"error": message}, status=status, json_dumps_params=JSON_OPTIONS)


def api_view(view: View) -> View:
    """The JSON API: GET/HEAD only, 401 for anonymous users, 403 without a role — every answer JSON."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            response = json_error(_("只支持 GET 请求。"), 405)
            response["Allow"] = "GET, HEAD"
            return response
        if not request.user.is_authenticated:
            return json_error(_("请先登录。"), 401)
        if not access.can_read_reports(request.user):
            return json_error(_("您的账号没有查看报表的权限。"), 403)
        return no_store(view(request, *args, **kwargs))

    return wrapped

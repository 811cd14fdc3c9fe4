"""Chinese first: the portal speaks 简体中文 unless the user chose English with the language switch."""
from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)


class ChineseFirstMiddleware:
    """Drop the browser's Accept-Language before LocaleMiddleware reads it.

    A county's staff often run English-language browsers; the portal still answers in Chinese, its
    working language. English is one click away in the top bar (a cookie LocaleMiddleware honours).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, answer 503 — JSON for the API, a Chinese page elsewhere —
    instead of a 500: nothing was lost, the request can be tried again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        from django.db import InterfaceError, OperationalError
        from django.http import JsonResponse
        from django.template import loader
        from django.utils.translation import gettext as _

        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.warning("database unavailable: %s", exception)
        message = _("暂时无法连接数据库，请稍后再试。已保存成功的数据不会丢失。")
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse({"error": message}, status=503, json_dumps_params={"ensure_ascii": False})
        else:
            body: str
            try:
                body = loader.render_to_string("503.html", {"message": message})
            except Exception:  # noqa: BLE001 — the page must answer even if its template cannot render
                body = message
            response = HttpResponse(body, status=503)
        response["Retry-After"] = "30"
        return response


class ChineseMethodNotAllowedMiddleware:
    """Django answers a method a view does not take with an empty 405: say in Chinese what is allowed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 405 and not response.content and not request.path.startswith("/api/"):
            from django.template import loader
            from django.utils.translation import gettext as _

            allowed = response.get("Allow", "")
            response.content = loader.render_to_string("405.html", {"allowed": allowed}, request).encode()
            response["Content-Type"] = "text/html; charset=utf-8"
            logger.debug("405 %s %s (%s)", request.method, request.path, _("只允许 %(methods)s") % {"methods": allowed})
        return response

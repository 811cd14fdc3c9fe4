"""Chinese first: the portal speaks 简体中文 unless the user chose English with the language switch."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse


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

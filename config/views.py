"""The portal's own error pages: a bad request says what was wrong, in Chinese."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template import loader


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400: the message of the ``BadRequest`` raised (a Chinese sentence naming the bad parameter)."""
    message = str(exception.args[0]) if exception is not None and exception.args else ""
    body = loader.render_to_string("400.html", {"message": message}, request)
    return HttpResponseBadRequest(body)

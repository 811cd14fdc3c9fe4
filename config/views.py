"""The portal's own error pages: a bad request says what was wrong, in Chinese."""
from __future__ import annotations

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template import loader
from django.utils.translation import gettext as _


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """400: the message of a ``BadRequest`` the portal raised (a Chinese sentence naming the bad parameter);
    Django's own refusals (a body over the size limit, a suspicious request) get a Chinese sentence too."""
    if isinstance(exception, RequestDataTooBig):
        message = _("提交的内容过大，未保存任何数据；请缩短后重试。")
    elif isinstance(exception, BadRequest) and exception.args:
        message = str(exception.args[0])
    else:
        message = ""
    body = loader.render_to_string("400.html", {"message": message}, request)
    return HttpResponseBadRequest(body)

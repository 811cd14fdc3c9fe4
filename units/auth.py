"""Sign-in throttling through django-axes."""
from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class ThrottledSignInBackend(AxesStandaloneBackend):
    """django-axes' lockout check for sign-ins that come through a web request.

    Authentication without a request (the test client's ``login()``, a management command) has no
    address to throttle: axes would raise, so we let the next backend decide. Every sign-in through the
    web form passes the request and is throttled.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The address sign-in throttling counts failures against.

    Behind ``TRUSTED_PROXY_COUNT`` reverse proxies (settings, from the environment) every request comes
    from the nearest proxy, so the client is the address the outermost trusted proxy put into
    X-Forwarded-For; without proxies it is REMOTE_ADDR. Addresses further left are the client's own
    claims and are never trusted.
    """
    from django.conf import settings

    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")

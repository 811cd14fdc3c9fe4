"""Sign-in throttling through django-axes, and a cap per address across user names."""
from __future__ import annotations

import datetime as dt

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied


class ThrottledSignInBackend(AxesStandaloneBackend):
    """django-axes' lockout check for sign-ins that come through a web request.

    Authentication without a request (the test client's ``login()``, a management command) has no
    address to throttle: axes would raise, so we let the next backend decide. Every sign-in through the
    web form passes the request and is throttled.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        if address_locked(request):
            # Many user names tried from one address: that address waits, the accounts are not locked
            # (a colleague signs in from elsewhere as usual).
            request.axes_locked_out = True
            raise AxesBackendPermissionDenied("too many failed sign-ins from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)


def address_locked(request) -> bool:
    """Whether the client's address has failed ``AXES_IP_FAILURE_LIMIT`` sign-ins (any user names) within
    the cool-off time. One query over django-axes' own records."""
    from axes.models import AccessAttempt
    from django.conf import settings
    from django.db.models import Sum
    from django.utils import timezone

    address = client_ip(request)
    if not address:
        return False
    since = timezone.now() - dt.timedelta(hours=settings.AXES_COOLOFF_TIME)
    failures = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start"))["n"] or 0
    return failures >= settings.AXES_IP_FAILURE_LIMIT


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

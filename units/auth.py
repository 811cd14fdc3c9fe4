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

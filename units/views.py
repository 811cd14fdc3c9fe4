from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from units import access
from units.forms import ThrottledPasswordChangeForm


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The portal's front page: who you are and where to go; a sign-in link for visitors.

    A clerk's work is the monthly page, so a clerk lands there (also right after signing in).
    """
    role = access.role_of(request.user)
    if role == access.CLERK:
        return redirect("projects:monthly")
    return render(request, "home.html", {"role": role})


class PasswordChangeView(auth_views.PasswordChangeView):
    """The own password, with the old one throttled like a sign-in (units.forms)."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

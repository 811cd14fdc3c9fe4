from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from units import access
from units.forms import ThrottledPasswordChangeForm


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """The portal's front page: who you are and where to go; a sign-in link for visitors.

    Each role lands where its work is (also right after signing in): a clerk on the monthly page of the
    month that is due, a leader on the dashboard (the latest month with data), staff on the desk.
    """
    role = access.role_of(request.user)
    landing: dict[str, str] = {access.CLERK: "projects:monthly", access.LEADER: "reports:dashboard",
                               access.STAFF: "ops:desk"}
    if role is not None and str(role) in landing:
        return redirect(landing[str(role)])
    return render(request, "home.html", {"role": role})


class PasswordChangeView(auth_views.PasswordChangeView):
    """The own password, with the old one throttled like a sign-in (units.forms)."""

    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from units import access


def home(request: HttpRequest) -> HttpResponse:
    """The portal's front page: who you are and where to go; a sign-in link for visitors."""
    return render(request, "home.html", {"role": access.role_of(request.user)})

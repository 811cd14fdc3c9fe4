"""Changing one's own password: the old one is checked as a sign-in is (and throttled like one)."""
from __future__ import annotations

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm
from django.utils.translation import gettext as _


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """The old password goes through ``authenticate`` with the request, so django-axes counts a wrong one
    as a failed sign-in and locks after too many (a stolen session cannot guess the password); a new
    password equal to the old one is refused. Django's validators speak Chinese (its own translations)."""

    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old = self.cleaned_data["old_password"]
        # Raises axes' permission error when the account is locked; AxesMiddleware shows the lockout page.
        checked = authenticate(self.request, username=self.user.get_username(), password=old)
        if checked is None or checked.pk != self.user.pk:
            raise forms.ValidationError(self.error_messages["password_incorrect"], code="password_incorrect")
        return old

    def clean(self):
        cleaned = super().clean()
        old, new = cleaned.get("old_password"), cleaned.get("new_password1")
        if old and new and old == new:
            self.add_error("new_password1", forms.ValidationError(_("新密码不能与原密码相同。"), code="password_unchanged"))
        return cleaned

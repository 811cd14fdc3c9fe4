"""Password rules in the portal's language: Django's own, with the one message its Chinese catalogue lacks."""
from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length, saying so in Chinese (Django's zh-hans catalogue has no plural form for it)."""

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                _("密码太短，至少要有%(min_length)d个字符。") % {"min_length": self.min_length},
                code="password_too_short", params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return _("密码至少要有%(min_length)d个字符。") % {"min_length": self.min_length}

"""Who made a change and why, for django-simple-history (the request middleware is absent in commands)."""
from __future__ import annotations

from typing import Any


def stamp(row: Any, *, user: Any, reason: str = "") -> None:
    """Tell simple-history who changes ``row`` (its next save or delete) and, if given, why."""
    setattr(row, "_history_user", user)  # noqa: B010 — simple-history reads these private attributes
    if reason:
        setattr(row, "_change_reason", reason)  # noqa: B010

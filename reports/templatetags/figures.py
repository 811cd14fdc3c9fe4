"""Small template helpers of the report pages: ``{{ counts|item:kind }}`` reads a dict by a variable key
(a group's ``on_schedule`` by target kind), ``{{ f|kind:"stretch" }}`` one target kind's figures."""
from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def item(mapping: Any, key: Any) -> Any:
    try:
        return mapping[key]
    except (KeyError, IndexError, TypeError):
        return None


@register.filter
def kind(figures: Any, target_kind: str) -> Any:
    return figures.of_kind(target_kind)


@register.filter
def kind_label(target_kind: str) -> str:
    """考核目标 / 加压目标 / 翻番目标 of a target kind's code."""
    from targets.models import TargetKind

    return str(dict(TargetKind.choices).get(target_kind, target_kind))


@register.filter
def kind_short(target_kind: str) -> str:
    """考核 / 加压 / 翻番."""
    from reports.progress.results import TARGET_KIND_SHORT

    return str(TARGET_KIND_SHORT.get(target_kind, target_kind))


@register.filter
def sub(value: Any, other: Any) -> Any:
    """``value − other`` (a target less the YTD); None when either is missing."""
    if value is None or other is None:
        return None
    return value - other

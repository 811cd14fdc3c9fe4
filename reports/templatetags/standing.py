"""``{% unit_standing unit year month %}``: a unit's standing on the page its clerk enters data on.

Entering data gives something back: the unit's completion and schedule gap against its targets, its rank
among units of its kind, and what it takes — the monthly amount needed from now to reach each target by
December. From the cached progress report (no query while the data has not changed).
"""
from __future__ import annotations

from typing import Any

from django import template

from reports.cache import report_for
from reports.progress import ReportError
from units import periods

register = template.Library()


@register.inclusion_tag("reports/_standing.html")
def unit_standing(unit, year: int, month: int) -> dict[str, Any]:
    if periods.is_future(year, month):
        return {"row": None}
    try:
        report = report_for(year=year, month=month)
        row = report.unit(unit.code)
    except (ReportError, KeyError):
        return {"row": None}
    kinds = sum(1 for u in report.units if u.kind == row.kind)
    return {"row": row, "year": year, "month": month, "schedule": report.schedule_pct, "in_kind": kinds,
            "months_left": 12 - month}

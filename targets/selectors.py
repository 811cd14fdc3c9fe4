"""Reads of targets that pages share."""
from __future__ import annotations

from targets.models import Target
from units import periods


def year_choices(year: int) -> list[int]:
    """Recent and next years, the chosen one, and every year that has targets (one query)."""
    this_year = periods.current_period()[0]
    with_targets = Target.objects.order_by().values_list("year", flat=True).distinct()
    return sorted({*range(this_year - 3, this_year + 2), year, *with_targets})

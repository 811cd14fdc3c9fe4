"""What a report page says about its month's standing in the cycle: how complete the reporting is, whether
the month is still under way, whether it was published (通报) and corrected since (已更正)."""
from __future__ import annotations

from dataclasses import dataclass

from reports.completeness import Completeness
from reports.editions import latest_edition, restatement
from reports.models import Edition
from reports.progress import ProgressReport
from units import periods


@dataclass(frozen=True)
class MonthCycle:
    year: int
    month: int
    completeness: Completeness | None
    open: bool  # the month is still under way: its figures still grow
    edition: Edition | None
    restated: bool  # the live figures differ from the latest edition

    @property
    def provisional(self) -> bool:
        """Figures are provisional while units have not reported, or the month has not closed."""
        return self.open or bool(self.completeness and self.completeness.missing)

    @property
    def sentence(self) -> str:
        return self.completeness.sentence(self.month) if self.completeness else ""


def month_cycle(report: ProgressReport) -> MonthCycle:
    """One query for the edition, and — only when there is one — the comparison with it."""
    edition = latest_edition(report.year, report.month)
    restated = False
    if edition is not None:
        found = restatement(report.year, report.month, report.as_json())
        restated = bool(found and found.restated)
    return MonthCycle(year=report.year, month=report.month, completeness=report.completeness,
                      open=(report.year, report.month) == periods.current_period(), edition=edition,
                      restated=restated)

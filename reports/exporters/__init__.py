"""Briefing exports (INTERFACES.md §3) as small classes in one registry, in pretix's manner.

Each exporter turns a :class:`~reports.progress.ProgressReport` into one download::

    exporter = registry["briefing_xlsx"]()
    exporter.write(report, fileobj)            # binary file object
    exporter.filename(report)                  # "招商引资进度表_2007年1-7月.xlsx"

The views, the management commands and the benchmark all go through this registry; nothing else
writes a briefing file.
"""
from __future__ import annotations

from typing import IO, ClassVar

from django.db.models import QuerySet
from django.utils import translation
from django.utils.functional import Promise

from reports.progress import ProgressReport
from units.models import Unit
from units.periods import period_title


class BaseExporter:
    """One downloadable briefing file made from a progress report."""

    identifier: ClassVar[str]
    verbose_name: ClassVar[str | Promise]  # lazily translated
    content_type: ClassVar[str]
    extension: ClassVar[str]  # without the dot
    filename_stem: ClassVar[str | Promise]  # the Chinese name before the period

    def write(self, report: ProgressReport, fileobj: IO[bytes], *, units: QuerySet[Unit] | None = None) -> None:
        """Write the file. ``units``: the units whose project lists (names, investors, the pipeline) the
        reader may see — ``units.access.entry_units(user)``; None for all (a command run by the bureau).
        Figures, rankings and counts are city-wide for everyone."""
        raise NotImplementedError

    def filename(self, report: ProgressReport) -> str:
        return f"{self.filename_stem}_{period_title(report.year, report.month)}.{self.extension}"


registry: dict[str, type[BaseExporter]] = {}

# The briefing files are the city's Chinese documents for its meeting (INTERFACES.md §3): they are
# written in Chinese whatever language the person downloading them reads the portal in.
DOCUMENT_LANGUAGE = "zh-hans"


def register(cls: type[BaseExporter]) -> type[BaseExporter]:
    """Class decorator: list the exporter in ``registry`` under its identifier."""
    if cls.identifier in registry:
        raise ValueError(f"exporter {cls.identifier!r} registered twice")
    cls.write = translation.override(DOCUMENT_LANGUAGE)(cls.write)  # type: ignore[method-assign]
    cls.filename = translation.override(DOCUMENT_LANGUAGE)(cls.filename)  # type: ignore[method-assign]
    registry[cls.identifier] = cls
    return cls


# The exporters register themselves on import; they need BaseExporter and register defined above.
from reports.exporters.review import ReviewDocx, ReviewText  # noqa: E402
from reports.exporters.workbook import BriefingWorkbook  # noqa: E402

__all__ = ["BaseExporter", "BriefingWorkbook", "ReviewDocx", "ReviewText", "register", "registry"]

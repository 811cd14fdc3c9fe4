"""What an import reports: every problem (``WorkbookError``), or what it did per sheet (``ImportSummary``)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from workbook.columns import SHEET_LABELS


class WorkbookError(Exception):
    """The workbook cannot be imported. ``problems``: every problem, ``sheet!cell: message``, in sheet order."""

    def __init__(self, problems: Iterable[str]):
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass
class SheetCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class ImportSummary:
    """What an import did, per sheet present in the workbook (in the order units, targets, projects, arrivals)."""

    sheets: dict[str, SheetCounts] = field(default_factory=dict)
    ignored_sheets: list[str] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(counts.created for counts in self.sheets.values())

    @property
    def updated(self) -> int:
        return sum(counts.updated for counts in self.sheets.values())

    @property
    def unchanged(self) -> int:
        return sum(counts.unchanged for counts in self.sheets.values())

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def __str__(self) -> str:
        if not self.sheets:
            text = _("导入完成：工作簿中没有数据。")
        else:
            parts = [
                _("%(sheet)s新增%(created)d、更新%(updated)d、未变%(unchanged)d")
                % {
                    "sheet": SHEET_LABELS[name],
                    "created": counts.created,
                    "updated": counts.updated,
                    "unchanged": counts.unchanged,
                }
                for name, counts in self.sheets.items()
            ]
            text = _("导入完成：%(parts)s。") % {"parts": "；".join(parts)}
        if self.ignored_sheets:
            text += _("已忽略工作表：%(names)s。") % {"names": "、".join(self.ignored_sheets)}
        return text

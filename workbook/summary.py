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
    conflicts: int = 0  # changed in the portal since the export, kept as the portal has them

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.conflicts


@dataclass
class RowChange:
    """One row the import creates or changes (or would, in a dry run), or a conflict it leaves alone.

    ``changes``: (column label, old, new) as the preview shows them; ``token`` names the row in the
    upload page's "overwrite" ticks; ``conflict``: the row was changed in the portal after the export
    (``action`` is "conflict" when it is therefore left alone, "updated" when staff chose to overwrite)."""

    sheet: str
    key: tuple
    label: str
    token: str
    action: str  # "created" | "updated" | "conflict"
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    conflict: bool = False
    deleted: bool = False  # the conflict is a row deleted (or re-coded) in the portal since the export


@dataclass
class ImportSummary:
    """What an import did, per sheet present in the workbook (in the order units, targets, projects, arrivals)."""

    sheets: dict[str, SheetCounts] = field(default_factory=dict)
    rows: list[RowChange] = field(default_factory=list)
    dry_run: bool = False

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
    def conflicts(self) -> list[RowChange]:
        return [row for row in self.rows if row.action == "conflict"]

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def __str__(self) -> str:
        if not self.sheets:
            return _("工作簿中没有数据。") if self.dry_run else _("导入完成：工作簿中没有数据。")
        parts = []
        for name, counts in self.sheets.items():
            part = _("%(sheet)s新增%(created)d、更新%(updated)d、未变%(unchanged)d") % {
                "sheet": SHEET_LABELS[name], "created": counts.created, "updated": counts.updated,
                "unchanged": counts.unchanged}
            if counts.conflicts:
                part += _("、冲突未覆盖%(conflicts)d") % {"conflicts": counts.conflicts}
            parts.append(part)
        if self.dry_run:
            return _("预览（尚未导入）：%(parts)s。") % {"parts": "；".join(parts)}
        return _("导入完成：%(parts)s。") % {"parts": "；".join(parts)}

"""Pass 3 of an import: one ``.save()`` per created or changed row (so django-simple-history records
it), equal rows left alone, and every row that would change a locked month refused without a reason."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import DatabaseError
from django.utils.translation import gettext as _

from projects.models import Arrival, MonthSubmission, Project
from targets.models import Target
from units.models import Unit
from workbook.checks import Checker
from workbook.columns import KEYS, SHEETS
from workbook.problems import Problems
from workbook.reader import Book, Row
from workbook.summary import ImportSummary, SheetCounts, WorkbookError

Progress = Callable[[str, int, int], None]

HISTORY_REASON = "导入数据工作簿"

# What an empty optional cell means for a field.
EMPTY_VALUES: dict[str, Any] = {"investor": "", "country": "", "industry": "", "backbone": False}


class WriteFailed(Exception):
    def __init__(self, message: str):
        self.message = message


class Writer:
    def __init__(self, book: Book, checker: Checker, progress: Progress | None, *, reason: str = ""):
        self.book = book
        self.checker = checker
        self.progress = progress
        self.reason = reason
        self.locked = set(
            MonthSubmission.objects.filter(status=MonthSubmission.Status.LOCKED).values_list("unit_id", "year", "month")
        )
        self.locked_problems = Problems()
        self.summary = ImportSummary(ignored_sheets=list(book.ignored))
        for name in SHEETS:
            if name in book.sheets:
                self.summary.sheets[name] = SheetCounts()

    def write(self) -> ImportSummary:
        self.units = {unit.code: unit for unit in Unit.objects.all()}
        self.write_units()
        self.write_targets()
        self.projects = {project.code: project for project in Project.objects.all()}
        self.write_projects()
        self.write_arrivals()
        if self.locked_problems:
            # Raised inside the import's transaction: everything written above is rolled back.
            raise WorkbookError(self.locked_problems.messages())
        return self.summary

    def _touches_locked(self, row: Row, months: set[tuple[int, int, int]]) -> bool:
        """Whether a changed row touches a locked month; without a reason that is a problem at the row."""
        hit = sorted((y, m) for unit_id, y, m in months if (unit_id, y, m) in self.locked)
        if hit and not self.reason:
            anchor = KEYS[row.sheet][0]
            self.locked_problems.add(
                row.sheet, row.number, row.columns.get(anchor),
                _("%(year)d年%(month)d月已被锁定：导入修改已锁定月份的数据须填写修改原因。") % {
                    "year": hit[0][0], "month": hit[0][1]},
            )
        return bool(hit)

    def _save(self, row: Row, obj: Any, *, created: bool, before: tuple | None = None) -> None:
        counts = self.summary.sheets[row.sheet]
        if isinstance(obj, Arrival):
            self._touches_locked(row, {(obj.project.unit_id, obj.year, obj.month)})
        elif isinstance(obj, Project):
            months = {(obj.unit_id, obj.approved_on.year, obj.approved_on.month)} if obj.approved_on else set()
            if before and before[1]:
                months.add((before[0], before[1].year, before[1].month))
            if before and before[0] != obj.unit_id and obj.pk:
                for year, month in Arrival.objects.filter(project_id=obj.pk).values_list("year", "month").distinct():
                    months |= {(before[0], year, month), (obj.unit_id, year, month)}
            self._touches_locked(row, months)
        if hasattr(obj, "history"):
            obj._change_reason = f"{HISTORY_REASON}：{self.reason}" if self.reason else HISTORY_REASON
        try:
            obj.save()
        except DatabaseError as exc:
            anchor = KEYS[row.sheet][0]
            where = row.ref(anchor) if anchor in row.columns else f"{row.sheet}!{row.number}:{row.number}"
            raise WriteFailed(
                _("%(where)s: 写入数据库失败，未导入任何数据：%(error)s") % {"where": where, "error": exc}
            ) from exc
        if created:
            counts.created += 1
        else:
            counts.updated += 1

    def _tick(self, sheet: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(sheet, done, total)

    @staticmethod
    def _apply(obj: Any, row: Row, fields: Iterable[str]) -> bool:
        """Set the row's values of ``fields`` on ``obj``; True when one of them differed.

        A column missing from the sheet leaves its field as it is; an empty cell means the field's empty value.
        """
        changed = False
        for name in fields:
            if not row.has(name):
                continue
            value = row.get(name)
            if value is None:
                value = EMPTY_VALUES.get(name)
            if getattr(obj, name) != value:
                setattr(obj, name, value)
                changed = True
        return changed

    def write_units(self) -> None:
        rows = {key[0]: row for key, row in self.checker.unit_rows.items()}
        # Parents before children, so a new unit's parent exists when it is saved.
        ordered: list[str] = []
        placed: set[str] = set()

        def place(code: str) -> None:
            if code in placed:
                return
            placed.add(code)
            parent = rows[code].get("parent")
            if parent in rows:
                place(parent)
            ordered.append(code)

        for code in rows:
            place(code)
        next_order = max((unit.sort_order for unit in self.units.values()), default=0)
        total = len(ordered)
        for done, code in enumerate(ordered, start=1):
            row = rows[code]
            found = self.units.get(code)
            created = found is None
            if found is None:
                next_order += 1
                unit = Unit(code=code, sort_order=next_order)
            else:
                unit = found
            changed = self._apply(unit, row, ("name", "kind"))
            if row.has("parent"):
                parent = self.units[row.get("parent")] if row.get("parent") else None
                if unit.parent_id != (parent.pk if parent else None):
                    unit.parent = parent
                    changed = True
            if created or changed:
                self._save(row, unit, created=created)
                self.units[code] = unit
            else:
                self.summary.sheets["units"].unchanged += 1
            self._tick("units", done, total)

    def _write_versioned(self, sheet: str, rows: dict[tuple, Row], existing: dict[tuple, Any],
                         make: Callable[[tuple, Row], Any], fields: tuple[str, ...]) -> None:
        total = len(rows)
        for done, (key, row) in enumerate(rows.items(), start=1):
            found = existing.get(key)
            created = found is None
            obj = make(key, row) if found is None else found
            changed = self._apply(obj, row, fields)
            if created:
                self._save(row, obj, created=True)
            elif changed:
                obj.version += 1
                self._save(row, obj, created=False)
            else:
                self.summary.sheets[sheet].unchanged += 1
            self._tick(sheet, done, total)

    def write_targets(self) -> None:
        if "targets" not in self.book.sheets:
            return
        rows = self.checker.target_rows
        years = {key[0] for key in rows}
        by_pk = {unit.pk: unit.code for unit in self.units.values()}
        existing = {
            (t.year, by_pk[t.unit_id], t.indicator, t.kind): t for t in Target.objects.filter(year__in=years)
        }
        self._write_versioned(
            "targets", rows, existing,
            lambda key, row: Target(year=key[0], unit=self.units[key[1]], indicator=key[2], kind=key[3]),
            ("amount",),
        )

    def write_projects(self) -> None:
        if "projects" not in self.book.sheets:
            return
        rows = self.checker.project_rows
        fields = ("name", "type", "stage", "approved_on", "registered_fdi", "investor", "country",
                  "industry", "backbone", "total_investment")
        total = len(rows)
        for done, (key, row) in enumerate(rows.items(), start=1):
            found = self.projects.get(key[0])
            created = found is None
            project = Project(code=key[0]) if found is None else found
            before = (project.unit_id, project.approved_on)
            changed = False
            unit = self.units[row.get("unit")]
            if project.unit_id != unit.pk:
                project.unit = unit
                changed = True
            changed = self._apply(project, row, fields) or changed
            if created:
                self._save(row, project, created=True)
                self.projects[key[0]] = project
            elif changed:
                project.version += 1
                self._save(row, project, created=False, before=before)
            else:
                self.summary.sheets["projects"].unchanged += 1
            self._tick("projects", done, total)

    def write_arrivals(self) -> None:
        if "arrivals" not in self.book.sheets:
            return
        rows = self.checker.arrival_rows
        years = {key[1] for key in rows}
        by_pk = {project.pk: project.code for project in self.projects.values()}
        existing = {
            (by_pk[a.project_id], a.year, a.month, a.carry_over): a
            for a in Arrival.objects.filter(year__in=years)
        }
        self._write_versioned(
            "arrivals", rows, existing,
            lambda key, row: Arrival(project=self.projects[key[0]], year=key[1], month=key[2], carry_over=key[3]),
            ("amount",),
        )

"""Pass 3 of an import: what each row changes, and — unless it is a dry run — the change itself.

Every row is compared with the database field by field; the summary keeps each created or changed row
with its old → new values (what the upload page previews). A matched row whose values are all equal is
left alone (no save, no history, no version bump). Each created or changed row is one ``.save()``, so
django-simple-history records it.

Two guards keep the record:
- **conflicts**: a row that carries the version the portal exported it with (the hidden ``version``
  column) but was changed in the portal since then is not overwritten — it is listed as a conflict,
  cell by cell — unless its token is in ``overwrite`` (staff ticked it);
- **locked months**: a row whose change moves a locked month's figures (``projects.services.locks``)
  needs a reason; without one every such row is a problem and nothing is imported.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.db import DatabaseError
from django.utils.translation import gettext as _

from projects.models import Arrival, MonthSubmission, Project
from projects.services import locks
from targets.models import Target
from units.models import Unit
from workbook.checks import Checker
from workbook.columns import BOOL, CHOICE, KEYS, SHEET_LABELS, SHEETS, Column, choice_label
from workbook.problems import Problems
from workbook.reader import Book, Row
from workbook.sheet_writers import SheetWriters
from workbook.summary import ImportSummary, RowChange, SheetCounts, WorkbookError

Progress = Callable[[str, int, int], None]

HISTORY_REASON = "导入数据工作簿"

# What an empty optional cell means for a field.
EMPTY_VALUES: dict[str, Any] = {"investor": "", "country": "", "industry": "", "backbone": False, "grafted": False,
                                "key": False, "leader": "", "activity": "", "dropped_reason": ""}



class WriteFailed(Exception):
    def __init__(self, message: str):
        self.message = message


def row_token(sheet: str, key: tuple) -> str:
    """How a row is named in the upload page's overwrite ticks: ``projects:P001``."""
    return f"{sheet}:" + "|".join(str(part) for part in key)


def describe_key(sheet: str, key: tuple) -> str:
    """A row's key as the preview lists it."""
    from workbook.keyed import KEYED_SHEETS

    if sheet in KEYED_SHEETS:
        return KEYED_SHEETS[sheet].describe(key)
    if sheet == "arrivals":
        suffix = _("（上年结余）") if key[3] else ""
        return _("项目%(project)s %(year)s年%(month)s月%(suffix)s") % {
            "project": key[0], "year": key[1], "month": key[2], "suffix": suffix}
    if sheet == "targets":
        return "%s %s %s %s" % (key[0], key[1], choice_text(sheet, "indicator", key[2]), choice_text(sheet, "kind", key[3]))
    return " ".join(str(part) for part in key)


def _column(sheet: str, code: str) -> Column | None:
    return next((c for c in SHEETS[sheet] if c.code == code), None)


def choice_text(sheet: str, code: str, value: Any) -> str:
    column = _column(sheet, code)
    if column is not None and column.kind == CHOICE and column.choices is not None and value:
        return choice_label(column.choices, value)
    return str(value)


def shown(sheet: str, code: str, value: Any) -> str:
    """A value as the preview shows it: choice labels, 是/否, ISO dates, amounts to the cent, — for empty."""
    if value is None or value == "":
        return "—"
    column = _column(sheet, code)
    if column is not None and column.kind == BOOL:
        return _("是") if value else _("否")
    if column is not None and column.kind == CHOICE:
        return choice_text(sheet, code, value)
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class Writer(SheetWriters):
    def __init__(self, book: Book, checker: Checker, progress: Progress | None, *, reason: str = "",
                 overwrite: Iterable[str] = ()):
        self.book = book
        self.checker = checker
        self.progress = progress
        self.reason = reason
        self.overwrite = overwrite if isinstance(overwrite, (set, frozenset)) else set(overwrite)
        locked = MonthSubmission.objects.filter(status=MonthSubmission.Status.LOCKED)
        self.locked = set(locked.values_list("unit_id", "year", "month"))
        # A month locked for the whole city holds for every unit (projects.services.locks.locked_months).
        self.city_locked = set(locked.filter(unit__kind=Unit.Kind.CITY).values_list("year", "month"))
        self.locked_problems = Problems()
        self.summary = ImportSummary()
        for name in SHEETS:
            if name in book.sheets:
                self.summary.sheets[name] = SheetCounts()

    def write(self) -> ImportSummary:
        self.removed = self._removed_keys()
        self.units = {unit.code: unit for unit in Unit.objects.all()}
        self.write_units()
        self.write_targets()
        self.projects = {project.code: project for project in Project.objects.all()}
        self.write_projects()
        self.write_arrivals()
        self.write_keyed()
        if self.locked_problems:
            # Raised inside the import's transaction: everything written above is rolled back.
            raise WorkbookError(self.locked_problems.messages())
        return self.summary

    def _removed_keys(self) -> dict[str, set[tuple]]:
        """The keys of rows the portal once had and has no more (deleted, or re-coded): an exported row with
        such a key is a conflict, not a new row. A database that never had them (a fresh one, into which an
        export is loaded) imports them as new. One query per sheet in the file, from the history."""
        removed: dict[str, set[tuple]] = {}
        sheets = self.book.sheets
        units = dict(Unit.objects.values_list("pk", "code"))
        if "units" in sheets:
            removed["units"] = {(c,) for c in Unit.history.values_list("code", flat=True).distinct()} - {(c,) for c in units.values()}
        if "projects" in sheets or "arrivals" in sheets:
            current = set(Project.objects.values_list("code", flat=True))
            removed["projects"] = {(c,) for c in Project.history.values_list("code", flat=True).distinct() if c not in current}
        if "targets" in sheets:
            targets_had = {(y, units.get(u, ""), i, k) for y, u, i, k in
                           Target.history.values_list("year", "unit_id", "indicator", "kind").distinct()}
            removed["targets"] = targets_had - {(y, units.get(u, ""), i, k) for y, u, i, k in
                                        Target.objects.values_list("year", "unit_id", "indicator", "kind")}
        if "arrivals" in sheets:
            codes = dict(Project.history.values_list("id", "code").distinct())
            arrivals_had: set[tuple] = {(codes.get(p, ""), y, m, c) for p, y, m, c in
                                        Arrival.history.values_list("project_id", "year", "month", "carry_over").distinct()}
            arrivals_now: set[tuple] = {(codes.get(p, ""), y, m, c) for p, y, m, c in
                                        Arrival.objects.values_list("project_id", "year", "month", "carry_over")}
            removed["arrivals"] = arrivals_had - arrivals_now
        from workbook.keyed import KEYED_SHEETS

        for name, spec in KEYED_SHEETS.items():
            if name in sheets:
                had = spec.history_keys()
                removed[name] = had - set(spec.existing(had))
        return removed

    # -- one row ---------------------------------------------------------------------------------

    def _touches_locked(self, row: Row, months: set[locks.UnitMonth]) -> None:
        """A changed row that moves a locked month's figures: without a reason, a problem at the row."""
        hit = sorted((y, m) for unit_id, y, m in months if (unit_id, y, m) in self.locked or (y, m) in self.city_locked)
        if hit and not self.reason:
            anchor = KEYS[row.sheet][0]
            self.locked_problems.add(
                row.sheet, row.number, row.columns.get(anchor),
                _("%(year)d年%(month)d月已被锁定：导入修改已锁定月份的数据须填写修改原因。") % {
                    "year": hit[0][0], "month": hit[0][1]},
            )

    def _row(self, row: Row, key: tuple, obj: Any, *, created: bool, values: dict[str, Any],
             shown_as: dict[str, Callable[[Any], str]] | None = None,
             months: Callable[[], set[locks.UnitMonth]] | None = None) -> bool:
        """Compare ``values`` (attribute → value) with ``obj``; record, check and save the change.
        Returns whether the row was written."""
        sheet = row.sheet
        counts = self.summary.sheets[sheet]
        shown_as = shown_as or {}
        diffs = [(name, getattr(obj, name), value) for name, value in values.items() if getattr(obj, name) != value]
        if not created and not diffs:
            counts.unchanged += 1
            return False

        def show(name: str, value: Any) -> str:
            return shown_as[name](value) if name in shown_as else shown(sheet, name.removesuffix("_id"), value)

        change = RowChange(
            sheet=sheet, key=key, label=describe_key(sheet, key), token=row_token(sheet, key),
            action="created" if created else "updated",
            changes=[(self._label(sheet, name), show(name, old) if not created else "—", show(name, new))
                     for name, old, new in diffs],
        )
        seen = row.get("version") if row.has("version") and row.valid("version") else None
        deleted = created and seen is not None and key in self.removed.get(sheet, ())
        if deleted or (not created and seen is not None and getattr(obj, "version", seen) != seen):
            # Changed in the portal since the file was exported — or deleted there, or its code changed
            # (the exported row carries a version, but no such row exists now): the portal's state is kept
            # unless ticked, so an old file never brings back what the portal removed.
            change.conflict = True
            change.deleted = deleted
            if change.token not in self.overwrite:
                change.action = "conflict"
                counts.conflicts += 1
                self.summary.rows.append(change)
                return False
        if months is not None:
            self._touches_locked(row, months())
        for name, _old, new in diffs:
            setattr(obj, name, new)
        if not created and hasattr(obj, "version"):
            obj.version += 1
        self._save(row, obj)
        if created:
            counts.created += 1
        else:
            counts.updated += 1
        self.summary.rows.append(change)
        return True

    def _skip_dependent(self, row: Row, key: tuple, depends_on: str) -> None:
        """A row whose unit or project was left out as a conflict cannot be written: it is left out too."""
        self.summary.sheets[row.sheet].conflicts += 1
        self.summary.rows.append(RowChange(
            sheet=row.sheet, key=key, label=describe_key(row.sheet, key), token=row_token(row.sheet, key),
            action="conflict", conflict=True,
            changes=[(_("依赖"), depends_on, _("未导入（它是冲突行）"))]))

    @staticmethod
    def _label(sheet: str, name: str) -> str:
        column = _column(sheet, name.removesuffix("_id"))
        return column.label if column is not None else name

    def _save(self, row: Row, obj: Any) -> None:
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

    def _tick(self, sheet: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(sheet, done, total)

    @staticmethod
    def _values(row: Row, fields: Iterable[str], empty: dict[str, Any] | None = None) -> dict[str, Any]:
        """The row's values of ``fields``: a column missing from the sheet leaves its field as it is; an
        empty cell means the field's empty value."""
        empty = EMPTY_VALUES if empty is None else {**EMPTY_VALUES, **empty}
        values = {}
        for name in fields:
            if row.has(name):
                value = row.get(name)
                values[name] = empty.get(name) if value is None else value
        return values

__all__ = ["SHEET_LABELS", "Writer", "WriteFailed", "row_token"]

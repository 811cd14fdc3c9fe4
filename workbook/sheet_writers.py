"""The writer's sheets: units (parents first), targets, projects, arrivals, and the keyed sheets after
them (``workbook.keyed``). Each row goes through ``Writer._row`` (compare, conflicts, locks, save)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from projects.models import Arrival, Project
from projects.services import locks
from targets.models import Target
from units.models import Unit

if TYPE_CHECKING:
    from workbook.checks import Checker
    from workbook.reader import Book, Row

PROJECT_VALUE_FIELDS = ("name", "type", "stage", "approved_on", "registered_fdi", "investor", "country",
                        "industry", "backbone", "grafted", "total_investment", "key", "leader", "activity", "dropped_reason")


class SheetWriters:
    """Mixed into ``workbook.writer.Writer``, whose core these methods use."""

    if TYPE_CHECKING:
        book: Book
        checker: Checker
        units: dict[str, Unit]
        projects: dict[str, Project]

        def _row(self, row: Row, key: tuple, obj: Any, *, created: bool, values: dict[str, Any],
                 shown_as: dict[str, Callable[[Any], str]] | None = None,
                 months: Callable[[], set[locks.UnitMonth]] | None = None) -> bool: ...

        def _skip_dependent(self, row: Row, key: tuple, depends_on: str) -> None: ...

        def _values(self, row: Row, fields: Iterable[str], empty: dict[str, Any] | None = None) -> dict[str, Any]: ...

        def _tick(self, sheet: str, done: int, total: int) -> None: ...

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
        tree = {unit.pk: unit.parent_id for unit in self.units.values()}
        codes = {unit.pk: unit.code for unit in self.units.values()}
        total = len(ordered)
        for done, code in enumerate(ordered, start=1):
            row = rows[code]
            found = self.units.get(code)
            if found is None:
                next_order += 1
                unit = Unit(code=code, sort_order=next_order)
            else:
                unit = found
            values = self._values(row, ("name", "kind"))
            if row.has("parent"):
                parent = self.units[row.get("parent")] if row.get("parent") else None
                values["parent_id"] = parent.pk if parent else None
            before_parent, before_kind = unit.parent_id, unit.kind

            def months(unit: Unit = unit, before_parent: int | None = before_parent,
                       before_kind: str = before_kind, values: dict = values) -> set[locks.UnitMonth]:
                if unit.pk is None:
                    return set()
                return locks.unit_move_months(
                    unit.pk, parent_before=before_parent, parent_after=values.get("parent_id", before_parent),
                    kind_changed=values.get("kind", before_kind) != before_kind, tree=tree)

            self._row(row, (code,), unit, created=found is None, values=values, months=months,
                      shown_as={"parent_id": lambda pk: codes.get(pk, "—") if pk else "—"})
            self.units[code] = unit
            codes[unit.pk] = unit.code
            self._tick("units", done, total)

    def write_targets(self) -> None:
        if "targets" not in self.book.sheets:
            return
        rows = self.checker.target_rows
        years = {key[0] for key in rows}
        by_pk = {unit.pk: unit.code for unit in self.units.values()}
        existing = {
            (t.year, by_pk[t.unit_id], t.indicator, t.kind): t for t in Target.objects.filter(year__in=years)
        }
        for done, (key, row) in enumerate(rows.items(), start=1):
            found = existing.get(key)
            if found is None and self.units[key[1]].pk is None:
                self._skip_dependent(row, key, key[1])
                continue
            target = found or Target(year=key[0], unit=self.units[key[1]], indicator=key[2], kind=key[3])
            self._row(row, key, target, created=found is None, values=self._values(row, ("amount",)))
            self._tick("targets", done, len(rows))

    def write_projects(self) -> None:
        if "projects" not in self.book.sheets:
            return
        rows = self.checker.project_rows
        codes = {unit.pk: unit.code for unit in self.units.values()}
        total = len(rows)
        for done, (key, row) in enumerate(rows.items(), start=1):
            found = self.projects.get(key[0])
            if self.units[row.get("unit")].pk is None:
                self._skip_dependent(row, key, row.get("unit"))
                self.projects.setdefault(key[0], Project(code=key[0]))
                continue
            project = Project(code=key[0]) if found is None else found
            before = locks.ProjectFigures.of(project) if found is not None else None
            values = {"unit_id": self.units[row.get("unit")].pk, **self._values(row, PROJECT_VALUE_FIELDS)}

            def months(project: Project = project, before: locks.ProjectFigures | None = before,
                       values: dict[str, Any] = values) -> set[locks.UnitMonth]:
                after = locks.ProjectFigures.of(project_after(project, values))
                return locks.touched_months(before, after, arrival_months=locks.arrival_months(project.pk))

            self._row(row, key, project, created=found is None, values=values, months=months,
                      shown_as={"unit_id": lambda pk: codes.get(pk, "—")})
            self.projects[key[0]] = project
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
        for done, (key, row) in enumerate(rows.items(), start=1):
            found = existing.get(key)
            project = self.projects[key[0]]
            if found is None and project.pk is None:
                self._skip_dependent(row, key, key[0])
                continue
            arrival = found or Arrival(project=project, year=key[1], month=key[2], carry_over=key[3])
            self._row(row, key, arrival, created=found is None, values=self._values(row, ("amount",)),
                      months=partial(set, [(project.unit_id, key[1], key[2])]))
            self._tick("arrivals", done, len(rows))

    def write_keyed(self) -> None:
        """The sheets after arrivals (``workbook.keyed``): each row matched on its key, compared and written."""
        from workbook.keyed import KEYED_SHEETS

        context = self.checker.context
        context.units = self.units
        context.projects = self.projects
        for name, spec in KEYED_SHEETS.items():
            if name not in self.book.sheets:
                continue
            rows = self.checker.keyed_rows[name]
            existing = spec.existing(set(rows))
            for done, (key, row) in enumerate(rows.items(), start=1):
                found = existing.get(key)
                obj = found if found is not None else spec.new(key, context)
                if obj is None:
                    self._skip_dependent(row, key, spec.depends_on(key))
                    continue
                months = spec.months(obj)
                self._row(row, key, obj, created=found is None, values=self._values(row, spec.fields, spec.empty),
                          months=None if months is None else partial(set, months))
                spec.after_save(obj, row, context)
                self._tick(name, done, len(rows))


def project_after(project: Project, values: dict[str, Any]) -> Project:
    """A copy of ``project`` with ``values`` applied (to know what a change would move before making it)."""
    copy = Project(**{f.attname: getattr(project, f.attname) for f in Project._meta.concrete_fields})
    for name, value in values.items():
        setattr(copy, name, value)
    return copy

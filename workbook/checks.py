"""Pass 2 of an import, inside its transaction: checks across rows and against the database —
duplicate keys, references to units and projects in the file or the database, the unit tree (one city,
parents, no loops), a project's stage against its approval date."""
from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from projects.models import APPROVED_STAGES, PIPELINE_STAGES, Activity, Arrival, Country, Industry, Project
from projects.models.catalogues import Lookup
from units.models import Unit
from workbook.columns import KEYS
from workbook.reader import Book, Row


class Checker:
    """Cross-row checks; fills ``book.problems`` and leaves what the writer needs on itself."""

    def __init__(self, book: Book):
        self.book = book
        self.problems = book.problems

    def check(self) -> None:
        self.check_units()
        self.check_targets()
        self.check_projects()
        self.check_arrivals()
        self.check_keyed()

    # Helpers ---------------------------------------------------------------------------------------------

    def _rows(self, sheet: str) -> list[Row]:
        return self.book.sheets[sheet].rows if sheet in self.book.sheets else []

    def _keyed(self, sheet: str, describe: Callable[[tuple], str]) -> dict[tuple, Row]:
        """The sheet's rows by key; a second row with the same key is a problem naming both cells."""
        keys = KEYS[sheet]
        first: dict[tuple, Row] = {}
        for row in self._rows(sheet):
            # carry_over may be absent or empty (= no); every other key column must hold a good value.
            if not all(row.has(code) and row.valid(code) for code in keys if code != "carry_over"):
                continue
            if not row.valid("carry_over"):
                continue
            key = tuple(bool(row.get(code)) if code == "carry_over" else row.get(code) for code in keys)
            if key in first:
                anchor = keys[0]
                self.problems.add(
                    sheet, row.number, row.columns[anchor],
                    _("与 %(other)s 重复：%(key)s在文件中出现了两次。")
                    % {"other": first[key].ref(anchor), "key": describe(key)},
                )
            else:
                first[key] = row
        return first

    def _unknown(self, row: Row, code: str, message: str) -> None:
        self.problems.add(row.sheet, row.number, row.columns[code], message % {"code": row.get(code)})

    # Units -----------------------------------------------------------------------------------------------

    def check_units(self) -> None:
        self.db_units = {unit.code: unit for unit in Unit.objects.all()}
        db_codes = {unit.pk: unit.code for unit in self.db_units.values()}
        self.unit_rows = self._keyed("units", lambda key: _("单位代码“%(code)s”") % {"code": key[0]})
        self.unit_rows_by_code = {key[0]: row for key, row in self.unit_rows.items()}
        sheet = self.book.sheets.get("units")
        # Without a code column the units in the file cannot be known: references are not checked then.
        self.unit_refs_checkable = sheet is None or "code" in sheet.columns
        self.unit_codes = set(self.db_units) | {
            row.get("code") for row in self._rows("units") if row.has("code") and row.valid("code")
        }
        if sheet is None or not sheet.complete:
            return

        # The tree as it will be after the import: the database, overridden by the file.
        kind_of: dict[str, str | None] = {code: unit.kind for code, unit in self.db_units.items()}
        parent_of: dict[str, str | None] = {
            code: db_codes.get(unit.parent_id) if unit.parent_id else None for code, unit in self.db_units.items()
        }
        for code, row in ((key[0], row) for key, row in self.unit_rows.items()):
            kind_of[code] = row.get("kind") if row.valid("kind") else None
            if row.has("parent") and row.valid("parent"):
                parent_of[code] = row.get("parent")
            elif not row.has("parent") and code not in self.db_units:
                parent_of[code] = None

        for key, row in self.unit_rows.items():
            code, kind, parent = key[0], kind_of[key[0]], parent_of.get(key[0])
            parent_cell = row.columns.get("parent")
            if row.has("parent") and not row.valid("parent"):
                continue
            if parent is not None and parent not in kind_of:
                self._unknown(row, "parent", _("未知单位“%(code)s”。"))
                parent_of[code] = None
            elif kind == Unit.Kind.CITY and parent is not None:
                self.problems.add("units", row.number, parent_cell,
                                  _("市本级单位不能有上级单位（填的是“%(parent)s”）。") % {"parent": parent})
            elif kind is not None and kind != Unit.Kind.CITY and parent is None:
                self.problems.add("units", row.number, parent_cell or row.columns["code"],
                                  _("除市本级外，每个单位都必须填写上级单位。"))

        cities = sorted(
            (code for code, kind in kind_of.items() if kind == Unit.Kind.CITY),
            key=lambda code: (code in self.unit_rows_by_code, getattr(self.unit_rows_by_code.get(code), "number", 0)),
        )
        for code in cities[1:]:
            other = self.unit_rows_by_code.get(code)
            if other is not None:
                row = other
                first = self.unit_rows_by_code.get(cities[0])
                where = first.ref("kind") if first is not None else _("数据库中")
                self.problems.add("units", row.number, row.columns["kind"],
                                  _("只能有一个市本级单位，已有“%(city)s”（%(where)s）。") % {"city": cities[0], "where": where})

        self._check_loops(parent_of)

    def _check_loops(self, parent_of: dict[str, str | None]) -> None:
        rows = self.unit_rows_by_code
        reported: set[frozenset[str]] = set()
        for start in rows:
            path: list[str] = []
            seen: set[str] = set()
            code: str | None = start
            while code is not None and code not in seen:
                seen.add(code)
                path.append(code)
                code = parent_of.get(code)
            if code is None or code not in path:
                continue  # reaches the top, or joins a loop that does not pass through this unit
            loop = path[path.index(code):]
            if frozenset(loop) in reported:
                continue
            reported.add(frozenset(loop))
            # Report at the loop's unit that comes first in the file.
            anchor = min((c for c in loop if c in rows), key=lambda c: rows[c].number)
            row = rows[anchor]
            cell = row.columns.get("parent") or row.columns["code"]
            if len(loop) == 1:
                message = _("单位不能是自己的上级单位。")
            else:
                at = loop.index(anchor)
                chain = loop[at:] + loop[:at] + [anchor]
                message = _("上级单位形成循环：%(chain)s。") % {"chain": " → ".join(chain)}
            self.problems.add("units", row.number, cell, message)

    # Targets ---------------------------------------------------------------------------------------------

    def check_targets(self) -> None:
        self.target_rows = self._keyed(
            "targets",
            lambda key: _("%(year)s年 %(unit)s %(indicator)s %(kind)s 的目标")
            % {"year": key[0], "unit": key[1], "indicator": key[2], "kind": key[3]},
        )
        for row in self._rows("targets"):
            if row.has("unit") and row.valid("unit") and self.unit_refs_checkable and row.get("unit") not in self.unit_codes:
                self._unknown(row, "unit", _("未知单位“%(code)s”。"))

    # Projects --------------------------------------------------------------------------------------------

    def check_projects(self) -> None:
        self.db_projects = {project.code: project for project in Project.objects.all()}
        self.project_rows = self._keyed("projects", lambda key: _("项目编号“%(code)s”") % {"code": key[0]})
        sheet = self.book.sheets.get("projects")
        self.project_refs_checkable = sheet is None or "code" in sheet.columns
        self.project_codes = set(self.db_projects) | {
            row.get("code") for row in self._rows("projects") if row.has("code") and row.valid("code")
        }
        # Codes are unique whatever their case: "p001" beside "P001" is the same project typed twice.
        seen: dict[str, str] = {code.lower(): code for code in self.db_projects}
        for key, row in self.project_rows.items():
            code = key[0]
            other = seen.get(code.lower())
            if other is not None and other != code:
                self.problems.add("projects", row.number, row.columns["code"],
                                  _("项目编号“%(code)s”与“%(other)s”只有大小写不同，是同一个编号。")
                                  % {"code": code, "other": other})
            seen.setdefault(code.lower(), code)
        self.check_catalogued()
        self.check_activity_refs()
        city_codes = self.city_codes = {code for code, unit in self.db_units.items() if unit.kind == Unit.Kind.CITY} | {
            key[0] for key, r in self.unit_rows.items() if r.valid("kind") and r.get("kind") == Unit.Kind.CITY}
        for row in self._rows("projects"):
            if row.has("unit") and row.valid("unit") and self.unit_refs_checkable and row.get("unit") not in self.unit_codes:
                self._unknown(row, "unit", _("未知单位“%(code)s”。"))
            elif row.has("unit") and row.valid("unit") and row.get("unit") in city_codes:
                self.problems.add("projects", row.number, row.columns["unit"],
                                  _("市本级不能作为引进单位，请填写引进项目的开发区、乡镇或部门。"))
            if not (row.has("stage") and row.valid("stage", "approved_on")):
                continue
            existing = self.db_projects.get(row.get("code")) if row.valid("code") else None
            approved_on = row.get("approved_on") if row.has("approved_on") else getattr(existing, "approved_on", None)
            stage = row.get("stage")
            cell = row.columns.get("approved_on") or row.columns["stage"]
            stage_label = dict(Project.Stage.choices)[stage]
            if stage in APPROVED_STAGES and approved_on is None:
                self.problems.add("projects", row.number, cell,
                                  _("项目阶段为“%(stage)s”，必须填写批准日期。") % {"stage": stage_label})
            elif stage not in APPROVED_STAGES and approved_on is not None:
                self.problems.add("projects", row.number, cell,
                                  _("项目阶段为“%(stage)s”（尚未批准），不能有批准日期。") % {"stage": stage_label})
            if stage == Project.Stage.DROPPED:
                reason = row.get("dropped_reason") if row.has("dropped_reason") else getattr(existing, "dropped_reason", "")
                if existing is not None and existing.stage in APPROVED_STAGES:
                    self.problems.add("projects", row.number, row.columns["stage"],
                                      _("已批准的项目不能终止或放弃；如是误录，请在系统中删除（撤回）该项目。"))
                elif not (reason or "").strip():
                    self.problems.add("projects", row.number, row.columns["stage"],
                                      _("终止/放弃的项目请在“终止/放弃原因”列填写原因。"))

    def check_activity_refs(self) -> None:
        """A project's activity is the code of an activity in the database or in the file's activities sheet."""
        rows = [row for row in self._rows("projects") if row.has("activity") and row.valid("activity") and row.get("activity")]
        if not rows:
            return
        known = set(Activity.objects.values_list("code", flat=True)) | {
            row.get("code") for row in self._rows("activities") if row.has("code") and row.valid("code")}
        for row in rows:
            if row.get("activity") not in known:
                self._unknown(row, "activity", _("未知招商活动“%(code)s”（请在招商活动表中登记）。"))

    def check_catalogued(self) -> None:
        """Industry and country are names from the lists staff keep: an alias becomes the listed name,
        anything else is a problem in its cell (one query per list)."""
        for field, model in (("industry", Industry), ("country", Country)):
            rows = [row for row in self._rows("projects") if row.has(field) and row.valid(field) and row.get(field)]
            if not rows:
                continue
            lookup = Lookup(model)
            for row in rows:
                name = lookup.get(row.get(field))
                if name is None:
                    self.problems.add("projects", row.number, row.columns[field], lookup.unknown_message(row.get(field)))
                else:
                    row.values[field] = name

    # Arrivals --------------------------------------------------------------------------------------------

    def check_arrivals(self) -> None:
        def describe(key: tuple) -> str:
            suffix = _("（上年结余）") if key[3] else ""
            return _("项目“%(project)s”%(year)s年%(month)s月%(suffix)s的到帐") % {
                "project": key[0], "year": key[1], "month": key[2], "suffix": suffix,
            }

        self.arrival_rows = self._keyed("arrivals", describe)
        # As the monthly page: arrivals only for projects that are approved (or already have arrivals).
        stage_after = {code: project.stage for code, project in self.db_projects.items()}
        stage_after.update({key[0]: row.get("stage") for key, row in self.project_rows.items()
                            if row.has("stage") and row.valid("stage")})
        with_arrivals = set(Arrival.objects.values_list("project__code", flat=True).distinct()) if self.arrival_rows else set()
        for row in self._rows("arrivals"):
            if (
                row.has("project") and row.valid("project") and self.project_refs_checkable
                and row.get("project") not in self.project_codes
            ):
                self._unknown(row, "project", _("未知项目“%(code)s”。"))
            elif (row.has("project") and row.valid("project") and stage_after.get(row.get("project")) in PIPELINE_STAGES
                  and row.get("project") not in with_arrivals):
                self.problems.add("arrivals", row.number, row.columns["project"],
                                  _("项目“%(code)s”尚未批准（在谈或签约），不能有到帐；请先把项目改为批准并填写批准日期。")
                                  % {"code": row.get("project")})

    # The sheets after arrivals (workbook.keyed) ---------------------------------------------------------

    def check_keyed(self) -> None:
        from workbook.keyed import KEYED_SHEETS, Context

        city = next((u.name for u in self.db_units.values() if u.kind == Unit.Kind.CITY), None)
        self.context = Context(unit_codes=self.unit_codes, units_checkable=self.unit_refs_checkable, city_name=city,
                               city_codes=self.city_codes, project_codes=self.project_codes)
        self.keyed_rows: dict[str, dict[tuple, Row]] = {}
        for name, spec in KEYED_SHEETS.items():
            if name not in self.book.sheets:
                continue
            self.keyed_rows[name] = self._keyed(name, spec.describe)
            for row in self._rows(name):
                spec.check(row, self.context, self.problems)

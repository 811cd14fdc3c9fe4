"""Exporting the data workbook: the same shape the importer reads, text kept as text, round trip exact."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from projects.models import Arrival, Industry, Project
from targets.models import Target
from tests.workbook.conftest import good_sheets, make_xlsx, snapshot
from units.models import Unit
from workbook.columns import SHEETS
from workbook.exporter import export_workbook
from workbook.importer import import_workbook
from workbook.summary import WorkbookError

pytestmark = pytest.mark.django_db

FORMULA_LIKE = ['=HYPERLINK("http://x","y")', "+86 机械", "-减资项目", "@SUM(A1)"]


def exported() -> io.BytesIO:
    buffer = io.BytesIO()
    export_workbook(buffer, codes=True)  # the codes: these tests read the shape; the Chinese one below
    buffer.seek(0)
    return buffer


def test_the_export_has_every_sheet_with_codes_in_the_header_and_codes_for_choices(good_workbook):
    import_workbook(good_workbook)

    wb = load_workbook(exported())

    assert wb.sheetnames == ["units", "targets", "projects", "arrivals", "figures", "assessment", "awards", "activities", "milestones", "problems", "peers"]
    for name, columns in SHEETS.items():
        assert [cell.value for cell in wb[name][1]] == [column.code for column in columns]
    projects = list(wb["projects"].iter_rows(min_row=2, values_only=True))
    assert projects[0] == ("P001", "精密机械", "kfq", "new", "approved", dt.datetime(2007, 3, 15), 1500, "某株式会社",
                           "日本", "机械", "yes", "no", 3000, "no", None, None, None, 1)
    assert projects[1][3:7] == ("increase", "funded", dt.datetime(2007, 5, 2), 300.25)
    assert projects[1][7] is None and projects[1][10] == "no" and projects[1][12] is None
    assert wb["projects"]["F2"].is_date
    assert list(wb["arrivals"].iter_rows(min_row=2, values_only=True))[0] == ("P001", 2007, 1, 100, "no", 1)
    # The version column is there for the importer's conflict check, hidden from the person editing.
    assert wb["projects"].column_dimensions["R"].hidden


def test_units_are_exported_parents_first(city):
    # Codes and sort orders chosen so that a plain sort would put a child before its parent.
    zone = Unit.objects.create(code="a-zone", name="园区", kind="development_zone", parent=city, sort_order=5)
    Unit.objects.create(code="a-town", name="园区下的镇", kind="township", parent=zone, sort_order=1)
    Unit.objects.filter(code="city").update(sort_order=9)

    rows = list(load_workbook(exported())["units"].iter_rows(min_row=2, values_only=True))

    assert [row[0] for row in rows] == ["city", "a-zone", "a-town"]
    assert rows[2] == ("a-town", "园区下的镇", "township", "a-zone", 1)


def test_importing_an_export_changes_nothing(good_workbook):
    import_workbook(good_workbook)
    sheets = good_sheets()
    sheets["targets"][1][4] = 24000.5  # a version 2 row, so versions are compared too
    import_workbook(make_xlsx(sheets))
    before = snapshot()

    summary = import_workbook(exported())

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 14)
    assert snapshot() == before


def test_an_export_imports_into_an_empty_database_as_the_same_data(good_workbook):
    import_workbook(good_workbook)
    before = snapshot()
    workbook = exported()
    Arrival.objects.all().delete()
    Project.objects.all().delete()
    Target.objects.all().delete()
    Unit.objects.exclude(kind="city").delete()  # children before the city they point to
    Unit.objects.all().delete()

    # The rows were deleted in the portal after the export (their history says so): an old file does not
    # bring them back unless staff choose to (the upload page's ticks; the command's --overwrite).
    refused = import_workbook(workbook)
    assert refused.created == 0 and len(refused.conflicts) == refused.sheets["units"].total + sum(
        refused.sheets[s].total for s in ("targets", "projects", "arrivals"))
    assert not Unit.objects.exists()
    workbook.seek(0)
    from workbook.management.commands.import_workbook import ALL

    import_workbook(workbook, overwrite=ALL)
    after = snapshot()

    for name in ("targets", "arrivals"):
        assert sorted(after[name]) == sorted(before[name])
    assert [row[:-1] for row in after["projects"]] == [row[:-1] for row in before["projects"]]  # not updated_at
    assert [row[:4] for row in after["units"]] == [row[:4] for row in before["units"]]


def test_names_that_look_like_formulas_are_written_as_text_and_come_back_intact(city):
    for index, text in enumerate(FORMULA_LIKE):
        unit = Unit.objects.create(code=f"u{index}", name=text, kind="township", parent=city)
        Industry.objects.create(name=text)  # a list entry may look like a formula too
        Project.objects.create(code=f"P{index}", name=text, unit=unit, registered_fdi=1, investor=text, industry=text)
    before = snapshot()
    workbook = exported()

    wb = load_workbook(io.BytesIO(workbook.getvalue()))  # not data_only: a formula would show as one
    # units: row 2 is the city; projects: one per name from row 2.
    for sheet, column, first in (("units", "B", 3), ("projects", "B", 2), ("projects", "H", 2), ("projects", "J", 2)):
        cells = [wb[sheet][f"{column}{row}"] for row in range(first, first + len(FORMULA_LIKE))]
        assert [cell.value for cell in cells] == FORMULA_LIKE
        assert {cell.data_type for cell in cells} == {"s"}
    with zipfile.ZipFile(io.BytesIO(workbook.getvalue())) as archive:
        assert not any(b"<f>" in archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/"))

    summary = import_workbook(workbook)

    assert summary.unchanged == summary.sheets["units"].total + summary.sheets["projects"].total
    assert snapshot() == before
    assert sorted(Project.objects.values_list("name", flat=True)) == sorted(FORMULA_LIKE)


def test_the_export_can_be_written_to_a_path(tmp_path, good_workbook):
    import_workbook(good_workbook)
    path = tmp_path / "导出.xlsx"

    counts = export_workbook(path)

    assert counts == {"units": 4, "targets": 3, "projects": 3, "arrivals": 4, "figures": 0, "assessment": 0, "awards": 0, "milestones": 0, "problems": 0, "activities": 0, "peers": 0}
    assert import_workbook(path).unchanged == 14


def test_the_workbook_a_clerk_edits_is_in_chinese_and_round_trips(good_workbook):
    import_workbook(good_workbook)
    buffer = io.BytesIO()
    export_workbook(buffer)
    wb = load_workbook(io.BytesIO(buffer.getvalue()))
    assert wb.sheetnames[:5] == ["说明", "单位", "目标", "项目", "到帐记录"]
    projects = wb["项目"]
    assert [c.value for c in projects[1]][:5] == ["项目编号", "项目名称", "引进单位", "项目类型", "项目阶段"]
    first = [c.value for c in projects[2]]
    assert first[3:5] == ["新设", "批准"] and first[10] == "是"  # choices and yes/no as the clerk reads them
    rules = {str(v.sqref): v.formula1 for v in projects.data_validations.dataValidation}
    assert rules["D2:D1048576"] == '"新设,增资,并购"' and "在谈" in rules["E2:E1048576"] and rules["K2:K1048576"] == '"是,否"'
    assert any(row[0] == "项目" and row[1] == "项目阶段" for row in wb["说明"].iter_rows(values_only=True))
    before = snapshot()
    summary = import_workbook(io.BytesIO(buffer.getvalue()))
    assert snapshot() == before and not summary.changed  # importing the Chinese export changes nothing


def test_the_template_has_headers_drop_downs_and_notes_but_no_rows(good_workbook):
    import_workbook(good_workbook)
    buffer = io.BytesIO()
    counts = export_workbook(buffer, empty=True)
    wb = load_workbook(io.BytesIO(buffer.getvalue()))
    assert set(counts.values()) == {0} and wb["单位"].max_row == 1
    assert wb["目标"].data_validations.dataValidation  # 指标 and 目标类别 as lists


def test_a_problem_in_a_chinese_workbook_names_the_sheet_as_the_file_does(good_workbook):
    import_workbook(good_workbook)
    buffer = io.BytesIO()
    export_workbook(buffer)
    wb = load_workbook(io.BytesIO(buffer.getvalue()))
    wb["项目"]["E2"] = "洽谈中"  # not a stage
    edited = io.BytesIO()
    wb.save(edited)
    edited.seek(0)
    with pytest.raises(WorkbookError) as error:
        import_workbook(edited)
    assert "项目!E2:" in str(error.value) and "projects!E2" not in str(error.value)

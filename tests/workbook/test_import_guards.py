"""The importer's guards against a hurried clerk's file: absurd numbers, endless problems, huge sheets."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from projects.models import Project
from tests.workbook.conftest import good_sheets, make_xlsx, snapshot
from units.models import Unit
from workbook import reader
from workbook.importer import WorkbookError, import_workbook
from workbook.problems import MAX_PROBLEMS

pytestmark = pytest.mark.django_db

UNITS = [["code", "name", "kind", "parent"], ["city", "示范市", "city", None], ["t01", "甲镇", "township", "city"]]


def refused(sheets) -> list[str]:
    with pytest.raises(WorkbookError) as error:
        import_workbook(make_xlsx(sheets))
    return error.value.problems


def test_an_amount_like_1e30_is_named_at_its_cell():
    projects = [["code", "name", "unit", "type", "stage", "registered_fdi"], ["P1", "甲", "t01", "new", "negotiating", 1e30]]
    assert refused({"units": UNITS, "projects": projects}) == [
        "projects!F2: 金额超过1,000,000万美元，请核对是否以万美元为单位填写。"]


def test_reading_stops_at_200_problems_and_says_there_are_more():
    projects = [["code", "name", "unit", "type", "stage", "registered_fdi"]]
    projects += [[f"P{i}", "甲", "t01", "new", "negotiating", -1] for i in range(500)]
    problems = refused({"units": UNITS, "projects": projects})
    assert len(problems) == MAX_PROBLEMS + 1
    assert problems[-1].startswith("问题已超过200处，读取到此为止，还有更多问题未列出")
    assert not Unit.objects.exists()


def test_a_sheet_past_the_row_limit_is_refused_without_reading_on(monkeypatch):
    monkeypatch.setattr(reader, "MAX_ROWS", 50)
    projects = [["code", "name", "unit", "type", "stage", "registered_fdi"]]
    projects += [[f"P{i}", "甲", "t01", "new", "negotiating", 1] for i in range(200)]
    problems = refused({"units": UNITS, "projects": projects})
    assert problems == ["projects!51:51: 工作表超过50行（含空行），无法导入；请删除多余的行或分成几个文件分别导入。"]
    assert not Project.objects.exists()


def test_a_sheet_past_the_column_limit_is_refused(monkeypatch):
    monkeypatch.setattr(reader, "MAX_COLUMNS", 8)
    row = ["city", "示范市", "city", None, None, None, None, None, "多余"]
    problems = refused({"units": [["code", "name", "kind", "parent"], row]})
    assert problems == ["units!I2: 工作表超过8列，无法导入。"]


def test_the_command_lists_changes_in_a_dry_run_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "data.xlsx"
    path.write_bytes(make_xlsx(good_sheets()).getvalue())
    before = snapshot()
    out = io.StringIO()
    call_command("import_workbook", str(path), "--dry-run", stdout=out)
    assert "预览（尚未导入）" in out.getvalue() and "projects P001：新增" in out.getvalue()
    assert snapshot() == before
    call_command("import_workbook", str(path), stdout=io.StringIO())
    assert Project.objects.count() == 3

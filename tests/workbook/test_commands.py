"""``import_workbook`` / ``export_workbook``: summary on success, every problem on stderr and a non-zero exit."""
from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import OutputWrapper

from projects.models import Project
from tests.workbook.conftest import good_sheets, make_xlsx, snapshot
from workbook.management.commands.import_workbook import Command as ImportCommand
from workbook.management.commands.import_workbook import TerminalProgress

pytestmark = pytest.mark.django_db


@pytest.fixture
def good_file(tmp_path, good_workbook):
    path = tmp_path / "good.xlsx"
    path.write_bytes(good_workbook.getvalue())
    return path


@pytest.fixture
def bad_file(tmp_path):
    sheets = good_sheets()
    sheets["targets"][2][1] = "x99"
    sheets["arrivals"][2][3] = -1
    sheets["arrivals"][3][2] = 13
    path = tmp_path / "bad.xlsx"
    path.write_bytes(make_xlsx(sheets).getvalue())
    return path


def test_the_import_command_prints_the_summary(good_file):
    out = io.StringIO()

    call_command("import_workbook", str(good_file), stdout=out)

    assert out.getvalue() == (
        "导入完成：单位新增4、更新0、未变0；目标新增3、更新0、未变0；项目新增3、更新0、未变0；到帐记录新增4、更新0、未变0。\n")
    assert Project.objects.count() == 3


def test_the_import_command_lists_every_problem_and_imports_nothing(bad_file):
    err = io.StringIO()

    with pytest.raises(CommandError, match="工作簿有3处问题，未导入任何数据。"):
        call_command("import_workbook", str(bad_file), stderr=err)

    assert err.getvalue().splitlines() == [
        "targets!B3: 未知单位“x99”。",
        "arrivals!D3: 金额不能为负数。",
        "arrivals!C4: 月份必须在1到12之间（实际为13）。",
    ]
    assert snapshot()["units"] == [] and Project.objects.count() == 0


def test_the_import_command_exits_non_zero_on_problems(bad_file, capsys, monkeypatch):
    # run_from_argv closes every connection afterwards; the test's transaction needs this one open.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)

    with pytest.raises(SystemExit) as exit_:
        ImportCommand().run_from_argv(["manage.py", "import_workbook", str(bad_file)])

    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "targets!B3: 未知单位“x99”。" in err
    assert "CommandError: 工作簿有3处问题，未导入任何数据。" in err


def test_the_import_command_refuses_a_file_that_is_no_workbook(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("不是工作簿")
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_workbook", str(path), stderr=err)

    assert err.getvalue() == "文件不是 Excel 工作簿（.xlsx），无法导入。\n"


def test_the_export_command_writes_a_file_that_imports_as_nothing_changed(good_file, tmp_path):
    call_command("import_workbook", str(good_file), stdout=io.StringIO())
    target = tmp_path / "export.xlsx"
    out = io.StringIO()

    call_command("export_workbook", str(target), stdout=out)
    assert out.getvalue() == f"已导出到 {target}：单位4行、目标3行、项目3行、到帐记录4行、报送指标0行、考核办法0行、奖励办法0行、招商活动0行、项目节点0行、困难问题0行、兄弟县市0行。\n"
    before = snapshot()
    out = io.StringIO()
    call_command("import_workbook", str(target), stdout=out)

    assert "单位新增0、更新0、未变4" in out.getvalue()
    assert snapshot() == before


def test_progress_on_a_terminal_is_one_line_rewritten_every_few_hundred_rows():
    buffer = io.StringIO()
    progress = TerminalProgress(OutputWrapper(buffer))

    for done in range(1, 11):
        progress("units", done, 10)  # small sheets show nothing
    for done in range(1, 651):
        progress("arrivals", done, 650)

    assert buffer.getvalue() == (
        "\r正在写入 arrivals：200/650\r正在写入 arrivals：400/650\r正在写入 arrivals：600/650\r正在写入 arrivals：650/650\n")

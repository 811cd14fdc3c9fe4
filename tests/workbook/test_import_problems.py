"""A bad workbook imports nothing, and names every problem at its cell (``sheet!cell: message``)."""
from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError

from projects.models import Arrival
from tests.workbook.conftest import good_sheets, make_xlsx, snapshot
from units.models import Unit
from workbook.importer import WorkbookError, import_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(good_workbook) -> None:
    """The database already holds the good workbook, so "unchanged" is tested against real rows."""
    import_workbook(good_workbook)


def refused(sheets: dict[str, list[list[Any]]]) -> list[str]:
    """Import ``sheets``, expect a refusal, check nothing in the database moved; the problems."""
    before = snapshot()
    with pytest.raises(WorkbookError) as caught:
        import_workbook(make_xlsx(sheets))
    assert snapshot() == before
    return caught.value.problems


def test_an_unknown_unit_is_named_at_its_cell(imported):
    sheets = good_sheets()
    sheets["targets"][2][1] = "x99"
    sheets["projects"][3][2] = "x98"

    assert refused(sheets) == ["targets!B3: 未知单位“x99”。", "projects!C4: 未知单位“x98”。"]


def test_an_unknown_project_is_named_at_its_cell(imported):
    sheets = good_sheets()
    sheets["arrivals"][2][0] = "P404"

    assert refused(sheets) == ["arrivals!A3: 未知项目“P404”。"]


def test_a_negative_amount_is_refused(imported):
    sheets = good_sheets()
    sheets["arrivals"][2][3] = -100

    assert refused(sheets) == ["arrivals!D3: 金额不能为负数。"]


def test_month_13_is_refused(imported):
    sheets = good_sheets()
    sheets["arrivals"][4][2] = 13

    assert refused(sheets) == ["arrivals!C5: 月份必须在1到12之间（实际为13）。"]


def test_text_where_a_number_belongs_is_refused(imported):
    sheets = good_sheets()
    sheets["targets"][1][4] = "两万四"
    sheets["targets"][2][0] = "2007年度"
    sheets["arrivals"][1][2] = 1.5

    assert refused(sheets) == [
        "targets!E2: “两万四”不是数字，请填写金额（万美元）。",
        "targets!A3: 应为整数，实际是“2007年度”。",
        "arrivals!C2: 应为整数，实际是“1.5”。",
    ]


def test_text_where_a_date_belongs_is_refused(imported):
    sheets = good_sheets()
    sheets["projects"][1][5] = "三月中旬"
    sheets["projects"][2][5] = "2007-02-30"

    assert refused(sheets) == [
        "projects!F2: 应为日期（如 2007-03-15），实际是“三月中旬”。",
        "projects!F3: 应为日期（如 2007-03-15），实际是“2007-02-30”。",
    ]


def test_a_duplicate_key_inside_the_file_names_both_cells(imported):
    sheets = good_sheets()
    sheets["units"].append(["kfq", "开发区（重复）", "development_zone", "city"])
    sheets["targets"].append([2007, "kfq", "registered_fdi", "stretch", 1])
    sheets["projects"].append(list(sheets["projects"][1]))
    sheets["arrivals"].append(["P001", 2007, None, 5, "yes"])  # a carry-over is January: same key as row 2

    assert refused(sheets) == [
        "units!A6: 与 units!A3 重复：单位代码“kfq”在文件中出现了两次。",
        "targets!A5: 与 targets!A3 重复：2007年 kfq registered_fdi stretch 的目标在文件中出现了两次。",
        "projects!A5: 与 projects!A2 重复：项目编号“P001”在文件中出现了两次。",
        "arrivals!A6: 与 arrivals!A2 重复：项目“P001”2007年1月（上年结余）的到帐在文件中出现了两次。",
    ]


def test_a_parent_chain_that_loops_inside_the_file_is_refused(imported):
    sheets = {"units": [
        ["code", "name", "kind", "parent"],
        ["a", "甲", "township", "b"],
        ["b", "乙", "township", "c"],
        ["c", "丙", "township", "a"],
        ["s", "自己", "department", "s"],
    ]}

    assert refused(sheets) == [
        "units!D2: 上级单位形成循环：a → b → c → a。",
        "units!D5: 单位不能是自己的上级单位。",
    ]


def test_a_parent_chain_that_loops_through_the_database_is_refused(imported):
    # t01 is stored under the city; the file moves it under a new unit whose parent is t01 itself.
    sheets = {"units": [
        ["code", "name", "kind", "parent"],
        ["t01", "海门镇", "township", "z1"],
        ["z1", "新园区", "development_zone", "t01"],
    ]}
    assert refused(sheets) == ["units!D2: 上级单位形成循环：t01 → z1 → t01。"]

    # Only one row in the file, the rest of the loop stored: d01 stays under t01 in the database.
    Unit.objects.filter(code="d01").update(parent=Unit.objects.get(code="t01"))
    sheets = {"units": [["code", "name", "kind", "parent"], ["t01", "海门镇", "township", "d01"]]}
    assert refused(sheets) == ["units!D2: 上级单位形成循环：t01 → d01 → t01。"]


def test_a_unit_without_a_parent_and_a_second_city_are_refused(imported):
    sheets = {"units": [
        ["code", "name", "kind", "parent"],
        ["t09", "无上级镇", "township", None],
        ["city2", "另一个市", "city", None],
        ["city3", "有上级的市", "city", "city"],
    ]}

    assert refused(sheets) == [
        "units!D2: 除市本级外，每个单位都必须填写上级单位。",
        "units!C3: 只能有一个市本级单位，已有“city”（数据库中）。",
        "units!C4: 只能有一个市本级单位，已有“city”（数据库中）。",
        "units!D4: 市本级单位不能有上级单位（填的是“city”）。",
    ]


def test_two_cities_in_an_empty_database_name_the_first():
    sheets = {"units": [["code", "name", "kind", "parent"], ["c1", "甲市", "city", None], ["c2", "乙市", "市", None]]}

    assert refused(sheets) == ["units!C3: 只能有一个市本级单位，已有“c1”（units!C2）。"]


def test_an_unknown_column_is_named_at_its_header_cell(imported):
    sheets = good_sheets()
    sheets["units"][0].append("备注")
    sheets["units"][1].append("随便写写")

    assert refused(sheets) == [
        "units!E1: 未知列“备注”。本表的列：code（代码）、name（名称）、kind（类别）、parent（上级单位）、version（版本（请勿修改））"]


def test_data_under_an_empty_header_is_not_silently_dropped(imported):
    sheets = good_sheets()
    sheets["targets"][0].extend([None, None])
    sheets["targets"][3].extend([None, "备注"])

    assert refused(sheets) == ["targets!G1: 该列有数据（如 G4）但没有列标题。"]


def test_a_missing_required_column_names_the_header_row(imported):
    sheets = good_sheets()
    for row in sheets["projects"]:
        del row[4]  # stage

    assert refused(sheets) == ["projects!1:1: 缺少必填列：stage（项目阶段）"]


def test_a_column_given_twice_is_refused(imported):
    sheets = good_sheets()
    sheets["units"][0][3] = "名称"

    assert refused(sheets) == ["units!D1: 列“名称”与 B1 是同一列，重复了。"]


def test_an_unknown_choice_value_lists_the_choices(imported):
    sheets = good_sheets()
    sheets["projects"][1][3] = "独资"
    sheets["targets"][1][2] = "imports"

    assert refused(sheets) == [
        "targets!C2: 未知的取值“imports”，可选：registered_fdi（新批注册外资）、paid_in_fdi（注册外资实际到帐）、"
        "trade_total（进出口总额）、exports（出口总额）、outward_revenue（外经营业额）、grafted_fdi（嫁接引资（新批注册外资））",
        "projects!D2: 未知的取值“独资”，可选：new（新设）、increase（增资）、merger（并购）",
    ]


def test_stage_and_approval_date_must_agree(imported):
    sheets = good_sheets()
    sheets["projects"][1][5] = None  # P001 approved, no date
    sheets["projects"][3][5] = "2007-08-01"  # P003 negotiating, with a date

    assert refused(sheets) == [
        "projects!F2: 项目阶段为“批准”，必须填写批准日期。",
        "projects!F4: 项目阶段为“在谈”（尚未批准），不能有批准日期。",
    ]


def test_a_carry_over_in_another_month_than_january_is_refused(imported):
    sheets = good_sheets()
    sheets["arrivals"][1][2] = 3

    assert refused(sheets) == ["arrivals!C2: 上年结余计入当年1月，月份应为1或留空（实际为3）。"]


def test_a_year_out_of_range_and_an_absurd_amount_are_refused(imported):
    sheets = good_sheets()
    sheets["targets"][1][0] = 207
    sheets["arrivals"][2][3] = 20_000_000

    assert refused(sheets) == [
        "targets!A2: 年度必须在1990到2100之间（207）。",
        "arrivals!D3: 金额超过1,000,000万美元，请核对是否以万美元为单位填写。",
    ]


def test_an_empty_required_cell_a_bad_yes_no_and_a_too_long_code_are_refused(imported):
    sheets = good_sheets()
    sheets["projects"][2][1] = "  "
    sheets["projects"][2][10] = "也许"
    sheets["units"].append(["x" * 33, "长代码", "department", "city"])

    assert refused(sheets) == [
        "units!A6: 不能超过32个字符（现有33个）。",
        "projects!B3: 必填，不能为空。",
        "projects!K3: 应为 yes 或 no（是/否），实际是“也许”。",
    ]


def test_every_problem_is_listed_at_once_in_sheet_order(imported):
    sheets = good_sheets()
    sheets["arrivals"][1][3] = -1
    sheets["units"][3][3] = "nowhere"
    sheets["targets"][3][1] = "x99"
    sheets["projects"][0].append("备注")

    assert refused(sheets) == [
        "units!D4: 未知单位“nowhere”。",
        "targets!B4: 未知单位“x99”。",
        "projects!M1: 未知列“备注”。本表的列：code（项目编号）、name（项目名称）、unit（引进单位）、type（项目类型）、"
        "stage（项目阶段）、approved_on（批准日期）、registered_fdi（注册外资（万美元））、investor（投资方）、"
        "country（国别/地区）、industry（行业）、backbone（骨干企业招商）、grafted（嫁接引资）、total_investment（总投资（万美元））、key（重点项目）、leader（联系领导）、activity（来源活动）、dropped_reason（终止/放弃原因）、version（版本（请勿修改））",
        "arrivals!D2: 金额不能为负数。",
    ]


def test_a_database_error_while_writing_rolls_everything_back(imported, monkeypatch):
    sheets = good_sheets()
    sheets["units"].append(["t02", "新镇", "township", "city"])  # written first…
    sheets["targets"][1][4] = 1  # …then this update…
    sheets["arrivals"][4][3] = 99  # …and this one fails
    original_save = Arrival.save

    def failing_save(self, *args, **kwargs):
        if self.amount == 99:
            raise IntegrityError("模拟的数据库错误")
        return original_save(self, *args, **kwargs)

    monkeypatch.setattr(Arrival, "save", failing_save)

    assert refused(sheets) == ["arrivals!A5: 写入数据库失败，未导入任何数据：模拟的数据库错误"]
    assert not Unit.objects.filter(code="t02").exists()


def test_a_workbook_with_no_known_sheet_is_refused():
    assert refused({"Sheet1": [["a", "b"], [1, 2]]}) == [
        "未知工作表“Sheet1”。可导入的工作表：units（单位）、targets（目标）、projects（项目）、arrivals（到帐记录）、figures（报送指标）、assessment（考核办法）、awards（奖励办法）、activities（招商活动）、milestones（项目节点）、problems（困难问题）、peers（兄弟县市）（可用代码或中文名）。"]


def test_problems_are_sorted_by_row_then_column_not_as_text(imported):
    sheets = good_sheets()
    for _ in range(10):
        sheets["targets"].append([2008, "t01", "paid_in_fdi", "stretch", 1])
    problems = refused(sheets)

    assert problems[0].startswith("targets!A6: 与 targets!A5 重复")
    assert problems[-1].startswith("targets!A14: 与 targets!A5 重复")

"""Importing a good data workbook: rows land with their values, and importing again changes nothing."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from projects.models import Arrival, Project
from targets.models import Target
from tests.workbook.conftest import good_sheets, make_xlsx, snapshot
from units.models import Unit
from workbook.importer import WorkbookError, import_workbook

pytestmark = pytest.mark.django_db


def test_a_good_workbook_creates_every_row_with_its_values(good_workbook):
    summary = import_workbook(good_workbook)

    assert {name: (c.created, c.updated, c.unchanged) for name, c in summary.sheets.items()} == {
        "units": (4, 0, 0), "targets": (3, 0, 0), "projects": (3, 0, 0), "arrivals": (4, 0, 0),
    }
    assert str(summary) == (
        "导入完成：单位新增4、更新0、未变0；目标新增3、更新0、未变0；项目新增3、更新0、未变0；到帐记录新增4、更新0、未变0。"
    )
    assert list(Unit.objects.order_by("sort_order").values_list("code", "kind", "parent__code")) == [
        ("city", "city", None), ("kfq", "development_zone", "city"),
        ("t01", "township", "city"), ("d01", "department", "city"),
    ]
    assert list(Target.objects.order_by("unit__code", "kind").values_list("year", "unit__code", "indicator", "kind", "amount", "version")) == [
        (2007, "kfq", "registered_fdi", "assessment", Decimal("24000.00"), 1),
        (2007, "kfq", "registered_fdi", "stretch", Decimal("35000.00"), 1),
        (2007, "t01", "paid_in_fdi", "assessment", Decimal("1200.50"), 1),
    ]
    p1, p2, p3 = Project.objects.order_by("code")
    assert (p1.name, p1.unit.code, p1.type, p1.stage, p1.approved_on, p1.registered_fdi) == (
        "精密机械", "kfq", "new", "approved", dt.date(2007, 3, 15), Decimal("1500.00"))
    assert (p1.investor, p1.country, p1.industry, p1.backbone, p1.total_investment) == (
        "某株式会社", "日本", "机械", True, Decimal("3000.00"))
    assert (p2.type, p2.stage, p2.approved_on, p2.registered_fdi, p2.investor, p2.backbone, p2.total_investment) == (
        "increase", "funded", dt.date(2007, 5, 2), Decimal("300.25"), "", False, None)
    assert (p3.stage, p3.approved_on, p3.backbone) == ("negotiating", None, False)
    assert list(Arrival.objects.order_by("project__code", "month", "-carry_over").values_list(
        "project__code", "year", "month", "amount", "carry_over")) == [
        ("P001", 2007, 1, Decimal("200.00"), True),
        ("P001", 2007, 1, Decimal("100.00"), False),
        ("P001", 2007, 4, Decimal("300.00"), False),
        ("P002", 2007, 6, Decimal("50.50"), False),
    ]
    assert Project.history.count() == 3 and Arrival.history.count() == 4 and Target.history.count() == 3
    assert Project.history.first().history_change_reason == "导入数据工作簿"


def test_importing_the_same_workbook_twice_changes_nothing(good_workbook):
    import_workbook(good_workbook)
    before = snapshot()

    summary = import_workbook(make_xlsx(good_sheets()))

    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 14)
    assert not summary.changed
    assert snapshot() == before  # same values, same versions, same updated_at, no new history rows


def test_a_changed_row_is_updated_and_its_version_bumped_the_others_left_alone(good_workbook):
    import_workbook(good_workbook)
    sheets = good_sheets()
    sheets["targets"][1][4] = 25000  # kfq registered assessment 24000 → 25000
    sheets["projects"][2][1] = "纺织增资二期"  # P002 renamed
    sheets["arrivals"][3][3] = 350  # P001 April 300 → 350
    history = (Target.history.count(), Project.history.count(), Arrival.history.count())

    summary = import_workbook(make_xlsx(sheets))

    assert [(c.created, c.updated, c.unchanged) for c in summary.sheets.values()] == [
        (0, 0, 4), (0, 1, 2), (0, 1, 2), (0, 1, 3)]
    target = Target.objects.get(unit__code="kfq", kind="assessment")
    assert (target.amount, target.version) == (Decimal("25000.00"), 2)
    assert Target.objects.get(unit__code="kfq", kind="stretch").version == 1
    assert (Project.objects.get(code="P002").name, Project.objects.get(code="P002").version) == ("纺织增资二期", 2)
    assert Project.objects.get(code="P001").version == 1
    assert Arrival.objects.get(project__code="P001", month=4).version == 2
    assert (Target.history.count(), Project.history.count(), Arrival.history.count()) == (
        history[0] + 1, history[1] + 1, history[2] + 1)


def test_a_unit_moved_to_a_new_parent_later_in_the_file_is_saved_after_it(good_workbook):
    import_workbook(good_workbook)
    sheets = {"units": [
        ["code", "name", "kind", "parent"],
        ["d01", "招商局", "department", "kfq2"],  # its parent is created two rows further down
        ["t02", "新镇", "township", "kfq2"],
        ["kfq2", "第二开发区", "development_zone", "city"],
    ]}

    summary = import_workbook(make_xlsx(sheets))

    assert (summary.sheets["units"].created, summary.sheets["units"].updated) == (2, 1)
    assert Unit.objects.get(code="d01").parent.code == "kfq2"
    assert Unit.objects.get(code="t02").parent.code == "kfq2"


def test_chinese_labels_and_label_variants_name_the_columns():
    sheets = {
        "units": [["代码", "名称", "类别", "上级单位"], ["city", "示范市", "市", None], ["kfq", "开发区", "开发区", "city"]],
        "targets": [["年度", "单位", "指标", "目标类别", "金额（万美元）"], [2007, "kfq", "新批注册外资", "考核目标", 100]],
        "projects": [
            ["项目编号", "项目名称", "引进单位", "项目类型", "项目阶段", "批准日期", "注册外资", "投资方", "国别/地区",
             "行业", "骨干企业招商", "总投资(万美元)"],
            ["P1", "甲", "kfq", "增资", "批准", "2007年3月1日", 10, "某公司", "日本", "化工", "是", 20],
        ],
        "arrivals": [["项目编号", "年度", "月份", "到账金额", "上年结余"], ["P1", 2007, None, 5, "是"], ["P1", 2007, 2, 6, "否"]],
    }

    summary = import_workbook(make_xlsx(sheets))

    assert summary.created == 6
    assert Unit.objects.get(code="kfq").kind == "development_zone"
    assert Target.objects.get().indicator == "registered_fdi" and Target.objects.get().kind == "assessment"
    project = Project.objects.get()
    assert (project.type, project.stage, project.approved_on, project.backbone, project.total_investment) == (
        "increase", "approved", dt.date(2007, 3, 1), True, Decimal("20.00"))
    assert list(Arrival.objects.order_by("month").values_list("month", "amount", "carry_over")) == [
        (1, Decimal("5.00"), True), (2, Decimal("6.00"), False)]


def test_columns_may_come_in_any_order():
    sheets = {
        "units": [["parent", "kind", "name", "code"], [None, "city", "示范市", "city"], ["city", "township", "甲镇", "t01"]],
        "projects": [["stage", "registered_fdi", "code", "unit", "name", "type", "approved_on"],
                     ["approved", 88, "P9", "t01", "乙", "merger", dt.date(2008, 2, 1)]],
        "arrivals": [["amount", "month", "year", "project"], [12.34, 3, 2008, "P9"]],
    }

    import_workbook(make_xlsx(sheets))

    assert Unit.objects.get(code="t01").parent.code == "city"
    assert Project.objects.filter(code="P9", stage="approved", type="merger", registered_fdi=Decimal("88")).exists()
    assert Arrival.objects.get().amount == Decimal("12.34")


def test_an_amount_with_more_than_two_decimals_is_refused_as_the_forms_refuse_it_but_float_noise_is_not():
    """One rule set (units.rules): 12.345 is refused at its cell, as the monthly page refuses it; a sum
    Excel stored as 0.30000000000000004 is the cent it shows."""
    units = [["code", "name", "kind", "parent"], ["city", "示范市", "city", None], ["t01", "甲镇", "township", "city"]]
    projects = [["code", "name", "unit", "type", "stage", "registered_fdi", "approved_on"],
                ["P9", "乙", "t01", "new", "approved", 88, dt.date(2008, 2, 1)]]
    with pytest.raises(WorkbookError) as refused:
        import_workbook(make_xlsx({"units": units, "projects": projects,
                                   "arrivals": [["project", "year", "month", "amount"], ["P9", 2008, 3, 12.345]]}))
    assert refused.value.problems == ["arrivals!D2: 金额最多保留两位小数。"]

    import_workbook(make_xlsx({"units": units, "projects": projects,
                               "arrivals": [["project", "year", "month", "amount"], ["P9", 2008, 3, 0.1 + 0.2]]}))
    assert Arrival.objects.get().amount == Decimal("0.30")


def test_sheets_may_be_missing_and_references_may_point_into_the_database(unit_a):
    sheets = {"targets": [["year", "unit", "indicator", "kind", "amount"], [2008, "t01", "paid_in_fdi", "stretch", 50]]}

    summary = import_workbook(make_xlsx(sheets))

    assert list(summary.sheets) == ["targets"]
    assert Target.objects.get().unit == unit_a


def test_an_optional_column_missing_from_the_sheet_leaves_the_field_alone(good_workbook):
    import_workbook(good_workbook)
    sheets = {"projects": [["code", "name", "unit", "type", "stage", "approved_on", "registered_fdi"],
                           ["P001", "精密机械", "kfq", "new", "approved", dt.date(2007, 3, 15), 1500]]}

    summary = import_workbook(make_xlsx(sheets))

    assert summary.sheets["projects"].unchanged == 1
    project = Project.objects.get(code="P001")
    assert (project.investor, project.backbone, project.total_investment, project.version) == (
        "某株式会社", True, Decimal("3000.00"), 1)


def test_empty_rows_are_skipped_and_real_excel_dates_are_read():
    sheets = {
        "units": [["code", "name", "kind", "parent"], [None, None, None, None], ["city", "示范市", "city", ""], [],
                  ["t01", "甲镇", "township", "city"]],
        "projects": [["code", "name", "unit", "type", "stage", "approved_on", "registered_fdi"],
                     ["P1", "甲", "t01", "new", "operating", dt.datetime(2006, 12, 31), "1,000.5"]],
    }

    summary = import_workbook(make_xlsx(sheets))

    assert summary.sheets["units"].created == 2
    project = Project.objects.get()
    assert (project.approved_on, project.registered_fdi) == (dt.date(2006, 12, 31), Decimal("1000.50"))


def test_a_note_sheet_is_read_by_people_only_and_an_unknown_sheet_is_an_error(good_workbook):
    sheets = good_sheets()
    sheets["说明"] = [["这张表只是说明"]]
    summary = import_workbook(make_xlsx(sheets))
    assert summary.sheets["projects"].created == 3

    sheets["Projects2"] = [["code"], ["P009"]]
    with pytest.raises(WorkbookError) as refused:
        import_workbook(make_xlsx(sheets))
    assert refused.value.problems == [
        "未知工作表“Projects2”。可导入的工作表：units（单位）、targets（目标）、projects（项目）、arrivals（到帐记录）、figures（报送指标）、assessment（考核办法）、awards（奖励办法）、activities（招商活动）、milestones（项目节点）、problems（困难问题）、peers（兄弟县市）（可用代码或中文名）。"]


def test_sheets_may_be_named_by_their_chinese_labels(db):
    sheets = {"单位": [["code", "name", "kind", "parent"], ["city", "示范市", "city", None]]}
    assert import_workbook(make_xlsx(sheets)).sheets["units"].created == 1


def test_progress_is_reported_per_sheet_up_to_its_total(good_workbook):
    calls = []

    import_workbook(good_workbook, progress=lambda sheet, done, total: calls.append((sheet, done, total)))

    assert calls[:4] == [("units", 1, 4), ("units", 2, 4), ("units", 3, 4), ("units", 4, 4)]
    assert calls[-1] == ("arrivals", 4, 4)
    assert {sheet for sheet, _done, _total in calls} == {"units", "targets", "projects", "arrivals"}


def test_a_file_path_is_accepted_as_well_as_a_file_object(tmp_path, good_workbook):
    path = tmp_path / "数据.xlsx"
    path.write_bytes(good_workbook.getvalue())

    assert import_workbook(str(path)).created == 14
    assert import_workbook(path).unchanged == 14

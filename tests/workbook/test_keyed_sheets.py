"""The sheets after arrivals (INTERFACES.md §1): reported figures, the year's 考核办法 and its awards —
imported, matched on their keys, refused with a reason at the cell, exported and imported back unchanged."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest

from projects.models import MonthSubmission, ReportedFigure
from targets.models import AssessmentRule, AwardRule
from tests.workbook.conftest import good_sheets, make_xlsx, snapshot
from units.models import Unit
from workbook.exporter import export_workbook
from workbook.importer import WorkbookError, import_workbook

pytestmark = pytest.mark.django_db

FIGURES = [
    ["unit", "year", "month", "indicator", "amount"],
    ["t01", 2007, 1, "trade_total", 120],
    ["t01", 2007, 2, "trade_total", 0],  # a reported zero
    ["kfq", 2007, 1, "出口总额", 88.5],  # a Chinese label for the indicator
    ["d01", 2007, 3, "outward_revenue", 15],
]
ASSESSMENT = [
    ["年度", "指标", "权重", "计分方法", "封顶系数", "对照目标"],  # Chinese headers
    [2007, "paid_in_fdi", 25, "ratio", 1.2, "assessment"],
    [2007, "registered_fdi", 15, "功效系数法", None, None],
]
AWARDS = [
    ["year", "name", "indicator", "target_kind", "by_month"],
    [2007, "三季度完成实际外资加压目标奖", "paid_in_fdi", "stretch", 9],
    [2007, "四季度完成翻番目标奖", "paid_in_fdi", "翻番目标", 12],
]


def with_sheets(**extra) -> dict:
    sheets = good_sheets()
    sheets.update({k: [list(r) for r in v] for k, v in extra.items()})
    return sheets


def full() -> dict:
    return with_sheets(figures=FIGURES, assessment=ASSESSMENT, awards=AWARDS)


def test_the_sheets_import_with_their_values_and_defaults():
    summary = import_workbook(make_xlsx(full()))
    assert {n: summary.sheets[n].created for n in ("figures", "assessment", "awards")} == {
        "figures": 4, "assessment": 2, "awards": 2}
    assert list(ReportedFigure.objects.order_by("unit__code", "month").values_list(
        "unit__code", "month", "indicator", "amount")) == [
        ("d01", 3, "outward_revenue", Decimal("15.00")), ("kfq", 1, "exports", Decimal("88.50")),
        ("t01", 1, "trade_total", Decimal("120.00")), ("t01", 2, "trade_total", Decimal("0.00"))]
    efficacy = AssessmentRule.objects.get(indicator="registered_fdi")
    assert (efficacy.method, efficacy.cap, efficacy.target_kind) == ("efficacy", Decimal("1.00"), "assessment")
    assert AwardRule.objects.get(by_month=12).target_kind == "doubling"
    assert ReportedFigure.history.first().history_change_reason == "导入数据工作簿"


def test_importing_again_and_importing_the_export_change_nothing():
    import_workbook(make_xlsx(full()))
    before = snapshot()
    again = import_workbook(make_xlsx(full()))
    assert not again.changed and snapshot() == before
    buffer = io.BytesIO()
    counts = export_workbook(buffer)
    assert (counts["figures"], counts["assessment"], counts["awards"]) == (4, 2, 2)
    buffer.seek(0)
    assert not import_workbook(buffer).changed and snapshot() == before


def test_a_changed_figure_is_updated_on_its_key():
    import_workbook(make_xlsx(full()))
    sheets = full()
    sheets["figures"][1][4] = 130
    summary = import_workbook(make_xlsx(sheets))
    assert (summary.sheets["figures"].created, summary.sheets["figures"].updated) == (0, 1)
    figure = ReportedFigure.objects.get(unit__code="t01", month=1)
    assert figure.amount == Decimal("130.00") and figure.version == 2


def refused(sheets) -> list[str]:
    before = snapshot()
    with pytest.raises(WorkbookError) as caught:
        import_workbook(make_xlsx(sheets))
    assert snapshot() == before
    return caught.value.problems


def test_bad_rows_are_named_at_their_cells_and_nothing_is_imported():
    sheets = full()
    sheets["figures"][1][0] = "x99"  # unknown unit
    sheets["figures"][2][2] = 13  # month 13
    sheets["figures"][3][3] = "paid_in_fdi"  # computed from projects, not reported
    sheets["figures"][4][4] = -5  # negative
    sheets["figures"].append(["d01", 2007, 3, "outward_revenue", 1])  # duplicate key of row 5
    sheets["assessment"][1][2] = 0  # weight 0
    sheets["assessment"][2][4] = 11  # cap above 10
    sheets["awards"][1][4] = 13
    sheets["awards"].append([2007, "四季度完成翻番目标奖", "exports", "stretch", 12])  # duplicate name
    problems = refused(sheets)
    assert "figures!A2: 未知单位“x99”。" in problems
    assert "figures!C3: 月份必须在1到12之间（实际为13）。" in problems
    assert any(p.startswith("figures!D4: 只有进出口总额、出口总额、外经营业额按月填报数字") for p in problems)
    assert any(p.startswith("figures!E5:") and "负" in p for p in problems)
    assert any(p.startswith("figures!A6: 与 figures!A5 重复") for p in problems)
    assert "assessment!C2: 权重必须大于0且不超过1000分。" in problems
    assert "assessment!E3: 封顶系数必须大于0且不超过10。" in problems
    assert "awards!E2: 月份必须在1到12之间（实际为13）。" in problems
    assert any(p.startswith("awards!A4: 与 awards!A3 重复") for p in problems)


def test_a_future_month_is_refused():
    sheets = full()
    sheets["figures"][1][1:3] = [2099, 1]
    assert refused(sheets) == ["figures!C2: 2099年1月还没有到，不能导入该月的数据。"]


def test_a_figure_of_a_locked_month_needs_a_reason():
    import_workbook(make_xlsx(full()))
    MonthSubmission.objects.create(unit=Unit.objects.get(code="t01"), year=2007, month=1, status="locked")
    sheets = full()
    sheets["figures"][1][4] = 999
    problems = refused(sheets)
    assert problems == ["figures!A2: 2007年1月已被锁定：导入修改已锁定月份的数据须填写修改原因。"]
    import_workbook(make_xlsx(sheets), reason="海关数据更正")
    assert ReportedFigure.objects.get(unit__code="t01", month=1).amount == Decimal("999.00")


def test_a_figure_of_a_unit_new_in_the_same_file_lands():
    sheets = full()
    sheets["units"].append(["t02", "新镇", "township", "city"])
    sheets["figures"].append(["t02", 2007, 4, "exports", 5])
    import_workbook(make_xlsx(sheets))
    assert ReportedFigure.objects.get(unit__code="t02").amount == Decimal("5.00")

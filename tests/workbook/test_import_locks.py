"""An import respects the bureau's locks and the calendar, as the entry pages do."""
from __future__ import annotations

from decimal import Decimal

import pytest

from projects.models import Arrival, MonthSubmission, Project
from tests.workbook.conftest import good_sheets, make_xlsx, snapshot
from units.models import Unit
from workbook.importer import WorkbookError, import_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def april_locked(good_workbook):
    import_workbook(good_workbook)
    MonthSubmission.objects.create(unit=Unit.objects.get(code="kfq"), year=2007, month=4, status="locked")


def test_changing_a_locked_month_needs_a_reason(april_locked):
    sheets = good_sheets()
    sheets["arrivals"][3][3] = 333  # P001 (开发区), April 2007
    before = snapshot()
    with pytest.raises(WorkbookError) as caught:
        import_workbook(make_xlsx(sheets))
    assert caught.value.problems == ["arrivals!A4: 2007年4月已被锁定：导入修改已锁定月份的数据须填写修改原因。"]
    assert snapshot() == before

    import_workbook(make_xlsx(sheets), reason="年中核对更正")
    arrival = Arrival.objects.get(project__code="P001", year=2007, month=4)
    assert arrival.amount == Decimal("333")
    assert arrival.history.first().history_change_reason == "导入数据工作簿：年中核对更正"


def test_a_project_approved_in_a_locked_month_cannot_be_resized_without_a_reason(april_locked):
    sheets = good_sheets()
    sheets["projects"][1][5] = "2007-04-20"  # P001 moves into the locked April
    with pytest.raises(WorkbookError) as caught:
        import_workbook(make_xlsx(sheets))
    assert caught.value.problems == ["projects!A2: 2007年4月已被锁定：导入修改已锁定月份的数据须填写修改原因。"]
    assert str(Project.objects.get(code="P001").approved_on) == "2007-03-15"


def test_unchanged_rows_of_a_locked_month_need_no_reason(april_locked):
    summary = import_workbook(make_xlsx(good_sheets()))
    assert not summary.changed


def test_an_arrival_in_a_month_that_has_not_come_is_refused(good_workbook):
    sheets = good_sheets()
    sheets["arrivals"].append(["P001", 2099, 12, 10, "no"])
    before = snapshot()
    with pytest.raises(WorkbookError) as caught:
        import_workbook(make_xlsx(sheets))
    assert caught.value.problems == ["arrivals!C6: 2099年12月还没有到，不能导入该月的到帐。"]
    assert snapshot() == before


def test_an_approval_date_in_the_future_is_refused(good_workbook):
    sheets = good_sheets()
    sheets["projects"][2][5] = "2099-01-01"
    with pytest.raises(WorkbookError) as caught:
        import_workbook(make_xlsx(sheets))
    assert caught.value.problems == ["projects!F3: 批准日期2099-01-01晚于今天。"]

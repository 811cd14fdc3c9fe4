"""The monthly arrivals page and arrivals_save_month: all or nothing, locks, versions, bad input."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from projects import selectors, services
from projects.models import Arrival, MonthSubmission
from tests import factories
from tests.factories import PAST_YEAR
from tests.projects.conftest import client_for
from units import periods

pytestmark = pytest.mark.django_db

MONTH = 4


def url(unit, year=PAST_YEAR, month=MONTH) -> str:
    return f"/projects/monthly/?unit={unit.pk}&year={year}&month={month}"


def arrivals() -> list[tuple]:
    return list(Arrival.objects.order_by("pk").values_list("project_id", "year", "month", "amount", "carry_over", "version"))


@pytest.fixture
def project_a2(unit_a):
    return factories.project(unit_a, code="A002", name="甲镇电子")


# --- what the page shows -----------------------------------------------------------------------------


def test_a_clerk_lands_on_the_previous_month_of_the_own_unit(clerk_a, project_a):
    client = client_for(clerk_a)
    home = client.get("/")
    assert home.status_code == 302 and home["Location"] == "/projects/monthly/"
    today = timezone.localdate()
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    page = client.get("/projects/monthly/").text
    assert f"甲镇 · {year}年{month}月实际到帐" in page
    assert "甲镇精密机械" in page


def test_the_page_lists_approved_projects_and_any_with_arrivals_but_not_the_pipeline(clerk_a, unit_a, project_a):
    pipeline = factories.project(unit_a, code="N001", name="在谈项目", stage="negotiating", approved_on=None)
    signed_with_money = factories.project(unit_a, code="S001", name="签约已到帐", stage="signed", approved_on=None)
    factories.arrival(signed_with_money, PAST_YEAR, 2, "10")
    page = client_for(clerk_a).get(url(unit_a)).text
    assert "甲镇精密机械" in page and "签约已到帐" in page
    assert "在谈项目" not in page and f"amount_{pipeline.pk}" not in page


def test_the_page_shows_status_month_total_and_ytd_including_the_carry_over(clerk_a, unit_a, project_a, project_a2, project_b):
    factories.arrival(project_a, PAST_YEAR, 1, "300", carry_over=True)
    factories.arrival(project_a, PAST_YEAR, 1, "100")
    factories.arrival(project_a, PAST_YEAR, MONTH, "250.5")
    factories.arrival(project_a2, PAST_YEAR, MONTH, "49.5")
    factories.arrival(project_a2, PAST_YEAR, MONTH + 1, "1000")  # after the month: not in YTD
    factories.arrival(project_b, PAST_YEAR, MONTH, "777")  # another unit
    page = client_for(clerk_a).get(url(unit_a)).text
    assert "未报送" in page
    assert '<div class="figure">300.00</div>' in page  # April: 250.5 + 49.5
    assert '<div class="figure">700.00</div>' in page  # Jan–Apr: 300 + 100 + 250.5 + 49.5
    assert "含上年结余 300.00" in page
    assert "carry_" not in page  # the carry-over input is January's only
    assert f'name="carry_{project_a.pk}"' in client_for(clerk_a).get(url(unit_a, month=1)).text


# --- saving ---------------------------------------------------------------------------------------


def test_saving_creates_updates_and_deletes_only_changed_rows_with_history(clerk_a, unit_a, project_a, project_a2):
    kept = factories.arrival(project_a, PAST_YEAR, MONTH, "80")
    gone = factories.arrival(project_a2, PAST_YEAR, MONTH, "20")
    client = client_for(clerk_a)
    response = client.post(url(unit_a), {
        f"amount_{project_a.pk}": "95.25", f"version_{project_a.pk}": "1",
        f"amount_{project_a2.pk}": "", f"version_{project_a2.pk}": "1",
    })
    assert response.status_code == 302
    kept.refresh_from_db()
    assert (kept.amount, kept.version) == (Decimal("95.25"), 2)
    assert not Arrival.objects.filter(pk=gone.pk).exists()
    assert kept.history.latest().history_user == clerk_a
    assert Arrival.history.filter(id=gone.pk, history_type="-").get().history_user == clerk_a
    assert "修改 1 条，删除 1 条" in client.get(response["Location"]).text


def test_zero_is_stored_as_zero_and_empty_means_no_row(clerk_a, unit_a, project_a, project_a2):
    client_for(clerk_a).post(url(unit_a), {
        f"amount_{project_a.pk}": "0", f"version_{project_a.pk}": "0",
        f"amount_{project_a2.pk}": "", f"version_{project_a2.pk}": "0",
    })
    assert arrivals() == [(project_a.pk, PAST_YEAR, MONTH, Decimal("0"), False, 1)]


def test_a_january_carry_over_is_saved_as_its_own_row(clerk_a, unit_a, project_a):
    client_for(clerk_a).post(url(unit_a, month=1), {
        f"amount_{project_a.pk}": "10", f"version_{project_a.pk}": "0",
        f"carry_{project_a.pk}": "1200", f"carry_version_{project_a.pk}": "0",
    })
    assert sorted(arrivals()) == [
        (project_a.pk, PAST_YEAR, 1, Decimal("10"), False, 1),
        (project_a.pk, PAST_YEAR, 1, Decimal("1200"), True, 1),
    ]


def test_a_carry_over_outside_january_is_refused(clerk_a, unit_a, project_a):
    with pytest.raises(services.EntryRefused, match="上年结余只能在1月填报。"):
        services.arrivals_save_month(
            unit=unit_a, year=PAST_YEAR, month=MONTH, amounts={}, carry_overs={project_a.pk: "5"}, user=clerk_a
        )
    assert arrivals() == []


# --- bad input: each refused in Chinese, nothing saved ---------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "金额不能为负数。"),
        ("1000000.01", "金额超过1,000,000万美元，请核对是否以万美元为单位填写。"),
        ("一百", "“一百”不是数字，请填写金额（万美元）。"),
        ("12.345", "金额最多保留两位小数。"),
        ("NaN", "“NaN”不是数字，请填写金额（万美元）。"),
    ],
)
def test_a_bad_amount_refuses_the_whole_page(clerk_a, unit_a, project_a, project_a2, typed, message):
    factories.arrival(project_a, PAST_YEAR, MONTH, "80")
    before = arrivals()
    response = client_for(clerk_a).post(url(unit_a), {
        f"amount_{project_a.pk}": "90", f"version_{project_a.pk}": "1",  # a good change …
        f"amount_{project_a2.pk}": typed, f"version_{project_a2.pk}": "0",  # … and a bad one
    })
    assert response.status_code == 200
    assert message in response.text
    assert "有 1 处金额填写有误，请按提示修改。" in response.text
    assert f'value="{typed}"' in response.text  # what the clerk typed is still there to correct
    assert arrivals() == before


def test_a_month_after_the_current_one_is_refused(clerk_a, unit_a, project_a):
    year, month = periods.current_period()
    year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    response = client_for(clerk_a).post(url(unit_a, year, month), {f"amount_{project_a.pk}": "5", f"version_{project_a.pk}": "0"})
    assert f"{year}年{month}月尚未到来，不能填报。" in response.text
    assert arrivals() == []


def test_a_project_of_another_unit_is_refused(clerk_a, unit_a, project_a, project_b):
    response = client_for(clerk_a).post(url(unit_a), {
        f"amount_{project_a.pk}": "5", f"version_{project_a.pk}": "0",
        f"amount_{project_b.pk}": "5", f"version_{project_b.pk}": "0",
    })
    assert "有 1 个项目不在甲镇本月可填报的项目之中" in response.text
    assert "B001" not in response.text  # another unit's project code is never shown
    assert arrivals() == []


def test_another_units_monthly_page_is_forbidden_to_a_clerk(clerk_a, unit_b, project_b):
    client = client_for(clerk_a)
    assert client.get(url(unit_b)).status_code == 403
    assert client.post(url(unit_b), {f"amount_{project_b.pk}": "5", f"version_{project_b.pk}": "0"}).status_code == 403
    assert arrivals() == []


def test_a_leader_reads_the_page_but_cannot_save_or_submit(leader, unit_a, project_a):
    client = client_for(leader)
    page = client.get(url(unit_a)).text
    assert "甲镇精密机械" in page and "disabled" in page and 'value="save"' not in page
    assert client.post(url(unit_a), {f"amount_{project_a.pk}": "5", f"version_{project_a.pk}": "0"}).status_code == 403
    assert client.post(url(unit_a), {"action": "submit"}).status_code == 403
    assert arrivals() == [] and not MonthSubmission.objects.exists()


# --- versions ----------------------------------------------------------------------------------------


def test_a_save_from_a_stale_page_is_refused_and_keeps_the_other_change(clerk_a, staff_user, unit_a, project_a, project_a2):
    factories.arrival(project_a, PAST_YEAR, MONTH, "80")
    clerk = client_for(clerk_a)
    assert f'name="version_{project_a.pk}" value="1"' in clerk.get(url(unit_a)).text
    # Staff correct the figure while the clerk's page is open …
    client_for(staff_user).post(url(unit_a), {f"amount_{project_a.pk}": "88", f"version_{project_a.pk}": "1"})
    # … the clerk saves the page loaded before (changing that row and adding another) and is refused.
    response = clerk.post(url(unit_a), {
        f"amount_{project_a.pk}": "85", f"version_{project_a.pk}": "1",
        f"amount_{project_a2.pk}": "10", f"version_{project_a2.pk}": "0",
    })
    assert "本月到帐数据已被他人修改，请刷新后重试（本次未保存任何数据）。" in response.text
    assert "已被他人修改（现为 88.00），请刷新后重试。" in response.text
    assert arrivals() == [(project_a.pk, PAST_YEAR, MONTH, Decimal("88"), False, 2)]


def test_a_row_someone_else_created_meanwhile_is_a_conflict(clerk_a, unit_a, project_a):
    factories.arrival(project_a, PAST_YEAR, MONTH, "70")  # created after the clerk loaded an empty row
    response = client_for(clerk_a).post(url(unit_a), {f"amount_{project_a.pk}": "60", f"version_{project_a.pk}": "0"})
    assert "已被他人修改（现为 70.00）" in response.text
    assert arrivals() == [(project_a.pk, PAST_YEAR, MONTH, Decimal("70"), False, 1)]


def test_a_row_left_as_it_is_never_conflicts(clerk_a, staff_user, unit_a, project_a):
    factories.arrival(project_a, PAST_YEAR, MONTH, "70")
    # The clerk's form carries an old version, but the same value as now: nothing to write, nothing lost.
    result = services.arrivals_save_month(
        unit=unit_a, year=PAST_YEAR, month=MONTH, amounts={project_a.pk: "70.00"}, versions={project_a.pk: 0}, user=clerk_a
    )
    assert result.changed == 0


# --- locks and submission -------------------------------------------------------------------------------


def test_a_clerk_cannot_change_a_locked_month(clerk_a, staff_user, unit_a, project_a):
    factories.arrival(project_a, PAST_YEAR, MONTH, "80")
    services.month_lock(unit=unit_a, year=PAST_YEAR, month=MONTH, user=staff_user)
    client = client_for(clerk_a)
    page = client.get(url(unit_a)).text
    assert "已锁定" in page and 'value="save"' not in page
    response = client.post(url(unit_a), {f"amount_{project_a.pk}": "90", f"version_{project_a.pk}": "1"})
    assert f"{PAST_YEAR}年{MONTH}月已被招商局锁定，不能修改；如需更正，请联系招商局。" in response.text
    assert arrivals() == [(project_a.pk, PAST_YEAR, MONTH, Decimal("80"), False, 1)]


def test_staff_change_a_locked_month_only_with_a_reason_which_the_history_keeps(staff_user, unit_a, project_a, project_a2):
    row = factories.arrival(project_a, PAST_YEAR, MONTH, "80")
    services.month_lock(unit=unit_a, year=PAST_YEAR, month=MONTH, user=staff_user)
    client = client_for(staff_user)
    data = {
        f"amount_{project_a.pk}": "", f"version_{project_a.pk}": "1",
        f"amount_{project_a2.pk}": "15", f"version_{project_a2.pk}": "0",
    }
    response = client.post(url(unit_a), data)
    assert "该月已锁定：修改须填写修改原因。" in response.text
    assert arrivals() == [(project_a.pk, PAST_YEAR, MONTH, Decimal("80"), False, 1)]

    response = client.post(url(unit_a), {**data, "reason": "据外汇局核对更正"})
    assert response.status_code == 302
    assert arrivals() == [(project_a2.pk, PAST_YEAR, MONTH, Decimal("15"), False, 1)]
    assert Arrival.history.get(id=row.pk, history_type="-").history_change_reason == "据外汇局核对更正"
    assert Arrival.history.get(project_id=project_a2.pk).history_change_reason == "据外汇局核对更正"
    assert selectors.month_is_locked(unit=unit_a, year=PAST_YEAR, month=MONTH)
    page = client.get(f"/projects/{project_a.pk}/").text
    assert "据外汇局核对更正" in page and f"{PAST_YEAR}年{MONTH}月到帐 · 删除" in page


def test_submitting_saves_the_page_and_marks_the_month_submitted(clerk_a, unit_a, project_a):
    client = client_for(clerk_a)
    response = client.post(url(unit_a), {f"amount_{project_a.pk}": "42", f"version_{project_a.pk}": "0", "action": "submit"})
    assert response.status_code == 302
    submission = MonthSubmission.objects.get(unit=unit_a, year=PAST_YEAR, month=MONTH)
    assert (submission.status, submission.submitted_by) == ("submitted", clerk_a)
    assert arrivals() == [(project_a.pk, PAST_YEAR, MONTH, Decimal("42"), False, 1)]
    page = client.get(response["Location"]).text
    assert f"已报送{PAST_YEAR}年{MONTH}月。" in page and "已报送" in page


def test_a_refused_save_submits_nothing(clerk_a, unit_a, project_a):
    client_for(clerk_a).post(url(unit_a), {f"amount_{project_a.pk}": "-1", f"version_{project_a.pk}": "0", "action": "submit"})
    assert not MonthSubmission.objects.exists()


def test_a_locked_month_cannot_be_submitted(clerk_a, staff_user, unit_a, project_a):
    services.month_lock(unit=unit_a, year=PAST_YEAR, month=MONTH, user=staff_user)
    response = client_for(clerk_a).post(url(unit_a), {"action": "submit"})
    assert "已被招商局锁定" in response.text
    assert MonthSubmission.objects.get().status == "locked"


def test_a_future_month_cannot_be_submitted(clerk_a, unit_a):
    year, month = periods.current_period()
    year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    response = client_for(clerk_a).post(url(unit_a, year, month), {"action": "submit"})
    assert "尚未到来，不能填报" in response.text
    assert not MonthSubmission.objects.exists()

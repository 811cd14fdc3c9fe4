"""The targets grid: staff set a year's targets for every unit on one page, in one transaction."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from targets.models import Target
from targets.services import TargetGridError, targets_save_year
from tests.conftest import PASSWORD
from tests.targets.helpers import cell, grid_form_data, many_units
from units.models import Unit

YEAR = 2026
URL = reverse("targets:grid")


@pytest.fixture
def zone(city) -> Unit:
    return Unit.objects.create(code="kfq", name="开发区", kind=Unit.Kind.DEVELOPMENT_ZONE, parent=city, sort_order=9)


@pytest.fixture
def staff_client(client, staff_user):
    client.login(username="staff", password=PASSWORD)
    return client


def amounts(year: int = YEAR) -> dict[tuple[str, str, str], Decimal]:
    return {(t.unit.code, t.indicator, t.kind): t.amount for t in Target.objects.filter(year=year).select_related("unit")}


def test_units_are_grouped_city_zones_townships_departments(staff_client, unit_b, unit_a, zone):
    response = staff_client.get(URL, {"year": YEAR})
    groups = [(g["kind"], [r["unit"].code for r in g["rows"]]) for g in response.context["groups"]]
    assert groups == [("city", ["city"]), ("development_zone", ["kfq"]), ("township", ["t01"]), ("department", ["d01"])]


def test_staff_saving_the_grid_creates_updates_and_deletes_targets(staff_client, unit_a, unit_b):
    Target.objects.create(year=YEAR, unit=unit_a, indicator="paid_in_fdi", kind="assessment", amount=Decimal("900"))
    Target.objects.create(year=YEAR, unit=unit_b, indicator="paid_in_fdi", kind="assessment", amount=Decimal("50"))
    data = grid_form_data(staff_client, YEAR)
    data[cell(unit_a, "registered_fdi", "assessment")] = "1,200"
    data[cell(unit_a, "registered_fdi", "stretch")] = "1500.5"
    data[cell(unit_a, "paid_in_fdi", "assessment")] = "950"
    data[cell(unit_b, "paid_in_fdi", "assessment")] = ""

    response = staff_client.post(URL, data, follow=True)

    assert "新增2项，修改1项，删除1项" in response.content.decode()
    assert amounts() == {
        ("t01", "registered_fdi", "assessment"): Decimal("1200.00"),
        ("t01", "registered_fdi", "stretch"): Decimal("1500.50"),
        ("t01", "paid_in_fdi", "assessment"): Decimal("950.00"),
    }
    updated = Target.objects.get(unit=unit_a, indicator="paid_in_fdi", kind="assessment")
    assert updated.version == 2
    history = list(updated.history.order_by("history_id").values_list("amount", "version", "history_user__username"))
    assert history == [(Decimal("900.00"), 1, None), (Decimal("950.00"), 2, "staff")]
    deleted = Target.history.filter(unit=unit_b, history_type="-").get()
    assert deleted.amount == Decimal("50.00") and deleted.history_user.username == "staff"


def test_cells_left_as_they_were_are_not_saved_again(staff_client, unit_a):
    target = Target.objects.create(year=YEAR, unit=unit_a, indicator="registered_fdi", kind="assessment", amount=Decimal("1200"))
    data = grid_form_data(staff_client, YEAR)
    assert data[cell(unit_a, "registered_fdi", "assessment")] == "1200"

    response = staff_client.post(URL, data, follow=True)

    assert "目标没有变化" in response.content.decode()
    target.refresh_from_db()
    assert target.version == 1 and target.history.count() == 1


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("一千二", "甲镇 新批注册外资·考核目标：“一千二”不是数字，请填写金额（万美元）。"),
        ("12a", "甲镇 新批注册外资·考核目标：“12a”不是数字，请填写金额（万美元）。"),
        ("NaN", "甲镇 新批注册外资·考核目标：“NaN”不是数字，请填写金额（万美元）。"),
        ("-5", "甲镇 新批注册外资·考核目标：金额不能为负数。"),
        ("2000000", "甲镇 新批注册外资·考核目标：金额超过1,000,000万美元"),
        ("1.234", "甲镇 新批注册外资·考核目标：金额最多保留两位小数。"),
        ("3000", "甲镇 新批注册外资：加压目标（2000）低于考核目标（3000）。"),
    ],
)
def test_a_bad_cell_refuses_the_whole_grid_with_its_message(staff_client, unit_a, unit_b, typed, message):
    Target.objects.create(year=YEAR, unit=unit_a, indicator="registered_fdi", kind="assessment", amount=Decimal("1000"))
    before = amounts()
    data = grid_form_data(staff_client, YEAR)
    data[cell(unit_a, "registered_fdi", "assessment")] = typed
    data[cell(unit_a, "registered_fdi", "stretch")] = "2000"
    data[cell(unit_b, "paid_in_fdi", "assessment")] = "80"  # a good cell beside it is not saved either

    response = staff_client.post(URL, data)

    page = response.content.decode()
    assert response.status_code == 400
    assert "目标未保存" in page and message in page
    assert amounts() == before
    # What the user typed is shown again, to be corrected rather than retyped.
    assert 'value="%s"' % typed in page


def test_a_save_without_a_valid_year_is_refused(staff_client, unit_a):
    data = grid_form_data(staff_client, YEAR)
    data[cell(unit_a, "registered_fdi", "assessment")] = "100"
    data["year"] = "明年"
    assert staff_client.post(URL, data).status_code == 400
    assert Target.objects.count() == 0


def test_every_bad_cell_is_listed_at_once(staff_client, unit_a, unit_b):
    data = grid_form_data(staff_client, YEAR)
    data[cell(unit_a, "paid_in_fdi", "doubling")] = "abc"
    data[cell(unit_b, "registered_fdi", "stretch")] = "-1"
    response = staff_client.post(URL, data)
    errors = response.context["errors"]
    assert errors == ["甲镇 注册外资实际到帐·翻番目标：“abc”不是数字，请填写金额（万美元）。", "乙局 新批注册外资·加压目标：金额不能为负数。"]
    assert Target.objects.count() == 0
    # each bad cell is highlighted where it is
    page = response.content.decode()
    assert page.count('aria-invalid="true"') == 2
    assert f'class="amount invalid" name="{cell(unit_a, "paid_in_fdi", "doubling")}"' in page


def test_a_grid_changed_by_someone_else_meanwhile_is_refused(staff_client, unit_a):
    target = Target.objects.create(year=YEAR, unit=unit_a, indicator="registered_fdi", kind="assessment", amount=Decimal("1000"))
    data = grid_form_data(staff_client, YEAR)
    # Another member of staff saves the same cell while this page is open.
    targets_save_year(year=YEAR, amounts={(unit_a.pk, "registered_fdi", "assessment"): Decimal("1100")},
                      versions={(unit_a.pk, "registered_fdi", "assessment"): 1}, user=None)
    data[cell(unit_a, "registered_fdi", "assessment")] = "1000"
    data[cell(unit_a, "paid_in_fdi", "assessment")] = "500"

    response = staff_client.post(URL, data)

    assert "目标已被他人修改，请刷新后重试" in response.content.decode()
    target.refresh_from_db()
    assert (target.amount, target.version) == (Decimal("1100.00"), 2)
    assert not Target.objects.filter(indicator="paid_in_fdi").exists()


def test_a_target_created_by_someone_else_meanwhile_is_a_conflict_too(unit_a):
    key = (unit_a.pk, "paid_in_fdi", "assessment")
    Target.objects.create(year=YEAR, unit=unit_a, indicator="paid_in_fdi", kind="assessment", amount=Decimal("10"))
    with pytest.raises(TargetGridError) as refused:
        targets_save_year(year=YEAR, amounts={key: Decimal("20")}, versions={key: None}, user=None)
    assert "目标已被他人修改，请刷新后重试" in refused.value.problems[0]
    assert Target.objects.get().amount == Decimal("10.00")


def test_a_target_deleted_and_created_again_does_not_take_an_old_pages_version(unit_a):
    key = (unit_a.pk, "paid_in_fdi", "assessment")
    targets_save_year(year=YEAR, amounts={key: Decimal("10")}, versions={key: None}, user=None)  # version 1
    targets_save_year(year=YEAR, amounts={key: None}, versions={key: 1}, user=None)  # deleted
    targets_save_year(year=YEAR, amounts={key: Decimal("30")}, versions={key: None}, user=None)  # created again
    assert Target.objects.get().version == 2
    with pytest.raises(TargetGridError):  # a page opened when the first target (version 1) existed
        targets_save_year(year=YEAR, amounts={key: Decimal("99")}, versions={key: 1}, user=None)
    assert Target.objects.get().amount == Decimal("30.00")


def test_leader_reads_the_grid_without_inputs_or_buttons(client, leader, unit_a):
    Target.objects.create(year=YEAR, unit=unit_a, indicator="registered_fdi", kind="assessment", amount=Decimal("12345"))
    client.login(username="leader", password=PASSWORD)
    response = client.get(URL, {"year": YEAR})
    page = response.content.decode()
    assert response.status_code == 200
    assert "12,345" in page
    main = page.split('<main class="content">')[1]
    assert "<input" not in main.split("</form>", 1)[1]  # nothing after the year selector is an input
    assert 'method="post"' not in main
    assert "保存%d年目标" % YEAR not in page


def test_leader_post_is_refused_and_changes_nothing(client, leader, unit_a):
    client.login(username="leader", password=PASSWORD)
    response = client.post(URL, {"year": YEAR, cell(unit_a, "registered_fdi", "assessment"): "100"})
    assert response.status_code == 403
    assert Target.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_clerk_is_refused_the_grid(client, clerk_a, unit_a, method):
    client.login(username="clerk_a", password=PASSWORD)
    response = getattr(client, method)(URL, {"year": YEAR, cell(unit_a, "registered_fdi", "assessment"): "100"})
    assert response.status_code == 403
    assert Target.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_sign_in(client, unit_a, method):
    response = getattr(client, method)(URL, {"year": YEAR})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as ctx:
        fn()
    return len(ctx.captured_queries)


def test_grid_queries_do_not_grow_with_the_number_of_units(staff_client, city):
    def with_targets(units):
        for u in units:
            Target.objects.create(year=YEAR, unit=u, indicator="registered_fdi", kind="assessment", amount=Decimal("1"))

    with_targets(many_units(city, 5))
    few = _count(lambda: staff_client.get(URL, {"year": YEAR}))
    with_targets(many_units(city, 45, start=5))
    many = _count(lambda: staff_client.get(URL, {"year": YEAR}))
    assert few == many


def test_saving_the_grid_takes_the_same_queries_for_5_or_50_units(staff_client, city):
    units = many_units(city, 5)

    def save_one_change(unit, amount):
        data = grid_form_data(staff_client, YEAR)
        data[cell(unit, "paid_in_fdi", "assessment")] = amount
        return _count(lambda: staff_client.post(URL, data))

    few = save_one_change(units[0], "10")
    units += many_units(city, 45, start=5)
    many = save_one_change(units[-1], "10")
    assert few == many
    assert Target.objects.count() == 2


def test_the_grid_shows_subtotals_and_warns_when_units_do_not_add_up_to_the_city(staff_client, city, unit_a, unit_b):
    Target.objects.create(year=YEAR, unit=city, indicator="registered_fdi", kind="assessment", amount=Decimal("1000"))
    Target.objects.create(year=YEAR, unit=unit_a, indicator="registered_fdi", kind="assessment", amount=Decimal("600"))
    Target.objects.create(year=YEAR, unit=unit_b, indicator="registered_fdi", kind="assessment", amount=Decimal("300"))
    page = staff_client.get(URL + f"?year={YEAR}").content.decode()
    assert "各单位合计900.00，全市目标1,000.00" in page  # a warning; saving is not refused
    assert 'class="subtotal"' in page and "乡镇小计（全部）" in page


def test_staff_copy_last_years_targets_without_overwriting_this_years(staff_client, unit_a):
    Target.objects.create(year=YEAR - 1, unit=unit_a, indicator="registered_fdi", kind="assessment", amount=Decimal("800"))
    Target.objects.create(year=YEAR - 1, unit=unit_a, indicator="paid_in_fdi", kind="assessment", amount=Decimal("400"))
    Target.objects.create(year=YEAR, unit=unit_a, indicator="paid_in_fdi", kind="assessment", amount=Decimal("450"))
    response = staff_client.post(URL, {"year": YEAR, "action": "copy_last_year"})
    assert response.status_code == 302
    assert Target.objects.get(year=YEAR, indicator="registered_fdi").amount == Decimal("800.00")
    assert Target.objects.get(year=YEAR, indicator="paid_in_fdi").amount == Decimal("450.00")  # kept


def test_each_units_targets_have_their_history(staff_client, unit_a):
    key = (unit_a.pk, "registered_fdi", "assessment")
    targets_save_year(year=YEAR, amounts={key: Decimal("100")}, versions={key: None}, user=None)
    targets_save_year(year=YEAR, amounts={key: Decimal("150")}, versions={key: 1}, user=None)
    page = staff_client.get(reverse("targets:history", args=[unit_a.pk]) + f"?year={YEAR}").content.decode()
    assert page.count("<tr><td>") == 2 and "150.00" in page and "新增" in page and "修改" in page
    assert f'href="{reverse("targets:history", args=[unit_a.pk])}?year={YEAR}"' in staff_client.get(
        URL + f"?year={YEAR}").content.decode()


def test_a_stretch_below_the_assessment_target_highlights_both_cells(staff_client, unit_a):
    data = grid_form_data(staff_client, YEAR)
    data[cell(unit_a, "registered_fdi", "assessment")] = "500"
    data[cell(unit_a, "registered_fdi", "stretch")] = "400"
    page = staff_client.post(URL, data).content.decode()
    assert "加压目标（400）低于考核目标（500）" in page
    for kind in ("assessment", "stretch"):
        assert f'class="amount invalid" name="{cell(unit_a, "registered_fdi", kind)}"' in page
    assert page.count('aria-invalid="true"') == 2

"""A locked month holds on every path: whatever field carries a figure, whichever page or file changes it.

Unit A's February and April of PAST_YEAR are locked. Its project was approved in February and has an
arrival in April. Each change below would move a figure of one of those months.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from projects import services
from projects.models import Arrival, Project
from tests import factories
from tests.conftest import make_user
from tests.factories import PAST_YEAR
from tests.projects.conftest import client_for
from tests.workbook.conftest import make_xlsx
from units import periods
from units.models import Profile, Unit
from workbook.importer import WorkbookError, import_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def locked(unit_a, staff_user):
    project = factories.project(unit_a, 500, dt.date(PAST_YEAR, 2, 10), code="A001", name="甲镇精密机械",
                                investor="香港某公司", country="香港", industry="机械")
    factories.arrival(project, PAST_YEAR, 4, 80)
    for month in (2, 4):
        services.month_lock(unit=unit_a, year=PAST_YEAR, month=month, user=staff_user)
    return project


def form(project: Project, **changes) -> dict:
    data = {"code": project.code, "name": project.name, "type": project.type, "stage": project.stage,
            "approved_on": project.approved_on.isoformat() if project.approved_on else "",
            "registered_fdi": str(project.registered_fdi), "investor": project.investor, "country": project.country,
            "industry": project.industry, "version": str(project.version)}
    if project.backbone:
        data["backbone"] = "on"
    if project.grafted:
        data["grafted"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


CHANGES = {
    "type (增资 figures)": {"type": "increase"},
    "backbone (骨干企业 figures)": {"backbone": "on"},
    "grafted (嫁接引资 figures)": {"grafted": "on"},
    "approval date": {"approved_on": f"{PAST_YEAR}-03-05"},
    "amount": {"registered_fdi": "900"},
    "country (by origin)": {"country": "日本"},
    "industry (by industry)": {"industry": "新材料"},
}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_a_clerk_cannot_make_a_change_that_moves_a_locked_months_figures(clerk_a, locked, change):
    response = client_for(clerk_a).post(reverse("projects:project_edit", args=[locked.pk]), form(locked, **CHANGES[change]))
    assert response.status_code == 200
    assert "已被招商局锁定" in response.content.decode()
    assert Project.objects.get(pk=locked.pk).version == 1


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_staff_make_it_with_a_reason_kept_in_the_history(staff_user, locked, change):
    data = form(locked, **CHANGES[change], unit=str(locked.unit_id))
    client = client_for(staff_user)
    assert "须填写修改原因" in client.post(reverse("projects:project_edit", args=[locked.pk]), data).content.decode()
    response = client.post(reverse("projects:project_edit", args=[locked.pk]), {**data, "reason": "工商登记更正"})
    assert response.status_code == 302
    assert Project.history.filter(id=locked.pk).first().history_change_reason == "工商登记更正"


def test_moving_a_project_to_another_unit_needs_a_reason_for_both_units_months(staff_user, locked, unit_b):
    client = client_for(staff_user)
    data = form(locked, unit=str(unit_b.pk))
    assert "须填写修改原因" in client.post(reverse("projects:project_edit", args=[locked.pk]), data).content.decode()
    assert Project.objects.get(pk=locked.pk).unit_id == locked.unit_id


def test_a_pipeline_stage_change_is_held_by_the_lock_of_the_month_being_reported(clerk_a, staff_user, unit_a):
    year, month = periods.due_period()
    lead = factories.project(unit_a, 2000, None, code="N001", name="在谈项目")
    services.month_lock(unit=unit_a, year=year, month=month, user=staff_user)
    response = client_for(clerk_a).post(reverse("projects:project_edit", args=[lead.pk]), form(lead, stage="signed"))
    assert "已被招商局锁定" in response.content.decode()
    assert Project.objects.get(pk=lead.pk).stage == "negotiating"


def test_a_name_or_investor_change_moves_no_figure_and_passes(clerk_a, locked):
    response = client_for(clerk_a).post(reverse("projects:project_edit", args=[locked.pk]),
                                        form(locked, name="甲镇精密机械二期", investor="香港某集团"))
    assert response.status_code == 302
    assert Project.objects.get(pk=locked.pk).name == "甲镇精密机械二期"


def test_deleting_a_project_of_a_locked_month_is_refused_to_clerks_and_needs_a_reason_from_staff(clerk_a, staff_user, locked):
    url = reverse("projects:project_delete", args=[locked.pk])
    response = client_for(clerk_a).post(url, {"version": "1"})
    assert response.status_code == 400 and "已被招商局锁定" in response.content.decode()
    staff = client_for(staff_user)
    assert "须填写修改原因" in staff.post(url, {"version": "1"}).content.decode()
    assert staff.post(url, {"version": "1", "reason": "重复录入"}).status_code == 302
    assert not Project.objects.filter(pk=locked.pk).exists() and not Arrival.objects.exists()
    deleted = Project.history.filter(id=locked.pk, history_type="-").get()
    assert deleted.history_change_reason == "重复录入" and deleted.name == "甲镇精密机械"


def test_a_project_entered_by_mistake_in_an_open_month_is_deleted_by_its_clerk(clerk_a, unit_a):
    project = factories.project(unit_a, 50, dt.date(PAST_YEAR, 6, 1), code="A009")
    assert client_for(clerk_a).post(reverse("projects:project_delete", args=[project.pk]), {"version": "1"}).status_code == 302
    assert not Project.objects.filter(pk=project.pk).exists()


# --- the unit tree ---------------------------------------------------------------------------------------


@pytest.fixture
def two_townships(city, staff_user):
    t01 = factories.unit("t01", parent=city, name="海门镇")
    t02 = factories.unit("t02", parent=city, name="货隆镇")
    factories.arrival(factories.project(t01, 300, dt.date(PAST_YEAR, 6, 3), code="T1"), PAST_YEAR, 6, 120)
    services.month_lock(unit=t02, year=PAST_YEAR, month=6, user=staff_user)
    return t01, t02


@pytest.fixture
def admin_client(db):
    admin = make_user("bureau", Profile.Role.STAFF)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return client_for(admin)


def unit_form(unit: Unit, **changes) -> dict:
    data = {"code": unit.code, "name": unit.name, "kind": unit.kind, "parent": unit.parent_id, "sort_order": 0}
    data.update(changes)
    return data


def test_moving_t01_under_t02_would_rewrite_t02s_locked_june_and_needs_a_reason_in_the_admin(admin_client, two_townships):
    t01, t02 = two_townships
    url = f"/admin/units/unit/{t01.pk}/change/"
    response = admin_client.post(url, unit_form(t01, parent=t02.pk))
    assert response.status_code == 200 and "须填写修改原因" in response.content.decode()
    assert Unit.objects.get(pk=t01.pk).parent_id == t01.parent_id
    response = admin_client.post(url, unit_form(t01, parent=t02.pk, reason="区划调整"))
    assert response.status_code == 302
    assert Unit.objects.get(pk=t01.pk).parent_id == t02.pk
    assert Unit.history.filter(id=t01.pk).first().history_change_reason == "区划调整"


def test_the_admin_refuses_a_parent_loop(admin_client, two_townships):
    t01, t02 = two_townships
    Unit.objects.filter(pk=t02.pk).update(parent=t01)
    response = admin_client.post(f"/admin/units/unit/{t01.pk}/change/", unit_form(t01, parent=t02.pk, reason="x"))
    assert response.status_code == 200 and "上级单位形成循环" in response.content.decode()


def test_saving_a_unit_unchanged_in_the_admin_writes_no_history(admin_client, two_townships):
    t01, _t02 = two_townships
    before = Unit.history.filter(id=t01.pk).count()
    response = admin_client.post(f"/admin/units/unit/{t01.pk}/change/", unit_form(Unit.objects.get(pk=t01.pk)))
    assert response.status_code == 302
    assert Unit.history.filter(id=t01.pk).count() == before
    assert Unit.objects.get(pk=t01.pk).version == 1


def test_the_importer_moving_t01_under_t02_needs_a_reason_too(two_townships):
    units = [["code", "name", "kind", "parent"], ["t01", "海门镇", "township", "t02"]]
    with pytest.raises(WorkbookError) as refused:
        import_workbook(make_xlsx({"units": units}))
    assert "须填写修改原因" in refused.value.problems[0]
    import_workbook(make_xlsx({"units": units}), reason="区划调整")
    assert Unit.objects.get(code="t01").parent.code == "t02"


# --- the monthly page, and saves that change nothing -----------------------------------------------------


def test_an_arrival_is_refused_for_a_project_the_monthly_page_does_not_offer(clerk_a, unit_a):
    lead = factories.project(unit_a, 100, None, code="N002", name="在谈项目")
    url = reverse("projects:monthly") + f"?unit={unit_a.pk}&year={PAST_YEAR}&month=5"
    response = client_for(clerk_a).post(url, {f"amount_{lead.pk}": "10", f"version_{lead.pk}": "0"})
    assert "不在甲镇本月可填报的项目之中" in response.content.decode()
    assert not Arrival.objects.exists()


def test_saving_a_project_form_unchanged_is_a_no_op(clerk_a, unit_a):
    project = factories.project(unit_a, 500, dt.date(PAST_YEAR, 5, 1), code="A010", name="甲镇电子",
                                investor="台商", country="台湾", industry="电子")
    response = client_for(clerk_a).post(reverse("projects:project_edit", args=[project.pk]), form(project))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.version == 1
    assert Project.history.filter(id=project.pk).count() == 1


# --- codes and duplicates --------------------------------------------------------------------------------


def test_a_project_code_is_unique_whatever_its_case_and_spaces(clerk_a, unit_a):
    factories.project(unit_a, code="A001")
    response = client_for(clerk_a).post(reverse("projects:project_create"), {
        "code": " a001 ", "name": "另一个", "type": "new", "stage": "negotiating", "registered_fdi": "10",
    })
    assert "不区分大小写" in response.content.decode()
    assert Project.objects.count() == 1
    with pytest.raises(WorkbookError) as refused:
        import_workbook(make_xlsx({"projects": [["code", "name", "unit", "type", "stage", "registered_fdi"],
                                                ["a001", "又一个", "t01", "new", "negotiating", 10]]}))
    assert "只有大小写不同" in refused.value.problems[0]


def test_the_same_name_and_investor_in_another_unit_asks_for_confirmation(clerk_a, unit_b):
    factories.project(unit_b, code="B001", name="精密机械项目", investor="日本东和株式会社")
    data = {"code": "A101", "name": "精密机械项目", "type": "new", "stage": "negotiating", "registered_fdi": "10",
            "investor": "日本东和株式会社"}
    client = client_for(clerk_a)
    response = client.post(reverse("projects:project_create"), data)
    assert "疑似重复项目：乙局已登记同名、同投资方的项目" in response.content.decode()
    assert "B001" not in response.content.decode()
    assert not Project.objects.filter(code="A101").exists()
    response = client.post(reverse("projects:project_create"), {**data, "not_duplicate": "on"})
    assert response.status_code == 302
    assert Project.objects.get(code="A101").registered_fdi == Decimal("10")

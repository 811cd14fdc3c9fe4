"""The project list, form and page: scoping, validation in Chinese, history, lost-update protection."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from projects.models import Project
from tests import factories
from tests.factories import PAST_YEAR
from tests.projects.conftest import client_for

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "code": "A002", "name": "甲镇新材料", "type": "new", "stage": "approved",
        "approved_on": f"{PAST_YEAR}-03-01", "registered_fdi": "800", "total_investment": "2000",
        "investor": "新加坡某集团", "country": "新加坡", "industry": "新材料",
    }
    data.update(overrides)
    return data


def edit_data(project: Project, **overrides) -> dict:
    data = form_data(
        code=project.code, name=project.name, stage=project.stage, type=project.type,
        approved_on=project.approved_on.isoformat() if project.approved_on else "",
        registered_fdi=str(project.registered_fdi), version=str(project.version),
        investor=project.investor, country=project.country, industry=project.industry,
        total_investment="" if project.total_investment is None else str(project.total_investment),
    )
    data.update(overrides)
    return data


def snapshot() -> list[tuple]:
    return list(Project.objects.order_by("pk").values_list("code", "name", "registered_fdi", "approved_on", "stage", "version"))


# --- the list -------------------------------------------------------------------------------------


def test_a_clerk_lists_only_the_own_units_projects(clerk_a, project_a, project_b):
    response = client_for(clerk_a).get("/projects/")
    assert response.status_code == 200
    assert "甲镇精密机械" in response.text
    assert "乙局物流园" not in response.text
    assert 'name="unit"' not in response.text  # no unit filter for a clerk


def test_staff_list_every_unit_and_filter_by_unit(staff_user, project_a, project_b):
    client = client_for(staff_user)
    everything = client.get("/projects/").text
    assert "甲镇精密机械" in everything and "乙局物流园" in everything
    filtered = client.get(f"/projects/?unit={project_b.unit_id}").text
    assert "乙局物流园" in filtered and "甲镇精密机械" not in filtered


def test_the_list_filters_by_stage_type_approval_year_and_text(staff_user, unit_a):
    factories.project(unit_a, code="X1", name="在谈项目", stage="negotiating", approved_on=None)
    factories.project(unit_a, code="X2", name="增资项目", type="increase", approved_on=dt.date(PAST_YEAR - 1, 5, 1))
    factories.project(unit_a, code="X3", name="普通项目", investor="台湾鸿运")
    client = client_for(staff_user)

    def names(query: str) -> set[str]:
        text = client.get("/projects/?" + query).text
        return {n for n in ("在谈项目", "增资项目", "普通项目") if n in text}

    assert names("stage=negotiating") == {"在谈项目"}
    assert names("type=increase") == {"增资项目"}
    assert names(f"approval_year={PAST_YEAR - 1}") == {"增资项目"}
    assert names("q=鸿运") == {"普通项目"}
    assert names("q=X2") == {"增资项目"}


def test_a_leader_sees_the_list_without_a_create_link(leader, project_a):
    response = client_for(leader).get("/projects/")
    assert "甲镇精密机械" in response.text
    assert "/projects/new/" not in response.text


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/projects/").status_code == 200
    return len(ctx)


@pytest.mark.parametrize("persona", ["staff_user", "clerk_a"])
def test_the_list_runs_the_same_number_of_queries_for_5_and_50_projects(persona, request, unit_a, unit_b):
    client = client_for(request.getfixturevalue(persona))
    for i in range(5):
        factories.project(unit_a if i % 2 else unit_b, code=f"Q{i:03d}")
    with_5 = _list_queries(client)
    for i in range(5, 50):
        factories.project(unit_a if i % 2 else unit_b, code=f"Q{i:03d}")
    with_50 = _list_queries(client)
    assert with_5 == with_50
    # session, user, profile, count, rows, the industry and country filters' choices (+ the unit filter's for staff)
    assert with_50 == (8 if persona == "staff_user" else 7)


# --- create and edit: who ---------------------------------------------------------------------------


def test_a_clerks_new_project_belongs_to_the_clerks_unit_whatever_is_posted(clerk_a, unit_a, unit_b):
    response = client_for(clerk_a).post("/projects/new/", form_data(unit=str(unit_b.pk)))
    project = Project.objects.get(code="A002")
    assert response.status_code == 302 and response["Location"] == f"/projects/{project.pk}/"
    assert project.unit == unit_a
    assert project.version == 1
    assert project.history.get().history_user == clerk_a


def test_staff_choose_the_unit_of_a_new_project(staff_user, unit_b):
    client_for(staff_user).post("/projects/new/", form_data(unit=str(unit_b.pk)))
    assert Project.objects.get(code="A002").unit == unit_b


def test_a_clerk_cannot_open_or_change_another_units_project(clerk_a, project_b):
    client = client_for(clerk_a)
    before = snapshot()
    assert client.get(f"/projects/{project_b.pk}/").status_code == 404
    assert client.get(f"/projects/{project_b.pk}/edit/").status_code == 404
    assert client.post(f"/projects/{project_b.pk}/edit/", edit_data(project_b, name="改名")).status_code == 404
    assert snapshot() == before


def test_a_leader_cannot_create_or_edit(leader, project_a):
    client = client_for(leader)
    before = snapshot()
    assert client.get("/projects/new/").status_code == 403
    assert client.post("/projects/new/", form_data()).status_code == 403
    assert client.post(f"/projects/{project_a.pk}/edit/", edit_data(project_a, name="改名")).status_code == 403
    assert snapshot() == before


# --- create and edit: bad input, each refused in Chinese with nothing saved --------------------------


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"registered_fdi": "-5"}, "金额不能为负数。"),
        ({"registered_fdi": "2000000"}, "金额超过1,000,000万美元，请核对是否以万美元为单位填写。"),
        ({"total_investment": "-1"}, "金额不能为负数。"),
        ({"registered_fdi": "八百"}, "请输入数字（万美元）。"),
        ({"approved_on": "2999-01-01"}, "批准日期2999-01-01晚于今天。"),
        ({"approved_on": ""}, "批准、到资、投产阶段的项目必须填写批准日期。"),
        ({"stage": "funded", "approved_on": ""}, "批准、到资、投产阶段的项目必须填写批准日期。"),
        ({"stage": "signed"}, "在谈、签约阶段的项目尚未批准，不能填写批准日期。"),
        ({"code": "A001"}, "项目编号已存在，请核对后换一个编号。"),
    ],
)
def test_a_bad_project_is_refused_with_a_chinese_message(clerk_a, project_a, overrides, field_message):
    before = snapshot()
    response = client_for(clerk_a).post("/projects/new/", form_data(**overrides))
    assert response.status_code == 200
    assert field_message in response.text
    assert snapshot() == before


def test_a_future_approval_date_is_refused_when_editing_too(clerk_a, project_a):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    before = snapshot()
    response = client_for(clerk_a).post(f"/projects/{project_a.pk}/edit/", edit_data(project_a, approved_on=tomorrow.isoformat()))
    assert "晚于今天。" in response.text
    assert snapshot() == before


def test_a_duplicate_code_is_refused_when_editing(clerk_a, project_a, unit_a):
    other = factories.project(unit_a, code="A009")
    before = snapshot()
    response = client_for(clerk_a).post(f"/projects/{other.pk}/edit/", edit_data(other, code="A001"))
    assert "项目编号已存在，请核对后换一个编号。" in response.text
    assert snapshot() == before


# --- edit: version and history ------------------------------------------------------------------------


def test_editing_bumps_the_version_and_the_page_shows_old_and_new_values(clerk_a, project_a):
    client = client_for(clerk_a)
    response = client.post(f"/projects/{project_a.pk}/edit/", edit_data(project_a, registered_fdi="650", name="甲镇精密机械二期"))
    assert response.status_code == 302
    project_a.refresh_from_db()
    assert (project_a.version, project_a.registered_fdi, project_a.name) == (2, Decimal("650"), "甲镇精密机械二期")

    page = client.get(f"/projects/{project_a.pk}/").text
    assert "修改记录" in page
    assert "<td>注册外资（万美元）</td><td>500.00</td><td>650.00</td>" in page
    assert "<td>项目名称</td><td>甲镇精密机械</td><td>甲镇精密机械二期</td>" in page
    assert "clerk_a" in page


def test_the_project_page_shows_arrival_changes_in_the_history(clerk_a, project_a):
    client = client_for(clerk_a)
    url = f"/projects/monthly/?unit={project_a.unit_id}&year={PAST_YEAR}&month=4"
    client.post(url, {f"amount_{project_a.pk}": "120", f"version_{project_a.pk}": "0"})
    client.post(url, {f"amount_{project_a.pk}": "135.5", f"version_{project_a.pk}": "1"})
    page = client.get(f"/projects/{project_a.pk}/").text
    assert f"{PAST_YEAR}年4月到帐 · 修改" in page
    assert "<td>到帐金额（万美元）</td><td>120.00</td><td>135.50</td>" in page
    assert f"{PAST_YEAR}年4月到帐 · 新建" in page


def test_an_edit_from_a_stale_form_is_refused_and_keeps_the_other_change(clerk_a, staff_user, project_a):
    clerk = client_for(clerk_a)
    # The clerk loads the form at version 1 …
    assert 'name="version" value="1"' in clerk.get(f"/projects/{project_a.pk}/edit/").text
    stale = edit_data(project_a, name="甲镇精密机械（填报员）")
    # … staff save in between …
    assert client_for(staff_user).post(
        f"/projects/{project_a.pk}/edit/", edit_data(project_a, name="甲镇精密机械（招商局）", unit=str(project_a.unit_id))
    ).status_code == 302
    # … and the clerk's save from the old form is refused.
    response = clerk.post(f"/projects/{project_a.pk}/edit/", stale)
    assert response.status_code == 200
    assert "该项目已被他人修改，请刷新后重试" in response.text
    project_a.refresh_from_db()
    assert (project_a.name, project_a.version) == ("甲镇精密机械（招商局）", 2)
    assert project_a.history.count() == 2


def test_an_edit_without_a_version_is_refused(clerk_a, project_a):
    data = edit_data(project_a, name="无版本")
    del data["version"]
    assert client_for(clerk_a).post(f"/projects/{project_a.pk}/edit/", data).status_code == 400
    project_a.refresh_from_db()
    assert project_a.name == "甲镇精密机械"


def test_the_unit_picker_is_grouped_by_kind_and_searchable(staff_user, unit_a, unit_b):
    page = client_for(staff_user).get("/projects/new/").content.decode()
    assert '<optgroup label="乡镇">' in page and '<optgroup label="部门">' in page
    assert 'data-searchable="1"' in page

"""A project's approval counts in its month's 新批注册外资: editing it must respect that month's lock."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from projects.models import Project
from projects.services import month_lock
from tests import factories
from tests.factories import PAST_YEAR
from tests.projects.conftest import client_for
from tests.projects.test_project_pages import edit_data, form_data, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def february_locked(unit_a, staff_user):
    month_lock(unit=unit_a, year=PAST_YEAR, month=2, user=staff_user)


def test_a_clerk_cannot_change_the_capital_of_a_project_in_a_locked_month(clerk_a, project_a, february_locked):
    before = snapshot()
    response = client_for(clerk_a).post(f"/projects/{project_a.pk}/edit/", edit_data(project_a, registered_fdi="900"))
    assert response.status_code == 200
    assert f"{PAST_YEAR}年2月已被招商局锁定" in response.content.decode()
    assert snapshot() == before


def test_a_clerk_cannot_move_an_approval_out_of_a_locked_month(clerk_a, project_a, february_locked):
    before = snapshot()
    client_for(clerk_a).post(f"/projects/{project_a.pk}/edit/", edit_data(project_a, approved_on=f"{PAST_YEAR}-03-05"))
    assert snapshot() == before


def test_a_clerk_cannot_add_a_project_approved_in_a_locked_month(clerk_a, february_locked):
    response = client_for(clerk_a).post("/projects/new/", form_data(approved_on=f"{PAST_YEAR}-02-20"))
    assert "已被招商局锁定" in response.content.decode()
    assert not Project.objects.filter(code="A002").exists()


def test_a_clerk_may_still_rename_a_project_in_a_locked_month(clerk_a, project_a, february_locked):
    response = client_for(clerk_a).post(f"/projects/{project_a.pk}/edit/", edit_data(project_a, name="甲镇精密机械二期"))
    assert response.status_code == 302
    assert Project.objects.get(pk=project_a.pk).name == "甲镇精密机械二期"


def test_staff_must_give_a_reason_and_it_is_kept_in_the_history(staff_user, project_a, february_locked):
    client = client_for(staff_user)
    url = f"/projects/{project_a.pk}/edit/"
    response = client.post(url, edit_data(project_a, registered_fdi="900", unit=str(project_a.unit_id)))
    assert "修改已锁定月份的数据须填写修改原因" in response.content.decode()
    assert Project.objects.get(pk=project_a.pk).registered_fdi == Decimal("500")

    response = client.post(url, edit_data(project_a, registered_fdi="900", unit=str(project_a.unit_id),
                                          reason="工商变更登记更正"))
    assert response.status_code == 302
    assert Project.objects.get(pk=project_a.pk).registered_fdi == Decimal("900")
    assert Project.history.filter(id=project_a.pk).first().history_change_reason == "工商变更登记更正"


def test_moving_a_project_to_another_unit_respects_its_arrivals_locked_months(
    staff_user, unit_a, unit_b
):
    from projects.services import EntryRefused, project_update

    project = factories.project(unit_a, code="A009", approved_on=dt.date(PAST_YEAR, 5, 1))
    factories.arrival(project, PAST_YEAR, 3, "700")
    month_lock(unit=unit_a, year=PAST_YEAR, month=3, user=staff_user)
    with pytest.raises(EntryRefused, match="须填写修改原因"):
        project_update(project_id=project.pk, data={"unit": unit_b}, expected_version=project.version,
                       user=staff_user, reason="")
    project.refresh_from_db()
    assert project.unit_id == unit_a.pk
    moved = project_update(project_id=project.pk, data={"unit": unit_b}, expected_version=project.version,
                           user=staff_user, reason="项目划转")
    assert moved.unit_id == unit_b.pk

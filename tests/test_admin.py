"""The admin is for the bureau's staff, and read-only for what the portal's pages edit with their checks."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests import factories
from tests.conftest import make_user
from tests.projects.conftest import client_for
from units.models import Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_staff(db) -> User:
    user = make_user("bureau", Profile.Role.STAFF)
    user.is_staff = True
    user.is_superuser = True  # every model permission: what stops writes is the admin classes
    user.save()
    return user


def test_only_portal_staff_may_enter_the_admin(admin_staff, leader):
    assert client_for(admin_staff).get("/admin/").status_code == 200
    leader.is_staff = True  # Django's flag alone is not enough
    leader.save()
    response = client_for(leader).get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_projects_and_arrivals_are_read_only_in_the_admin(admin_staff, unit_a):
    project = factories.project(unit_a, code="A001")
    arrival = factories.arrival(project, 2007, 4, "100")
    client = client_for(admin_staff)
    assert client.get(f"/admin/projects/project/{project.pk}/change/").status_code == 200  # can look
    response = client.post(f"/admin/projects/arrival/{arrival.pk}/change/", {
        "project": project.pk, "year": 2007, "month": 4, "amount": "999", "carry_over": "",
    })
    assert response.status_code == 403
    arrival.refresh_from_db()
    assert str(arrival.amount) == "100.00"
    assert client.get("/admin/projects/project/add/").status_code == 403
    assert client.post(f"/admin/projects/project/{project.pk}/delete/", {"post": "yes"}).status_code == 403


def test_units_roles_and_the_schedule_stay_editable_in_the_admin(admin_staff):
    client = client_for(admin_staff)
    for url in ("/admin/units/unit/add/", "/admin/units/profile/add/", "/admin/targets/schedulemonth/add/"):
        assert client.get(url).status_code == 200, url

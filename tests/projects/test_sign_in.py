"""Where each persona lands after signing in: a clerk on the monthly page, leaders and staff on home."""
from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(username: str):
    return Client().post("/accounts/login/", {"username": username, "password": PASSWORD}, follow=True)


def test_a_clerk_lands_on_the_monthly_page_of_the_own_unit(clerk_a):
    response = sign_in("clerk_a")
    assert response.redirect_chain[-1][0] == "/projects/monthly/"
    assert "甲镇 ·" in response.text and "实际到帐" in response.text


@pytest.mark.parametrize(("persona", "landing", "shows"), [("leader", "/reports/", "领导看板"),
                                                           ("staff_user", "/desk/", "工作台")])
def test_leaders_land_on_the_dashboard_and_staff_on_the_desk(persona, landing, shows, request):
    user = request.getfixturevalue(persona)
    response = sign_in(user.username)
    assert response.redirect_chain == [("/", 302), (landing, 302)]
    assert shows in response.text


def test_a_user_without_a_role_lands_on_home_and_may_open_no_data_entry_page(db):
    from tests.conftest import make_user

    make_user("nobody", None)
    client = Client()
    response = client.post("/accounts/login/", {"username": "nobody", "password": PASSWORD}, follow=True)
    assert "您的账号尚未分配角色，请联系招商局。" in response.text
    assert client.get("/projects/").status_code == 403
    assert client.get("/projects/monthly/").status_code == 403

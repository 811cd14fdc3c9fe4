"""Sign-in hardening, security headers and a cache that may fail: findings of the security review."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.conftest import PASSWORD, make_user
from tests.factories import PAST_YEAR
from tests.projects.conftest import client_for
from units.models import Profile

pytestmark = pytest.mark.django_db


def signed_in(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


# --- the own password ------------------------------------------------------------------------------------


def test_wrong_old_passwords_on_the_password_change_lock_the_account_like_sign_in(clerk_a, settings):
    client = signed_in("clerk_a")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("password_change"), {
            "old_password": "guess", "new_password1": "Zs-new-pass-2026", "new_password2": "Zs-new-pass-2026"})
        assert response.status_code == 200 and "旧密码不正确" in response.content.decode()
    response = client.post(reverse("password_change"), {
        "old_password": "guess", "new_password1": "Zs-new-pass-2026", "new_password2": "Zs-new-pass-2026"})
    assert response.status_code == 429
    clerk_a.refresh_from_db()
    assert clerk_a.check_password(PASSWORD)


def test_a_new_password_equal_to_the_old_one_is_refused(clerk_a):
    response = signed_in("clerk_a").post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD})
    assert "新密码不能与原密码相同" in response.content.decode()


def test_password_rules_are_explained_in_chinese(clerk_a):
    response = signed_in("clerk_a").post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "1234", "new_password2": "1234"})
    page = response.content.decode()
    assert "密码" in page and "This password" not in page


# --- many user names from one address ----------------------------------------------------------------------


def test_one_wrong_password_on_each_of_twenty_accounts_locks_the_address_not_the_accounts(db, settings):
    for i in range(settings.AXES_IP_FAILURE_LIMIT):
        make_user(f"user{i:02d}", Profile.Role.LEADER)
    attacker = Client(REMOTE_ADDR="10.9.9.9")
    for i in range(settings.AXES_IP_FAILURE_LIMIT):
        assert attacker.post(reverse("login"), {"username": f"user{i:02d}", "password": "wrong"}).status_code == 200
    # the address now waits, even with a right password …
    assert attacker.post(reverse("login"), {"username": "user00", "password": PASSWORD}).status_code == 429
    # … while the accounts themselves are not locked: a colleague signs in from another address.
    colleague = Client(REMOTE_ADDR="10.1.1.1")
    response = colleague.post(reverse("login"), {"username": "user00", "password": PASSWORD})
    assert response.status_code == 302


# --- headers -----------------------------------------------------------------------------------------------


@pytest.fixture
def data(city, unit_a):
    factories.targets(unit_a, PAST_YEAR, reg=(1000, 1500))
    factories.project(unit_a, 600, dt.date(PAST_YEAR, 3, 1), code="A001")


def test_every_page_carries_a_content_security_policy_allowing_scripts_from_the_portal_only(leader, data):
    response = client_for(leader).get(reverse("reports:dashboard") + f"?year={PAST_YEAR}&month=6")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


@pytest.mark.parametrize("url", [
    lambda: reverse("projects:project_list"),
    lambda: reverse("projects:monthly") + f"?year={PAST_YEAR}&month=3",
    lambda: reverse("api:progress") + f"?year={PAST_YEAR}&month=6",
    lambda: reverse("exports:briefing_xlsx") + f"?year={PAST_YEAR}&month=6",
    lambda: reverse("exports:review_docx") + f"?year={PAST_YEAR}&month=6",
    lambda: reverse("workbook:export"),
], ids=["project list", "monthly page", "API", "briefing workbook", "review docx", "data workbook"])
def test_private_answers_are_never_stored_by_a_cache(staff_user, data, url):
    response = client_for(staff_user).get(url())
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_chart_labels_show_a_unit_name_as_text_never_as_a_link(leader, city):
    town = factories.unit("t66", parent=city, name='<a href="https://evil.example">点我</a>镇')
    factories.targets(town, PAST_YEAR, reg=(1000, 1500))
    factories.project(town, 600, dt.date(PAST_YEAR, 3, 1))
    response = client_for(leader).get(reverse("reports:rankings") + f"?year={PAST_YEAR}&month=6&kind=township")
    body = response.content.decode()
    start = body.index('id="chart-ranking-data"')
    figure = json.loads(body[body.index(">", start) + 1:body.index("</script>", start)])
    labels = figure["data"][0]["y"]
    assert labels == ['&lt;a href="https://evil.example"&gt;点我&lt;/a&gt;镇']


# --- a cache that is down ------------------------------------------------------------------------------------


def test_pages_and_downloads_answer_while_redis_is_down(settings, leader, data):
    settings.CACHES = {"default": {"BACKEND": "config.cache.SoftRedisCache", "LOCATION": "redis://127.0.0.1:1/0",
                                   "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}
    client = client_for(leader)
    period = f"?year={PAST_YEAR}&month=6"
    for url in (reverse("reports:dashboard"), reverse("reports:rankings"), reverse("exports:briefing_xlsx"),
                reverse("api:progress")):
        assert client.get(url + period).status_code == 200, url

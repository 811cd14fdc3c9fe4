"""Security settings and sign-in throttling."""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {"DEBUG": "0", "ALLOWED_HOSTS": "zhaoshang.example.gov.cn"}


def test_the_production_settings_pass_the_deploy_check(tmp_path):
    env = {**PRODUCTION, "SECRET_KEY": secrets.token_urlsafe(60), "STATIC_ROOT": str(tmp_path)}
    collected = run_manage("collectstatic", "--noinput", "-v0", **env)
    assert collected.returncode == 0, collected.stdout + collected.stderr
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_collected_static_files_the_production_check_says_so(tmp_path):
    result = run_manage("check", SECRET_KEY=secrets.token_urlsafe(60), STATIC_ROOT=str(tmp_path / "empty"), **PRODUCTION)
    assert result.returncode != 0
    assert "ops.E001" in result.stderr and "collectstatic" in result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="0", ALLOWED_HOSTS="zhaoshang.example.gov.cn")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_manage("check", DEBUG="0", SECRET_KEY=secrets.token_urlsafe(60))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


@pytest.mark.django_db
def test_sign_in_is_locked_after_five_failures_even_with_the_right_password(client, leader, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/accounts/login/", {"username": "leader", "password": "wrong"})
        assert response.status_code == 200  # the form again, with its error
    response = client.post("/accounts/login/", {"username": "leader", "password": "wrong"})
    assert response.status_code == 429  # the fifth failure locks
    response = client.post("/accounts/login/", {"username": "leader", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_locked_name_does_not_lock_other_users(client, leader, staff_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "leader", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "staff", "password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_good_sign_in_goes_through_the_form(client, leader):
    response = client.post("/accounts/login/", {"username": "leader", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(leader.pk)


@pytest.mark.django_db
def test_behind_a_proxy_failures_count_per_client_address(client, leader, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "leader", "password": "wrong"}, **attacker)
    locked = client.post("/accounts/login/", {"username": "leader", "password": PASSWORD}, **attacker)
    assert locked.status_code == 429
    # The leader signing in from another address through the same proxy is not locked out.
    own = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert client.post("/accounts/login/", {"username": "leader", "password": PASSWORD}, **own).status_code == 302


def test_a_forged_forwarded_address_is_not_trusted():
    from django.test import RequestFactory, override_settings

    from units.auth import client_ip

    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    with override_settings(TRUSTED_PROXY_COUNT=1):
        assert client_ip(request) == "203.0.113.9"  # what our proxy saw, not what the client claimed
    with override_settings(TRUSTED_PROXY_COUNT=0):
        assert client_ip(request) == "10.0.0.1"

"""Small factories for the data-entry tests (personas come from tests/conftest.py)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from projects.models import Arrival, Project
from units.periods import current_period
from units.models import Unit

# A month safely in the past, whatever today is: entry for it is always allowed (unless locked).
PAST_YEAR = current_period()[0] - 1


def make_project(unit: Unit, code: str = "P001", **fields) -> Project:
    values = {
        "name": f"项目{code}", "stage": Project.Stage.APPROVED, "approved_on": dt.date(PAST_YEAR, 2, 10),
        "registered_fdi": Decimal("500"), "investor": "香港某公司", "country": "中国香港",
    }
    values.update(fields)
    return Project.objects.create(code=code, unit=unit, **values)


def make_arrival(project: Project, year: int, month: int, amount: str, carry_over: bool = False) -> Arrival:
    return Arrival.objects.create(project=project, year=year, month=month, amount=Decimal(amount), carry_over=carry_over)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Users are made in every test; the real hasher would spend most of the run hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def project_a(unit_a) -> Project:
    return make_project(unit_a, "A001", name="甲镇精密机械")


@pytest.fixture
def project_b(unit_b) -> Project:
    return make_project(unit_b, "B001", name="乙局物流园")


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client

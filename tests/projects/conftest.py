"""Fixtures of the data-entry tests: unit A's and unit B's projects, and a signed-in client.

Personas come from tests/conftest.py, builders from tests/factories.py."""
from __future__ import annotations

import pytest
from django.test import Client

from projects.models import Project
from tests import factories


@pytest.fixture
def project_a(unit_a) -> Project:
    return factories.project(unit_a, code="A001", name="甲镇精密机械", investor="香港某公司", country="香港")


@pytest.fixture
def project_b(unit_b) -> Project:
    return factories.project(unit_b, code="B001", name="乙局物流园", investor="香港某公司", country="香港")


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client

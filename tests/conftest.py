"""Shared fixtures: the personas of every permission test (healthchecks' style) and small factories."""
from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction

from tests.factories import NOW
from units.models import Profile, Unit

PASSWORD = "test-pass-123"


@pytest.fixture
def city(db) -> Unit:
    return Unit.objects.create(code="city", name="示范市", kind=Unit.Kind.CITY)


@pytest.fixture
def unit_a(city) -> Unit:
    return Unit.objects.create(code="t01", name="甲镇", kind=Unit.Kind.TOWNSHIP, parent=city, sort_order=1)


@pytest.fixture
def unit_b(city) -> Unit:
    return Unit.objects.create(code="d01", name="乙局", kind=Unit.Kind.DEPARTMENT, parent=city, sort_order=2)


def make_user(username: str, role: str | None, unit: Unit | None = None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD)
    if role:
        Profile.objects.create(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def clerk_a(unit_a) -> User:
    """The clerk of unit A: may enter A's data and nothing else."""
    return make_user("clerk_a", Profile.Role.CLERK, unit_a)


@pytest.fixture
def clerk_b(unit_b) -> User:
    """Another unit's clerk, who should have no access to unit A's data."""
    return make_user("clerk_b", Profile.Role.CLERK, unit_b)


@pytest.fixture
def staff_user(db) -> User:
    return make_user("staff", Profile.Role.STAFF)


@pytest.fixture
def leader(db) -> User:
    return make_user("leader", Profile.Role.LEADER)


@pytest.fixture(autouse=True)
def clock(request):
    """The suite's clock: every test runs at ``tests.factories.NOW`` (mid-June 2026, moving on from there),
    so nothing depends on the day the suite happens to run. A test moves it with ``clock.move_to(…)``.

    Browser tests keep the real clock: Chromium judges cookie expiry by its own clock."""
    if request.node.get_closest_marker("browser") is not None:
        yield None
        return
    with time_machine.travel(NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _language_reset():
    """A request in English leaves English active in the thread that served it (Django does not switch
    back after the response); every test starts, and ends, in the portal's own language."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached reports are keyed by a data version that only moves on commit; tests run inside
    transactions, so each test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Users are made in most tests (and 109 by load_demo); the real hasher would spend the run hashing.
    Sign-in behaviour is the same with any hasher."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        # Still verifies hashes made before this fixture ran (a demo city loaded once per module).
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]


@pytest.fixture(scope="module")
def demo_city(django_db_setup, django_db_blocker):
    """The demo city of seed 004 (``load_demo``), loaded once for a test module and rolled back after it.

    Each test still runs in its own savepoint (request ``db`` beside it), so its changes are undone."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            # loaded on the suite's clock (the day before NOW), so its history precedes every test's changes
            with time_machine.travel(NOW - dt.timedelta(days=1), tick=False):
                call_command("load_demo", stdout=io.StringIO())
            yield
            transaction.set_rollback(True)

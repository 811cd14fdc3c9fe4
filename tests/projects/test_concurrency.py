"""Two people saving at the same moment, for real (PostgreSQL: row locks; SQLite serialises writers anyway).

Each save runs in its own thread and database connection; a barrier starts them together.
"""
from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection, connections

from projects import services
from projects.models import Arrival
from tests import factories
from tests.factories import PAST_YEAR

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("threads need a database server (an in-memory SQLite test database is per connection)")


def race(*saves) -> list[str]:
    """Run the saves at once; 'saved' or 'refused' for each, in order."""
    barrier = threading.Barrier(len(saves))
    outcomes = [""] * len(saves)

    def run(i, save):
        try:
            barrier.wait()
            save()
            outcomes[i] = "saved"
        except services.StaleVersionError:
            outcomes[i] = "refused"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(saves)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return outcomes


def test_two_edits_of_the_same_project_version_let_exactly_one_through(clerk_a, staff_user, unit_a):
    project = factories.project(unit_a, code="A001")

    def edit(user, name):
        return lambda: services.project_update(project_id=project.pk, data={"name": name}, expected_version=1, user=user)

    outcomes = race(edit(clerk_a, "填报员改名"), edit(staff_user, "招商局改名"))
    assert sorted(outcomes) == ["refused", "saved"]
    project.refresh_from_db()
    winner = "填报员改名" if outcomes[0] == "saved" else "招商局改名"
    assert (project.name, project.version) == (winner, 2)
    assert project.history.count() == 2  # the creation and the one save that went through


def test_two_first_entries_of_the_same_arrival_let_exactly_one_through(clerk_a, staff_user, unit_a):
    project = factories.project(unit_a, code="A001")

    def enter(user, amount):
        return lambda: services.arrivals_save_month(
            unit=unit_a, year=PAST_YEAR, month=4, amounts={project.pk: amount}, versions={project.pk: 0}, user=user
        )

    outcomes = race(enter(clerk_a, "100"), enter(staff_user, "200"))
    assert sorted(outcomes) == ["refused", "saved"]
    row = Arrival.objects.get()
    assert (row.amount, row.version) == (Decimal("100") if outcomes[0] == "saved" else Decimal("200"), 1)

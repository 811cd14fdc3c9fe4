"""The database itself refuses bad rows, even when the ORM's validation is bypassed (plain ``.save()``).

Runs on SQLite and on PostgreSQL (``DATABASE_URL=postgres://…``): the check and unique constraints are the
last line behind the forms and the workbook import.
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from projects.models import Arrival, Project
from targets.models import Target
from units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(unit_a) -> Project:
    return Project.objects.create(code="P1", name="甲", unit=unit_a, stage="approved",
                                  approved_on=dt.date(2007, 3, 1), registered_fdi=100)


def refused_by_the_database(obj) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


def test_an_arrival_in_month_13_is_refused(project):
    refused_by_the_database(Arrival(project=project, year=2007, month=13, amount=1))


def test_an_arrival_in_month_0_is_refused(project):
    refused_by_the_database(Arrival(project=project, year=2007, month=0, amount=1))


def test_a_negative_arrival_is_refused(project):
    refused_by_the_database(Arrival(project=project, year=2007, month=3, amount=-1))


def test_a_carry_over_outside_january_is_refused(project):
    refused_by_the_database(Arrival(project=project, year=2007, month=2, amount=1, carry_over=True))


def test_an_arrival_year_out_of_range_is_refused(project):
    refused_by_the_database(Arrival(project=project, year=1989, month=1, amount=1))


def test_a_second_arrival_with_the_same_key_is_refused(project):
    Arrival.objects.create(project=project, year=2007, month=3, amount=1)

    refused_by_the_database(Arrival(project=project, year=2007, month=3, amount=2))
    Arrival.objects.create(project=project, year=2007, month=1, amount=2, carry_over=True)  # carry-over: other key
    assert Arrival.objects.count() == 2


def test_an_approved_project_without_a_date_is_refused(unit_a):
    for stage in ("approved", "funded", "operating"):
        refused_by_the_database(Project(code=f"P-{stage}", name="甲", unit=unit_a, stage=stage, registered_fdi=1))


def test_a_project_in_the_pipeline_with_an_approval_date_is_refused(unit_a):
    for stage in ("negotiating", "signed"):
        refused_by_the_database(Project(code=f"P-{stage}", name="甲", unit=unit_a, stage=stage,
                                        approved_on=dt.date(2007, 1, 1), registered_fdi=1))


def test_a_project_with_negative_registered_capital_or_an_unknown_type_is_refused(unit_a):
    refused_by_the_database(Project(code="P-neg", name="甲", unit=unit_a, registered_fdi=-1))
    refused_by_the_database(Project(code="P-neg2", name="甲", unit=unit_a, registered_fdi=1, total_investment=-1))
    refused_by_the_database(Project(code="P-type", name="甲", unit=unit_a, registered_fdi=1, type="joint"))


def test_a_duplicate_target_key_is_refused(unit_a):
    Target.objects.create(year=2007, unit=unit_a, indicator="paid_in_fdi", kind="assessment", amount=100)

    refused_by_the_database(Target(year=2007, unit=unit_a, indicator="paid_in_fdi", kind="assessment", amount=200))


def test_a_negative_target_an_unknown_indicator_and_a_year_out_of_range_are_refused(unit_a):
    refused_by_the_database(Target(year=2007, unit=unit_a, indicator="paid_in_fdi", kind="stretch", amount=-1))
    refused_by_the_database(Target(year=2007, unit=unit_a, indicator="imports", kind="stretch", amount=1))
    refused_by_the_database(Target(year=2007, unit=unit_a, indicator="paid_in_fdi", kind="hope", amount=1))
    refused_by_the_database(Target(year=2101, unit=unit_a, indicator="paid_in_fdi", kind="stretch", amount=1))


def test_a_second_city_and_a_unit_without_parent_are_refused(city):
    refused_by_the_database(Unit(code="city2", name="另一个市", kind="city"))
    refused_by_the_database(Unit(code="t9", name="无上级", kind="township"))
    refused_by_the_database(Unit(code="c9", name="有上级的市", kind="city", parent=city))


def test_a_unit_cannot_be_its_own_parent(unit_a):
    unit_a.parent = unit_a

    refused_by_the_database(unit_a)

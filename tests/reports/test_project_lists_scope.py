"""Project lists on the report pages name investors and the pipeline: a clerk sees only the own unit's."""
from __future__ import annotations

import datetime as dt

import pytest

from tests import factories as F
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

JULY = "year=2007&month=7"


@pytest.fixture
def two_units(city, unit_a, unit_b):
    F.targets(city, 2007, reg=(1000, 2000), paid=(500, 900))
    a = F.project(unit_a, "1500", dt.date(2007, 3, 1))
    a.name, a.investor = "甲镇大项目", "甲方投资者"
    a.save()
    b = F.project(unit_b, "2500", dt.date(2007, 4, 1))
    b.name, b.investor = "乙局大项目", "乙方投资者"
    b.save()
    pipeline = F.project(unit_b, "3000", None, stage="negotiating")
    pipeline.name = "乙局在谈项目"
    pipeline.save()
    return unit_a, unit_b


def test_a_clerk_reads_another_unit_s_figures_but_not_its_projects(client, clerk_a, two_units):
    _unit_a, unit_b = two_units
    client.login(username="clerk_a", password=PASSWORD)
    page = client.get(f"/reports/units/{unit_b.code}/?{JULY}").content.decode()
    assert unit_b.name in page
    assert "乙局大项目" not in page and "乙方投资者" not in page and "乙局在谈项目" not in page
    assert "只向本单位填报员" in page
    own = client.get(f"/reports/units/t01/?{JULY}").content.decode()
    assert "甲镇大项目" in own and "甲方投资者" in own


def test_the_large_projects_page_lists_only_the_clerk_s_own_projects(client, clerk_a, two_units):
    client.login(username="clerk_a", password=PASSWORD)
    page = client.get(f"/reports/large-projects/?{JULY}").content.decode()
    assert "甲镇大项目" in page
    assert "乙局大项目" not in page and "乙局在谈项目" not in page
    assert "只列本单位的项目" in page


def test_leaders_and_staff_see_every_unit_s_projects(client, leader, two_units):
    _unit_a, unit_b = two_units
    client.login(username="leader", password=PASSWORD)
    page = client.get(f"/reports/large-projects/?{JULY}").content.decode()
    assert "甲镇大项目" in page and "乙局大项目" in page and "乙局在谈项目" in page
    assert "乙方投资者" in client.get(f"/reports/units/{unit_b.code}/?{JULY}").content.decode()

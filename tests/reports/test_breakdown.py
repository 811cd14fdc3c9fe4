"""Projects by industry, 板块, country and region: figures worked by hand on a small city, the groups
summing to the city's totals of the progress report on the demo city, one query whatever the number
of units, and (in test_breakdown_page) the demo city's page."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.breakdown import DIMENSIONS, breakdown
from reports.progress import progress_report
from tests import factories

Y = factories.PAST_YEAR


@pytest.fixture
def small_city(city):
    t1 = factories.unit("t01", parent=city)
    t2 = factories.unit("t02", parent=city)
    factories.targets(t1, Y, reg=(1000, 1200), paid=(500, 600))
    a = factories.project(t1, "300", dt.date(Y, 2, 1), industry="纺织服装", country="香港")
    b = factories.project(t2, "100", dt.date(Y, 3, 1), industry="纺织服装", country="日本")
    c = factories.project(t2, "200", dt.date(Y, 4, 1), industry="化工", country="香港")
    last = factories.project(t1, "250", dt.date(Y - 1, 3, 1), industry="纺织服装", country="美国")
    factories.project(t1, "999", dt.date(Y, 8, 1), industry="化工")  # after the period
    factories.project(t2, "50", dt.date(Y, 5, 1))  # no industry, no country
    factories.arrival(a, Y, 3, "120")
    factories.arrival(c, Y, 4, "80")
    factories.arrival(last, Y, 1, "40", carry_over=True)  # last year's project, paid this year
    factories.arrival(last, Y - 1, 5, "100")
    factories.arrival(b, Y, 9, "70")  # after the period
    return city


def by_key(result):
    return {g.key: g for g in result.groups}


def test_by_industry_worked_by_hand(small_city):
    result = breakdown(year=Y, month=6, dimension="industry")
    groups = by_key(result)
    assert set(groups) == {"纺织服装", "化工", ""}
    textile = groups["纺织服装"]
    # 1–6月: projects a (300) and b (100); last year's 1–6月: the 250 one; paid 120 + 40 (carry-over) vs 100
    assert (textile.count, textile.count_last_year) == (2, 1)
    assert (textile.registered, textile.registered_last_year) == (D("400.00"), D("250.00"))
    assert (textile.paid_in, textile.paid_in_last_year) == (D("160.00"), D("100.00"))
    assert textile.registered_yoy == D("60.00") and textile.paid_in_yoy == D("60.00") and textile.count_yoy == D("100.00")
    # shares of the city: 400 of 650 registered, 160 of 240 paid-in, 2 of 4 projects
    assert (textile.registered_share, textile.paid_in_share, textile.count_share) == (D("61.54"), D("66.67"), D("50.00"))
    chemical = groups["化工"]
    assert (chemical.count, chemical.registered, chemical.paid_in, chemical.registered_yoy) == (1, D("200.00"), D("80.00"), None)
    blank = groups[""]
    assert blank.label == "未填" and (blank.count, blank.registered) == (1, D("50.00"))
    assert [g.key for g in result.groups] == ["纺织服装", "化工", ""]  # by registered FDI, largest first


def test_by_sector_and_region_follow_the_lists(small_city):
    sectors = by_key(breakdown(year=Y, month=6, dimension="sector"))
    assert sectors["textile"].label == "轻纺服装" and sectors["textile"].registered == D("400.00")
    assert sectors["pharma_chemical"].label == "生物医药化工" and sectors["pharma_chemical"].paid_in == D("80.00")
    regions = by_key(breakdown(year=Y, month=6, dimension="region"))
    assert regions["hmt"].label == "港澳台" and regions["hmt"].registered == D("500.00")  # a (300) + c (200)
    assert regions["americas"].paid_in == D("40.00") and regions["americas"].registered == D("0.00")


@pytest.mark.parametrize("dimension", list(DIMENSIONS))
def test_the_groups_sum_to_the_citys_totals(small_city, dimension):
    for month in (1, 6, 12):
        result = breakdown(year=Y, month=month, dimension=dimension)
        city = progress_report(year=Y, month=month).city
        assert result.registered == city.figure("registered_fdi").ytd
        assert result.paid_in == city.figure("paid_in_fdi").ytd


def test_one_query_whatever_the_number_of_units(small_city):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            breakdown(year=Y, month=6, dimension="sector")
        return len(captured)

    few = queries()
    for i in range(30):
        u = factories.unit(f"x{i:02d}", parent=small_city)
        p = factories.project(u, "10", dt.date(Y, 2, 1), industry="食品", country="德国")
        factories.arrival(p, Y, 2, "5")
    assert queries() == few <= 2  # the year's schedule and the one statement


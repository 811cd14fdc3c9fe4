"""The dashboards run a fixed number of queries: a city of 60 units costs what a city of 10 costs.

Each page is asked uncached (the report computed) and again cached; the counts are pinned so that an
added query shows up here, with the page that grew it.
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import Arrival, Project
from targets.models import Target
from tests import factories as f
from units.models import Unit

YEAR = 2007
QUERY = f"?year={YEAR}&month=7"

# Uncached: session, user, profile (3) + data version, schedule, report (3) + the page's own queries.
# Cached: the report's two queries are saved. The rankings also read last month's report.
# (first request, the same page again). The first: session, user, role; the data version, the report
# (schedule, statement) and what the body adds. Again: the body comes from the page cache, keyed by the
# data version, so only session, user, role and the version are read.
# The report itself is 5: schedule, statement, the month's submissions, the deadline, last month's edition.
REPORT = 6  # + the peer counties (reports.progress.peers)
# The first request also asks once whether the year has any data (cached per data version), and whether
# the month has a published edition (the cycle line).
FIRST = 1 + 1
PINNED = {
    # + the city's monthly line, the year's schedule, the briefing facts (grafted, backbone, increase: 2),
    # the trade dependence (the year settings, last year's trade: 2)
    "reports:dashboard": (3 + 1 + REPORT + FIRST + 2 + 2 + 2, 3 + 1),
    "reports:rankings": (3 + 1 + REPORT + FIRST + 2, 3 + 1),  # + last month's ranks (its schedule, the statement)
    "reports:unit": (3 + 1 + REPORT + FIRST + 3, 3 + 1),            # + the unit's monthly line, schedule, its projects
    # + large projects, pipeline, pipeline by stage, the units for the 上级单位 choices
    "reports:large_projects": (3 + 1 + REPORT + FIRST + 4, 3 + 1),
}


def small_city(units: int) -> None:
    """A city with a zone and ``units`` townships and departments, each with targets, an approved
    project with arrivals in two months, and a pipeline project."""
    city = f.unit("city", Unit.Kind.CITY, name="测试市")
    f.targets(city, YEAR, reg=(50000, 60000), paid=(30000, 40000))
    f.unit("kfq", Unit.Kind.DEVELOPMENT_ZONE, city, name="开发区")
    for i in range(units - 1):
        kind = Unit.Kind.TOWNSHIP if i % 2 else Unit.Kind.DEPARTMENT
        u = f.unit(f"u{i:03d}", kind, city, name=f"单位{i}")
        f.targets(u, YEAR, reg=(1000, 1500), paid=(600, 900))
        p = f.project(u, 300 + i * 40, dt.date(YEAR, 1 + i % 7, 10))
        f.arrival(p, YEAR, 3, 50 + i)
        f.arrival(p, YEAR, 6, 20)
        f.arrival(p, YEAR - 1, 5, 30)
        f.project(u, 1200, None, stage="negotiating" if i % 3 else "signed")


def clear_city() -> None:
    Arrival.objects.all().delete()
    Project.objects.all().delete()
    Target.objects.all().delete()
    Unit.objects.exclude(kind=Unit.Kind.CITY).delete()
    Unit.objects.all().delete()


def count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def counts(client: Client, urls: dict[str, str]) -> dict[str, tuple[int, int]]:
    found = {}
    for name, url in urls.items():
        cache.clear()
        # A fresh client each time: the session and user are loaded again, as on a real request.
        found[name] = (count(client, url), count(client, url))
    return found


@pytest.fixture
def urls() -> dict[str, str]:
    return {
        "reports:dashboard": reverse("reports:dashboard") + QUERY,
        "reports:rankings": reverse("reports:rankings") + QUERY + "&kind=department",
        "reports:unit": reverse("reports:unit", args=["kfq"]) + QUERY,
        "reports:large_projects": reverse("reports:large_projects") + QUERY,
    }


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_number_of_units(leader, urls):
    client = Client()
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    small_city(10)
    assert Unit.objects.count() == 11
    ten = counts(client, urls)
    clear_city()
    small_city(60)
    assert Unit.objects.count() == 61
    sixty = counts(client, urls)
    assert sixty == ten
    assert ten == PINNED


@pytest.mark.django_db
def test_the_default_period_costs_three_more_queries(leader):
    client = Client()
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    small_city(10)
    cache.clear()
    # latest_period(): the last arrival, the last reported figure and the last approval
    assert count(client, reverse("reports:dashboard")) == PINNED["reports:dashboard"][0] + 3


@pytest.mark.django_db
def test_the_rankings_of_sixty_units_show_every_unit_of_the_kind(leader):
    client = Client()
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    small_city(60)
    html = client.get(reverse("reports:rankings") + QUERY + "&kind=department").content.decode()
    assert html.count('data-code="u') == 30


@pytest.mark.django_db
def test_without_a_city_the_pages_say_so_in_chinese(leader, urls):
    client = Client()
    client.force_login(leader, backend="django.contrib.auth.backends.ModelBackend")
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200
        assert "尚未设置市本级单位，无法生成报表。" in response.content.decode(), name

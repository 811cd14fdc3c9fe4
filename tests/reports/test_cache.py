"""Cached reports follow the data: a committed change gives the next request a fresh report."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from reports.cache import data_version, report_for
from tests import factories as F
from units.models import Unit

pytestmark = pytest.mark.django_db


def test_a_cached_report_costs_one_query_and_a_commit_refreshes_it(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        city = F.unit("city", Unit.Kind.CITY)
        town = F.unit("t1", parent=city)
        F.project(town, 10, dt.date(2007, 2, 1))
    assert report_for(year=2007, month=7).city.registered_fdi.ytd == D("10.00")
    with CaptureQueriesContext(connection) as ctx:
        report_for(year=2007, month=7)
    assert len(ctx.captured_queries) == 1  # the data version

    before = data_version()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            F.project(town, 5, dt.date(2007, 3, 1))
            F.project(town, 5, dt.date(2007, 3, 2))
    assert data_version() == before + 1  # one bump for the whole transaction
    assert report_for(year=2007, month=7).city.registered_fdi.ytd == D("20.00")


def test_a_rolled_back_change_does_not_bump_the_version(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        city = F.unit("city", Unit.Kind.CITY)
    before = data_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                F.unit("t1", parent=city)
                raise RuntimeError("abandon")
        except RuntimeError:
            pass
    assert callbacks == []
    assert data_version() == before


def test_a_cached_dashboard_shows_a_committed_change_at_the_next_request(
    client, leader, django_capture_on_commit_callbacks
):
    from tests.conftest import PASSWORD

    with django_capture_on_commit_callbacks(execute=True):
        city = F.unit("city", Unit.Kind.CITY, name="示范市")
        town = F.unit("t1", parent=city, name="一镇")
        F.targets(city, 2007, reg=(1000, 2000), paid=(1000, 2000))
        F.project(town, "123", dt.date(2007, 2, 1))
    client.login(username="leader", password=PASSWORD)
    url = "/reports/?year=2007&month=7"
    assert "123" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        F.project(town, "333", dt.date(2007, 3, 1))
    page = client.get(url).content.decode()
    assert "456" in page  # 123 + 333


def test_viewers_who_may_open_different_projects_do_not_share_a_cached_body(rf, leader, clerk_a):
    from reports.cache import page_key

    request = rf.get("/reports/units/t01/?year=2007&month=7")
    request.user = leader
    leader_key = page_key(request, 5)
    request.user = clerk_a
    assert page_key(request, 5) != leader_key
    assert page_key(request, 6) != page_key(request, 5)


def test_while_one_process_computes_the_others_get_the_previous_version():
    from django.core.cache import cache

    from reports.cache import single_flight

    assert single_flight("k:1", "k:latest", lambda: "one") == ("one", True)
    cache.add("k:2:lock", 1, 60)  # another process is computing version 2
    assert single_flight("k:2", "k:latest", lambda: "two") == ("one", False)
    cache.delete("k:2:lock")
    assert single_flight("k:2", "k:latest", lambda: "two") == ("two", True)
    assert single_flight("k:2", "k:latest", lambda: "never") == ("two", True)


def test_a_body_made_from_a_stale_report_is_shown_but_not_stored():
    from django.core.cache import cache
    from django.template import Context, Template

    page = Template("{% load report_cache %}{% cached_body %}{{ figure }}{% end_cached_body %}")
    assert page.render(Context({"page_key": "1|zh|leader:|/reports/", "figure": "100"})) == "100"
    stale = Context({"page_key": "2|zh|leader:|/reports/", "figure": "200", "page_fresh": False})
    assert page.render(stale) == "100"  # the previous version's body, while version 2 is being computed
    assert cache.get("zs:page:2|zh|leader:|/reports/") is None
    fresh = Context({"page_key": "2|zh|leader:|/reports/", "figure": "200"})
    assert page.render(fresh) == "200"

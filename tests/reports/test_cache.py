"""Cached reports follow the data: a committed change gives the next request a fresh report."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from reports.cache import data_version, report_for
from tests.reports import factories as F
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

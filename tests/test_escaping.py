"""A unit or project name is text wherever it appears: HTML is escaped on every page that shows names."""
from __future__ import annotations

import datetime as dt

import pytest

from tests import factories as F
from tests.conftest import PASSWORD
from units.models import Unit

pytestmark = pytest.mark.django_db

EVIL_UNIT = '<script>alert("unit")</script>镇'
EVIL_PROJECT = '<img src=x onerror=alert("project")>有限公司'


@pytest.fixture
def evil_city(city, staff_user):
    F.targets(city, 2007, reg=(1000, 2000), paid=(500, 900))
    town = F.unit("evil", Unit.Kind.TOWNSHIP, city, name=EVIL_UNIT)
    F.targets(town, 2007, reg=(100, 200), paid=(50, 90))
    project = F.project(town, "1500", dt.date(2007, 3, 1))
    project.name = EVIL_PROJECT
    project.save()
    F.arrival(project, 2007, 3, 20)
    F.project(town, "2000", None, stage="negotiating")
    return town, project


def pages(town, project) -> list[str]:
    july = "year=2007&month=7"
    return [
        f"/reports/?{july}&kind=township",
        f"/reports/rankings/?{july}&kind=township",
        f"/reports/units/{town.code}/?{july}",
        f"/reports/large-projects/?{july}",
        "/projects/",
        f"/projects/{project.pk}/",
        f"/projects/monthly/?unit={town.pk}&{july}",
        "/targets/?year=2007",
        "/projects/board/?year=2007",
        f"/reports/exports/review/?{july}",
    ]


def test_names_are_escaped_on_every_page(client, staff_user, evil_city):
    town, project = evil_city
    client.login(username="staff", password=PASSWORD)
    for url in pages(town, project):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url
        # in HTML, or in a chart's JSON (json_script escapes, and plotly gets the name as entities: plain text)
        shown = ("&lt;script&gt;" in html or "\\u003Cscript\\u003E" in html or "&lt;img" in html
                 or "\\u0026lt;script\\u0026gt;" in html)
        assert shown, f"{url} does not show the name at all"


def test_the_api_returns_the_name_as_plain_json_text(client, leader, evil_city):
    client.login(username="leader", password=PASSWORD)
    data = client.get("/api/reports/progress", {"year": 2007, "month": 7}).json()
    assert EVIL_UNIT in [u["name"] for u in data["units"]]

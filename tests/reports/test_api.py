"""The report as JSON: the API refuses strangers and bad parameters; the command prints the same JSON."""
from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.progress import progress_report
from tests import factories as F
from tests.conftest import PASSWORD, make_user
from units.models import Unit

pytestmark = pytest.mark.django_db

URL = "/api/reports/progress"


@pytest.fixture
def small_city(city):
    town = F.unit("t9", parent=city, name="九镇")
    F.targets(city, 2007, reg=(100, 200), paid=(100, 200))
    F.targets(town, 2007, reg=(50, 80), paid=(40, 60))
    F.arrival(F.project(town, 30, dt.date(2007, 3, 1)), 2007, 3, 12)
    return city


def test_a_signed_in_leader_gets_the_report(client, leader, small_city):
    client.login(username="leader", password=PASSWORD)
    response = client.get(URL, {"year": 2007, "month": 7})
    assert response.status_code == 200
    data = response.json()
    assert data["schedule_pct"] == 58.33
    town = next(u for u in data["units"] if u["code"] == "t9")
    assert town["name"] == "九镇"
    assert town["registered_fdi"]["assessment_pct"] == 60.0
    assert town["paid_in_fdi"]["monthly_avg"] == round(12 / 7, 2)
    assert data["groups"][0]["kind"] == "township"


def test_every_role_may_read_but_strangers_may_not(client, small_city, clerk_a, staff_user):
    assert client.get(URL, {"year": 2007, "month": 7}).status_code == 401
    make_user("nobody", None)
    client.login(username="nobody", password=PASSWORD)
    assert client.get(URL, {"year": 2007, "month": 7}).status_code == 403
    for username in ("clerk_a", "staff"):
        client.login(username=username, password=PASSWORD)
        assert client.get(URL, {"year": 2007, "month": 7}).status_code == 200


@pytest.mark.parametrize(
    "params, message",
    [
        ({"year": 2007, "month": 0}, "月份必须是1到12之间的整数"),
        ({"year": 2007, "month": 13}, "月份必须是1到12之间的整数"),
        ({"year": "二〇〇七", "month": 7}, "年度必须是整数"),
        ({"year": 2007, "month": "七"}, "月份必须是1到12之间的整数"),
        ({"year": 1999, "month": 7}, "1999年没有任何目标或项目数据"),
        ({"year": 2007}, "请提供年度和月份参数"),
    ],
)
def test_bad_parameters_get_a_clear_400(client, leader, small_city, params, message):
    client.login(username="leader", password=PASSWORD)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_the_api_refuses_writes(client, leader, small_city):
    client.login(username="leader", password=PASSWORD)
    assert client.post(URL, {"year": 2007, "month": 7}).status_code == 405


def test_the_command_prints_the_same_json_as_the_api(client, leader, small_city):
    out = io.StringIO()
    call_command("progress_report", year="2007", month="7", stdout=out)
    client.login(username="leader", password=PASSWORD)
    assert json.loads(out.getvalue()) == client.get(URL, {"year": 2007, "month": 7}).json()


def test_the_command_reports_bad_parameters_without_a_traceback(small_city):
    with pytest.raises(CommandError, match="月份必须是1到12之间的整数"):
        call_command("progress_report", year="2007", month="0")
    with pytest.raises(CommandError, match="没有任何目标或项目数据"):
        call_command("progress_report", year="1995", month="5")


def _city_of(n_units: int) -> None:
    city = F.unit("city", Unit.Kind.CITY)
    F.targets(city, 2007, reg=(1000, 2000), paid=(800, 1600))
    for i in range(n_units):
        kind = (Unit.Kind.TOWNSHIP, Unit.Kind.DEPARTMENT, Unit.Kind.DEVELOPMENT_ZONE)[i % 3]
        u = F.unit(f"u{i:03d}", kind, city)
        F.targets(u, 2007, reg=(10 + i, 20 + i), paid=(5 + i, 9 + i))
        if i % 4:
            p = F.project(u, 1 + i % 7, dt.date(2007, 1 + i % 7, 1))
            F.arrival(p, 2007, 1 + i % 7, 1 + i % 5)
            F.arrival(p, 2006, 2, 2)


def _queries_for_report() -> int:
    with CaptureQueriesContext(connection) as ctx:
        report = progress_report(year=2007, month=7)
    assert report.units
    return len(ctx.captured_queries)


def test_the_query_count_does_not_grow_with_the_number_of_units():
    _city_of(10)
    small = _queries_for_report()
    for i in range(10, 300):
        u = F.unit(f"x{i:03d}", Unit.Kind.TOWNSHIP, Unit.objects.get(kind="city"))
        F.targets(u, 2007, reg=(10, 20))
    large = _queries_for_report()
    assert Unit.objects.count() == 301
    # the schedule, the one statement of figures; the month's submissions, the year's deadline and the
    # previous month's edition (reports.completeness, reports.editions), the peer counties (§6)
    assert small == large == 6

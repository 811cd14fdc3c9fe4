"""The submission board: units × months, 未报送 / 已报送 / 已锁定, and staff locking and unlocking months."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import projects.services.submissions as submissions
from projects.models import MonthSubmission
from projects.services import month_lock, month_submit
from tests.conftest import PASSWORD
from tests.targets.helpers import many_units

YEAR = 2026
URL = reverse("projects:board")
LOCK = reverse("projects:lock")


@pytest.fixture
def staff_client(client, staff_user):
    client.login(username="staff", password=PASSWORD)
    return client


def statuses(response, unit) -> list[str]:
    for group in response.context["groups"]:
        for row in group["rows"]:
            if row["unit"] == unit:
                return [c.status for c in row["cells"]]
    raise AssertionError("unit not on the board")


def status_of(unit, month: int) -> str | None:
    return MonthSubmission.objects.filter(unit=unit, year=YEAR, month=month).values_list("status", flat=True).first()


def test_board_shows_each_units_months_by_status(staff_client, clerk_a, unit_a, unit_b, staff_user):
    month_submit(unit=unit_a, year=YEAR, month=1, user=clerk_a)
    month_submit(unit=unit_a, year=YEAR, month=2, user=clerk_a)
    month_lock(unit=unit_a, year=YEAR, month=1, user=staff_user)

    response = staff_client.get(URL, {"year": YEAR})

    assert statuses(response, unit_a) == ["locked", "submitted"] + ["missing"] * 10
    assert statuses(response, unit_b) == ["missing"] * 12
    page = response.content.decode()
    assert 'class="board-cell status-locked' in page and 'class="board-cell status-submitted' in page
    # The clerk's submission time and name are in the cell's title, for hovering, and on its own page.
    submitted = MonthSubmission.objects.get(unit=unit_a, month=2).submitted_at
    from django.utils import timezone
    assert 'title="报送：%s clerk_a"' % timezone.localtime(submitted).strftime("%Y-%m-%d %H:%M") in page
    january, february = response.context["per_month"][:2]
    # a locked month counts as submitted
    assert (january.submitted, january.locked, january.missing) == (1, 1, 1)
    assert (february.submitted, february.locked, february.missing) == (1, 0, 1)


def test_the_city_is_not_on_the_board(staff_client, city, unit_a):
    response = staff_client.get(URL, {"year": YEAR})
    codes = [row["unit"].code for g in response.context["groups"] for row in g["rows"]]
    assert codes == ["t01"]


def test_staff_lock_then_unlock_a_submitted_month(staff_client, clerk_a, unit_a):
    month_submit(unit=unit_a, year=YEAR, month=3, user=clerk_a)

    response = staff_client.post(LOCK, {"unit": unit_a.pk, "year": YEAR, "month": 3, "action": "lock"}, follow=True)
    assert "已锁定甲镇 2026年3月" in response.content.decode()
    assert status_of(unit_a, 3) == "locked"
    assert statuses(response, unit_a)[2] == "locked"

    response = staff_client.post(LOCK, {"unit": unit_a.pk, "year": YEAR, "month": 3, "action": "unlock"}, follow=True)
    assert status_of(unit_a, 3) == "submitted"
    assert statuses(response, unit_a)[2] == "submitted"


def test_unlocking_a_month_never_submitted_leaves_it_unsubmitted(staff_client, unit_a):
    staff_client.post(LOCK, {"unit": unit_a.pk, "year": YEAR, "month": 4, "action": "lock"})
    assert status_of(unit_a, 4) == "locked"
    staff_client.post(LOCK, {"unit": unit_a.pk, "year": YEAR, "month": 4, "action": "unlock"})
    assert status_of(unit_a, 4) is None


def test_staff_lock_a_whole_month_for_every_unit(staff_client, clerk_a, unit_a, unit_b, city):
    month_submit(unit=unit_a, year=YEAR, month=5, user=clerk_a)
    others = many_units(city, 3)

    response = staff_client.post(LOCK, {"year": YEAR, "month": 5, "action": "lock_month"}, follow=True)

    assert "已锁定2026年5月全部单位（新锁定5个）" in response.content.decode()
    # every unit's month, and the city's (the month is closed city-wide: a unit added later holds too)
    assert sorted(MonthSubmission.objects.filter(year=YEAR, month=5).values_list("unit__code", "status")) == sorted(
        [(u.code, "locked") for u in [unit_a, unit_b, *others, city]]
    )
    # The clerk's submission is kept; other months are untouched.
    assert MonthSubmission.objects.get(unit=unit_a, month=5).submitted_by == clerk_a
    assert not MonthSubmission.objects.exclude(month=5).exists()


def test_locking_a_whole_month_is_all_or_nothing(staff_user, unit_a, unit_b, city, monkeypatch):
    many_units(city, 3)
    real_lock = submissions.month_lock
    calls = []

    def failing_lock(**kwargs):
        calls.append(kwargs["unit"])
        if len(calls) == 3:
            raise RuntimeError("database went away")
        return real_lock(**kwargs)

    monkeypatch.setattr(submissions, "month_lock", failing_lock)
    with pytest.raises(RuntimeError):
        submissions.month_lock_all(year=YEAR, month=6, user=staff_user)
    assert not MonthSubmission.objects.exists()


@pytest.mark.parametrize("data", [
    {"year": YEAR, "month": 13, "action": "lock"},
    {"year": YEAR, "month": 1, "action": "lock"},  # no unit
    {"year": YEAR, "month": 1, "action": "explode"},
])
def test_a_bad_lock_request_changes_nothing(staff_client, unit_a, data):
    data = {"unit": unit_a.pk, **data} if data["month"] == 13 else data
    response = staff_client.post(LOCK, data, follow=True)
    assert "操作无效" in response.content.decode()
    assert not MonthSubmission.objects.exists()


def test_leader_reads_the_board_without_buttons(client, leader, clerk_a, unit_a):
    month_submit(unit=unit_a, year=YEAR, month=1, user=clerk_a)
    client.login(username="leader", password=PASSWORD)
    response = client.get(URL, {"year": YEAR})
    page = response.content.decode()
    assert response.status_code == 200
    assert statuses(response, unit_a)[0] == "submitted"
    main = page.split('<main class="content">')[1]
    assert 'method="post"' not in main and "<button type=\"submit\" name=\"action\"" not in main and "全锁" not in main
    assert reverse("projects:lock") not in page


@pytest.mark.parametrize("action", ["lock", "unlock", "lock_month"])
def test_a_leader_may_not_lock_or_unlock(client, leader, unit_a, staff_user, action):
    month_lock(unit=unit_a, year=YEAR, month=1, user=staff_user)
    client.login(username="leader", password=PASSWORD)
    response = client.post(LOCK, {"unit": unit_a.pk, "year": YEAR, "month": 2 if action != "unlock" else 1, "action": action})
    assert response.status_code == 403
    assert list(MonthSubmission.objects.values_list("month", "status")) == [(1, "locked")]


@pytest.mark.parametrize("url", [URL, LOCK])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_clerk_is_refused_the_board_and_locks(client, clerk_a, unit_a, url, method):
    client.login(username="clerk_a", password=PASSWORD)
    response = getattr(client, method)(url, {"unit": unit_a.pk, "year": YEAR, "month": 1, "action": "lock"})
    assert response.status_code == 403
    assert not MonthSubmission.objects.exists()


@pytest.mark.parametrize("url", [URL, LOCK])
def test_anonymous_is_sent_to_sign_in(client, unit_a, url):
    response = client.post(url, {"unit": unit_a.pk, "year": YEAR, "month": 1, "action": "lock"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not MonthSubmission.objects.exists()


def test_lock_only_takes_post_and_the_board_only_get(staff_client):
    assert staff_client.get(LOCK).status_code == 405
    assert staff_client.post(URL, {"year": YEAR}).status_code == 405


def test_board_queries_do_not_grow_with_the_number_of_units(staff_client, city, clerk_a, staff_user):
    def with_submissions(units):
        for u in units:
            month_submit(unit=u, year=YEAR, month=1, user=clerk_a)
            month_lock(unit=u, year=YEAR, month=2, user=staff_user)

    with_submissions(many_units(city, 5))
    with CaptureQueriesContext(connection) as few:
        staff_client.get(URL, {"year": YEAR})
    with_submissions(many_units(city, 45, start=5))
    with CaptureQueriesContext(connection) as many:
        response = staff_client.get(URL, {"year": YEAR})
    assert sum(len(g["rows"]) for g in response.context["groups"]) == 51  # with clerk_a's own unit
    assert len(few.captured_queries) == len(many.captured_queries)


def test_locking_a_whole_month_asks_for_confirmation_first(client, staff_user):
    from tests.conftest import PASSWORD

    client.login(username="staff", password=PASSWORD)
    page = client.get("/projects/board/?year=2007&month=7").content.decode()
    assert 'value="lock_month"' in page and "data-confirm=" in page and "确定锁定2007年7月全部单位吗？还有" in page
    assert "js/portal.js" in page and "<script>" not in page  # a static script, no inline code

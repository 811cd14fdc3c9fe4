"""Locking a whole month asks first: dismissing the dialog locks nothing, accepting it locks the month."""
from __future__ import annotations

import pytest

from projects.models import MonthSubmission
from tests.conftest import PASSWORD, make_user
from units.models import Profile, Unit

pytestmark = pytest.mark.browser


def test_the_whole_month_lock_waits_for_the_staff_member_s_yes(live_server, transactional_db, page):
    city = Unit.objects.create(code="city", name="示范市", kind=Unit.Kind.CITY)
    for i in range(3):
        Unit.objects.create(code=f"t{i}", name=f"{i}镇", kind=Unit.Kind.TOWNSHIP, parent=city)
    make_user("bureau", Profile.Role.STAFF)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "bureau")
    page.fill("#id_password", PASSWORD)
    page.click("main form.form button[type=submit]")
    page.goto(f"{live_server.url}/projects/board/?year=2007&month=5")
    button = page.locator('.month-actions button[value="lock_month"]')

    page.once("dialog", lambda dialog: dialog.dismiss())
    button.click()
    page.wait_for_timeout(300)
    assert not MonthSubmission.objects.filter(year=2007, month=5).exists()

    page.once("dialog", lambda dialog: dialog.accept())
    button.click()
    page.wait_for_load_state()
    page.wait_for_timeout(300)
    # the three towns, and the city's own row (the month is closed city-wide)
    assert MonthSubmission.objects.filter(year=2007, month=5, status="locked").count() == 4

"""The month's cycle in a real browser: a clerk submits late → staff see it late and return it with a
reason → the clerk sees the reason and submits again → staff lock the month and publish the 通报 → the
leader's dashboard shows the edition."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from projects.models import MonthSubmission
from reports.models import Edition
from tests.browser.test_journey import sign_in

pytestmark = pytest.mark.browser

BOARD = "/projects/board/?year=2007&month=7"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


def context(browser):
    ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    ctx.on("page", lambda page: page.on("dialog", lambda dialog: dialog.accept()))
    return ctx


def test_late_returned_resubmitted_locked_published_and_read(live_server, demo, browser, artifacts):
    base = live_server.url
    code = "t23"  # 江心沙农场: no July report yet at the meeting
    monthly = f"{base}/projects/monthly/?year=2007&month=7"

    clerk = sign_in(context(browser), base, f"clerk_{code}")
    clerk.goto(monthly)
    clerk.click("button[value=nil]")  # 本月无到帐, after the 5 August deadline: late
    assert "本月无到帐" in clerk.inner_text("#month-status")

    staff = sign_in(context(browser), base, "staff")
    staff.goto(base + BOARD)
    cell = staff.locator(f'tr[data-unit="{code}"] td.focus')
    assert cell.get_attribute("data-late") == "1" and "逾期报送" in cell.inner_text()
    cell.locator("a").click()
    staff.fill("#id_reason", "请核对是否确无到帐")
    staff.click("form.form button[type=submit]")
    staff.wait_for_load_state()
    assert staff.locator(f'tr[data-unit="{code}"] td.focus').get_attribute("data-status") == "returned"
    staff.screenshot(path=str(artifacts / "cycle-board-returned.png"), full_page=False)

    clerk.goto(monthly)
    assert "请核对是否确无到帐" in clerk.inner_text(".returned-reason")
    clerk.click("button[value=nil]")
    assert MonthSubmission.objects.get(unit__code=code, year=2007, month=7).status == "submitted"

    staff.goto(base + BOARD)
    staff.locator(f'tr[data-unit="{code}"] td.focus button[value=lock]').click()
    staff.wait_for_load_state()
    assert staff.locator(f'tr[data-unit="{code}"] td.focus').get_attribute("data-status") == "locked"
    staff.goto(f"{base}/reports/editions/?year=2007&month=7")
    staff.click("form.publish button[type=submit]")
    staff.wait_for_load_state()
    assert Edition.objects.filter(year=2007, month=7, number=1).exists()

    leader = sign_in(context(browser), base, "leader")
    leader.goto(f"{base}/reports/?year=2007&month=7")
    line = leader.inner_text("#cycle")
    assert "已发布第1期通报" in line and "7月已报送" in line
    leader.screenshot(path=str(artifacts / "cycle-dashboard-edition.png"), full_page=False)

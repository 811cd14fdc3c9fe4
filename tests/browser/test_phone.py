"""At phone size (390 × 844, Chromium): the leader's dashboard, rankings and unit page have no page-level
sideways scroll, 完成率 and 序时差距 are in view without scrolling sideways (a wide table scrolls in its own
box), and the menu folds behind its button. Screenshots go to test-artifacts/phone-*.png."""
from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.browser.test_dashboard_browser import sign_in

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


def no_sideways_scroll(page) -> None:
    width, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= client, f"the page is {width}px wide on a {client}px screen"


def in_view(page, text: str) -> bool:
    """Whether a header cell with ``text`` lies within the screen's width (without scrolling sideways)."""
    box = page.locator("th", has_text=text).first.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + min(box["width"], 40) <= PHONE["width"]


def test_a_leader_reads_the_dashboard_rankings_and_a_unit_on_a_phone(live_server, demo, page, artifacts):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "/reports/")
    page.goto(f"{live_server.url}/reports/?year=2007&month=7")
    menu = page.locator("#main-menu")
    assert not menu.is_visible() and page.locator("button.menu-button").is_visible()
    page.click("button.menu-button")
    assert menu.is_visible()
    page.click("button.menu-button")
    no_sideways_scroll(page)
    assert in_view(page, "完成率") and in_view(page, "序时差距")
    page.screenshot(path=str(artifacts / "phone-dashboard.png"), full_page=True)

    page.goto(f"{live_server.url}/reports/rankings/?year=2007&month=7&kind=township")
    no_sideways_scroll(page)
    assert in_view(page, "排位")
    assert in_view(page, "完成考核目标")
    page.screenshot(path=str(artifacts / "phone-rankings.png"), full_page=True)

    page.goto(f"{live_server.url}/reports/units/t01/?year=2007&month=7")
    no_sideways_scroll(page)
    assert in_view(page, "完成率") and in_view(page, "序时差距")
    page.screenshot(path=str(artifacts / "phone-unit.png"), full_page=True)

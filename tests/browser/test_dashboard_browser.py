"""A leader signs in through the form and reads the dashboards in Chromium: the charts are drawn by the
plotly.js served from the portal, the rankings re-sort on a header click, nothing is fetched from outside."""
from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "zhaoshang-demo"  # noqa: S105 — the demo accounts' published password


@pytest.fixture
def demo(transactional_db):
    # live_server flushes tables between tests: the demo is loaded inside the test's own database.
    call_command("load_demo", stdout=io.StringIO())


def sign_in(page, base: str, next_url: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_url}")
    page.fill("#id_username", "leader")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_url(f"{base}{next_url}*")


def test_a_leader_reads_the_dashboard_and_sorts_the_rankings(live_server, demo, page, artifacts):
    base = live_server.url
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if urlsplit(request.url).netloc != urlsplit(base).netloc and not request.url.startswith("data:") else None)
    page.set_viewport_size({"width": 1280, "height": 900})

    sign_in(page, base, "/reports/")
    assert page.locator("h1").inner_text() == "2007年1–7月全市招商引资进度"
    containers = page.locator("[data-plotly]")
    assert containers.count() == 4
    for i in range(containers.count()):
        box = containers.nth(i)
        box.locator(".main-svg").first.wait_for(state="attached", timeout=15000)
        assert box.locator("svg").count() >= 1
    # the city's cumulative line: seven bars and the schedule lines are drawn
    assert page.locator("#chart-city-paid .bars .point").count() == 7
    assert "61.36" in page.locator("section#city").inner_text()
    page.screenshot(path=str(artifacts / "dashboard.png"), full_page=True)

    # on a phone: the page still reads, wide tables scroll inside their .table-wrap
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    page.locator("#chart-city-paid .main-svg").first.wait_for(state="attached")
    body_width = page.evaluate("document.documentElement.scrollWidth")
    assert body_width <= 400, f"the page scrolls sideways on a phone ({body_width}px)"
    page.screenshot(path=str(artifacts / "dashboard-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    # printed: the print stylesheet hides the menus and forms
    page.emulate_media(media="print")
    assert not page.locator("header.topbar").is_visible()
    assert not page.locator("form.filters").is_visible()
    page.pdf(path=str(artifacts / "dashboard-a4.pdf"), format="A4", landscape=True, print_background=True)
    page.set_viewport_size({"width": 1032, "height": 700})  # A4 landscape less 12 mm margins, at 96 dpi
    # Chromium fires beforeprint when printing; charts.js then fits the charts to the paper.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(300)
    widths = page.evaluate("""Array.from(document.querySelectorAll('[data-plotly]')).map(
        el => [el.getBoundingClientRect().width, el.querySelector('.main-svg').getBoundingClientRect().width])""")
    assert all(svg <= box + 1 for box, svg in widths), widths
    page.screenshot(path=str(artifacts / "dashboard-print.png"), full_page=True)
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.goto(f"{base}/reports/rankings/?year=2007&month=7")
    rows = page.locator("table.ranking tbody tr")
    assert rows.count() == 23
    before = [rows.nth(i).get_attribute("data-code") for i in range(rows.count())]
    page.locator("table.ranking thead th.ytd a").click()
    page.wait_for_url("**sort=ytd*")
    after = [rows.nth(i).get_attribute("data-code") for i in range(rows.count())]
    assert sorted(after) == sorted(before) and after != before
    ytd = [float(rows.nth(i).locator("td.ytd").inner_text().replace(",", "")) for i in range(rows.count())]
    assert ytd == sorted(ytd)
    # and again: descending
    page.locator("table.ranking thead th.ytd a").click()
    page.wait_for_url("**sort=-ytd*")
    ytd = [float(rows.nth(i).locator("td.ytd").inner_text().replace(",", "")) for i in range(rows.count())]
    assert ytd == sorted(ytd, reverse=True)
    page.locator("#chart-ranking .main-svg").first.wait_for(state="attached")
    page.screenshot(path=str(artifacts / "rankings.png"), full_page=True)

    page.goto(f"{base}/reports/units/kfq/?year=2007&month=7")
    page.locator("#chart-unit-paid-in-fdi .main-svg").first.wait_for(state="attached")
    page.screenshot(path=str(artifacts / "unit.png"), full_page=True)

    page.goto(f"{base}/reports/large-projects/?year=2007&month=7")
    page.locator("#chart-pipeline .main-svg").first.wait_for(state="attached")

    assert outside == [], f"requests left the portal: {outside}"

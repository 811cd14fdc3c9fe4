"""The month-end journey in a real browser: a township clerk adds a project and its July arrival and
submits the month; staff lock it; a leader sees the city figure and the township's rank change; staff
download the briefing workbook and the review text."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from projects.models import Arrival, MonthSubmission, Project
from reports.progress import progress_report
from units.models import Unit

pytestmark = pytest.mark.browser

DEMO_PASSWORD = "zhaoshang-demo"  # noqa: S105 — the demo accounts' published password
JULY = "year=2007&month=7"


@pytest.fixture
def demo(transactional_db):
    call_command("load_demo", stdout=io.StringIO())


def sign_in(context, base: str, username: str):
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"
    return page


def rank_on_page(page, base: str, code: str) -> str:
    page.goto(f"{base}/reports/rankings/?{JULY}&kind=township&indicator=paid_in_fdi&target_kind=assessment")
    return page.locator(f'tr[data-code="{code}"] td.rank').inner_text().strip()


def test_a_month_from_the_clerk_to_the_leader(live_server, demo, browser, artifacts):
    base = live_server.url
    town = Unit.objects.get(name="三阳镇")
    before = progress_report(year=2007, month=7)
    rank_before = before.unit(town.code).paid_in_fdi.rank_in_kind

    # The leader's view before the month is in.
    leader_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    leader = sign_in(leader_context, base, "leader")
    assert rank_on_page(leader, base, town.code) == str(rank_before)

    # The clerk adds a project approved in July and enters its July arrival, then submits July.
    clerk_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    clerk = sign_in(clerk_context, base, f"clerk_{town.code}")
    clerk.goto(f"{base}/projects/new/")
    clerk.fill("#id_code", "SY-2007-07")
    clerk.fill("#id_name", "三阳镇新加坡精密模具有限公司")
    clerk.select_option("#id_type", "new")
    clerk.select_option("#id_stage", "approved")
    clerk.fill("#id_approved_on", "2007-07-18")
    clerk.fill("#id_registered_fdi", "800")
    clerk.fill("#id_investor", "新加坡某模具集团")
    clerk.select_option("#id_country", "新加坡")
    clerk.click("main form.form button[type=submit]")
    clerk.wait_for_load_state()
    project = Project.objects.get(code="SY-2007-07")
    assert project.unit_id == town.pk

    clerk.goto(f"{base}/projects/monthly/?{JULY}")
    clerk.fill(f'input[name="amount_{project.pk}"]', "600")
    clerk.click('button[name="action"][value="save"]')
    clerk.wait_for_load_state()
    assert Arrival.objects.get(project=project, year=2007, month=7).amount == Decimal("600")
    clerk.click('button[name="action"][value="submit"]')
    clerk.wait_for_load_state()
    assert MonthSubmission.objects.get(unit=town, year=2007, month=7).status == "submitted"
    clerk.screenshot(path=str(artifacts / "journey-clerk-monthly.png"), full_page=True)

    # Staff lock July for the township on the submission board.
    staff_context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900},
                                        accept_downloads=True)
    staff = sign_in(staff_context, base, "staff")
    staff.goto(f"{base}/projects/board/?year=2007")
    staff.locator(f'form:has(input[name="unit"][value="{town.pk}"]):has(input[name="month"][value="7"]) '
                  'button[value="lock"]').click()
    staff.wait_for_load_state()
    assert MonthSubmission.objects.get(unit=town, year=2007, month=7).status == "locked"

    # The clerk can no longer change July.
    clerk.goto(f"{base}/projects/monthly/?{JULY}")
    assert clerk.locator(f'input[name="amount_{project.pk}"]').is_disabled()

    # The leader sees the city's figures and the township's rank move.
    after = progress_report(year=2007, month=7)
    assert after.city.paid_in_fdi.ytd == before.city.paid_in_fdi.ytd + 600
    assert after.city.registered_fdi.ytd == before.city.registered_fdi.ytd + 800
    rank_after = after.unit(town.code).paid_in_fdi.rank_in_kind
    assert rank_after < rank_before
    assert rank_on_page(leader, base, town.code) == str(rank_after)
    leader.goto(f"{base}/reports/?{JULY}")
    city_table = leader.locator("section#city").inner_text()
    assert f"{after.city.paid_in_fdi.ytd:,.0f}" in city_table  # 10,882
    assert f"{after.city.registered_fdi.ytd:,.0f}" in city_table  # 26,828
    leader.screenshot(path=str(artifacts / "journey-leader-dashboard.png"), full_page=True)

    # Staff download the briefing workbook and the review text from the dashboard.
    staff.goto(f"{base}/reports/?{JULY}")
    with staff.expect_download() as workbook_download:
        staff.locator("a[href*='briefing.xlsx']").first.click()
    saved = artifacts / "journey-briefing.xlsx"
    workbook_download.value.save_as(saved)
    workbook = load_workbook(saved)
    assert "1-7月" in str(workbook.worksheets[0]["A1"].value)
    with staff.expect_download() as docx_download:
        staff.goto(f"{base}/reports/exports/review/?{JULY}")
        staff.locator("a[href*='review.docx']").first.click()
    assert docx_download.value.suggested_filename.endswith(".docx")
    text = staff.locator("body").inner_text()
    # The review speaks of the city after the clerk's month: its new completion of the paid-in target.
    assert after.city.paid_in_fdi.assessment_pct != before.city.paid_in_fdi.assessment_pct
    assert f"{after.city.paid_in_fdi.assessment_pct:.2f}" in text

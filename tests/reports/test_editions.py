"""Published editions (通报) on the demo city: what was published never changes, corrections show as a
restatement, and next month's "比上月" compares with what the meeting was told."""
from __future__ import annotations

import io
import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from projects import services
from projects.models import Arrival
from reports.editions import publish, restatement
from reports.models import Edition
from reports.progress import progress_report
from tests.projects.conftest import client_for


@pytest.fixture
def staff(demo_city, db) -> User:
    return User.objects.get(username="staff")


def test_the_demo_s_july_2007_completeness_is_in_the_report_json(demo_city, db):
    data = progress_report(year=2007, month=7).as_json()
    assert data["completeness"] == {"expected": 107, "submitted": 47, "locked": 0, "missing": 60, "late": 3}
    states = {u["code"]: u["submission"] for u in data["units"]}
    assert states["city"] is None
    assert states["t07"] == {"status": "submitted", "late": True, "changed_after_submission": False}
    assert states["d05"]["status"] == "returned"
    assert states["t22"]["status"] == "submitted"  # 海永乡: 本月无到帐, a reported zero
    assert states["t23"]["status"] == "missing"  # 江心沙农场 has not reported
    assert data["edition"] is None and set(data["peers"]) == {"registered_fdi", "paid_in_fdi"}


def test_a_published_edition_is_served_byte_for_byte_and_corrections_show_as_a_restatement(staff):
    edition = publish(year=2007, month=7, user=staff)
    assert edition.number == 1
    printed = io.StringIO()
    call_command("progress_report", "--year", "2007", "--month", "7", "--edition", "latest", stdout=printed)
    assert printed.getvalue() == edition.report_json
    assert json.loads(edition.report_json)["edition"]["number"] == 1

    # A correction after the meeting: 开发区's July arrival on one project.
    arrival = Arrival.objects.filter(project__unit__code="kfq", year=2007, month=7).order_by("project__code").first()
    old = arrival.amount
    services.arrivals_save_month(unit=arrival.project.unit, year=2007, month=7,
                                 amounts={arrival.project_id: str(old + 100)}, user=staff, reason="补录银行水单")

    again = io.StringIO()
    call_command("progress_report", "--year", "2007", "--month", "7", "--edition", "latest", stdout=again)
    assert again.getvalue() == edition.report_json  # the edition never changes
    live = progress_report(year=2007, month=7).as_json()
    assert live["units"] != json.loads(edition.report_json)["units"]

    result = restatement(2007, 7, live)
    moved = {(m.unit_code, m.indicator, m.figure): (m.old, m.new) for m in result.moved}
    kfq_before = next(u for u in json.loads(edition.report_json)["units"] if u["code"] == "kfq")["paid_in_fdi"]["ytd"]
    assert moved[("kfq", "paid_in_fdi", "ytd")] == (kfq_before, kfq_before + 100)
    assert ("city", "paid_in_fdi", "ytd") in moved
    [change] = [c for c in result.changes if c.unit_code == "kfq"]
    assert change.reason == "补录银行水单" and change.new == f"{old + 100:,.2f}" and change.old == f"{old:,.2f}"

    client = client_for(staff)
    page = client.get(reverse("reports:restatement", args=[2007, 7])).content.decode()
    assert "已更正" in page and "补录银行水单" in page
    dashboard = client.get(reverse("reports:dashboard") + "?year=2007&month=7").content.decode()
    assert "已发布第1期通报" in dashboard and "已更正" in dashboard
    api = client.get(reverse("api:progress") + "?year=2007&month=7&edition=1")
    assert api.content.decode() == edition.report_json


def test_august_s_change_from_last_month_compares_with_the_july_edition(staff):
    import datetime as dt

    from projects.models import Project
    from units.models import Unit

    edition = publish(year=2007, month=7, user=staff)
    announced = {g["kind"]: g["registered_fdi"]["on_schedule"]["assessment"] for g in json.loads(edition.report_json)["groups"]}
    # After publication, a July approval puts one more township on schedule: July's live count moves on.
    july = progress_report(year=2007, month=7)
    behind = next(u for u in july.units_of_kind("township")
                  if u.registered_fdi.assessment_target and not u.registered_fdi.on_schedule_assessment)
    services.project_create(data={"code": "LATE-JULY", "name": "补录的7月项目", "unit": Unit.objects.get(code=behind.code),
                                  "type": "new", "stage": "approved", "approved_on": dt.date(2007, 7, 20),
                                  "registered_fdi": behind.registered_fdi.assessment_target}, user=staff)
    assert Project.objects.filter(code="LATE-JULY").exists()
    live_july = progress_report(year=2007, month=7).group("township").registered_fdi.on_schedule["assessment"]
    assert live_july == announced["township"] + 1

    report = progress_report(year=2007, month=8)
    assert report.previous_edition == 1
    august = report.group("township").registered_fdi
    assert august.on_schedule_change["assessment"] == august.on_schedule["assessment"] - announced["township"]
    assert august.on_schedule_change["assessment"] != august.on_schedule["assessment"] - live_july


def test_editions_are_numbered_per_month_and_listed_with_who_and_when(staff):
    publish(year=2007, month=7, user=staff)
    publish(year=2007, month=7, user=staff)
    assert list(Edition.objects.filter(year=2007, month=7).values_list("number", flat=True).order_by("number")) == [1, 2]
    page = client_for(staff).get(reverse("reports:editions") + "?year=2007&month=7").content.decode()
    assert page.count('data-edition="') == 2 and "招商局工作人员" in page


def test_a_clerk_reads_an_edition_but_not_its_workbook_of_every_unit_s_projects(staff):
    edition = publish(year=2007, month=7, user=staff)
    clerk = User.objects.get(username="clerk_t01")
    client = client_for(clerk)
    assert client.get(reverse("reports:edition_file", args=[edition.pk, "txt"])).status_code == 200
    assert client.get(reverse("reports:edition_file", args=[edition.pk, "xlsx"])).status_code == 403
    workbook = client_for(staff).get(reverse("reports:edition_file", args=[edition.pk, "xlsx"]))
    assert workbook.status_code == 200 and workbook.content == bytes(edition.briefing_xlsx)


def test_publishing_from_the_page_and_the_command(staff):
    client = client_for(staff)
    response = client.post(reverse("reports:publish"), {"year": 2007, "month": 7}, follow=True)
    assert "已发布2007年1-7月第1期通报" in response.content.decode()
    out = io.StringIO()
    call_command("publish_report", "--year", "2007", "--month", "7", "--user", "staff", stdout=out)
    assert "第2期通报" in out.getvalue()
    leader = client_for(User.objects.get(username="leader"))
    assert leader.post(reverse("reports:publish"), {"year": 2007, "month": 7}).status_code == 403

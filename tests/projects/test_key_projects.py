"""Key projects and the honest pipeline (issue #16, INTERFACES.md §7): the light at its boundaries, stale
leads, duplicates flagged and resolved, dropped projects leaving the pipeline, activity quotas met and
missed, the project page's milestones and problems, and the 联席会议 agenda."""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document

from projects import key_projects as kp
from projects.models import Activity, DuplicateDismissal, Milestone, Problem, Project
from projects.services import key as service
from projects.services import project_update
from reports.progress import progress_report
from tests import factories
from tests.factories import PAST_YEAR
from tests.projects.conftest import client_for

pytestmark = pytest.mark.django_db
AS_OF = dt.date(PAST_YEAR, 8, 1)


def key_project(unit, code: str, **fields) -> Project:
    return factories.project(unit, "1500", None, code=code, key=True, leader="王副市长", **fields)


def light(code: str, as_of: dt.date = AS_OF) -> str:
    return next(p.light for p in kp.key_projects(as_of) if p.code == code)


def test_the_light_at_its_boundaries(unit_a):
    p = key_project(unit_a, "K1")
    assert light("K1") == "green"  # nothing planned
    m = Milestone.objects.create(project=p, name="签约", planned_on=AS_OF - dt.timedelta(days=30))
    assert light("K1") == "yellow"  # 30 days overdue
    Milestone.objects.filter(pk=m.pk).update(planned_on=AS_OF - dt.timedelta(days=31))
    assert light("K1") == "red"  # 31 days
    Milestone.objects.filter(pk=m.pk).update(done_on=AS_OF - dt.timedelta(days=2))
    assert light("K1") == "green"  # a done milestone is not overdue
    Milestone.objects.create(project=p, name="开工", planned_on=AS_OF)  # due today: not overdue yet
    assert light("K1") == "green"
    problem = Problem.objects.create(project=p, raised_on=AS_OF - dt.timedelta(days=40), description="用地",
                                     due_on=AS_OF)
    assert light("K1") == "green"  # an open problem due today is not overdue
    assert light("K1", AS_OF + dt.timedelta(days=1)) == "red"  # the day after, it is
    Problem.objects.filter(pk=problem.pk).update(resolved_on=AS_OF)
    assert light("K1", AS_OF + dt.timedelta(days=1)) == "yellow"  # resolved; 开工 one day overdue remains
    row = kp.key_projects_json(AS_OF + dt.timedelta(days=1))["projects"][0]
    assert row == {"code": "K1", "leader": "王副市长", "stage": "negotiating", "light": "yellow",
                   "overdue_milestones": 1, "open_problems": 0, "overdue_problems": 0}


def test_red_comes_first_and_the_page_filters_by_leader(unit_a, leader):
    green = key_project(unit_a, "G1")
    red = key_project(unit_a, "R1", leader_user=leader)
    Project.objects.filter(pk=red.pk).update(leader="")
    Problem.objects.create(project=red, raised_on=AS_OF - dt.timedelta(days=9), description="环评", due_on=AS_OF - dt.timedelta(days=1))
    factories.project(unit_a, "50", None, code="N1")  # not key
    assert [p.code for p in kp.key_projects(AS_OF)] == ["R1", "G1"]
    client = client_for(leader)
    page = client.get(reverse("projects:key_projects") + f"?as_of={AS_OF}").content.decode()
    assert page.index('data-code="R1"') < page.index('data-code="G1"') and 'data-code="N1"' not in page
    mine = client.get(reverse("projects:key_projects") + f"?as_of={AS_OF}&mine=1").content.decode()
    assert 'data-code="R1"' in mine and 'data-code="G1"' not in mine
    by_name = client.get(reverse("projects:key_projects") + f"?as_of={AS_OF}&leader=王副市长").content.decode()
    assert 'data-code="G1"' in by_name and 'data-code="R1"' not in by_name
    assert client.get(reverse("projects:key_projects") + "?as_of=2007-13-45").status_code == 400
    assert green.pk


def test_a_clerk_keeps_the_own_projects_milestones_and_problems_and_the_resolver_is_recorded(unit_a, clerk_a, clerk_b):
    p = key_project(unit_a, "K2")
    client = client_for(clerk_a)
    url = reverse("projects:project_key", args=[p.pk])
    assert client.post(url, {"action": "add_milestone", "m-name": "开工", "m-planned_on": f"{PAST_YEAR}-09-30"}).status_code == 302
    assert client.post(url, {"action": "add_problem", "p-raised_on": f"{PAST_YEAR}-06-01", "p-description": "用地指标",
                             "p-owner": "国土局", "p-due_on": f"{PAST_YEAR}-07-01"}).status_code == 302
    problem = Problem.objects.get()
    client.post(url, {"action": "resolve_problem", "problem": problem.pk, "resolution": "已协调解决"})
    problem.refresh_from_db()
    assert problem.resolved_by == clerk_a and problem.resolved_on is not None and problem.resolution == "已协调解决"
    assert problem.history.first().history_user == clerk_a
    # another unit's clerk cannot see the project, let alone change it
    assert client_for(clerk_b).post(url, {"action": "add_problem", "p-raised_on": f"{PAST_YEAR}-06-02",
                                          "p-description": "x"}).status_code == 404
    # a bad date is refused in Chinese and nothing is added
    response = client.post(url, {"action": "add_milestone", "m-name": "投产", "m-planned_on": "明年"}, follow=True)
    assert "请按“2007-08-01”的格式填写日期" in response.content.decode()
    assert Milestone.objects.count() == 1
    # only staff mark a project as key
    assert client.post(url, {"action": "set_key", "k-key": "on", "k-leader": "自封"}).status_code == 403


def test_stale_leads_and_time_in_stage(unit_a):
    old = factories.project(unit_a, "200", None, code="OLD")
    fresh = factories.project(unit_a, "200", None, code="NEW")
    signed = factories.project(unit_a, "200", None, code="SIG", stage="signed")
    now = timezone.now()
    Project.objects.filter(pk=old.pk).update(updated_at=now - dt.timedelta(days=61))
    Project.objects.filter(pk=fresh.pk).update(updated_at=now - dt.timedelta(days=59))
    Project.objects.filter(pk=signed.pk).update(updated_at=now - dt.timedelta(days=90))
    assert [p.code for p in kp.stale_leads()] == ["OLD"]  # only 在谈 leads go stale
    assert old.stage_since == factories.TODAY


def test_a_dropped_project_leaves_the_pipeline_and_needs_a_reason(unit_a, staff_user):
    lead = factories.project(unit_a, "1500", None, code="BIG")
    assert progress_report(year=PAST_YEAR, month=6).large_projects.negotiating_over_1000 == 1
    data = {"code": "BIG", "name": lead.name, "unit": unit_a, "type": "new", "stage": "dropped", "approved_on": None,
            "registered_fdi": D("1500"), "investor": "", "country": "", "industry": "", "backbone": False,
            "grafted": False, "total_investment": None, "activity": "", "dropped_reason": ""}
    with pytest.raises(ValidationError, match="请填写原因"):
        project_update(project_id=lead.pk, data=data, expected_version=1, user=staff_user)
    project_update(project_id=lead.pk, data={**data, "dropped_reason": "外方战略调整，放弃投资"}, expected_version=1,
                   user=staff_user)
    assert progress_report(year=PAST_YEAR, month=6).large_projects.negotiating_over_1000 == 0
    with pytest.raises(ValidationError):
        project_update(project_id=lead.pk, data={**data, "approved_on": dt.date(PAST_YEAR, 3, 1),
                                                 "dropped_reason": "x"}, expected_version=2, user=staff_user)


def test_duplicates_are_flagged_and_staff_decide(unit_a, unit_b, staff_user):
    a = factories.project(unit_a, "800", dt.date(PAST_YEAR, 3, 1), code="A1", name="海门精密机械有限公司", investor="某株式会社")
    b = factories.project(unit_b, "800", dt.date(PAST_YEAR, 3, 5), code="B1", name="精密机械项目", investor="某株式会社")
    factories.project(unit_b, "800", None, code="B2", name="家纺城", investor="某株式会社")  # not a similar name
    pairs = kp.possible_duplicates()
    assert [(p.first.code, p.second.code) for p in pairs] == [("A1", "B1")]
    assert progress_report(year=PAST_YEAR, month=6).city.figure("registered_fdi").ytd == D("1600.00")
    client = client_for(staff_user)
    response = client.post(reverse("projects:duplicates"), {"first": a.pk, "second": b.pk, "action": "keep_first",
                                                            "reason": "与甲镇的项目重复", f"version_{b.pk}": b.version})
    assert response.status_code == 302 and not Project.objects.filter(code="B1").exists()
    assert progress_report(year=PAST_YEAR, month=6).city.figure("registered_fdi").ytd == D("800.00")  # counted once
    assert Project.history.filter(code="B1", history_type="-").exists()  # withdrawn with its history
    c = factories.project(unit_b, "300", None, code="C1", name="海门精密机械", investor="某株式会社")
    assert kp.possible_duplicates()
    client.post(reverse("projects:duplicates"), {"first": a.pk, "second": c.pk, "action": "distinct"})
    assert not kp.possible_duplicates() and DuplicateDismissal.objects.get().decided_by == staff_user


def test_signing_quotas_met_and_missed(city, unit_a, staff_user):
    t2 = factories.unit("t02", parent=city)
    t3 = factories.unit("t03", parent=city)
    zone = factories.unit("kfq", "development_zone", parent=city)
    event = Activity.objects.create(code="SH", kind="event", date=dt.date(PAST_YEAR, 5, 18), name="上海集中签约",
                                    quota_township=D("100"), quota_zone=D("1000"), leads=12)
    event.units.set([unit_a, t2, t3, zone])
    factories.project(unit_a, "100", None, code="P-a", activity="SH")  # exactly the quota: met
    factories.project(t2, "99.99", None, code="P-b", activity="SH")  # just under: missed
    factories.project(t3, "500", None, code="P-c", activity="SH", stage="dropped", dropped_reason="外方撤资")  # dropped
    factories.project(zone, "1000", dt.date(PAST_YEAR, 6, 1), code="P-z", activity="SH")
    trip = Activity.objects.create(code="GD", kind="trip", date=dt.date(PAST_YEAR, 4, 1), name="广东小分队", leads=20)
    result = kp.activities_json(PAST_YEAR)["activities"]
    assert result == [
        {"code": "GD", "kind": "trip", "date": f"{PAST_YEAR}-04-01", "projects": 0, "registered_fdi": 0.0, "quota": None},
        {"code": "SH", "kind": "event", "date": f"{PAST_YEAR}-05-18", "projects": 3, "registered_fdi": 1199.99,
         "quota": {"met": ["kfq", "t01"], "missing": ["t02", "t03"]}}]
    page = client_for(staff_user).get(reverse("projects:activities") + f"?year={PAST_YEAR}").content.decode()
    assert "收集客源 12 条 → 形成项目 3 个" in page and trip.name in page


def test_the_agenda_lists_open_problems_by_owner_and_overdue_milestones(unit_a, leader):
    p = key_project(unit_a, "K3", name="博瑞汽车零部件")
    Problem.objects.create(project=p, raised_on=AS_OF - dt.timedelta(days=20), description="环评进度慢", owner="环保局",
                           due_on=AS_OF - dt.timedelta(days=3))
    Problem.objects.create(project=p, raised_on=AS_OF - dt.timedelta(days=20), description="已解决的", owner="国土局",
                           resolved_on=AS_OF - dt.timedelta(days=1))
    Milestone.objects.create(project=p, name="签约", planned_on=AS_OF - dt.timedelta(days=32))
    response = client_for(leader).get(reverse("projects:agenda") + f"?as_of={AS_OF}")
    assert response.status_code == 200
    text = "\n".join(par.text for par in Document(io.BytesIO(response.content)).paragraphs)
    assert "环保局" in text and "博瑞汽车零部件（甲镇）：环评进度慢。" in text and "已逾期" in text
    assert "已解决的" not in text and "签约，计划" in text and "已逾期32天" in text


def test_staff_mark_a_key_project_with_a_leader_account(unit_a, staff_user, leader, clerk_a):
    p = factories.project(unit_a, "300", None, code="S1")
    with pytest.raises(service.EntryRefused, match="领导账号"):
        service.key_set(project=p, user=staff_user, key=True, leader_user=clerk_a)
    service.key_set(project=p, user=staff_user, key=True, leader_user=leader, team="招商局、开发区")
    p.refresh_from_db()
    assert p.key and p.leader_user == leader and p.version == 2
    assert [r.code for r in kp.key_projects(AS_OF, Project.objects.filter(leader_user=leader))] == ["S1"]


# --- found by trying to break it ----------------------------------------------------------------------------


def test_the_duplicates_page_takes_only_a_flagged_pair_and_a_typed_reason(unit_a, unit_b, staff_user):
    a = factories.project(unit_a, "800", dt.date(PAST_YEAR, 3, 1), code="A1", name="精密机械", investor="某会社")
    b = factories.project(unit_b, "800", dt.date(PAST_YEAR, 3, 5), code="B1", name="精密机械", investor="某会社")
    other = factories.project(unit_b, "10", None, code="X1", name="别的", investor="别人")
    client = client_for(staff_user)
    url = reverse("projects:duplicates")
    for data in ({"first": a.pk, "second": a.pk}, {"first": a.pk, "second": other.pk}):  # not a flagged pair
        client.post(url, {**data, "action": "keep_first", "reason": "x", f"version_{a.pk}": 1})
    client.post(url, {"first": a.pk, "second": b.pk, "action": "keep_first", f"version_{b.pk}": 1})  # no reason
    client.post(url, {"first": a.pk, "second": "abc", "action": "keep_first"})  # a bad id: 404, not 500
    assert Project.objects.filter(code__in=["A1", "B1", "X1"]).count() == 3
    client.post(url, {"first": a.pk, "second": b.pk, "action": "keep_first", "reason": "与甲镇重复",
                      f"version_{b.pk}": 1})
    assert not Project.objects.filter(code="B1").exists()


def test_an_approved_project_cannot_be_dropped_and_a_dropped_one_leaves_the_key_list(unit_a, staff_user):
    approved = factories.project(unit_a, "900", dt.date(PAST_YEAR, 3, 1), code="AP", key=True)
    data = {"code": "AP", "name": approved.name, "unit": unit_a, "type": "new", "stage": "dropped", "approved_on": None,
            "registered_fdi": D("900"), "investor": "", "country": "", "industry": "", "backbone": False,
            "grafted": False, "total_investment": None, "activity": "", "dropped_reason": "外方撤资"}
    with pytest.raises(ValidationError, match="已批准的项目不能终止"):
        project_update(project_id=approved.pk, data=data, expected_version=1, user=staff_user, reason="更正")
    lead = key_project(unit_a, "LD")
    project_update(project_id=lead.pk, data={**data, "code": "LD", "name": lead.name, "registered_fdi": D("1500")},
                   expected_version=1, user=staff_user)
    assert "LD" not in {p.code for p in kp.key_projects(AS_OF)}


def test_a_clerk_withdraws_a_mistaken_project_only_before_its_month_is_submitted(unit_a, clerk_a, staff_user):
    from projects.services import EntryRefused, project_delete

    mistaken = factories.project(unit_a, "300", dt.date(PAST_YEAR, 3, 10), code="OOPS")
    factories.submission(unit_a, PAST_YEAR, 3)  # March reported
    with pytest.raises(EntryRefused, match="已报送，不能由填报员撤回"):
        project_delete(project_id=mistaken.pk, expected_version=1, user=clerk_a)
    project_delete(project_id=mistaken.pk, expected_version=1, user=staff_user, reason="误录")
    assert Project.history.filter(code="OOPS", history_type="-").exists()
    early = factories.project(unit_a, "50", dt.date(PAST_YEAR, 5, 2), code="EARLY")  # May not yet reported
    project_delete(project_id=early.pk, expected_version=1, user=clerk_a)
    assert not Project.objects.filter(code="EARLY").exists()

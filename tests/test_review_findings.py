"""Findings of an attack on the integrity work (a tester trying, as an attacker and as a hurried clerk, to
break what the portal claims). Each test reproduces one finding and shows it fixed."""
from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from projects import services
from projects.models import Arrival, Project
from targets.models import Target
from tests import factories
from tests.conftest import make_user
from tests.factories import PAST_YEAR
from tests.projects.conftest import client_for
from tests.workbook.conftest import make_xlsx
from units.models import Profile, Unit
from workbook import reader
from workbook.exporter import export_workbook
from workbook.importer import WorkbookError, import_workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(db):
    admin = make_user("bureau", Profile.Role.STAFF)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    return client_for(admin)


@pytest.fixture
def approved(unit_a):
    project = factories.project(unit_a, 500, dt.date(PAST_YEAR, 2, 10), code="A001")
    factories.arrival(project, PAST_YEAR, 3, 80)
    return project


def exported() -> io.BytesIO:
    buffer = io.BytesIO()
    export_workbook(buffer)
    buffer.seek(0)
    return buffer


# 1. The admin's "revert to this version" saved rows past every check.
def test_the_admin_cannot_revert_a_project_from_its_history(admin_client, approved):
    record = Project.history.filter(id=approved.pk).first()
    url = f"/admin/projects/project/{approved.pk}/history/{record.history_id}/"
    admin_client.post(url, {"code": "hacked", "name": "x", "unit": approved.unit_id, "type": "merger",
                            "stage": "approved", "approved_on": f"{PAST_YEAR}-01-01", "registered_fdi": "1"})
    approved.refresh_from_db()
    assert (approved.code, approved.registered_fdi) == ("A001", 500)


# 2. An import brought back rows deleted or re-coded in the portal since the export.
def test_an_old_export_does_not_bring_back_what_the_portal_deleted_or_recoded(staff_user, unit_a, approved):
    old = exported()
    services.arrivals_save_month(unit=unit_a, year=PAST_YEAR, month=3, amounts={approved.pk: ""}, user=staff_user)
    services.project_update(project_id=approved.pk, data={"code": "A001-FIXED"}, expected_version=1, user=staff_user)
    summary = import_workbook(old)
    assert {row.token for row in summary.conflicts} >= {"projects:A001", f"arrivals:A001|{PAST_YEAR}|3|False"}
    assert next(row for row in summary.conflicts if row.sheet == "projects").deleted
    assert list(Project.objects.values_list("code", flat=True)) == ["A001-FIXED"]
    assert not Arrival.objects.exists()


# 3. Unicode digits ('²') passed isdigit() and broke int(): 500s on many pages.
@pytest.mark.parametrize("url", [
    lambda: reverse("reports:dashboard") + "?year=2007&month=²",
    lambda: reverse("exports:briefing_xlsx") + "?year=2007&month=²",
    lambda: reverse("projects:monthly") + "?month=²",
    lambda: reverse("projects:monthly") + "?unit=²",
])
def test_unicode_digits_are_a_bad_request_not_a_500(staff_user, approved, url):
    assert client_for(staff_user).get(url()).status_code == 400


def test_the_api_answers_unicode_digits_in_json(staff_user, approved):
    response = client_for(staff_user).get(reverse("api:progress") + "?year=2007&month=²")
    assert response.status_code == 400 and "error" in response.json()


# 4 and 9. A unit code with "/" broke the rankings for everyone; invisible characters made twin codes.
@pytest.mark.parametrize("code", ["t/99", "t 99", "t99\u200b", "\ufefft99", "t99?"])
def test_codes_with_slashes_spaces_or_invisible_characters_are_refused(city, admin_client, code):
    with pytest.raises(WorkbookError) as refused:
        import_workbook(make_xlsx({"units": [["code", "name", "kind", "parent"], [code, "斜杠镇", "township", "city"]]}))
    assert "编号中不能有" in refused.value.problems[0]
    response = admin_client.post("/admin/units/unit/add/", {"code": code, "name": "斜杠镇", "kind": "township",
                                                            "parent": city.pk, "sort_order": 1})
    assert response.status_code == 200 and not Unit.objects.filter(name="斜杠镇").exists()


def test_a_project_code_with_a_zero_width_space_is_refused(clerk_a, approved):
    response = client_for(clerk_a).post(reverse("projects:project_create"), {
        "code": "A001\u200b", "name": "双胞胎", "type": "new", "stage": "negotiating", "registered_fdi": "1"})
    assert "编号中不能有" in response.content.decode()
    assert Project.objects.count() == 1


# 5. Units without locks of their own: a unit added after a month was locked, and the city itself.
def test_a_month_locked_for_the_whole_city_holds_for_a_unit_added_later(staff_user, city, unit_a):
    services.month_lock_all(year=PAST_YEAR, month=3, user=staff_user)
    newcomer = factories.unit("t24", parent=city, name="新镇")
    clerk = make_user("clerk_t24", Profile.Role.CLERK, newcomer)
    response = client_for(clerk).post(reverse("projects:project_create"), {
        "code": "N1", "name": "新项目", "type": "new", "stage": "approved", "approved_on": f"{PAST_YEAR}-03-10",
        "registered_fdi": "5000"})
    assert "已被招商局锁定" in response.content.decode()
    assert not Project.objects.filter(code="N1").exists()


def test_the_city_itself_cannot_be_credited_with_a_project(staff_user, city, unit_a):
    response = client_for(staff_user).post(reverse("projects:project_create"), {
        "code": "CITY-1", "name": "市本级项目", "unit": city.pk, "type": "new", "stage": "negotiating",
        "registered_fdi": "3000"})
    assert response.status_code == 200 and not Project.objects.filter(code="CITY-1").exists()
    with pytest.raises(WorkbookError) as refused:
        import_workbook(make_xlsx({"projects": [["code", "name", "unit", "type", "stage", "registered_fdi"],
                                                ["CITY-2", "市本级", "city", "new", "negotiating", 10]]}))
    assert "市本级不能作为引进单位" in refused.value.problems[0]


# 6. The importer took arrivals for a negotiating project, which the monthly page refuses.
def test_the_importer_refuses_arrivals_for_a_project_not_yet_approved(unit_a):
    factories.project(unit_a, 1000, None, code="LEAD")
    with pytest.raises(WorkbookError) as refused:
        import_workbook(make_xlsx({"arrivals": [["project", "year", "month", "amount"], ["LEAD", PAST_YEAR, 7, 50]]}))
    assert "尚未批准" in refused.value.problems[0]
    assert not Arrival.objects.exists()


# 7. Data past the column or row limits was silently dropped.
def test_data_past_the_column_limit_is_an_error_not_dropped(monkeypatch, city):
    monkeypatch.setattr(reader, "MAX_COLUMNS", 6)
    header = ["code", "name", "kind", "parent", None, None, None, None, "investor"]
    with pytest.raises(WorkbookError) as refused:
        import_workbook(make_xlsx({"units": [header, ["t09", "镇", "township", "city"]]}))
    assert refused.value.problems == ["units!G1: 工作表超过6列，无法导入。"]


def test_data_after_blank_rows_past_the_row_limit_is_an_error_not_dropped(monkeypatch, city):
    monkeypatch.setattr(reader, "MAX_ROWS", 5)
    rows = [["code", "name", "kind", "parent"], ["t01", "镇", "township", "city"], [], [], [], [], [],
            ["t09", "被漏掉的镇", "township", "city"]]
    with pytest.raises(WorkbookError) as refused:
        import_workbook(make_xlsx({"units": rows}))
    assert "超过5行" in refused.value.problems[0]


# 11. A dashboard for a year without data showed a page of zeros.
def test_a_dashboard_for_a_year_without_data_says_so(leader, approved):
    response = client_for(leader).get(reverse("reports:dashboard") + "?year=1995&month=1")
    assert "1995年没有任何目标或项目数据" in response.content.decode()
    assert "全市招商引资进度" not in response.content.decode()


# 12. A huge project id in a monthly POST overflowed SQLite's integer.
def test_a_huge_id_in_a_monthly_post_is_a_bad_request(clerk_a, unit_a, approved):
    url = reverse("projects:monthly") + f"?unit={unit_a.pk}&year={PAST_YEAR}&month=3"
    assert client_for(clerk_a).post(url, {"amount_9999999999999999999": "1"}).status_code == 400


# 13. Messages that said the wrong thing, or nothing.
def test_a_nul_character_is_named_in_chinese(clerk_a):
    response = client_for(clerk_a).post(reverse("projects:project_create"), {
        "code": "A9", "name": "甲\x00乙", "type": "new", "stage": "negotiating", "registered_fdi": "1"})
    assert "空字符" in response.content.decode() and "空字符串" not in response.content.decode()


def test_a_400_digit_year_cell_is_a_problem_at_its_cell(unit_a):
    with pytest.raises(WorkbookError) as refused:
        import_workbook(make_xlsx({"targets": [["year", "unit", "indicator", "kind", "amount"],
                                               [float("1e300") * 10, "t01", "paid_in_fdi", "assessment", 10]]}))
    assert refused.value.problems[0].startswith("targets!A2: 应为整数")


def test_a_method_a_page_does_not_take_is_explained_in_chinese(leader, approved):
    response = client_for(leader).post(reverse("reports:dashboard"))
    assert response.status_code == 405 and "不支持这种操作" in response.content.decode()


# 14. The command took a reason the upload form refuses.
def test_the_import_command_refuses_a_reason_with_control_characters(tmp_path, unit_a):
    path = tmp_path / "t.xlsx"
    path.write_bytes(make_xlsx({"targets": [["year", "unit", "indicator", "kind", "amount"],
                                            [PAST_YEAR, "t01", "paid_in_fdi", "assessment", 10]]}).getvalue())
    with pytest.raises(CommandError):
        call_command("import_workbook", str(path), "--reason", "x\x0by", stderr=io.StringIO(), stdout=io.StringIO())
    assert not Target.objects.exists()


# 15. Pages listing projects and investors could be kept by a cache.
def test_the_unit_page_the_large_projects_and_the_upload_preview_are_never_stored(staff_user, unit_a, approved):
    factories.targets(unit_a, PAST_YEAR, reg=(1000, 1500))
    client = client_for(staff_user)
    period = f"?year={PAST_YEAR}&month=6"
    for url in (reverse("reports:unit", args=[unit_a.code]) + period, reverse("reports:large_projects") + period,
                reverse("workbook:upload")):
        assert "no-store" in client.get(url)["Cache-Control"], url


def test_the_json_of_the_api_for_a_bad_edition_number_is_json(staff_user, approved):
    response = client_for(staff_user).get(reverse("api:progress") + f"?year={PAST_YEAR}&month=3&edition=x")
    assert response.status_code == 400 and json.loads(response.content)["error"]

"""Nothing a clerk types can break the portal: control characters, bad parameters, endless text.

Each test is a finding of the integrity review: text that XML or PostgreSQL cannot hold is refused at
every entry path and cleaned at every exit; a bad query parameter is a 400 with a Chinese message; every
free-text field has a length limit.
"""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from projects import services
from projects.models import Arrival, Project
from tests import factories
from tests.conftest import make_user
from tests.factories import PAST_YEAR
from tests.projects.conftest import client_for
from units.models import Profile, Unit

pytestmark = pytest.mark.django_db

WORD_LINE_BREAK = "\x0b"  # what Word puts in text copied from a table cell with a manual line break


@pytest.fixture
def year_city(city, unit_a):
    """A city whose unit A has a target, a project and an arrival in PAST_YEAR (so every download has data)."""
    factories.targets(unit_a, PAST_YEAR, reg=(1000, 1500), paid=(500, 800))
    project = factories.project(unit_a, 1200, dt.date(PAST_YEAR, 3, 1), code="A001", name="甲镇精密机械")
    factories.arrival(project, PAST_YEAR, 4, 100)
    return project


# --- control characters: refused where text comes in -----------------------------------------------------


@pytest.mark.parametrize("bad", [WORD_LINE_BREAK, "\x01", "\x00"])
def test_the_project_form_refuses_a_control_character_in_chinese(clerk_a, bad):
    response = client_for(clerk_a).post(reverse("projects:project_create"), {
        "code": "A777", "name": f"甲镇{bad}机械", "type": "new", "stage": "negotiating", "registered_fdi": "100",
    })
    assert response.status_code == 200
    assert "控制字符" in response.content.decode() or "空字符" in response.content.decode()
    assert not Project.objects.filter(code="A777").exists()


def test_a_service_refuses_a_control_character_even_without_the_form(clerk_a, unit_a):
    with pytest.raises(ValidationError) as refused:
        services.project_create(data={"code": "A778", "name": f"甲{WORD_LINE_BREAK}乙", "unit": unit_a, "type": "new",
                                      "stage": "negotiating", "registered_fdi": Decimal(5)}, user=clerk_a)
    assert "控制字符" in str(refused.value)


def test_the_monthly_reason_refuses_control_characters_and_endless_text(staff_user, unit_a, year_city):
    services.month_lock(unit=unit_a, year=PAST_YEAR, month=4, user=staff_user)
    url = reverse("projects:monthly") + f"?unit={unit_a.pk}&year={PAST_YEAR}&month=4"
    data = {f"amount_{year_city.pk}": "150", f"version_{year_city.pk}": "1"}
    client = client_for(staff_user)
    for reason, message in ((f"核对{WORD_LINE_BREAK}更正", "控制字符"), ("x" * 2_000_000, "不能超过200个字符")):
        response = client.post(url, {**data, "reason": reason})
        assert message in response.content.decode()
        assert Arrival.objects.get().amount == Decimal("100")


def test_the_importer_refuses_a_control_character_at_its_cell(db):
    """Excel keeps a Word line break as ``_x000B_`` in its shared strings and openpyxl reads it back as the
    character; the reader gets the rows as openpyxl yields them."""
    from workbook.problems import Problems
    from workbook.reader import _read_sheet

    problems = Problems()
    rows = [("code", "name", "kind", "parent"), ("city", f"示范{WORD_LINE_BREAK}市", "city", None)]
    _read_sheet("units", iter(rows), problems)
    assert problems.messages() == ["units!B2: 含有无法保存的控制字符（\\x0b），常见于从 Word 或网页复制的换行，请删除后重新输入。"]


def test_the_admin_refuses_a_control_character_in_a_unit_name(city):
    admin = make_user("bureau", Profile.Role.STAFF)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    response = client_for(admin).post("/admin/units/unit/add/", {
        "code": "t09", "name": f"新{WORD_LINE_BREAK}镇", "kind": "township", "parent": city.pk, "sort_order": 9,
    })
    assert response.status_code == 200
    assert "控制字符" in response.content.decode()
    assert not Unit.objects.filter(code="t09").exists()


# --- and cleaned where text goes out (a row that got in some other way) -----------------------------------


def test_a_name_with_a_control_character_does_not_break_any_download(staff_user, unit_a, year_city):
    Project.objects.filter(pk=year_city.pk).update(name=f"甲镇{WORD_LINE_BREAK}精密机械", investor="港\x01商")
    Unit.objects.filter(pk=unit_a.pk).update(name=f"甲{WORD_LINE_BREAK}镇")
    factories.project(unit_a, 1500, dt.date(PAST_YEAR, 3, 2), code="A002", name=f"大{WORD_LINE_BREAK}项目")
    client = client_for(staff_user)
    period = f"?year={PAST_YEAR}&month=4"

    workbook = client.get(reverse("exports:briefing_xlsx") + period)
    assert workbook.status_code == 200
    names = [c.value for row in load_workbook(io.BytesIO(workbook.content))["大项目"].iter_rows() for c in row]
    assert "大项目" in names and not any(WORD_LINE_BREAK in str(v) for v in names)

    data = client.get(reverse("workbook:export"))
    assert data.status_code == 200
    exported = load_workbook(io.BytesIO(b"".join(data.streaming_content)))
    assert [r[1] for r in exported["项目"].iter_rows(min_row=2, values_only=True)][0] == "甲镇精密机械"

    docx = client.get(reverse("exports:review_docx") + period)
    assert docx.status_code == 200
    assert Document(io.BytesIO(docx.content)).paragraphs
    assert client.get(reverse("exports:review") + period).status_code == 200


# --- bad query parameters: 400 in Chinese, never 500 or a misleading 404 -----------------------------------


@pytest.mark.parametrize("value", ["0", "99999", "123456789012345678901234567890", "abc"])
def test_a_bad_approval_year_filter_is_a_chinese_400(staff_user, year_city, value):
    response = client_for(staff_user).get(reverse("projects:project_list") + f"?approval_year={value}")
    assert response.status_code == 400
    assert "筛选条件有误" in response.content.decode()


@pytest.mark.parametrize("query", ["?year=abc&month=7", "?year=2007&month=13", "?year=2007&month=abc",
                                   "?year=99999999999999999999&month=1"])
@pytest.mark.parametrize("name", ["reports:dashboard", "reports:rankings", "reports:large_projects",
                                  "exports:review", "exports:briefing_xlsx", "exports:review_docx"])
def test_a_bad_period_on_any_report_page_is_a_chinese_400(staff_user, year_city, name, query):
    response = client_for(staff_user).get(reverse(name) + query)
    assert response.status_code == 400
    body = response.content.decode()
    assert "年度" in body or "月份" in body


def test_a_bad_period_on_the_unit_page_is_a_chinese_400(staff_user, unit_a, year_city):
    response = client_for(staff_user).get(reverse("reports:unit", args=[unit_a.code]) + "?year=2007&month=13")
    assert response.status_code == 400


@pytest.mark.parametrize("query", ["?year=abc", "?year=0", "?year=20077"])
@pytest.mark.parametrize("name", ["targets:grid", "projects:board"])
def test_a_bad_year_on_the_desk_is_a_chinese_400(staff_user, name, query):
    response = client_for(staff_user).get(reverse(name) + query)
    assert response.status_code == 400
    assert "年度" in response.content.decode()


@pytest.mark.parametrize(("query", "status"), [("unit=abc", 400), ("year=abc", 400), ("month=13", 400),
                                                ("unit=999999", 404)])
def test_bad_monthly_page_parameters_are_400_and_a_missing_unit_404(clerk_a, unit_a, query, status):
    response = client_for(clerk_a).get(reverse("projects:monthly") + "?" + query)
    assert response.status_code == status


@pytest.mark.parametrize("query", ["?year=abc&month=7", "?year=2007&month=13", "?year=2007"])
def test_the_api_answers_a_bad_request_in_json(staff_user, year_city, query):
    response = client_for(staff_user).get(reverse("api:progress") + query)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_the_api_answers_every_refusal_in_json(client, year_city):
    anonymous = client.get(reverse("api:progress") + f"?year={PAST_YEAR}&month=4")
    assert anonymous.status_code == 401 and "error" in anonymous.json()
    posted = client.post(reverse("api:progress"))
    assert posted.status_code == 405 and "error" in posted.json()


def test_the_api_answers_503_in_json_when_the_database_is_unreachable(staff_user, year_city, monkeypatch):
    from django.db import OperationalError

    import reports.api

    def unreachable(**kwargs):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(reports.api, "json_for", unreachable)
    response = client_for(staff_user).get(reverse("api:progress") + f"?year={PAST_YEAR}&month=4")
    assert response.status_code == 503
    assert response.json()["error"].startswith("暂时无法连接数据库")


def test_a_page_answers_503_in_chinese_when_the_database_is_unreachable(staff_user, year_city, monkeypatch):
    from django.db import OperationalError

    import reports.pages

    def unreachable():
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(reports.pages, "data_version", unreachable)
    response = client_for(staff_user).get(reverse("reports:dashboard") + f"?year={PAST_YEAR}&month=4")
    assert response.status_code == 503
    assert "暂时无法连接数据库" in response.content.decode()


# --- length limits -------------------------------------------------------------------------------------


def test_the_project_form_reason_and_search_have_length_limits(staff_user, year_city):
    client = client_for(staff_user)
    response = client.get(reverse("projects:project_list") + "?q=" + "机" * 101)
    assert response.status_code == 400
    response = client.post(reverse("projects:project_edit", args=[year_city.pk]), {
        "code": "A001", "name": "甲镇精密机械", "unit": year_city.unit_id, "type": "new", "stage": "approved",
        "approved_on": f"{PAST_YEAR}-03-01", "registered_fdi": "1200", "version": "1", "reason": "因" * 201,
    })
    assert response.status_code == 200 and Project.objects.get(pk=year_city.pk).version == 1

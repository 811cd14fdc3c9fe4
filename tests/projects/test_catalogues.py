"""The 行业 and 国别/地区 lists: existing free text mapped once, every entry path storing the listed name
for an alias and refusing what the list does not know (nothing saved), and the staff's renames and
merges carried onto the projects."""
from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.urls import reverse

from projects import catalogues
from projects.models import Country, Industry, Project
from projects.services import project_create
from tests import factories
from tests.factories import PAST_YEAR
from tests.workbook.conftest import good_sheets, make_xlsx, snapshot
from workbook.importer import import_workbook
from workbook.summary import WorkbookError

seed_migration = importlib.import_module("projects.migrations.0010_seed_catalogues")


def login(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_free_text_of_existing_projects_is_mapped_once(unit_a):
    Industry.objects.all().delete()
    Country.objects.all().delete()
    spelled = {"纺织": "纺织服装", " 服装 ": "纺织服装", "纺织服装": "纺织服装", "医药": "生物医药", "电碳产业园": "电碳产业园"}
    projects = {text: factories.project(unit_a, industry=text, country="ＢＶＩ") for text in spelled}
    seed_migration.seed(apps, None)
    for text, name in spelled.items():
        projects[text].refresh_from_db()
        assert projects[text].industry == name, text
        assert projects[text].country == "英属维尔京群岛"  # full-width BVI, an alias
    # a value no default knows becomes its own entry (其他), for staff to merge
    assert Industry.objects.get(name="电碳产业园").sector == "other"
    assert Industry.objects.filter(name="纺织服装", sector="textile").exists()


def test_the_service_stores_the_listed_name_and_refuses_an_unknown_one(unit_a, staff_user):
    data = {"code": "C-1", "name": "服装厂", "unit": unit_a, "type": "new", "stage": "approved",
            "approved_on": f"{PAST_YEAR}-03-01", "registered_fdi": "100", "industry": "服装", "country": "中国香港"}
    project = project_create(data=data, user=staff_user)
    assert (project.industry, project.country) == ("纺织服装", "香港")
    with pytest.raises(ValidationError) as error:
        project_create(data={**data, "code": "C-2", "industry": "火星采矿"}, user=staff_user)
    assert "行业“火星采矿”不在行业目录中" in str(error.value)
    assert not Project.objects.filter(code="C-2").exists()


def test_the_form_offers_the_lists_grouped_and_refuses_a_forged_value(unit_a, clerk_a):
    client = login(clerk_a)
    page = client.get(reverse("projects:project_create")).content.decode()
    assert '<optgroup label="轻纺服装">' in page and '<option value="纺织服装">' in page
    assert '<optgroup label="港澳台">' in page
    data = {"code": "F-1", "name": "表单项目", "type": "new", "stage": "approved", "approved_on": f"{PAST_YEAR}-03-01",
            "registered_fdi": "100", "industry": "不存在的行业", "country": "日本"}
    response = client.post(reverse("projects:project_create"), data)
    assert response.status_code in (200, 400)
    assert "不在行业目录中" in response.content.decode()
    assert not Project.objects.filter(code="F-1").exists()
    response = client.post(reverse("projects:project_create"), {**data, "industry": "化工"})
    assert response.status_code == 302
    assert Project.objects.get(code="F-1").industry == "化工"


def test_an_import_maps_aliases_and_refuses_an_unknown_name_changing_nothing(db):
    sheets = good_sheets()
    sheets["projects"][1][9] = "机械制造"  # an alias of 机械
    sheets["projects"][1][8] = "日本国"  # not listed
    before = snapshot()
    with pytest.raises(WorkbookError) as error:
        import_workbook(make_xlsx(sheets))
    assert "projects!I2: 国别/地区“日本国”不在国别/地区目录中" in str(error.value)
    assert snapshot() == before
    sheets["projects"][1][8] = "日本"
    import_workbook(make_xlsx(sheets))
    assert Project.objects.get(code="P001").industry == "机械"


def test_staff_rename_and_merge_and_the_projects_follow(unit_a, staff_user):
    textile = factories.project(unit_a, industry="纺织服装")
    food = factories.project(unit_a, industry="食品")
    client = login(staff_user)
    entry = Industry.objects.get(name="纺织服装")
    url = reverse("projects:catalogue_entry", args=["industry", entry.pk])
    response = client.post(url, {"name": "轻纺服装", "sector": "textile", "aliases": entry.aliases, "sort_order": 10})
    assert response.status_code == 302
    textile.refresh_from_db()
    assert textile.industry == "轻纺服装"
    entry.refresh_from_db()
    assert "纺织服装" in entry.alias_list()  # the old name still maps
    assert catalogues.canonical(Industry, "纺织服装") == "轻纺服装"
    assert entry.history.first().history_change_reason == "目录页面"
    # an alias already owned by another entry is refused, nothing changes
    response = client.post(url, {"name": "轻纺服装", "sector": "textile", "aliases": "食品加工", "sort_order": 10})
    assert response.status_code == 400 and "已是目录中“食品”的名称或别名" in response.content.decode()
    # merge 食品 into 轻纺服装: its project, name and aliases move over
    source = Industry.objects.get(name="食品")
    response = client.post(reverse("projects:catalogue_entry", args=["industry", source.pk]),
                           {"merge": "1", "into": entry.pk})
    assert response.status_code == 302
    food.refresh_from_db()
    assert food.industry == "轻纺服装" and not Industry.objects.filter(name="食品").exists()
    assert catalogues.canonical(Industry, "食品加工") == "轻纺服装"
    page = client.get(reverse("projects:catalogue", args=["industry"])).content.decode()
    assert '<tr data-name="轻纺服装">' in page


def test_a_bad_catalogue_is_404_and_a_leader_cannot_change_one(leader):
    client = login(leader)
    assert client.get("/projects/catalogues/planets/").status_code == 404
    assert client.get(reverse("projects:catalogue", args=["country"])).status_code == 200
    assert client.post(reverse("projects:catalogue", args=["country"]),
                       {"new-name": "火星", "new-region": "other", "new-sort_order": 0}).status_code == 403
    assert not Country.objects.filter(name="火星").exists()


# --- found by trying to break it ----------------------------------------------------------------------------


def test_a_stale_page_cannot_undo_a_colleagues_rename(unit_a, staff_user):
    project = factories.project(unit_a, industry="机械")
    entry = Industry.objects.get(name="机械")
    url = reverse("projects:catalogue_entry", args=["industry", entry.pk])
    page_version = entry.version
    first = login(staff_user)
    assert first.post(url, {"name": "机械装备", "sector": "machinery_electronics", "aliases": entry.aliases,
                            "sort_order": 60, "seen_version": page_version}).status_code == 302
    response = first.post(url, {"name": "机械", "sector": "machinery_electronics", "aliases": entry.aliases,
                                "sort_order": 61, "seen_version": page_version})
    assert response.status_code == 400 and "已被他人修改" in response.content.decode()
    project.refresh_from_db()
    assert project.industry == "机械装备" and Industry.objects.get(pk=entry.pk).sort_order == 60


def test_a_name_cannot_hold_an_alias_separator_or_an_invisible_character(staff_user):
    client = login(staff_user)
    for name in ("纺织/食品", "食品、饮料", "食\u200b品"):
        response = client.post(reverse("projects:catalogue", args=["industry"]),
                               {"new-name": name, "new-sector": "other", "new-sort_order": 0})
        assert response.status_code == 400 and "名称中不能有" in response.content.decode(), name
    assert catalogues.canonical(Industry, "\u200b食品\u200b") == "食品"  # matched as the listed name


def test_a_merge_whose_aliases_would_be_too_long_is_refused_in_chinese(staff_user):
    source = Industry.objects.get(name="食品")
    into = Industry.objects.get(name="农业")
    Industry.objects.filter(pk=source.pk).update(aliases="、".join(f"食品别名{i:04d}" for i in range(221)))  # 1,988 characters
    response = login(staff_user).post(reverse("projects:catalogue_entry", args=["industry", source.pk]),
                                      {"merge": "1", "into": into.pk})
    assert response.status_code == 400 and "2000" in response.content.decode()
    assert Industry.objects.filter(pk=source.pk).exists()


def test_the_breakdown_follows_a_rename_at_once(unit_a, staff_user, django_capture_on_commit_callbacks):
    factories.project(unit_a, "300", dt.date(PAST_YEAR, 2, 1), industry="机械")
    client = login(staff_user)
    url = reverse("reports:breakdown") + f"?year={PAST_YEAR}&month=6&by=industry"
    assert '<tr data-key="机械">' in client.get(url).content.decode()
    entry = Industry.objects.get(name="机械")
    # the test's own transaction never commits: forget the bump its setup left pending, so that the
    # rename's own is registered (and run) here
    connection._zs_pending_bump = None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("projects:catalogue_entry", args=["industry", entry.pk]),
                    {"name": "机械装备", "sector": "machinery_electronics", "aliases": "", "sort_order": 1})
    body = client.get(url).content.decode()
    assert '<tr data-key="机械装备">' in body and '<tr data-key="机械">' not in body

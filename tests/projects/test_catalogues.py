"""The 行业 and 国别/地区 lists: existing free text mapped once, every entry path storing the listed name
for an alias and refusing what the list does not know (nothing saved), and the staff's renames and
merges carried onto the projects."""
from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
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

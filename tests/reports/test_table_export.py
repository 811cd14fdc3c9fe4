"""Every table exports what it shows (issue #17): ``?export=xlsx`` answers the page's table as filtered,
every row of it (not one page), with values not markup, and text that looks like a formula kept as text."""
from __future__ import annotations

import io

import lxml.html
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from projects.models import Project
from tests.reports.test_dashboard import JULY


def staff() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="staff"), backend="django.contrib.auth.backends.ModelBackend")
    return client


def sheet(response) -> list[tuple]:
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_project_list_exports_the_whole_filtered_set(demo_city, db):
    client = staff()
    url = reverse("projects:project_list") + "?approval_year=2007&stage=funded"
    rows = sheet(client.get(url + "&export=xlsx"))
    expected = Project.objects.filter(approved_on__year=2007, stage="funded")
    assert len(rows) - 1 == expected.count() > 25  # more than one page of the list
    assert {r[0] for r in rows[1:]} == set(expected.values_list("code", flat=True))
    assert rows[0][:3] == ("项目编号", "项目名称", "引进单位") and not any("<a" in str(v) for r in rows for v in r)
    Project.objects.filter(code=rows[1][0]).update(name='=HYPERLINK("http://x","y")')
    cell = load_workbook(io.BytesIO(client.get(url + "&export=xlsx").content)).active.cell(row=2, column=2)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_the_rankings_export_equals_the_table_on_the_page(demo_city, db):
    client = staff()
    url = reverse("reports:rankings") + JULY + "&kind=township&indicator=paid_in_fdi"
    doc = lxml.html.fromstring(client.get(url).content.decode())
    shown = [" ".join(tr.xpath('./td[contains(@class, "name")]//a/text()')).strip()
             for tr in doc.xpath('//table[contains(@class, "ranking")]/tbody/tr')]
    rows = sheet(client.get(url + "&export=xlsx"))
    assert [r[1].split(" ")[0] for r in rows[1:]] == shown and len(shown) == 23
    assert isinstance(rows[1][2], float | int)  # figures as numbers


def test_the_board_export_follows_its_filter(demo_city, db):
    rows = sheet(staff().get(reverse("projects:board") + "?year=2007&month=7&show=late&export=xlsx"))
    assert len(rows) - 1 == 3 and "t07" in {r[0] for r in rows[1:]}  # the demo's three late July reports
    assert all(r[4] == "是" for r in rows[1:])


def test_text_stays_text_and_only_the_pages_own_marks_are_dropped(demo_city, db):
    client = staff()
    project = Project.objects.filter(approved_on__year=2007).order_by("code").first()
    Project.objects.filter(pk=project.pk).update(investor="Smith <Holdings> Ltd", name="+3.03")
    rows = sheet(client.get(reverse("projects:project_list") + f"?q={project.code}&export=xlsx"))
    assert rows[1][1] == "+3.03" and "Smith <Holdings> Ltd" in rows[1]
    ranking = sheet(client.get(reverse("reports:rankings") + JULY + "&kind=township&export=xlsx"))
    assert "✔" not in str(ranking[1]) and isinstance(ranking[1][4], int | type(None))  # 比上月 as a number


def test_the_board_export_follows_the_kind_filter_and_refuses_a_bad_one(demo_city, db):
    client = staff()
    rows = sheet(client.get(reverse("projects:board") + "?year=2007&month=7&kind=township&export=xlsx"))
    assert len(rows) - 1 == 23
    assert client.get(reverse("projects:board") + "?year=2007&month=7&kind=xx&export=xlsx").status_code == 400
    assert client.get(reverse("reports:large_projects") + JULY + "&export=xlsx&table=xx").status_code == 400


def test_large_projects_filter_by_kind_of_unit(demo_city, db):
    client = staff()
    url = reverse("reports:large_projects") + JULY
    everything = sheet(client.get(url + "&export=xlsx&table=pipeline"))
    townships = sheet(client.get(url + "&kind=township&export=xlsx&table=pipeline"))
    assert 0 < len(townships) < len(everything)
    assert all(row[0] not in ("开发区", "市招商局") for row in townships[1:])
    assert client.get(url + "&kind=planet").status_code == 400

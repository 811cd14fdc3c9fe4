"""Downloads follow the pages' scope: a clerk reads every unit's figures and rankings, but no other unit's
project list, investor or pipeline — in the briefing workbook as on the large-projects page."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests import factories
from tests.factories import PAST_YEAR
from tests.projects.conftest import client_for

pytestmark = pytest.mark.django_db
PERIOD = f"?year={PAST_YEAR}&month=6"


@pytest.fixture
def large_projects(city, unit_a, unit_b):
    factories.targets(unit_a, PAST_YEAR, reg=(5000, 6000))
    factories.project(unit_a, 1500, dt.date(PAST_YEAR, 3, 1), code="A-BIG", name="甲镇大项目", investor="甲方投资者")
    factories.project(unit_b, 2500, dt.date(PAST_YEAR, 4, 1), code="B-BIG", name="乙局大项目", investor="乙方投资者")
    factories.project(unit_b, 3000, None, code="B-LEAD", name="乙局在谈大项目", investor="乙方在谈投资者")


def sheet_text(response, title: str) -> str:
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    return " ".join(str(c.value) for row in wb[title].iter_rows() for c in row if c.value is not None)


@pytest.mark.parametrize("who", ["staff_user", "leader"])
def test_staff_and_leaders_get_every_large_project_in_the_workbook(request, large_projects, who):
    text = sheet_text(client_for(request.getfixturevalue(who)).get(reverse("exports:briefing_xlsx") + PERIOD), "大项目")
    for name in ("甲镇大项目", "乙局大项目", "乙局在谈大项目", "乙方投资者"):
        assert name in text


def test_a_clerk_gets_the_citys_counts_but_only_the_own_units_projects(clerk_a, large_projects):
    response = client_for(clerk_a).get(reverse("exports:briefing_xlsx") + PERIOD)
    text = sheet_text(response, "大项目")
    assert "甲镇大项目" in text and "甲方投资者" in text
    for hidden in ("乙局大项目", "乙方投资者", "乙局在谈大项目", "乙方在谈投资者"):
        assert hidden not in text
    # the counts are the city's, the same for every reader
    assert "新批超千万美元项目2个" in text and "在谈超千万美元项目1个" in text
    # figures and rankings of other units stay readable
    assert "乙局" in sheet_text(response, "部门")


@pytest.mark.parametrize("who", ["clerk_a", "clerk_b", "leader", "staff_user"])
def test_the_review_names_no_project_or_investor_for_anyone(request, large_projects, who):
    client = client_for(request.getfixturevalue(who))
    page = client.get(reverse("exports:review") + PERIOD).content.decode()
    docx = client.get(reverse("exports:review_docx") + PERIOD)
    text = " ".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    for secret in ("甲镇大项目", "乙局大项目", "乙方投资者", "乙方在谈投资者"):
        assert secret not in page and secret not in text

"""Properties over generated input (Hypothesis): what the forms accept, every export can carry.

- any project and arrival the forms accept survives export → import unchanged (the import changes
  nothing, and the values read back are the values saved);
- any text the forms accept as a unit's or a project's name can be written to the briefing workbook and
  to the review's Word document.
"""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.db import transaction
from docx import Document
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from projects.forms import ProjectForm
from projects.models import Arrival, Project
from projects.services import arrivals_save_month, project_create
from reports.exporters import registry
from reports.progress import progress_report
from tests import factories
from tests.factories import PAST_YEAR
from units import rules
from workbook.exporter import export_workbook
from workbook.importer import import_workbook

pytestmark = pytest.mark.django_db

PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Any character XML can hold (what units.rules lets in), including CJK, emoji, formula-like starts.
legal_char = st.characters(blacklist_categories=("Cs",), blacklist_characters="".join(
    chr(c) for c in range(0x20) if chr(c) not in "\t\n\r") + "\ufffe\uffff")


def text(max_size: int, *, min_size: int = 1) -> st.SearchStrategy[str]:
    return st.text(legal_char, min_size=min_size, max_size=max_size)


amounts = st.decimals(min_value=0, max_value=rules.AMOUNT_MAX, places=2, allow_nan=False, allow_infinity=False)
dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=factories.TODAY)


@st.composite
def project_posts(draw) -> dict:
    """What a staff member might post on the project form (valid or not: the form decides)."""
    approved = draw(st.booleans())
    data = {
        "code": draw(st.text("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-", min_size=1, max_size=12)),
        "name": draw(text(200)),
        "type": draw(st.sampled_from(["new", "increase", "merger"])),
        "stage": draw(st.sampled_from(["approved", "funded", "operating"] if approved else ["negotiating", "signed"])),
        "approved_on": draw(dates).isoformat() if approved else "",
        "registered_fdi": str(draw(amounts)),
        "investor": draw(text(200, min_size=0)),
        "country": draw(text(60, min_size=0)),
        "industry": draw(text(60, min_size=0)),
        "total_investment": draw(st.one_of(st.just(""), amounts.map(str))),
    }
    for flag in ("backbone", "grafted"):
        if draw(st.booleans()):
            data[flag] = "on"
    return data


def project_values() -> list[tuple]:
    return list(Project.objects.order_by("code").values_list(
        "code", "name", "unit__code", "type", "stage", "approved_on", "registered_fdi", "investor", "country",
        "industry", "backbone", "grafted", "total_investment", "version"))


@PROPERTY
@given(post=project_posts(), arrival=amounts)
def test_any_project_and_arrival_the_forms_accept_survive_export_and_import_unchanged(staff_user, unit_a, post, arrival):
    with transaction.atomic():
        form = ProjectForm({**post, "unit": unit_a.pk}, user=staff_user)
        if not form.is_valid():
            event("refused by the form")
            transaction.set_rollback(True)
            return
        event("accepted by the form")
        project = project_create(data=form.model_data(), user=staff_user)
        if project.approved_on is not None:
            month = (project.approved_on.year, project.approved_on.month)
            arrivals_save_month(unit=unit_a, year=month[0], month=month[1], amounts={project.pk: str(arrival)},
                                user=staff_user)
        before_projects = project_values()
        before_arrivals = list(Arrival.objects.values_list("project__code", "year", "month", "amount", "version"))

        buffer = io.BytesIO()
        export_workbook(buffer)
        buffer.seek(0)
        summary = import_workbook(buffer)

        assert (summary.created, summary.updated) == (0, 0), [r.changes for r in summary.rows]
        assert project_values() == before_projects
        assert list(Arrival.objects.values_list("project__code", "year", "month", "amount", "version")) == before_arrivals
        transaction.set_rollback(True)


@PROPERTY
@given(unit_name=text(100), project_name=text(200), investor=text(200))
def test_any_name_the_forms_accept_can_be_written_to_the_briefing_workbook_and_the_docx(
        city, unit_name, project_name, investor):
    unit_name, project_name, investor = unit_name.strip() or "镇", project_name.strip() or "项目", investor.strip()
    with transaction.atomic():
        town = factories.unit("tx1", parent=city, name=unit_name)
        factories.targets(town, PAST_YEAR, reg=(1000, 1500), paid=(500, 800))
        factories.project(town, Decimal("1500"), dt.date(PAST_YEAR, 3, 1), name=project_name, investor=investor)
        report = progress_report(year=PAST_YEAR, month=6)

        workbook = io.BytesIO()
        registry["briefing_xlsx"]().write(report, workbook)
        cells = {c.value for ws in load_workbook(io.BytesIO(workbook.getvalue())).worksheets
                 for row in ws.iter_rows() for c in row}
        assert unit_name in cells and project_name in cells

        docx = io.BytesIO()
        registry["review_docx"]().write(report, docx)
        assert Document(io.BytesIO(docx.getvalue())).paragraphs
        transaction.set_rollback(True)

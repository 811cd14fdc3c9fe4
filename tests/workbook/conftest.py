"""Helpers for the workbook tests: build a small xlsx from plain rows, and snapshot the database."""
from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import pytest
from openpyxl import Workbook

from projects.models import Arrival, Project, ReportedFigure
from targets.models import AssessmentRule, AwardRule, Target
from units.models import Unit


def make_xlsx(sheets: dict[str, Sequence[Sequence[Any]]]) -> io.BytesIO:
    """A workbook in memory: sheet name → rows, the first row being the header."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every imported table and its history, to compare before and after a refused import."""
    return {
        "units": list(Unit.objects.order_by("code").values_list("code", "name", "kind", "parent__code", "sort_order")),
        "targets": list(Target.objects.order_by("pk").values_list("year", "unit__code", "indicator", "kind", "amount", "version")),
        "projects": list(Project.objects.order_by("code").values_list(
            "code", "name", "unit__code", "type", "stage", "approved_on", "registered_fdi", "investor", "country",
            "industry", "backbone", "total_investment", "version", "updated_at")),
        "arrivals": list(Arrival.objects.order_by("pk").values_list(
            "project__code", "year", "month", "amount", "carry_over", "version")),
        "figures": list(ReportedFigure.objects.order_by("pk").values_list(
            "unit__code", "year", "month", "indicator", "amount", "version")),
        "rules": list(AssessmentRule.objects.order_by("pk").values_list(
            "year", "indicator", "weight", "method", "cap", "target_kind", "version")),
        "awards": list(AwardRule.objects.order_by("pk").values_list(
            "year", "name", "indicator", "target_kind", "by_month", "version")),
        "history": [
            Target.history.count(), Project.history.count(), Arrival.history.count(),
            ReportedFigure.history.count(), AssessmentRule.history.count(), AwardRule.history.count(),
        ],
    }


UNITS = [
    ["code", "name", "kind", "parent"],
    ["city", "示范市", "city", None],
    ["kfq", "开发区", "development_zone", "city"],
    ["t01", "海门镇", "township", "city"],
    ["d01", "招商局", "department", "city"],
]
TARGETS = [
    ["year", "unit", "indicator", "kind", "amount"],
    [2007, "kfq", "registered_fdi", "assessment", 24000],
    [2007, "kfq", "registered_fdi", "stretch", 35000],
    [2007, "t01", "paid_in_fdi", "assessment", 1200.5],
]
PROJECTS = [
    ["code", "name", "unit", "type", "stage", "approved_on", "registered_fdi", "investor", "country",
     "industry", "backbone", "total_investment"],
    ["P001", "精密机械", "kfq", "new", "approved", "2007-03-15", 1500, "某株式会社", "日本", "机械", "yes", 3000],
    ["P002", "纺织增资", "t01", "increase", "funded", "2007/5/2", 300.25, None, "香港", None, "no", None],
    ["P003", "在谈电子", "kfq", "new", "negotiating", None, 2000, "Acme", "美国", "电子", None, 5000],
]
ARRIVALS = [
    ["project", "year", "month", "amount", "carry_over"],
    ["P001", 2007, 1, 200, "yes"],
    ["P001", 2007, 1, 100, "no"],
    ["P001", 2007, 4, 300, None],
    ["P002", 2007, 6, 50.5, "no"],
]


def good_sheets() -> dict[str, list[list[Any]]]:
    """A small, correct workbook: four units, three targets, three projects, four arrivals."""
    return {
        "units": [list(r) for r in UNITS],
        "targets": [list(r) for r in TARGETS],
        "projects": [list(r) for r in PROJECTS],
        "arrivals": [list(r) for r in ARRIVALS],
    }


@pytest.fixture
def good_workbook() -> io.BytesIO:
    return make_xlsx(good_sheets())

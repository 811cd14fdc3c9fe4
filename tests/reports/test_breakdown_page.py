"""The demo city's projects by industry and origin: the groups sum to the city's totals, and the page."""
from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from reports.breakdown import DIMENSIONS, breakdown
from reports.exporters import registry
from reports.progress import progress_report
from tests.reports.test_dashboard import JULY, page, text


def test_the_demo_citys_groups_sum_to_its_totals(demo_city, db):
    report = progress_report(year=2007, month=7)
    for dimension in DIMENSIONS:
        result = breakdown(year=2007, month=7, dimension=dimension)
        assert (result.registered, result.paid_in) == (D("26028.00"), D("10282.00")) == (
            report.city.figure("registered_fdi").ytd, report.city.figure("paid_in_fdi").ytd)
        assert sum(g.registered_share or 0 for g in result.groups) == pytest.approx(100, abs=0.05)


def test_the_page_shows_the_table_the_totals_and_the_chart(demo_city, db):
    client = Client()
    client.force_login(User.objects.get(username="clerk_t01"), backend="django.contrib.auth.backends.ModelBackend")
    doc = page(client, reverse("reports:breakdown") + JULY + "&by=industry")
    rows = doc.xpath('//table[contains(@class, "breakdown")]/tbody/tr')
    assert len(rows) >= 8
    total = [text(td) for td in doc.xpath('//table[contains(@class, "breakdown")]/tfoot/tr/td')]
    assert total[0] == "90" and total[3] == "26,028.00" and total[6] == "10,282.00"
    link = rows[0].xpath(".//a")[0].get("href")
    assert "industry=" in link and "approval_year=2007" in link
    assert doc.xpath('//script[@id="breakdown-chart-data"]')
    assert page(client, reverse("reports:breakdown") + JULY + "&by=planets") is not None  # falls back to 板块
    assert Client().get(reverse("reports:breakdown")).status_code == 302


def test_the_briefing_workbook_has_the_breakdown_sheet(demo_city, db):
    buffer = io.BytesIO()
    registry["briefing_xlsx"]().write(progress_report(year=2007, month=7), buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue()))["行业与来源地"]
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    banners = [r[0] for r in rows if r[0] and str(r[0]).startswith("按")]
    assert banners == ["按板块", "按行业", "按地区"]
    totals = [r for r in rows if r[0] == "全市合计"]
    assert len(totals) == 3 and all((r[1], r[4], r[7]) == (90, 26028, 10282) for r in totals)
    textile = next(r for r in rows if r[0] == "轻纺服装")
    assert 0 < textile[6] < 1  # its share of the city's registered FDI, as a fraction formatted 0.00%

"""外贸 and 外经 beside foreign investment: the 外贸依存度 worked by hand, the demo city's trade on the
dashboard, in the review text and in the briefing workbook's family sheets, and the year's settings
(GDP, exchange rate, benchmarks) that staff enter."""
from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from reports.exporters import registry
from reports.openness import dependence_pct, trade_dependence
from reports.progress import progress_report
from reports.review import review_for
from targets.models import YearSetting
from tests.reports.test_dashboard import JULY, page, text


def test_dependence_is_trade_times_rate_over_gdp():
    # seed 000's 13.34 %: the demo's 2006 trade 76,000 万美元 × 7.97 元 = 605,720 万元 = 60.572 亿元;
    # ÷ 454 亿元 = 13.3419 %
    assert dependence_pct(D("76000"), D("7.97"), D("454")) == D("13.34")
    assert dependence_pct(D("50"), D("8"), D("1")) == D("4.00")  # 400 万元 of 1 亿元
    assert dependence_pct(D("76000"), None, D("454")) is None
    assert dependence_pct(D("76000"), D("7.97"), None) is None


@pytest.fixture
def july(demo_city, db):
    return progress_report(year=2007, month=7)


def test_the_demo_citys_dependence_for_july_2007(july):
    d = trade_dependence(july)
    # 1–7月 2007: 58,332.42 万美元 × 7.60 = 44.33 亿元, of the year's GDP 530 亿元 = 8.3646 %
    assert d.trade_ytd == D("58332.42") and d.trade_yuan_yi == D("44.33") and d.pct == D("8.36")
    assert not d.full_year
    assert (d.last_year_trade, d.last_year_pct) == (D("76000"), D("13.34"))
    assert (d.national, d.provincial) == (D("68.03"), D("70.90"))


def test_without_settings_there_is_no_dependence(july):
    YearSetting.objects.filter(year__in=[2006, 2007]).update(gdp=None, exchange_rate=None, national_dependence=None,
                                                            provincial_dependence=None)
    d = trade_dependence(july)
    assert d.pct is None and d.last_year_pct is None and not d.shown
    assert "外贸依存度" not in review_for(july).as_text()


def test_the_dashboard_shows_trade_beside_fdi_and_the_dependence(demo_city, db):
    client = Client()
    client.force_login(User.objects.get(username="leader"), backend="django.contrib.auth.backends.ModelBackend")
    doc = page(client, reverse("reports:dashboard") + JULY)
    city = doc.xpath('//section[@id="city"]')[0]
    for code in ("registered_fdi", "paid_in_fdi", "trade_total", "exports", "outward_revenue"):
        assert city.xpath(f'.//tr[@data-indicator="{code}"]'), code
    trade = text(city.xpath('.//tr[@data-indicator="trade_total"]')[0])
    # 58,332 of the city's assessment target 95,000 = 61.40 %, last year 41,040: +42.14 %
    assert trade.startswith("进出口总额 58,332 41,040 42.14 95,000 61.40")
    cards = {c.get("data-figure"): text(c) for c in doc.xpath('//section[@id="dependence"]//div[@data-figure]')}
    assert "8.36" in cards["dependence_now"] and "44.33亿元" in cards["dependence_now"]
    assert "13.34" in cards["dependence_last_year"]
    assert "68.03" in cards["dependence_national"] and "70.90" in cards["dependence_provincial"]


def test_the_review_has_a_trade_and_an_outward_paragraph(july):
    review = review_for(july).as_text()
    assert ("七是外贸促发展。1-7月份，全市完成进出口总额5.83亿美元，同比增长42.14％，分别完成全年考核目标和加压目标的"
            "61.40％和52.93％；出口总额3.86亿美元，同比增长42.28％") in review
    assert ("进出口折合人民币44.33亿元，相当于全年GDP的8.36％，上年我市外贸依存度为13.34％，而外贸依存度全国68.03％、"
            "全省70.90％") in review
    assert "八是外经拓规模。1-7月份，全市完成外经营业额（对外承包工程和劳务合作完成营业额）1508万美元，同比增长46.95％" in review
    assert "有 个" not in review and "None" not in review


def test_the_briefing_workbook_has_a_sheet_per_family(july):
    buffer = io.BytesIO()
    registry["briefing_xlsx"]().write(july, buffer)
    wb = load_workbook(io.BytesIO(buffer.getvalue()))
    trade = wb["外贸"]
    assert [trade.cell(3, c).value for c in (3, 15)] == ["进出口总额", "出口总额"]
    city = next(r for r in trade.iter_rows(min_row=5, values_only=True) if r[1] == "海门市")
    assert city[2:8] == (58332.42, 0.4214, 1, 95000, 0.614, 3.07) and city[14] == 38645.64
    zone = next(r for r in trade.iter_rows(min_row=6, values_only=True) if r[0] == 1)
    assert zone[1] == "开发区" and zone[4] == 0.5453  # 31,806 of 58,332.42
    outward = wb["外经"]
    city = next(r for r in outward.iter_rows(min_row=5, values_only=True) if r[1] == "海门市")
    assert city[2] == 1507.68


# --- the year's settings -----------------------------------------------------------------------------------


def test_staff_enter_gdp_and_rate_and_bad_values_change_nothing(demo_city, db):
    staff = Client()
    staff.force_login(User.objects.get(username="staff"), backend="django.contrib.auth.backends.ModelBackend")
    url = reverse("targets:year_settings")
    base = {"year": 2007, "deadline_day": 5, "national_dependence": "68.03", "provincial_dependence": "70.90"}
    response = staff.post(url, {**base, "gdp": "0", "exchange_rate": "abc"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "确保该值大于或等于" in body or "请输入一个数字" in body
    assert YearSetting.objects.get(year=2007).gdp == D("530.00")
    response = staff.post(url, {**base, "gdp": "560.5", "exchange_rate": "7.5"})
    assert response.status_code == 302
    setting = YearSetting.objects.get(year=2007)
    assert (setting.gdp, setting.exchange_rate) == (D("560.50"), D("7.5000"))
    clerk = Client()
    clerk.force_login(User.objects.get(username="clerk_t01"), backend="django.contrib.auth.backends.ModelBackend")
    assert clerk.post(url, {**base, "gdp": "1", "exchange_rate": "1"}).status_code == 403
    assert YearSetting.objects.get(year=2007).gdp == D("560.50")

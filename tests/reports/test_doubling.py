"""The doubling target (翻番目标) carried through the pages, the briefing workbook and the review text, the
rankings ranked by the chosen target kind, "what it takes", and the working behind a figure (issue #13),
on the demo city's July 2007: eight townships and three departments have doubling targets."""
from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from reports.editions import announced_ranks, competition_ranks
from reports.exporters import registry
from reports.progress import progress_report
from reports.review import review_for
from tests.reports.test_dashboard import JULY, cells, page, text


def login(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def leader(demo_city, db) -> Client:
    return login("leader")


@pytest.fixture
def report(demo_city, db):
    return progress_report(year=2007, month=7)


def test_the_dashboard_counts_the_townships_on_the_doubling_schedule(leader):
    doc = page(leader, reverse("reports:dashboard") + JULY)
    heads = cells(doc, '//table[@data-indicator="registered_fdi"]//thead//th[@data-kind]')
    assert heads == ["考核目标", "加压目标", "翻番目标"]
    township = '//table[@data-indicator="{}"]//tr[@data-kind="township"]/td[@data-kind="doubling"]'
    # registered: 海门, 三星, 德胜, 三和 ≥ 58.33 % of their doubling target; paid-in: 海门, 货隆, 包场
    # June's edition had one (三星镇 at 67.50 % of 2,400)
    assert cells(doc, township.format("registered_fdi")) == ["4", "比上月多3个", "0"]
    assert cells(doc, township.format("paid_in_fdi"))[0] == "3"


def test_the_stretch_ranking_is_ranked_by_stretch_and_its_ranks_are_in_order(leader, report):
    doc = page(leader, reverse("reports:rankings") + JULY + "&kind=township&target_kind=stretch")
    ranks = [int(r) for r in cells(doc, '//table[contains(@class, "ranking")]//tbody//td[contains(concat(" ", @class, " "), " rank ")]')
             if r != "—"]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert cells(doc, '//table[contains(@class, "ranking")]//th[contains(concat(" ", @class, " "), " rank ")]')[0].startswith("加压目标排位")
    expected = sorted(u.registered_fdi.of_kind("stretch").rank for u in report.units_of_kind("township"))
    assert ranks == expected
    assert "排位按加压目标完成率" in text(doc.xpath('//p[@class="lead"]')[0])


def test_the_doubling_ranking_ranks_the_eight_townships_that_have_one(leader):
    doc = page(leader, reverse("reports:rankings") + JULY + "&kind=township&target_kind=doubling")
    rows = doc.xpath('//table[contains(@class, "ranking")]//tbody/tr')
    ranks = [text(r.xpath('./td[contains(concat(" ", @class, " "), " rank ")]')[0]) for r in rows]
    assert ranks[:8] == ["1", "2", "3", "4", "5", "6", "7", "8"] and set(ranks[8:]) == {"—"}
    assert text(rows[0].xpath('./td[contains(@class, "name")]')[0]).startswith("海门镇")  # 71.00 %
    assert cells(doc, '//table[contains(@class, "ranking")]//td[contains(@class, "doubling_pct")]')[0] == "71.00"


def test_the_unit_page_shows_the_doubling_target_and_what_it_takes(leader, report):
    doc = page(leader, reverse("reports:unit", args=["t01"]) + JULY)
    row = '//section[@id="figures"]//tr[@data-indicator="registered_fdi"]/td[@data-kind="doubling"]'
    assert cells(doc, row) == ["2,000", "71.00", "+12.67", "1"]
    takes = doc.xpath('//table[contains(@class, "what-it-takes")]//tr[@data-indicator="registered_fdi"]'
                      '[@data-kind="doubling"]')[0]
    values = [text(td) for td in takes.xpath("./td")]
    # (2,000 − 1,420) / 5 months = 116 a month; at 202.86 a month the year ends at 2,434: on course
    assert values[0] == "翻番目标" and values[1:6] == ["2,000", "580", "116", "203", "2,434"]
    assert values[6] == "能完成"
    # reaching exactly 2,000 would rank it behind the townships whose pace takes them past their own
    t01 = report.unit("t01").registered_fdi
    past = [u for u in report.units_of_kind("township") if u.code != "t01" and u.registered_fdi.doubling_target
            and u.registered_fdi.projected_ytd > u.registered_fdi.doubling_target]
    assert t01.rank_if_reached_doubling == 1 + len(past) == 4
    assert values[7] == "第4位"
    # a kind the unit has no target of is not listed; the city lists only its own
    city = page(leader, reverse("reports:dashboard") + JULY)
    assert not city.xpath('//table[contains(@class, "what-it-takes")]//tr[@data-kind="doubling"]')
    assert city.xpath('//table[contains(@class, "what-it-takes")]//tr[@data-kind="stretch"]')


def test_what_it_takes_says_when_the_pace_falls_short(report):
    f = report.unit("t02").registered_fdi  # 货隆镇: 650 of 1,800, 92.86 a month
    assert f.projected_ytd == D("1114.30") and f.on_course_doubling is False
    assert f.catch_up_monthly_doubling == D("230.00")


def test_the_monthly_page_of_a_clerk_shows_what_it_takes(demo_city, db):
    clerk = login("clerk_t01")
    response = clerk.get(reverse("projects:monthly") + "?year=2007&month=7")
    html = response.content.decode()
    assert "要完成全年翻番目标，今后 5 个月每月需完成 116 万美元" in html
    assert "按目前进度能完成" in html
    doc = page(clerk, reverse("projects:monthly") + "?year=2007&month=7")
    assert "<section" not in doc.xpath("//title")[0].text_content()


def test_the_briefing_workbook_has_doubling_columns_and_the_review_text_a_doubling_sentence(report):
    buffer = io.BytesIO()
    registry["briefing_xlsx"]().write(report, buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue()))["乡镇"]
    headers = [c.value for c in ws[4]]
    column = headers.index("完成翻番%")  # the first: registered FDI's
    row = next(r for r in ws.iter_rows(min_row=5, values_only=True) if r[1] == "海门镇")
    assert row[column] == pytest.approx(0.71)
    text_ = review_for(report).as_text()
    assert "注册外资确立翻番目标的有8个乡镇，其中4个达到翻番目标序时进度" in text_
    assert "实际外资确立翻番目标的有8个乡镇，其中3个达到翻番目标序时进度" in text_


def test_the_working_of_a_completion_shows_its_formula_and_its_projects(leader, report):
    doc = page(leader, reverse("reports:working", args=["t01"]) + JULY + "&indicator=registered_fdi&kind=doubling")
    formula = text(doc.xpath('//div[@data-kind="doubling"]')[0])
    assert "71.00% = 1,420.00 ÷ 2,000.00 × 100" in formula
    assert "12.67 = 71.00 − 58.33（序时进度）" in formula
    amounts = [D(a.replace(",", "")) for a in cells(doc, '//table[contains(@class, "working-lines")]/tbody/tr/td[3]')]
    assert sum(amounts) == report.unit("t01").registered_fdi.ytd == D("1420.00")
    assert cells(doc, '//td[contains(@class, "total")]') == ["1,420.00"]


def test_the_working_of_the_city_sums_its_units_and_links_them(leader, report):
    doc = page(leader, reverse("reports:working", args=["city"]) + JULY + "&indicator=paid_in_fdi")
    amounts = [D(a.replace(",", "")) for a in cells(doc, '//table[contains(@class, "working-lines")]/tbody/tr/td[3]')]
    assert sum(amounts) == report.city.paid_in_fdi.ytd == D("10282.00")
    assert doc.xpath('//table[contains(@class, "working-lines")]//a[contains(@href, "/reports/units/kfq/working/")]')


def test_another_units_clerk_sees_the_formula_but_not_the_projects(demo_city, db):
    doc = page(login("clerk_t02"), reverse("reports:working", args=["t01"]) + JULY + "&indicator=registered_fdi")
    assert not doc.xpath('//table[contains(@class, "working-lines")]')
    assert "只向本单位填报员" in text(doc.xpath('//section[@id="ytd"]')[0])
    assert "71.00% = 1,420.00 ÷ 2,000.00 × 100" in text(doc.xpath('//section[@id="formulas"]')[0])


@pytest.mark.parametrize("query", ["&indicator=gdp", "&indicator=paid_in_fdi&kind=triple"])
def test_a_bad_indicator_or_kind_is_refused_in_chinese(leader, query):
    response = leader.get(reverse("reports:working", args=["t01"]) + JULY + query)
    assert response.status_code == 400 and "无效" in response.content.decode()


def test_announced_ranks_of_an_edition_follow_each_target_kind():
    assert competition_ranks([(D(5), "a"), (D(7), "b"), (D(5), "c"), (None, "d"), (D(1), "e")]) == {
        "a": 2, "b": 1, "c": 2, "d": None, "e": 4}
    units = [
        {"code": "a", "kind": "township", "paid_in_fdi": {"rank_in_kind": 2, "stretch_pct": 40.0, "doubling_pct": None}},
        {"code": "b", "kind": "township", "paid_in_fdi": {"rank_in_kind": 1, "stretch_pct": 30.0, "doubling_pct": 9.0}},
        {"code": "c", "kind": "department", "paid_in_fdi": {"rank_in_kind": 1, "stretch_pct": 10.0,
                                                             "doubling_pct": 5.0}},
    ]
    ranks = announced_ranks(units)
    assert ranks["a"]["paid_in_fdi"] == {"assessment": 2, "stretch": 1, "doubling": None}
    assert ranks["b"]["paid_in_fdi"] == {"assessment": 1, "stretch": 2, "doubling": 1}
    assert ranks["c"]["paid_in_fdi"]["stretch"] == 1  # ranked within its own kind

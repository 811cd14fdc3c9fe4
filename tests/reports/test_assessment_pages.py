"""The 考核 pages on the demo city's July 2007 (its 2007 rules: paid-in 30 points, registered 20 and grafted
10, by the ratio of the assessment target capped at 120 %, and trade 10 by 功效系数法; three awards): the scores by kind, one unit's scores
written out, the awards, the rules page, and the scores in the briefing workbook and the review text."""
from __future__ import annotations

import io
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from reports.exporters import registry
from reports.progress import progress_report
from reports.review import review_for
from targets.models import AssessmentRule, AwardRule
from tests.reports.test_dashboard import JULY, cells, page, text


def login(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def leader(demo_city, db) -> Client:
    return login("leader")


def test_the_township_scores_are_ranked_with_the_rules_written_out(leader):
    doc = page(leader, reverse("reports:assessment") + JULY + "&kind=township")
    rules = cells(doc, '//ul[@class="rules"]/li')
    assert rules[0].startswith("注册外资实际到帐：权重30分，得分 = 权重 × min(1.2, 完成考核目标的比例)")
    assert [r.split("：")[0] for r in rules] == ["注册外资实际到帐", "新批注册外资", "进出口总额", "嫁接引资（新批注册外资）"]
    rows = doc.xpath('//table[contains(@class, "scores")]/tbody/tr')
    assert len(rows) == 23
    first = [text(td) for td in rows[0].xpath("./td")]
    # 30 × 1.2 + 20 × 1.2 + 10 × 1.2 (paid-in, registered, grafted 522 of 200: capped) + trade by 功效系数法:
    # 4984.20 of 8125 = 61.34 %, the townships' lowest 45.36 % and highest 62.64 % (三星镇):
    # 10 × (0.6 + 0.4 × (61.34 − 45.36) / (62.64 − 45.36)) = 9.70
    assert first[:2] == ["1", "海门镇"] and first[-1] == "81.70"
    ranks = [int(text(r.xpath("./td")[0])) for r in rows]
    assert ranks == sorted(ranks)
    assert rows[0].xpath('./td[contains(@class, "points")]//a[contains(@href, "/reports/assessment/t01/")]')


def test_a_units_scores_are_written_out_with_its_numbers(leader):
    doc = page(leader, reverse("reports:unit_scores", args=["t04"]) + JULY)  # 三星镇
    paid = text(doc.xpath('//section[@data-indicator="paid_in_fdi"]//p[contains(@class, "working-formula")]')[0])
    # 280 of 500 = 56.00 %: 30 × 0.56 = 16.80
    assert paid == "得分：16.80 = 30 × min(1.2, 56.00%)"
    registered = text(doc.xpath('//section[@data-indicator="registered_fdi"]//p[contains(@class, "working-formula")]')[0])
    assert registered == "得分：24.00 = 20 × min(1.2, 141.67%)"
    # 三星镇 is the townships' highest in trade (10 points) and its grafted 185 of 150 is capped (12):
    # 16.80 + 24.00 + 10.00 + 12.00
    assert "合计 62.80 分，同类单位排第 4 位（共 23 个）" in text(doc.xpath('//p[@class="lead"]')[0])
    link = doc.xpath('//section[@data-indicator="paid_in_fdi"]//a[contains(@href, "/reports/units/t04/working/")]')
    assert link and "kind=assessment" in link[0].get("href")


def test_the_awards_say_who_qualified_when_and_who_is_close(leader):
    doc = page(leader, reverse("reports:awards") + JULY)
    stretch = doc.xpath('//section[@data-award="三季度完成实际外资全年加压目标任务奖"]')[0]
    qualified = [(text(r.xpath("./td")[0]), text(r.xpath("./td")[1])) for r in stretch.xpath('.//table[contains(@class, "qualified")]/tbody/tr')]
    assert len(qualified) == 10 and ("政府办", "7月") in qualified
    assert [text(r.xpath("./td")[0]) for r in stretch.xpath('.//table[contains(@class, "close")]/tbody/tr')] == ["海门镇"]
    assert "评定期未到" in text(stretch)
    half = doc.xpath('//section[@data-award="上半年特别贡献奖（注册外资完成全年考核目标）"]')[0]
    assert "评定期已过" in text(half) and not half.xpath('.//table[contains(@class, "close")]')
    doubling = doc.xpath('//section[@data-award="四季度完成实际外资翻番目标任务奖"]')[0]
    assert "还没有单位完成" in text(doubling)


def test_the_review_text_and_the_briefing_workbook_carry_the_scores(demo_city, db):
    report = progress_report(year=2007, month=7)
    review = review_for(report).as_text()
    assert ("九是考核排位情况。按照今年的考核办法（注册外资实际到帐30分、新批注册外资20分、进出口总额10分、"
            "嫁接引资（新批注册外资）10分）") in review
    assert "乡镇得分前3位是海门镇（81.70分）、货隆镇（71.54分）和包场镇（69.72分）" in review
    assert "符合“三季度完成实际外资全年加压目标任务奖”的条件，海门镇已接近完成" in review
    assert "尚无单位达到“四季度完成实际外资翻番目标任务奖”的要求" in review
    buffer = io.BytesIO()
    registry["briefing_xlsx"]().write(report, buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue()))["考核得分"]
    rows = {r[1]: r for r in ws.iter_rows(min_row=5, values_only=True) if r[1]}
    assert rows["海门镇"][0] == 1 and rows["海门镇"][2:7] == (36.0, 24.0, 9.7, 12.0, 81.7)
    assert rows["开发区"][6] == pytest.approx(33.75)  # alone in its kind, its trade is the highest: 10


# --- the rules page ---------------------------------------------------------------------------------------


def management(prefix: str, total: int, initial: int) -> dict:
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": initial, f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000}


def posted(demo_year: int = 2007, **changes) -> dict:
    """The rules page of 2007 as drawn, with ``changes`` applied."""
    data = {"year": demo_year, **management("a", 2, 2), **management("w", 3, 3)}
    for i, rule in enumerate(AssessmentRule.objects.filter(year=demo_year).order_by("id")):
        data.update({f"a-{i}-id": rule.pk, f"a-{i}-indicator": rule.indicator, f"a-{i}-weight": str(rule.weight),
                     f"a-{i}-method": rule.method, f"a-{i}-cap": str(rule.cap), f"a-{i}-target_kind": rule.target_kind,
                     f"a-{i}-seen_version": rule.version})
    for i, award in enumerate(AwardRule.objects.filter(year=demo_year).order_by("id")):
        data.update({f"w-{i}-id": award.pk, f"w-{i}-name": award.name, f"w-{i}-indicator": award.indicator,
                     f"w-{i}-target_kind": award.target_kind, f"w-{i}-by_month": award.by_month,
                     f"w-{i}-seen_version": award.version})
    data.update(changes)
    return data


def test_staff_change_a_weight_and_add_a_rule(demo_city, db):
    staff = login("staff")
    assert staff.get(reverse("targets:rules") + "?year=2007").status_code == 200
    data = posted(**{"a-0-weight": "35"}, **management("a", 3, 2),
                  **{"a-2-indicator": "exports", "a-2-weight": "10", "a-2-method": "efficacy", "a-2-cap": "1",
                     "a-2-target_kind": "assessment"})
    response = staff.post(reverse("targets:rules"), data)
    assert response.status_code == 302
    paid = AssessmentRule.objects.get(year=2007, indicator="paid_in_fdi")
    assert paid.weight == D("35.00") and paid.version == 2
    assert paid.history.first().history_change_reason == "考核办法页面"
    assert AssessmentRule.objects.get(year=2007, indicator="exports").method == "efficacy"


def test_a_rule_changed_meanwhile_is_not_overwritten(demo_city, db):
    staff = login("staff")
    data = posted(**{"a-0-weight": "35"})
    AssessmentRule.objects.filter(year=2007, indicator="paid_in_fdi").update(weight=28, version=5)  # someone else
    response = staff.post(reverse("targets:rules"), data)
    assert response.status_code == 400 and "这一行已被他人修改" in response.content.decode()
    assert AssessmentRule.objects.get(year=2007, indicator="paid_in_fdi").weight == D("28.00")


@pytest.mark.parametrize("changes, message", [
    ({"a-0-weight": "0"}, "权重"),
    ({"a-0-weight": "abc"}, "输入一个数字"),
    ({"a-1-indicator": "paid_in_fdi"}, "这一指标已经设置了计分办法"),
    ({"w-0-by_month": "13"}, "12"),
    ({"w-1-name": ""}, "这个字段是必填项"),
])
def test_bad_rules_are_refused_in_chinese_and_nothing_changes(demo_city, db, changes, message):
    staff = login("staff")
    before = list(AssessmentRule.objects.values_list("indicator", "weight", "version"))
    response = staff.post(reverse("targets:rules"), posted(**changes))
    assert response.status_code == 400 and message in response.content.decode()
    assert list(AssessmentRule.objects.values_list("indicator", "weight", "version")) == before


def test_leaders_read_the_rules_and_clerks_are_refused(demo_city, db):
    leader = login("leader")
    doc = page(leader, reverse("targets:rules") + "?year=2007")
    assert not doc.xpath('//form[contains(@class, "rules-form")]//button[@type="submit"]')
    assert leader.post(reverse("targets:rules"), posted()).status_code == 403
    assert login("clerk_t01").get(reverse("targets:rules") + "?year=2007").status_code == 403


# --- found by trying to break it ----------------------------------------------------------------------------


def test_an_unchanged_page_changes_nothing_and_a_colleagues_other_row_is_no_conflict(demo_city, db):
    staff = login("staff")
    page_as_drawn = posted()
    assert staff.post(reverse("targets:rules"), page_as_drawn).status_code == 302
    assert set(AssessmentRule.objects.filter(year=2007).values_list("version", flat=True)) == {1}
    # a colleague changes the paid-in weight; this page (drawn before) then changes only an award's month
    assert staff.post(reverse("targets:rules"), posted(**{"a-0-weight": "35"})).status_code == 302
    response = staff.post(reverse("targets:rules"), {**page_as_drawn, "w-0-by_month": "8"})
    assert response.status_code == 302
    assert AwardRule.objects.filter(year=2007).order_by("id").first().by_month == 8
    assert AssessmentRule.objects.get(year=2007, indicator="paid_in_fdi").weight == D("35.00")


def test_another_years_rows_or_a_rule_added_meanwhile_are_refused_not_a_server_error(demo_city, db):
    staff = login("staff")
    # the 2007 page posted as 2008: its rows are not 2008's
    response = staff.post(reverse("targets:rules"), {**posted(), "year": 2008})
    assert response.status_code == 400 and "不属于2008年" in response.content.decode()
    assert not AssessmentRule.objects.filter(year=2008).exists()
    # a page drawn without the paid-in rule (added meanwhile) adding it again
    data = posted()
    rows = [k for k in data if k.startswith("a-")]
    only_registered = {k: v for k, v in data.items() if not k.startswith("a-")}
    registered = next(i for i in range(4) if data.get(f"a-{i}-indicator") == "registered_fdi")
    only_registered.update({k.replace(f"a-{registered}-", "a-0-"): v for k, v in data.items()
                            if k.startswith(f"a-{registered}-")})
    only_registered.update(management("a", 2, 1))
    only_registered.update({"a-1-indicator": "paid_in_fdi", "a-1-weight": "5", "a-1-method": "ratio", "a-1-cap": "1",
                            "a-1-target_kind": "assessment"})
    response = staff.post(reverse("targets:rules"), only_registered)
    assert rows and response.status_code == 400 and "这一指标已经设置了计分办法" in response.content.decode()
    assert AssessmentRule.objects.get(year=2007, indicator="paid_in_fdi").weight == D("30.00")

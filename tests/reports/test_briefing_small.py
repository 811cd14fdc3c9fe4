"""The review text on small made-up cities: January, December, missing targets, an empty last year.

Kept apart from test_briefing_text.py, whose module holds the demo city for all its tests.
"""
from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command

from reports.progress import progress_report
from reports.review import review_for
from reports.wording import money
from tests import factories as f
from tests.reports.test_briefing_text import assert_no_blank
from units.models import Unit


@pytest.fixture
def small_city(db) -> dict[str, Unit]:
    city = f.unit("city", Unit.Kind.CITY, name="小城市")
    zone = f.unit("kfq", Unit.Kind.DEVELOPMENT_ZONE, city, name="开发区")
    t1 = f.unit("t1", Unit.Kind.TOWNSHIP, city, name="东镇")
    t2 = f.unit("t2", Unit.Kind.TOWNSHIP, city, name="西镇")
    d1 = f.unit("d1", Unit.Kind.DEPARTMENT, city, name="市招商局")
    f.targets(city, 2024, reg=(1000, 1500), paid=(600, 900))
    for u in (zone, t1, t2, d1):
        f.targets(u, 2024, reg=(200, 300), paid=(100, 150))
    p = f.project(zone, 400, dt.date(2024, 1, 10), stage="funded")
    f.project(t1, 80, dt.date(2024, 11, 3), type="increase", backbone=True)
    f.arrival(p, 2024, 1, 50, carry_over=True)
    f.arrival(p, 2024, 1, 30)
    f.arrival(p, 2024, 12, 700)
    old = f.project(zone, 100, dt.date(2023, 1, 5), stage="funded")
    f.arrival(old, 2023, 1, 40)
    return {"city": city, "zone": zone, "t1": t1, "t2": t2, "d1": d1}


def test_january_has_no_change_from_last_month_and_no_blank(small_city):
    text = review_for(progress_report(year=2024, month=1)).as_text()
    assert_no_blank(text)
    assert "比上月" not in text and "上月" not in text
    assert "在接下来的11个月中" in text
    assert "如果剔除去年结余下来的50万美元，今年我市平均月到帐仅为30万美元" in text


def test_december_has_no_remaining_months_and_no_blank(small_city):
    text = review_for(progress_report(year=2024, month=12)).as_text()
    assert_no_blank(text)
    assert "接下来" not in text
    assert "全市新批增资项目1个" in text  # approved in November
    # 西镇 has not reported December: its double blank may only be figures not yet entered
    assert "目前还有1个乡镇利用外资双空白（西镇，其中西镇尚未报送本月数据）" in text
    assert "（本讲评依据各单位报送的数据：12月已报送0/4；尚有4个单位未报送，数据为初步数。）" in text


def test_missing_targets_and_an_empty_last_year_leave_their_clauses_out(db):
    city = f.unit("city", Unit.Kind.CITY, name="无目标市")
    town = f.unit("t1", Unit.Kind.TOWNSHIP, city, name="北镇")
    f.unit("d1", Unit.Kind.DEPARTMENT, city, name="档案局")
    p = f.project(town, 120, dt.date(2024, 3, 1), stage="funded")
    f.arrival(p, 2024, 3, 20)
    text = review_for(progress_report(year=2024, month=6)).as_text()
    assert_no_blank(text)
    assert "同比" not in text  # nothing last year
    assert "考核目标的" not in text and "应平均到帐" not in text  # no targets
    assert "全市新批注册外资120万美元；注册外资实际到帐20万美元。" in text
    assert "尚无新批注册外资" in text  # the department


def test_only_a_stretch_target_gives_the_single_clause(db):
    city = f.unit("city", Unit.Kind.CITY, name="单目标市")
    town = f.unit("t1", Unit.Kind.TOWNSHIP, city, name="南镇")
    f.targets(city, 2024, reg=(None, 400))
    f.project(town, 100, dt.date(2024, 2, 1), stage="approved")
    text = review_for(progress_report(year=2024, month=6)).as_text()
    assert_no_blank(text)
    assert "完成加压目标的25.00％" in text


def test_amounts_over_ten_thousand_read_in_yi():
    assert money(D("14203")) == "1.42亿美元"
    assert money(D("14000")) == "1.4亿美元"
    assert money(D("20000")) == "2亿美元"
    assert money(D("9999.6")) == "10000万美元"
    assert money(D("1296.5")) == "1297万美元"



@pytest.mark.parametrize(("year", "month", "message"), [
    ("2007", "13", "月份必须是1到12之间的整数"),
    ("二〇〇七", "7", "年度必须是整数"),
    ("2030", "7", "2030年没有任何目标或项目数据"),
])
def test_the_command_refuses_bad_periods_in_chinese(db, year, month, message):
    with pytest.raises(CommandError, match=message):
        call_command("briefing_text", year=year, month=month, stdout=io.StringIO())

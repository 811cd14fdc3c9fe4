"""Every indicator of INTERFACES.md §0 has the same targets, figures and ranks (issue #13, #14): the three
reported ones (进出口、出口、外经营业额) come from the monthly figures, and every block has doubling
(翻番) beside assessment and stretch."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reports.progress import progress_report
from targets.indicators import CODES, REPORTED_CODES
from tests import factories as make
from units.models import Unit

YEAR = 2025
pytestmark = pytest.mark.django_db


@pytest.fixture
def city():
    city = make.unit("city", Unit.Kind.CITY, name="海门市")
    a = make.unit("t01", parent=city)
    b = make.unit("t02", parent=city)
    c = make.unit("t03", parent=city)
    z = make.unit("kfq", Unit.Kind.DEVELOPMENT_ZONE, parent=city)
    # trade: t01 reports 100 a month (600 by June), t02 50 a month, t03 nothing; last year t01 400 by June
    for month in range(1, 7):
        make.figure(a, YEAR, month, "trade_total", 100)
        make.figure(b, YEAR, month, "trade_total", 50)
    for month in (1, 3, 5, 6, 9):
        make.figure(a, YEAR - 1, month, "trade_total", 100)  # 400 by June last year
    make.figure(a, YEAR, 7, "trade_total", 999)  # after the period: not counted
    make.figure(z, YEAR, 3, "exports", 0)  # a reported zero
    make.figure(z, YEAR, 2, "outward_revenue", "12.5")
    make.targets(a, YEAR, trade_total=(1000, 1200, 2000))
    make.targets(b, YEAR, trade_total=(300, 600, 800))
    make.targets(c, YEAR, trade_total=(500, None, None))
    return {"city": city, "a": a, "b": b, "c": c, "z": z}


def test_a_reported_indicator_sums_the_months_of_the_period(city):
    report = progress_report(year=YEAR, month=6)
    t01 = report.unit("t01").figure("trade_total")
    assert t01.ytd == Decimal("600.00")
    assert t01.last_month_ytd == Decimal("500.00")
    assert t01.last_year_ytd == Decimal("400.00")
    assert t01.yoy_pct == Decimal("50.00")
    assert report.unit("city").figure("trade_total").ytd == Decimal("900.00")
    assert t01.share_pct == Decimal("66.67")
    assert report.unit("kfq").figure("outward_revenue").ytd == Decimal("12.50")
    assert report.unit("kfq").figure("exports").ytd == Decimal("0.00")


def test_a_reported_indicator_has_every_target_kind_its_completion_gap_and_rank(city):
    report = progress_report(year=YEAR, month=6)  # schedule 50 %
    a, b, c = (report.unit(code).figure("trade_total") for code in ("t01", "t02", "t03"))
    assert (a.assessment_pct, a.stretch_pct, a.doubling_pct) == (Decimal("60.00"), Decimal("50.00"), Decimal("30.00"))
    assert (a.assessment_gap_pp, a.doubling_gap_pp) == (Decimal("10.00"), Decimal("-20.00"))
    assert b.assessment_pct == Decimal("100.00") and b.done("assessment") and not b.done("stretch")
    # ranks within the kind, per target kind: t02 leads on assessment (100 %) and doubling (37.5 % > 30 %)
    assert (b.rank("assessment"), a.rank("assessment"), c.rank("assessment")) == (1, 2, 3)
    assert (b.rank("doubling"), a.rank("doubling")) == (1, 2)
    assert c.rank("stretch") is None and c.stretch_pct is None
    assert a.on_schedule("assessment") and a.on_schedule("stretch") and not a.on_schedule("doubling")


def test_the_groups_count_on_schedule_and_done_for_every_target_kind(city):
    report = progress_report(year=YEAR, month=6)
    trade = report.group("township").figure("trade_total")
    assert trade.ytd == Decimal("900.00")
    assert trade.on_schedule == {"assessment": 2, "stretch": 2, "doubling": 0}
    assert trade.done_for_year == {"assessment": 1, "stretch": 0, "doubling": 0}
    # May (41.67 %): t01 at 50 / 41.67 / 25 %, t02 at 83.33 / 41.67 / 31.25 %: the same counts as June
    assert trade.on_schedule_change == {"assessment": 0, "stretch": 0, "doubling": 0}


def test_the_json_has_every_indicator_with_the_doubling_keys(city):
    data = progress_report(year=YEAR, month=6).as_json()
    unit = next(u for u in data["units"] if u["code"] == "t01")
    for code in CODES:
        block = unit[code]
        for key in ("ytd", "last_year_ytd", "yoy_pct", "share_pct", "rank_in_kind"):
            assert key in block, (code, key)
        for kind in ("assessment", "stretch", "doubling"):
            assert {f"{kind}_target", f"{kind}_pct", f"{kind}_gap_pp"} <= block.keys(), (code, kind)
    assert unit["trade_total"]["doubling_target"] == 2000.0
    assert unit["trade_total"]["doubling_pct"] == 30.0
    paid = unit["paid_in_fdi"]
    assert {"required_monthly_doubling", "monthly_shortfall_doubling", "catch_up_monthly_doubling"} <= paid.keys()
    assert "carry_over" not in unit["trade_total"]  # the pace keys are the paid-in block's
    group = next(g for g in data["groups"] if g["kind"] == "township")
    for code in CODES:
        assert set(group[code]["on_schedule"]) == {"assessment", "stretch", "doubling"}
        assert set(group[code]["done_for_year"]) == {"assessment", "stretch", "doubling"}
    assert set(REPORTED_CODES) == {"trade_total", "exports", "outward_revenue"}


def test_done_for_the_year_means_the_amount_is_reached_not_a_rounded_percentage(city):
    make.targets(city["c"], YEAR, reg=(100000,))
    make.project(city["c"], "99999.99", dt.date(YEAR, 3, 1))
    report = progress_report(year=YEAR, month=6)
    figures = report.unit("t03").registered_fdi
    assert figures.assessment_pct == Decimal("100.00")  # 99.99999 % rounds to 100.00
    assert not figures.done("assessment")
    assert report.group("township").registered_fdi.done_for_year["assessment"] == 0


def test_the_doubling_pace_of_paid_in_fdi(city):
    make.targets(city["a"], YEAR, paid=(1200, 1800, 2400))
    p = make.project(city["a"], "100", dt.date(YEAR - 1, 5, 1))
    make.arrival(p, YEAR, 1, 300, carry_over=True)
    make.arrival(p, YEAR, 3, 600)
    paid = progress_report(year=YEAR, month=6).unit("t01").paid_in_fdi
    assert paid.monthly_avg == Decimal("100.00")  # (900 − 300 carried over) / 6
    assert paid.required("doubling") == Decimal("200.00")
    assert paid.monthly_shortfall_doubling == Decimal("100.00")
    assert paid.catch_up("doubling") == Decimal("250.00")  # (2400 − 900) / 6
    assert paid.doubling_pct == Decimal("37.50")


def test_a_year_with_only_reported_figures_has_data(city):
    from reports.progress import has_data, latest_period

    assert has_data(YEAR - 1)
    assert latest_period() == (YEAR, 7)

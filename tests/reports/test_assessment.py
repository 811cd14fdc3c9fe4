"""Assessment scores and awards (INTERFACES.md §5, issue #13) on hand-computed figures.

The city of these tests, 1–9月 2025 (schedule 75 %):
- townships t1…t5, paid-in assessment targets 1,000 (t4 none); paid-in YTD by September: t1 750 (75 %),
  t2 1,300 (130 %, above the 1.2 cap), t3 750 (75 %, a tie with t1), t4 500, t5 950 (95 %);
- registered assessment targets 100 for t1, t2, t3 only, approved 40, 90 and 75 (40, 90, 75 %);
- one department d1 (a kind with one unit): registered target 50, approved 10 (20 %); trade target 300,
  reported 183.99 (61.33 %: 15 × 0.6133 = 9.1995 rounds half up to 9.20);
- one zone z without any target.
Rules of 2025: paid-in 25 points ratio capped at 1.2; registered 15 points efficacy; trade 15 points ratio.
"""
from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.assessment import assessment_report, explain
from reports.progress import progress_report
from targets.models import AssessmentRule, AwardRule
from tests import factories as make
from units.models import Unit

YEAR = 2025
pytestmark = pytest.mark.django_db


def arrivals(unit: Unit, months: dict[int, int]) -> None:
    p = make.project(unit, "1", dt.date(YEAR - 1, 6, 1))
    for month, amount in months.items():
        make.arrival(p, YEAR, month, amount)


@pytest.fixture
def city():
    city = make.unit("city", Unit.Kind.CITY)
    t = {code: make.unit(code, parent=city) for code in ("t1", "t2", "t3", "t4", "t5")}
    d1 = make.unit("d1", Unit.Kind.DEPARTMENT, parent=city)
    make.unit("z", Unit.Kind.DEVELOPMENT_ZONE, parent=city)
    for code in ("t1", "t2", "t3", "t5"):
        make.targets(t[code], YEAR, paid=(1000,))
    for code in ("t1", "t2", "t3"):
        make.targets(t[code], YEAR, reg=(100,))
    arrivals(t["t1"], {2: 730, 9: 20})
    arrivals(t["t2"], {1: 300, 3: 400, 8: 600})
    arrivals(t["t3"], {3: 750, 10: 300})
    arrivals(t["t4"], {4: 500})
    arrivals(t["t5"], {6: 950})
    for code, amount in (("t1", 40), ("t2", 90), ("t3", 75)):
        make.project(t[code], amount, dt.date(YEAR, 5, 2))
    make.targets(d1, YEAR, reg=(50,), trade_total=(300,))
    make.project(d1, 10, dt.date(YEAR, 4, 1))
    make.figure(d1, YEAR, 5, "trade_total", "183.99")
    AssessmentRule.objects.create(year=YEAR, indicator="paid_in_fdi", weight=25, method="ratio", cap=D("1.2"))
    AssessmentRule.objects.create(year=YEAR, indicator="registered_fdi", weight=15, method="efficacy")
    AssessmentRule.objects.create(year=YEAR, indicator="trade_total", weight=15, method="ratio")
    AwardRule.objects.create(year=YEAR, name="三季度完成实际外资考核目标奖", indicator="paid_in_fdi",
                             target_kind="assessment", by_month=9)
    return city


def points(report, code: str) -> dict:
    return report.unit(code).points


def test_the_ratio_method_caps_and_rounds_half_up(city):
    report = assessment_report(year=YEAR, month=9)
    assert points(report, "t1")["paid_in_fdi"] == D("18.75")  # 25 × 0.75
    assert points(report, "t2")["paid_in_fdi"] == D("30.00")  # 25 × min(1.2, 1.30)
    assert points(report, "t3")["paid_in_fdi"] == D("18.75")  # the tie
    assert points(report, "t5")["paid_in_fdi"] == D("23.75")
    assert points(report, "d1")["trade_total"] == D("9.20")  # 15 × 0.6133 = 9.1995


def test_the_efficacy_method_scores_between_the_lowest_and_highest_of_the_kind(city):
    report = assessment_report(year=YEAR, month=9)
    assert points(report, "t1")["registered_fdi"] == D("9.00")  # the lowest: 60 % of 15
    assert points(report, "t2")["registered_fdi"] == D("15.00")  # the highest
    assert points(report, "t3")["registered_fdi"] == D("13.20")  # 15 × (0.6 + 0.4 × 35 / 50)
    assert points(report, "d1")["registered_fdi"] == D("15.00")  # alone in its kind: max = min


def test_a_unit_without_the_rules_target_has_no_points_for_it(city):
    report = assessment_report(year=YEAR, month=9)
    assert points(report, "t4") == {"paid_in_fdi": None, "registered_fdi": None, "trade_total": None}
    assert points(report, "t5")["registered_fdi"] is None
    assert report.unit("t4").total == D("0.00")
    assert points(report, "z") == {"paid_in_fdi": None, "registered_fdi": None, "trade_total": None}


def test_totals_and_ranks_within_each_kind(city):
    report = assessment_report(year=YEAR, month=9)
    totals = {u.code: (u.total, u.rank_in_kind) for u in report.units}
    assert totals == {
        "t1": (D("27.75"), 3), "t2": (D("45.00"), 1), "t3": (D("31.95"), 2), "t4": (D("0.00"), 5),
        "t5": (D("23.75"), 4), "d1": (D("24.20"), 1), "z": (D("0.00"), 1),
    }
    assert "city" not in totals


def test_tied_totals_share_the_better_rank(city):
    AssessmentRule.objects.filter(indicator__in=["registered_fdi", "trade_total"]).delete()
    report = assessment_report(year=YEAR, month=9)
    ranks = {u.code: u.rank_in_kind for u in report.units if u.kind == "township"}
    assert ranks == {"t2": 1, "t5": 2, "t1": 3, "t3": 3, "t4": 5}


def test_an_award_lists_who_crossed_by_its_month_and_when(city):
    award = assessment_report(year=YEAR, month=10).awards[0]
    # t2 reached 1,000 in August; t3 only in October, after September; t4 has no target; t1 and t5 never
    assert [(u.code, u.reached_month) for u in award.units] == [("t2", 8)]
    assert award.close == [] and award.decided
    assert assessment_report(year=YEAR, month=5).awards[0].units == []
    august = assessment_report(year=YEAR, month=8).awards[0]
    # in August, with September left: t5 at 95 % is close; t1 (73 %) and t3 (75 %) are not
    assert [u.code for u in august.units] == ["t2"] and [u.code for u in august.close] == ["t5"]
    assert not august.decided


def test_who_is_close_has_months_left_and_is_within_ten_percent(city):
    AwardRule.objects.create(year=YEAR, name="全年完成奖", indicator="paid_in_fdi", target_kind="assessment",
                             by_month=12)
    t1 = Unit.objects.get(code="t1")
    arrivals(t1, {10: 180})  # 930 by October: 93 %
    award = next(a for a in assessment_report(year=YEAR, month=10).awards if a.rule.name == "全年完成奖")
    assert [(u.code, u.reached_month) for u in award.units] == [("t2", 8), ("t3", 10)]
    assert [(u.code, u.pct) for u in award.close] == [("t1", D("93.00")), ("t5", D("95.00"))]
    december = next(a for a in assessment_report(year=YEAR, month=12).awards if a.rule.name == "全年完成奖")
    assert december.close == []  # no month left


def test_the_json_of_interfaces_5(city):
    data = assessment_report(year=YEAR, month=9).as_json()
    assert data["year"] == YEAR and data["month"] == 9
    t1 = next(u for u in data["units"] if u["code"] == "t1")
    assert t1 == {"code": "t1", "name": "t1", "kind": "township",
                  "points": {"paid_in_fdi": 18.75, "registered_fdi": 9.0, "trade_total": None},
                  "total": 27.75, "rank_in_kind": 3}
    assert data["awards"] == [{"name": "三季度完成实际外资考核目标奖", "indicator": "paid_in_fdi",
                               "target_kind": "assessment", "by_month": 9,
                               "units": [{"code": "t2", "reached_month": 8}]}]


def test_the_command_and_the_api_give_the_same_json(city):
    out = io.StringIO()
    call_command("assessment_report", "--year", str(YEAR), "--month", "9", stdout=out)
    from_command = json.loads(out.getvalue())
    from tests.conftest import make_user

    client = Client()
    client.force_login(make_user("lead", "leader"), backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(reverse("api:assessment"), {"year": YEAR, "month": 9})
    assert response.status_code == 200 and response.json() == from_command
    assert client.get(reverse("api:assessment"), {"year": YEAR, "month": 13}).status_code == 400
    assert Client().get(reverse("api:assessment"), {"year": YEAR, "month": 9}).status_code in (302, 401, 403)


def test_a_score_is_written_out_with_the_units_numbers(city):
    report = assessment_report(year=YEAR, month=9)
    progress = progress_report(year=YEAR, month=9)
    rules = {r.indicator: r for r in report.rules}
    t1 = progress.unit("t1")
    assert explain(rules["paid_in_fdi"], t1.paid_in_fdi, points(report, "t1")["paid_in_fdi"]) == \
        "18.75 = 25 × min(1.2, 75.00%)"
    t3 = progress.unit("t3")
    assert explain(rules["registered_fdi"], t3.registered_fdi, points(report, "t3")["registered_fdi"],
                   (D("40.00"), D("90.00"))) == "13.20 = 15 × (0.6 + 0.4 × (75.00 − 40.00) ÷ (90.00 − 40.00))"
    assert "不计分" in explain(rules["paid_in_fdi"], progress.unit("t4").paid_in_fdi, None)


def test_a_year_without_rules_scores_nobody(city):
    report = assessment_report(year=YEAR + 1, month=3)
    assert report.rules == [] and all(u.rank_in_kind is None and u.total == 0 for u in report.units)


def test_rules_are_refused_by_the_database_when_they_make_no_sense(city):
    for bad in (dict(indicator="gdp"), dict(weight=0), dict(cap=0), dict(method="guess"),
                dict(target_kind="triple"), dict(indicator="paid_in_fdi")):  # the last: a duplicate
        values = dict(year=YEAR, indicator="exports", weight=10, method="ratio", cap=1, target_kind="assessment")
        values.update(bad)
        with pytest.raises(IntegrityError), transaction.atomic():
            AssessmentRule.objects.create(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardRule.objects.create(year=YEAR, name="x", indicator="paid_in_fdi", target_kind="stretch", by_month=13)


def test_the_scores_query_count_does_not_grow_with_the_number_of_units(db):
    city = make.unit("city", Unit.Kind.CITY)

    def city_of(n: int) -> None:
        for i in range(Unit.objects.count() - 1, n):
            u = make.unit(f"u{i:03d}", Unit.Kind.TOWNSHIP if i % 2 else Unit.Kind.DEPARTMENT, parent=city)
            make.targets(u, YEAR, paid=(100 + i,), reg=(50,))
            make.figure(u, YEAR, 1, "exports", i)
        AssessmentRule.objects.get_or_create(year=YEAR, indicator="paid_in_fdi", defaults={"weight": 25})
        AssessmentRule.objects.get_or_create(year=YEAR, indicator="registered_fdi",
                                             defaults={"weight": 15, "method": "efficacy"})
        AwardRule.objects.get_or_create(year=YEAR, name="奖", defaults={"indicator": "paid_in_fdi",
                                                                       "target_kind": "assessment", "by_month": 9})

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert len(assessment_report(year=YEAR, month=6).units) > 0
        return len(ctx)

    city_of(10)
    ten = count()
    city_of(60)
    assert count() == ten == 6

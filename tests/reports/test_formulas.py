"""Each formula of the progress report at its edges, on small hand-made cities."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from reports.progress import ReportError, even_schedule_pct, progress_report
from targets.models import ScheduleMonth
from tests import factories as F
from units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def city() -> Unit:
    return F.unit("city", Unit.Kind.CITY, name="示范市")


def test_schedule_is_month_over_twelve_to_the_hundredth():
    assert [even_schedule_pct(m) for m in (1, 6, 7, 12)] == [D("8.33"), D("50.00"), D("58.33"), D("100.00")]


def test_completion_gap_and_yoy_follow_the_speech(city):
    zone = F.unit("kfq", Unit.Kind.DEVELOPMENT_ZONE, city)
    F.targets(zone, 2007, reg=(24000, 35000))
    F.project(zone, "14203", dt.date(2007, 6, 30))
    F.project(zone, "10643", dt.date(2006, 7, 31))
    F.project(zone, "999", dt.date(2006, 8, 1))  # after July last year: not the same period
    reg = progress_report(year=2007, month=7).unit("kfq").registered_fdi
    assert reg.ytd == D("14203.00")
    assert reg.last_year_ytd == D("10643.00")
    assert reg.yoy_pct == D("33.45")
    assert (reg.assessment_pct, reg.stretch_pct) == (D("59.18"), D("40.58"))
    assert (reg.assessment_gap_pp, reg.stretch_gap_pp) == (D("0.85"), D("-17.75"))


def test_a_unit_without_targets_has_no_percentages_and_no_rank(city):
    town = F.unit("t1", parent=city)
    F.arrival(F.project(town, 10, dt.date(2007, 2, 1)), 2007, 2, 5)
    paid = progress_report(year=2007, month=7).unit("t1").paid_in_fdi
    assert paid.ytd == D("5.00")
    assert paid.assessment_pct is None and paid.stretch_pct is None
    assert paid.assessment_gap_pp is None and paid.rank_in_kind is None
    assert paid.required_monthly_assessment is None and paid.catch_up_monthly_assessment is None
    assert paid.monthly_shortfall_assessment is None


def test_a_zero_target_counts_as_no_target(city):
    town = F.unit("t1", parent=city)
    F.targets(town, 2007, reg=(0, 0), paid=(0, 0))
    F.project(town, 10, dt.date(2007, 2, 1))
    report = progress_report(year=2007, month=7)
    reg = report.unit("t1").registered_fdi
    assert reg.assessment_pct is None and reg.rank_in_kind is None
    assert report.unit("t1").paid_in_fdi.required_monthly_stretch is None
    township = report.group("township")
    assert township.registered_fdi.on_schedule == {"assessment": 0, "stretch": 0, "doubling": 0}
    assert township.registered_fdi.done_for_year == {"assessment": 0, "stretch": 0, "doubling": 0}


def test_year_on_year_is_null_when_last_year_was_zero(city):
    town = F.unit("t1", parent=city)
    F.project(town, 10, dt.date(2007, 2, 1))
    assert progress_report(year=2007, month=7).unit("t1").registered_fdi.yoy_pct is None


def test_carry_over_counts_toward_the_total_but_not_the_monthly_rate(city):
    town = F.unit("t1", parent=city)
    F.targets(town, 2007, paid=(1200, 2400))
    p = F.project(town, 100, dt.date(2006, 11, 1))
    F.arrival(p, 2007, 1, 300, carry_over=True)
    F.arrival(p, 2007, 1, 70)
    F.arrival(p, 2007, 3, 70)
    paid = progress_report(year=2007, month=7).unit("t1").paid_in_fdi
    assert paid.ytd == D("440.00")
    assert paid.carry_over == D("300.00")
    assert paid.monthly_avg == D("20.00")  # (440 − 300) / 7
    assert paid.required_monthly_assessment == D("100.00")
    assert paid.monthly_shortfall_assessment == D("80")
    assert paid.catch_up_monthly_assessment == D("152.00")  # (1200 − 440) / 5
    assert paid.assessment_pct == D("36.67")


def test_january_has_no_change_from_last_month(city):
    town = F.unit("t1", parent=city)
    F.targets(town, 2007, reg=(100, 200), paid=(100, 200))
    F.project(town, 50, dt.date(2007, 1, 15))
    report = progress_report(year=2007, month=1)
    assert report.schedule_pct == D("8.33")
    assert report.last_month_schedule_pct is None
    group = report.group("township").registered_fdi
    assert group.on_schedule == {"assessment": 1, "stretch": 1, "doubling": 0}
    assert group.on_schedule_change == {"assessment": None, "stretch": None, "doubling": None}


def test_december_has_no_catch_up_rate(city):
    town = F.unit("t1", parent=city)
    F.targets(town, 2007, paid=(1200, 2400))
    F.arrival(F.project(town, 10, dt.date(2007, 1, 5)), 2007, 12, 600)
    paid = progress_report(year=2007, month=12).unit("t1").paid_in_fdi
    assert paid.catch_up_monthly_assessment is None and paid.catch_up_monthly_stretch is None
    assert paid.assessment_pct == D("50.00")
    assert paid.monthly_avg == D("50.00")


def test_catch_up_is_zero_once_the_target_is_reached(city):
    town = F.unit("t1", parent=city)
    F.targets(town, 2007, paid=(100, 1300))
    F.arrival(F.project(town, 10, dt.date(2007, 1, 5)), 2007, 2, 150)
    paid = progress_report(year=2007, month=7).unit("t1").paid_in_fdi
    assert paid.catch_up_monthly_assessment == D("0.00")
    assert paid.catch_up_monthly_stretch == D("230.00")  # (1300 − 150) / 5
    assert paid.done_assessment and not paid.done_stretch


def test_a_unit_with_nothing_is_double_blank_and_counted_in_its_group(city):
    busy = F.unit("t1", parent=city)
    F.unit("t2", parent=city)
    F.project(busy, 10, dt.date(2007, 3, 1))
    report = progress_report(year=2007, month=7)
    assert report.unit("t2").double_blank is True
    assert report.unit("t1").double_blank is False
    assert report.group("township").double_blank == 1
    assert report.group("township").units == 2


def test_ties_share_the_better_rank(city):
    scores = {"t1": 90, "t2": 80, "t3": 80, "t4": 70}
    for code, registered in scores.items():
        town = F.unit(code, parent=city)
        F.targets(town, 2007, reg=(100, 200))
        F.project(town, registered, dt.date(2007, 4, 1))
    F.unit("t5", parent=city)  # no target: no rank
    dept = F.unit("d1", Unit.Kind.DEPARTMENT, city)
    F.targets(dept, 2007, reg=(100, 200))
    report = progress_report(year=2007, month=7)
    ranks = {u.code: u.registered_fdi.rank_in_kind for u in report.units_of_kind("township")}
    assert ranks == {"t1": 1, "t2": 2, "t3": 2, "t4": 4, "t5": None}
    assert report.unit("d1").registered_fdi.rank_in_kind == 1  # ranked within its own kind


def test_a_custom_schedule_replaces_month_over_twelve(city):
    for month, pct in [(1, 5), (2, 10), (3, 20), (4, 30)]:
        ScheduleMonth.objects.create(year=2007, month=month, cumulative_pct=D(pct))
    town = F.unit("t1", parent=city)
    F.targets(town, 2007, reg=(100, 200))
    F.project(town, 25, dt.date(2007, 3, 10))
    report = progress_report(year=2007, month=3)
    assert report.schedule_pct == D("20.00")
    assert report.last_month_schedule_pct == D("10.00")
    reg = report.unit("t1").registered_fdi
    assert reg.assessment_gap_pp == D("5.00")
    assert reg.on_schedule_assessment is True
    # February: 0 % < 10 % (behind); March: 25 % ≥ 20 % (on schedule)
    assert report.group("township").registered_fdi.on_schedule_change["assessment"] == 1
    assert progress_report(year=2007, month=5).schedule_pct == D("41.67")  # months not set fall back to M/12


def test_on_schedule_change_counts_units_that_fell_behind(city):
    town = F.unit("t1", parent=city)
    F.targets(town, 2007, reg=(100, 200))
    F.project(town, 55, dt.date(2007, 6, 1))  # 55 % ≥ 50.00 in June, < 58.33 in July
    group = progress_report(year=2007, month=7).group("township").registered_fdi
    assert group.on_schedule == {"assessment": 0, "stretch": 0, "doubling": 0}
    assert group.on_schedule_change == {"assessment": -1, "stretch": 0, "doubling": 0}


def test_a_grandchild_counts_toward_its_parent_and_the_city(city):
    zone = F.unit("kfq", Unit.Kind.DEVELOPMENT_ZONE, city)
    park = F.unit("kfq-a", Unit.Kind.DEVELOPMENT_ZONE, zone)
    workshop = F.unit("kfq-a-1", Unit.Kind.DEPARTMENT, park)
    F.project(zone, 100, dt.date(2007, 2, 1))
    F.project(park, 20, dt.date(2007, 2, 1))
    F.arrival(F.project(workshop, 3, dt.date(2007, 2, 1)), 2007, 2, 7)
    report = progress_report(year=2007, month=7)
    assert report.city.registered_fdi.ytd == D("123.00")
    assert report.city.paid_in_fdi.ytd == D("7.00")
    assert report.unit("kfq").registered_fdi.ytd == D("123.00")
    assert report.unit("kfq-a").registered_fdi.ytd == D("23.00")
    # Groups sum what is credited to units of the kind, so they add up to the city without double counting.
    assert report.group("development_zone").registered_fdi.ytd == D("120.00")
    assert report.group("department").registered_fdi.ytd == D("3.00")
    assert report.unit("kfq-a").registered_fdi.share_pct == D("18.70")


def test_projects_not_yet_approved_count_only_in_the_pipeline(city):
    town = F.unit("t1", parent=city)
    F.project(town, 5000, None, stage="negotiating")
    F.project(town, 1200, dt.date(2007, 5, 1))
    F.project(town, 12000, dt.date(2007, 8, 1))  # after July
    report = progress_report(year=2007, month=7)
    assert report.unit("t1").registered_fdi.ytd == D("1200.00")
    assert report.large_projects.over_1000 == 1
    assert report.large_projects.over_10000 == 0
    assert report.large_projects.negotiating_over_1000 == 1


def test_a_report_without_a_city_is_refused():
    with pytest.raises(ReportError):
        progress_report(year=2007, month=7)


def test_month_outside_the_year_is_refused(city):
    with pytest.raises(ReportError):
        progress_report(year=2007, month=13)


def test_the_latest_period_is_the_last_month_with_an_arrival_or_an_approval(city):
    from reports.progress import latest_period

    assert latest_period() is None
    town = F.unit("t1", parent=city)
    p = F.project(town, 10, dt.date(2007, 5, 3))
    assert latest_period() == (2007, 5)
    F.arrival(p, 2007, 7, 1)
    assert latest_period() == (2007, 7)

"""DOMAIN.md's worked check: the demo city's 1–7月 2007 report reproduces seed 004 to the hundredth."""
from __future__ import annotations

from decimal import Decimal as D

import pytest

from reports.progress import ProgressReport, progress_report


@pytest.fixture
def july(demo_city, db) -> ProgressReport:
    return progress_report(year=2007, month=7)


def names(report: ProgressReport, kind: str, indicator: str, flag: str) -> set[str]:
    return {u.name for u in report.units_of_kind(kind) if getattr(getattr(u, indicator), flag)}


def test_the_schedule_is_seven_twelfths(july):
    assert july.schedule_pct == D("58.33")


def test_the_city_completes_its_targets_as_the_speech_says(july):
    reg, paid = july.city.registered_fdi, july.city.paid_in_fdi
    assert (reg.assessment_pct, reg.stretch_pct) == (D("61.36"), D("45.22"))
    assert (paid.assessment_pct, paid.stretch_pct) == (D("43.83"), D("30.20"))
    assert (reg.assessment_gap_pp, reg.stretch_gap_pp) == (D("3.03"), D("-13.11"))
    assert (paid.assessment_gap_pp, paid.stretch_gap_pp) == (D("-14.50"), D("-28.13"))


def test_the_city_paid_in_pace_matches_the_speech(july):
    paid = july.city.paid_in_fdi
    assert paid.ytd == D("10282.00") and paid.carry_over == D("1200.00")
    assert round(paid.monthly_avg) == 1297
    assert round(paid.required_monthly_assessment) == 1955
    assert round(paid.required_monthly_stretch) == 2838
    assert (paid.monthly_shortfall_assessment, paid.monthly_shortfall_stretch) == (D("658"), D("1541"))
    assert round(paid.catch_up_monthly_assessment) == 2636  # (23460 − 10282) / 5


def test_the_development_zone_leads_the_city(july):
    zone = july.unit("kfq")
    reg, paid = zone.registered_fdi, zone.paid_in_fdi
    assert reg.ytd == D("14203.00")  # 1.4亿美元
    assert (reg.share_pct, reg.assessment_pct, reg.stretch_pct, reg.yoy_pct) == (
        D("54.57"), D("59.18"), D("40.58"), D("33.45"))
    assert paid.ytd == D("4762.00")
    assert (paid.share_pct, paid.assessment_pct, paid.stretch_pct, paid.yoy_pct) == (
        D("46.31"), D("39.69"), D("28.01"), D("62.48"))


def test_the_departments_add_a_small_share(july):
    departments = july.group("department")
    assert departments.units == 83
    assert departments.registered_fdi.ytd == D("1491.00")
    assert departments.paid_in_fdi.ytd == D("758.00")
    assert round(departments.registered_fdi.share_pct, 1) == D("5.7")
    assert round(departments.paid_in_fdi.share_pct, 1) == D("7.4")
    bureau = july.unit("d01")
    assert bureau.name == "市招商局"
    assert (bureau.registered_fdi.ytd, bureau.paid_in_fdi.ytd) == (D("308.00"), D("18.00"))


def test_the_townships_done_on_schedule_and_blank(july):
    townships = july.group("township")
    assert townships.units == 23
    assert names(july, "township", "paid_in_fdi", "done_assessment") == {"海门镇", "货隆镇", "包场镇"}
    assert names(july, "township", "registered_fdi", "done_stretch") == {"三星镇", "德胜镇", "三和镇", "海门镇"}
    assert townships.paid_in_fdi.done_for_year["assessment"] == 3
    assert townships.registered_fdi.done_for_year["stretch"] == 4
    assert townships.registered_fdi.on_schedule["assessment"] == 9
    assert townships.paid_in_fdi.on_schedule["assessment"] == 9
    assert townships.registered_fdi.on_schedule_change["assessment"] == -5
    assert townships.paid_in_fdi.on_schedule_change["assessment"] == -2
    assert townships.double_blank == 2


def test_the_departments_done_and_blank(july):
    assert names(july, "department", "paid_in_fdi", "done_stretch") == {
        "政府办", "政协办", "财政局", "工商局", "人大办", "物价局", "人事局", "交通局", "粮食局", "建设局"}
    assert names(july, "department", "registered_fdi", "done_stretch") == {
        "财政局", "政府办", "环保局", "工商局", "人大办", "统战部", "建工局", "建设局", "审计局"}
    assert july.group("department").double_blank == 58


def test_the_june_counts_are_the_july_counts_minus_the_change(demo_city, db):
    june = progress_report(year=2007, month=6)
    assert june.schedule_pct == D("50.00")
    assert june.group("township").registered_fdi.on_schedule["assessment"] == 14
    assert june.group("township").paid_in_fdi.on_schedule["assessment"] == 11
    # The paid-in gap narrowed from June to July, as the speech says.
    assert june.city.paid_in_fdi.assessment_gap_pp < D("-14.50")


def test_large_projects(july):
    assert (july.large_projects.over_1000, july.large_projects.over_10000) == (4, 0)
    assert july.large_projects.negotiating_over_1000 == 2


def test_the_json_carries_the_same_figures(july):
    data = july.as_json()
    city = next(u for u in data["units"] if u["code"] == "city")
    assert city["registered_fdi"]["assessment_pct"] == 61.36
    assert city["paid_in_fdi"]["stretch_gap_pp"] == -28.13
    assert data["large_projects"] == {"over_1000": 4, "over_10000": 0, "negotiating_over_1000": 2}
    assert [g["kind"] for g in data["groups"]] == ["development_zone", "township", "department"]

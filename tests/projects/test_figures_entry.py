"""Reported figures (进出口、出口、外经营业额) on the monthly page (issue #14): only the indicators the unit has
a target for or has reported before; a reported zero is a value, an empty input is no report; bad input,
another person's save and a locked month refuse the whole page."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import lxml.html
import pytest
from django.urls import reverse

from projects import services
from projects.models import Arrival, MonthSubmission, ReportedFigure
from reports.progress import progress_report
from tests import factories
from tests.factories import PAST_YEAR
from tests.projects.conftest import client_for

pytestmark = pytest.mark.django_db
URL = reverse("projects:monthly")


@pytest.fixture
def trade(unit_a):
    factories.targets(unit_a, PAST_YEAR, trade_total=(1200, 1500))
    return unit_a


def page(client, unit, month: int = 6):
    response = client.get(URL, {"unit": unit.pk, "year": PAST_YEAR, "month": month})
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def post(client, unit, month: int = 6, **fields):
    return client.post(f"{URL}?unit={unit.pk}&year={PAST_YEAR}&month={month}", {"action": "save", **fields})


def test_only_the_indicators_of_the_units_targets_or_reports_are_offered(clerk_a, clerk_b, trade, unit_b):
    doc = page(client_for(clerk_a), trade)
    assert doc.xpath('//table[contains(@class, "figures-entry")]//tr/@data-indicator') == ["trade_total"]
    assert not page(client_for(clerk_b), unit_b).xpath('//table[contains(@class, "figures-entry")]')
    factories.figure(unit_b, PAST_YEAR - 1, 3, "outward_revenue", 5)  # reported before: offered now
    assert page(client_for(clerk_b), unit_b).xpath('//tr[@data-indicator="outward_revenue"]')


def test_a_saved_figure_a_reported_zero_and_an_emptied_one(clerk_a, trade):
    client = client_for(clerk_a)
    assert post(client, trade, figure_trade_total="120.5", figure_version_trade_total="0").status_code == 302
    figure = ReportedFigure.objects.get(unit=trade, year=PAST_YEAR, month=6)
    assert (figure.amount, figure.version, figure.history.first().history_user) == (Decimal("120.50"), 1, clerk_a)
    assert post(client, trade, figure_trade_total="0", figure_version_trade_total="1").status_code == 302
    assert ReportedFigure.objects.get(unit=trade, month=6).amount == Decimal("0.00")  # a zero is kept
    report = progress_report(year=PAST_YEAR, month=6)
    assert report.unit(trade.code).trade_total.reported_this_month is True  # reported, as zero
    assert post(client, trade, figure_trade_total="", figure_version_trade_total="2").status_code == 302
    assert not ReportedFigure.objects.filter(unit=trade, month=6).exists()
    assert progress_report(year=PAST_YEAR, month=6).unit(trade.code).trade_total.reported_this_month is False


def test_a_unit_with_a_target_and_no_figures_is_at_zero_and_has_not_reported(trade):
    figures = progress_report(year=PAST_YEAR, month=6).unit(trade.code).trade_total
    assert (figures.ytd, figures.assessment_pct, figures.reported_this_month) == (Decimal("0.00"), Decimal("0.00"), False)
    assert figures.assessment_gap_pp == Decimal("-50.00")


def test_the_ytd_sums_the_months_and_the_report_agrees(clerk_a, trade):
    client = client_for(clerk_a)
    for month, amount in ((1, "100"), (3, "50"), (6, "25")):
        post(client, trade, month, figure_trade_total=amount, figure_version_trade_total="0")
    doc = page(client, trade)
    assert doc.xpath('//tr[@data-indicator="trade_total"]/td[2]')[0].text_content().strip() == "175.00"
    assert progress_report(year=PAST_YEAR, month=6).unit(trade.code).trade_total.ytd == Decimal("175.00")


@pytest.mark.parametrize("raw", ["-5", "abc", "1000001", "1.234", "NaN"])
def test_a_bad_figure_refuses_the_whole_page_and_says_why_beside_it(clerk_a, trade, raw):
    project = factories.project(trade, 500, dt.date(PAST_YEAR, 2, 10))
    response = post(client_for(clerk_a), trade, **{f"amount_{project.pk}": "80", f"version_{project.pk}": "0",
                                                   "figure_trade_total": raw, "figure_version_trade_total": "0"})
    assert response.status_code == 200
    doc = lxml.html.fromstring(response.content.decode())
    assert doc.xpath('//tr[@data-indicator="trade_total"]//div[@class="error"]')
    assert doc.xpath('//input[@name="figure_trade_total"]/@value') == [raw]
    assert not ReportedFigure.objects.exists() and not Arrival.objects.exists()  # the arrival was not saved either


def test_another_persons_save_is_not_overwritten(clerk_a, trade, staff_user):
    services.figures_save_month(unit=trade, year=PAST_YEAR, month=6, amounts={"trade_total": "90"}, user=staff_user)
    response = post(client_for(clerk_a), trade, figure_trade_total="120", figure_version_trade_total="0")
    assert "本月报送数已被他人修改" in response.content.decode()
    assert ReportedFigure.objects.get(unit=trade).amount == Decimal("90.00")


def test_a_locked_month_is_refused_to_the_clerk_and_open_to_staff_with_a_reason(clerk_a, trade, staff_user):
    MonthSubmission.objects.create(unit=trade, year=PAST_YEAR, month=6, status="locked")
    response = post(client_for(clerk_a), trade, figure_trade_total="120", figure_version_trade_total="0")
    assert "已被招商局锁定" in response.content.decode() and not ReportedFigure.objects.exists()
    staff = client_for(staff_user)
    response = post(staff, trade, figure_trade_total="120", figure_version_trade_total="0")
    assert "修改须填写修改原因" in response.content.decode() and not ReportedFigure.objects.exists()
    post(staff, trade, figure_trade_total="120", figure_version_trade_total="0", reason="海关数据补报")
    assert ReportedFigure.objects.get(unit=trade).history.first().history_change_reason == "海关数据补报"


def test_another_units_clerk_cannot_post_figures_and_a_forged_indicator_is_refused(clerk_b, clerk_a, trade):
    assert post(client_for(clerk_b), trade, figure_trade_total="1", figure_version_trade_total="0").status_code == 403
    response = post(client_for(clerk_a), trade, figure_registered_fdi="1", figure_version_registered_fdi="0")
    assert "表单内容无效" in response.content.decode() and not ReportedFigure.objects.exists()
    assert post(client_for(clerk_a), trade, figure_trade_total="1", figure_version_trade_total="x").status_code == 400


def test_a_figure_changed_after_submission_shows_on_the_board(clerk_a, trade, staff_user):
    services.figures_save_month(unit=trade, year=PAST_YEAR, month=6, amounts={"trade_total": "90"}, user=clerk_a)
    services.month_submit(unit=trade, year=PAST_YEAR, month=6, user=clerk_a)
    from reports.completeness import month_completeness

    assert not month_completeness([trade.pk], PAST_YEAR, 6)[1][trade.pk].changed_after_submission
    services.figures_save_month(unit=trade, year=PAST_YEAR, month=6, amounts={"trade_total": "95"},
                                versions={"trade_total": 1}, user=clerk_a)
    assert month_completeness([trade.pk], PAST_YEAR, 6)[1][trade.pk].changed_after_submission
    from projects.selectors import state_changes

    record = MonthSubmission.objects.get(unit=trade, month=6)
    from projects.selectors import month_state

    changes = state_changes(record.snapshot, month_state([trade.pk], PAST_YEAR, 6)[trade.pk])
    assert [(c.what, c.old, c.new) for c in changes] == [("进出口总额 报送数", "90.00", "95.00")]


# --- found by trying to break it ----------------------------------------------------------------------------


def test_the_city_itself_reports_nothing(staff_user, city):
    factories.targets(city, PAST_YEAR, trade_total=(60000, 70000))
    assert not page(client_for(staff_user), city).xpath('//table[contains(@class, "figures-entry")]')
    with pytest.raises(services.FigureRefused, match="市本级"):
        services.figures_save_month(unit=city, year=PAST_YEAR, month=6, amounts={"trade_total": "1000"},
                                    user=staff_user)
    assert not ReportedFigure.objects.exists()


def test_an_indicator_the_page_does_not_offer_cannot_be_forged(clerk_a, trade):
    response = post(client_for(clerk_a), trade, figure_exports="99999", figure_version_exports="0")
    assert response.status_code in (200, 400) and "没有这一指标的目标" in response.content.decode()
    assert not ReportedFigure.objects.exists()


def test_exports_above_trade_are_refused(clerk_a, trade):
    factories.targets(trade, PAST_YEAR, exports=(800, 900))
    response = post(client_for(clerk_a), trade, figure_trade_total="1", figure_version_trade_total="0",
                    figure_exports="500", figure_version_exports="0")
    assert response.status_code in (200, 400) and "出口总额不能大于进出口总额" in response.content.decode()
    assert not ReportedFigure.objects.exists()


def test_a_figure_entered_again_after_it_was_cleared_does_not_take_an_old_pages_version(clerk_a, trade):
    client = client_for(clerk_a)
    post(client, trade, figure_trade_total="100", figure_version_trade_total="0")
    post(client, trade, figure_trade_total="", figure_version_trade_total="1")  # cleared
    post(client, trade, figure_trade_total="300", figure_version_trade_total="0")  # entered again
    assert ReportedFigure.objects.get().version == 2  # after the first row's version 1, not 1 again
    stale = post(client, trade, figure_trade_total="999", figure_version_trade_total="1")  # a tab from before
    assert "已被他人修改" in stale.content.decode() and ReportedFigure.objects.get().amount == Decimal("300.00")

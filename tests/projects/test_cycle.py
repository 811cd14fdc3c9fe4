"""The month's cycle: deadline and timeliness, changes after submission, the reported zero, return and
resubmission, whole-month unlock, reminders (催报)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from projects import services
from projects.board import build_board
from projects.models import MonthSubmission, Notice
from projects.services.reminders import send_reminders
from reports.completeness import month_completeness
from targets.models import YearSetting
from tests import factories
from tests.conftest import make_user
from tests.factories import PAST_YEAR
from tests.projects.conftest import client_for
from units.models import Profile

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def june(unit_a, unit_b):
    """Unit A's approved project with a June arrival; the year's deadline is the 5th of the next month."""
    YearSetting.objects.create(year=PAST_YEAR, deadline_day=5)
    project = factories.project(unit_a, 500, dt.date(PAST_YEAR, 2, 10), code="A001", name="甲镇精密机械")
    factories.arrival(project, PAST_YEAR, 6, 80)
    return project


def cell(unit, month: int, **kwargs):
    board = build_board(PAST_YEAR, focus=month, **kwargs)
    return next((r["focus"] for g in board.groups for r in g["rows"] if r["unit"] == unit), None)


def test_a_submission_after_the_deadline_counts_as_late(clock, clerk_a, unit_a, june):
    clock.move_to(dt.datetime(PAST_YEAR, 7, 6, 9, 0, tzinfo=TZ))  # the 5th has passed
    services.month_submit(unit=unit_a, year=PAST_YEAR, month=6, user=clerk_a)
    late = cell(unit_a, 6)
    assert late.late and late.label == "逾期报送"
    completeness, states = month_completeness([unit_a.pk], PAST_YEAR, 6)
    assert (completeness.submitted, completeness.late) == (1, 1) and states[unit_a.pk].late


def test_a_submission_on_the_deadline_day_is_on_time(clock, clerk_a, unit_a, june):
    clock.move_to(dt.datetime(PAST_YEAR, 7, 5, 23, 30, tzinfo=TZ))
    services.month_submit(unit=unit_a, year=PAST_YEAR, month=6, user=clerk_a)
    assert not cell(unit_a, 6).late


def test_without_a_deadline_nothing_is_late(clock, clerk_a, unit_a, june):
    YearSetting.objects.filter(year=PAST_YEAR).update(deadline_day=None)
    clock.move_to(dt.datetime(PAST_YEAR, 9, 1, tzinfo=TZ))
    services.month_submit(unit=unit_a, year=PAST_YEAR, month=6, user=clerk_a)
    assert not cell(unit_a, 6).late


def test_an_edit_after_submission_is_flagged_with_what_changed(clerk_a, staff_user, unit_a, june):
    services.month_submit(unit=unit_a, year=PAST_YEAR, month=6, user=clerk_a)
    assert not cell(unit_a, 6).changed
    services.arrivals_save_month(unit=unit_a, year=PAST_YEAR, month=6, amounts={june.pk: "95"}, user=clerk_a)
    changed = cell(unit_a, 6)
    assert changed.changed
    assert [(c.what, c.old, c.new) for c in changed.changes] == [("A001 到帐", "80.00", "95.00")]
    assert cell(unit_a, 6, show="changed") is not None and cell(unit_a, 6, show="missing") is None
    page = client_for(staff_user).get(reverse("projects:submission", args=[unit_a.pk, PAST_YEAR, 6])).content.decode()
    assert "A001 到帐" in page and "80.00" in page and "95.00" in page
    _completeness, states = month_completeness([unit_a.pk], PAST_YEAR, 6)
    assert states[unit_a.pk].changed_after_submission


def test_a_reported_zero_is_not_not_reported(clerk_a, unit_a, unit_b):
    url = reverse("projects:monthly") + f"?unit={unit_a.pk}&year={PAST_YEAR}&month=5"
    response = client_for(clerk_a).post(url, {"action": "nil"}, follow=True)
    assert "本月无到帐" in response.content.decode()
    completeness, states = month_completeness([unit_a.pk, unit_b.pk], PAST_YEAR, 5)
    assert states[unit_a.pk].reported and states[unit_a.pk].nil_report
    assert states[unit_b.pk].status == "missing"
    assert (completeness.expected, completeness.submitted, completeness.missing) == (2, 1, 1)


def test_a_month_with_arrivals_cannot_be_reported_as_no_arrivals(clerk_a, unit_a, june):
    with pytest.raises(services.CycleRefused):
        services.month_submit(unit=unit_a, year=PAST_YEAR, month=6, user=clerk_a, nil=True)


def test_staff_return_a_submission_with_a_reason_the_clerk_sees_and_the_clerk_resubmits(staff_user, unit_a, june):
    clerk = make_user("clerk_a", Profile.Role.CLERK, unit_a)
    clerk.email = "clerk@example.gov.cn"
    clerk.save()
    services.month_submit(unit=unit_a, year=PAST_YEAR, month=6, user=clerk)
    staff = client_for(staff_user)
    assert staff.post(reverse("projects:submission", args=[unit_a.pk, PAST_YEAR, 6]), {"reason": ""}).status_code == 200
    assert MonthSubmission.objects.get(unit=unit_a, month=6).status == "submitted"  # no reason: refused
    staff.post(reverse("projects:submission", args=[unit_a.pk, PAST_YEAR, 6]), {"reason": "6月到帐与水单不符"})
    record = MonthSubmission.objects.get(unit=unit_a, month=6)
    assert (record.status, record.return_reason) == ("returned", "6月到帐与水单不符")
    assert mail.outbox and "6月到帐与水单不符" in mail.outbox[0].body

    monthly = client_for(clerk)
    url = reverse("projects:monthly") + f"?unit={unit_a.pk}&year={PAST_YEAR}&month=6"
    page = monthly.get(url).content.decode()
    assert "被招商局退回，原因：6月到帐与水单不符" in page and "重新报送6月" in page
    completeness, _states = month_completeness([unit_a.pk], PAST_YEAR, 6)
    assert completeness.missing == 1  # a returned month is not submitted
    monthly.post(url, {f"amount_{june.pk}": "85", f"version_{june.pk}": "1", "action": "submit"})
    record.refresh_from_db()
    assert record.status == "submitted" and record.snapshot["arrivals"] == {"A001": "85.00"}
    assert not Notice.objects.filter(user=clerk, read_at__isnull=True).exists()


def test_a_whole_month_is_unlocked_at_once(staff_user, unit_a, unit_b, city):
    services.month_lock_all(year=PAST_YEAR, month=4, user=staff_user)
    assert MonthSubmission.objects.filter(month=4, status="locked").count() == 3  # with the city's
    response = client_for(staff_user).post(reverse("projects:lock"), {"year": PAST_YEAR, "month": 4,
                                                                      "action": "unlock_month"}, follow=True)
    assert "已解锁%d年4月全部单位（解锁2个）" % PAST_YEAR in response.content.decode()
    assert not MonthSubmission.objects.filter(month=4, status="locked").exists()


def test_the_lock_confirmation_says_how_many_units_have_not_submitted(staff_user, clerk_a, unit_a, unit_b):
    services.month_submit(unit=unit_a, year=PAST_YEAR, month=4, user=clerk_a)
    page = client_for(staff_user).get(reverse("projects:board") + f"?year={PAST_YEAR}&month=4").content.decode()
    assert f"确定锁定{PAST_YEAR}年4月全部单位吗？还有1个单位尚未报送" in page


def test_reminders_go_only_to_the_missing_and_once_a_day(clock, clerk_a, clerk_b, unit_a, unit_b):
    clerk_b.email = "b@example.gov.cn"
    clerk_b.save()
    services.month_submit(unit=unit_a, year=PAST_YEAR, month=3, user=clerk_a)
    first = send_reminders(year=PAST_YEAR, month=3)
    assert [u.code for u in first.reminded] == ["d01"] and (first.notices, first.emails) == (1, 1)
    assert not Notice.objects.filter(user=clerk_a).exists()
    assert "请尽快报送乙局" in mail.outbox[0].body

    again = send_reminders(year=PAST_YEAR, month=3)
    assert again.reminded == [] and [u.code for u in again.already_today] == ["d01"]
    assert len(mail.outbox) == 1

    clock.move_to(factories.NOW + dt.timedelta(days=1))
    assert [u.code for u in send_reminders(year=PAST_YEAR, month=3).reminded] == ["d01"]


def test_the_reminder_command_and_the_notice_on_signing_in(clerk_b, unit_a, unit_b, capsys):
    import io

    out = io.StringIO()
    call_command("remind_late", "--year", str(PAST_YEAR), "--month", "3", stdout=out)
    assert "已催报：甲镇" in out.getvalue() and "已催报：乙局" in out.getvalue()
    response = client_for(clerk_b).get(reverse("home"), follow=True)
    assert "请尽快报送乙局" in response.content.decode()
    client_for(clerk_b).post(reverse("projects:notices_read"), {"next": "/projects/monthly/"})
    assert not Notice.objects.filter(user=clerk_b, read_at__isnull=True).exists()


def test_the_board_filters_and_counts_the_month_in_focus(staff_user, clerk_a, unit_a, unit_b, june, clock):
    clock.move_to(dt.datetime(PAST_YEAR, 7, 8, 9, 0, tzinfo=TZ))
    services.month_submit(unit=unit_a, year=PAST_YEAR, month=6, user=clerk_a)
    board = build_board(PAST_YEAR, focus=6)
    assert (board.counts.expected, board.counts.submitted, board.counts.missing, board.counts.late) == (2, 1, 1, 1)
    assert [r["unit"].code for g in build_board(PAST_YEAR, focus=6, show="missing").groups for r in g["rows"]] == ["d01"]
    assert [r["unit"].code for g in build_board(PAST_YEAR, focus=6, show="late").groups for r in g["rows"]] == ["t01"]
    response = client_for(staff_user).get(reverse("projects:board") + f"?year={PAST_YEAR}&month=6&show=bogus")
    assert response.status_code == 400


def test_the_clerk_s_monthly_page_shows_the_unit_s_standing(clerk_a, unit_a, june):
    factories.targets(unit_a, PAST_YEAR, reg=(1000, 1500), paid=(480, 600))
    page = client_for(clerk_a).get(reverse("projects:monthly") + f"?year={PAST_YEAR}&month=6").content.decode()
    assert "本单位1–6月进度" in page
    assert "完成考核目标 16.67%" in page  # 80 of 480
    assert "要完成全年考核目标，今后 6 个月每月需完成 67 万美元" in page  # (480 − 80) / 6
    assert Decimal("400") / 6 > 66

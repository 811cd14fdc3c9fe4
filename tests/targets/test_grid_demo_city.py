"""The targets grid of a whole county (the demo city: 108 units, ~1,300 fields) saves in one POST."""
from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.models import User
from django.test import Client

from targets.models import Target
from tests.targets.helpers import cell, grid_form_data
from units.models import Unit


def test_staff_save_the_demo_city_s_whole_grid(demo_city, db):
    client = Client()
    client.force_login(User.objects.get(username="staff"), backend="django.contrib.auth.backends.ModelBackend")
    data = grid_form_data(client, 2007)
    assert len(data) > 1000  # more than Django's default field limit
    town = Unit.objects.get(name="德胜镇")
    data[cell(town, "registered_fdi", "assessment")] = "650"
    response = client.post("/targets/?year=2007", data, follow=True)
    assert response.status_code == 200
    assert "2007年目标已保存" in response.content.decode()
    target = Target.objects.get(year=2007, unit=town, indicator="registered_fdi", kind="assessment")
    assert target.amount == Decimal("650")


def test_the_demo_board_shows_the_months_as_they_stood_at_the_july_meeting(demo_city, db):
    from projects.models import MonthSubmission

    client = Client()
    client.force_login(User.objects.get(username="staff"), backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/projects/board/?year=2007").status_code == 200
    july = MonthSubmission.objects.filter(year=2007, month=7)
    # 47 units with data submitted, one of them (工商局) returned; 海永乡 reported 本月无到帐; 江心沙农场 and
    # the 58 double-blank departments have not reported.
    assert july.filter(status="submitted").count() == 47
    assert list(july.filter(status="returned").values_list("unit__name", flat=True)) == ["工商局"]
    assert list(july.filter(nil_report=True).values_list("unit__name", flat=True)) == ["海永乡"]
    assert not july.filter(unit__name="江心沙农场").exists()
    # January–June: every unit and the city itself (the month was closed city-wide)
    assert MonthSubmission.objects.filter(year=2007, month__lte=6, status="locked").count() == 108 * 6
    assert MonthSubmission.history.count() == MonthSubmission.objects.count()

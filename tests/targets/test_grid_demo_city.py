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

"""The demo city's key projects, activities and signing quotas as of 1 August 2007 (INTERFACES.md §7):
``key_projects --as-of`` and ``activities_report`` as the commands print them, and the pages."""
from __future__ import annotations

import io
import json

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse


def run(*args) -> dict:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return json.loads(out.getvalue())


def test_key_projects_as_of_august_2007(demo_city, db):
    data = run("key_projects", "--as-of", "2007-08-01")
    assert data["as_of"] == "2007-08-01"
    lights = {p["code"]: (p["light"], p["overdue_milestones"], p["overdue_problems"]) for p in data["projects"]}
    assert lights == {"d01-2007-p01": ("red", 0, 1), "kfq-2007-p01": ("red", 1, 0), "kfq-2007-p02": ("yellow", 1, 0),
                      "kfq-2007-03": ("green", 0, 0)}
    assert [p["light"] for p in data["projects"]] == ["red", "red", "yellow", "green"]


def test_activities_report_2007(demo_city, db):
    activities = {a["code"]: a for a in run("activities_report", "--year", "2007")["activities"]}
    shanghai = activities["2007-SH"]
    assert (shanghai["kind"], shanghai["projects"], shanghai["registered_fdi"]) == ("event", 6, 4520.0)
    assert shanghai["quota"] == {"met": ["kfq", "t01", "t02", "t03", "t04", "d01"], "missing": ["t05", "t06"]}
    assert activities["2007-JP"] == {"code": "2007-JP", "kind": "trip", "date": "2007-03-12", "projects": 1,
                                     "registered_fdi": 1600.0, "quota": None}


def test_the_leader_reads_the_key_projects_of_the_demo_at_its_time(demo_city, db):
    client = Client()
    client.force_login(User.objects.get(username="leader"), backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(reverse("projects:key_projects")).content.decode()
    # the demo's data ends in July 2007: the page opens as of 1 August 2007, not today
    assert 'value="2007-08-01"' in page and page.count('data-light="red"') == 2 and 'data-light="green"' in page
    assert client.get(reverse("projects:agenda")).status_code == 200
    page = client.get(reverse("projects:activities") + "?year=2007").content.decode()
    assert "上海集中签约活动" in page and "德胜镇" in page  # t05 missed its quota

"""The bureau's desk (issue #17): what needs doing now, on the demo city (its data ends in July 2007, the
clock of the suite is 2026: the due month is the suite's, the key projects' lights the demo's time)."""
from __future__ import annotations

import lxml.html
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from projects.models import MonthSubmission
from units import periods


def cards(client: Client) -> dict[str, str]:
    doc = lxml.html.fromstring(client.get(reverse("ops:desk")).content.decode())
    return {c.get("data-item"): " ".join(c.xpath(".//div[@class='figure']//text()")).strip()
            for c in doc.xpath('//div[contains(@class, "desk")]/a')}


def test_the_desk_lists_what_needs_doing(demo_city, db):
    staff = Client()
    staff.force_login(User.objects.get(username="staff"), backend="django.contrib.auth.backends.ModelBackend")
    shown = cards(staff)
    year, month = periods.due_period()
    assert not MonthSubmission.objects.filter(year=year, month=month).exists()
    assert shown["missing"].startswith("107")  # nobody has reported the suite's due month
    assert shown["red"] == "2"  # 博瑞 and 联合电子 as of 1 August 2007
    assert shown["peers"] == "未填"
    leader = Client()
    leader.force_login(User.objects.get(username="leader"), backend="django.contrib.auth.backends.ModelBackend")
    assert leader.get(reverse("ops:desk")).status_code == 403


def test_the_demo_command_collects_static_files_before_anything_checks_for_them():
    """bin/demo runs under the production settings, where every command but collectstatic checks the
    collected-static manifest (ops.E001): on a fresh clone collectstatic must come first."""
    from pathlib import Path

    script = (Path(__file__).resolve().parents[2] / "bin" / "demo").read_text(encoding="utf-8").splitlines()
    commands = [line for line in script if "manage.py" in line and not line.lstrip().startswith("#")]
    assert "collectstatic" in commands[0], commands

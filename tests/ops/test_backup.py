"""Backup and restore: an empty database restored from a backup gives the same progress report."""
from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from projects.models import Arrival, Project
from reports.progress import progress_report
from units.models import Unit

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_restored_portal_produces_the_same_report(tmp_path, client):
    call_command("load_demo", stdout=io.StringIO())
    project = Project.objects.filter(unit__code="kfq").first()
    project.name = project.name + "（改名）"
    project.save()  # a change with history
    before = progress_report(year=2007, month=7).as_json()
    counts = (Unit.objects.count(), Project.objects.count(), Arrival.objects.count(), User.objects.count(),
              Project.history.count())
    backup = tmp_path / "backup.json.gz"
    call_command("backup_data", str(backup), stdout=io.StringIO())
    assert backup.stat().st_size > 1000

    call_command("flush", interactive=False, verbosity=0)
    assert not Unit.objects.exists() and not User.objects.exists()
    call_command("restore_data", str(backup), stdout=io.StringIO())

    assert progress_report(year=2007, month=7).as_json() == before
    assert (Unit.objects.count(), Project.objects.count(), Arrival.objects.count(), User.objects.count(),
            Project.history.count()) == counts
    assert client.login(username="clerk_kfq", password="zhaoshang-demo")


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    Unit.objects.create(code="city", name="示范市", kind="city")
    backup = tmp_path / "backup.json.gz"
    call_command("backup_data", str(backup), stdout=io.StringIO())
    with pytest.raises(CommandError, match="目标数据库不是空的"):
        call_command("restore_data", str(backup), stdout=io.StringIO())
    assert Unit.objects.count() == 1


def test_restore_names_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="找不到备份文件"):
        call_command("restore_data", str(tmp_path / "nope.json.gz"), stdout=io.StringIO())

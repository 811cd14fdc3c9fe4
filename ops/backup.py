"""Backup and restore of everything the portal holds, on SQLite and PostgreSQL alike.

A backup is Django's own serialisation (``dumpdata``) of every table but the ones ``migrate``
recreates (content types, permissions) and throwaway ones (sessions, sign-in attempts), with natural
keys so it loads into any freshly migrated database. History records are included. The file is
gzipped JSON: ``backup_data FILE.json.gz`` / ``restore_data FILE.json.gz``.
"""
from __future__ import annotations

from pathlib import Path

from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.utils.translation import gettext as _

from units.models import Unit

EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "admin.logentry",
]


class RestoreError(Exception):
    pass


def backup_write(*, path: Path) -> None:
    """Write every row of the portal to ``path`` (``.json`` or ``.json.gz``)."""
    call_command(
        "dumpdata", exclude=EXCLUDED, natural_foreign=True, natural_primary=True,
        output=str(path), indent=None, verbosity=0,
    )


def restore_read(*, path: Path) -> None:
    """Load a backup into an empty, migrated database, in one transaction.

    Refuses a database that already holds units or users: a restore never merges into live data.
    """
    if not path.exists():
        raise RestoreError(_("找不到备份文件：%(path)s") % {"path": path})
    if Unit.objects.exists() or User.objects.exists():
        raise RestoreError(_("目标数据库不是空的（已有单位或用户），为防止覆盖现有数据，恢复已取消。"))
    with transaction.atomic():
        call_command("loaddata", str(path), verbosity=0)
    from reports.cache import bump_data_version

    bump_data_version()

"""The demo city of seed 004 (海门市, 1–7月 2007): its data workbook, its accounts, its submission board.

``load_demo`` imports ``fixtures/demo_city.xlsx`` (written by ``fixtures/make_demo.py``) through the
data-workbook importer, then creates the demo accounts: ``leader``, ``staff`` and one clerk per unit other
than the city, ``clerk_<unit code>``, all with the password ``zhaoshang-demo``, and the submissions as
they stood at the July 2007 meeting. Running it again changes nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from units.models import Profile, Unit

DEMO_WORKBOOK = Path(settings.BASE_DIR) / "fixtures" / "demo_city.xlsx"
DEMO_PASSWORD = "zhaoshang-demo"  # noqa: S105 — the published password of the demo accounts
CLERK_PREFIX = "clerk_"
STAFF_GROUP = "招商局工作人员"
# The admin site works on these apps' models; the staff demo account may change all of them.
STAFF_ADMIN_APPS = ("units", "targets", "projects")


@dataclass
class DemoAccounts:
    created: list[str]
    existing: list[str]


@transaction.atomic
def demo_accounts_create(*, password: str = DEMO_PASSWORD) -> DemoAccounts:
    """Create the leader, the staff member and one clerk per unit (the city has none) where missing.

    Existing users keep their password and details; a user without a profile gets the demo role.
    One password hash serves every new account, and the clerks are inserted in bulk.
    """
    password_hash = make_password(password)
    wanted: list[tuple[str, str, str, Unit | None]] = [
        ("leader", _("市领导"), Profile.Role.LEADER, None),
        ("staff", _("招商局工作人员"), Profile.Role.STAFF, None),
    ]
    for unit in Unit.objects.exclude(kind=Unit.Kind.CITY).order_by("sort_order", "code"):
        wanted.append((f"{CLERK_PREFIX}{unit.code}", _("%(unit)s填报员") % {"unit": unit.name},
                       Profile.Role.CLERK, unit))

    existing = set(User.objects.filter(username__in=[w[0] for w in wanted]).values_list("username", flat=True))
    User.objects.bulk_create([
        User(username=username, first_name=first_name, password=password_hash,
             is_staff=(role == Profile.Role.STAFF))
        for username, first_name, role, _unit in wanted if username not in existing
    ])
    users = {u.username: u for u in User.objects.filter(username__in=[w[0] for w in wanted])}
    with_profile = set(Profile.objects.filter(user__in=users.values()).values_list("user__username", flat=True))
    Profile.objects.bulk_create([
        Profile(user=users[username], role=role, unit=unit)
        for username, _first_name, role, unit in wanted if username not in with_profile
    ])
    if "staff" not in existing:
        group, group_created = Group.objects.get_or_create(name=STAFF_GROUP)
        if group_created:
            group.permissions.set(Permission.objects.filter(content_type__app_label__in=STAFF_ADMIN_APPS))
        users["staff"].groups.add(group)
    created = [w[0] for w in wanted if w[0] not in existing]
    return DemoAccounts(created=created, existing=[w[0] for w in wanted if w[0] in existing])


def demo_submissions_create() -> int:
    """The months as they stood at the July 2007 meeting: 2006 and January–June 2007 locked by the
    bureau, July submitted by every unit with data in 2007 (the double-blank ones have not reported).
    Only when the demo has no submissions yet; one bulk insert, with its history rows."""
    from simple_history.utils import bulk_create_with_history

    from projects.models import Arrival, MonthSubmission, Project

    if MonthSubmission.objects.exists():
        return 0
    units = list(Unit.objects.exclude(kind=Unit.Kind.CITY))
    active = set(Project.objects.filter(approved_on__year=2007).values_list("unit_id", flat=True))
    active |= set(Arrival.objects.filter(year=2007).values_list("project__unit_id", flat=True))
    when = timezone.make_aware(dt.datetime(2007, 8, 3, 9, 0))
    rows = []
    for unit in units:
        for year, months in ((2006, range(1, 13)), (2007, range(1, 7))):
            rows += [MonthSubmission(unit=unit, year=year, month=m, status=MonthSubmission.Status.LOCKED,
                                     submitted_at=when, locked_at=when) for m in months]
        if unit.pk in active:
            rows.append(MonthSubmission(unit=unit, year=2007, month=7, status=MonthSubmission.Status.SUBMITTED,
                                        submitted_at=when))
    bulk_create_with_history(rows, MonthSubmission, batch_size=500)
    return len(rows)

"""The demo city of seed 004 (海门市, 1–7月 2007): its data workbook, its accounts, its submission board.

``load_demo`` imports ``fixtures/demo_city.xlsx`` (written by ``fixtures/make_demo.py``) through the
data-workbook importer, then creates the demo accounts: ``leader``, ``staff`` and one clerk per unit other
than the city, ``clerk_<unit code>``, all with the password ``zhaoshang-demo``, and the submissions as
they stood at the July 2007 meeting. Running it again changes nothing.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission, User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.models import PeerCounty
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


# Each year's GDP (亿元), exchange rate (元/美元) and the national and provincial foreign-trade dependence (%):
# 2006's whole-year trade of 76,000 万美元 at 7.97 over 454 亿元 is seed 000's 13.34 % (fixtures/demo_extra.py).
# the prefecture's six counties (the demo city is the sixth) and a benchmark the speeches compare with
DEMO_PEERS = [("启东市", "county"), ("如皋市", "county"), ("如东县", "county"), ("通州市", "county"),
              ("海安县", "county"), ("全省开发区平均", "benchmark")]


def demo_peers_create() -> None:
    """The peer counties in the prefecture's order, before the workbook's ``peers`` sheet is imported."""
    for order, (name, kind) in enumerate(DEMO_PEERS, start=1):
        PeerCounty.objects.get_or_create(name=name, defaults={"kind": kind, "sort_order": order * 10})


YEAR_SETTINGS = {
    2006: (Decimal("454"), Decimal("7.97"), Decimal("68.03"), Decimal("70.9")),
    2007: (Decimal("530"), Decimal("7.60"), Decimal("68.03"), Decimal("70.9")),
}

# The July 2007 meeting's board: most units submitted on 3 August, three after the 5 August deadline,
# 海永乡 reported "本月无到帐", and the bureau returned 工商局's July for a correction.
LATE_JULY = {"t07": dt.datetime(2007, 8, 6, 16, 20), "d10": dt.datetime(2007, 8, 7, 9, 5),
             "d11": dt.datetime(2007, 8, 7, 11, 40)}
NIL_JULY = "t22"
RETURNED_JULY = ("d05", "7月到帐与银行水单不符，请核对后重新报送")
DEADLINE_DAY = 5


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.make_aware(moment)


def demo_submissions_create() -> int:
    """The months as they stood at the July 2007 meeting: 2006 and January–June 2007 submitted and locked
    (for the whole city), July submitted by every unit with data in 2007 — three of them late, one
    returned — and 海永乡's 本月无到帐; the double-blank departments have not reported. Each year's
    deadline is the 5th of the following month. Only when the demo has no submissions yet; one bulk
    insert, with its history rows."""
    from simple_history.utils import bulk_create_with_history

    from projects.models import Arrival, MonthSubmission, Project, ReportedFigure
    from targets.models import YearSetting

    if MonthSubmission.objects.exists():
        return 0
    for year, (gdp, rate, national, provincial) in YEAR_SETTINGS.items():
        YearSetting.objects.get_or_create(year=year, defaults={
            "deadline_day": DEADLINE_DAY, "gdp": gdp, "exchange_rate": rate, "national_dependence": national,
            "provincial_dependence": provincial})
    units = list(Unit.objects.order_by("sort_order", "code"))
    active = set(Project.objects.filter(approved_on__year=2007).values_list("unit_id", flat=True))
    active |= set(Arrival.objects.filter(year=2007).values_list("project__unit_id", flat=True))
    active |= set(ReportedFigure.objects.filter(year=2007).values_list("unit_id", flat=True))
    staff = User.objects.filter(username="staff").first()
    rows = []
    for unit in units:
        city = unit.kind == Unit.Kind.CITY
        for year, months in ((2006, range(1, 13)), (2007, range(1, 7))):
            for m in months:
                due_year, due_month = (year, m + 1) if m < 12 else (year + 1, 1)
                submitted = None if city else _local(dt.datetime(due_year, due_month, 3, 9, 0))
                rows.append(MonthSubmission(
                    unit=unit, year=year, month=m, status=MonthSubmission.Status.LOCKED, submitted_at=submitted,
                    first_submitted_at=submitted, locked_at=_local(dt.datetime(due_year, due_month, 10, 9, 0)),
                    locked_by=staff))
        if city:
            continue
        when = _local(LATE_JULY.get(unit.code, dt.datetime(2007, 8, 3, 9, 0)))
        if unit.code == RETURNED_JULY[0] and unit.pk in active:
            rows.append(MonthSubmission(
                unit=unit, year=2007, month=7, status=MonthSubmission.Status.RETURNED, submitted_at=when,
                first_submitted_at=when, returned_at=_local(dt.datetime(2007, 8, 4, 15, 0)), returned_by=staff,
                return_reason=RETURNED_JULY[1]))
        elif unit.pk in active:
            rows.append(MonthSubmission(unit=unit, year=2007, month=7, status=MonthSubmission.Status.SUBMITTED,
                                        submitted_at=when, first_submitted_at=when))
        elif unit.code == NIL_JULY:
            nil_at = _local(dt.datetime(2007, 8, 4, 10, 30))
            rows.append(MonthSubmission(unit=unit, year=2007, month=7, status=MonthSubmission.Status.SUBMITTED,
                                        submitted_at=nil_at, first_submitted_at=nil_at, nil_report=True,
                                        snapshot={"arrivals": {}, "approved": {}}))
    bulk_create_with_history(rows, MonthSubmission, batch_size=500)
    return len(rows)


def demo_cycle_create() -> str | None:
    """What the bureau had done by the July meeting beside the board: the June 通报 published (so July's
    "比上月" compares with it), and the 6 August reminder to every unit that had not reported July.
    Only once; returns what was done, for the command to say."""
    from projects.models import Notice
    from projects.services.reminders import missing_units, notify_clerks
    from reports.editions import publish
    from reports.models import Edition

    if Edition.objects.exists():
        return None
    staff = User.objects.filter(username="staff").first()
    publish(year=2007, month=6, user=staff, at=_local(dt.datetime(2007, 7, 6, 10, 0)))
    reminded = 0
    for unit in missing_units(2007, 7):
        notify_clerks(unit=unit, year=2007, month=7, kind=Notice.Kind.REMINDER, message=_(
            "请尽快报送%(unit)s 2007年7月的招商引资数据（外资项目、实际到帐）。如本月无到帐，请在月度填报页点“本月无到帐”报送。")
            % {"unit": unit.name}, email=False)
        reminded += 1
    Notice.objects.update(created_at=_local(dt.datetime(2007, 8, 6, 9, 0)))
    return _("已发布2007年1-6月第1期通报；已向%(n)d个未报送7月数据的单位催报。") % {"n": reminded}

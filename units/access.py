"""Who may see and change what: every view, export and API asks these functions, nothing else.

Roles (DOMAIN.md): a clerk (填报员) enters the data of one unit; staff of the investment bureau
(招商局) see and change everything; a leader (领导) reads everything and changes nothing.
City-wide reports (rankings, dashboards) are readable by every signed-in user.
"""
from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from units.models import Profile, Unit

CLERK = Profile.Role.CLERK
STAFF = Profile.Role.STAFF
LEADER = Profile.Role.LEADER


def role_of(user: User | AnonymousUser) -> str | None:
    """The user's role, or None for an anonymous user or one with no role (who may see nothing)."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return STAFF
    profile = getattr(user, "_zs_profile", None)
    if profile is None:
        profile = Profile.objects.select_related("unit").filter(user=user).first()
        user._zs_profile = profile  # cached for the request
    return profile.role if profile else None


def clerk_unit(user: User | AnonymousUser) -> Unit | None:
    """The unit a clerk is bound to; None for everyone else."""
    if role_of(user) != CLERK:
        return None
    return user._zs_profile.unit


def is_staff(user: User | AnonymousUser) -> bool:
    return role_of(user) == STAFF


def can_read_reports(user: User | AnonymousUser) -> bool:
    """Every role reads the city-wide reports; a user without a role reads nothing."""
    return role_of(user) is not None


def editable_units(user: User | AnonymousUser) -> QuerySet[Unit]:
    """Units whose projects and arrivals the user may change."""
    role = role_of(user)
    if role == STAFF:
        return Unit.objects.all()
    if role == CLERK:
        return Unit.objects.filter(pk=user._zs_profile.unit_id)
    return Unit.objects.none()


def entry_units(user: User | AnonymousUser) -> QuerySet[Unit]:
    """Units whose data-entry pages (projects, monthly arrivals) the user may open.

    A clerk sees only the own unit's; staff and leaders see every unit's (leaders read-only).
    """
    role = role_of(user)
    if role in (STAFF, LEADER):
        return Unit.objects.all()
    if role == CLERK:
        return Unit.objects.filter(pk=user._zs_profile.unit_id)
    return Unit.objects.none()


def can_view_unit_entry(user: User | AnonymousUser, unit: Unit | int) -> bool:
    unit_id = unit if isinstance(unit, int) else unit.pk
    role = role_of(user)
    if role in (STAFF, LEADER):
        return True
    return role == CLERK and user._zs_profile.unit_id == unit_id


def can_edit_unit(user: User | AnonymousUser, unit: Unit | int) -> bool:
    unit_id = unit if isinstance(unit, int) else unit.pk
    role = role_of(user)
    if role == STAFF:
        return True
    return role == CLERK and user._zs_profile.unit_id == unit_id


def can_manage(user: User | AnonymousUser) -> bool:
    """The investment bureau's desk (targets grid, submission board, locks, workbook upload): staff only."""
    return role_of(user) == STAFF


def can_read_desk(user: User | AnonymousUser) -> bool:
    """Staff and leaders read the targets grid, the submission board and the data export; leaders change nothing."""
    return role_of(user) in (STAFF, LEADER)

"""Who may see and change what: every view, export and API asks these functions, nothing else.

Querysets of other apps' rows scoped by these rules live beside those rows (``projects.selectors``);
the view decorators that ask these questions at every door are in ``units.decorators``.

Roles (DOMAIN.md): a clerk (填报员) enters the data of one unit; staff of the investment bureau
(招商局) see and change everything; a leader (领导) reads everything and changes nothing.
City-wide reports (rankings, dashboards) are readable by every signed-in user.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from units.models import Profile, Unit

if TYPE_CHECKING:  # projects depends on units, never the other way round
    from projects.models import Project

CLERK = Profile.Role.CLERK
STAFF = Profile.Role.STAFF
LEADER = Profile.Role.LEADER


_CACHE = "_zs_profile"


def _profile(user: User | AnonymousUser) -> Profile | None:
    """The signed-in user's profile, read once per request (cached on the user object)."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, _CACHE):
        setattr(user, _CACHE, Profile.objects.select_related("unit").filter(user=user).first())
    return getattr(user, _CACHE)


def role_of(user: User | AnonymousUser) -> str | None:
    """The user's role, or None for an anonymous user or one with no role (who may see nothing)."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return STAFF
    profile = _profile(user)
    return profile.role if profile else None


def _clerk_unit_id(user: User | AnonymousUser) -> int | None:
    profile = _profile(user)
    return profile.unit_id if profile is not None and role_of(user) == CLERK else None


def clerk_unit(user: User | AnonymousUser) -> Unit | None:
    """The unit a clerk is bound to; None for everyone else."""
    profile = _profile(user)
    return profile.unit if profile is not None and role_of(user) == CLERK else None


def signed_in(user: User | AnonymousUser) -> User:
    """The user of a request that a decorator of ``units.decorators`` has let in (signed in)."""
    if not isinstance(user, User):
        raise PermissionDenied
    return user


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
        return Unit.objects.filter(pk=_clerk_unit_id(user) or 0)
    return Unit.objects.none()


def entry_units(user: User | AnonymousUser) -> QuerySet[Unit]:
    """Units whose data-entry pages (projects, monthly arrivals) the user may open.

    A clerk sees only the own unit's; staff and leaders see every unit's (leaders read-only).
    """
    role = role_of(user)
    if role in (STAFF, LEADER):
        return Unit.objects.all()
    if role == CLERK:
        return Unit.objects.filter(pk=_clerk_unit_id(user) or 0)
    return Unit.objects.none()


def can_view_unit_entry(user: User | AnonymousUser, unit: Unit | int) -> bool:
    unit_id = unit if isinstance(unit, int) else unit.pk
    role = role_of(user)
    if role in (STAFF, LEADER):
        return True
    return role == CLERK and _clerk_unit_id(user) == unit_id


def can_edit_unit(user: User | AnonymousUser, unit: Unit | int) -> bool:
    unit_id = unit if isinstance(unit, int) else unit.pk
    role = role_of(user)
    if role == STAFF:
        return True
    return role == CLERK and _clerk_unit_id(user) == unit_id


def can_change_data(user: User | AnonymousUser) -> bool:
    """Clerks (their own unit) and staff change data; leaders and users without a role change nothing.

    Views refuse every non-GET request of a user for whom this is False with 403.
    """
    return role_of(user) in (CLERK, STAFF)


def can_change_locked_month(user: User | AnonymousUser) -> bool:
    """Only staff change a locked month (and must give a reason, recorded in the history)."""
    return role_of(user) == STAFF


def can_edit_project(user: User | AnonymousUser, project: Project) -> bool:
    return can_edit_unit(user, project.unit_id)


def can_manage(user: User | AnonymousUser) -> bool:
    """The investment bureau's desk (targets grid, submission board, locks, workbook upload): staff only."""
    return role_of(user) == STAFF


def can_read_desk(user: User | AnonymousUser) -> bool:
    """Staff and leaders read the targets grid, the submission board and the data export; leaders change nothing."""
    return role_of(user) in (STAFF, LEADER)

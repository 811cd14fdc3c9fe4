"""Writes to projects, arrivals and month submissions: one function per action, each one transaction.

Views, management commands and the workbook import call these; none of them writes rows by hand.
``entry`` holds data entry (projects, a unit's monthly arrivals), ``submissions`` the month's cycle
(submit, lock, unlock). Their public names are gathered here.
"""
from projects.services.entry import (
    PROJECT_FIELDS,
    EntryRefused,
    MonthSaveResult,
    StaleVersionError,
    arrivals_save_month,
    check_locked_change,
    project_create,
    project_delete,
    project_update,
)
from projects.services.figures import FigureRefused, figures_save_month
from projects.services.submissions import (
    CycleRefused,
    LockedMonthError,
    lock_unit_rows,
    month_lock,
    month_lock_all,
    month_return,
    month_submit,
    month_unlock,
    month_unlock_all,
)

__all__ = [
    "PROJECT_FIELDS", "CycleRefused", "EntryRefused", "FigureRefused", "figures_save_month", "LockedMonthError", "MonthSaveResult", "StaleVersionError",
    "arrivals_save_month", "lock_unit_rows", "month_lock", "month_lock_all", "month_return", "month_submit",
    "month_unlock", "month_unlock_all",
    "check_locked_change", "project_create", "project_delete", "project_update",
]

"""A project's change history, as its page shows it: who, when, which field, old → new, and why."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import Arrival, Project
from projects.services import PROJECT_FIELDS
from units.models import Unit


@dataclass
class HistoryEntry:
    when: dt.datetime
    who: str
    subject: str
    action: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    reason: str = ""


PROJECT_HISTORY_FIELDS = list(PROJECT_FIELDS)
ACTIONS = {"+": gettext_lazy("新建"), "~": gettext_lazy("修改"), "-": gettext_lazy("删除")}


def _display(model, name: str, value, unit_names: dict[int, str]) -> str:
    if value is None or value == "":
        return "—"
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if name == "unit":
        return unit_names.get(value, str(value))
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _label(name: str) -> str:
    """A project field's Chinese name, as the history lists it."""
    return str(getattr(Project._meta.get_field(name), "verbose_name", name))


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return _("系统")
    return user.get_full_name() or user.username


def project_history(project: Project, limit: int = 200) -> list[HistoryEntry]:
    """The project's and its arrivals' change history, newest first: who, when, field, old → new.

    Two queries for the records; each record is compared with the previous record of the same row.
    """
    project_records = list(project.history.select_related("history_user").order_by("history_date", "history_id"))
    arrival_records = list(
        Arrival.history.filter(project_id=project.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    unit_ids = {r.unit_id for r in project_records}
    unit_names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    entries: list[HistoryEntry] = []

    previous = None
    for record in project_records:
        entry = HistoryEntry(
            when=record.history_date, who=_who(record), subject=_("项目"),
            action=str(ACTIONS.get(record.history_type, "")), reason=record.history_change_reason or "",
        )
        if previous is None or record.history_type == "+":
            entry.changes = [
                (_label(name), "—", _display(Project, name, getattr(record, f"{name}_id" if name == "unit" else name), unit_names))
                for name in PROJECT_HISTORY_FIELDS
            ]
            entry.changes = [c for c in entry.changes if c[2] != "—"]
        else:
            delta = record.diff_against(previous, included_fields=PROJECT_HISTORY_FIELDS)
            entry.changes = [
                (
                    _label(change.field),
                    _display(Project, change.field, change.old, unit_names),
                    _display(Project, change.field, change.new, unit_names),
                )
                for change in delta.changes
            ]
        previous = record
        entries.append(entry)

    last_by_row: dict[int, Any] = {}
    for record in arrival_records:
        before = last_by_row.get(record.id)
        old = "—" if before is None or record.history_type == "+" else _display(Arrival, "amount", before.amount, {})
        new = "—" if record.history_type == "-" else _display(Arrival, "amount", record.amount, {})
        if record.history_type == "-":
            old = _display(Arrival, "amount", record.amount, {})
        if record.carry_over:
            subject = _("%(year)d年上年结余") % {"year": record.year}
        else:
            subject = _("%(year)d年%(month)d月到帐") % {"year": record.year, "month": record.month}
        entries.append(
            HistoryEntry(
                when=record.history_date, who=_who(record), subject=subject,
                action=str(ACTIONS.get(record.history_type, "")), reason=record.history_change_reason or "",
                changes=[(_("到帐金额（万美元）"), old, new)] if old != new or record.history_type != "~" else [],
            )
        )
        last_by_row[record.id] = record

    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]



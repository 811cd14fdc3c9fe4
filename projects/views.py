"""Clerk-facing data entry: the project list, a project's form and page, the monthly arrivals page.

Who may see or change what is asked of units.access on every request and for every object; menus
only show the way. Every write goes through projects.services.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from projects import services
from projects.filters import ProjectFilter
from projects.forms import ProjectForm
from projects.models import APPROVED_STAGES, Arrival, MonthSubmission, Project
from projects.tables import ProjectTable
from units import access
from units.models import Unit

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def entry_view(view):
    """Data-entry pages: signed in (else the sign-in page), with a role (else 403), and any request that
    could change something refused with 403 for a user who changes nothing (leaders)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if access.role_of(request.user) is None:
            raise PermissionDenied
        if request.method not in SAFE_METHODS and not access.can_change_data(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


# --- the project list ---------------------------------------------------------------------------


@method_decorator(entry_view, name="dispatch")
class ProjectListView(SingleTableMixin, FilterView):
    """The projects the user may see, filtered; a view that only declares its parts."""

    model = Project
    table_class = ProjectTable
    filterset_class = ProjectFilter
    template_name = "projects/project_list.html"
    table_pagination = {"per_page": 25}
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return access.visible_projects(self.request.user).select_related("unit")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = access.can_change_data(self.request.user)
        return context


# --- one project ----------------------------------------------------------------------------------


@dataclass
class HistoryEntry:
    when: dt.datetime
    who: str
    subject: str
    action: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    reason: str = ""


PROJECT_HISTORY_FIELDS = [f for f in services.PROJECT_FIELDS]
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
                (str(Project._meta.get_field(name).verbose_name), "—", _display(Project, name, getattr(record, f"{name}_id" if name == "unit" else name), unit_names))
                for name in PROJECT_HISTORY_FIELDS
            ]
            entry.changes = [c for c in entry.changes if c[2] != "—"]
        else:
            delta = record.diff_against(previous, included_fields=PROJECT_HISTORY_FIELDS)
            entry.changes = [
                (
                    str(Project._meta.get_field(change.field).verbose_name),
                    _display(Project, change.field, change.old, unit_names),
                    _display(Project, change.field, change.new, unit_names),
                )
                for change in delta.changes
            ]
        previous = record
        entries.append(entry)

    last_by_row: dict[int, object] = {}
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


@entry_view
@require_safe
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(access.visible_projects(request.user).select_related("unit"), pk=pk)
    return render(request, "projects/project_detail.html", {
        "project": project,
        "arrivals": project.arrivals.order_by("-year", "-month", "-carry_over"),
        "history": project_history(project),
        "can_edit": access.can_edit_project(request.user, project),
    })


def _save_project_form(form: ProjectForm, save) -> Project | None:
    """Run a validated form through a service; turn refusals into form errors. None when refused."""
    try:
        return save()
    except services.EntryRefused as exc:  # a stale version, a locked month
        for message in exc.messages:
            form.add_error(None, message)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, exc)
    except IntegrityError:
        # Two people created the same code at the same moment: the database's unique index decided.
        form.add_error("code", _("项目编号已存在，请核对后换一个编号。"))
    return None


@entry_view
def project_create(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not access.can_change_data(user):
        raise PermissionDenied
    own_unit = access.clerk_unit(user)
    form = ProjectForm(request.POST or None, instance=Project(unit=own_unit), user=user)
    if request.method == "POST" and form.is_valid():
        data = form.model_data()
        if own_unit is not None:
            data["unit"] = own_unit
        project = _save_project_form(form, lambda: services.project_create(
            data=data, user=user, reason=form.cleaned_data.get("reason", ""),
        ))
        if project is not None:
            messages.success(request, _("已新增项目“%(name)s”。") % {"name": project.name})
            return redirect("projects:project_detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@entry_view
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    project = get_object_or_404(access.visible_projects(user).select_related("unit"), pk=pk)
    if not access.can_edit_project(user, project):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, instance=project, user=user)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("version")
        if version is None:
            return HttpResponseBadRequest(_("表单缺少版本号，请刷新后重试。"))
        saved = _save_project_form(form, lambda: services.project_update(
            project_id=pk, data=form.model_data(), expected_version=version, user=user,
            reason=form.cleaned_data.get("reason", ""),
        ))
        if saved is not None:
            messages.success(request, _("已保存项目“%(name)s”。") % {"name": saved.name})
            return redirect("projects:project_detail", pk=pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


# --- the monthly page -----------------------------------------------------------------------------


def default_period(today: dt.date | None = None) -> tuple[int, int]:
    """The month a clerk usually enters: the previous one (December of last year in January)."""
    today = today or timezone.localdate()
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def monthly_url(unit: Unit, year: int, month: int) -> str:
    return reverse("projects:monthly") + "?" + urlencode({"unit": unit.pk, "year": year, "month": month})


def _monthly_period(request: HttpRequest) -> tuple[Unit, int, int]:
    """The unit, year and month of the monthly page from its query string (defaults filled in)."""
    user = request.user
    params = request.GET
    if params.get("unit"):
        try:
            unit = Unit.objects.get(pk=int(params["unit"]))
        except (ValueError, Unit.DoesNotExist):
            raise Http404 from None
        if not access.can_view_unit_entry(user, unit):
            raise PermissionDenied
    else:
        units = access.entry_units(user)
        unit = access.clerk_unit(user) or units.exclude(kind=Unit.Kind.CITY).first() or units.first()
        if unit is None:
            raise Http404
    year, month = default_period()
    try:
        year = int(params.get("year") or year)
        month = int(params.get("month") or month)
    except ValueError:
        raise Http404 from None
    if not (1 <= month <= 12 and 1990 <= year <= 2100):
        raise Http404
    return unit, year, month


@dataclass
class MonthRow:
    project: Project
    amount: str = ""
    version: int = 0
    carry: str = ""
    carry_version: int = 0
    ytd: Decimal = Decimal(0)
    error: str = ""
    carry_error: str = ""


def _input_value(amount: Decimal | None) -> str:
    return "" if amount is None else str(amount)


def _month_rows(unit: Unit, year: int, month: int) -> list[MonthRow]:
    """Every approved-or-later project of the unit, and any with arrivals, with the month's rows."""
    projects = (
        Project.objects.filter(unit=unit)
        .filter(Q(stage__in=APPROVED_STAGES) | Q(pk__in=Arrival.objects.filter(project__unit=unit).values("project_id")))
        .order_by("code")
    )
    rows = {p.pk: MonthRow(project=p) for p in projects}
    for arrival in Arrival.objects.filter(project__unit=unit, year=year, month=month):
        row = rows.get(arrival.project_id)
        if row is None:
            continue
        if arrival.carry_over:
            row.carry, row.carry_version = _input_value(arrival.amount), arrival.version
        else:
            row.amount, row.version = _input_value(arrival.amount), arrival.version
    ytd = (
        Arrival.objects.filter(project__unit=unit, year=year, month__lte=month)
        .values("project_id").annotate(total=Sum("amount")).values_list("project_id", "total")
    )
    for project_id, total in ytd:
        if project_id in rows:
            rows[project_id].ytd = total
    return list(rows.values())


def _month_totals(unit: Unit, year: int, month: int) -> dict[str, Decimal]:
    """The unit's paid-in in the month, its carry-over, and January–M including the carry-over."""
    zero = Decimal(0)
    sums = Arrival.objects.filter(project__unit=unit, year=year, month__lte=month).aggregate(
        month_total=Sum("amount", filter=Q(month=month, carry_over=False)),
        carry_over=Sum("amount", filter=Q(carry_over=True)),
        ytd=Sum("amount"),
    )
    return {key: value or zero for key, value in sums.items()}


@entry_view
def monthly(request: HttpRequest) -> HttpResponse:
    """The unit's paid-in arrivals of one month: one input per project, saved all at once; submission."""
    user = request.user
    unit, year, month = _monthly_period(request)
    can_edit = access.can_edit_unit(user, unit)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    rows = _month_rows(unit, year, month)
    status = services.month_status(unit=unit, year=year, month=month)
    locked = status == MonthSubmission.Status.LOCKED
    future = (year, month) > services.current_period()
    reason = ""

    if request.method == "POST":
        post = request.POST
        amounts: dict[int, str] = {}
        carry_overs: dict[int, str] = {}
        versions: dict[int, int] = {}
        carry_versions: dict[int, int] = {}
        try:
            for key, raw in post.items():
                if key.startswith("amount_"):
                    pid = int(key.removeprefix("amount_"))
                    amounts[pid] = raw
                    versions[pid] = int(post.get(f"version_{pid}") or 0)
                elif key.startswith("carry_") and not key.startswith("carry_version_"):
                    pid = int(key.removeprefix("carry_"))
                    carry_overs[pid] = raw
                    carry_versions[pid] = int(post.get(f"carry_version_{pid}") or 0)
        except ValueError:
            return HttpResponseBadRequest(_("表单内容无效，请刷新后重试。"))
        reason = post.get("reason", "").strip()
        submit = post.get("action") == "submit"
        try:
            with transaction.atomic():
                result = services.arrivals_save_month(
                    unit=unit, year=year, month=month, amounts=amounts, carry_overs=carry_overs,
                    versions=versions, carry_over_versions=carry_versions, user=user, reason=reason,
                )
                if submit:
                    services.month_submit(unit=unit, year=year, month=month, user=user)
        except services.EntryRefused as exc:
            for message in exc.messages:
                messages.error(request, message)
            # Show the page again with what the user typed, and each bad input's message beside it.
            by_pid = {row.project.pk: row for row in rows}
            for pid, raw in amounts.items():
                if pid in by_pid:
                    by_pid[pid].amount, by_pid[pid].version = raw, versions[pid]
            for pid, raw in carry_overs.items():
                if pid in by_pid:
                    by_pid[pid].carry, by_pid[pid].carry_version = raw, carry_versions[pid]
            for (pid, carry), message in exc.row_errors.items():
                if pid in by_pid:
                    if carry:
                        by_pid[pid].carry_error = message
                    else:
                        by_pid[pid].error = message
        except services.LockedMonthError as exc:
            messages.error(request, str(exc))
        else:
            if result.changed:
                messages.success(request, _("已保存%(year)d年%(month)d月到帐：新增 %(created)d 条，修改 %(updated)d 条，删除 %(deleted)d 条。") % {
                    "year": year, "month": month, "created": result.created, "updated": result.updated, "deleted": result.deleted,
                })
            elif not submit:
                messages.info(request, _("没有需要保存的修改。"))
            if submit:
                messages.success(request, _("已报送%(year)d年%(month)d月。") % {"year": year, "month": month})
            return redirect(monthly_url(unit, year, month))

    editable = can_edit and not future and (not locked or access.can_change_locked_month(user))
    prev_year, prev_month = (year, month - 1) if month > 1 else (year - 1, 12)
    next_year, next_month = (year, month + 1) if month < 12 else (year + 1, 1)
    return render(request, "projects/monthly.html", {
        "unit": unit, "year": year, "month": month, "rows": rows,
        "status": status, "status_label": dict(MonthSubmission.Status.choices).get(status, _("未报送")),
        "locked": locked, "future": future, "editable": editable,
        "needs_reason": editable and locked, "reason": reason,
        "can_submit": can_edit and not future and not locked,
        "is_january": month == 1,
        "totals": _month_totals(unit, year, month),
        "unit_choices": None if access.clerk_unit(user) else access.entry_units(user),
        "months": range(1, 13),
        "prev_url": monthly_url(unit, prev_year, prev_month),
        "next_url": None if (next_year, next_month) > services.current_period() else monthly_url(unit, next_year, next_month),
        "action_url": monthly_url(unit, year, month),
    })

"""The investment bureau staff's desk: the targets grid, the submission board, locks, workbook upload/export.

Staff use every page; leaders read the grid and the board and download the export (every POST of theirs
is refused); clerks are refused everything here. Who is who is decided in units/access.py.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from projects.models import MonthSubmission
from projects.services import current_period, month_lock, month_unlock
from targets.forms import (
    LockForm,
    TargetGridForm,
    WorkbookUploadForm,
    YearForm,
    amount_field_name,
    version_field_name,
)
from targets.models import Indicator, Target, TargetKind
from targets.services import (
    GRID_COLUMNS,
    KIND_ORDER,
    TargetGridError,
    board_units,
    column_label,
    month_lock_all,
    targets_save_year,
    units_in_kind_order,
)
from units import access
from units.models import Unit

MONTHS = list(range(1, 13))


def desk_view(*, leaders_may_read: bool) -> Callable:
    """Anonymous → sign-in page; staff → everything; leaders → GET only where allowed; anyone else → 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if access.can_manage(user):
                return view(request, *args, **kwargs)
            if leaders_may_read and request.method in ("GET", "HEAD") and access.can_read_desk(user):
                return view(request, *args, **kwargs)
            raise PermissionDenied

        return wrapped

    return decorator


def _year(data) -> int:
    """The year asked for (?year=Y), or the current year when none or a nonsensical one is given."""
    form = YearForm(data)
    return form.cleaned_data["year"] if form.is_valid() else current_period()[0]


def _grouped(units: list[Unit], make_row: Callable[[Unit], dict]) -> list[dict]:
    """Rows grouped by unit kind in KIND_ORDER, keeping each group's order."""
    groups = []
    for kind in KIND_ORDER:
        rows = [make_row(u) for u in units if u.kind == kind]
        if rows:
            groups.append({"kind": kind, "label": Unit.Kind(kind).label, "rows": rows})
    return groups


# ---------------------------------------------------------------- targets grid


@desk_view(leaders_may_read=True)
def grid(request: HttpRequest) -> HttpResponse:
    """A year's targets for every unit on one page; staff save the whole grid with one POST."""
    if request.method == "POST":
        year_form = YearForm(request.POST)
        if not year_form.is_valid():  # never guess the year of a save
            return HttpResponseBadRequest(_("年度无效。"))
        year = year_form.cleaned_data["year"]
    else:
        year = _year(request.GET)
    units = units_in_kind_order()  # query 1
    stored = {(t.unit_id, t.indicator, t.kind): t for t in Target.objects.filter(year=year)}  # query 2
    editable = access.can_manage(request.user)

    errors: list[str] = []
    posted = None
    if request.method == "POST":
        form = TargetGridForm(units, request.POST, current={k: t.amount for k, t in stored.items()})
        if form.is_valid():
            try:
                summary = targets_save_year(
                    year=year, amounts=form.amounts, versions=form.versions, user=request.user
                )
            except TargetGridError as exc:
                errors = exc.problems
            else:
                if summary.changed:
                    messages.success(
                        request,
                        _("%(year)s年目标已保存：新增%(created)d项，修改%(updated)d项，删除%(deleted)d项。")
                        % {
                            "year": year,
                            "created": len(summary.created),
                            "updated": len(summary.updated),
                            "deleted": len(summary.deleted),
                        },
                    )
                else:
                    messages.info(request, _("目标没有变化。"))
                return redirect("%s?year=%d" % (reverse("targets:grid"), year))
        else:
            errors = form.errors
        posted = request.POST  # redraw what the user typed, with the versions they saw

    def make_row(unit: Unit) -> dict:
        cells = []
        for indicator, kind in GRID_COLUMNS:
            key = (unit.pk, indicator, kind)
            target = stored.get(key)
            name, vname = amount_field_name(*key), version_field_name(*key)
            if posted is not None:
                value, version = posted.get(name, ""), posted.get(vname, "")
            else:
                value = _plain(target.amount) if target else ""
                version = str(target.version) if target else ""
            cells.append({"name": name, "vname": vname, "value": value, "version": version,
                          "amount": target.amount if target else None,
                          "label": "%s %s" % (unit.name, column_label(indicator, kind))})
        return {"unit": unit, "cells": cells}

    return render(
        request,
        "targets/grid.html",
        {
            "year": year,
            "groups": _grouped(units, make_row),
            "columns": GRID_COLUMNS,
            "indicators": _indicator_headers(),
            "kinds": [TargetKind(k).label for _i, k in GRID_COLUMNS],
            "editable": editable,
            "errors": errors,
            "years": _year_choices(year),
        },
        status=400 if errors else 200,
    )


def _plain(amount) -> str:
    """An amount as typed back into an input: no thousands separators, no trailing zeros ('1200', '12.5')."""
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _indicator_headers() -> list[tuple[str, int]]:
    seen: dict[str, int] = {}
    for indicator, _kind in GRID_COLUMNS:
        seen[indicator] = seen.get(indicator, 0) + 1
    return [(Indicator(i).label, span) for i, span in seen.items()]


def _year_choices(year: int) -> list[int]:
    """Recent and next years, the chosen one, and every year that has targets (one query)."""
    this_year = current_period()[0]
    with_targets = Target.objects.order_by().values_list("year", flat=True).distinct()
    return sorted({*range(this_year - 3, this_year + 2), year, *with_targets})


# ---------------------------------------------------------------- submission board


def _when(moment: dt.datetime | None) -> str:
    return date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT") if moment else ""


def _who(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


STATUS_CSS = {None: "status-none", "submitted": "status-submitted", "locked": "status-locked"}


@desk_view(leaders_may_read=True)
def board(request: HttpRequest) -> HttpResponse:
    """Units × months 1–12: not submitted / submitted / locked, with submission times on hover."""
    if request.method not in ("GET", "HEAD"):  # changes go through `lock`
        return HttpResponseNotAllowed(["GET", "HEAD"])
    year = _year(request.GET)
    units = board_units()  # query 1
    submissions = {
        (s.unit_id, s.month): s
        for s in MonthSubmission.objects.filter(year=year).select_related("submitted_by", "locked_by")  # query 2
    }
    labels = {None: _("未报送"), **dict(MonthSubmission.Status.choices)}
    totals = {m: {"submitted": 0, "locked": 0} for m in MONTHS}

    def make_row(unit: Unit) -> dict:
        cells = []
        for month in MONTHS:
            sub = submissions.get((unit.pk, month))
            status = sub.status if sub else None
            hover = []
            if sub and sub.submitted_at:
                hover.append(_("报送：%(when)s %(who)s") % {"when": _when(sub.submitted_at), "who": _who(sub.submitted_by)})
            if sub and sub.status == MonthSubmission.Status.LOCKED and sub.locked_at:
                hover.append(_("锁定：%(when)s %(who)s") % {"when": _when(sub.locked_at), "who": _who(sub.locked_by)})
            if status:
                totals[month][status] += 1
            cells.append({
                "month": month, "status": status or "none", "label": labels[status],
                "css": STATUS_CSS[status], "title": "；".join(hover) or labels[status],
            })
        return {"unit": unit, "cells": cells}

    groups = _grouped(units, make_row)
    return render(
        request,
        "targets/board.html",
        {
            "year": year,
            "months": MONTHS,
            "groups": groups,
            "unit_count": len(units),
            "totals": [totals[m] for m in MONTHS],
            "editable": access.can_manage(request.user),
            "years": _year_choices(year),
        },
    )


@desk_view(leaders_may_read=False)
def lock(request: HttpRequest) -> HttpResponse:
    """Lock or unlock one unit's month, or lock a month for every unit (one transaction)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = LockForm(request.POST)
    if not form.is_valid():
        problems = [e for errs in form.errors.values() for e in errs]
        messages.error(request, _("操作无效：%(problems)s") % {"problems": "；".join(problems)})
        return redirect(reverse("targets:board"))
    unit, year, month, action = (form.cleaned_data[k] for k in ("unit", "year", "month", "action"))
    if action == "lock":
        month_lock(unit=unit, year=year, month=month, user=request.user)
        messages.success(request, _("已锁定%(unit)s %(year)s年%(month)s月。") % {"unit": unit.name, "year": year, "month": month})
    elif action == "unlock":
        month_unlock(unit=unit, year=year, month=month, user=request.user)
        messages.success(request, _("已解锁%(unit)s %(year)s年%(month)s月。") % {"unit": unit.name, "year": year, "month": month})
    else:
        count = month_lock_all(year=year, month=month, user=request.user)
        messages.success(
            request, _("已锁定%(year)s年%(month)s月全部单位（新锁定%(count)d个）。") % {"year": year, "month": month, "count": count}
        )
    return redirect("%s?year=%d" % (reverse("targets:board"), year))


# ---------------------------------------------------------------- workbook upload and export


@desk_view(leaders_may_read=False)
def upload(request: HttpRequest) -> HttpResponse:
    """Staff upload the data workbook; any bad row imports nothing and every problem is listed."""
    from workbook.columns import SHEET_LABELS
    from workbook.importer import WorkbookError, import_workbook

    problems: list[str] = []
    summary = None
    if request.method == "POST" and (request.FILES is not None) and getattr(request, "upload_too_large", False):
        # Parsing the body (request.FILES) runs config.uploads: it stopped reading at the limit and
        # nothing of the file was kept.
        limit_mb = settings.WORKBOOK_MAX_UPLOAD_BYTES / (1024 * 1024)
        form = WorkbookUploadForm()
        problems = [_("文件过大：工作簿不能超过 %(mb).0f MB，未导入任何数据。") % {"mb": limit_mb}]
        return render(request, "targets/upload.html",
                      {"form": form, "problems": problems, "summary": None, "sheets": None}, status=413)
    if request.method == "POST":
        form = WorkbookUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                summary = import_workbook(
                    form.cleaned_data["file"], max_bytes=settings.WORKBOOK_MAX_UPLOAD_BYTES,
                    reason=form.cleaned_data.get("reason", ""),
                )
            except WorkbookError as exc:
                problems = list(exc.problems) or [str(exc)]
    else:
        form = WorkbookUploadForm()
    sheets = (
        [{"label": SHEET_LABELS.get(name, name), **dataclasses.asdict(counts)} for name, counts in summary.sheets.items()]
        if summary is not None
        else None
    )
    return render(
        request,
        "targets/upload.html",
        {"form": form, "problems": problems, "summary": summary, "sheets": sheets},
        status=400 if problems or form.errors else 200,
    )


@desk_view(leaders_may_read=True)
def export(request: HttpRequest) -> HttpResponse:
    """The current data as a workbook of the import's shape (INTERFACES.md §1)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    from workbook.exporter import export_workbook

    buffer = io.BytesIO()
    export_workbook(buffer)
    buffer.seek(0)
    filename = "招商引资数据-%s.xlsx" % timezone.localdate().strftime("%Y%m%d")
    return FileResponse(buffer, as_attachment=True, filename=filename,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

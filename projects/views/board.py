"""The submission board (报送情况) of the bureau's desk: units × months, and the month's cycle.

Staff lock and unlock a unit's month or a whole month, return a submission with a reason, remind the
units that have not submitted (催报); leaders read the board; clerks are refused. The door is
``units.decorators.desk_view``; every write goes through ``projects.services``.
"""
from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from projects.board import FILTERS, MONTHS, build_board
from projects.forms import LockForm
from projects.models import MonthSubmission
from projects.selectors import month_state, state_changes
from projects.services import (
    CycleRefused,
    month_lock,
    month_lock_all,
    month_return,
    month_unlock,
    month_unlock_all,
)
from projects.services.reminders import send_reminders
from targets.forms import year_from
from targets.selectors import deadline_day, deadline_of, is_late, year_choices
from units import access, periods
from units.decorators import desk_view
from units.models import Unit
from units.selectors import parent_filter
from units.table_export import rows_xlsx, wants_export

BOARD_PER_PAGE = 60  # units per page (a province has thousands; the counts are the whole month's)


def board_url(year: int, month: int | None = None, show: str = "") -> str:
    url = "%s?year=%d" % (reverse("projects:board"), year)
    if month:
        url += "&month=%d" % month
    if show:
        url += "&show=" + show
    return url


def _focus(request: HttpRequest) -> int | None:
    if not request.GET.get("month"):
        return None
    try:
        return periods.parse_month(request.GET["month"])
    except periods.PeriodError as error:
        raise BadRequest(str(error)) from None


@desk_view(leaders_may_read=True)
def board(request: HttpRequest) -> HttpResponse:
    """Units × months 1–12 with each month's state; the month in focus has the counts and the filters."""
    if request.method not in ("GET", "HEAD"):  # changes go through `lock`
        return HttpResponseNotAllowed(["GET", "HEAD"])
    year = year_from(request.GET)
    show = request.GET.get("show", "")
    if show and show not in FILTERS:
        raise BadRequest(_("参数“show”的值无效：可选 %(choices)s。") % {"choices": "、".join(FILTERS)})
    data = build_board(year, focus=_focus(request), show=show)
    kind = request.GET.get("kind", "")
    if kind and kind not in Unit.Kind.values:
        raise BadRequest(_("参数“kind”的值无效。"))
    parent, under, parents = parent_filter(request.GET, list(Unit.objects.order_by("sort_order", "code")))
    rows = [(group, row) for group in data.groups if not kind or group["kind"] == kind for row in group["rows"]
            if under is None or row["unit"].pk in under]
    if wants_export(request):  # the board as filtered: each unit's state in the month in focus
        header = [_("单位代码"), _("单位"), _("类别"), _("%(month)s月报送状态") % {"month": data.focus}, _("逾期"),
                  _("报送后修改"), _("报送情况")]
        table = [header] + [[row["unit"].code, row["unit"].name, row["unit"].get_kind_display(), row["focus"].label,
                            _("是") if row["focus"].late else "", _("是") if row["focus"].changed else "",
                            "；".join(row["focus"].details)]
                            for _group, row in rows]
        return rows_xlsx(table, title=_("报送情况"), filename=_("%(year)s年%(month)s月报送情况") % {
            "year": year, "month": data.focus})
    paged = Paginator(rows, BOARD_PER_PAGE).get_page(request.GET.get("page"))
    groups: list[dict] = []
    for group, row in paged.object_list:
        if not groups or groups[-1]["kind"] != group["kind"]:
            groups.append({**group, "rows": [], "total": len(group["rows"])})
        groups[-1]["rows"].append(row)
    return render(request, "projects/board.html", {
        "year": year, "months": MONTHS, "board": data, "groups": groups, "unit_count": data.unit_count,
        "page": paged, "kind": kind, "parent": parent, "parents": parents,
        "pager_query": urlencode({"year": year, "month": data.focus, "show": show, "kind": kind, "parent": parent}), "kinds": [(k, label) for k, label in Unit.Kind.choices if k != Unit.Kind.CITY],
        "counts": data.counts, "per_month": data.per_month, "focus": data.focus, "show": show,
        "filters": [(key, _(label)) for key, label in FILTERS.items()],
        "editable": access.can_manage(request.user), "years": year_choices(year),
        "deadline_day": deadline_day(year),
    })


ACTION_MESSAGES = {
    "lock": "已锁定%(unit)s %(year)s年%(month)s月。",
    "unlock": "已解锁%(unit)s %(year)s年%(month)s月。",
}


@desk_view(leaders_may_read=False)
def lock(request: HttpRequest) -> HttpResponse:
    """The board's actions (one transaction each): lock or unlock one unit's month; lock or unlock a whole
    month; remind the units that have not submitted a month."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = LockForm(request.POST)
    if not form.is_valid():
        problems = [str(e) for errs in form.errors.values() for e in errs]
        messages.error(request, _("操作无效：%(problems)s") % {"problems": "；".join(problems)})
        return redirect(reverse("projects:board"))
    unit, year, month, action = (form.cleaned_data[k] for k in ("unit", "year", "month", "action"))
    user = access.signed_in(request.user)
    values = {"unit": unit.name if unit else "", "year": year, "month": month}
    if action == "lock":
        month_lock(unit=unit, year=year, month=month, user=user)
        messages.success(request, _("已锁定%(unit)s %(year)s年%(month)s月。") % values)
    elif action == "unlock":
        month_unlock(unit=unit, year=year, month=month, user=user)
        messages.success(request, _("已解锁%(unit)s %(year)s年%(month)s月。") % values)
    elif action == "lock_month":
        count = month_lock_all(year=year, month=month, user=user)
        messages.success(request, _("已锁定%(year)s年%(month)s月全部单位（新锁定%(count)d个）。") % {**values, "count": count})
    elif action == "unlock_month":
        count = month_unlock_all(year=year, month=month, user=user)
        messages.success(request, _("已解锁%(year)s年%(month)s月全部单位（解锁%(count)d个）。") % {**values, "count": count})
    else:  # remind
        result = send_reminders(year=year, month=month)
        text = _("已向%(units)d个未报送单位发出催报（通知%(notices)d条，邮件%(emails)d封）。") % {
            "units": len(result.reminded), "notices": result.notices, "emails": result.emails}
        if result.already_today:
            text += _("另有%(n)d个单位今天已催报过，未重复发送。") % {"n": len(result.already_today)}
        messages.success(request, text)
    return redirect(board_url(year, month))


@desk_view(leaders_may_read=True)
def submission(request: HttpRequest, unit_id: int, year: int, month: int) -> HttpResponse:
    """One unit's month on the board: its state, who did what when, what changed since it was submitted;
    staff return it (退回) with a reason from here."""
    if not (periods.year_in_range(year) and periods.month_in_range(month)):
        raise Http404
    unit = get_object_or_404(Unit.objects.exclude(kind=Unit.Kind.CITY), pk=unit_id)
    record = MonthSubmission.objects.filter(unit=unit, year=year, month=month).select_related(
        "submitted_by", "locked_by", "returned_by").first()
    if request.method == "POST":
        if not access.can_manage(request.user):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        try:
            month_return(unit=unit, year=year, month=month, user=access.signed_in(request.user),
                         reason=request.POST.get("reason", ""))
        except CycleRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("已退回%(unit)s %(year)s年%(month)s月的报送，填报员将在月度填报页看到原因。")
                             % {"unit": unit.name, "year": year, "month": month})
            return redirect(board_url(year, month))
    changes = []
    if record is not None and record.snapshot is not None and record.status != MonthSubmission.Status.RETURNED:
        changes = state_changes(record.snapshot, month_state([unit.pk], year, month)[unit.pk])
    deadline = deadline_of(year, month, deadline_day(year))
    return render(request, "projects/submission.html", {
        "unit": unit, "year": year, "month": month, "record": record, "changes": changes, "deadline": deadline,
        "late": record is not None and is_late(record.first_submitted_at, deadline),
        "editable": access.can_manage(request.user),
        "can_return": access.can_manage(request.user) and record is not None
        and record.status == MonthSubmission.Status.SUBMITTED,
        "board_url": board_url(year, month),
    })

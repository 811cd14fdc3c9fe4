"""The monthly page (月度填报): one unit's paid-in arrivals and reported figures (进出口、出口、外经营业额) of
one month, saved all at once, and submitted."""
from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from projects import services
from projects.models import MonthSubmission, Notice
from projects.selectors import month_figures, month_rows, month_status, month_totals
from units import access, periods, rules
from units.decorators import entry_view
from units.models import Unit


def monthly_url(unit: Unit, year: int, month: int) -> str:
    return reverse("projects:monthly") + "?" + urlencode({"unit": unit.pk, "year": year, "month": month})


def _monthly_period(request: HttpRequest) -> tuple[Unit, int, int]:
    """The unit, year and month of the monthly page from its query string (defaults filled in)."""
    user = access.signed_in(request.user)
    params = request.GET
    if params.get("unit"):
        if not rules.is_number(params["unit"]):
            raise BadRequest(_("参数“unit”应为单位编号（整数）。"))
        try:
            unit = Unit.objects.get(pk=int(params["unit"]))
        except Unit.DoesNotExist:
            raise Http404(_("没有这个单位。")) from None
        if not access.can_view_unit_entry(user, unit):
            raise PermissionDenied
    else:
        units = access.entry_units(user)
        found = access.clerk_unit(user) or units.exclude(kind=Unit.Kind.CITY).first() or units.first()
        if found is None:
            raise Http404
        unit = found
    year, month = periods.due_period()
    try:
        year = periods.parse_year(params["year"]) if params.get("year") else year
        month = periods.parse_month(params["month"]) if params.get("month") else month
    except periods.PeriodError as error:
        raise BadRequest(str(error)) from None
    return unit, year, month


@entry_view
def monthly(request: HttpRequest) -> HttpResponse:
    """The unit's paid-in arrivals of one month: one input per project, saved all at once; submission."""
    user = access.signed_in(request.user)
    unit, year, month = _monthly_period(request)
    can_edit = access.can_edit_unit(user, unit)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    rows = month_rows(unit, year, month)
    figure_rows = month_figures(unit, year, month)
    status = month_status(unit=unit, year=year, month=month)
    locked = status == MonthSubmission.Status.LOCKED
    future = periods.is_future(year, month)
    reason = ""

    if request.method == "POST":
        post = request.POST
        amounts: dict[int, str] = {}
        carry_overs: dict[int, str] = {}
        versions: dict[int, int] = {}
        carry_versions: dict[int, int] = {}
        figure_amounts: dict[str, str] = {}
        figure_versions: dict[str, int] = {}

        def number(text: str) -> int:
            # ids and versions: ASCII digits that fit a database integer, else the form was tampered with
            if not rules.is_number(text or "0"):
                raise ValueError(text)
            return int(text or 0)

        try:
            for key in post:
                raw = post.get(key, "")
                if key.startswith("amount_"):
                    pid = number(key.removeprefix("amount_"))
                    amounts[pid] = raw
                    versions[pid] = number(post.get(f"version_{pid}", ""))
                elif key.startswith("carry_") and not key.startswith("carry_version_"):
                    pid = number(key.removeprefix("carry_"))
                    carry_overs[pid] = raw
                    carry_versions[pid] = number(post.get(f"carry_version_{pid}", ""))
                elif key.startswith("figure_") and not key.startswith("figure_version_"):
                    code = key.removeprefix("figure_")
                    figure_amounts[code] = raw
                    figure_versions[code] = number(post.get(f"figure_version_{code}", ""))
        except ValueError:
            return HttpResponseBadRequest(_("表单内容无效，请刷新后重试。"))
        reason = post.get("reason", "").strip()
        action = post.get("action")
        submit, nil = action in ("submit", "nil"), action == "nil"
        try:
            with transaction.atomic():
                result = services.arrivals_save_month(
                    unit=unit, year=year, month=month, amounts=dict(amounts), carry_overs=dict(carry_overs),
                    versions=versions, carry_over_versions=carry_versions, user=user, reason=reason,
                )
                figures_result = services.figures_save_month(
                    unit=unit, year=year, month=month, amounts=figure_amounts, versions=figure_versions, user=user,
                    reason=reason,
                )
                if submit:
                    services.month_submit(unit=unit, year=year, month=month, user=user, nil=nil)
        except services.FigureRefused as exc:
            for message in exc.messages:
                messages.error(request, message)
            by_code = {row.code: row for row in figure_rows}
            for code, raw in figure_amounts.items():
                if code in by_code:
                    by_code[code].amount, by_code[code].version = raw, figure_versions[code]
            for code, message in exc.field_errors.items():
                if code in by_code:
                    by_code[code].error = message
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
        except (services.LockedMonthError, services.CycleRefused) as exc:
            messages.error(request, str(exc))
        else:
            if result.changed:
                messages.success(request, _("已保存%(year)d年%(month)d月到帐：新增 %(created)d 条，修改 %(updated)d 条，删除 %(deleted)d 条。") % {
                    "year": year, "month": month, "created": result.created, "updated": result.updated, "deleted": result.deleted,
                })
            if figures_result.changed:
                messages.success(request, _("已保存%(year)d年%(month)d月报送数：%(count)d 项。") % {
                    "year": year, "month": month, "count": figures_result.changed})
            if not result.changed and not figures_result.changed and not submit:
                messages.info(request, _("没有需要保存的修改。"))
            if nil:
                messages.success(request, _("已报送%(year)d年%(month)d月：本月无到帐。") % {"year": year, "month": month})
            elif submit:
                messages.success(request, _("已报送%(year)d年%(month)d月。") % {"year": year, "month": month})
            return redirect(monthly_url(unit, year, month))

    editable = can_edit and not future and (not locked or access.can_change_locked_month(user))
    record = MonthSubmission.objects.filter(unit=unit, year=year, month=month).first()
    notices = list(Notice.objects.filter(user=user, read_at__isnull=True)[:10])
    prev_year, prev_month = periods.previous_period(year, month)
    next_year, next_month = periods.next_period(year, month)
    return render(request, "projects/monthly.html", {
        "unit": unit, "year": year, "month": month, "rows": rows, "figure_rows": figure_rows,
        "status": status, "status_label": dict(MonthSubmission.Status.choices).get(status or "", _("未报送")),
        "locked": locked, "future": future, "editable": editable,
        "needs_reason": editable and locked, "reason": reason,
        "can_submit": can_edit and not future and not locked,
        "can_report_nil": can_edit and not future and not locked and not any(r.amount or r.carry for r in rows),
        "record": record, "returned": status == MonthSubmission.Status.RETURNED,
        "notices": notices,
        "is_january": month == 1,
        "totals": month_totals(unit, year, month),
        "unit_choices": None if access.clerk_unit(user) else access.entry_units(user).order_by("sort_order", "code"),
        "months": range(1, 13),
        "prev_url": monthly_url(unit, prev_year, prev_month),
        "next_url": None if periods.is_future(next_year, next_month) else monthly_url(unit, next_year, next_month),
        "action_url": monthly_url(unit, year, month),
    })


@entry_view
def notices_read(request: HttpRequest) -> HttpResponse:
    """"知道了": the signed-in user's unread notices are marked read."""
    if request.method != "POST":
        raise BadRequest(_("只能用页面上的按钮标记已读。"))
    user = access.signed_in(request.user)
    Notice.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    target = request.POST.get("next") or ""
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
    return redirect(target if safe else reverse("projects:monthly"))

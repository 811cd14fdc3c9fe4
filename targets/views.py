"""A year's targets for every unit (目标设置): the grid staff save with one POST; leaders read it.

Clerks are refused. Who is who is decided in units/access.py; the door is ``units.decorators.desk_view``.
"""
from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from targets.forms import TargetGridForm, YearForm, YearSettingForm, amount_field_name, version_field_name, year_from
from targets.models import Indicator, Target, TargetKind, YearSetting
from targets.selectors import year_choices
from targets.services import GRID_COLUMNS, TargetGridError, column_label, targets_save_year
from units import access
from units.decorators import desk_view
from units.models import Unit
from units.selectors import grouped_by_kind, parent_filter, units_in_kind_order

# ---------------------------------------------------------------- targets grid


@desk_view(leaders_may_read=True)
def grid(request: HttpRequest) -> HttpResponse:
    """A year's targets for every unit on one page; staff save the whole grid with one POST."""
    if request.method == "POST":
        year_form = YearForm(request.POST)
        if not year_form.is_valid():  # never guess the year of a save
            return HttpResponseBadRequest(_("年度无效。"))
        year = year_form.cleaned_data["year"]
        if request.POST.get("kind") and request.POST["kind"] not in Unit.Kind.values:
            raise BadRequest(_("参数“kind”的值无效。"))
        if request.POST.get("action") == "copy_last_year":
            return _copy_last_year(request, year)
    else:
        year = year_from(request.GET)
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
                    year=year, amounts=form.amounts, versions=form.versions, user=access.signed_in(request.user)
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
                return redirect("%s?%s" % (reverse("targets:grid"), urlencode(
                    {"year": year, "kind": request.POST.get("kind", ""), "parent": request.POST.get("parent", ""),
                     "page": request.POST.get("page", "")})))
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
            label = "%s %s" % (unit.name, column_label(indicator, kind))
            cells.append({"name": name, "vname": vname, "value": value, "version": version,
                          "amount": target.amount if target else None, "label": label,
                          # highlighted where it is: a message above the grid names this cell
                          "error": any(str(e).startswith(label + "：") or (
                              # 加压 below 考核 names the unit and the indicator: both its cells
                              kind in (TargetKind.ASSESSMENT, TargetKind.STRETCH)
                              and str(e).startswith("%s %s：" % (unit.name, Indicator(indicator).label)))
                              for e in errors)})
        return {"unit": unit, "cells": cells}

    # subtotals per kind of unit over the whole year (every page), and whether the units' targets add up
    # to the city's: a warning, not a refusal (a city may set its own target above its units' sum)
    kind_of = {u.pk: u.kind for u in units}
    subtotals: dict[str, list[Decimal]] = {}
    for (unit_id, indicator, kind_code), target in stored.items():
        unit_kind = kind_of.get(unit_id)
        if unit_kind is None:
            continue
        column = GRID_COLUMNS.index((indicator, kind_code)) if (indicator, kind_code) in GRID_COLUMNS else None
        if column is not None:
            subtotals.setdefault(unit_kind, [Decimal(0)] * len(GRID_COLUMNS))[column] += target.amount
    city_row = subtotals.get(Unit.Kind.CITY)
    units_sum = [sum((subtotals[k][i] for k in subtotals if k != Unit.Kind.CITY), Decimal(0))
                 for i in range(len(GRID_COLUMNS))]
    mismatches = [
        _("%(column)s：各单位合计%(units)s，全市目标%(city)s") % {
            "column": column_label(indicator, kind_code), "units": f"{units_sum[i]:,.2f}", "city": f"{city_row[i]:,.2f}"}
        for i, (indicator, kind_code) in enumerate(GRID_COLUMNS)
        if city_row is not None and city_row[i] and units_sum[i] != city_row[i]]
    # a page of units (a province has thousands): the form reads only the cells the page drew
    source = request.POST if request.method == "POST" else request.GET
    kind = source.get("kind", "")
    if kind and kind not in Unit.Kind.values:
        raise BadRequest(_("参数“kind”的值无效。"))
    parent, under, parents = parent_filter(source, units)
    shown = [u for u in units if (not kind or u.kind == kind) and (under is None or u.pk in under)]
    page = Paginator(shown, GRID_PER_PAGE).get_page(source.get("page"))
    count_of: dict[str, int] = {}
    for u in shown:
        count_of[u.kind] = count_of.get(u.kind, 0) + 1
    return render(
        request,
        "targets/grid.html",
        {
            "year": year,
            "groups": [{**g, "subtotal": subtotals.get(g["kind"]), "subtotal_count": count_of.get(g["kind"], 0)}
                       for g in grouped_by_kind(list(page.object_list), make_row)],
            "page": page, "kind": kind, "kind_choices": Unit.Kind.choices, "mismatches": mismatches,
            "parent": parent, "parents": parents,
            "pager_query": urlencode({"year": year, "kind": kind, "parent": parent}),
            "columns": GRID_COLUMNS,
            "indicators": _indicator_headers(),
            "kinds": [TargetKind(k).label for _i, k in GRID_COLUMNS],
            "editable": editable,
            "errors": errors,
            "years": year_choices(year),
        },
        status=400 if errors else 200,
    )


GRID_PER_PAGE = 80  # units per page of the targets grid


def _copy_last_year(request: HttpRequest, year: int) -> HttpResponse:
    """Fill every target the year does not have yet with last year's amount (none is overwritten)."""
    have = set(Target.objects.filter(year=year).values_list("unit_id", "indicator", "kind"))
    last = {(u, i, k): amount for u, i, k, amount in Target.objects.filter(year=year - 1).values_list(
        "unit_id", "indicator", "kind", "amount") if (u, i, k) not in have}
    if not last:
        messages.info(request, _("%(year)s年没有可复制的目标（或%(next)s年已全部填写）。") % {"year": year - 1, "next": year})
    else:
        try:
            summary = targets_save_year(year=year, amounts=dict(last), versions=dict.fromkeys(last),
                                        user=access.signed_in(request.user))
        except TargetGridError as exc:
            messages.error(request, _("没有复制任何目标：去年的目标与今年已填的目标有冲突，请先核对："))
            for problem in exc.problems[:5]:
                messages.error(request, problem)
        else:
            messages.success(request, _("已按%(last)s年的目标填入%(n)d项%(year)s年目标（已有的没有改动），请核对。")
                             % {"last": year - 1, "n": len(summary.created), "year": year})
    return redirect("%s?year=%d" % (reverse("targets:grid"), year))


def _plain(amount) -> str:
    """An amount as typed back into an input: no thousands separators, no trailing zeros ('1200', '12.5')."""
    text = format(amount, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _indicator_headers() -> list[tuple[str | Promise, int]]:
    seen: dict[str, int] = {}
    for indicator, _kind in GRID_COLUMNS:
        seen[indicator] = seen.get(indicator, 0) + 1
    return [(Indicator(i).label, span) for i, span in seen.items()]


@desk_view(leaders_may_read=True)
def year_settings(request: HttpRequest) -> HttpResponse:
    """A year's settings (年度设置): the day of the following month each month is due by."""
    year = year_from(request.POST if request.method == "POST" else request.GET, required=request.method == "POST")
    setting = YearSetting.objects.filter(year=year).first() or YearSetting(year=year)
    form = YearSettingForm(request.POST or None, instance=setting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("已保存%(year)s年的设置。") % {"year": year})
        return redirect("%s?year=%d" % (reverse("targets:year_settings"), year))
    return render(request, "targets/year_settings.html", {
        "year": year, "form": form, "years": year_choices(year), "editable": access.can_manage(request.user),
    }, status=400 if form.errors else 200)


@desk_view(leaders_may_read=True)
def rules(request: HttpRequest) -> HttpResponse:
    """The year's 考核办法 (scored indicators) and 奖励办法 (awards); staff save both with one POST."""
    from targets import rule_forms

    year = year_from(request.POST if request.method == "POST" else request.GET, required=request.method == "POST")
    scored, awards = rule_forms.formsets(year, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if scored.is_valid() and awards.is_valid():
            scored.save(commit=False)  # sorts out deleted_objects
            awards.save(commit=False)
            try:
                changed = rule_forms.save_rules(year, scored, awards)
            except IntegrityError:  # someone saved the same indicator or award name in the same instant
                messages.error(request, _("保存时发现同一指标或同名奖项刚被他人添加，本次没有保存；请重新打开本页核对。"))
                return redirect("%s?year=%d" % (reverse("targets:rules"), year))
            if changed:
                messages.success(request, _("已保存%(year)s年的考核办法和奖励办法。") % {"year": year})
            else:
                messages.info(request, _("考核办法和奖励办法没有变化。"))
            return redirect("%s?year=%d" % (reverse("targets:rules"), year))
    return render(request, "targets/rules.html", {
        "year": year, "scored": scored, "awards": awards, "years": year_choices(year),
        "editable": access.can_manage(request.user),
    }, status=400 if request.method == "POST" else 200)


@desk_view(leaders_may_read=True)
@require_safe
def target_history(request: HttpRequest, unit_id: int) -> HttpResponse:
    """/targets/history/<unit>/?year= — every change of one unit's targets of a year: who, when, what, why."""
    unit = get_object_or_404(Unit, pk=unit_id)
    year = year_from(request.GET)
    labels = {(i, k): column_label(i, k) for i, k in GRID_COLUMNS}
    kinds = {"+": _("新增"), "~": _("修改"), "-": _("删除")}
    entries = [
        {"when": h.history_date, "who": h.history_user.username if h.history_user else _("（导入或系统）"),
         "what": labels.get((h.indicator, h.kind), f"{h.indicator} {h.kind}"), "amount": h.amount,
         "action": kinds.get(h.history_type, h.history_type), "reason": h.history_change_reason or ""}
        for h in Target.history.filter(year=year, unit_id=unit.pk).select_related("history_user").order_by("-history_date")
    ]
    return render(request, "targets/history.html", {"unit": unit, "year": year, "entries": entries})

"""Leader dashboards (领导看板): the city's progress, rankings by kind of unit, one unit, large projects.

Every figure comes from the cached progress report (``reports.cache.report_for``) or, for the monthly
lines and project lists, from ``reports.series``; the views only choose and arrange. Each page runs a
fixed number of queries whatever the number of units. Every signed-in user with a role reads them
(``units.access.can_read_reports``); nothing here changes data, so only GET and HEAD are answered. The
opening every page shares — access, the period, the cached report — is ``reports.pages.report_page``.
"""
from __future__ import annotations

from typing import Any

from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tables2 import RequestConfig

from reports import charts, series
from reports import working as working_rows
from reports.briefing import briefing_facts
from reports.cache import cached_month_ranks
from reports.filters import KIND_CHOICES, RankingFilter
from reports.openness import trade_dependence
from reports.pages import ReportPage, lazy, report_page
from reports.progress import LARGE, ProgressReport, schedule_for_year
from reports.tables import LargeProjectTable, PipelineTable, RankingTable, ranking_rows
from targets.indicators import BY_CODE, TARGET_KINDS
from units import access
from units.decorators import report_view
from units.models import Unit
from units.selectors import parent_filter
from units.table_export import table_xlsx, wants_export


def _indicators(report: ProgressReport, row) -> list[tuple[str, Any, str]]:
    """(label, figures, key) of each indicator the pages show (the FDI two and those in use), in the
    registry's order."""
    return [(str(spec.label), row.figure(spec.code), spec.code) for spec in report.indicators]


def _schedule_lines(report: ProgressReport, figures: Any, schedule: dict) -> list[tuple[str, Any]]:
    """序时线 of each target kind shown that the unit has (考核目标序时线, 加压目标序时线, 翻番目标序时线)."""
    return [(_("%(kind)s序时线") % {"kind": figures.of_kind(k).label},
             series.schedule_line(target=figures.target(k), schedule=schedule)) for k in report.target_kinds]


def _kind(request: HttpRequest) -> str:
    kind = request.GET.get("kind") or Unit.Kind.TOWNSHIP.value
    if kind not in dict(KIND_CHOICES):
        raise BadRequest(_("参数“kind”的值无效：“%(value)s”不是可选的单位类别。") % {"value": kind[:40]})
    return kind


# ------------------------------------------------------------------------------------------ dashboard


@report_page(title=gettext_lazy("领导看板"))
def dashboard(request: HttpRequest, page: ReportPage) -> HttpResponse:
    """/reports/ — the city's figures for 1–M月, the groups, large projects and three charts."""
    report, year, month, context = page.report, page.year, page.month, page.context
    kind = _kind(request)
    city = report.city
    paid = city.paid_in_fdi
    kind_label = str(dict(KIND_CHOICES)[kind])

    def dashboard_charts() -> list:
        cumulative = series.monthly_cumulative(unit_code=city.code, year=year)
        schedule = schedule_for_year(year)
        return [
            charts.cumulative_chart(
                "chart-city-paid", title=_("全市注册外资实际到帐：逐月累计与序时目标"),
                indicator_label=_("实际到帐"), month=month, cumulative=cumulative["paid_in_fdi"],
                last_year=cumulative["paid_in_fdi_last_year"],
                lines=_schedule_lines(report, paid, schedule),
            ),
            charts.shares_by_kind("chart-shares", report, title=_("开发区、乡镇、部门占全市的比重")),
            charts.completion_by_unit(
                "chart-completion", report, report.units_of_kind(kind), indicator="paid_in_fdi",
                target_kind="assessment",
                title=_("%(kind)s注册外资实际到帐完成考核目标情况") % {"kind": kind_label},
            ),
            charts.completion_by_unit(
                "chart-completion-registered", report, report.units_of_kind(kind), indicator="registered_fdi",
                target_kind="assessment",
                title=_("%(kind)s新批注册外资完成考核目标情况") % {"kind": kind_label},
            ),
        ]

    context.update({
        "report": report,
        "city": city,
        "indicators": _indicators(report, city),
        "group_indicators": [(label, key) for label, _f, key in _indicators(report, city)],
        "group_rows": [(Unit.Kind(g.kind).label, g) for g in report.groups],
        "months_left": 12 - month,
        "large": report.large_projects,
        "kind": kind,
        "kind_choices": KIND_CHOICES,
        "charts": lazy(dashboard_charts),
        "facts": lazy(lambda: briefing_facts(year=year, month=month, report=report)),
        "dependence": lazy(lambda: trade_dependence(report)),
    })
    return render(request, "reports/dashboard.html", context)


PER_PAGE = 50  # rows of a long table per page (province scale: thousands of units and projects)
RANKING_PER_PAGE = 100

# ------------------------------------------------------------------------------------------- rankings


@report_page(title=gettext_lazy("排名"))
def rankings(request: HttpRequest, page: ReportPage) -> HttpResponse:
    """/reports/rankings/ — the units of one kind ranked, behind-schedule rows marked, changes since
    last month, the double-blank units, and the completion chart."""
    report, year, month, context = page.report, page.year, page.month, page.context
    ranking_filter = RankingFilter(request.GET)
    choice = ranking_filter.choice
    units = ranking_filter.apply(report.units)

    built: dict[bool, RankingTable] = {}

    def ranking_table(paged: bool = True) -> RankingTable:
        if paged not in built:
            # last month's ranks: its published edition's (in the report), else its ranks alone, cached
            previous = (cached_month_ranks(year=year, month=month - 1, version=context.get("version"))
                        if month > 1 and report.previous_edition is None else None)
            changes = series.rank_changes(report, previous, indicator=choice.indicator, target_kind=choice.target_kind)
            table = RankingTable(ranking_rows(report, units, choice, changes), choice=choice,
                                 period={"year": year, "month": month}, kinds=report.target_kinds)
            # a page of 100 units (a county's kinds fit on one; a province's run to hundreds)
            RequestConfig(request, paginate={"per_page": RANKING_PER_PAGE} if paged else False).configure(table)
            built[paged] = table
        return built[paged]

    if wants_export(request):
        return table_xlsx(ranking_table(paged=False), title=_("排名"), filename=_("%(year)s年1-%(month)s月%(kind)s排名") % {
            "year": year, "month": month, "kind": choice.kind_label})

    def ranking_charts() -> list:
        shown = units
        if len(units) > RANKING_PER_PAGE:  # the chart draws the units of the table's page
            codes = {row.record["code"] for row in ranking_table().page.object_list}
            shown = [u for u in units if u.code in codes]
        return [charts.completion_by_unit(
            "chart-ranking", report, shown, indicator=choice.indicator, target_kind=choice.target_kind,
            title=_("%(kind)s%(indicator)s完成%(target)s情况") % {
                "kind": choice.kind_label, "indicator": choice.indicator_label, "target": choice.target_kind_label},
        )]

    group = report.group(choice.kind)
    figures = group.figure(choice.indicator) if group else None
    names = {u.code: u.name for u in report.units}
    parent_codes = sorted({u.parent for u in report.units_of_kind(choice.kind)
                           if u.parent and u.parent != report.city.code}, key=lambda c: names.get(c, c))
    context.update({
        "report": report,
        "filter": ranking_filter,
        "parents": [(code, names.get(code, code)) for code in parent_codes],
        "choice": choice,
        "table": lazy(ranking_table),
        "group": group,
        "on_schedule": figures.on_schedule[choice.target_kind] if figures else None,
        "on_schedule_change": figures.on_schedule_change[choice.target_kind] if figures else None,
        "done_for_year": figures.done_for_year[choice.target_kind] if figures else None,
        "double_blank": [u for u in units if u.double_blank],
        "charts": lazy(ranking_charts),
    })
    return render(request, "reports/rankings.html", context)


# ------------------------------------------------------------------------------------------- one unit


@report_page(title=gettext_lazy("单位进度"), private=True)
def unit(request: HttpRequest, page: ReportPage, code: str) -> HttpResponse:
    """/reports/units/<code>/ — one unit's figures, its monthly cumulative lines, its projects."""
    report, year, month, context = page.report, page.year, page.month, page.context
    try:
        row = report.unit(code)
    except KeyError:
        raise Http404(_("没有代码为 %(code)s 的单位。") % {"code": code}) from None

    def unit_charts() -> list:
        cumulative = series.monthly_cumulative(unit_code=code, year=year)
        schedule = schedule_for_year(year)
        built = []
        # paid-in first, as the speeches put it
        for spec in sorted(report.indicators, key=lambda s: s.code != "paid_in_fdi"):
            figures = row.figure(spec.code)
            built.append(charts.cumulative_chart(
                f"chart-unit-{spec.code.replace('_', '-')}",
                title=_("%(unit)s%(indicator)s：逐月累计与序时目标") % {"unit": row.name, "indicator": spec.label},
                indicator_label=str(spec.short), month=month, cumulative=cumulative[spec.code],
                last_year=cumulative[f"{spec.code}_last_year"], lines=_schedule_lines(report, figures, schedule),
            ))
        return built

    # A unit's project list (investors, the pipeline) is the unit's own data: its clerk, staff and
    # leaders see it; other units' clerks see the unit's figures and ranking only.
    projects_visible = access.can_view_unit_entry(request.user, row.id)

    def unit_projects() -> list:
        if not projects_visible:
            return []
        projects = series.unit_projects(unit_id=row.id, year=year, month=month)
        return [(p, True) for p in projects]

    context.update({
        "report": report,
        "row": row,
        "indicators": _indicators(report, row),
        "is_ranked": row.kind != Unit.Kind.CITY,
        "months_left": 12 - month,
        "kind_label": Unit.Kind(row.kind).label,
        "charts": lazy(unit_charts),
        "projects": lazy(unit_projects),
        "projects_visible": projects_visible,
    })
    return render(request, "reports/unit.html", context)


# ------------------------------------------------------------------------------------ the working


@report_page(title=gettext_lazy("计算过程"), private=True)
def working(request: HttpRequest, page: ReportPage, code: str) -> HttpResponse:
    """/reports/units/<code>/working/?indicator=…&kind=… — what a unit's YTD is made of and, for a target
    kind, its completion and gap written out with its numbers (``reports.working``)."""
    report, year, month, context = page.report, page.year, page.month, page.context
    try:
        row = report.unit(code)
    except KeyError:
        raise Http404(_("没有代码为 %(code)s 的单位。") % {"code": code}) from None
    indicator = request.GET.get("indicator") or "registered_fdi"
    if indicator not in BY_CODE:
        raise BadRequest(_("参数“indicator”的值无效：“%(value)s”不是指标代码。") % {"value": indicator[:40]})
    kind = request.GET.get("kind") or None
    if kind is not None and kind not in TARGET_KINDS:
        raise BadRequest(_("参数“kind”的值无效：“%(value)s”不是目标类别。") % {"value": kind[:40]})
    figures = row.figure(indicator)
    has_units_under = any(u.parent == code for u in report.units)
    # Subtotals by credited unit are the report's own figures; a unit's projects are its own data.
    detail_visible = has_units_under or access.can_view_unit_entry(request.user, row.id)
    lines = lazy(lambda: working_rows.ytd_lines(unit_id=row.id, year=year, month=month, indicator=indicator)
                 if detail_visible else [])
    kinds = [kind] if kind else [k for k in report.target_kinds if figures.target(k)]
    context.update({
        "report": report,
        "row": row,
        "spec": BY_CODE[indicator],
        "figures": figures,
        "lines": lines,
        "detail_visible": detail_visible,
        "by_unit": has_units_under,
        "formulas": [(figures.of_kind(k), working_rows.completion_formula(figures, k, report.schedule_pct))
                     for k in kinds],
        "is_ranked": row.kind != Unit.Kind.CITY,
    })
    return render(request, "reports/working.html", context)


# ------------------------------------------------------------------------------------- large projects


@report_page(title=gettext_lazy("大项目"), private=True)
def large_projects(request: HttpRequest, page: ReportPage) -> HttpResponse:
    """/reports/large-projects/ — 超千万/超亿 projects approved in the period, the pipeline by stage."""
    report, year, month, context = page.report, page.year, page.month, page.context

    def can_open(unit_id: int) -> bool:
        return access.can_view_unit_entry(request.user, unit_id)

    def configured(table, *, paged: bool = True):
        # a page of 50 (the list can run to thousands at province scale); the export takes every row
        RequestConfig(request, paginate={"per_page": PER_PAGE} if paged else False).configure(table)
        return table

    # The counts and the pipeline by stage are city-wide figures; the project lists name investors, so a
    # clerk sees only the own unit's projects in them. The lists filter by kind of unit and 上级单位.
    own_units = access.entry_units(request.user)
    kind = request.GET.get("kind", "")
    if kind and kind not in Unit.Kind.values:
        raise BadRequest(_("参数“kind”的值无效。"))
    parent, under = "", None
    if request.GET.get("parent"):  # the query (and the subtree's) only when asked for
        parent, under, _choices = parent_filter(request.GET, list(Unit.objects.order_by("sort_order", "code")))
    if kind:
        own_units = own_units.filter(kind=kind)
    if under is not None:
        own_units = own_units.filter(pk__in=under)
    parents = lazy(lambda: parent_filter({}, list(Unit.objects.order_by("sort_order", "code")))[2])
    if wants_export(request):  # ?export=xlsx: the approved large projects; &table=pipeline: the pipeline
        if request.GET.get("table") not in (None, "", "approved", "pipeline"):
            raise BadRequest(_("参数“table”的值无效：可选 approved、pipeline。"))
        if request.GET.get("table") == "pipeline":
            return table_xlsx(configured(PipelineTable(series.pipeline_projects().filter(unit__in=own_units),
                                                       can_open=can_open, large=LARGE), paged=False),
                              title=_("在谈项目库"), filename=_("在谈项目库"))
        return table_xlsx(configured(LargeProjectTable(series.large_projects_approved(year=year, month=month).filter(
            unit__in=own_units), can_open=can_open), paged=False), title=_("大项目"),
            filename=_("%(year)s年1-%(month)s月大项目") % {"year": year, "month": month})
    stages = lazy(series.pipeline_by_stage)
    context.update({
        "report": report,
        "large": report.large_projects,
        # read whole (one query each, whatever the page), shown a page at a time
        "approved_table": lazy(lambda: configured(LargeProjectTable(
            list(series.large_projects_approved(year=year, month=month).filter(unit__in=own_units)),
            can_open=can_open))),
        "pipeline_table": lazy(lambda: configured(PipelineTable(
            list(series.pipeline_projects().filter(unit__in=own_units)), can_open=can_open, large=LARGE))),
        "stages": stages,
        "own_unit_only": access.clerk_unit(request.user) is not None,
        "kind": kind, "kinds": [(k, label) for k, label in Unit.Kind.choices if k != Unit.Kind.CITY],
        "parent": parent, "parents": parents,
        "charts": lazy(lambda: [charts.pipeline_chart("chart-pipeline", list(stages), title=_("在谈、签约项目的拟注册外资"))]),
    })
    return render(request, "reports/large_projects.html", context)


@report_view
def help_page(request: HttpRequest) -> HttpResponse:
    """/reports/help/ — 术语与公式: every figure of the pages with its formula, in the speeches' words."""
    return render(request, "reports/help.html", {})

"""/reports/peers/ — the city among its neighbouring counties (INTERFACES.md §6): for each indicator the
通报 gave, the counties ranked with the city, its move since last month, the gap to the first (or the lead
over the second) and to the next, growth beside growth, the benchmarks, and a chart of the year."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import PeerFigure
from reports import charts, series
from reports.pages import ReportPage, report_page
from reports.progress.peers import group_name
from targets.indicators import spec
from units import access


def year_lines(page: ReportPage, indicator: str) -> list[tuple[str, bool, list[Decimal | None]]]:
    """The city's cumulative figures and each county's published ones, months 1–12 (two queries)."""
    city = page.report.city
    own = series.monthly_cumulative(unit_code=city.code, year=page.year)[indicator]
    published: dict[str, list[Decimal | None]] = {}
    rows = (PeerFigure.objects.filter(year=page.year, indicator=indicator, peer__kind="county")
            .order_by("peer__sort_order", "peer__name", "month").values_list("peer__name", "month", "ytd"))
    for name, month, ytd in rows:
        published.setdefault(name, [None] * 12)[month - 1] = ytd
    return [(city.name, True, list(own))] + [(name, False, values) for name, values in published.items()]


@report_page(title=gettext_lazy("兄弟县市"))
def peers(request: HttpRequest, page: ReportPage) -> HttpResponse:
    tables = list(page.report.peers.values())
    chosen = request.GET.get("indicator")
    if chosen not in page.report.peers:
        chosen = "paid_in_fdi" if "paid_in_fdi" in page.report.peers else (tables[0].indicator if tables else None)
    chart = None
    if chosen:
        chart = charts.peers_chart("peers-chart", month=page.month, lines=year_lines(page, chosen),
                                   title=_("%(label)s：兄弟县市逐月累计") % {"label": spec(chosen).label})
    page.context.update({
        "tables": tables, "chosen": chosen, "chart": chart,
        "group": group_name(tables[0].size, settings.PREFECTURE_NAME) if tables else "",
        "can_manage": access.can_manage(request.user),
    })
    return render(request, "reports/peers.html", page.context)

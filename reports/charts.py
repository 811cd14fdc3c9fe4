"""The dashboards' charts as plotly figures, drawn in the browser by the plotly.js of the installed package.

Each function takes figures already computed (the progress report, ``reports.series``) and only arranges
them: no arithmetic here. A chart reaches the page as JSON through Django's ``json_script`` and is drawn
by ``static/js/charts.js`` — no inline script, nothing loaded from outside the portal. A small template of
our own (instead of plotly's default) and a fixed height keep each chart's JSON to a few kilobytes.

Figures are written as the plain {data, layout} JSON that plotly.js draws: building them through
``plotly.graph_objects`` validated every property again on every page and cost more than the rest of a
dashboard together. plotly.py still defines the template (converted once, at import).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import plotly.graph_objects as go
from django.utils.translation import gettext as _

from reports.progress import ProgressReport, UnitRow
from units.models import Unit

FONT = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Zen Hei", sans-serif'
AHEAD = "#1b7f3b"
BEHIND = "#c62828"
BRAND = "#b71c1c"
GREY = "#8a96a3"
COLORWAY = ["#0b5cad", BRAND, "#e8a33d", "#1b7f3b", "#6a4c93", GREY]
KIND_COLORS: dict[str, str] = {
    Unit.Kind.DEVELOPMENT_ZONE: "#0b5cad",
    Unit.Kind.TOWNSHIP: "#e8a33d",
    Unit.Kind.DEPARTMENT: "#6a4c93",
}

TEMPLATE = go.layout.Template(layout=go.Layout(
    font={"family": FONT, "size": 13, "color": "#1f2933"},
    colorway=COLORWAY,
    paper_bgcolor="#ffffff",
    plot_bgcolor="#ffffff",
    margin={"l": 60, "r": 20, "t": 48, "b": 48},
    xaxis={"gridcolor": "#e4e8ec", "linecolor": "#9aa5b1", "zeroline": False, "automargin": True},
    yaxis={"gridcolor": "#e4e8ec", "linecolor": "#9aa5b1", "zeroline": False, "automargin": True},
    legend={"orientation": "h", "y": -0.15, "x": 0},
    hoverlabel={"font": {"family": FONT}},
    separators=".,",
))
TEMPLATE_JSON = TEMPLATE.to_plotly_json()


@dataclass(frozen=True)
class Chart:
    """One chart on a page: ``id`` names its container and its JSON; ``figure`` is {data, layout}."""

    id: str
    title: str
    figure: dict[str, Any]

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"


def plain(text: Any) -> str:
    """Text that plotly shows as it is: plotly reads ``<a href>``, ``<b>`` and the like in labels and titles
    as markup, so a unit named ``<a href=…>`` would become a link. Entities it does read keep the name."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chart(chart_id: str, title: str, data: list[dict], layout: dict[str, Any], *, height: int) -> Chart:
    layout = {**layout, "template": TEMPLATE_JSON, "height": height, "font": {"family": FONT},
              "title": {"text": plain(title), "x": 0, "font": {"size": 15}}}
    return Chart(id=chart_id, title=str(title), figure={"data": data, "layout": layout})


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _month_labels(months: int) -> list[str]:
    return [_("%(month)s月") % {"month": m} for m in range(1, months + 1)]


AMOUNT_HOVER = "%{x}：%{y:,.0f}万美元<extra></extra>"


def cumulative_chart(
    chart_id: str, *, title: str, indicator_label: str, month: int, cumulative: list[Decimal],
    last_year: list[Decimal] | None, lines: list[tuple[str, list[Decimal] | None]],
) -> Chart:
    """累计完成 month by month (1–M月) against the schedule lines (target × 序时进度, all twelve months)."""
    data: list[dict[str, Any]] = [{
        "type": "bar", "x": _month_labels(month), "y": [_num(v) for v in cumulative[:month]],
        "name": _("%(indicator)s累计") % {"indicator": indicator_label},
        "marker": {"color": "#0b5cad"}, "hovertemplate": AMOUNT_HOVER,
    }]
    if last_year is not None:
        data.append({
            "type": "scatter", "x": _month_labels(month), "y": [_num(v) for v in last_year[:month]],
            "name": _("上年同期累计"), "mode": "lines+markers", "line": {"color": GREY, "dash": "dot"},
            "hovertemplate": AMOUNT_HOVER,
        })
    dashes = ["dash", "longdash", "dashdot"]
    colors = [BRAND, "#e8a33d", "#6a4c93"]
    for i, (label, values) in enumerate(lines):
        if values is None:
            continue
        data.append({
            "type": "scatter", "x": _month_labels(12), "y": [_num(v) for v in values], "name": str(label),
            "mode": "lines", "line": {"color": colors[i % 3], "dash": dashes[i % 3], "width": 2},
            "hovertemplate": AMOUNT_HOVER,
        })
    layout = {
        "yaxis": {"title": {"text": _("万美元")}, "tickformat": ",.0f"}, "bargap": 0.35,
        "xaxis": {"categoryorder": "array", "categoryarray": _month_labels(12)},
    }
    return _chart(chart_id, title, data, layout, height=360)


def completion_by_unit(
    chart_id: str, report: ProgressReport, units: list[UnitRow], *, indicator: str, target_kind: str, title: str,
) -> Chart:
    """完成率 of each unit (one horizontal bar each) against the schedule (a vertical line at 序时进度):
    green when on schedule, red when behind. Units without that target are left out."""
    pct = f"{target_kind}_pct"
    rows = [(plain(u.name), getattr(getattr(u, indicator), pct)) for u in units]
    rows = [(name, value) for name, value in rows if value is not None]
    rows.sort(key=lambda r: r[1])  # the best at the top of a horizontal bar chart
    schedule = report.schedule_pct
    data = [{
        "type": "bar", "orientation": "h", "y": [r[0] for r in rows], "x": [_num(r[1]) for r in rows],
        "name": _("完成率"), "marker": {"color": [AHEAD if r[1] >= schedule else BEHIND for r in rows]},
        # the label sits inside its bar (a short bar's is hidden, not squeezed), so the schedule line
        # never runs through a label
        "text": [f"{r[1]:.2f}%" for r in rows], "textposition": "inside", "insidetextanchor": "end",
        "textfont": {"color": "#fff"}, "cliponaxis": False,
        "hovertemplate": "%{y}：%{x:.2f}%<extra></extra>",
    }]
    layout = {
        "shapes": [{"type": "line", "xref": "x", "yref": "paper", "x0": float(schedule), "x1": float(schedule),
                    "y0": 0, "y1": 1, "line": {"color": "#1f2933", "width": 2, "dash": "dash"}}],
        "annotations": [{"x": float(schedule), "y": 1, "xref": "x", "yref": "paper", "yanchor": "bottom",
                         "showarrow": False, "text": _("序时进度 %(pct)s%%") % {"pct": f"{schedule:.2f}"}}],
        "xaxis": {"title": {"text": _("完成率（%）")}}, "showlegend": False, "bargap": 0.25,
        "uniformtext": {"minsize": 9, "mode": "hide"},
        "margin": {"l": 90, "r": 50, "t": 64, "b": 48},
    }
    return _chart(chart_id, title, data, layout, height=max(240, min(140 + 22 * len(rows), 2200)))


def shares_by_kind(chart_id: str, report: ProgressReport, *, title: str) -> Chart:
    """占比 of the development zones, townships and departments in the city's YTD, per indicator."""
    indicators = [("registered_fdi", _("新批注册外资")), ("paid_in_fdi", _("注册外资实际到帐"))]
    data = []
    for group in report.groups:
        values = [getattr(group, key).share_pct for key, _label in indicators]
        data.append({
            "type": "bar", "x": [str(label) for _key, label in indicators], "y": [_num(v) for v in values],
            "name": str(Unit.Kind(group.kind).label), "marker": {"color": KIND_COLORS.get(group.kind)},
            "text": [f"{v:.2f}%" if v is not None else "" for v in values], "textposition": "inside",
            "hovertemplate": "%{fullData.name}：%{y:.2f}%<extra></extra>",
        })
    # a share too small for its label hides it rather than printing it unreadably
    layout = {"barmode": "stack", "yaxis": {"title": {"text": _("占全市（%）")}, "range": [0, 100]},
              "uniformtext": {"minsize": 9, "mode": "hide"}}
    return _chart(chart_id, title, data, layout, height=340)


def pipeline_chart(chart_id: str, rows: list[dict[str, Any]], *, title: str) -> Chart:
    """在谈项目库 by stage: registered FDI (万美元) of the projects at each stage, their number on the bar."""
    data = [{
        "type": "bar", "x": [str(r["label"]) for r in rows], "y": [_num(r["registered_fdi"]) for r in rows],
        "name": _("注册外资"), "marker": {"color": ["#e8a33d", "#0b5cad"][: len(rows)] or None},
        "text": [_("%(count)s个项目") % {"count": r["projects"]} for r in rows], "textposition": "auto",
        "hovertemplate": AMOUNT_HOVER,
    }]
    layout = {"yaxis": {"title": {"text": _("万美元")}, "tickformat": ",.0f"}, "showlegend": False}
    return _chart(chart_id, title, data, layout, height=320)


def breakdown_chart(chart_id: str, groups: list[Any], *, title: str) -> Chart:
    """Registered and paid-in FDI (万美元) of each group of projects (an industry, a 板块, a country or a
    region), this year's bars beside last year's same months."""
    labels = [plain(g.label) for g in groups]
    series = [
        (_("新批注册外资"), [g.registered for g in groups], BRAND),
        (_("上年同期注册外资"), [g.registered_last_year for g in groups], GREY),
        (_("注册外资实际到帐"), [g.paid_in for g in groups], "#0b5cad"),
        (_("上年同期实际到帐"), [g.paid_in_last_year for g in groups], "#9fb8d6"),
    ]
    data = [{"type": "bar", "x": labels, "y": [_num(v) for v in values], "name": str(name), "marker": {"color": color},
             "hovertemplate": "%{x}：%{y:,.0f}万美元<extra>%{fullData.name}</extra>"} for name, values, color in series]
    layout = {"barmode": "group", "yaxis": {"title": {"text": _("万美元")}, "tickformat": ",.0f"}, "bargap": 0.2,
              "legend": {"orientation": "h", "y": -0.2}}
    return _chart(chart_id, title, data, layout, height=380)


def peers_chart(chart_id: str, *, title: str, month: int, lines: list[tuple[str, bool, list[Decimal | None]]]) -> Chart:
    """The peers' YTD (万美元) month by month, 1–M月: one line per county, the city's bold in the brand colour;
    a month the 通报 left out is a gap in the line."""
    palette = ["#0b5cad", "#e8a33d", "#6a4c93", "#2e7d32", "#00838f", "#8d6e63", GREY]
    data = []
    others = 0
    for name, own, values in lines:
        color = BRAND if own else palette[others % len(palette)]
        others += 0 if own else 1
        data.append({"type": "scatter", "mode": "lines+markers", "x": _month_labels(month),
                     "y": [_num(v) for v in values[:month]], "name": plain(name),
                     "line": {"color": color, "width": 4 if own else 2}, "connectgaps": False,
                     "hovertemplate": "%{x}：%{y:,.0f}万美元<extra>%{fullData.name}</extra>"})
    layout = {"yaxis": {"title": {"text": _("万美元")}, "tickformat": ",.0f"}, "legend": {"orientation": "h", "y": -0.2}}
    return _chart(chart_id, title, data, layout, height=380)

"""Tables of the dashboards (django-tables2): the rankings (rows made from the progress report) and the
large projects (querysets). Sorting is server-side through ``?sort=`` (``-`` for descending).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.models import Project
from reports.filters import RankingChoice
from reports.progress import VERY_LARGE, ProgressReport, UnitRow

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


def cls(name: str, *, num: bool = True) -> dict[str, dict[str, str]]:
    """Cell classes naming the column (``td.ytd``), so pages, print rules and tests can find it."""
    css = f"num {name}" if num else name
    return {"td": {"class": css}, "th": {"class": css}}
LOWEST = Decimal("-Infinity")  # a missing figure sorts below every number


def amount(value: Decimal | None) -> str:
    """万美元 as a whole number with thousands separators (12,345); — when missing."""
    return "—" if value is None else number_format(value, 0, use_l10n=True, force_grouping=True)


def percent(value: Decimal | None) -> str:
    return "—" if value is None else number_format(value, 2, use_l10n=True, force_grouping=True)


def gap(value: Decimal | None) -> str:
    """序时差距 in points, green (+) when ahead of schedule, red (−) when behind."""
    if value is None:
        return "—"
    css = "ahead" if value >= 0 else "behind"
    sign = "+" if value > 0 else ""
    return format_html('<span class="{}">{}{}</span>', css, sign, percent(value))


class AmountColumn(tables.Column):
    numeric = True  # exported as numbers (units.table_export)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUM)
        kwargs.setdefault("default", "—")
        super().__init__(*args, **kwargs)

    def render(self, value):
        return amount(value)


class PercentColumn(AmountColumn):
    def render(self, value):
        return percent(value)


class GapColumn(AmountColumn):
    def render(self, value):
        return gap(value)


# ------------------------------------------------------------------------------------------- rankings


def _key(value: Decimal | int | None) -> Decimal:
    return LOWEST if value is None else Decimal(value)


def ranking_rows(
    report: ProgressReport, units: list[UnitRow], choice: RankingChoice, rank_changes: dict[str, int | None],
) -> list[dict[str, Any]]:
    """One row per unit of the chosen kind with the chosen indicator's figures, best completion first.

    Every figure is the report's; ``*_key`` twins only make missing figures sort below every number."""
    rows = []
    for u in units:
        f = u.figure(choice.indicator)
        chosen = f.of_kind(choice.target_kind)
        row = {
            "code": u.code,
            "name": u.name,
            "ytd": f.ytd,
            "last_year_ytd": f.last_year_ytd,
            "target": chosen.target,
            "assessment_pct": f.assessment_pct,
            "stretch_pct": f.stretch_pct,
            "doubling_pct": f.doubling_pct,
            "gap": chosen.gap,
            "yoy_pct": f.yoy_pct,
            "share_pct": f.share_pct,
            # the rank follows the target kind the table is ranked by (考核, 加压 or 翻番)
            "rank": chosen.rank,
            "rank_change": rank_changes.get(u.code),
            "done": chosen.done,
            "double_blank": u.double_blank,
            "completion": chosen.pct,
        }
        for name in ("ytd", "target", "assessment_pct", "stretch_pct", "doubling_pct", "gap", "yoy_pct", "share_pct",
                     "rank_change"):
            row[f"{name}_key"] = _key(row[name])
        # Rank 1 is the best: a missing rank sorts after every real one.
        row["rank_key"] = Decimal(row["rank"]) if row["rank"] is not None else Decimal("Infinity")
        rows.append(row)
    rows.sort(key=lambda r: (-_key(r["completion"]), r["rank_key"], r["code"]))
    return rows


def _behind(record: dict[str, Any]) -> str:
    return "behind-row" if record["gap"] is not None and record["gap"] < 0 else ""


class RankingTable(tables.Table):
    rank = tables.Column(verbose_name=gettext_lazy("排位"), attrs=cls("rank"), order_by=("rank_key",), default="—")
    rank_change = tables.Column(verbose_name=gettext_lazy("比上月"), attrs=cls("rank_change"),
                                order_by=("rank_change_key",))
    name = tables.Column(attrs=cls("name", num=False), verbose_name=gettext_lazy("单位"), order_by=("name",))
    ytd = AmountColumn(attrs=cls("ytd"), verbose_name=gettext_lazy("累计完成（万美元）"), order_by=("ytd_key",))
    target = AmountColumn(attrs=cls("target"), verbose_name=gettext_lazy("目标（万美元）"), order_by=("target_key",))
    assessment_pct = PercentColumn(attrs=cls("assessment_pct"), verbose_name=gettext_lazy("完成考核目标（%）"),
                                   order_by=("assessment_pct_key",))
    stretch_pct = PercentColumn(attrs=cls("stretch_pct"), verbose_name=gettext_lazy("完成加压目标（%）"),
                                order_by=("stretch_pct_key",))
    doubling_pct = PercentColumn(attrs=cls("doubling_pct"), verbose_name=gettext_lazy("完成翻番目标（%）"),
                                 order_by=("doubling_pct_key",))
    gap = GapColumn(attrs=cls("gap"), verbose_name=gettext_lazy("序时差距（百分点）"), order_by=("gap_key",))
    yoy_pct = PercentColumn(attrs=cls("yoy_pct"), verbose_name=gettext_lazy("同比（%）"), order_by=("yoy_pct_key",))
    share_pct = PercentColumn(attrs=cls("share_pct"), verbose_name=gettext_lazy("占全市（%）"), order_by=("share_pct_key",))

    class Meta:
        attrs = {"class": "table ranking"}
        row_attrs = {"class": _behind, "data-code": lambda record: record["code"]}
        order_by_field = "sort"
        empty_text = gettext_lazy("这一类没有单位。")
        template_name = "django_tables2/table.html"

    def __init__(self, data, *, choice: RankingChoice, period: dict[str, Any], kinds: tuple[str, ...] = (),
                 **kwargs):
        self.choice = choice
        self.period = period  # year/month for the unit links
        # a completion column for each target kind the year uses (翻番 only once a unit has one)
        kwargs.setdefault("exclude", [f"{k}_pct" for k in ("doubling",) if kinds and k not in kinds])
        # what a leader looks for first (排位, the unit, 完成率 of the chosen kind, 序时差距), then the rest,
        # which scrolls within the table on a phone
        chosen = f"{choice.target_kind}_pct"
        kwargs.setdefault("sequence", ["rank", "name", chosen, "gap", "rank_change", "ytd", "target", "..."])
        super().__init__(data, **kwargs)
        self.columns["rank"].column.verbose_name = _("%(target)s排位") % {"target": choice.target_kind_label}
        target_label = choice.target_kind_label
        self.columns["target"].column.verbose_name = _("%(target)s（万美元）") % {"target": target_label}
        self.columns["gap"].column.verbose_name = _("%(target)s序时差距（百分点）") % {"target": target_label}
        # each figure's header opens its formula (术语与公式)
        help_url = reverse("reports:help")
        for name, anchor in (("gap", "gap"), ("assessment_pct", "pct"), ("stretch_pct", "pct"),
                             ("doubling_pct", "pct"), ("rank", "rank"), ("yoy_pct", "yoy"), ("share_pct", "share")):
            if name in self.columns.names():
                column = self.columns[name].column
                column.verbose_name = format_html('<a href="{}#{}" class="term">{}</a>', help_url, anchor,
                                                  column.verbose_name)

    # what an export writes (units.table_export): the value, without the page's marks
    def value_name(self, value, record):
        return value

    def value_rank_change(self, value, record):
        return value

    def render_name(self, value, record):
        url = reverse("reports:unit", args=[record["code"]]) + "?year=%(year)s&month=%(month)s" % self.period
        done = format_html(' <span class="done-mark">✔ {}</span>', _("全年完成")) if record["done"] else ""
        blank = format_html(' <span class="blank-mark">{}</span>', _("双空白")) if record["double_blank"] else ""
        return format_html('<a href="{}">{}</a>{}{}', url, value, done, blank)

    def _working(self, value, record, kind: str):
        """A completion that opens its working (reports:working)."""
        if value is None:
            return "—"
        url = reverse("reports:working", args=[record["code"]]) + "?year=%(year)s&month=%(month)s" % self.period
        url += f"&indicator={self.choice.indicator}&kind={kind}"
        return format_html('<a class="working" href="{}">{}</a>', url, percent(value))

    def render_assessment_pct(self, value, record):
        return self._working(value, record, "assessment")

    def render_stretch_pct(self, value, record):
        return self._working(value, record, "stretch")

    def render_doubling_pct(self, value, record):
        return self._working(value, record, "doubling")

    def render_rank_change(self, value):
        if value is None:
            return "—"
        if value > 0:
            return format_html('<span class="ahead" title="{}">↑{}</span>', _("比上月上升"), value)
        if value < 0:
            return format_html('<span class="behind" title="{}">↓{}</span>', _("比上月下降"), -value)
        return format_html('<span class="muted" title="{}">{}</span>', _("与上月持平"), "＝")


# ------------------------------------------------------------------------------------- large projects


class ProjectLinkMixin:
    """Project names link to the project's page where the user may open it (a clerk: the own unit's)."""

    def __init__(self, *args, can_open, **kwargs):
        self.can_open = can_open
        super().__init__(*args, **kwargs)

    def project_link(self, record: Project, mark: str) -> str:
        if self.can_open(record.unit_id):
            url = reverse("projects:project_detail", args=[record.pk])
            return format_html('<a href="{}">{}</a>{}', url, record.name, mark)
        return format_html("{}{}", record.name, mark)


class LargeProjectTable(ProjectLinkMixin, tables.Table):
    """超千万美元项目 approved in the period (超亿 marked)."""

    code = tables.Column(verbose_name=gettext_lazy("项目编号"))
    name = tables.Column(verbose_name=gettext_lazy("项目名称"))
    unit = tables.Column(verbose_name=gettext_lazy("引进单位"), accessor="unit__name",
                         order_by=("unit__sort_order", "unit__code"))
    type = tables.Column(verbose_name=gettext_lazy("类型"))
    approved_on = tables.DateColumn(verbose_name=gettext_lazy("批准日期"), format="Y-m-d")
    registered_fdi = AmountColumn(verbose_name=gettext_lazy("注册外资（万美元）"))
    investor = tables.Column(verbose_name=gettext_lazy("投资方"), default="")
    country = tables.Column(verbose_name=gettext_lazy("国别/地区"), default="")

    class Meta:
        model = Project
        fields = ["code", "name", "unit", "type", "approved_on", "registered_fdi", "investor", "country"]
        attrs = {"class": "table"}
        order_by_field = "sort"
        empty_text = gettext_lazy("这一期间没有超千万美元的新批项目。")

    def value_name(self, value, record):
        return value

    def render_name(self, value, record):
        very_large = record.registered_fdi >= VERY_LARGE
        mark = format_html(' <span class="large-mark">{}</span>', _("超亿")) if very_large else ""
        return self.project_link(record, mark)


class PipelineTable(ProjectLinkMixin, tables.Table):
    """在谈项目库: negotiating and signed projects by unit and stage (超千万 marked)."""

    unit = tables.Column(verbose_name=gettext_lazy("引进单位"), accessor="unit__name",
                         order_by=("unit__sort_order", "unit__code"))
    stage = tables.Column(verbose_name=gettext_lazy("阶段"))
    code = tables.Column(verbose_name=gettext_lazy("项目编号"))
    name = tables.Column(verbose_name=gettext_lazy("项目名称"))
    type = tables.Column(verbose_name=gettext_lazy("类型"))
    registered_fdi = AmountColumn(verbose_name=gettext_lazy("拟注册外资（万美元）"))
    investor = tables.Column(verbose_name=gettext_lazy("投资方"), default="")
    country = tables.Column(verbose_name=gettext_lazy("国别/地区"), default="")

    class Meta:
        model = Project
        fields = ["unit", "stage", "code", "name", "type", "registered_fdi", "investor", "country"]
        attrs = {"class": "table"}
        order_by_field = "psort"
        page_field = "ppage"
        empty_text = gettext_lazy("没有在谈或已签约的项目。")

    def __init__(self, *args, large: Decimal, **kwargs):
        self.large = large
        super().__init__(*args, **kwargs)

    def value_name(self, value, record):
        return value

    def render_name(self, value, record):
        large = record.registered_fdi >= self.large
        mark = format_html(' <span class="large-mark">{}</span>', _("超千万")) if large else ""
        return self.project_link(record, mark)

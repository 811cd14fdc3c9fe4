"""The neighbouring counties (兄弟县市) and benchmarks the city compares itself with, and the figures the
prefecture's 通报 publishes for them each month (INTERFACES.md §1 sheet ``peers``, §6).

A peer's figure is what was published — the cumulative 1–M月 amount, last year's, and for 新批注册外资 the
count of projects ≥ 1,000 万美元 — not something the portal computes; a missing row means the 通报 did not
give it (the review says so rather than leaving a blank)."""
from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from targets.models import YEAR_RANGE, Indicator
from units import rules


class PeerCounty(models.Model):
    class Kind(models.TextChoices):
        COUNTY = "county", _("兄弟县（市）")
        BENCHMARK = "benchmark", _("参照数（如全省开发区平均）")

    name = models.CharField(_("名称"), max_length=rules.SHORT_TEXT_MAX, unique=True, validators=[rules.validate_text])
    kind = models.CharField(_("类别"), max_length=12, choices=Kind.choices, default=Kind.COUNTY,
                            help_text=_("兄弟县（市）参与排名；参照数只列出作对照。"))
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("兄弟县市")
        verbose_name_plural = _("兄弟县市")
        ordering = ["kind", "sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class PeerFigure(models.Model):
    peer = models.ForeignKey(PeerCounty, verbose_name=_("兄弟县市"), on_delete=models.PROTECT, related_name="figures")
    year = models.PositiveSmallIntegerField(_("年度"), validators=[rules.validate_year])
    month = models.PositiveSmallIntegerField(_("月份"), validators=[rules.validate_month])
    indicator = models.CharField(_("指标"), max_length=20, choices=Indicator.choices)
    ytd = models.DecimalField(_("1至本月累计（万美元）"), max_digits=14, decimal_places=2, validators=[rules.validate_amount])
    last_year_ytd = models.DecimalField(_("上年同期（万美元）"), max_digits=14, decimal_places=2, null=True, blank=True,
                                        validators=[rules.validate_amount])
    over_1000 = models.PositiveIntegerField(_("超千万美元项目（个）"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("兄弟县市数据")
        verbose_name_plural = _("兄弟县市数据")
        ordering = ["year", "month", "peer", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["peer", "year", "month", "indicator"], name="peer_figure_unique_key",
                                    violation_error_message=_("该县市该月的这一指标已经填写。")),
            models.CheckConstraint(condition=Q(ytd__gte=0), name="peer_figure_ytd_non_negative",
                                   violation_error_message=_("金额不能为负数。")),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12), name="peer_figure_month_range",
                                   violation_error_message=_("月份必须在1到12之间。")),
            models.CheckConstraint(condition=YEAR_RANGE, name="peer_figure_year_range",
                                   violation_error_message=_("年度超出范围。")),
        ]
        indexes = [models.Index(fields=["year", "month"])]

    def __str__(self) -> str:
        return f"{self.peer} {self.year}-{self.month:02d} {self.get_indicator_display()} {self.ytd}"

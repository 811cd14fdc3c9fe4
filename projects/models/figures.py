"""Figures a unit reports each month as numbers (进出口总额, 出口总额, 外经营业额: ``targets.indicators``)."""
from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from targets.indicators import REPORTED_CODES
from targets.models import YEAR_RANGE, Indicator
from units import rules
from units.models import Unit


class ReportedFigure(models.Model):
    """One unit's figure for one month of a reported indicator, in 万美元: that month's amount, not the
    cumulative one. Zero is a value (the unit reported nothing happened); no row means not reported."""

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="figures")
    year = models.PositiveSmallIntegerField(_("年度"), validators=[rules.validate_year])
    month = models.PositiveSmallIntegerField(_("月份"), validators=[rules.validate_month])
    indicator = models.CharField(_("指标"), max_length=20, choices=Indicator.choices)
    amount = models.DecimalField(_("当月金额（万美元）"), max_digits=14, decimal_places=2,
                                 validators=[rules.validate_amount])
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("报送指标")
        verbose_name_plural = _("报送指标")
        ordering = ["year", "month", "unit__sort_order", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "month", "indicator"], name="figure_unique_key",
                                    violation_error_message=_("该单位该月的这一指标已经填报。")),
            models.CheckConstraint(condition=Q(amount__gte=0), name="figure_amount_non_negative",
                                   violation_error_message=_("金额不能为负数。")),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12), name="figure_month_range",
                                   violation_error_message=_("月份必须在1到12之间。")),
            models.CheckConstraint(condition=YEAR_RANGE, name="figure_year_range",
                                   violation_error_message=_("年度超出范围。")),
            models.CheckConstraint(condition=Q(indicator__in=REPORTED_CODES), name="figure_indicator_reported",
                                   violation_error_message=_("只有进出口、出口、外经营业额按月填报数字。")),
        ]
        indexes = [models.Index(fields=["year", "month"]), models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}-{self.month:02d} {self.get_indicator_display()} {self.amount}"

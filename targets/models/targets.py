"""Annual targets (目标) per unit and indicator, a year's own schedule (序时进度) and its settings."""
from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units import periods, rules
from units.models import Unit


class Indicator(models.TextChoices):
    """INTERFACES.md §0; what each is and where it comes from: ``targets.indicators``."""

    REGISTERED_FDI = "registered_fdi", _("新批注册外资")
    PAID_IN_FDI = "paid_in_fdi", _("注册外资实际到帐")
    TRADE_TOTAL = "trade_total", _("进出口总额")
    EXPORTS = "exports", _("出口总额")
    OUTWARD_REVENUE = "outward_revenue", _("外经营业额")
    GRAFTED_FDI = "grafted_fdi", _("嫁接引资（新批注册外资）")


class TargetKind(models.TextChoices):
    ASSESSMENT = "assessment", _("考核目标")
    STRETCH = "stretch", _("加压目标")
    DOUBLING = "doubling", _("翻番目标")


YEAR_RANGE = Q(year__gte=periods.YEAR_MIN) & Q(year__lte=periods.YEAR_MAX)


class Target(models.Model):
    """One annual target, in 万美元, from the unit's responsibility letter (责任书)."""

    year = models.PositiveSmallIntegerField(_("年度"), validators=[rules.validate_year])
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="targets")
    indicator = models.CharField(_("指标"), max_length=20, choices=Indicator.choices)
    kind = models.CharField(_("目标类别"), max_length=12, choices=TargetKind.choices)
    amount = models.DecimalField(_("目标（万美元）"), max_digits=14, decimal_places=2, validators=[rules.validate_amount])
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("目标")
        verbose_name_plural = _("目标")
        ordering = ["year", "unit__sort_order", "unit__code", "indicator", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit", "indicator", "kind"],
                name="target_unique_key",
                violation_error_message=_("该单位该年度该指标的此类目标已存在。"),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="target_amount_non_negative",
                violation_error_message=_("目标金额不能为负数。"),
            ),
            models.CheckConstraint(
                condition=YEAR_RANGE, name="target_year_range", violation_error_message=_("年度超出范围。")
            ),
            models.CheckConstraint(
                condition=Q(indicator__in=Indicator.values), name="target_indicator_valid",
                violation_error_message=_("指标无效。"),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=TargetKind.values), name="target_kind_valid",
                violation_error_message=_("目标类别无效。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.unit} {self.get_indicator_display()} {self.get_kind_display()}"


class ScheduleMonth(models.Model):
    """A year's own schedule: the cumulative share of the year's target due by the end of a month.

    A year without these rows uses the even schedule M / 12.
    """

    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    cumulative_pct = models.DecimalField(_("累计序时进度（%）"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("序时进度")
        verbose_name_plural = _("序时进度")
        ordering = ["year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="schedule_unique_month"),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="schedule_month_range",
                violation_error_message=_("月份必须在1到12之间。"),
            ),
            models.CheckConstraint(
                condition=Q(cumulative_pct__gte=0) & Q(cumulative_pct__lte=100), name="schedule_pct_range",
                violation_error_message=_("累计序时进度必须在0到100之间。"),
            ),
            models.CheckConstraint(
                condition=YEAR_RANGE, name="schedule_year_range", violation_error_message=_("年度超出范围。")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} {self.cumulative_pct}%"


class YearSetting(models.Model):
    """What the bureau sets for a year beside its targets: the day of the following month by which a
    month's report is due (e.g. the 5th: July is due by 5 August); the city's GDP and the year's exchange
    rate, and the national and provincial foreign-trade dependence to compare the city's with."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True, validators=[rules.validate_year])
    deadline_day = models.PositiveSmallIntegerField(
        _("报送截止日"), null=True, blank=True,
        help_text=_("次月几日前报送（1–28）；留空表示不设截止日，不计逾期。"),
    )
    # 外贸依存度 = 进出口总额 × 汇率 ÷ GDP, beside the national and provincial benchmarks (seed 000).
    gdp = models.DecimalField(_("全市GDP（亿元）"), max_digits=10, decimal_places=2, null=True, blank=True,
                              validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(1000000))])
    exchange_rate = models.DecimalField(_("汇率（元/美元）"), max_digits=7, decimal_places=4, null=True, blank=True,
                                        validators=[MinValueValidator(Decimal("0.1")), MaxValueValidator(Decimal(100))])
    national_dependence = models.DecimalField(_("全国外贸依存度（%）"), max_digits=6, decimal_places=2, null=True,
                                              blank=True, validators=[MinValueValidator(0), MaxValueValidator(1000)])
    provincial_dependence = models.DecimalField(_("全省外贸依存度（%）"), max_digits=6, decimal_places=2, null=True,
                                                blank=True, validators=[MinValueValidator(0), MaxValueValidator(1000)])

    class Meta:
        verbose_name = _("年度设置")
        verbose_name_plural = _("年度设置")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline_day__isnull=True) | (Q(deadline_day__gte=1) & Q(deadline_day__lte=28)),
                name="year_setting_deadline_day_range",
                violation_error_message=_("报送截止日必须是1到28之间的日期。"),
            ),
            models.CheckConstraint(condition=YEAR_RANGE, name="year_setting_year_range",
                                   violation_error_message=_("年度超出范围。")),
            models.CheckConstraint(condition=Q(gdp__isnull=True) | Q(gdp__gt=0), name="year_setting_gdp_positive",
                                   violation_error_message=_("GDP必须大于0。")),
            models.CheckConstraint(condition=Q(exchange_rate__isnull=True) | Q(exchange_rate__gt=0),
                                   name="year_setting_rate_positive", violation_error_message=_("汇率必须大于0。")),
        ]

    def __str__(self) -> str:
        return str(self.year)

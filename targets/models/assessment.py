"""The year's 考核办法 as data (INTERFACES.md §1 sheets ``assessment`` and ``awards``, §5): which
indicators are scored, with what weight, by which method, against which target kind; and the awards the
city promised ("在三季度完成实际外资全年加压目标任务、四季度完成翻番目标任务的，仍将实行重奖")."""
from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from targets.models.targets import YEAR_RANGE, Indicator, TargetKind
from units import rules


class AssessmentRule(models.Model):
    """One scored indicator of a year's assessment: ``weight`` points, earned by the unit's completion x of
    the rule's target kind — ``ratio``: weight × min(cap, x); ``efficacy`` (功效系数法): weight × (0.6 +
    0.4 × (x − min) / (max − min)) over the units of the kind (``reports.assessment``)."""

    class Method(models.TextChoices):
        RATIO = "ratio", _("按完成比例计分")
        EFFICACY = "efficacy", _("功效系数法")

    year = models.PositiveSmallIntegerField(_("年度"), validators=[rules.validate_year])
    indicator = models.CharField(_("指标"), max_length=20, choices=Indicator.choices)
    weight = models.DecimalField(_("权重（分）"), max_digits=6, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(1000))])
    method = models.CharField(_("计分方法"), max_length=10, choices=Method.choices, default=Method.RATIO)
    cap = models.DecimalField(_("封顶系数"), max_digits=5, decimal_places=2, default=Decimal(1),
                              validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(10))],
                              help_text=_("按完成比例计分时，完成率最多按几倍计（1即100%封顶，1.2即120%）。"))
    target_kind = models.CharField(_("对照目标"), max_length=12, choices=TargetKind.choices,
                                   default=TargetKind.ASSESSMENT)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("考核计分办法")
        verbose_name_plural = _("考核计分办法")
        ordering = ["year", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["year", "indicator"], name="assessment_rule_unique_key",
                                    violation_error_message=_("这一年度的这一指标已有计分办法。")),
            models.CheckConstraint(condition=Q(weight__gt=0) & Q(weight__lte=1000), name="assessment_rule_weight_range",
                                   violation_error_message=_("权重必须大于0且不超过1000分。")),
            models.CheckConstraint(condition=Q(cap__gt=0) & Q(cap__lte=10), name="assessment_rule_cap_range",
                                   violation_error_message=_("封顶系数必须大于0且不超过10。")),
            models.CheckConstraint(condition=Q(method__in=["ratio", "efficacy"]), name="assessment_rule_method_valid",
                                   violation_error_message=_("计分方法无效。")),
            models.CheckConstraint(condition=Q(indicator__in=Indicator.values), name="assessment_rule_indicator_valid",
                                   violation_error_message=_("指标无效。")),
            models.CheckConstraint(condition=Q(target_kind__in=TargetKind.values), name="assessment_rule_kind_valid",
                                   violation_error_message=_("目标类别无效。")),
            models.CheckConstraint(condition=YEAR_RANGE, name="assessment_rule_year_range",
                                   violation_error_message=_("年度超出范围。")),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_indicator_display()} {self.weight}"


class AwardRule(models.Model):
    """An award the city promised for a year: the units whose YTD of ``indicator`` reaches their
    ``target_kind`` target by the end of month ``by_month`` (三季度: 9, 四季度: 12)."""

    year = models.PositiveSmallIntegerField(_("年度"), validators=[rules.validate_year])
    name = models.CharField(_("奖项名称"), max_length=60, validators=[rules.validate_text])
    indicator = models.CharField(_("指标"), max_length=20, choices=Indicator.choices)
    target_kind = models.CharField(_("对照目标"), max_length=12, choices=TargetKind.choices)
    by_month = models.PositiveSmallIntegerField(_("截至月份"), validators=[rules.validate_month],
                                                help_text=_("在这个月底以前完成目标的单位获奖（三季度为9，全年为12）。"))
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("奖励办法")
        verbose_name_plural = _("奖励办法")
        ordering = ["year", "by_month", "name"]
        constraints = [
            models.UniqueConstraint(fields=["year", "name"], name="award_rule_unique_key",
                                    violation_error_message=_("这一年度已有同名的奖项。")),
            models.CheckConstraint(condition=Q(by_month__gte=1) & Q(by_month__lte=12), name="award_rule_month_range",
                                   violation_error_message=_("月份必须在1到12之间。")),
            models.CheckConstraint(condition=Q(indicator__in=Indicator.values), name="award_rule_indicator_valid",
                                   violation_error_message=_("指标无效。")),
            models.CheckConstraint(condition=Q(target_kind__in=TargetKind.values), name="award_rule_kind_valid",
                                   violation_error_message=_("目标类别无效。")),
            models.CheckConstraint(condition=YEAR_RANGE, name="award_rule_year_range",
                                   violation_error_message=_("年度超出范围。")),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"

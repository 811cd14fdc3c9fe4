"""Foreign-investment projects (外资项目) and their monthly paid-in arrivals (实际到帐)."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models.catalogues import Country, Industry, canonical
from targets.models import YEAR_RANGE
from units import periods, rules
from units.models import Unit

# Stages at which a project has been approved (批准) and so carries an approval date.
APPROVED_STAGES = ("approved", "funded", "operating")
PIPELINE_STAGES = ("negotiating", "signed")


class Project(models.Model):
    class Type(models.TextChoices):
        NEW = "new", _("新设")
        INCREASE = "increase", _("增资")
        MERGER = "merger", _("并购")

    class Stage(models.TextChoices):
        NEGOTIATING = "negotiating", _("在谈")
        SIGNED = "signed", _("签约")
        APPROVED = "approved", _("批准")
        FUNDED = "funded", _("到资")
        OPERATING = "operating", _("投产")
        DROPPED = "dropped", _("终止/放弃")

    code = models.CharField(_("项目编号"), max_length=40, unique=True, validators=[rules.validate_code])
    name = models.CharField(_("项目名称"), max_length=200, validators=[rules.validate_text])
    unit = models.ForeignKey(
        Unit, verbose_name=_("引进单位"), on_delete=models.PROTECT, related_name="projects",
        help_text=_("引进项目并计入实绩的单位，一个项目只计入一个单位。"),
    )
    type = models.CharField(_("项目类型"), max_length=10, choices=Type.choices, default=Type.NEW)
    stage = models.CharField(_("项目阶段"), max_length=12, choices=Stage.choices, default=Stage.NEGOTIATING)
    approved_on = models.DateField(_("批准日期"), null=True, blank=True, validators=[rules.validate_date])
    registered_fdi = models.DecimalField(
        _("注册外资（万美元）"), max_digits=14, decimal_places=2, validators=[rules.validate_amount],
        help_text=_("增资项目填写增资部分。"),
    )
    investor = models.CharField(_("投资方"), max_length=200, blank=True, validators=[rules.validate_text])
    country = models.CharField(_("国别/地区"), max_length=60, blank=True, validators=[rules.validate_text])
    industry = models.CharField(_("行业"), max_length=60, blank=True, validators=[rules.validate_text])
    backbone = models.BooleanField(_("骨干企业招商"), default=False)
    grafted = models.BooleanField(
        _("嫁接引资"), default=False, help_text=_("外资投向已有的内资企业（以民引外、以外引外）。"),
    )
    total_investment = models.DecimalField(
        _("总投资（万美元）"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[rules.validate_amount],
    )
    # 重点项目 (seed 004: 一个项目，一个领导，一套班子，一抓到底) and where the lead came from
    key = models.BooleanField(_("重点项目"), default=False)
    leader = models.CharField(_("联系领导"), max_length=rules.SHORT_TEXT_MAX, blank=True, validators=[rules.validate_text])
    leader_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("联系领导（账号）"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="led_projects", help_text=_("联系领导有本系统账号时选择，其“我的项目”中会列出本项目。"),
    )
    team = models.CharField(_("工作班子"), max_length=rules.NAME_MAX, blank=True, validators=[rules.validate_text])
    activity = models.CharField(_("来源活动"), max_length=rules.CODE_MAX, blank=True, validators=[rules.validate_text],
                                help_text=_("项目来自的招商活动的编号（外出招商、集中签约等）。"))
    dropped_reason = models.CharField(_("终止/放弃原因"), max_length=rules.REASON_MAX, blank=True,
                                      validators=[rules.validate_text])
    stage_since = models.DateField(_("进入当前阶段的日期"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        verbose_name = _("外资项目")
        verbose_name_plural = _("外资项目")
        ordering = ["unit__sort_order", "unit__code", "code"]
        constraints = [
            models.UniqueConstraint(
                Lower("code"), name="project_code_unique_any_case",
                violation_error_message=_("项目编号已存在（不区分大小写），请核对后换一个编号。"),
            ),
            models.CheckConstraint(
                condition=Q(registered_fdi__gte=0), name="project_registered_non_negative",
                violation_error_message=_("注册外资不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(total_investment__isnull=True) | Q(total_investment__gte=0),
                name="project_total_investment_non_negative",
                violation_error_message=_("总投资不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(type__in=["new", "increase", "merger"]), name="project_type_valid",
                violation_error_message=_("项目类型无效。"),
            ),
            models.CheckConstraint(
                condition=(Q(stage__in=APPROVED_STAGES) & Q(approved_on__isnull=False))
                | (Q(stage__in=(*PIPELINE_STAGES, "dropped")) & Q(approved_on__isnull=True)),
                name="project_approval_date_matches_stage",
                violation_error_message=_("已批准（批准、到资、投产）的项目必须填写批准日期；在谈、签约的项目不能有批准日期。"),
            ),
        ]
        indexes = [models.Index(fields=["unit", "approved_on"]), models.Index(fields=["approved_on"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # 时间在当前阶段: the day the project entered its stage, whichever path changed it
        if self._state.adding or self.stage_since is None or self.stage != getattr(self, "_loaded_stage", self.stage):
            self.stage_since = periods.today()
        super().save(*args, **kwargs)
        self._loaded_stage = self.stage

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_stage = getattr(instance, "stage", None)  # type: ignore[attr-defined]
        return instance

    @property
    def is_dropped(self) -> bool:
        return self.stage == self.Stage.DROPPED

    def clean(self) -> None:
        super().clean()
        if self.stage == self.Stage.DROPPED and not (self.dropped_reason or "").strip():
            raise ValidationError({"dropped_reason": _("终止/放弃的项目请填写原因。")})
        if self.activity:
            from projects.models.key import Activity

            if not Activity.objects.filter(code=self.activity).exists():
                raise ValidationError({"activity": _("没有编号为“%(code)s”的招商活动，请先登记该活动。") % {"code": self.activity}})
        if self.unit_id and Unit.objects.filter(pk=self.unit_id, kind=Unit.Kind.CITY).exists():
            # The city's figures are the sum of its units; a project credited to the city itself would
            # count in the city and in no group (开发区/乡镇/部门).
            raise ValidationError({"unit": _("市本级不能作为引进单位，请选择引进项目的开发区、乡镇或部门。")})
        # Industry and country are chosen from the lists staff keep; an alias is stored as the listed name.
        errors = {}
        for field, model in (("industry", Industry), ("country", Country)):
            try:
                setattr(self, field, canonical(model, getattr(self, field)))
            except ValidationError as error:
                errors[field] = error.messages
        if errors:
            raise ValidationError(errors)


class Arrival(models.Model):
    """Paid-in foreign capital (实际到帐) of a project in one month, in 万美元.

    A carry-over (上年结余) arrived at the end of last year but is booked to January of this year:
    it counts toward this year's totals, not toward the monthly arrival rate.
    """

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="arrivals"
    )
    year = models.PositiveSmallIntegerField(_("年度"), validators=[rules.validate_year])
    month = models.PositiveSmallIntegerField(_("月份"), validators=[rules.validate_month])
    amount = models.DecimalField(_("到帐金额（万美元）"), max_digits=14, decimal_places=2, validators=[rules.validate_amount])
    carry_over = models.BooleanField(_("上年结余"), default=False)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("到帐记录")
        verbose_name_plural = _("到帐记录")
        ordering = ["project", "year", "month", "carry_over"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "month", "carry_over"], name="arrival_unique_key",
                violation_error_message=_("该项目该月的到帐记录已存在。"),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="arrival_amount_non_negative",
                violation_error_message=_("到帐金额不能为负数。"),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="arrival_month_range",
                violation_error_message=_("月份必须在1到12之间。"),
            ),
            models.CheckConstraint(
                condition=Q(carry_over=False) | Q(month=1), name="arrival_carry_over_in_january",
                violation_error_message=_("上年结余计入当年1月。"),
            ),
            models.CheckConstraint(
                condition=YEAR_RANGE, name="arrival_year_range", violation_error_message=_("年度超出范围。")
            ),
        ]
        indexes = [models.Index(fields=["year", "month"])]

    def __str__(self) -> str:
        suffix = "（上年结余）" if self.carry_over else ""
        return f"{self.project} {self.year}-{self.month:02d}{suffix}"

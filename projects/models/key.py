"""Key projects' milestones (节点) and problems (困难问题), and the investment activities (招商活动) leads come
from (INTERFACES.md §1 sheets ``milestones``, ``problems``, ``activities``; §7)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.models.projects import Project
from units import rules
from units.models import Unit

MILESTONE_NAMES = ("签约", "拟开工", "开工", "到资", "投产")


class Milestone(models.Model):
    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("节点"), max_length=rules.SHORT_TEXT_MAX, validators=[rules.validate_text],
                            help_text=_("签约、拟开工、开工、到资、投产，或自拟。"))
    planned_on = models.DateField(_("计划日期"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True, validators=[rules.validate_date])
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("项目节点")
        verbose_name_plural = _("项目节点")
        ordering = ["project", "planned_on", "name"]
        constraints = [models.UniqueConstraint(fields=["project", "name"], name="milestone_unique_name",
                                               violation_error_message=_("这个项目已有同名的节点。"))]

    def __str__(self) -> str:
        return f"{self.project} {self.name}"


class Problem(models.Model):
    project = models.ForeignKey(Project, verbose_name=_("项目"), on_delete=models.CASCADE, related_name="problems")
    raised_on = models.DateField(_("提出日期"), validators=[rules.validate_date])
    description = models.CharField(_("困难问题"), max_length=rules.REASON_MAX, validators=[rules.validate_text])
    owner = models.CharField(_("责任单位/人"), max_length=rules.SHORT_TEXT_MAX, blank=True, validators=[rules.validate_text])
    due_on = models.DateField(_("要求解决日期"), null=True, blank=True)
    resolved_on = models.DateField(_("解决日期"), null=True, blank=True, validators=[rules.validate_date])
    resolution = models.CharField(_("解决情况"), max_length=rules.REASON_MAX, blank=True, validators=[rules.validate_text])
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("解决登记人"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("困难问题")
        verbose_name_plural = _("困难问题")
        ordering = ["project", "raised_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["project", "raised_on", "description"], name="problem_unique_key",
                                    violation_error_message=_("这个项目同一天已登记过相同的问题。")),
            models.CheckConstraint(condition=Q(resolved_on__isnull=True) | Q(resolved_on__gte=models.F("raised_on")),
                                   name="problem_resolved_after_raised",
                                   violation_error_message=_("解决日期不能早于提出日期。")),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.description[:20]}"


class Activity(models.Model):
    class Kind(models.TextChoices):
        TRIP = "trip", _("外出招商（小分队）")
        EVENT = "event", _("招商活动（集中签约）")
        VISIT = "visit", _("来访接待")
        SALON = "salon", _("外商沙龙")

    code = models.CharField(_("活动编号"), max_length=rules.CODE_MAX, unique=True, validators=[rules.validate_code])
    kind = models.CharField(_("类别"), max_length=8, choices=Kind.choices)
    date = models.DateField(_("日期"), validators=[rules.validate_date])
    name = models.CharField(_("名称"), max_length=rules.NAME_MAX, validators=[rules.validate_text])
    units = models.ManyToManyField(Unit, verbose_name=_("参加单位"), blank=True, related_name="activities")
    leads = models.PositiveIntegerField(_("收集客源（条）"), default=0)
    quota_township = models.DecimalField(_("乡镇签约项目额度（万美元）"), max_digits=14, decimal_places=2, null=True,
                                         blank=True, validators=[rules.validate_amount],
                                         help_text=_("集中签约：每个乡镇至少带一个不低于此额度的项目。"))
    quota_zone = models.DecimalField(_("开发区、招商局签约项目额度（万美元）"), max_digits=14, decimal_places=2, null=True,
                                     blank=True, validators=[rules.validate_amount])
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[units])

    class Meta:
        verbose_name = _("招商活动")
        verbose_name_plural = _("招商活动")
        ordering = ["-date", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def has_quota(self) -> bool:
        return self.quota_township is not None or self.quota_zone is not None


class DuplicateDismissal(models.Model):
    """Staff looked at two projects flagged as possible duplicates and found them to be two projects."""

    first = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("确认非重复项目")
        verbose_name_plural = _("确认非重复项目")
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="duplicate_dismissal_unique")]

    def __str__(self) -> str:
        return f"{self.first_id} ≠ {self.second_id}"

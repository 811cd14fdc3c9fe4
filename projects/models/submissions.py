"""A unit's month: its submission (报送) and what the bureau did with it, and the notices clerks get."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units.models import Unit


class MonthSubmission(models.Model):
    """A unit's monthly report: submitted by its clerk, reviewed by the bureau — returned with a reason
    (the clerk corrects and submits again) or locked.

    A submission keeps what the month held when it was submitted (``snapshot``), so that a change made
    afterwards shows, old → new; ``nil_report`` records an explicit "本月无到帐" (a reported zero, which
    is not the same as not having reported). Timeliness is judged by ``first_submitted_at`` against the
    year's deadline (``targets.YearSetting``).
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已报送")
        RETURNED = "returned", _("已退回")
        LOCKED = "locked", _("已锁定")

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.PROTECT, related_name="submissions")
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("报送人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("锁定人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    locked_at = models.DateTimeField(_("锁定时间"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("首次报送时间"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("退回人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    returned_at = models.DateTimeField(_("退回时间"), null=True, blank=True)
    return_reason = models.CharField(_("退回原因"), max_length=200, blank=True)
    nil_report = models.BooleanField(_("本月无到帐"), default=False)
    snapshot = models.JSONField(_("报送时的数据"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("月度报送")
        verbose_name_plural = _("月度报送")
        ordering = ["year", "month", "unit__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "month"], name="submission_unique_month"),
            models.CheckConstraint(
                condition=Q(month__gte=1) & Q(month__lte=12), name="submission_month_range",
                violation_error_message=_("月份必须在1到12之间。"),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["submitted", "returned", "locked"]), name="submission_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}-{self.month:02d} {self.get_status_display()}"


class Notice(models.Model):
    """A notice a clerk sees on signing in: a reminder to submit (催报), or a returned month (退回)."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("催报")
        RETURNED = "returned", _("退回")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("收件人"), on_delete=models.CASCADE,
                             related_name="notices")
    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="notices")
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    kind = models.CharField(_("类别"), max_length=10, choices=Kind.choices)
    message = models.CharField(_("内容"), max_length=300)
    emailed = models.BooleanField(_("已发邮件"), default=False)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at"]), models.Index(fields=["unit", "year", "month", "kind"])]

    def __str__(self) -> str:
        return self.message

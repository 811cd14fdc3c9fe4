"""The reports app computes every figure from units, targets and projects; it stores only a counter."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """A counter bumped after every committed change to the data a report reads (see reports.cache).

    Cached reports are keyed by it, so every process — each gunicorn worker with its own cache — sees a
    change at its next request, at the price of one indexed one-row read.
    """

    version = models.BigIntegerField(_("数据版本"), default=1)

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self) -> str:
        return str(self.version)


class Edition(models.Model):
    """A published month (通报): the report and the briefing files exactly as they were announced.

    Numbered 1, 2, … per month. Nothing in it is ever recomputed: ``report_json`` is the progress report's
    JSON byte for byte (with its ``edition`` object), and the files are kept as written. Corrections made
    afterwards show as restatements (the live figures against this edition), and next month's "比上月"
    compares with the latest edition of this month."""

    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    number = models.PositiveSmallIntegerField(_("期号"))
    published_at = models.DateTimeField(_("发布时间"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("发布人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    published_by_name = models.CharField(_("发布人姓名"), max_length=150)
    report_json = models.TextField(_("进度报表（JSON）"))
    review_text = models.TextField(_("讲评稿"))
    briefing_xlsx = models.BinaryField(_("进度表（Excel）"))
    review_docx = models.BinaryField(_("讲评稿（Word）"))

    class Meta:
        verbose_name = _("通报")
        verbose_name_plural = _("通报")
        ordering = ["-year", "-month", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "month", "number"], name="edition_unique_number"),
            models.CheckConstraint(condition=models.Q(month__gte=1) & models.Q(month__lte=12),
                                   name="edition_month_range"),
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.month:02d} #{self.number}"

"""The reports app computes every figure from units, targets and projects; it stores only a counter."""
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

"""An uploaded workbook waiting for staff to confirm its import (the upload page previews first)."""
from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A preview nobody confirmed within a day is forgotten.
PENDING_DAYS = 1


class PendingUpload(models.Model):
    """The file of a previewed upload, kept in the database (every worker sees it) until confirmed."""

    token = models.UUIDField(_("编号"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.CASCADE,
                             related_name="+")
    filename = models.CharField(_("文件名"), max_length=200)
    content = models.BinaryField(_("文件内容"))
    reason = models.CharField(_("修改原因"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("待确认的导入")
        verbose_name_plural = _("待确认的导入")

    def __str__(self) -> str:
        return self.filename

    @classmethod
    def forget_old(cls) -> None:
        cls.objects.filter(created_at__lt=timezone.now() - dt.timedelta(days=PENDING_DAYS)).delete()

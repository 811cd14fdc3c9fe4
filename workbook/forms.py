"""The upload form of the data workbook."""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from units import rules


class WorkbookUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("数据工作簿（.xlsx）"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    reason = forms.CharField(
        label=gettext_lazy("修改原因（工作簿改动已锁定月份时必填）"), required=False, max_length=rules.REASON_MAX, validators=[rules.validate_text],
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(_("只能上传 .xlsx 格式的工作簿（Excel 2007 及以后版本）。"))
        limit = settings.WORKBOOK_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("文件过大（%(size)s），工作簿不能超过 %(limit)s。")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        # An .xlsx is a zip archive: anything else renamed to .xlsx is refused before the importer reads it.
        head = upload.read(4)
        upload.seek(0)
        if head != b"PK\x03\x04":
            raise ValidationError(_("文件不是有效的 .xlsx 工作簿。"))
        return upload

"""The data workbook on the bureau's desk: staff upload it (导入工作簿); staff and leaders download it.

Any bad row imports nothing and every problem is listed. The door is ``units.decorators.desk_view``.
"""
from __future__ import annotations

import dataclasses
import io

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from units.decorators import desk_view
from workbook.columns import SHEET_LABELS
from workbook.exporter import export_workbook
from workbook.forms import WorkbookUploadForm
from workbook.importer import WorkbookError, import_workbook


@desk_view(leaders_may_read=False)
def upload(request: HttpRequest) -> HttpResponse:
    """Staff upload the data workbook; any bad row imports nothing and every problem is listed."""
    problems: list[str] = []
    summary = None
    if request.method == "POST" and (request.FILES is not None) and getattr(request, "upload_too_large", False):
        # Parsing the body (request.FILES) runs config.uploads: it stopped reading at the limit and
        # nothing of the file was kept.
        limit_mb = settings.WORKBOOK_MAX_UPLOAD_BYTES / (1024 * 1024)
        form = WorkbookUploadForm()
        problems = [_("文件过大：工作簿不能超过 %(mb).0f MB，未导入任何数据。") % {"mb": limit_mb}]
        return render(request, "workbook/upload.html",
                      {"form": form, "problems": problems, "summary": None, "sheets": None}, status=413)
    if request.method == "POST":
        form = WorkbookUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                summary = import_workbook(
                    form.cleaned_data["file"], max_bytes=settings.WORKBOOK_MAX_UPLOAD_BYTES,
                    reason=form.cleaned_data.get("reason", ""),
                )
            except WorkbookError as exc:
                problems = list(exc.problems) or [str(exc)]
    else:
        form = WorkbookUploadForm()
    sheets = (
        [{"label": SHEET_LABELS.get(name, name), **dataclasses.asdict(counts)} for name, counts in summary.sheets.items()]
        if summary is not None
        else None
    )
    return render(
        request,
        "workbook/upload.html",
        {"form": form, "problems": problems, "summary": summary, "sheets": sheets},
        status=400 if problems or form.errors else 200,
    )


@desk_view(leaders_may_read=True)
def export(request: HttpRequest) -> HttpResponse:
    """The current data as a workbook of the import's shape (INTERFACES.md §1)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    buffer = io.BytesIO()
    export_workbook(buffer)
    buffer.seek(0)
    filename = "招商引资数据-%s.xlsx" % timezone.localdate().strftime("%Y%m%d")
    return FileResponse(buffer, as_attachment=True, filename=filename,  # type: ignore[return-value]
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

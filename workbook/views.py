"""The data workbook on the bureau's desk: staff upload it (导入工作簿); staff and leaders download it.

Any bad row imports nothing and every problem is listed. The door is ``units.decorators.desk_view``.
"""
from __future__ import annotations

import dataclasses
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponseNotAllowed
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from units import access
from units.decorators import desk_view, no_store
from workbook.columns import SHEET_LABELS
from workbook.exporter import export_workbook
from workbook.forms import WorkbookUploadForm
from workbook.importer import ImportSummary, WorkbookError, import_workbook
from workbook.models import PendingUpload

PREVIEW_ROWS = 300  # rows of changes listed on the preview page; the counts cover all of them


def _sheet_counts(summary: ImportSummary) -> list[dict]:
    return [{"label": SHEET_LABELS.get(name, name), **dataclasses.asdict(counts)} for name, counts in summary.sheets.items()]


def _page(request: HttpRequest, *, status: int = 200, **context) -> HttpResponseBase:
    context.setdefault("form", WorkbookUploadForm())
    summary = context.get("summary")
    if summary is not None:
        context["sheets"] = _sheet_counts(summary)
        context["rows"] = summary.rows[:PREVIEW_ROWS]
        context["more_rows"] = max(0, len(summary.rows) - PREVIEW_ROWS)
    # the preview lists every changed row, investors included: no cache keeps it
    return no_store(render(request, "workbook/upload.html", context, status=status))


@desk_view(leaders_may_read=False)
def upload(request: HttpRequest) -> HttpResponseBase:
    """Staff upload the data workbook: first a preview of what it would change (rows added, changed old → new,
    conflicts with changes made in the portal since the export), then — once confirmed — the import.

    Nothing changes until staff confirm; any bad row imports nothing and every problem is listed. A row
    changed in the portal since the file was exported is kept as the portal has it unless staff tick it.
    """
    if request.method == "POST" and (request.FILES is not None) and getattr(request, "upload_too_large", False):
        # Parsing the body (request.FILES) runs config.uploads: it stopped reading at the limit and
        # nothing of the file was kept.
        limit_mb = settings.WORKBOOK_MAX_UPLOAD_BYTES / (1024 * 1024)
        return _page(request, status=413,
                     problems=[_("文件过大：工作簿不能超过 %(mb).0f MB，未导入任何数据。") % {"mb": limit_mb}])
    if request.method != "POST":
        return _page(request)
    if request.POST.get("confirm"):
        return _confirm(request)
    form = WorkbookUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    content = form.cleaned_data["file"].read()
    reason = form.cleaned_data.get("reason", "")
    try:
        summary = import_workbook(io.BytesIO(content), max_bytes=settings.WORKBOOK_MAX_UPLOAD_BYTES,
                                  reason=reason, dry_run=True)
    except WorkbookError as exc:
        return _page(request, form=form, problems=list(exc.problems) or [str(exc)], status=400)
    if not summary.rows:
        return _page(request, form=form, nothing=True, summary=summary)
    PendingUpload.forget_old()
    pending = PendingUpload.objects.create(
        user=access.signed_in(request.user), filename=form.cleaned_data["file"].name[:200], content=content,
        reason=reason,
    )
    return _page(request, form=form, summary=summary, pending=pending)


def _confirm(request: HttpRequest) -> HttpResponseBase:
    """The second step: import the previewed file, overwriting only the conflicts staff ticked."""
    try:
        pending = PendingUpload.objects.get(token=request.POST.get("upload", ""), user=access.signed_in(request.user))
    except (PendingUpload.DoesNotExist, ValidationError, ValueError):
        return _page(request, status=400, problems=[_("找不到要确认的工作簿（可能已超过一天或已经导入），请重新上传。")])
    try:
        summary = import_workbook(io.BytesIO(bytes(pending.content)), reason=pending.reason,
                                  overwrite=request.POST.getlist("overwrite"))
    except WorkbookError as exc:
        # The data changed since the preview (a month was locked meanwhile, say): nothing was imported.
        return _page(request, problems=list(exc.problems) or [str(exc)], status=400)
    pending.delete()
    return _page(request, summary=summary, done=True)


@desk_view(leaders_may_read=True)
def export(request: HttpRequest) -> HttpResponseBase:
    """The current data as a workbook of the import's shape (INTERFACES.md §1)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    buffer = io.BytesIO()
    template = request.GET.get("template") == "1"  # the empty template: headers, drop-downs, 说明
    export_workbook(buffer, empty=template, codes=request.GET.get("codes") == "1")
    buffer.seek(0)
    filename = ("招商引资数据模板.xlsx" if template
                else "招商引资数据-%s.xlsx" % timezone.localdate().strftime("%Y%m%d"))
    return no_store(FileResponse(buffer, as_attachment=True, filename=filename,
                                 content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))

"""Stop reading an upload once it is larger than any workbook may be (the portal's only uploads).

Without this Django would spool the whole body to disk before a view could refuse it; the handler
stops the parser at the limit (and does not read the rest), and marks the request so that the view
answers with a clear message.
"""
from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class UploadSizeLimitHandler(FileUploadHandler):
    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received = start + len(raw_data)
        if self.received > settings.WORKBOOK_MAX_UPLOAD_BYTES:
            setattr(self.request, "upload_too_large", True)  # noqa: B010 — read by the upload view
            raise StopUpload(connection_reset=True)
        return raw_data  # handed on to the memory / temporary-file handlers

    def file_complete(self, file_size: int) -> None:
        return None

"""Opening an untrusted workbook: a sane zip before openpyxl inflates anything (zip-bomb guards).

Python's zipfile never inflates an entry beyond its declared size, so the declared sizes in the zip's
directory are the ones that matter; they are checked here before the file is handed to openpyxl.
"""
from __future__ import annotations

import os
import zipfile
from io import BytesIO
from pathlib import Path
from typing import IO

from django.utils.translation import gettext as _

from workbook.problems import Problems

Source = str | os.PathLike | IO[bytes]

MAX_ZIP_ENTRIES = 2000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
LARGE_ENTRY_BYTES = 1024 * 1024


def open_archive(source: Source, *, max_bytes: int | None, problems: Problems) -> str | os.PathLike | BytesIO | None:
    """The source, checked to be a sane zip; None (with a problem recorded) when it is not."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if not path.is_file():
            problems.add_file(_("找不到文件：%(path)s") % {"path": path})
            return None
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            problems.add_file(_too_big(size, max_bytes))
            return None
        with path.open("rb") as handle:
            head = handle.read(8)
        data: str | os.PathLike | BytesIO = source
    else:
        raw = source.read() if max_bytes is None else source.read(max_bytes + 1)
        if max_bytes is not None and len(raw) > max_bytes:
            problems.add_file(_too_big(len(raw), max_bytes))
            return None
        head = raw[:8]
        data = BytesIO(raw)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        problems.add_file(_("这是旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 后再导入。"))
        return None
    try:
        with zipfile.ZipFile(data) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        problems.add_file(_("文件不是 Excel 工作簿（.xlsx），无法导入。"))
        return None
    if isinstance(data, BytesIO):
        data.seek(0)
    declared = sum(info.file_size for info in infos)
    if len(infos) > MAX_ZIP_ENTRIES:
        problems.add_file(
            _("文件内含%(count)d个部件，远超正常工作簿，疑似恶意文件，拒绝导入。") % {"count": len(infos)}
        )
    elif declared > MAX_UNCOMPRESSED_BYTES:
        problems.add_file(
            _("文件解压后达%(size)d MB，超过上限%(limit)d MB，疑似压缩炸弹，拒绝导入。")
            % {"size": declared // (1024 * 1024), "limit": MAX_UNCOMPRESSED_BYTES // (1024 * 1024)}
        )
    else:
        for info in infos:
            if info.file_size > LARGE_ENTRY_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                problems.add_file(
                    _("文件中的“%(name)s”压缩比异常（超过%(ratio)d倍），疑似压缩炸弹，拒绝导入。")
                    % {"name": info.filename, "ratio": MAX_COMPRESSION_RATIO}
                )
                break
    return None if problems else data


def _too_big(size: int, limit: int) -> str:
    return _("文件过大（%(size)s KB），上限为%(limit)s KB。") % {"size": size // 1024, "limit": limit // 1024}

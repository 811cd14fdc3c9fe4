"""Files that are not a workbook, or are built to hurt the server, are refused with a clear message."""
from __future__ import annotations

import io
import zipfile

import pytest

from tests.workbook.conftest import make_xlsx, snapshot
from workbook import archive as importer
from workbook.importer import WorkbookError, import_workbook

pytestmark = pytest.mark.django_db


def problems_of(source, **kwargs) -> list[str]:
    before = snapshot()
    with pytest.raises(WorkbookError) as caught:
        import_workbook(source, **kwargs)
    assert snapshot() == before
    return caught.value.problems


def zip_of(entries: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def test_a_text_file_is_not_a_workbook():
    assert problems_of(io.BytesIO("code,name\ncity,示范市\n".encode())) == ["文件不是 Excel 工作簿（.xlsx），无法导入。"]


def test_an_old_xls_file_is_named_as_such():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512

    assert problems_of(io.BytesIO(data)) == ["这是旧版 Excel 文件（.xls），请在 Excel 中另存为 .xlsx 后再导入。"]


def test_a_zip_that_is_not_a_workbook_is_refused_without_a_traceback():
    problems = problems_of(zip_of({"readme.txt": b"hello"}))

    assert len(problems) == 1
    assert problems[0].startswith("无法读取工作簿，文件可能已损坏或不是 Excel 工作簿（.xlsx）：")


def test_a_sheet_with_an_xml_entity_bomb_is_refused():
    # Sheets are parsed through defusedxml, which refuses entity declarations outright.
    good = make_xlsx({"units": [["code", "name", "kind", "parent"], ["city", "示范市", "city", None]]})
    with zipfile.ZipFile(good) as source:
        entries = {name: source.read(name) for name in source.namelist()}
    body = entries["xl/worksheets/sheet1.xml"]
    if body.startswith(b"<?xml"):
        body = body.split(b"?>", 1)[1]
    entries["xl/worksheets/sheet1.xml"] = (
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' + body
    )

    problems = problems_of(zip_of(entries))

    assert len(problems) == 1 and problems[0].startswith("无法读取工作簿")


def test_a_zip_bomb_with_a_huge_compression_ratio_is_refused():
    bomb = zip_of({"[Content_Types].xml": b"<x/>", "xl/worksheets/sheet1.xml": b"\0" * (20 * 1024 * 1024)})

    assert problems_of(bomb) == [
        "文件中的“xl/worksheets/sheet1.xml”压缩比异常（超过100倍），疑似压缩炸弹，拒绝导入。"]


def test_a_zip_declaring_more_than_the_size_limit_is_refused(monkeypatch):
    monkeypatch.setattr(importer, "MAX_UNCOMPRESSED_BYTES", 2 * 1024 * 1024)
    data = zip_of({"a.xml": bytes(range(256)) * 4096 * 3})  # 3 MB that compresses only so far

    assert problems_of(data) == ["文件解压后达3 MB，超过上限2 MB，疑似压缩炸弹，拒绝导入。"]


def test_a_zip_with_too_many_entries_is_refused():
    data = zip_of({f"xl/{index}.xml": b"<x/>" for index in range(importer.MAX_ZIP_ENTRIES + 1)})

    assert problems_of(data) == ["文件内含2001个部件，远超正常工作簿，疑似恶意文件，拒绝导入。"]


def test_a_file_over_the_upload_limit_is_refused_before_it_is_opened():
    data = make_xlsx({"units": [["code"]]})
    size = len(data.getvalue())

    assert problems_of(data, max_bytes=size - 1) == [
        "文件过大（%d KB），上限为%d KB。" % (size // 1024, (size - 1) // 1024)]


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path):
    assert problems_of(tmp_path / "nope.xlsx") == ["找不到文件：%s" % (tmp_path / "nope.xlsx")]

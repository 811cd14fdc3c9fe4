"""The workbook upload page: staff import the data workbook; a bad one imports nothing and lists every problem."""
from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from targets.models import Target
from tests.conftest import PASSWORD
from tests.workbook.conftest import good_sheets, make_xlsx, snapshot
from units.models import Unit
from workbook.exporter import export_workbook
from workbook.importer import WorkbookError, import_workbook
from workbook.models import PendingUpload

URL = reverse("workbook:upload")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def staff_client(client, staff_user):
    client.login(username="staff", password=PASSWORD)
    return client


def as_upload(buffer: io.BytesIO, name: str = "数据.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def bad_sheets() -> dict:
    sheets = good_sheets()
    sheets["targets"][1][1] = "nowhere"  # unknown unit
    sheets["targets"][2][4] = -5  # negative amount
    sheets["arrivals"][3][2] = 13  # month 13
    return sheets


def confirm(client, response, *overwrite: str):
    return client.post(URL, {"confirm": "1", "upload": str(response.context["pending"].token),
                             "overwrite": list(overwrite)})


def test_a_good_workbook_is_previewed_first_and_imported_when_confirmed(staff_client, db):
    response = staff_client.post(URL, {"file": as_upload(make_xlsx(good_sheets()))})
    page = response.content.decode()
    assert response.status_code == 200
    assert Unit.objects.count() == 0, "nothing changes before staff confirm"
    assert "预览（尚未导入）" in page and "确认导入" in page
    sheets = {s["label"]: (s["created"], s["updated"], s["unchanged"]) for s in response.context["sheets"]}
    assert sheets == {"单位": (4, 0, 0), "目标": (3, 0, 0), "项目": (3, 0, 0), "到帐记录": (4, 0, 0)}

    done = confirm(staff_client, response)
    assert done.status_code == 200
    assert "导入完成" in done.content.decode()
    assert Unit.objects.count() == 4 and Target.objects.count() == 3
    assert not PendingUpload.objects.exists()


def test_the_preview_lists_each_changed_cell_old_to_new(staff_client, db):
    import_workbook(make_xlsx(good_sheets()))
    sheets = good_sheets()
    sheets["targets"][1][4] = 26000  # an amount changed in the file
    response = staff_client.post(URL, {"file": as_upload(make_xlsx(sheets))})
    [row] = response.context["rows"]
    assert row.action == "updated" and row.sheet == "targets"
    assert row.changes == [("金额（万美元）", "24,000.00", "26,000.00")]
    assert Target.objects.get(unit__code="kfq", kind="assessment", indicator="registered_fdi").amount == 24000


def test_a_row_changed_in_the_portal_since_the_export_is_a_conflict_kept_unless_ticked(staff_client, db):
    import_workbook(make_xlsx(good_sheets()))
    exported = io.BytesIO()
    export_workbook(exported)
    # After the export, someone changes a target in the portal …
    target = Target.objects.get(unit__code="kfq", kind="assessment", indicator="registered_fdi")
    target.amount, target.version = 25000, target.version + 1
    target.save()
    # … and the file, edited offline, changes the same target.
    wb = load_workbook(io.BytesIO(exported.getvalue()))
    ws = wb["目标"]  # the export is in Chinese: labels for the choices
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "kfq" and r[2].value == "新批注册外资"
               and r[3].value == "考核目标")
    row[4].value = 30000
    edited = io.BytesIO()
    wb.save(edited)

    response = staff_client.post(URL, {"file": as_upload(edited)})
    [conflict] = response.context["summary"].conflicts
    assert conflict.changes == [("金额（万美元）", "25,000.00", "30,000.00")]
    assert 'name="overwrite"' in response.content.decode()

    confirm(staff_client, response)  # not ticked: the portal's value stays
    assert Target.objects.get(pk=target.pk).amount == 25000

    response = staff_client.post(URL, {"file": as_upload(edited)})
    confirm(staff_client, response, conflict.token)  # ticked: the file's value wins
    assert Target.objects.get(pk=target.pk).amount == 30000


def test_a_bad_workbook_lists_every_problem_and_imports_nothing(staff_client, db):
    with pytest.raises(WorkbookError) as direct:
        import_workbook(make_xlsx(bad_sheets()))
    expected = direct.value.problems
    assert len(expected) >= 3
    before = snapshot()

    response = staff_client.post(URL, {"file": as_upload(make_xlsx(bad_sheets()))})

    page = response.content.decode()
    assert response.status_code == 400
    assert "未导入任何数据" in page
    assert response.context["problems"] == expected
    for problem in expected:
        assert "<li>%s</li>" % problem.replace('"', "&quot;").replace("'", "&#x27;") in page
    assert any(p.startswith("targets!B2") for p in expected)
    assert snapshot() == before


def test_a_file_that_is_not_xlsx_is_refused(staff_client, db):
    response = staff_client.post(URL, {"file": SimpleUploadedFile("data.csv", b"code,name\n", content_type="text/csv")})
    assert response.status_code == 400
    assert "只能上传 .xlsx 格式的工作簿" in response.content.decode()


def test_a_renamed_text_file_is_refused(staff_client, db):
    response = staff_client.post(URL, {"file": SimpleUploadedFile("data.xlsx", b"not a zip", content_type=XLSX)})
    assert response.status_code == 400
    assert "文件不是有效的 .xlsx 工作簿" in response.content.decode()


def test_a_workbook_over_the_size_limit_is_refused(staff_client, settings, db):
    buffer = make_xlsx(good_sheets())
    settings.WORKBOOK_MAX_UPLOAD_BYTES = len(buffer.getvalue()) - 1
    response = staff_client.post(URL, {"file": as_upload(buffer)})
    assert response.status_code == 413
    assert "文件过大" in response.content.decode()
    assert Unit.objects.count() == 0


def test_reading_stops_at_the_size_limit(staff_client, settings, db):
    """A body far over the limit is not read to its end: the upload handler stops the parser."""

    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.WORKBOOK_MAX_UPLOAD_BYTES = 64 * 1024
    huge = SimpleUploadedFile("huge.xlsx", b"PK" + b"\0" * (5 * 1024 * 1024), content_type="application/octet-stream")
    response = staff_client.post(URL, {"file": huge})
    assert response.status_code == 413
    assert response.wsgi_request.upload_too_large is True
    assert "文件过大" in response.content.decode()
    assert "huge.xlsx" not in response.wsgi_request.FILES


@pytest.mark.parametrize("who", ["leader", "clerk_a"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_staff_may_upload(client, leader, clerk_a, who, method):
    client.login(username=who, password=PASSWORD)
    units_before = Unit.objects.count()
    data = {"file": as_upload(make_xlsx(good_sheets()))} if method == "post" else None
    response = getattr(client, method)(URL, data)
    assert response.status_code == 403
    assert Unit.objects.count() == units_before


def test_anonymous_upload_goes_to_sign_in(client, db):
    response = client.post(URL, {"file": as_upload(make_xlsx(good_sheets()))})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert Unit.objects.count() == 0


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_staff_and_leaders_download_the_data_workbook(client, staff_user, leader, unit_a, who):
    client.login(username=who, password=PASSWORD)
    response = client.get(reverse("workbook:export"))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert wb.sheetnames == ["说明", "单位", "目标", "项目", "到帐记录", "报送指标", "考核办法", "奖励办法", "招商活动",
                             "项目节点", "困难问题", "兄弟县市"]
    codes = [row[0] for row in wb["单位"].iter_rows(min_row=2, values_only=True)]
    assert codes == ["city", "t01"]


def test_a_clerk_may_not_download_the_data_workbook(client, clerk_a):
    client.login(username="clerk_a", password=PASSWORD)
    assert client.get(reverse("workbook:export")).status_code == 403


def test_the_export_answers_get_only(staff_client):
    assert staff_client.post(reverse("workbook:export")).status_code == 405

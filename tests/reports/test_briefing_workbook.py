"""The briefing workbook (招商引资进度表) read back with openpyxl, and the download pages, on the demo city."""
from __future__ import annotations

import io
from urllib.parse import quote

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document

from reports.exporters import BriefingWorkbook, registry
from reports.progress import progress_report
from tests.conftest import make_user
from units.models import Profile, Unit

RED = "FFC00000"
INJECTION = '=HYPERLINK("http://x","y")'




def export(year: int = 2007, month: int = 7) -> openpyxl.Workbook:
    buffer = io.BytesIO()
    BriefingWorkbook().write(progress_report(year=year, month=month), buffer)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


@pytest.fixture(scope="module")
def wb(demo_city, django_db_blocker) -> openpyxl.Workbook:
    with django_db_blocker.unblock():
        return export()


def row_of(ws, name: str, column: int) -> list:
    """The cells of the row whose ``column`` (1-based) holds ``name``."""
    for row in ws.iter_rows():
        if row[column - 1].value == name:
            return list(row)
    raise AssertionError(f"{name} not found in {ws.title}")


def header_columns(ws, label: str, header_row: int = 4) -> list[int]:
    return [c.column for c in ws[header_row] if c.value == label]


# ----------------------------------------------------------------------------------------- sheets


def test_the_sheets_come_in_the_briefings_order(wb):
    assert wb.sheetnames == ["全市汇总", "开发区", "乡镇", "部门", "外贸", "外经", "考核得分", "兄弟县市", "行业与来源地", "大项目"]


def test_every_sheet_has_the_title_with_the_period(wb):
    for ws in wb:
        assert ws["A1"].value == "海门市招商引资进度表（2007年1-7月）"
        assert "A1:" in " ".join(str(r) for r in ws.merged_cells.ranges if r.min_row == 1)


def test_the_city_row_holds_the_worked_check(wb):
    ws = wb["全市汇总"]
    city = row_of(ws, "海门市", 1)
    assessment_pct = header_columns(ws, "完成考核%")
    gaps = header_columns(ws, "序时差距")
    reg_pct, paid_pct = (city[c - 1] for c in assessment_pct)
    assert reg_pct.value == pytest.approx(0.6136) and reg_pct.number_format == "0.00%"
    assert paid_pct.value == pytest.approx(0.4383)
    reg_gap_a, reg_gap_s, paid_gap_a, paid_gap_s = (city[c - 1] for c in gaps)
    assert [reg_gap_a.value, reg_gap_s.value, paid_gap_a.value, paid_gap_s.value] == pytest.approx(
        [3.03, -13.11, -14.50, -28.13])
    assert paid_gap_a.number_format == "+0.00;-0.00;0.00"
    assert paid_gap_a.font.color.rgb == RED and paid_gap_a.fill.fgColor.rgb != "00000000"
    assert reg_gap_a.font.color is None or reg_gap_a.font.color.rgb != RED
    assert city[1].value == 26028 and city[1].number_format == "#,##0"


def test_the_summary_shows_the_paid_in_pace(wb):
    ws = wb["全市汇总"]
    rows = [r for r in ws.iter_rows() if r[0].value == "海门市"]
    pace = [c.value for c in rows[1][1:9]]
    assert [round(v) for v in pace] == [1200, 1297, 1955, 2838, 658, 1541, 2636, 4754]
    assert rows[1][5].font.color.rgb == RED  # arriving 658 万 a month too slowly


def test_the_summary_lists_the_groups(wb):
    ws = wb["全市汇总"]
    townships = [c.value for c in row_of(ws, "乡镇", 1)]
    departments = [c.value for c in row_of(ws, "部门", 1)]
    assert townships[1] == 23 and departments[1] == 83
    assert townships[-1] == 2 and departments[-1] == 58  # double blank
    assert departments[2] == 1491 and departments[4] == pytest.approx(0.0573)
    # On schedule against the assessment target: 9 townships, 5 fewer than in June; 2 fewer on paid-in.
    # Each indicator has 12 columns: amount, yoy, share, (on schedule, change) × 3 kinds, done × 3 kinds.
    assert townships[5:7] == [9, -5]
    assert townships[17:19] == [9, -2]
    # The doubling targets (翻番) of eight townships: 4 on its schedule for registered FDI, 3 for paid-in.
    assert townships[9] == 4 and townships[21] == 3
    assert townships[13] == 0  # none has completed its doubling target


def test_the_development_zone_sheet(wb):
    ws = wb["开发区"]
    zone = [c.value for c in row_of(ws, "开发区", 2)]
    assert zone[0] == 1
    assert zone[2] == 14203
    assert zone[3:5] == pytest.approx([0.3345, 0.5457])
    assert zone[6] == pytest.approx(0.5918)


def test_the_township_sheet_is_ranked_with_unranked_units_last(wb):
    ws = wb["乡镇"]
    ranks = [r[0].value for r in ws.iter_rows(min_row=5) if r[1].value and not str(r[1].value).endswith("合计")]
    assert len(ranks) == 23
    ranked = [r for r in ranks if r is not None]
    assert ranked == sorted(ranked) and ranked[0] == 1
    assert ranks[:len(ranked)] == ranked  # units without a rank come last
    assert ws.cell(row=ws.max_row, column=2).value == "乡镇合计"


def test_headers_are_two_rows_with_the_indicators_merged_across_their_columns(wb):
    ws = wb["乡镇"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    # amount, yoy, share and (target, completion, gap) for 考核, 加压 and 翻番: 12 columns an indicator
    assert {"A3:A4", "B3:B4", "C3:N3", "O3:Z3"} <= merged
    assert ws["C3"].value == "新批注册外资" and ws["O3"].value == "注册外资实际到帐"
    assert ws["C4"].value == "1-7月完成" and ws["E4"].value == "占全市%"
    assert [ws["L4"].value, ws["M4"].value] == ["翻番目标", "完成翻番%"]


def test_the_sheets_are_set_up_for_printing(wb):
    for ws in wb:
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$3:$4"
        assert ws.freeze_panes in ("B5", "C5")


def test_cells_use_a_cjk_font_and_name_columns_are_wide_enough(wb):
    ws = wb["部门"]
    assert ws["B5"].font.name == "等线"
    longest = max(len(str(r[1].value)) for r in ws.iter_rows(min_row=5) if r[1].value)
    assert ws.column_dimensions["B"].width >= 2 * longest


def test_the_large_projects_sheet_lists_the_four_approved_and_two_negotiating(wb):
    ws = wb["大项目"]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=5) if r[0].value]
    assert [r[3] for r in rows] == ["新批"] * 4 + ["在谈"] * 2
    assert rows[0][1] == "海门东和新材料有限公司" and rows[0][7] == 2580
    assert all(r[7] >= 1000 for r in rows)
    assert {str(r) for r in ws.merged_cells.ranges} >= {"H3:I3"}


def test_large_projects_are_read_in_one_query(demo_city, db, django_assert_num_queries):
    from reports.briefing import large_projects

    with django_assert_num_queries(1):
        names = [(p.name, p.unit.name) for p in large_projects(year=2007, month=7)]
    assert len(names) == 6


def test_a_formula_like_unit_name_stays_text(demo_city, db):
    city = Unit.objects.get(kind=Unit.Kind.CITY)
    Unit.objects.create(code="evil", name=INJECTION, kind=Unit.Kind.TOWNSHIP, parent=city, sort_order=999)
    ws = export()["乡镇"]
    cell = row_of(ws, INJECTION, 2)[1]
    assert cell.data_type == "s" and cell.value == INJECTION


def test_january_and_december_workbooks_are_written(demo_city, db):
    january, december = export(month=1), export(month=12)
    assert january["全市汇总"]["A1"].value.endswith("（2007年1月）")
    assert december["全市汇总"]["H8"].value == "追赶月均"


# --------------------------------------------------------------------------------------- command


def test_the_command_writes_the_workbook(demo_city, db, tmp_path):
    path = tmp_path / "进度表.xlsx"
    out = io.StringIO()
    call_command("export_briefing", year="2007", month="7", output=str(path), stdout=out)
    assert "招商引资进度表_2007年1-7月.xlsx" in out.getvalue()
    assert openpyxl.load_workbook(path)["开发区"]["C5"].value == 14203


def test_the_command_refuses_a_bad_month_in_chinese(db, tmp_path):
    with pytest.raises(CommandError, match="月份必须是1到12之间的整数"):
        call_command("export_briefing", year="2007", month="0", output=str(tmp_path / "x.xlsx"))


# ----------------------------------------------------------------------------------------- views


@pytest.fixture
def reader(client, demo_city, db):
    client.force_login(make_user("reader", Profile.Role.LEADER), backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_workbook_downloads_with_the_period_in_its_name(reader):
    response = reader.get(reverse("exports:briefing_xlsx"), {"year": 2007, "month": 7})
    assert response.status_code == 200
    assert response["Content-Type"] == registry["briefing_xlsx"].content_type
    assert f"filename*=utf-8''{quote('招商引资进度表_2007年1-7月.xlsx')}" in response["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb["开发区"]["C5"].value == 14203


def test_the_review_page_shows_the_text_and_the_downloads(reader):
    response = reader.get(reverse("exports:review"), {"year": 2007, "month": 7})
    assert response.status_code == 200
    page = response.content.decode()
    assert "海门市2007年1-7月份招商引资工作讲评" in page
    assert "比预计还分别少658万美元和1541万美元" in page
    assert reverse("exports:review_docx") + "?year=2007&amp;month=7" in page


def test_the_review_downloads_as_word(reader):
    response = reader.get(reverse("exports:review_docx"), {"year": 2007, "month": 7})
    assert response.status_code == 200
    assert quote("招商引资工作讲评_2007年1-7月.docx") in response["Content-Disposition"]
    assert Document(io.BytesIO(response.content)).paragraphs[0].text == "海门市2007年1-7月份招商引资工作讲评"


def test_without_a_period_the_latest_month_with_data_is_used(reader):
    response = reader.get(reverse("exports:review"))
    assert response.status_code == 200
    assert "2007年" in response.content.decode()


@pytest.mark.parametrize(("query", "message"), [
    ({"year": 2007, "month": 13}, "月份必须是1到12之间的整数"),
    ({"year": "abc", "month": 7}, "年度必须是整数"),
    ({"year": 2007}, "请同时提供年度和月份"),
    ({"year": 2031, "month": 7}, "2031年没有任何目标或项目数据"),
])
@pytest.mark.parametrize("name", ["exports:briefing_xlsx", "exports:review", "exports:review_docx"])
def test_bad_periods_get_a_chinese_400_page(reader, name, query, message):
    response = reader.get(reverse(name), query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_anonymous_users_are_sent_to_sign_in_and_users_without_a_role_refused(client, db):
    url = reverse("exports:briefing_xlsx") + "?year=2007&month=7"
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(make_user("nobody", None), backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(url).status_code == 403


def test_the_downloads_partial_links_the_period(rf):
    from django.template.loader import render_to_string

    html = render_to_string("reports/_downloads.html", {"year": 2007, "month": 7})
    assert reverse("exports:briefing_xlsx") + "?year=2007&amp;month=7" in html
    assert reverse("exports:review") + "?year=2007&amp;month=7" in html

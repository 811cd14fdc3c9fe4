"""The city among its neighbours (§6) on a small city: ranks with ties, a peer missing for a month, the
city's move since last month, benchmarks beside, the review's sentences, the entry page (grid, paste,
stale page, bad cells) and the workbook's ``peers`` sheet."""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import PeerCounty, PeerFigure
from projects.services import EntryRefused
from projects.services import peers as service
from reports.progress import progress_report
from reports.review import review_for
from tests import factories
from tests.workbook.conftest import make_xlsx
from workbook.importer import import_workbook
from workbook.summary import WorkbookError

Y = factories.PAST_YEAR


@pytest.fixture
def county(city):
    t1 = factories.unit("t01", parent=city)
    factories.targets(t1, Y, reg=(3000, 4000), paid=(1000, 1200))
    p = factories.project(t1, "1500", dt.date(Y, 2, 1))  # one project ≥ 1,000 万
    factories.project(t1, "500", dt.date(Y, 6, 10))
    factories.arrival(p, Y, 3, "400")
    factories.arrival(p, Y, 6, "200")  # paid-in: 400 by May, 600 by June
    for order, name in enumerate(("甲县", "乙市", "丙县"), start=1):
        PeerCounty.objects.create(name=name, sort_order=order)
    PeerCounty.objects.create(name="全省平均", kind="benchmark", sort_order=9)
    return city


def publish(name: str, month: int, indicator: str, ytd, last_year=None, over=None) -> None:
    PeerFigure.objects.create(peer=PeerCounty.objects.get(name=name), year=Y, month=month, indicator=indicator,
                              ytd=D(str(ytd)), last_year_ytd=None if last_year is None else D(str(last_year)),
                              over_1000=over)


def test_ranks_with_ties_share_the_better_rank_and_benchmarks_stand_beside(county):
    publish("甲县", 6, "paid_in_fdi", 600, 500)  # the city's 600 too
    publish("乙市", 6, "paid_in_fdi", 900, 1000)
    publish("丙县", 6, "paid_in_fdi", 100)
    publish("全省平均", 6, "paid_in_fdi", 5000)
    table = progress_report(year=Y, month=6).peers["paid_in_fdi"]
    assert [(r.name, r.rank) for r in table.ranked] == [("乙市", 1), ("示范市", 2), ("甲县", 2), ("丙县", 4)]
    assert table.rank == 2 and table.size == 4 and table.first.name == "乙市"
    assert table.behind_first == D("300.00") and table.behind_next is None  # the one above is the first
    assert [r.name for r in table.benchmarks] == ["全省平均"] and table.benchmarks[0].rank is None
    assert table.ranked[0].yoy_pct == D("-10.00") and table.ranked[3].yoy_pct is None
    text = review_for(progress_report(year=Y, month=6)).as_text()
    assert "在示范四县（市）中" not in text  # the prefecture's name, not the city's
    assert "注册外资实际到帐居第2位（与甲县并列），比第1位的乙市少300万美元" in text


def test_a_peer_missing_for_a_month_is_said_so(county):
    publish("甲县", 6, "registered_fdi", 1200, 1000, 1)
    publish("乙市", 6, "registered_fdi", 3000, 2500, 2)  # 丙县 was left out of June's 通报
    report = progress_report(year=Y, month=6)
    table = report.peers["registered_fdi"]
    assert table.missing == ["丙县"] and table.size == 4
    assert report.as_json()["peers"]["registered_fdi"][1] == {
        "name": "示范市", "self": True, "ytd": 2000.0, "yoy_pct": None, "over_1000": 1, "rank": 2}
    text = review_for(report).as_text()
    assert "超千万美元项目只有1个，而超千万美元项目甲县有1个，乙市有2个（丙县的超千万美元项目数本月通报未列）。" in text
    assert "（丙县的数据本月通报未列）" in text
    assert "有 个" not in text and "None" not in text


def test_the_citys_rank_change_since_last_month(county):
    publish("甲县", 5, "paid_in_fdi", 500)  # May: 甲县 500 > the city's 400
    publish("甲县", 6, "paid_in_fdi", 550)  # June: the city's 600 > 550
    table = progress_report(year=Y, month=6).peers["paid_in_fdi"]
    assert (table.rank, table.previous.rank, table.rank_change) == (1, 2, 1)
    assert table.lead == D("50.00") and table.with_previous[0][1] == 2
    assert "注册外资实际到帐居第1位（比上月前进1位），领先第2位的甲县50万美元" in review_for(
        progress_report(year=Y, month=6)).as_text()
    assert progress_report(year=Y, month=5).peers["paid_in_fdi"].rank_change is None  # April had no 通报


def test_no_peer_figures_no_peers_and_one_query_more_whatever_the_peers(county):
    report = progress_report(year=Y, month=6)
    assert report.peers == {} and report.as_json()["peers"] == {}
    with CaptureQueriesContext(connection) as before:
        progress_report(year=Y, month=6)
    for i in range(12):
        PeerCounty.objects.create(name=f"县{i}")
        publish(f"县{i}", 6, "paid_in_fdi", 10 * i)
        publish(f"县{i}", 5, "paid_in_fdi", 5 * i)
    with CaptureQueriesContext(connection) as after:
        assert len(progress_report(year=Y, month=6).peers["paid_in_fdi"].ranked) == 13
    assert len(after) == len(before)


# --- entry -------------------------------------------------------------------------------------------------


def staff_client(staff_user) -> Client:
    client = Client()
    client.force_login(staff_user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_staff_paste_a_published_table_check_it_and_save(county, staff_user):
    client = staff_client(staff_user)
    url = reverse("projects:peer_entry")
    page = client.get(url + f"?year={Y}&month=6").content.decode()
    seen = re.search(r'name="seen" value="(\w+)"', page).group(1)
    pasted = "县市\t注册外资\n甲县\t1200\t1000\t1\t600\t500\n乙\t3000\t—\t2\n火星县\t5\n"
    response = client.post(url, {"year": Y, "month": 6, "seen": seen, "action": "paste", "pasted": pasted})
    body = response.content.decode()
    jia, yi = (PeerCounty.objects.get(name=n).pk for n in ("甲县", "乙市"))
    assert f'name="{jia}-paid_in_fdi-ytd" value="600"' in body and f'name="{yi}-registered_fdi-over_1000" value="2"' in body
    assert "“火星县”不在兄弟县市名单中" in body and not PeerFigure.objects.exists()  # pasting saves nothing
    cells = dict(re.findall(r'name="(\d+-[a-z_]+-[a-z_0-9]+)" value="([^"]*)"', body))
    response = client.post(url, {"year": Y, "month": 6, "seen": seen, "action": "save", **cells})
    assert response.status_code == 302
    assert PeerFigure.objects.get(peer__name="甲县", indicator="registered_fdi").over_1000 == 1
    assert PeerFigure.objects.get(peer__name="乙市", indicator="registered_fdi").last_year_ytd is None
    assert PeerFigure.objects.count() == 3
    # the old page's fingerprint no longer matches: a second save from it is refused, nothing changes
    response = client.post(url, {"year": Y, "month": 6, "seen": seen, "action": "save", **cells,
                                 f"{jia}-paid_in_fdi-ytd": "999"})
    assert response.status_code == 400 and "其他人保存了" in response.content.decode()
    assert PeerFigure.objects.get(peer__name="甲县", indicator="paid_in_fdi").ytd == D("600.00")


def test_bad_cells_save_nothing_and_say_where(county, staff_user):
    jia = PeerCounty.objects.get(name="甲县").pk
    seen = service.month_digest(Y, 6)
    for cells, message in (({f"{jia}-paid_in_fdi-ytd": "-5"}, "负数"),
                           ({f"{jia}-paid_in_fdi-ytd": "abc"}, "不是数字"),
                           ({f"{jia}-registered_fdi-over_1000": "1.5", f"{jia}-registered_fdi-ytd": "10"}, "项目个数"),
                           ({f"{jia}-paid_in_fdi-last_year_ytd": "100"}, "请填写1至本月累计数")):
        with pytest.raises(EntryRefused) as refused:
            service.peer_figures_save_month(year=Y, month=6, cells={f"{jia}-trade_total-ytd": "1", **cells}, seen=seen,
                                            user=staff_user)
        assert any(message in m for m in refused.value.field_errors.values()), cells
    assert not PeerFigure.objects.exists()
    with pytest.raises(EntryRefused, match="尚未到来"):
        service.peer_figures_save_month(year=Y + 2, month=1, cells={}, seen=seen, user=staff_user)


def test_emptying_a_row_deletes_it_and_the_history_says_who(county, staff_user):
    jia = PeerCounty.objects.get(name="甲县").pk
    service.peer_figures_save_month(year=Y, month=6, cells={f"{jia}-paid_in_fdi-ytd": "600"},
                                    seen=service.month_digest(Y, 6), user=staff_user)
    figure = PeerFigure.objects.get()
    assert figure.history.first().history_user == staff_user
    service.peer_figures_save_month(year=Y, month=6, cells={}, seen=service.month_digest(Y, 6), user=staff_user)
    assert not PeerFigure.objects.exists()


def test_the_workbook_peers_sheet_imports_and_refuses_the_city_itself(county):
    rows = [["name", "year", "month", "indicator", "ytd", "last_year_ytd", "over_1000"],
            ["甲县", Y, 6, "paid_in_fdi", 600, 500, None], ["新县", Y, 6, "registered_fdi", 100, None, 0]]
    import_workbook(make_xlsx({"peers": rows}))
    assert PeerFigure.objects.count() == 2 and PeerCounty.objects.filter(name="新县", kind="county").exists()
    with pytest.raises(WorkbookError) as error:
        import_workbook(make_xlsx({"peers": [rows[0], ["示范市", Y, 6, "paid_in_fdi", 1, None, None]]}))
    assert "是本市" in str(error.value)
    with pytest.raises(WorkbookError, match="项目个数"):
        import_workbook(make_xlsx({"peers": [rows[0], ["甲县", Y, 6, "registered_fdi", 1, None, -2]]}))


def test_saving_the_grid_keeps_what_the_grid_does_not_show_and_odd_digits_are_refused(county, staff_user):
    publish("甲县", 6, "grafted_fdi", 80)  # imported through the workbook; not a grid column
    publish("甲县", 6, "paid_in_fdi", 600, 500, 3)  # a count the grid does not show for paid-in
    jia = PeerCounty.objects.get(name="甲县").pk
    cells = service.month_cells(Y, 6)
    assert service.peer_figures_save_month(year=Y, month=6, cells=cells, seen=service.month_digest(Y, 6),
                                           user=staff_user) == 0
    assert PeerFigure.objects.get(indicator="grafted_fdi").ytd == D("80.00")
    assert PeerFigure.objects.get(indicator="paid_in_fdi").over_1000 == 3
    with pytest.raises(EntryRefused):
        service.peer_figures_save_month(year=Y, month=6, cells={**cells, f"{jia}-registered_fdi-ytd": "5",
                                                                f"{jia}-registered_fdi-over_1000": "²"},
                                        seen=service.month_digest(Y, 6), user=staff_user)


def test_a_tie_for_first_is_said_as_a_tie(county):
    publish("甲县", 6, "paid_in_fdi", 600)  # the city's 600 too
    table = progress_report(year=Y, month=6).peers["paid_in_fdi"]
    assert table.rank == 1 and table.tied == ["甲县"] and table.lead is None and table.runner_up is None
    assert "注册外资实际到帐居第1位（与甲县并列）" in review_for(progress_report(year=Y, month=6)).as_text()

"""The demo city among the prefecture's counties in July 2007 (seed 004: 海门 first in paid-in FDI, behind in
large projects): the §6 object, the review with every peer count filled, the dashboard card, the peers
page and the briefing sheet."""
from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from reports.exporters import registry
from reports.progress import progress_report
from reports.review import review_for
from tests.reports.test_dashboard import JULY, page, text


@pytest.fixture
def july(demo_city, db):
    return progress_report(year=2007, month=7)


def test_the_peers_object_of_july_2007(july):
    peers = july.as_json()["peers"]
    assert set(peers) == {"registered_fdi", "paid_in_fdi"}
    assert peers["paid_in_fdi"][:2] == [
        {"name": "海门市", "self": True, "ytd": 10282.0, "yoy_pct": 48.89, "over_1000": None, "rank": 1},
        {"name": "启东市", "self": False, "ytd": 9460.0, "yoy_pct": 12.49, "over_1000": None, "rank": 2}]
    assert [(p["name"], p["rank"]) for p in peers["registered_fdi"]][:3] == [("启东市", 1), ("通州市", 2), ("海门市", 3)]
    assert [p["over_1000"] for p in peers["registered_fdi"]] == [6, 7, 4, 5, 5, 4]
    assert july.peers["paid_in_fdi"].rank_change == 1  # second behind 启东 in June


def test_the_review_fills_every_peer_blank(july):
    review = review_for(july).as_text()
    assert "超千万美元项目只有4个，而超千万美元项目启东市有6个，如皋市有5个，如东县有5个，通州市有7个，海安县有4个。" in review
    assert ("在南通六县（市）中，我市注册外资实际到帐居第1位（比上月前进1位），领先第2位的启东市822万美元；"
            "新批注册外资居第3位（比上月前进1位），比第1位的启东市少5172万美元，比第2位的通州市少1922万美元。") in review
    assert "确保南通六县（市）第一的形势依然十分严峻" in review
    assert not any(blank in review for blank in ("有 个", "有个", "只有 个", " ％", "None"))
    march = review_for(progress_report(year=2007, month=3)).as_text()
    assert "海安县的超千万美元项目数本月通报未列" in march and "有 个" not in march


def test_the_dashboard_card_and_the_peers_page(demo_city, db):
    client = Client()
    client.force_login(User.objects.get(username="leader"), backend="django.contrib.auth.backends.ModelBackend")
    doc = page(client, reverse("reports:dashboard") + JULY)
    card = text(doc.xpath('//section[@id="peers"]//div[@data-indicator="paid_in_fdi"]')[0])
    assert "第1位" in card and "共6个" in card and "比上月前进1位" in card and "领先启东市 822" in card
    doc = page(client, reverse("reports:peers") + JULY)
    rows = doc.xpath('//section[@data-indicator="paid_in_fdi"]//tbody/tr')
    assert [text(r.xpath("./td")[1]) for r in rows][:2] == ["海门市", "启东市"]
    assert "参照数" in text(rows[-1]) and "全省开发区平均" in text(rows[-1])
    assert doc.xpath('//script[@id="peers-chart-data"]')
    assert "确保" not in text(doc)  # the page states figures, the speech the goal


def test_the_briefing_sheet_lists_the_peers(july):
    buffer = io.BytesIO()
    registry["briefing_xlsx"]().write(july, buffer)
    ws = load_workbook(io.BytesIO(buffer.getvalue()))["兄弟县市"]
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True)]
    assert rows[0][0] == "新批注册外资" or rows[0][0] == "注册外资实际到帐"
    haimen = [r for r in rows if r[1] == "海门市"]
    assert {(r[0], r[2]) for r in haimen} == {(3, 26028), (1, 10282)}

"""The leader dashboards on the demo city (seed 004, 1–7月 2007): the speech's figures on the page, the
rankings sorted and filtered on the server, one unit, the large projects, charts, nothing from outside."""
from __future__ import annotations

import json
import re
from decimal import Decimal as D
from urllib.parse import urlsplit

import lxml.html
import pytest
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from reports.progress import progress_report
from tests.conftest import make_user
from units.models import Profile, Unit

JULY = "?year=2007&month=7"




@pytest.fixture
def client_leader(demo_city, db) -> Client:
    client = Client()
    client.force_login(User.objects.get(username="leader"), backend="django.contrib.auth.backends.ModelBackend")
    return client


def page(client: Client, url: str) -> lxml.html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return lxml.html.fromstring(response.content.decode())


def text(element) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def cells(doc, xpath: str) -> list[str]:
    return [text(td) for td in doc.xpath(xpath)]


def chart_json(doc, chart_id: str) -> dict:
    (script,) = doc.xpath(f'//script[@id="{chart_id}-data"]')
    assert script.get("type") == "application/json"
    return json.loads(script.text)


# --- the dashboard --------------------------------------------------------------------------------------


def test_the_dashboard_shows_the_citys_completion_and_gaps_as_the_speech_says(client_leader):
    doc = page(client_leader, reverse("reports:dashboard") + JULY)
    reg = cells(doc, '//section[@id="city"]//tr[@data-indicator="registered_fdi"]/td')
    paid = cells(doc, '//section[@id="city"]//tr[@data-indicator="paid_in_fdi"]/td')
    # ytd, last year, yoy, assessment target / pct / gap, stretch target / pct / gap
    assert reg[0] == "26,028"
    assert (reg[4], reg[5], reg[7], reg[8]) == ("61.36", "+3.03", "45.22", "-13.11")
    assert (paid[4], paid[5], paid[7], paid[8]) == ("43.83", "-14.50", "30.20", "-28.13")
    assert paid[0] == "10,282" and paid[3] == "23,460"


def test_gaps_are_green_when_ahead_and_red_when_behind(client_leader):
    doc = page(client_leader, reverse("reports:dashboard") + JULY)
    fdi = '//section[@id="city"]//tr[@data-indicator="registered_fdi" or @data-indicator="paid_in_fdi"]'
    assert [text(s) for s in doc.xpath(fdi + '//span[@class="ahead"]')] == ["+3.03"]
    assert [text(s) for s in doc.xpath(fdi + '//span[@class="behind"]')] == ["-13.11", "-14.50", "-28.13"]


def test_the_dashboard_shows_the_paid_in_pace_of_the_speech(client_leader):
    doc = page(client_leader, reverse("reports:dashboard") + JULY)

    def card(name: str) -> str:
        return text(doc.xpath(f'//section[@id="pace"]//div[@data-figure="{name}"]')[0])

    assert "1,297 万美元" in card("monthly_avg") and "1,200万美元" in card("monthly_avg")
    assert "1,955 / 2,838" in card("required_monthly")
    assert "658 / 1,541" in card("monthly_shortfall")
    assert card("catch_up").startswith("追赶月均（考核 / 加压） 2,636 /")
    assert "接下来5个月" in card("catch_up")


def test_the_dashboard_shows_the_groups_shares_counts_and_changes(client_leader):
    doc = page(client_leader, reverse("reports:dashboard") + JULY)

    def row(indicator: str, kind: str) -> list[str]:
        return cells(doc, f'//table[@data-indicator="{indicator}"]//tr[@data-kind="{kind}"]/td')

    zone_reg, zone_paid = row("registered_fdi", "development_zone"), row("paid_in_fdi", "development_zone")
    assert zone_reg[1:4] == ["14,203", "54.57", "33.45"]
    assert zone_paid[1:4] == ["4,762", "46.31", "62.48"]
    # units, ytd, share, yoy, on schedule (assessment), change, done, … , double blank
    townships_reg, townships_paid = row("registered_fdi", "township"), row("paid_in_fdi", "township")
    assert townships_reg[0] == "23" and townships_reg[4:6] == ["9", "比上月少5个"]
    assert townships_paid[4:7] == ["9", "比上月少2个", "3"]
    assert townships_reg[-1] == "2"
    departments = row("paid_in_fdi", "department")
    assert departments[0:2] == ["83", "758"] and departments[-1] == "58"
    assert row("registered_fdi", "department")[1] == "1,491"


def test_the_dashboard_counts_the_large_projects(client_leader):
    doc = page(client_leader, reverse("reports:dashboard") + JULY)
    figures = {c.get("data-figure"): text(c.xpath('.//div[@class="figure"]')[0])
               for c in doc.xpath('//section[@id="large"]//div[@data-figure]')}
    assert figures == {"over_1000": "4 个", "over_10000": "0 个", "negotiating_over_1000": "2 个"}


def test_the_dashboard_defaults_to_the_latest_month_with_data(client_leader):
    doc = page(client_leader, reverse("reports:dashboard"))
    assert text(doc.xpath("//h1")[0]) == "2007年1–7月全市招商引资进度"
    assert doc.xpath('//select[@name="month"]/option[@selected]/@value') == ["7"]
    assert doc.xpath('//input[@name="year"]/@value') == ["2007"]


def test_june_shows_junes_figures(client_leader):
    doc = page(client_leader, reverse("reports:dashboard") + "?year=2007&month=6")
    assert "2007年1–6月" in text(doc.xpath("//h1")[0])
    assert "序时进度 50.00%" in text(doc.xpath('//p[@class="lead"]')[0])


def test_a_month_out_of_range_is_a_bad_request_in_chinese_with_no_figures_of_another_month(client_leader):
    response = client_leader.get(reverse("reports:dashboard") + "?year=2007&month=13")
    assert response.status_code == 400
    page_text = response.content.decode()
    assert "月份必须是1到12之间的整数。" in page_text
    assert "全市招商引资进度" not in page_text
    response = client_leader.get(reverse("reports:dashboard") + "?year=abc&month=7")
    assert response.status_code == 400 and "年度必须是整数" in response.content.decode()


def test_the_dashboard_carries_its_charts_as_json_for_plotly(client_leader):
    doc = page(client_leader, reverse("reports:dashboard") + JULY)
    boxes = doc.xpath("//div[@data-plotly]")
    assert [b.get("id") for b in boxes] == [
        "chart-city-paid", "chart-shares", "chart-completion", "chart-completion-registered"]
    city = chart_json(doc, "chart-city-paid")
    bars, last_year, assessment, stretch = city["data"]
    assert bars["x"] == [f"{m}月" for m in range(1, 8)]
    assert bars["y"][-1] == 10282.0  # the month-7 point is the report's YTD
    assert assessment["name"] == "考核目标序时线" and len(assessment["y"]) == 12
    assert assessment["y"][6] == pytest.approx(23460 * 0.5833, abs=0.01)
    assert assessment["y"][11] == 23460.0
    assert city["layout"]["height"] == 360 and "Noto Sans CJK SC" in city["layout"]["font"]["family"]
    shares = chart_json(doc, "chart-shares")
    assert [t["name"] for t in shares["data"]] == ["开发区", "乡镇", "部门"]
    assert shares["data"][0]["y"] == [54.57, 46.31]
    completion = chart_json(doc, "chart-completion")
    assert len(completion["data"][0]["y"]) == 23  # every township has a paid-in assessment target
    assert completion["layout"]["shapes"][0]["x0"] == 58.33


def test_the_completion_chart_follows_the_chosen_kind(client_leader):
    doc = page(client_leader, reverse("reports:dashboard") + JULY + "&kind=department")
    completion = chart_json(doc, "chart-completion")
    assert completion["layout"]["title"]["text"].startswith("部门")


def test_chart_payloads_stay_small(client_leader):
    doc = page(client_leader, reverse("reports:dashboard") + JULY)
    for script in doc.xpath('//script[@type="application/json"]'):
        # plotly's default template alone is ~10 kB; ours keeps a 23-bar chart well under that
        assert len(script.text) < 9000, script.get("id")


def test_the_download_spot_is_reserved_for_the_briefing_exports(client_leader):
    doc = page(client_leader, reverse("reports:dashboard") + JULY)
    assert doc.xpath('//div[contains(@class, "downloads")]')


# --- rankings -------------------------------------------------------------------------------------------


def ranking_rows(doc) -> list[lxml.html.HtmlElement]:
    return doc.xpath('//table[contains(@class, "ranking")]/tbody/tr')


def cell(row, name: str):
    """A ranking row's cell by its column (the columns' order follows what a leader looks for first)."""
    return row.xpath(f'./td[contains(concat(" ", normalize-space(@class), " "), " {name} ")]')[0]


def column(doc, name: str) -> list[str]:
    return [text(cell(r, name)) for r in ranking_rows(doc)]


NAME, YTD = "name", "ytd"


def test_rankings_list_the_townships_best_first_with_the_reports_ranks(client_leader, demo_city):
    july = progress_report(year=2007, month=7)
    doc = page(client_leader, reverse("reports:rankings") + JULY)
    rows = ranking_rows(doc)
    assert len(rows) == 23
    expected = sorted(july.units_of_kind("township"), key=lambda u: (-u.registered_fdi.assessment_pct, u.code))
    assert [r.get("data-code") for r in rows] == [u.code for u in expected]
    assert column(doc, "rank")[0] == "1"


def test_behind_schedule_rows_are_marked(client_leader, demo_city):
    july = progress_report(year=2007, month=7)
    doc = page(client_leader, reverse("reports:rankings") + JULY + "&indicator=paid_in_fdi")
    marked = {r.get("data-code") for r in ranking_rows(doc) if "behind-row" in (r.get("class") or "")}
    behind = {u.code for u in july.units_of_kind("township")
              if u.paid_in_fdi.assessment_gap_pp is not None and u.paid_in_fdi.assessment_gap_pp < 0}
    assert marked == behind and len(marked) == 23 - 9


def test_units_done_for_the_year_are_marked(client_leader):
    doc = page(client_leader, reverse("reports:rankings") + JULY + "&indicator=paid_in_fdi")
    done = {text(cell(r, NAME)).split(" ")[0] for r in ranking_rows(doc) if r.xpath('.//span[@class="done-mark"]')}
    assert done == {"海门镇", "货隆镇", "包场镇"}
    assert "✔ 全年完成" in text(doc.xpath('//table[contains(@class, "ranking")]')[0])
    doc = page(client_leader, reverse("reports:rankings") + JULY + "&indicator=registered_fdi&target_kind=stretch")
    done = {text(cell(r, NAME)).split(" ")[0] for r in ranking_rows(doc) if r.xpath('.//span[@class="done-mark"]')}
    assert done == {"三星镇", "德胜镇", "三和镇", "海门镇"}


def test_the_group_summary_shows_the_change_since_last_month(client_leader):
    doc = page(client_leader, reverse("reports:rankings") + JULY)
    summary = text(doc.xpath('//ul[@id="group-summary"]')[0])
    assert "本类共23个单位" in summary
    assert "达到考核目标序时进度 9个（比上月少5个）" in summary
    assert "利用外资双空白 2个" in summary


def test_the_double_blank_units_are_listed_below_the_table(client_leader, demo_city):
    july = progress_report(year=2007, month=7)
    doc = page(client_leader, reverse("reports:rankings") + JULY + "&kind=department")
    listed = [text(a) for a in doc.xpath('//section[@id="double-blank"]//a')]
    assert len(listed) == 58
    assert set(listed) == {u.name for u in july.units_of_kind("department") if u.double_blank}
    assert "（58个）" in text(doc.xpath('//section[@id="double-blank"]/h2')[0])


def test_each_unit_shows_its_rank_change_since_june(client_leader, demo_city):
    june, july = progress_report(year=2007, month=6), progress_report(year=2007, month=7)
    doc = page(client_leader, reverse("reports:rankings") + JULY + "&indicator=paid_in_fdi")
    shown = {r.get("data-code"): text(cell(r, "rank_change")) for r in ranking_rows(doc)}
    moved = 0
    for u in july.units_of_kind("township"):
        before, now = june.unit(u.code).paid_in_fdi.rank_in_kind, u.paid_in_fdi.rank_in_kind
        expected = "—" if before is None or now is None else (
            f"↑{before - now}" if before > now else f"↓{now - before}" if before < now else "＝")
        assert shown[u.code] == expected, u.name
        moved += expected not in ("＝", "—")
    assert moved > 0  # the demo's July does reorder the townships


def test_january_has_no_rank_change(client_leader):
    doc = page(client_leader, reverse("reports:rankings") + "?year=2007&month=1")
    assert set(column(doc, "rank_change")) == {"—"}


def test_sorting_happens_on_the_server(client_leader, demo_city):
    july = progress_report(year=2007, month=7)
    townships = july.units_of_kind("township")
    doc = page(client_leader, reverse("reports:rankings") + JULY + "&sort=-ytd")
    ytd = [D(v.replace(",", "")) for v in column(doc, YTD)]
    assert ytd == sorted(ytd, reverse=True)
    assert ranking_rows(doc)[0].get("data-code") == max(townships, key=lambda u: u.registered_fdi.ytd).code
    doc = page(client_leader, reverse("reports:rankings") + JULY + "&sort=ytd")
    assert [D(v.replace(",", "")) for v in column(doc, YTD)] == sorted(ytd)
    doc = page(client_leader, reverse("reports:rankings") + JULY + "&sort=gap")
    gaps = [D(v.replace("+", "")) for v in column(doc, "gap") if v != "—"]
    assert gaps == sorted(gaps)
    # the sorted column's header links to the opposite order
    header = doc.xpath('//table[contains(@class, "ranking")]//th[contains(@class, "asc")]//a/@href')
    assert header and "sort=-gap" in header[0]


def test_sorting_by_rank_puts_units_without_a_rank_last(client_leader):
    doc = page(client_leader, reverse("reports:rankings") + JULY + "&kind=department&sort=rank")
    ranks = column(doc, "rank")
    numbers = [int(r) for r in ranks if r != "—"]
    assert numbers == sorted(numbers) and ranks[: len(numbers)] == [str(n) for n in numbers]


def test_filters_choose_kind_indicator_and_target_kind(client_leader):
    doc = page(client_leader, reverse("reports:rankings") + JULY + "&kind=department&indicator=paid_in_fdi&target_kind=stretch")
    assert len(ranking_rows(doc)) == 83
    assert text(doc.xpath("//h1")[0]) == "2007年1–7月部门排名：注册外资实际到帐（加压目标）"
    headers = [text(th) for th in doc.xpath('//table[contains(@class, "ranking")]/thead//th')]
    assert "加压目标序时差距（百分点）" in headers
    doc = page(client_leader, reverse("reports:rankings") + JULY + "&kind=development_zone")
    assert [r.get("data-code") for r in ranking_rows(doc)] == ["kfq"]


def test_an_unknown_filter_value_is_a_bad_request_in_chinese(client_leader):
    response = client_leader.get(reverse("reports:rankings") + JULY + "&kind=city&indicator=bogus")
    assert response.status_code == 400
    assert "参数“kind”的值无效" in response.content.decode()
    response = client_leader.get(reverse("reports:dashboard") + JULY + "&kind=nowhere")
    assert response.status_code == 400 and "不是可选的单位类别" in response.content.decode()


def test_the_rankings_chart_is_in_the_page(client_leader):
    doc = page(client_leader, reverse("reports:rankings") + JULY + "&kind=department&indicator=paid_in_fdi")
    chart = chart_json(doc, "chart-ranking")
    assert chart["layout"]["title"]["text"] == "部门注册外资实际到帐完成考核目标情况"


# --- one unit -------------------------------------------------------------------------------------------


def test_the_unit_page_shows_the_zones_figures_lines_and_projects(client_leader):
    doc = page(client_leader, reverse("reports:unit", args=["kfq"]) + JULY)
    reg = cells(doc, '//section[@id="figures"]//tr[@data-indicator="registered_fdi"]/td')
    paid = cells(doc, '//section[@id="figures"]//tr[@data-indicator="paid_in_fdi"]/td')

    def pct(indicator: str, kind: str) -> str:
        return cells(doc, f'//section[@id="figures"]//tr[@data-indicator="{indicator}"]'
                          f'/td[contains(@class, "pct") and @data-kind="{kind}"]')[0]

    assert reg[0] == "14,203" and reg[2] == "33.45" and reg[-1] == "54.57"
    assert (pct("registered_fdi", "assessment"), pct("registered_fdi", "stretch")) == ("59.18", "40.58")
    assert paid[0] == "4,762" and paid[-1] == "46.31"
    assert (pct("paid_in_fdi", "assessment"), pct("paid_in_fdi", "stretch")) == ("39.69", "28.01")
    paid_chart = chart_json(doc, "chart-unit-paid-in-fdi")
    assert paid_chart["data"][0]["y"][-1] == 4762.0
    registered_chart = chart_json(doc, "chart-unit-registered-fdi")
    assert registered_chart["data"][0]["y"][-1] == 14203.0
    links = doc.xpath('//section[@id="projects"]//a/@href')
    assert links and all(re.fullmatch(r"/projects/\d+/", href) for href in links)


def test_a_clerk_reads_another_units_figures_but_not_its_project_list(demo_city, db):
    clerk = User.objects.get(username="clerk_t01")
    client = Client()
    client.force_login(clerk, backend="django.contrib.auth.backends.ModelBackend")
    doc = page(client, reverse("reports:unit", args=["kfq"]) + JULY)
    assert not doc.xpath('//section[@id="projects"]//tbody/tr') and not doc.xpath('//section[@id="projects"]//a')
    assert doc.xpath('//section[@id="projects"]//p[contains(., "只向本单位填报员")]')
    own = page(client, reverse("reports:unit", args=["t01"]) + JULY)
    assert own.xpath('//section[@id="projects"]//a')


def test_an_unknown_unit_is_not_found(client_leader):
    assert client_leader.get(reverse("reports:unit", args=["nope"]) + JULY).status_code == 404


# --- large projects -------------------------------------------------------------------------------------


def test_large_projects_lists_the_four_over_ten_million_and_the_pipeline(client_leader):
    doc = page(client_leader, reverse("reports:large_projects") + JULY)
    approved = doc.xpath('//section[@id="approved"]//tbody/tr')
    assert len(approved) == 4
    amounts = [D(text(r.xpath("./td")[5]).replace(",", "")) for r in approved]
    assert all(a >= 1000 for a in amounts) and amounts == sorted(amounts, reverse=True)
    stages = {r.get("data-stage"): cells(r, "./td") for r in doc.xpath('//table[contains(@class, "stages")]//tr[@data-stage]')}
    assert stages == {"negotiating": ["9", "2", "5,810"], "signed": ["4", "1", "2,500"]}
    pipeline = doc.xpath('//section[@id="pipeline"]//table[not(contains(@class, "stages"))]/tbody/tr')
    assert len(pipeline) == 13
    assert chart_json(doc, "chart-pipeline")["data"][0]["x"] == ["在谈", "签约"]


def test_the_pipeline_sorts_by_its_own_parameter(client_leader):
    doc = page(client_leader, reverse("reports:large_projects") + JULY + "&psort=-registered_fdi")
    rows = doc.xpath('//section[@id="pipeline"]//table[not(contains(@class, "stages"))]/tbody/tr')
    amounts = [D(text(r.xpath("./td")[5]).replace(",", "")) for r in rows]
    assert amounts == sorted(amounts, reverse=True)


# --- every page: nothing from outside, plotly from the package ------------------------------------------

PAGES = [
    ("reports:dashboard", [], JULY),
    ("reports:rankings", [], JULY + "&kind=department"),
    ("reports:unit", ["kfq"], JULY),
    ("reports:large_projects", [], JULY),
]


@pytest.mark.parametrize(("name", "args", "query"), PAGES, ids=[p[0] for p in PAGES])
def test_no_page_loads_anything_from_outside_the_portal(client_leader, name, args, query):
    doc = page(client_leader, reverse(name, args=args) + query)
    addresses = doc.xpath("//@src | //@href | //@action")
    assert addresses
    for address in addresses:
        parts = urlsplit(address)
        assert not parts.scheme and not parts.netloc, f"{name} loads {address}"
    scripts = doc.xpath("//script[@src]/@src")
    assert scripts == ["/static/js/portal.js", "/static/vendor/plotly.min.js", "/static/js/charts.js"]
    # and no inline script: every <script> without src is JSON data
    assert {s.get("type") for s in doc.xpath("//script[not(@src)]")} == {"application/json"}


def test_plotly_js_is_the_copy_inside_the_installed_plotly_package():
    import plotly

    found = finders.find("vendor/plotly.min.js")
    assert found and found.startswith(str(__import__("pathlib").Path(plotly.__file__).parent))
    listed = [path for finder in finders.get_finders() for path, _storage in finder.list([])]
    assert "plotly.min.js" in listed  # collectstatic copies it (to vendor/, the storage's prefix)


def test_users_without_a_role_are_refused(demo_city, db):
    client = Client()
    client.force_login(make_user("nobody", None), backend="django.contrib.auth.backends.ModelBackend")
    for name, args, query in PAGES:
        assert client.get(reverse(name, args=args) + query).status_code == 403


def test_a_persona_without_role_profile_and_anonymous_get_sent_to_sign_in(demo_city, db):
    response = Client().get(reverse("reports:dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_menu_leads_to_the_dashboard(client_leader):
    doc = page(client_leader, reverse("reports:dashboard") + JULY)
    assert reverse("reports:dashboard") in doc.xpath('//nav[@class="menu"]//a/@href')


def test_a_staff_member_and_a_clerk_read_the_dashboard_too(demo_city, db):
    for username in ("staff", "clerk_d01"):
        client = Client()
        client.force_login(User.objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend")
        assert client.get(reverse("reports:dashboard") + JULY).status_code == 200
    assert Profile.objects.filter(user__username="clerk_d01", unit__kind=Unit.Kind.DEPARTMENT).exists()

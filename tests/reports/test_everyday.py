"""Everyday use (issue #17) on the demo city: each role's menu shows what it uses, every page opens on the
latest month that has data, the help page explains every figure and the tables' headers link to it."""
from __future__ import annotations

import lxml.html
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse


def client_of(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username), backend="django.contrib.auth.backends.ModelBackend")
    return client


def menu(client: Client) -> list[str]:
    doc = lxml.html.fromstring(client.get(reverse("reports:help")).content.decode())
    return [a.text_content().strip() for a in doc.xpath('//nav[@id="main-menu"]/a')]


def test_each_role_sees_what_it_uses(demo_city, db):
    leader, staff, clerk = menu(client_of("leader")), menu(client_of("staff")), menu(client_of("clerk_t01"))
    assert "月度填报" not in leader and "导入工作簿" not in leader and "工作台" not in leader
    assert leader[:2] == ["领导看板", "外资项目"] and "考核办法" in leader
    assert staff[0] == "工作台" and {"导入工作簿", "兄弟县市数据", "疑似重复", "行业国别目录"} <= set(staff)
    assert clerk[0] == "月度填报" and "目标设置" not in clerk and "导入工作簿" not in clerk


def test_pages_open_on_the_latest_month_with_data(demo_city, db):
    client = client_of("leader")
    for name in ("reports:dashboard", "reports:rankings", "reports:peers", "reports:breakdown", "reports:assessment"):
        doc = lxml.html.fromstring(client.get(reverse(name)).content.decode())
        assert "2007年1–7月" in doc.xpath("//h1")[0].text_content() or doc.xpath(
            '//select[@name="month"]/option[@selected and @value="7"]'), name


def test_the_help_page_explains_the_figures_and_headers_link_to_it(demo_city, db):
    client = client_of("leader")
    help_page = client.get(reverse("reports:help")).content.decode()
    for term in ("序时进度", "完成率", "序时差距", "月均差额", "追赶月均", "外贸依存度", "功效系数法", "红灯"):
        assert term in help_page, term
    dashboard = client.get(reverse("reports:dashboard") + "?year=2007&month=7").content.decode()
    assert f'href="{reverse("reports:help")}#gap"' in dashboard

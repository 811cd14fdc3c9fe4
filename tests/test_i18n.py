"""English through Django i18n: the portal speaks Chinese by default and English once a user picks it; the
committed catalogue (locale/en/LC_MESSAGES/django.po, compiled to django.mo) is complete, not fuzzy, and keeps
every placeholder of its Chinese source."""
from __future__ import annotations

import ast
import datetime as dt
import gettext
import re
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests import factories as f
from tests.conftest import PASSWORD
from units.models import Unit

LOCALE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE_DIR / "django.po"
JULY = "?year=2007&month=7"

# Menu and page labels as the Chinese source has them, and as the English catalogue gives them.
CHINESE_MENU = ["领导看板", "外资项目", "重点项目", "退出", "修改密码"]  # a leader's menu (no 月度填报: a leader enters nothing)
ENGLISH_MENU = ["Dashboard", "FDI projects", "Key projects", "Sign out", "Change password"]


# ------------------------------------------------------------------------------------ the catalogue


def _unquote(line: str) -> str:
    """The text of one quoted .po line ("..." with C escapes)."""
    return ast.literal_eval(line)


def parse_po(path: Path) -> list[dict]:
    """A tiny .po reader: one dict per entry with msgid, msgid_plural, msgstr (or msgstr[n]) and flags.
    Enough for a catalogue makemessages wrote (no msgctxt in ours, obsolete #~ entries skipped)."""
    entries: list[dict] = []
    entry: dict = {"flags": set()}
    key = None

    def flush():
        nonlocal entry, key
        if "msgid" in entry:
            entries.append(entry)
        entry, key = {"flags": set()}, None

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += _unquote(line)
        else:
            key, _sep, rest = line.partition(" ")
            if key == "msgid" and "msgid" in entry:  # an entry without a blank line before it
                flags = entry["flags"]
                flush()
                entry["flags"] = flags
            entry[key] = _unquote(rest)
    flush()
    return entries


PLACEHOLDER = re.compile(r"%%|%\([a-z_]+\)[-#0 +]*\d*(?:\.\d+)?[sdf]|%[sd]")


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def catalogue() -> list[dict]:
    entries = parse_po(PO_FILE)
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "" and "fuzzy" not in header["flags"]
    assert "Language: en" in header["msgstr"]
    return messages


def test_the_compiled_catalogue_matches_the_po_file(catalogue):
    """django.mo is committed and holds exactly what django.po says (a stale .mo means: run compilemessages)."""
    with (LOCALE_DIR / "django.mo").open("rb") as fp:
        compiled = gettext.GNUTranslations(fp)
    stale = []
    for entry in catalogue:
        if "msgid_plural" in entry:
            got = [compiled.ngettext(entry["msgid"], entry["msgid_plural"], n) for n in (1, 2)]
            want = [entry["msgstr[0]"], entry["msgstr[1]"]]
        else:
            got, want = compiled.gettext(entry["msgid"]), entry["msgstr"]
        if got != want:
            stale.append(entry["msgid"])
    assert stale == []


def test_the_catalogue_holds_the_portal_s_strings(catalogue):
    msgids = {entry["msgid"] for entry in catalogue}
    assert len(msgids) > 600
    assert {"领导看板", "新批注册外资", "注册外资实际到帐", "序时进度", "双空白"} <= msgids


def test_every_message_is_translated_and_none_is_fuzzy(catalogue):
    untranslated = []
    for entry in catalogue:
        strings = [v for k, v in entry.items() if k.startswith("msgstr")]
        if "fuzzy" in entry["flags"] or not strings or not all(s.strip() for s in strings):
            untranslated.append(entry["msgid"])
    assert untranslated == []


def test_plural_messages_have_both_english_forms(catalogue):
    plurals = [entry for entry in catalogue if "msgid_plural" in entry]
    assert plurals
    for entry in plurals:
        assert entry["msgstr[0]"] and entry["msgstr[1]"], entry["msgid"]
        assert entry["msgstr[0]"] != entry["msgstr[1]"] or "%(n)s" in entry["msgstr[0]"], entry["msgid"]


def test_every_translation_keeps_the_placeholders_of_its_source(catalogue):
    mismatched = []
    for entry in catalogue:
        for key, text in entry.items():
            if not key.startswith("msgstr"):
                continue
            source = entry["msgid_plural"] if key == "msgstr[1]" else entry["msgid"]
            if placeholders(text) != placeholders(source):
                mismatched.append((entry["msgid"], text))
    assert mismatched == []


def test_no_translation_is_left_in_chinese(catalogue):
    """Chinese may stay only where it is quoted on purpose (the language's own name, 是/否 in the
    workbook's yes/no hint)."""
    han = re.compile(r"[\u4e00-\u9fff]")
    allowed = {"简体中文", "应为 yes 或 no（是/否），实际是“%(value)s”。"}
    left = [entry["msgid"] for entry in catalogue if entry["msgid"] not in allowed
            and any(han.search(v) for k, v in entry.items() if k.startswith("msgstr"))]
    assert left == []


# ------------------------------------------------------------------------------------------ pages


@pytest.fixture
def july_city(city, unit_a):
    """A small city with a township (unit A), a development zone, targets and figures up to July 2007."""
    zone = f.unit("z01", Unit.Kind.DEVELOPMENT_ZONE, city, name="开发区甲")
    town = unit_a
    f.targets(city, 2007, reg=(20000, 30000), paid=(24000, 36000))
    f.targets(town, 2007, reg=(1000, 1500), paid=(800, 1200))
    f.targets(zone, 2007, reg=(12000, 17000), paid=(12000, 17000))
    project = f.project(town, 1200, dt.date(2007, 3, 15))
    f.arrival(project, 2007, 5, 300)
    f.project(zone, 8000, dt.date(2007, 6, 1))
    return town


def signed_in(client: Client, username: str) -> Client:
    assert client.login(username=username, password=PASSWORD)
    return client


def choose_english(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302


def body(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_without_a_preference_the_portal_speaks_chinese(client, leader, july_city):
    signed_in(client, "leader")
    home = body(client.get("/", follow=True))
    assert '<html lang="zh-hans"' in home
    for label in CHINESE_MENU:
        assert label in home
    assert "Dashboard" not in home
    dashboard = body(client.get(reverse("reports:dashboard") + JULY))
    assert "2007年1–7月全市招商引资进度" in dashboard


def test_an_english_browser_still_gets_chinese_until_the_user_chooses_english(client, db):
    page = body(client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en"))
    assert "登录" in page and "用户名" in page
    choose_english(client)
    page = body(client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "Sign in" in page and "Username" in page and "Password" in page
    assert "登录" not in page and "用户名" not in page


def test_a_leader_who_switches_to_english_sees_english_menus_home_and_dashboard(client, leader, july_city):
    signed_in(client, "leader")
    choose_english(client)

    home = body(client.get("/", follow=True))
    assert '<html lang="en"' in home
    for label in ENGLISH_MENU:
        assert label in home
    for label in CHINESE_MENU:
        assert label not in home
    assert "Investment Promotion Target Management Platform" in home

    dashboard = body(client.get(reverse("reports:dashboard") + JULY))
    assert "City investment promotion progress, 2007, months 1–7" in dashboard
    assert "On-schedule progress 58.33% (the share of the full-year target" in dashboard
    for label in ("Assessment target", "Stretch target", "Double blank", "Average monthly arrival",
                  "Newly approved projects of USD 10m and above", "USD 10k"):
        assert label in dashboard
    for label in CHINESE_MENU + ["序时进度", "考核目标", "加压目标", "双空白", "月均到帐"]:
        assert label not in dashboard
    # Unit names are data and stay as entered.
    assert "甲镇" in body(client.get(reverse("reports:rankings") + JULY + "&kind=township"))


def test_the_monthly_page_is_in_english_for_a_clerk_who_chose_english(client, clerk_a, july_city):
    signed_in(client, "clerk_a")
    choose_english(client)
    page = body(client.get(reverse("projects:monthly") + "?year=2007&month=7"))
    for label in ("Monthly entry", "Submission status", "Arrivals in month 7 (USD 10k)",
                  "Months 1–7 total (USD 10k)", "Previous month", "Next month"):
        assert label in page
    for label in ("月度填报", "报送状态", "上月", "下月", "万美元"):
        assert label not in page


def test_switching_back_to_chinese_restores_the_chinese_menu(client, leader, july_city):
    signed_in(client, "leader")
    choose_english(client)
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    home = body(client.get("/", follow=True))
    assert "领导看板" in home and "Dashboard" not in home


def test_an_english_reader_gets_the_chinese_briefing_documents(client, leader, july_city):
    import io

    from openpyxl import load_workbook

    signed_in(client, "leader")
    choose_english(client)
    dashboard = body(client.get(reverse("reports:dashboard") + JULY))
    assert ">Month 7</option>" in dashboard  # the month picker follows the reader's language
    assert ">7月</option>" not in dashboard
    review = body(client.get(reverse("exports:review") + JULY))
    assert "全市" in review and "万美元" in review  # the review itself stays the city's Chinese text
    workbook = client.get(reverse("exports:briefing_xlsx") + JULY)
    sheet = load_workbook(io.BytesIO(workbook.content)).worksheets[0]
    assert "1-7月" in str(sheet["A1"].value)
    assert "招商引资进度表" in workbook["Content-Disposition"] or "%E6%8B%9B" in workbook["Content-Disposition"]

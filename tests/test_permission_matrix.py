"""Every URL of the portal, every persona: who gets what. A new URL without an entry here fails the suite.

How to add a route: one entry in MATRIX, keyed by its full name ("namespace:name"). Most routes fit
one of the helpers below (`entry_page`, `desk_page`, `desk_action`); override single personas with
`get={...}` / `post={...}`. For a route that shows one unit's object, build the URL for unit A's
object in `url` and for unit B's in `url_b`: the clerk of A must then be refused on B's (403 or 404).

Personas (healthchecks' style): anonymous; a signed-in user with no role; the clerk of unit A; a
leader (reads everything, changes nothing: every POST refused); bureau staff (everything).
Expected outcomes: a status code, a set of acceptable codes, or LOGIN (a redirect to the sign-in page).
An expected 302 must not be a redirect to the sign-in page.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from projects.models import Arrival, Country, Project
from reports.models import Edition
from tests import factories
from tests.conftest import make_user
from tests.factories import PAST_YEAR
from units.models import Profile, Unit

LOGIN = "login"
REFUSED = frozenset({403, 404})
NOT_ALLOWED = frozenset({403, 405})  # a method the route does not take: refused either way
PERSONAS = ("anonymous", "no_role", "clerk_a", "leader", "staff")
CROSS = "clerk_a_on_b"  # the clerk of unit A on unit B's object (only for routes with `url_b`)
# Writes a leader may make: signing in and out, and the own password. Every other POST of a leader is refused.
LEADER_MAY_POST = {"login", "logout", "password_change"}
# Not walked: Django's admin (its own permission system), language switching, static files.
EXCLUDED_PREFIXES = ("admin/", "i18n/", "static/", settings.STATIC_URL.lstrip("/"))



@dataclass
class World:
    """Two units with one project each; what every URL builder gets."""

    unit_a: Unit
    unit_b: Unit
    project_a: Project
    project_b: Project
    edition: Edition


Expect = int | frozenset | str
UrlBuilder = Callable[[World], str]


@dataclass
class Route:
    url: UrlBuilder
    get: dict[str, Expect]
    post: dict[str, Expect]
    post_data: Callable[[World], dict] = lambda w: {}
    url_b: UrlBuilder | None = None
    get_b: Expect = REFUSED
    post_b: Expect = REFUSED
    note: str = ""


def fixed(name: str, query: str = "") -> UrlBuilder:
    return lambda w: reverse(name) + query


def fixed_args(name: str, *args) -> UrlBuilder:
    return lambda w: reverse(name, args=list(args))


def route(url: UrlBuilder, get: dict, post: dict, **kwargs) -> Route:
    return Route(url=url, get=get, post=post, **kwargs)


def entry_page(url: UrlBuilder, *, get: dict | None = None, post: dict | None = None, **kwargs) -> Route:
    """A data-entry page (projects/): clerks on their own unit and staff read and write, leaders only read."""
    base_get = {"anonymous": LOGIN, "no_role": 403, "clerk_a": 200, "leader": 200, "staff": 200}
    base_post = {"anonymous": LOGIN, "no_role": 403, "clerk_a": 302, "leader": 403, "staff": 302}
    return Route(url=url, get={**base_get, **(get or {})}, post={**base_post, **(post or {})}, **kwargs)


def desk_page(url: UrlBuilder, *, get: dict | None = None, post: dict | None = None, **kwargs) -> Route:
    """The bureau's desk (targets/): staff only, leaders read where allowed, clerks refused."""
    base_get = {"anonymous": LOGIN, "no_role": 403, "clerk_a": 403, "leader": 200, "staff": 200}
    base_post = {"anonymous": LOGIN, "no_role": 403, "clerk_a": 403, "leader": 403, "staff": 302}
    return Route(url=url, get={**base_get, **(get or {})}, post={**base_post, **(post or {})}, **kwargs)


def report_page(url: UrlBuilder, **kwargs) -> Route:
    """A leader dashboard (reports/): every role reads it (a clerk too, city-wide); nobody POSTs (405)."""
    base_get = {"anonymous": LOGIN, "no_role": 403, "clerk_a": 200, "leader": 200, "staff": 200}
    return Route(url=url, get=base_get, post={p: 405 for p in PERSONAS}, **kwargs)


def project_form_data(w: World, **overrides) -> dict:
    data = {
        "code": "M-NEW", "name": "矩阵新项目", "unit": str(w.unit_a.pk), "type": "new", "stage": "approved",
        "approved_on": f"{PAST_YEAR}-03-01", "registered_fdi": "100",
    }
    data.update(overrides)
    return data


def monthly(unit_attr: str) -> UrlBuilder:
    return lambda w: reverse("projects:monthly") + f"?unit={getattr(w, unit_attr).pk}&year={PAST_YEAR}&month=4"


MATRIX: dict[str, Route] = {
    # --- the portal's own pages (config/urls.py, units/) ---
    "home": route(
        fixed("home"),
        get={"anonymous": 200, "no_role": 200, "clerk_a": 302, "leader": 302, "staff": 302},
        post={p: 405 for p in PERSONAS},
        note="each role lands where its work is (monthly page, dashboard, desk); no role: told to ask the bureau",
    ),
    "login": route(
        fixed("login"),
        get={"anonymous": 200, "no_role": 302, "clerk_a": 302, "leader": 302, "staff": 302},
        post={"anonymous": 200, "no_role": 302, "clerk_a": 302, "leader": 302, "staff": 302},
        post_data=lambda w: {"username": "nobody", "password": "wrong"},
    ),
    "logout": route(
        fixed("logout"),
        get={p: 405 for p in PERSONAS},
        post={p: 302 for p in PERSONAS},
    ),
    "password_change": route(
        fixed("password_change"),
        get={"anonymous": LOGIN, "no_role": 200, "clerk_a": 200, "leader": 200, "staff": 200},
        post={"anonymous": LOGIN, "no_role": 200, "clerk_a": 200, "leader": 200, "staff": 200},
        note="POST with an empty form: shown again with errors",
    ),
    "password_change_done": route(
        fixed("password_change_done"),
        get={"anonymous": LOGIN, "no_role": 200, "clerk_a": 200, "leader": 200, "staff": 200},
        post={"anonymous": LOGIN, "no_role": 405, "clerk_a": 405, "leader": 405, "staff": 405},
    ),
    # --- data entry (projects/) ---
    "projects:project_list": entry_page(
        fixed("projects:project_list"), post={"clerk_a": 405, "staff": 405},
    ),
    "projects:project_create": entry_page(
        fixed("projects:project_create"), get={"leader": 403}, post_data=project_form_data,
    ),
    "projects:project_detail": entry_page(
        lambda w: reverse("projects:project_detail", args=[w.project_a.pk]),
        url_b=lambda w: reverse("projects:project_detail", args=[w.project_b.pk]),
        post={"clerk_a": 405, "staff": 405},
        post_b=REFUSED | {405},
    ),
    "projects:project_edit": entry_page(
        lambda w: reverse("projects:project_edit", args=[w.project_a.pk]),
        url_b=lambda w: reverse("projects:project_edit", args=[w.project_b.pk]),
        get={"leader": 403},
        post_data=lambda w: project_form_data(w, code="A001", name="改名", version="1"),
    ),
    "projects:project_delete": entry_page(
        lambda w: reverse("projects:project_delete", args=[w.project_a.pk]),
        url_b=lambda w: reverse("projects:project_delete", args=[w.project_b.pk]),
        get={"leader": 403},
        post_data=lambda w: {"version": "1"},
    ),
    "projects:project_key": entry_page(
        lambda w: reverse("projects:project_key", args=[w.project_a.pk]),
        url_b=lambda w: reverse("projects:project_key", args=[w.project_b.pk]),
        get={"clerk_a": 400, "leader": 400, "staff": 400},
        post_data=lambda w: {"action": "add_problem", "p-raised_on": f"{PAST_YEAR}-03-01", "p-description": "矩阵问题"},
        note="milestones and problems of a project: a clerk the own unit's, staff all, leaders read on the project page",
    ),
    "projects:key_projects": entry_page(fixed("projects:key_projects"), post={"clerk_a": 405, "staff": 405}),
    "projects:agenda": entry_page(fixed("projects:agenda"), post={"clerk_a": 405, "staff": 405}),
    "projects:activities": entry_page(
        fixed("projects:activities", f"?year={PAST_YEAR}"), post={"clerk_a": 403},
        post_data=lambda w: {"year": PAST_YEAR, "a-code": "M-ACT", "a-kind": "trip", "a-date": f"{PAST_YEAR}-03-01",
                             "a-name": "矩阵活动", "a-leads": 1},
        note="every role reads the activities; staff record them",
    ),
    "ops:desk": desk_page(fixed("ops:desk"), get={"leader": 403}, post={"staff": 405}),
    "projects:duplicates": desk_page(
        fixed("projects:duplicates"),
        post_data=lambda w: {"first": w.project_a.pk, "second": w.project_b.pk, "action": "distinct"},
    ),
    "projects:notices_read": entry_page(
        fixed("projects:notices_read"), get={"clerk_a": 400, "leader": 400, "staff": 400},
        note="marks the signed-in user's own notices read; GET is not a way to do it",
    ),
    "projects:monthly": entry_page(
        monthly("unit_a"),
        url_b=monthly("unit_b"),
        post_data=lambda w: {f"amount_{w.project_a.pk}": "12", f"version_{w.project_a.pk}": "0"},
    ),
    # --- the bureau's desk (targets/) ---
    "targets:grid": desk_page(fixed("targets:grid", f"?year={PAST_YEAR}"), post_data=lambda w: {"year": PAST_YEAR}),
    "targets:year_settings": desk_page(
        fixed("targets:year_settings", f"?year={PAST_YEAR}"), post_data=lambda w: {"year": PAST_YEAR, "deadline_day": 5},
    ),
    "projects:peer_entry": desk_page(
        fixed("projects:peer_entry", f"?year={PAST_YEAR}&month=4"),
        post_data=lambda w: {"year": PAST_YEAR, "month": 4, "action": "add_peer", "peer-name": "矩阵县",
                             "peer-kind": "county", "peer-sort_order": 0},
        note="the peer counties' published figures: staff enter, leaders read, clerks are refused",
    ),
    "projects:catalogue": desk_page(
        lambda w: reverse("projects:catalogue", args=["industry"]),
        post_data=lambda w: {"new-name": "矩阵行业", "new-sector": "other", "new-sort_order": 0},
        note="the lists staff keep: staff add, leaders read, clerks choose from them on the project form",
    ),
    "projects:catalogue_entry": desk_page(
        lambda w: reverse("projects:catalogue_entry", args=["country", Country.objects.get(name="日本").pk]),
        post_data=lambda w: {"name": "日本", "region": "asia", "aliases": "", "sort_order": 0},
    ),
    "targets:history": desk_page(
        lambda w: reverse("targets:history", args=[w.unit_a.pk]) + f"?year={PAST_YEAR}", post={"staff": 405},
        note="a unit's targets' history: staff and leaders read it",
    ),
    "targets:rules": desk_page(
        fixed("targets:rules", f"?year={PAST_YEAR}"), post={"staff": 302},
        post_data=lambda w: {"year": PAST_YEAR, "a-TOTAL_FORMS": 0, "a-INITIAL_FORMS": 0,
                             "w-TOTAL_FORMS": 0, "w-INITIAL_FORMS": 0},
        note="the year's 考核办法: staff save, leaders read, clerks are refused (they read the rules on the scores page)",
    ),
    "projects:submission": desk_page(
        lambda w: reverse("projects:submission", args=[w.unit_a.pk, PAST_YEAR, 4]),
        post={"staff": 200}, post_data=lambda w: {"reason": "数据不全"},
        note="staff POST returns a submission; unit A's April has none, so the page says so (200)",
    ),
    "projects:board": desk_page(fixed("projects:board"), post={"staff": 405}, note="changes go through projects:lock"),
    "projects:lock": desk_page(
        fixed("projects:lock"),
        get={"leader": 403, "staff": 405},
        post_data=lambda w: {"unit": w.unit_a.pk, "year": PAST_YEAR, "month": 4, "action": "lock"},
    ),
    "workbook:upload": desk_page(
        fixed("workbook:upload"), get={"leader": 403}, post={"staff": 400}, note="staff POST without a file: 400",
    ),
    "workbook:export": desk_page(fixed("workbook:export"), post={"staff": 405}, note="the data workbook: GET only"),
    # --- the JSON API (reports/api_urls.py): 401 rather than a sign-in redirect ---
    "api:progress": route(
        fixed("api:progress", f"?year={PAST_YEAR}&month=4"),
        get={"anonymous": 401, "no_role": 403, "clerk_a": 200, "leader": 200, "staff": 200},
        post={p: 405 for p in PERSONAS},
    ),
    "api:assessment": route(
        fixed("api:assessment", f"?year={PAST_YEAR}&month=4"),
        get={"anonymous": 401, "no_role": 403, "clerk_a": 200, "leader": 200, "staff": 200},
        post={p: 405 for p in PERSONAS},
    ),
    # --- leader dashboards (reports/urls.py): read by every role, GET only ---
    "reports:dashboard": report_page(fixed("reports:dashboard")),
    "reports:rankings": report_page(fixed("reports:rankings", f"?year={PAST_YEAR}&month=4&kind=department")),
    "reports:unit": report_page(
        lambda w: reverse("reports:unit", args=[w.unit_b.code]) + f"?year={PAST_YEAR}&month=4",
        note="city-wide reports: the clerk of A reads unit B's figures too (its project links are not shown)",
    ),
    "reports:working": report_page(
        lambda w: reverse("reports:working", args=[w.unit_b.code]) + f"?year={PAST_YEAR}&month=4&indicator=paid_in_fdi",
        note="the working of unit B's figures: everyone reads the sums; only B's clerk, staff and leaders its projects",
    ),
    "reports:large_projects": report_page(fixed("reports:large_projects")),
    "reports:assessment": report_page(fixed("reports:assessment", f"?year={PAST_YEAR}&month=4&kind=township")),
    "reports:unit_scores": report_page(
        lambda w: reverse("reports:unit_scores", args=[w.unit_b.code]) + f"?year={PAST_YEAR}&month=4"),
    "reports:awards": report_page(fixed("reports:awards", f"?year={PAST_YEAR}&month=4")),
    "reports:help": report_page(fixed("reports:help")),
    "reports:peers": report_page(fixed("reports:peers", f"?year={PAST_YEAR}&month=4")),
    "reports:breakdown": report_page(fixed("reports:breakdown", f"?year={PAST_YEAR}&month=4&by=industry")),
    # --- briefing downloads (reports/export_urls.py): read by every role, GET only ---
    "exports:briefing_xlsx": report_page(fixed("exports:briefing_xlsx", f"?year={PAST_YEAR}&month=4")),
    "exports:review": report_page(fixed("exports:review", f"?year={PAST_YEAR}&month=4")),
    "exports:review_docx": report_page(fixed("exports:review_docx", f"?year={PAST_YEAR}&month=4")),
    # --- published editions (reports/edition_views.py) ---
    "reports:editions": report_page(fixed("reports:editions", f"?year={PAST_YEAR}")),
    "reports:publish": desk_page(
        fixed("reports:publish"), get={"leader": 403, "staff": 405},
        post_data=lambda w: {"year": PAST_YEAR, "month": 4},
    ),
    "reports:edition_file": report_page(
        lambda w: reverse("reports:edition_file", args=[w.edition.pk, "json"]),
        note="the workbook of an edition (xlsx) is refused to clerks: tests/reports/test_editions.py",
    ),
    "reports:restatement": report_page(fixed_args("reports:restatement", PAST_YEAR, 4)),
    # TODO(reports): further reports:* pages join here as they are written;
    # the first test below names every route still missing.
}


# --- walking the URLconf ---------------------------------------------------------------------------


def portal_routes() -> dict[str, str]:
    """Every URL pattern of the portal as {full name: path pattern}, admin, i18n and static excluded.

    An unnamed pattern is listed under "<unnamed> path" so that it fails the completeness test too.
    """
    found: dict[str, str] = {}

    def walk(patterns, namespace: str, prefix: str) -> None:
        for pattern in patterns:
            text = prefix + str(pattern.pattern)
            if text.startswith(EXCLUDED_PREFIXES):
                continue
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, ns, text)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}{pattern.name}" if pattern.name else f"<unnamed> {text}"
                found[name] = text

    walk(get_resolver().url_patterns, "", "")
    return found


def test_every_route_of_the_portal_has_an_entry_in_the_matrix():
    routes = portal_routes()
    missing = sorted(set(routes) - set(MATRIX))
    assert not missing, (
        "These URLs have no entry in tests/test_permission_matrix.py MATRIX — add one per route "
        "(who may GET/POST it): " + ", ".join(f"{name} (/{routes[name]})" for name in missing)
    )


def test_the_matrix_has_no_entry_for_a_route_that_no_longer_exists():
    stale = sorted(set(MATRIX) - set(portal_routes()))
    assert not stale, "MATRIX entries for routes that no longer exist: " + ", ".join(stale)


def test_every_entry_says_what_each_persona_gets_and_leaders_change_nothing():
    for name, entry in MATRIX.items():
        assert set(entry.get) == set(PERSONAS), f"{name}: GET expectations for {set(PERSONAS) - set(entry.get)}"
        assert set(entry.post) == set(PERSONAS), f"{name}: POST expectations for {set(PERSONAS) - set(entry.post)}"
        if name not in LEADER_MAY_POST:
            assert _matches_refusal(entry.post["leader"]), f"{name}: a leader's POST must be refused (403/405)"


def _matches_refusal(expect: Expect) -> bool:
    codes = expect if isinstance(expect, frozenset) else {expect}
    return codes <= NOT_ALLOWED


# --- asking every route as every persona ------------------------------------------------------------


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Hundreds of users are made here; the real hasher would spend most of the run hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(unit_a, unit_b) -> World:
    def project(unit: Unit, code: str) -> Project:
        return factories.project(unit, code=code, approved_on=dt.date(PAST_YEAR, 2, 1))

    a, b = project(unit_a, "A001"), project(unit_b, "B001")
    Arrival.objects.create(project=a, year=PAST_YEAR, month=3, amount=Decimal("10"))
    edition = Edition.objects.create(year=PAST_YEAR, month=3, number=1, published_at=timezone.now(),
                                     published_by_name="staff", report_json="{}", review_text="讲评",
                                     briefing_xlsx=b"", review_docx=b"")
    return World(unit_a=unit_a, unit_b=unit_b, project_a=a, project_b=b, edition=edition)


def _client(persona: str, unit_a: Unit, unit_b: Unit) -> Client:
    users = {
        "no_role": lambda: make_user("no_role", None),
        "clerk_a": lambda: make_user("clerk_a", Profile.Role.CLERK, unit_a),
        CROSS: lambda: make_user("clerk_a", Profile.Role.CLERK, unit_a),
        "leader": lambda: make_user("leader", Profile.Role.LEADER),
        "staff": lambda: make_user("staff", Profile.Role.STAFF),
    }
    client = Client()
    if persona != "anonymous":
        client.force_login(users[persona](), backend="django.contrib.auth.backends.ModelBackend")
    return client


def _cases():
    for name, entry in MATRIX.items():
        for method in ("GET", "POST"):
            expectations = entry.get if method == "GET" else entry.post
            for persona in PERSONAS:
                yield pytest.param(name, method, persona, expectations[persona], id=f"{name}-{method}-{persona}")
            if entry.url_b is not None:
                expect = entry.get_b if method == "GET" else entry.post_b
                yield pytest.param(name, method, CROSS, expect, id=f"{name}-{method}-{CROSS}")


def _check(response, expect: Expect, label: str) -> None:
    login_url = resolve_url(settings.LOGIN_URL)
    location = response.get("Location", "")
    if expect == LOGIN:
        assert response.status_code == 302 and location.startswith(login_url), (
            f"{label}: expected a redirect to sign in, got {response.status_code} {location}"
        )
        return
    codes = expect if isinstance(expect, frozenset) else frozenset({expect})
    assert response.status_code in codes, f"{label}: expected {sorted(codes)}, got {response.status_code} {location}"
    if response.status_code == 302:
        assert not location.startswith(login_url + "?"), f"{label}: sent to sign in instead of being let through"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method", "persona", "expect"), list(_cases()))
def test_the_route_answers_each_persona_as_the_matrix_says(name, method, persona, expect, world):
    entry = MATRIX[name]
    client = _client(persona, world.unit_a, world.unit_b)
    url = entry.url_b(world) if persona == CROSS else entry.url(world)
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, entry.post_data(world))
    _check(response, expect, f"{method} {url} as {persona}")


@pytest.mark.django_db
def test_a_clerk_refused_on_another_units_objects_changes_nothing(world):
    """Belt and braces for the cross-unit POSTs above: unit B's rows are exactly as they were."""
    before = (list(Project.objects.values_list("pk", "name", "version")), list(Arrival.objects.values_list("pk", "amount")))
    client = _client(CROSS, world.unit_a, world.unit_b)
    for entry in MATRIX.values():
        if entry.url_b is not None:
            client.post(entry.url_b(world), entry.post_data(world))
    after = (list(Project.objects.values_list("pk", "name", "version")), list(Arrival.objects.values_list("pk", "amount")))
    assert after == before

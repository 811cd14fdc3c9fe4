"""Published editions (通报, INTERFACES.md §4): a month's report and files as announced, and never changed.

- ``publish(year=, month=, user=)`` keeps the progress report's JSON (with its ``edition`` object), the
  briefing workbook, the review text and the Word review exactly as they are, numbered 1, 2, … per month;
- ``edition_for(year, month, which)`` returns one ("latest" or a number) — pages, the API and the command
  serve its stored bytes, never a recomputation;
- ``previous_comparison(year, month)``: what the meeting was told for month M − 1 (the latest edition's
  on-schedule counts and ranks), which "比上月" compares with;
- ``restatement(year, month)``: where the live figures of a published month differ from its latest
  edition — which unit and figure moved, from → to, and which recorded changes moved it.
"""
from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from reports.models import Edition
from targets.indicators import CODES as INDICATORS  # noqa: E402
from targets.indicators import TARGET_KINDS  # noqa: E402


class EditionError(ValueError):
    """No such edition; the message is Chinese, for the user."""


def latest_edition(year: int, month: int) -> Edition | None:
    return Edition.objects.filter(year=year, month=month).order_by("-number").first()


def edition_for(year: int, month: int, which: str | int) -> Edition:
    """The edition asked for: "latest" or its number; EditionError (Chinese) when there is none."""
    if str(which).strip().lower() == "latest":
        edition = latest_edition(year, month)
    else:
        text = str(which).strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 4:
            raise EditionError(_("期号应为“latest”或正整数。"))
        edition = Edition.objects.filter(year=year, month=month, number=int(text)).first()
    if edition is None:
        raise EditionError(_("%(year)s年%(month)s月还没有发布过这一期通报。") % {"year": year, "month": month})
    return edition


def edition_json(edition: Edition) -> dict[str, str | int]:
    return {"number": edition.number, "published_at": edition.published_at.isoformat(),
            "published_by": edition.published_by_name}


@transaction.atomic
def publish(*, year: int, month: int, user: User | None, at: dt.datetime | None = None) -> Edition:
    """Publish 1–M月 of ``year`` as it stands now: computed afresh (not from a cache), then kept as is.
    ``at``: the moment to record (now; the demo records its June meeting)."""
    from reports.exporters import registry
    from reports.progress import progress_report
    from reports.review import review_for

    report = progress_report(year=year, month=month)
    # The month's editions are numbered one after another: take the next number under a row lock.
    number = (Edition.objects.select_for_update().filter(year=year, month=month).aggregate(n=Max("number"))["n"] or 0) + 1
    now = at or timezone.now()
    name = (user.get_full_name() or user.get_username()) if user else _("系统")
    edition = Edition(year=year, month=month, number=number, published_at=now, published_by=user,
                      published_by_name=name)
    data = report.as_json()
    data["edition"] = edition_json(edition)
    edition.report_json = json.dumps(data, ensure_ascii=False)
    edition.review_text = review_for(report).as_text()
    workbook, docx = io.BytesIO(), io.BytesIO()
    registry["briefing_xlsx"]().write(report, workbook)
    registry["review_docx"]().write(report, docx)
    edition.briefing_xlsx = workbook.getvalue()
    edition.review_docx = docx.getvalue()
    edition.save()
    return edition


# ------------------------------------------------------------------------------------ "比上月"


@dataclass(frozen=True)
class PreviousMonth:
    """What month M − 1's latest edition announced: the groups' on-schedule counts and the units' ranks."""

    number: int
    on_schedule: dict[str, dict[str, dict[str, int]]]  # kind → indicator → target kind → count
    ranks: dict[str, dict[str, dict[str, int | None]]]  # unit code → indicator → target kind → rank


def previous_comparison(year: int, month: int) -> PreviousMonth | None:
    """The latest edition of month M − 1 as "比上月" compares with it; None in January or when M − 1 was
    never published (then M − 1 computed now is the comparison). One query."""
    if month <= 1:
        return None
    edition = latest_edition(year, month - 1)
    if edition is None:
        return None
    data = json.loads(edition.report_json)
    on_schedule = {
        g["kind"]: {ind: {k: int(g[ind]["on_schedule"][k]) for k in TARGET_KINDS if k in g[ind]["on_schedule"]}
                    for ind in INDICATORS if ind in g}
        for g in data.get("groups", [])
    }
    return PreviousMonth(number=edition.number, on_schedule=on_schedule, ranks=announced_ranks(data.get("units", [])))


def competition_ranks(values: list[tuple[Any, str]]) -> dict[str, int | None]:
    """Ranks of (value, code) pairs, highest first, ties sharing the better rank (1, 2, 2, 4); None for a
    None value."""
    ranked = sorted((v for v in values if v[0] is not None), key=lambda v: -v[0])
    ranks: dict[str, int | None] = {code: None for value, code in values if value is None}
    for position, (value, code) in enumerate(ranked, start=1):
        ranks[code] = ranks[ranked[position - 2][1]] if position > 1 and ranked[position - 2][0] == value else position
    return ranks


def announced_ranks(units: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, int | None]]]:
    """Each unit's rank in its kind per indicator and target kind, as an edition's JSON had them: the
    assessment rank is its ``rank_in_kind``; the stretch and doubling ranks follow from its published
    ``stretch_pct`` / ``doubling_pct`` by the same rule (highest first, ties sharing the better rank)."""
    ranks: dict[str, dict[str, dict[str, int | None]]] = {u["code"]: {} for u in units}
    for ind in INDICATORS:
        for kind in TARGET_KINDS:
            if kind == "assessment":
                for u in units:
                    if ind in u:
                        ranks[u["code"]].setdefault(ind, {})[kind] = u[ind].get("rank_in_kind")
                continue
            by_kind: dict[str, list[tuple[Any, str]]] = {}
            for u in units:
                if ind in u:
                    by_kind.setdefault(u["kind"], []).append((u[ind].get(f"{kind}_pct"), u["code"]))
            for members in by_kind.values():
                for code, rank in competition_ranks(members).items():
                    ranks[code].setdefault(ind, {})[kind] = rank
    return ranks


# ---------------------------------------------------------------------------------- restatement


# The figures a restatement compares, per indicator block of a unit (INTERFACES.md §2 keys).
COMPARED = ("ytd", "assessment_pct", "stretch_pct", "doubling_pct", "assessment_gap_pp", "stretch_gap_pp",
            "doubling_gap_pp", "rank_in_kind")


@dataclass(frozen=True)
class Moved:
    unit_code: str
    unit_name: str
    indicator: str
    figure: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RecordedChange:
    when: Any
    who: str
    unit_code: str
    what: str
    old: str
    new: str
    reason: str


@dataclass
class Restatement:
    edition: Edition
    moved: list[Moved] = field(default_factory=list)
    changes: list[RecordedChange] = field(default_factory=list)

    @property
    def restated(self) -> bool:
        return bool(self.moved)


def compare(published: dict[str, Any], live: dict[str, Any]) -> list[Moved]:
    """Every unit figure that differs between an edition's JSON and the live report's JSON."""
    live_units = {u["code"]: u for u in live.get("units", [])}
    moved = []
    for unit in published.get("units", []):
        now = live_units.get(unit["code"])
        for indicator in INDICATORS:
            before = unit.get(indicator) or {}
            after = (now or {}).get(indicator) or {}
            for figure in COMPARED:
                if before.get(figure) != after.get(figure):
                    moved.append(Moved(unit["code"], unit["name"], indicator, figure, before.get(figure), after.get(figure)))
    return moved


def restatement(year: int, month: int, live: dict[str, Any]) -> Restatement | None:
    """The latest edition of the month against ``live`` (the report's JSON computed now); None without an
    edition. The recorded changes are those made since publication to the month's figures."""
    edition = latest_edition(year, month)
    if edition is None:
        return None
    result = Restatement(edition=edition, moved=compare(json.loads(edition.report_json), live))
    if result.moved:
        result.changes = recorded_changes(year, month, since=edition.published_at)
    return result


def recorded_changes(year: int, month: int, *, since) -> list[RecordedChange]:
    """Changes recorded (django-simple-history) after ``since`` to figures of 1–M月 of ``year``: arrivals,
    projects approved in the period, and targets of the year. Three queries, and one for the names."""
    from projects.models import Arrival, Project
    from targets.models import Target
    from units.models import Unit

    changes: list[RecordedChange] = []
    codes = dict(Unit.objects.values_list("pk", "code"))
    projects = {p.pk: (p.unit_id, p.code) for p in Project.history.filter(history_date__gt=since).only("id", "unit_id", "code")}
    projects.update({pk: (unit_id, code) for pk, unit_id, code in Project.objects.values_list("pk", "unit_id", "code")})

    def who(record) -> str:
        user = record.history_user
        return (user.get_full_name() or user.get_username()) if user else _("系统")

    def amount(value) -> str:
        return "—" if value is None else f"{Decimal(value):,.2f}"

    arrivals = (Arrival.history.filter(history_date__gt=since, year=year, month__lte=month)
                .select_related("history_user").order_by("history_date"))
    for record in arrivals:
        previous = record.prev_record
        unit_id, code = projects.get(record.project_id, (None, "?"))
        changes.append(RecordedChange(
            when=record.history_date, who=who(record), unit_code=codes.get(unit_id, "?"),
            what=_("项目%(code)s %(month)s月到帐") % {"code": code, "month": record.month},
            old=amount(previous.amount) if previous and record.history_type != "+" else "—",
            new="—" if record.history_type == "-" else amount(record.amount),
            reason=record.history_change_reason or ""))
    approved = (Project.history.filter(history_date__gt=since).select_related("history_user").order_by("history_date"))
    for record in approved:
        previous = record.prev_record
        in_period = any(r is not None and r.approved_on is not None and r.approved_on.year == year
                        and r.approved_on.month <= month for r in (record, previous))
        if not in_period:
            continue
        before = f"{amount(previous.registered_fdi)}（{previous.approved_on or '—'}）" if previous else "—"
        after = "—" if record.history_type == "-" else f"{amount(record.registered_fdi)}（{record.approved_on or '—'}）"
        if before == after and previous is not None and previous.unit_id == record.unit_id:
            continue
        changes.append(RecordedChange(
            when=record.history_date, who=who(record), unit_code=codes.get(record.unit_id, "?"),
            what=_("项目%(code)s 新批注册外资（批准日期）") % {"code": record.code}, old=before, new=after,
            reason=record.history_change_reason or ""))
    targets = Target.history.filter(history_date__gt=since, year=year).select_related("history_user").order_by("history_date")
    for record in targets:
        previous = record.prev_record
        changes.append(RecordedChange(
            when=record.history_date, who=who(record), unit_code=codes.get(record.unit_id, "?"),
            what=_("目标 %(indicator)s %(kind)s") % {"indicator": record.get_indicator_display(),
                                                   "kind": record.get_kind_display()},
            old=amount(previous.amount) if previous and record.history_type != "+" else "—",
            new="—" if record.history_type == "-" else amount(record.amount),
            reason=record.history_change_reason or ""))
    changes.sort(key=lambda c: c.when)
    return changes

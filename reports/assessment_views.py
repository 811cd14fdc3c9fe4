"""考核 pages: the scores of the year's rules by kind of unit, one unit's scores written out, the awards.

Every figure comes from the cached scores (``reports.cache.assessment_for``) and the cached progress
report; every signed-in user with a role reads them (the rules are the responsibility letters' terms).
"""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.assessment import explain
from reports.cache import assessment_for
from reports.filters import KIND_CHOICES
from reports.pages import ReportPage, report_page
from reports.views import _kind
from units import access
from units.models import Unit


def _assessment(page: ReportPage):
    return assessment_for(year=page.year, month=page.month, version=page.context.get("version"))


@report_page(title=gettext_lazy("考核得分"))
def scores(request: HttpRequest, page: ReportPage) -> HttpResponse:
    """/reports/assessment/?kind=… — every unit of a kind scored by the year's rules, best first."""
    kind = _kind(request)
    assessment = _assessment(page)
    page.context.update({
        "assessment": assessment,
        "rows": assessment.of_kind(kind),
        "kind": kind,
        "kind_label": str(dict(KIND_CHOICES)[kind]),
        "kind_choices": KIND_CHOICES,
        "can_manage": access.can_manage(request.user),
    })
    return render(request, "reports/assessment.html", page.context)


@report_page(title=gettext_lazy("考核得分"))
def unit_scores(request: HttpRequest, page: ReportPage, code: str) -> HttpResponse:
    """/reports/assessment/<code>/ — one unit's points per rule, each written out with its numbers."""
    assessment = _assessment(page)
    try:
        row = page.report.unit(code)
        score = assessment.unit(code)
    except (KeyError, StopIteration):
        raise Http404(_("没有代码为 %(code)s 的单位，或市本级不参加考核。") % {"code": code}) from None
    lines = []
    for rule in assessment.rules:
        figures = row.figure(rule.indicator)
        points = score.points.get(rule.indicator)
        lines.append({"rule": rule, "figures": figures, "kind": figures.of_kind(rule.target_kind), "points": points,
                      "working": explain(rule, figures, points, score.bounds.get(rule.indicator)),
                      "bounds": score.bounds.get(rule.indicator)})
    in_kind = sum(1 for u in assessment.units if u.kind == score.kind)
    page.context.update({"assessment": assessment, "row": row, "score": score, "lines": lines, "in_kind": in_kind,
                         "kind_label": Unit.Kind(score.kind).label})
    return render(request, "reports/unit_scores.html", page.context)


@report_page(title=gettext_lazy("奖励"))
def awards(request: HttpRequest, page: ReportPage) -> HttpResponse:
    """/reports/awards/ — each of the year's awards: who qualified and in which month, who is close."""
    assessment = _assessment(page)
    page.context.update({"assessment": assessment, "awards": assessment.awards,
                         "can_manage": access.can_manage(request.user)})
    return render(request, "reports/awards.html", page.context)

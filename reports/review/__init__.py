"""The review text (讲评): seed 004's first part, written from the data with every figure filled in.

``compose_review(report, facts)`` returns the title and paragraphs (``review_for(report)`` fetches the
facts too); ``reports.exporters.review`` writes them as plain text and as a Word document, and the review
page shows them. Numbers are written by ``reports.wording``. The wording follows the speech — the city's figures,
then 一是…六是 (development zone, townships, departments, capital-increase projects, backbone
enterprises, grafted capital where there is some, 外贸 and 外经 where the year uses them, the
assessment standing and the awards), then 第一…第三 (large projects, schedule gaps and the monthly pace, the units that are
ahead or blank) — and every clause whose figure is missing (no target, nothing last year, January's
change from last month, December's remaining months) is left out rather than printed with a blank.
"""
from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from reports.assessment import AssessmentReport
from reports.briefing import BriefingFacts, briefing_facts
from reports.openness import Dependence
from reports.progress import ProgressReport
from reports.review.achievements import Achievements
from reports.review.balance import Balance
from reports.review.base import ORDINALS, SECTIONS, Review
from reports.review.open_economy import OpenEconomy
from reports.review.shortfalls import Shortfalls
from reports.review.standing import Standing

__all__ = ["Composer", "Review", "compose_review", "review_for"]


def compose_review(report: ProgressReport, facts: BriefingFacts, assessment: AssessmentReport | None = None,
                   dependence: Dependence | None = None) -> Review:
    """The review of 1–M月 from the report, the briefing facts, the scores and the trade dependence; see
    the module docstring."""
    composer = Composer(report, facts, assessment)
    composer.dependence = dependence
    return composer.compose()


class Composer(Achievements, OpenEconomy, Shortfalls, Balance, Standing):
    """Every part of the review, in the speech's order."""

    # -- the whole text
    def compose(self) -> Review:
        review = Review(title=_("%(city)s%(year)s年%(period)s招商引资工作讲评") % {
            "city": self.city.name, "year": self.r.year, "period": self.period})
        review.add(_("根据会议的安排，现在我就全市%(period)s招商引资工作作一简要讲评。") % {"period": self.period}
                   + self.completeness_sentence())
        review.add(_("一、%(period)s招商引资工作的基本情况") % {"period": self.period}, "heading")
        review.add(self.city_paragraph() + self.peer_standing_sentence())
        achievements = [p for p in (self.zone_paragraph(), self.township_paragraph(), self.department_paragraph(),
                                    self.increase_paragraph(), self.backbone_paragraph(),
                                    self.grafted_paragraph(), self.trade_paragraph(), self.outward_paragraph(),
                                    self.assessment_paragraph()) if p]
        for ordinal, (headline, body) in zip(ORDINALS[:len(achievements)], achievements, strict=True):
            review.add(f"{ordinal}{headline}{body}")
        review.add(_("二、当前招商引资工作存在的不足"), "heading")
        behind = any(g is not None and g < 0 for g in self.gaps())
        first = self.peer_first()
        review.add((_("在看到成绩的同时，我们必须清醒地认识到招商引资工作还存在不足，完成全年目标任务、确保%(group)s"
                      "第一的形势依然十分严峻。") % {"group": self._group(self.r.peers["paid_in_fdi"])} if first else
                    _("在看到成绩的同时，我们必须清醒地认识到招商引资工作还存在不足，完成全年目标任务的形势依然十分严峻。"))
                   if behind else _("在看到成绩的同时，我们也必须清醒地认识到招商引资工作还存在不足。"))
        problems = [p for p in (self.large_projects_paragraph(), self.schedule_paragraph(), self.balance_paragraph()) if p]
        for ordinal, (headline, body) in zip(SECTIONS, problems, strict=False):
            review.add(f"{ordinal}，{headline}{body}")
        review.add(_("对此，我们必须要保持清醒的认识。"))
        return review


@translation.override("zh-hans")  # a Chinese document, whatever the reader's UI language
def review_for(report: ProgressReport) -> Review:
    """The review of the report's period (the briefing facts are two more queries, the scores six, the
    trade dependence two)."""
    from reports.assessment import assessment_report
    from reports.openness import trade_dependence

    return compose_review(report, briefing_facts(year=report.year, month=report.month, report=report),
                          assessment_report(year=report.year, month=report.month), trade_dependence(report))

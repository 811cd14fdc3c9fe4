"""六是, the assessment standing: who leads each kind of unit under the year's 考核办法, and where the
promised awards stand (who has qualified, who is close)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from reports.assessment import AssessmentReport, AwardResult, UnitScore
from reports.review.base import Part
from reports.wording import joined
from targets.models import TargetKind
from units.models import Unit

TOP = 3  # the leaders named per kind
LISTED = 5  # names listed before "等N个单位"


class Standing(Part):
    assessment: AssessmentReport | None

    def assessment_paragraph(self) -> tuple[str, str] | None:
        a = self.assessment
        if a is None or not a.rules:
            return None
        weights = "、".join(_("%(label)s%(w)s分") % {"label": r.label, "w": f"{r.weight.normalize():f}"} for r in a.rules)
        body = _("按照今年的考核办法（%(weights)s），%(period)s") % {"weights": weights, "period": self.period}
        leaders = [clause for clause in (self.leaders(a, kind) for kind in (
            Unit.Kind.DEVELOPMENT_ZONE, Unit.Kind.TOWNSHIP, Unit.Kind.DEPARTMENT)) if clause]
        body += ("，".join(leaders) if leaders else _("各单位尚无得分")) + "。"
        body += "".join(self.award_sentence(award) for award in a.awards)
        return _("考核排位情况。"), body

    @staticmethod
    def leaders(a: AssessmentReport, kind: str) -> str:
        ranked = [s for s in a.of_kind(kind) if s.rank_in_kind is not None]
        if not ranked:
            return ""

        def scored(s: UnitScore) -> str:
            return _("%(name)s（%(total)s分）") % {"name": s.name, "total": f"{s.total:.2f}"}

        if len(ranked) == 1:
            return _("%(unit)s得分%(total)s分") % {"unit": ranked[0].name, "total": f"{ranked[0].total:.2f}"}
        top = [s for s in ranked if s.rank_in_kind is not None and s.rank_in_kind <= TOP]
        noun = Unit.Kind(kind).label
        return _("%(noun)s得分前%(n)s位是%(names)s") % {"noun": noun, "n": len(top), "names": joined([scored(s) for s in top])}

    def award_sentence(self, award: AwardResult) -> str:
        kind = str(TargetKind(award.rule.target_kind).label)
        name = award.rule.name
        if award.units:
            shown = [u.name for u in award.units[:LISTED]]
            who = joined(shown) if len(award.units) <= LISTED else _("%(names)s等%(n)s个单位") % {
                "names": "、".join(shown), "n": len(award.units)}
            text = _("%(who)s已完成全年%(kind)s，符合“%(award)s”的条件") % {"who": who, "kind": kind, "award": name}
        else:
            text = _("尚无单位达到“%(award)s”的要求") % {"award": name}
        if award.close and not award.decided:
            text += _("，%(names)s已接近完成，要加把劲") % {"names": joined([u.name for u in award.close[:LISTED]])}
        return text + "。"

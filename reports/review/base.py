"""What every part of the review shares: the document (``Review``), the report it reads, the period's
wording, and the sentences more than one part says (the on-schedule counts)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from reports.assessment import AssessmentReport
from reports.briefing import BriefingFacts
from reports.openness import Dependence
from reports.progress import GroupRow, ProgressReport
from targets.indicators import TARGET_KINDS

REG, PAID = "registered_fdi", "paid_in_fdi"
ASSESSMENT, STRETCH = "assessment", "stretch"
FEW = 5  # "只有N个" up to this many large projects
ORDINALS: tuple[str, ...] = ("一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是", "九是", "十是", "十一是", "十二是")
SECTIONS: tuple[str, ...] = ("第一", "第二", "第三", "第四", "第五", "第六")


@dataclass
class Review:
    title: str
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (kind: "heading" | "body", text)

    def add(self, text: str, kind: str = "body") -> None:
        if text:
            self.paragraphs.append((kind, text))

    def as_text(self) -> str:
        return "\n\n".join([self.title, *(text for _kind, text in self.paragraphs)]) + "\n"



class Part:
    """One part of the review; the composer (``reports.review.Composer``) is all of them together."""

    def __init__(self, report: ProgressReport, facts: BriefingFacts, assessment: AssessmentReport | None = None) -> None:
        self.r = report
        self.facts = facts
        self.assessment = assessment
        self.dependence: Dependence | None = None
        self.m = report.month
        self.period = _("1月份") if self.m == 1 else _("1-%(m)s月份") % {"m": self.m}
        self.city = report.city

    def completeness_sentence(self) -> str:
        """"（本讲评依据各单位报送的数据：7月已报送47/107，逾期3；尚有60个单位未报送，数据为初步数。）"."""
        c = self.r.completeness
        if c is None:
            return ""
        text = _("本讲评依据各单位报送的数据：%(done)s") % {"done": c.sentence(self.m)}
        if c.missing:
            text += _("；尚有%(n)s个单位未报送，数据为初步数") % {"n": c.missing}
        return _("（%(text)s。）") % {"text": text}

    def gaps(self) -> list[Decimal | None]:
        reg, paid = self.city.registered_fdi, self.city.paid_in_fdi
        return [f.gap(k) for f in (reg, paid) for k in TARGET_KINDS]

    def on_schedule_sentence(self, group: GroupRow, noun: str) -> str:
        """"注册外资和实际外资各有9个乡镇达到考核目标序时进度要求，分别比上月少5个和2个。"""
        a = group.registered_fdi.on_schedule[ASSESSMENT]
        b = group.paid_in_fdi.on_schedule[ASSESSMENT]
        if a == b:
            text = _("注册外资和实际外资各有%(a)s%(noun)s达到考核目标序时进度要求") % {"a": a, "noun": noun}
        else:
            text = _("注册外资和实际外资分别有%(a)s个和%(b)s%(noun)s达到考核目标序时进度要求") % {
                "a": a, "b": b, "noun": noun}
        ca = group.registered_fdi.on_schedule_change[ASSESSMENT]
        cb = group.paid_in_fdi.on_schedule_change[ASSESSMENT]
        if ca is None or cb is None:  # January: there is no last month
            return text + "。"

        def change(c: int) -> str:
            if c > 0:
                return _("比上月多%(n)s个") % {"n": c}
            if c < 0:
                return _("比上月少%(n)s个") % {"n": -c}
            return _("与上月持平")

        if ca == cb:
            return text + ("，" + (_("均") if ca else "") + change(ca)) + "。"
        if (ca > 0 and cb > 0) or (ca < 0 and cb < 0):
            word = _("多") if ca > 0 else _("少")
            return text + _("，分别比上月%(w)s%(a)s个和%(b)s个") % {"w": word, "a": abs(ca), "b": abs(cb)} + "。"
        return text + _("，其中注册外资%(a)s，实际外资%(b)s") % {"a": change(ca), "b": change(cb)} + "。"

"""The review text (讲评): seed 004's first part, written from the data with every figure filled in.

``compose_review(report, facts)`` returns the title and paragraphs; ``ReviewText`` writes them as plain
UTF-8 text and ``ReviewDocx`` as a Word document. The wording follows the speech — the city's figures,
then 一是…五是 (development zone, townships, departments, capital-increase projects, backbone
enterprises), then 第一…第三 (large projects, schedule gaps and the monthly pace, the units that are
ahead or blank) — and every clause whose figure is missing (no target, nothing last year, January's
change from last month, December's remaining months) is left out rather than printed with a blank.

Amounts are whole 万美元, or 亿美元 to two decimals (trailing zeros dropped) from 10,000 万 on; percentages
and points have two decimals with the full-width ％, as the speech writes them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import IO

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports.briefing import BriefingFacts, briefing_facts, last_month_gap_pp
from reports.exporters import BaseExporter, register
from reports.progress import GroupRow, IndicatorFigures, ProgressReport, UnitRow
from units.models import Unit

REG, PAID = "registered_fdi", "paid_in_fdi"
ASSESSMENT, STRETCH = "assessment", "stretch"
FEW = 5  # "只有N个" up to this many large projects


# ------------------------------------------------------------------------------------------ numbers


def wan(amount: Decimal) -> str:
    """An amount in whole 万美元, rounded half up: "1297万美元"."""
    return _("%(n)s万美元") % {"n": amount.quantize(Decimal(1), ROUND_HALF_UP)}


def money(amount: Decimal) -> str:
    """An amount as prose writes it: 万美元 below 10,000 万, else 亿美元 to two decimals ("1.42亿美元")."""
    if abs(amount) < 10000:
        return wan(amount)
    yi = (amount / 10000).quantize(Decimal("0.01"), ROUND_HALF_UP)
    text = f"{yi:f}".rstrip("0").rstrip(".")
    return _("%(n)s亿美元") % {"n": text}


def pct(value: Decimal) -> str:
    """"61.36％"."""
    return f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP):f}％"


def points(value: Decimal) -> str:
    """A gap's size in points without its sign: "13.11"."""
    return f"{abs(value).quantize(Decimal('0.01'), ROUND_HALF_UP):f}"


def yoy(value: Decimal | None) -> str | None:
    """"同比增长33.45％" / "同比下降5.00％" / "与上年同期持平"; None when last year had nothing."""
    if value is None:
        return None
    if value > 0:
        return _("同比增长%(p)s") % {"p": pct(value)}
    if value < 0:
        return _("同比下降%(p)s") % {"p": pct(-value)}
    return _("与上年同期持平")


def names(units: Sequence[UnitRow]) -> str:
    return "、".join(u.name for u in units)


def sentence(*clauses: str | None, end: str = "。") -> str:
    """The clauses that exist, joined by commas, with the sentence's end."""
    return "，".join(c for c in clauses if c) + end


def stated(prefix: str, verb: str, label: str, amount: Decimal, *extras: str | None, end: str = "。") -> str:
    """"<prefix><verb><label><amount>, <extras>", or "<prefix>尚无<label>" alone when the amount is zero
    (a zero has no growth, share or completion worth reading out)."""
    if not amount:
        return sentence(_("%(prefix)s尚无%(label)s") % {"prefix": prefix, "label": label}, end=end)
    return sentence(f"{prefix}{verb}{label}{money(amount)}", *extras, end=end)


def respectively(values: Sequence[Decimal | None], labels: Sequence[str], template_one: str, template_two: str,
                 fmt=pct) -> str | None:
    """"分别完成考核目标和加压目标的a％和b％", or the one that exists, or None.

    ``template_two`` gets %(labels)s / %(a)s / %(b)s, ``template_one`` %(label)s / %(a)s."""
    present = [(label, value) for label, value in zip(labels, values) if value is not None]
    if len(present) == 2:
        return template_two % {"labels": _("和").join(labels), "a": fmt(present[0][1]), "b": fmt(present[1][1])}
    if len(present) == 1:
        return template_one % {"label": present[0][0], "a": fmt(present[0][1])}
    return None


def completion(figures: IndicatorFigures, whose: str = "") -> str | None:
    """"分别完成全市考核目标和加压目标的61.36％和45.22％" (the targets that are set)."""
    return respectively(
        [figures.assessment_pct, figures.stretch_pct],
        [_("%(whose)s考核目标") % {"whose": whose}, _("加压目标")],
        _("完成%(label)s的%(a)s"),
        _("分别完成%(labels)s的%(a)s和%(b)s"),
    )


def share(value: Decimal | None) -> str | None:
    return None if value is None else _("占全市完成数的%(p)s") % {"p": pct(value)}


# ------------------------------------------------------------------------------------------- review


@dataclass
class Review:
    title: str
    paragraphs: list[tuple[str, str]] = field(default_factory=list)  # (kind: "heading" | "body", text)

    def add(self, text: str, kind: str = "body") -> None:
        if text:
            self.paragraphs.append((kind, text))

    def as_text(self) -> str:
        return "\n\n".join([self.title, *(text for _kind, text in self.paragraphs)]) + "\n"


ORDINALS = ("一是", "二是", "三是", "四是", "五是", "六是")
SECTIONS = ("第一", "第二", "第三", "第四")


def compose_review(report: ProgressReport, facts: BriefingFacts) -> Review:
    """The review of 1–M月 from the report and the briefing facts; see the module docstring."""
    return _Composer(report, facts).compose()


class _Composer:
    def __init__(self, report: ProgressReport, facts: BriefingFacts) -> None:
        self.r = report
        self.facts = facts
        self.m = report.month
        self.period = _("1月份") if self.m == 1 else _("1-%(m)s月份") % {"m": self.m}
        self.city = report.city

    # -- the whole text
    def compose(self) -> Review:
        review = Review(title=_("%(city)s%(year)s年%(period)s招商引资工作讲评") % {
            "city": self.city.name, "year": self.r.year, "period": self.period})
        review.add(_("根据会议的安排，现在我就全市%(period)s招商引资工作作一简要讲评。") % {"period": self.period})
        review.add(_("一、%(period)s招商引资工作的基本情况") % {"period": self.period}, "heading")
        review.add(self.city_paragraph())
        achievements = [p for p in (self.zone_paragraph(), self.township_paragraph(), self.department_paragraph(),
                                    self.increase_paragraph(), self.backbone_paragraph()) if p]
        for ordinal, (headline, body) in zip(ORDINALS, achievements):
            review.add(f"{ordinal}{headline}{body}")
        review.add(_("二、当前招商引资工作存在的不足"), "heading")
        behind = any(g is not None and g < 0 for g in self.gaps())
        review.add(_("在看到成绩的同时，我们必须清醒地认识到招商引资工作还存在不足，完成全年目标任务的形势依然十分严峻。")
                   if behind else _("在看到成绩的同时，我们也必须清醒地认识到招商引资工作还存在不足。"))
        problems = [p for p in (self.large_projects_paragraph(), self.schedule_paragraph(), self.balance_paragraph()) if p]
        for ordinal, (headline, body) in zip(SECTIONS, problems):
            review.add(f"{ordinal}，{headline}{body}")
        review.add(_("对此，我们必须要保持清醒的认识。"))
        return review

    def gaps(self) -> list[Decimal | None]:
        reg, paid = self.city.registered_fdi, self.city.paid_in_fdi
        return [reg.assessment_gap_pp, reg.stretch_gap_pp, paid.assessment_gap_pp, paid.stretch_gap_pp]

    # -- 总体
    def city_paragraph(self) -> str:
        reg, paid = self.city.registered_fdi, self.city.paid_in_fdi
        return (
            stated(_("%(period)s，全市") % {"period": self.period}, "", _("新批注册外资"), reg.ytd,
                   yoy(reg.yoy_pct), completion(reg, _("全市")), end="；")
            + stated("", "", _("注册外资实际到帐"), paid.ytd, yoy(paid.yoy_pct), completion(paid, _("全市")))
        )

    # -- 一是…五是
    def zone_paragraph(self) -> tuple[str, str] | None:
        zones = self.r.units_of_kind(Unit.Kind.DEVELOPMENT_ZONE)
        group = self.r.group(Unit.Kind.DEVELOPMENT_ZONE)
        if not zones or group is None:
            return None
        growing = (group.paid_in_fdi.yoy_pct or 0) >= 0 and (group.registered_fdi.yoy_pct or 0) >= 0
        headline = _("开发区利用外资作用继续增强。") if growing else _("开发区利用外资增势有所放缓。")
        if len(zones) == 1:
            zone = zones[0]
            reg, paid = zone.registered_fdi, zone.paid_in_fdi
            body = (
                stated(_("%(period)s，%(zone)s") % {"period": self.period, "zone": zone.name}, "", _("新批注册外资"),
                       reg.ytd, yoy(reg.yoy_pct), share(reg.share_pct), completion(reg, _("全市")), end="；")
                + stated("", "", _("注册外资实际到帐"), paid.ytd,
                         yoy(paid.yoy_pct), share(paid.share_pct), completion(paid, _("市")))
            )
            return headline, body
        reg, paid = group.registered_fdi, group.paid_in_fdi
        body = (
            stated(_("%(period)s，全市%(n)s个开发区（园区）") % {"period": self.period, "n": group.units},
                   _("共形成"), _("新批注册外资"), reg.ytd, yoy(reg.yoy_pct), share(reg.share_pct), end="；")
            + stated("", "", _("注册外资实际到帐"), paid.ytd, yoy(paid.yoy_pct), share(paid.share_pct))
            + self.on_schedule_sentence(group, _("个开发区")).rstrip("。") + "。"
        )
        return headline, body

    def township_paragraph(self) -> tuple[str, str] | None:
        group = self.r.group(Unit.Kind.TOWNSHIP)
        if group is None:
            return None
        reg, paid = group.registered_fdi, group.paid_in_fdi
        growing = (reg.yoy_pct or 0) >= 0 and (paid.yoy_pct or 0) >= 0
        headline = _("乡镇利用外资稳步推进。") if growing else _("乡镇利用外资有待加强。")
        body = (
            stated(_("%(period)s，全市%(n)s个乡镇（场）") % {"period": self.period, "n": group.units},
                   _("形成"), _("新批注册外资"), reg.ytd, yoy(reg.yoy_pct), share(reg.share_pct), end="；")
            + stated("", _("形成"), _("注册外资实际到帐"), paid.ytd, yoy(paid.yoy_pct), share(paid.share_pct))
        )
        return headline, body

    def bureau(self) -> UnitRow | None:
        """The investment bureau (市招商局), named in the speech beside the departments."""
        return next((u for u in self.r.units_of_kind(Unit.Kind.DEPARTMENT) if u.name.endswith("招商局")), None)

    def department_paragraph(self) -> tuple[str, str] | None:
        group = self.r.group(Unit.Kind.DEPARTMENT)
        if group is None:
            return None
        reg, paid = group.registered_fdi, group.paid_in_fdi
        headline = _("部门利用外资又有新进展。") if (reg.yoy_pct or 0) >= 0 else _("部门利用外资有所回落。")
        bureau = self.bureau()
        including = _("（包括%(name)s）") % {"name": bureau.name} if bureau else ""
        body = (
            stated(_("%(period)s，除开发区外，全市%(n)s个部门%(including)s") % {
                "period": self.period, "n": group.units, "including": including},
                _("形成"), _("新批注册外资"), reg.ytd, yoy(reg.yoy_pct), share(reg.share_pct), end="；")
            + stated("", _("形成"), _("注册外资实际到帐"), paid.ytd, yoy(paid.yoy_pct), share(paid.share_pct))
        )
        if bureau:
            reg_b, paid_b = bureau.registered_fdi.ytd, bureau.paid_in_fdi.ytd
            body += sentence(
                _("其中%(name)s形成新批注册外资%(reg)s") % {"name": bureau.name, "reg": money(reg_b)}
                if reg_b else _("其中%(name)s尚无新批注册外资") % {"name": bureau.name},
                _("实际外资%(paid)s") % {"paid": money(paid_b)} if paid_b else _("尚无实际外资"),
            )
        return headline, body

    def increase_paragraph(self) -> tuple[str, str]:
        inc = self.facts.increase
        growing = inc.amount_yoy_pct is not None and inc.amount_yoy_pct > 0
        headline = _("增资项目增势明显。") if growing else _("增资扩股持续推进。")
        if inc.count:
            first = sentence(
                _("%(period)s，全市新批增资项目%(n)s个") % {"period": self.period, "n": inc.count},
                yoy(inc.count_yoy_pct),
                _("增资%(amount)s") % {"amount": money(inc.amount)},
                yoy(inc.amount_yoy_pct),
                end="，",
            )
        else:
            first = _("%(period)s，全市没有新批增资项目，") % {"period": self.period}
        paid = stated(_("目前"), _("已形成"), _("到帐外资"), inc.paid_in, share(inc.paid_in_share_pct))
        return headline, first + paid

    def backbone_paragraph(self) -> tuple[str, str]:
        bb = self.facts.backbone
        if not bb.registered and not bb.paid_in:
            return _("骨干企业招商尚待破题。"), _("%(period)s，全市骨干企业招商尚未形成新批注册外资和实际到帐。") % {
                "period": self.period}
        shares = respectively(
            [bb.registered_share_pct, bb.paid_in_share_pct], [_("注册外资"), _("实际到帐")],
            _("%(label)s占全市完成数的%(a)s"), _("分别占全市完成数的%(a)s和%(b)s"),
        )
        if bb.registered and bb.paid_in:
            body = sentence(
                _("全市骨干企业招商共形成新批注册外资%(reg)s，注册外资实际到帐%(paid)s") % {
                    "reg": money(bb.registered), "paid": money(bb.paid_in)},
                shares,
            )
        else:  # one of the two is zero
            body = (stated(_("全市骨干企业招商"), _("共形成"), _("新批注册外资"), bb.registered,
                           share(bb.registered_share_pct), end="；")
                    + stated("", "", _("注册外资实际到帐"), bb.paid_in, share(bb.paid_in_share_pct)))
        return _("骨干企业招商初见成效。"), body

    # -- 第一…第三
    def large_projects_paragraph(self) -> tuple[str, str]:
        large = self.r.large_projects
        weak = large.over_10000 == 0 and large.over_1000 <= FEW
        headline = _("大项目的支撑作用不明显。") if weak else _("大项目的支撑作用有所显现。")

        def count(n: int) -> str:
            if n == 0:
                return _("没有")
            if n <= FEW:
                return _("只有%(n)s个") % {"n": n}
            return _("有%(n)s个") % {"n": n}

        body = (
            _("在今年新项目中，超亿美元项目%(yi)s，超千万美元项目%(qw)s。") % {
                "yi": _("没有") if large.over_10000 == 0 else _("有%(n)s个") % {"n": large.over_10000},
                "qw": count(large.over_1000)}
            + _("目前在谈的千万美元项目%(n)s。") % {"n": count(large.negotiating_over_1000)}
        )
        if weak:
            body += _("大项目少，反映我市利用外资后劲不足。")
        return headline, body

    def schedule_paragraph(self) -> tuple[str, str]:
        reg, paid = self.city.registered_fdi, self.city.paid_in_fdi
        behind = any(g is not None and g < 0 for g in self.gaps())
        if all(g is None for g in self.gaps()):
            headline = _("全年目标尚未下达，序时进度无从衡量。")
        else:
            headline = _("序时脱幅的问题依然存在。") if behind else _("各项指标均达到序时进度。")
        parts = [sentence(
            _("%(period)s，序时进度为%(schedule)s") % {"period": self.period, "schedule": pct(self.r.schedule_pct)},
            sentence(_("我市新批注册外资%(c)s") % {"c": completion(reg, _("市全年"))}, end="") if completion(reg) else None,
            sentence(_("注册外资实际到帐%(c)s") % {"c": completion(paid, _("市全年"))}, end="") if completion(paid) else None,
        )]
        parts.append(self.gap_sentence())
        parts.append(self.pace_sentences())
        return headline, "".join(parts)

    def gap_sentence(self) -> str:
        """"可见，仅新批注册外资超出了考核目标序时进度3.03个百分点外，其余序时脱幅依然较大。注册外资离…还相差…"."""
        ahead: list[str] = []
        level: list[str] = []
        behind: list[str] = []
        for key, ahead_name, behind_name in ((REG, _("新批注册外资"), _("注册外资")), (PAID, _("实际外资"), _("实际外资"))):
            figures: IndicatorFigures = getattr(self.city, key)
            by_sign: dict[int, list[tuple[str, Decimal]]] = {1: [], 0: [], -1: []}
            for label, gap in ((_("考核"), figures.assessment_gap_pp), (_("加压"), figures.stretch_gap_pp)):
                if gap is not None:
                    by_sign[(gap > 0) - (gap < 0)].append((label, gap))
            ahead += self.gap_phrases(by_sign[1], ahead_name, _("超出了%(k)s目标序时进度%(a)s个百分点"),
                                      _("分别超出%(k)s目标序时进度%(a)s和%(b)s个百分点"))
            level += self.gap_phrases(by_sign[0], ahead_name, _("正好达到%(k)s目标序时进度"),
                                      _("正好达到%(k)s目标序时进度"))
            behind += self.gap_phrases(by_sign[-1], behind_name, _("离%(k)s目标序时进度还相差%(a)s个百分点"),
                                       _("离%(k)s目标序时进度还分别相差%(a)s和%(b)s个百分点"))
        good = ahead + level
        if good and behind:
            if len(good) == 1:
                return _("可见，仅%(good)s外，其余序时脱幅依然较大。%(behind)s。") % {
                    "good": good[0], "behind": "，".join(behind)}
            return _("可见，%(good)s，但%(behind)s。") % {"good": "，".join(good), "behind": "，".join(behind)}
        if behind:
            return _("可见，各项指标序时脱幅依然较大：%(behind)s。") % {"behind": "，".join(behind)}
        if good:
            return _("可见，%(good)s。") % {"good": "，".join(good)}
        return ""

    @staticmethod
    def gap_phrases(items: list[tuple[str, Decimal]], name: str, one: str, two: str) -> list[str]:
        if len(items) == 2:
            return [name + two % {"k": _("和").join(label for label, _g in items),
                                  "a": points(items[0][1]), "b": points(items[1][1])}]
        return [name + one % {"k": label, "a": points(gap)} for label, gap in items]

    def pace_sentences(self) -> str:
        """The monthly arrival rate against the required and the catch-up rates (实际到帐, 万美元 a month)."""
        paid = self.city.paid_in_fdi
        slow = paid.monthly_shortfall_assessment is not None and paid.monthly_shortfall_assessment > 0
        rate = _("仅为") if slow else _("为")
        if paid.carry_over > 0:
            text = _("从每月平均到帐看，如果剔除去年结余下来的%(carry)s，今年我市平均月到帐%(rate)s%(avg)s。") % {
                "carry": wan(paid.carry_over), "rate": rate, "avg": wan(paid.monthly_avg)}
        else:
            text = _("从每月平均到帐看，今年我市平均月到帐%(rate)s%(avg)s。") % {"rate": rate, "avg": wan(paid.monthly_avg)}
        required = respectively(
            [paid.required_monthly_assessment, paid.required_monthly_stretch], [_("考核目标"), _("加压目标")],
            _("根据今年下达的%(label)s，我市每月至少应平均到帐%(a)s"),
            _("根据今年下达的%(labels)s，我市每月至少应平均到帐%(a)s和%(b)s"), fmt=wan,
        )
        if required:
            text += _("而") + required + self.shortfall_clause(paid) + "。"
        text += self.trend_clause(paid)
        text += self.catch_up_sentence(paid)
        return text

    @staticmethod
    def shortfall_clause(paid) -> str:
        values = [v for v in (paid.monthly_shortfall_assessment, paid.monthly_shortfall_stretch) if v is not None]
        if not values:
            return ""

        def word(v: Decimal) -> str:
            v = v.quantize(Decimal(1), ROUND_HALF_UP)
            return _("少") if v > 0 else _("多") if v < 0 else ""

        words = {word(v) for v in values}
        if len(values) == 2 and len(words) == 1 and "" not in words:
            return _("，目前月平均到帐比预计还分别%(w)s%(a)s和%(b)s") % {
                "w": words.pop(), "a": wan(abs(values[0])), "b": wan(abs(values[1]))}
        phrases = []
        for label, v in ((_("考核目标"), paid.monthly_shortfall_assessment), (_("加压目标"), paid.monthly_shortfall_stretch)):
            if v is None:
                continue
            w = word(v)
            phrases.append(_("比%(label)s要求%(w)s%(a)s") % {"label": label, "w": w, "a": wan(abs(v))} if w
                           else _("与%(label)s要求持平") % {"label": label})
        return _("，目前月平均到帐") + "，".join(phrases)

    def trend_clause(self, paid) -> str:
        """Whether the paid-in assessment gap narrowed since last month (not in January)."""
        now = paid.assessment_gap_pp
        before = last_month_gap_pp(paid.last_month_ytd, paid.assessment_target, self.r.last_month_schedule_pct)
        if now is None or before is None or now >= 0:
            return ""
        if now > before:
            return _("序时进度的差距虽然和上月比已有所缩小，但")
        if now < before:
            return _("序时进度的差距比上月有所扩大，")
        return _("序时进度的差距与上月持平，")

    def catch_up_sentence(self, paid) -> str:
        remaining = 12 - self.m
        a, s = paid.catch_up_monthly_assessment, paid.catch_up_monthly_stretch
        if remaining == 0 or a is None:
            # December: no months left to catch up in; the trend clause, if any, needs an ending.
            return _("全年目标任务必须全力冲刺。") if self.trend_pending(paid) else ""
        if a == 0:
            return _("实际到帐已完成全年考核目标任务。")
        text = _("在接下来的%(n)s个月中，至少每月平均到帐%(a)s我们才能完成实际到帐全年考核目标任务") % {
            "n": remaining, "a": wan(a)}
        if s:
            text += _("，完成加压目标则需每月平均到帐%(s)s") % {"s": wan(s)}
        return text + "。"

    def trend_pending(self, paid) -> bool:
        return bool(self.trend_clause(paid))

    # -- 第三: townships and departments
    def balance_paragraph(self) -> tuple[str, str] | None:
        townships = self.r.group(Unit.Kind.TOWNSHIP)
        departments = self.r.group(Unit.Kind.DEPARTMENT)
        if townships is None and departments is None:
            return None
        blank = sum(g.double_blank for g in (townships, departments) if g)
        headline = _("不平衡性的问题依然突出。") if blank else _("各地利用外资进展不够平衡。")
        body = ""
        if townships:
            body += self.kind_sentences(townships, Unit.Kind.TOWNSHIP, _("全市%(n)s个乡镇中，"), _("个乡镇"),
                                        list_blank=True)
        if departments:
            body += self.kind_sentences(departments, Unit.Kind.DEPARTMENT, _("全市%(n)s个部门中（不包括开发区），"),
                                        _("个部门"), list_blank=False)
        return headline, body

    def kind_sentences(self, group: GroupRow, kind: str, opening: str, noun: str, *, list_blank: bool) -> str:
        units = self.r.units_of_kind(kind)
        done = []
        for key, label in ((PAID, _("实际外资")), (REG, _("注册外资"))):
            stretch = [u for u in units if getattr(u, key).done_stretch]
            assessment = [u for u in units if getattr(u, key).done_assessment and not getattr(u, key).done_stretch]
            if stretch:
                done.append(_("%(names)s%(n)s%(noun)s完成了%(ind)s全年加压目标任务") % {
                    "names": names(stretch), "n": len(stretch), "noun": noun, "ind": label})
            if assessment:
                done.append(_("%(names)s%(n)s%(noun)s完成了%(ind)s全年考核目标任务") % {
                    "names": names(assessment), "n": len(assessment), "noun": noun, "ind": label})
            if not stretch and not assessment:
                done.append(_("还没有%(noun)s完成%(ind)s全年考核目标任务") % {"noun": noun.lstrip("个"), "ind": label})
        text = (opening % {"n": group.units}) + "，".join(done) + "。"
        text += self.on_schedule_sentence(group, noun)
        if group.double_blank:
            blanks = [u for u in units if u.double_blank]
            suffix = _("（%(names)s）") % {"names": names(blanks)} if list_blank and blanks else ""
            text += _("目前还有%(n)s%(noun)s利用外资双空白%(names)s。") % {
                "n": group.double_blank, "noun": noun, "names": suffix}
        else:
            text += _("目前已没有%(noun)s利用外资双空白。") % {"noun": noun.lstrip("个")}
        return text

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


# ----------------------------------------------------------------------------------------- exporters


@translation.override("zh-hans")  # a Chinese document, whatever the reader's UI language
def review_for(report: ProgressReport) -> Review:
    """The review of the report's period (the briefing facts are two more queries)."""
    return compose_review(report, briefing_facts(year=report.year, month=report.month, report=report))


@register
class ReviewText(BaseExporter):
    """讲评稿 as plain UTF-8 text: the title, then one paragraph a line with a blank line between."""

    identifier = "review_txt"
    verbose_name = gettext_lazy("讲评稿（文本）")
    content_type = "text/plain; charset=utf-8"
    extension = "txt"
    filename_stem = gettext_lazy("招商引资工作讲评")

    def write(self, report: ProgressReport, fileobj: IO[bytes]) -> None:
        fileobj.write(review_for(report).as_text().encode("utf-8"))


FONT_BODY = "宋体"
FONT_TITLE = "黑体"


@register
class ReviewDocx(BaseExporter):
    """讲评稿 as a Word document: A4, a centred title, headings, paragraphs indented two characters."""

    identifier = "review_docx"
    verbose_name = gettext_lazy("讲评稿（Word）")
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    extension = "docx"
    filename_stem = gettext_lazy("招商引资工作讲评")

    def write(self, report: ProgressReport, fileobj: IO[bytes]) -> None:
        from docx import Document
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm, Pt

        review = review_for(report)
        doc = Document()
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(26)
        section.top_margin = section.bottom_margin = Mm(30)

        normal = doc.styles["Normal"]
        normal.font.size = Pt(14)
        _set_font(normal.font, normal.element, FONT_BODY)
        normal.paragraph_format.line_spacing = 1.5
        normal.paragraph_format.space_after = Pt(0)

        doc.core_properties.title = review.title
        title = doc.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.space_after = Pt(12)
        run = title.add_run(review.title)
        run.bold = True
        run.font.size = Pt(18)
        _set_font(run.font, run._element, FONT_TITLE)

        for kind, text in review.paragraphs:
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(28)  # two characters of 14 pt
            run = paragraph.add_run(text)
            if kind == "heading":
                run.bold = True
                _set_font(run.font, run._element, FONT_TITLE)
        doc.save(fileobj)


def _set_font(font, element, name: str) -> None:
    """Set a font for Latin and East Asian text alike: Word takes CJK glyphs from rPr/rFonts@eastAsia."""
    from docx.oxml.ns import qn

    font.name = name
    rpr = element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)

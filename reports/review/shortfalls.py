"""The shortfalls: 第一 the large projects, 第二 the schedule gaps and the monthly pace of arrivals."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from reports.briefing import last_month_gap_pp
from reports.progress import IndicatorFigures
from reports.review.base import FEW, PAID, REG
from reports.review.peers import Peers
from reports.wording import completion, joined, pct, points, respectively, sentence, wan


class Shortfalls(Peers):

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
            _("在今年新项目中，超亿美元项目%(yi)s，超千万美元项目%(qw)s") % {
                "yi": _("没有") if large.over_10000 == 0 else _("有%(n)s个") % {"n": large.over_10000},
                "qw": count(large.over_1000)}
            + self.peer_large_clause() + "。"
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
            for label, gap in ((_("考核"), figures.assessment_gap_pp), (_("加压"), figures.stretch_gap_pp),
                               (_("翻番"), figures.doubling_gap_pp)):
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
        if len(items) >= 2:
            return [name + two % {"k": joined([label for label, _g in items]),
                                  "a": "、".join(points(g) for _l, g in items[:-1]), "b": points(items[-1][1])}]
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
            [paid.required_monthly_assessment, paid.required_monthly_stretch, paid.required_monthly_doubling],
            [_("考核目标"), _("加压目标"), _("翻番目标")],
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
        kinds = ((_("考核目标"), paid.monthly_shortfall_assessment), (_("加压目标"), paid.monthly_shortfall_stretch),
                 (_("翻番目标"), paid.monthly_shortfall_doubling))
        values = [v for _label, v in kinds if v is not None]
        if not values:
            return ""

        def word(v: Decimal) -> str:
            v = v.quantize(Decimal(1), ROUND_HALF_UP)
            return _("少") if v > 0 else _("多") if v < 0 else ""

        words = {word(v) for v in values}
        if len(values) >= 2 and len(words) == 1 and "" not in words:
            return _("，目前月平均到帐比预计还分别%(w)s%(a)s和%(b)s") % {
                "w": words.pop(), "a": "、".join(wan(abs(v)) for v in values[:-1]), "b": wan(abs(values[-1]))}
        phrases = []
        for label, v in kinds:
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
        if paid.catch_up_monthly_doubling:
            text += _("，完成翻番目标则需每月平均到帐%(d)s") % {"d": wan(paid.catch_up_monthly_doubling)}
        return text + "。"

    def trend_pending(self, paid) -> bool:
        return bool(self.trend_clause(paid))

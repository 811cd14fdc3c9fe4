"""The first part of the review: the city's figures, then 一是…五是 (development zone, townships,
departments, capital-increase projects, backbone enterprises)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from reports.progress import UnitRow
from reports.review.base import Part
from reports.wording import completion, money, respectively, sentence, share, stated, yoy
from units.models import Unit


class Achievements(Part):
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
        greg, gpaid = group.registered_fdi, group.paid_in_fdi
        body = (
            stated(_("%(period)s，全市%(n)s个开发区（园区）") % {"period": self.period, "n": group.units},
                   _("共形成"), _("新批注册外资"), greg.ytd, yoy(greg.yoy_pct), share(greg.share_pct), end="；")
            + stated("", "", _("注册外资实际到帐"), gpaid.ytd, yoy(gpaid.yoy_pct), share(gpaid.share_pct))
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
        return _("骨干企业招商初见成效。"), self.contribution(bb, _("全市骨干企业招商"))

    def grafted_paragraph(self) -> tuple[str, str] | None:
        """嫁接引资 (以民引外): said only where the year has grafted projects or scores them."""
        g = self.facts.grafted
        scored = self.assessment is not None and any(r.indicator == "grafted_fdi" for r in self.assessment.rules)
        if not g.count and not g.registered and not g.paid_in:
            if not scored and not self.r.active("grafted_fdi"):
                return None
            return _("嫁接引资有待突破。"), _("%(period)s，全市尚无新批嫁接引资项目，要推动以民引外、以外引外。") % {
                "period": self.period}
        opening = _("%(period)s，全市新批嫁接引资项目%(n)s个，") % {"period": self.period, "n": g.count} if g.count else ""
        return _("嫁接引资有新进展。"), opening + self.contribution(g, _("嫁接引资"))

    @staticmethod
    def contribution(facts, subject: str) -> str:
        """"<subject>共形成新批注册外资…，注册外资实际到帐…，分别占全市完成数的…和…" (or the one that is not zero)."""
        shares = respectively(
            [facts.registered_share_pct, facts.paid_in_share_pct], [_("注册外资"), _("实际到帐")],
            _("%(label)s占全市完成数的%(a)s"), _("分别占全市完成数的%(a)s和%(b)s"),
        )
        if facts.registered and facts.paid_in:
            return sentence(
                _("%(subject)s共形成新批注册外资%(reg)s，注册外资实际到帐%(paid)s") % {
                    "subject": subject, "reg": money(facts.registered), "paid": money(facts.paid_in)},
                shares,
            )
        return (stated(subject, _("共形成"), _("新批注册外资"), facts.registered, share(facts.registered_share_pct), end="；")
                + stated("", "", _("注册外资实际到帐"), facts.paid_in, share(facts.paid_in_share_pct)))

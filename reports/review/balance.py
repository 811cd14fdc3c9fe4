"""第三, the balance: which townships and departments completed their targets, are on schedule, or are
double blank."""
from __future__ import annotations

from django.utils.translation import gettext as _

from reports.progress import GroupRow
from reports.review.base import PAID, REG, Part
from reports.wording import names
from units.models import Unit


class Balance(Part):
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

    def doubling_sentence(self, units: list, noun: str) -> str:
        """"确立翻番目标的6个乡镇中，实际外资有2个达到翻番目标序时进度。" — only where units have doubling targets."""
        parts = []
        for key, label in ((PAID, _("实际外资")), (REG, _("注册外资"))):
            having = [u for u in units if u.figure(key).doubling_target]
            if having:
                on = [u for u in having if u.figure(key).on_schedule_doubling]
                parts.append((label, len(having), len(on)))
        if not parts:
            return ""
        clauses = [_("%(ind)s确立翻番目标的有%(n)s%(noun)s，其中%(on)s个达到翻番目标序时进度") % {
            "ind": label, "n": n, "noun": noun, "on": on} if on else
            _("%(ind)s确立翻番目标的有%(n)s%(noun)s，目前都还没有达到翻番目标序时进度") % {"ind": label, "n": n, "noun": noun}
            for label, n, on in parts]
        return "；".join(clauses) + "。"

    def kind_sentences(self, group: GroupRow, kind: str, opening: str, noun: str, *, list_blank: bool) -> str:
        units = self.r.units_of_kind(kind)
        done = []
        for key, label in ((PAID, _("实际外资")), (REG, _("注册外资"))):
            # each unit once, at the highest target it completed: 翻番, else 加压, else 考核
            doubling = [u for u in units if u.figure(key).done_doubling]
            stretch = [u for u in units if u.figure(key).done_stretch and not u.figure(key).done_doubling]
            assessment = [u for u in units if u.figure(key).done_assessment and not u.figure(key).done_stretch
                          and not u.figure(key).done_doubling]
            if doubling:
                done.append(_("%(names)s%(n)s%(noun)s完成了%(ind)s全年翻番目标任务") % {
                    "names": names(doubling), "n": len(doubling), "noun": noun, "ind": label})
            # a later list is of further units ("另有"): the units of a higher target completed the lower too
            if stretch:
                done.append((_("另有%(names)s%(n)s%(noun)s完成了%(ind)s全年加压目标任务") if doubling else
                             _("%(names)s%(n)s%(noun)s完成了%(ind)s全年加压目标任务")) % {
                    "names": names(stretch), "n": len(stretch), "noun": noun, "ind": label})
            if assessment:
                done.append((_("另有%(names)s%(n)s%(noun)s完成了%(ind)s全年考核目标任务") if doubling or stretch else
                             _("%(names)s%(n)s%(noun)s完成了%(ind)s全年考核目标任务")) % {
                    "names": names(assessment), "n": len(assessment), "noun": noun, "ind": label})
            if not doubling and not stretch and not assessment:
                done.append(_("还没有%(noun)s完成%(ind)s全年考核目标任务") % {"noun": noun.lstrip("个"), "ind": label})
        text = (opening % {"n": group.units}) + "，".join(done) + "。"
        text += self.on_schedule_sentence(group, noun)
        text += self.doubling_sentence(units, noun)
        if group.double_blank:
            blanks = [u for u in units if u.double_blank]
            # a double blank that has not reported may only not have entered its figures yet
            silent = [u for u in blanks if u.submission is not None and not u.submission.reported]
            if list_blank and blanks:
                unreported = _("，其中%(names)s尚未报送本月数据") % {"names": names(silent)} if silent else ""
                suffix = _("（%(names)s%(unreported)s）") % {"names": names(blanks), "unreported": unreported}
            else:
                suffix = _("，其中%(n)s个尚未报送本月数据") % {"n": len(silent)} if silent else ""
            text += _("目前还有%(n)s%(noun)s利用外资双空白%(names)s。") % {
                "n": group.double_blank, "noun": noun, "names": suffix}
        else:
            text += _("目前已没有%(noun)s利用外资双空白。") % {"noun": noun.lstrip("个")}
        return text

"""外贸 and 外经 in the review (seed 000: "外资求突破、外贸促发展、外经拓规模"): the city's trade, exports and
outward revenue with growth and completion, the foreign-trade dependence beside its benchmarks, the
development zone's share and how many townships and departments are on schedule. Said only for an
indicator the year uses (a target or a figure)."""
from __future__ import annotations

from django.utils.translation import gettext as _

from reports.progress import IndicatorFigures
from reports.review.base import Part
from reports.wording import completion, money, pct, sentence, yoy
from units.models import Unit


class OpenEconomy(Part):
    def _used(self, code: str) -> bool:
        return self.r.active(code)

    def trade_paragraph(self) -> tuple[str, str] | None:
        if not (self._used("trade_total") or self._used("exports")):
            return None
        parts = []
        for code, label in (("trade_total", _("进出口总额")), ("exports", _("出口总额"))):
            if self._used(code):
                parts.append(self._figure_clause(label, self.city.figure(code)))
        body = _("%(period)s，全市完成") % {"period": self.period} + "；".join(parts) + "。"
        body += self.dependence_sentence()
        body += self._units_sentence("trade_total", _("进出口"))
        headline = _("外贸促发展。")
        return headline, body

    def outward_paragraph(self) -> tuple[str, str] | None:
        if not self._used("outward_revenue"):
            return None
        body = (_("%(period)s，全市完成") % {"period": self.period}
                + self._figure_clause(_("外经营业额（对外承包工程和劳务合作完成营业额）"), self.city.figure("outward_revenue"))
                + "。")
        body += self._units_sentence("outward_revenue", _("外经营业额"))
        return _("外经拓规模。"), body

    @staticmethod
    def _figure_clause(label: str, f: IndicatorFigures) -> str:
        return sentence(f"{label}{money(f.ytd)}", yoy(f.yoy_pct), completion(f, _("全年")), end="")

    def dependence_sentence(self) -> str:
        d = self.dependence
        if d is None or not d.shown:
            return ""
        clauses = []
        if d.pct is not None:
            if d.full_year:
                clauses.append(_("全年外贸依存度为%(p)s") % {"p": pct(d.pct)})
            else:
                clauses.append(_("%(period)s进出口折合人民币%(yuan)s亿元，相当于全年GDP的%(p)s") % {
                    "period": self.period, "yuan": f"{d.trade_yuan_yi:f}", "p": pct(d.pct)})
        if d.last_year_pct is not None:
            clauses.append(_("上年我市外贸依存度为%(p)s") % {"p": pct(d.last_year_pct)})
        benchmarks = [text % {"p": pct(v)} for text, v in ((_("全国%(p)s"), d.national), (_("全省%(p)s"), d.provincial))
                      if v is not None]
        if benchmarks:
            clauses.append(_("而外贸依存度%(b)s") % {"b": "、".join(benchmarks)})
        return _("从外贸依存度看，") + "，".join(clauses) + _("，外贸对经济的拉动作用还有很大的提升空间。") if clauses else ""

    def _units_sentence(self, code: str, noun: str) -> str:
        zone = next((u for u in self.r.units_of_kind(Unit.Kind.DEVELOPMENT_ZONE)), None)
        clauses = []
        if zone is not None and zone.figure(code).ytd:
            f = zone.figure(code)
            clauses.append(sentence(_("%(zone)s完成%(noun)s%(amount)s") % {
                "zone": zone.name, "noun": noun, "amount": money(f.ytd)},
                _("占全市的%(p)s") % {"p": pct(f.share_pct)} if f.share_pct is not None else None, end=""))
        counts, having_any = [], False
        for kind, label in ((Unit.Kind.TOWNSHIP, _("个乡镇")), (Unit.Kind.DEPARTMENT, _("个部门"))):
            group = self.r.group(kind)
            having = [u for u in self.r.units_of_kind(kind) if u.figure(code).assessment_target]
            if group is not None and having:
                having_any = True
                on = group.figure(code).on_schedule["assessment"]
                if on:
                    counts.append(_("%(on)s%(label)s（共%(n)s个下达目标）") % {"on": on, "label": label, "n": len(having)})
        if counts:
            clauses.append(_("%(noun)s达到考核目标序时进度的有") % {"noun": noun} + "、".join(counts))
        elif having_any:
            clauses.append(_("下达%(noun)s考核目标的乡镇、部门都还没有达到序时进度") % {"noun": noun})
        return ("，".join(clauses) + "。") if clauses else ""

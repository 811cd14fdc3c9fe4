"""The city among its neighbours in the review (seed 004: "确保南通动态第一"; "超千万美元项目只有 个，而超千万
美元的启东有 个，如皋有 个…"): the standing among the prefecture's counties stated from the peer tables
(``reports.progress.peers``), and each peer's count of large projects named. A peer the month's 通报 left
out is said to be missing, never left as a blank."""
from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from reports.progress.peers import PeerTable, group_name
from reports.review.base import Part
from reports.wording import joined, wan

STANDING_ORDER = ("paid_in_fdi", "registered_fdi", "trade_total", "exports", "outward_revenue")


class Peers(Part):
    def _group(self, table: PeerTable) -> str:
        return group_name(table.size, settings.PREFECTURE_NAME)

    def peer_standing_sentence(self) -> str:
        """"在南通六县（市）中，我市注册外资实际到帐居第1位（比上月前进1位），领先第2位的启东市822万美元；…"."""
        clauses = []
        for code in STANDING_ORDER:
            table = self.r.peers.get(code)
            if table is None:
                continue
            clause = _("%(label)s居第%(rank)s位") % {"label": table.label, "rank": table.rank}
            change = table.rank_change
            if change:
                clause += (_("（比上月前进%(n)s位）") if change > 0 else _("（比上月后退%(n)s位）")) % {"n": abs(change)}
            tied = table.tied
            if tied:
                clause += _("（与%(names)s并列）") % {"names": "、".join(tied)}
            if table.rank == 1 and table.runner_up is not None:
                lead = table.lead or Decimal(0)
                clause += _("，领先第%(r)s位的%(name)s%(amount)s") % {
                    "r": table.runner_up.rank, "name": table.runner_up.name, "amount": wan(lead)}
            elif table.first is not None:
                clause += _("，比第1位的%(name)s少%(amount)s") % {
                    "name": table.first.name, "amount": wan(table.behind_first or Decimal(0))}
                above = table.next_above
                if above is not None and above.rank != 1:
                    clause += _("，比第%(r)s位的%(name)s少%(amount)s") % {
                        "r": above.rank, "name": above.name, "amount": wan(table.gap_to(above) or Decimal(0))}
            if table.missing:
                clause += _("（%(names)s的数据本月通报未列）") % {"names": "、".join(table.missing)}
            clauses.append(clause)
        if not clauses:
            return ""
        table = next(self.r.peers[c] for c in STANDING_ORDER if c in self.r.peers)
        return _("在%(group)s中，我市") % {"group": self._group(table)} + "；".join(clauses) + "。"

    def peer_large_clause(self) -> str:
        """"，而超千万美元的启东市有6个，如皋市有5个…" from the 通报's counts (registered FDI's table)."""
        table = self.r.peers.get("registered_fdi")
        if table is None:
            return ""
        named = [_("%(name)s有%(n)s个") % {"name": r.name, "n": r.over_1000}
                 for r in table.others_in_order if r.over_1000 is not None]
        unknown = [r.name for r in table.others_in_order if r.over_1000 is None] + table.missing
        text = _("，而超千万美元项目") + "，".join(named) if named else ""
        if unknown:
            text += _("（%(names)s的超千万美元项目数本月通报未列）") % {"names": joined(unknown)}
        return text

    def peer_first(self) -> bool | None:
        """Whether the city is first in paid-in FDI among its peers (None without the 通报's figures)."""
        table = self.r.peers.get("paid_in_fdi")
        return None if table is None else table.rank == 1

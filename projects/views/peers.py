"""/projects/peers/ — the peer counties' figures of a month, copied from the prefecture's 通报 (staff; leaders
read): a grid of counties × figures, a box to paste the published table into, and the list of peers."""
from __future__ import annotations

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import BadRequest
from django.db.models import ProtectedError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from projects.models import PeerCounty
from projects.models.catalogues import INVISIBLE
from projects.services import EntryRefused
from projects.services import peers as service
from targets.indicators import spec
from units import access, periods, rules
from units.decorators import desk_view
from units.models import Unit


class PeerForm(forms.ModelForm):
    class Meta:
        model = PeerCounty
        fields = ["name", "kind", "sort_order"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if INVISIBLE.search(name):
            raise forms.ValidationError(_("名称中不能有不可见字符。"))
        if Unit.objects.filter(kind=Unit.Kind.CITY, name=name).exists():
            raise forms.ValidationError(_("“%(name)s”是本市，不能作为兄弟县市。") % {"name": name})
        return name


def _period(data) -> tuple[int, int]:
    default_year, default_month = periods.due_period()
    try:
        year = periods.parse_year(data["year"]) if data.get("year") else default_year
        month = periods.parse_month(data["month"]) if data.get("month") else default_month
    except periods.PeriodError as error:
        raise BadRequest(str(error)) from None
    return year, month


def _url(year: int, month: int) -> str:
    return reverse("projects:peer_entry") + "?" + urlencode({"year": year, "month": month})


@desk_view(leaders_may_read=True)
def peer_entry(request: HttpRequest) -> HttpResponse:
    year, month = _period(request.POST if request.method == "POST" else request.GET)
    peers = list(PeerCounty.objects.all())
    action = request.POST.get("action", "") if request.method == "POST" else ""
    cells = service.month_cells(year, month)
    seen = service.month_digest(year, month)
    errors: dict[str, str] = {}
    peer_form = PeerForm(request.POST if action == "add_peer" else None, prefix="peer")
    status = 200
    if action == "add_peer":
        if peer_form.is_valid():
            peer_form.save()
            messages.success(request, _("已添加“%(name)s”。") % {"name": peer_form.instance.name})
            return redirect(_url(year, month))
        status = 400
    elif action == "delete_peer":
        peer = next((p for p in peers if str(p.pk) == request.POST.get("peer")), None)
        if peer is not None:
            try:
                peer.delete()
            except ProtectedError:
                messages.error(request, _("“%(name)s”已有通报数据，不能删除。") % {"name": peer.name})
            else:
                messages.success(request, _("已删除“%(name)s”。") % {"name": peer.name})
        return redirect(_url(year, month))
    elif action in ("paste", "save"):
        posted: dict[str, str] = {k: str(v) for k, v in request.POST.items() if k[:1].isdigit()}
        seen = request.POST.get("seen", "")
        if action == "paste":
            text = request.POST.get("pasted", "")
            if len(text) > 20000:
                raise BadRequest(_("粘贴的内容过长。"))
            pasted = service.parse_pasted(rules.clean_text(text), peers)
            cells = {**posted, **pasted.cells}
            for problem in pasted.problems:
                messages.warning(request, problem)
            messages.info(request, _("已按粘贴的表格填入%(n)s个县市的数据，请核对后点“保存”。") % {"n": pasted.matched})
        else:
            try:
                changed = service.peer_figures_save_month(year=year, month=month, cells=posted, seen=seen,
                                                                  user=access.signed_in(request.user))
            except EntryRefused as refused:
                errors = getattr(refused, "field_errors", {})
                for message in refused.messages:
                    messages.error(request, message)
                cells, status = posted, 400
            else:
                messages.success(request, _("已保存%(year)s年%(month)s月的兄弟县市数据（%(n)s项有变化）。")
                                 % {"year": year, "month": month, "n": changed})
                return redirect(_url(year, month))
    columns = [(spec(indicator).short, field, indicator) for indicator, field in service.COLUMNS]
    rows = [(peer, [(service.cell_name(peer.pk, indicator, field), cells.get(service.cell_name(peer.pk, indicator, field), ""),
                     errors.get(service.cell_name(peer.pk, indicator, field)))
                    for indicator, field in service.COLUMNS]) for peer in peers]
    return render(request, "projects/peer_entry.html", {
        "year": year, "month": month, "rows": rows, "columns": columns, "seen": seen, "peer_form": peer_form,
        "editable": access.can_manage(request.user), "months": range(1, 13),
    }, status=status)

"""/desk/ — the bureau's desk: what needs doing now, each with the page that does it — the due month's
missing, late, returned and changed-after-submission reports, uploads waiting for confirmation, stale 在谈
leads, key projects in red, possible duplicates, and whether the prefecture's 通报 for the month is in."""
from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from projects import key_projects as kp
from projects.board import build_board
from projects.models import PeerFigure
from projects.views.key import default_as_of
from units import periods
from units.decorators import desk_view
from workbook.models import PENDING_DAYS, PendingUpload


@desk_view(leaders_may_read=False)
@require_safe
def desk(request: HttpRequest) -> HttpResponse:
    year, month = periods.due_period()
    board = build_board(year, focus=month)
    as_of = default_as_of()
    red = [p for p in kp.key_projects(as_of) if getattr(p, "light", "") == "red"]
    pending = PendingUpload.objects.filter(created_at__gte=timezone.now() - dt.timedelta(days=PENDING_DAYS))
    return render(request, "ops/desk.html", {
        "year": year, "month": month, "counts": board.counts, "deadline": board.deadline,
        "pending": pending.select_related("user").order_by("-created_at")[:10],
        "stale": kp.stale_leads().count(), "red": red, "as_of": as_of,
        "duplicates": len(kp.possible_duplicates()),
        "peers_in": PeerFigure.objects.filter(year=year, month=month).exists(),
    })

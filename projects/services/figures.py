"""A unit's reported monthly figures (进出口总额、出口总额、外经营业额) entered on the monthly page.

Same rules as the arrivals beside them (``projects.services.entry``): all or nothing, one ``.save()`` or
``.delete()`` per changed row so the history shows it, each row's version checked against the one the
user saw, a locked month refused to clerks and open to staff with a reason. An empty input means "not
reported" (an existing row is deleted); 0 is a reported zero and is kept.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from projects.models import MonthSubmission, ReportedFigure
from projects.services.entry import EntryRefused, MonthSaveResult, StaleVersionError, _check_period, _checked_reason
from projects.services.stamp import stamp
from projects.services.submissions import LockedMonthError, lock_unit_rows
from targets.indicators import REPORTED_CODES
from targets.models import Target
from units import access, rules
from units.models import Unit


class FigureRefused(EntryRefused):
    """Bad figures: ``field_errors`` maps the indicator code to the message shown beside its input."""

    def __init__(self, messages: list[str], field_errors: dict[str, str] | None = None):
        super().__init__(messages)
        self.field_errors = field_errors or {}


@transaction.atomic
def figures_save_month(
    *, unit: Unit, year: int, month: int, amounts: Mapping[str, Decimal | str | None],
    versions: Mapping[str, int] | None = None, user: User, reason: str = "", today: dt.date | None = None,
) -> MonthSaveResult:
    """Save the unit's reported figures of one month: ``amounts`` indicator code → that month's amount
    (万美元, not cumulative), ``versions`` indicator code → the version the user saw (0: none; None skips
    the check). Refused as a whole: ``FigureRefused`` (bad amounts, an indicator that is not reported),
    someone saved meanwhile (a ``FigureRefused`` naming the input), ``LockedMonthError`` (a locked month, not staff)."""
    if not access.can_edit_unit(user, unit):
        raise PermissionDenied
    reason = _checked_reason(reason)
    _check_period(year=year, month=month, today=today)
    if not amounts:
        return MonthSaveResult()
    unknown = set(amounts) - set(REPORTED_CODES)
    if unknown:
        raise FigureRefused([_("表单内容无效，请刷新后重试。")])
    if unit.kind == Unit.Kind.CITY:
        raise FigureRefused([_("市本级的进出口、出口、外经营业额是各单位之和，不能直接填报；请在各单位的月度填报中填写。")])
    offered = offered_indicators(unit, year)
    not_offered = _("本单位今年没有这一指标的目标，也没有报送过，不能填报；如需填报，请先请招商局下达目标。")
    scope: dict[str, str] = {code: not_offered for code, raw in amounts.items()
                             if code not in offered and str(raw or "").strip()}
    if scope:
        raise FigureRefused([not_offered], scope)
    lock_unit_rows([unit.pk])
    status = (MonthSubmission.objects.select_for_update().filter(unit=unit, year=year, month=month)
              .values_list("status", flat=True).first())
    locked = status == MonthSubmission.Status.LOCKED
    if locked and not access.can_change_locked_month(user):
        raise LockedMonthError(_("%(year)d年%(month)d月已被招商局锁定，不能修改；如需更正，请联系招商局。")
                               % {"year": year, "month": month})
    wanted: dict[str, Decimal | None] = {}
    errors: dict[str, str] = {}
    for code, raw in amounts.items():
        try:
            wanted[code] = rules.parse_amount(raw)
        except ValueError as exc:
            errors[code] = str(exc)
    if errors:
        raise FigureRefused([_("有 %(count)d 处报送数填写有误，请按提示修改。") % {"count": len(errors)}], errors)
    existing = {f.indicator: f for f in ReportedFigure.objects.select_for_update().filter(
        unit=unit, year=year, month=month)}
    after: dict[str, Decimal | None] = {code: row.amount for code, row in existing.items()}
    after.update(wanted)
    exports, trade = after.get("exports"), after.get("trade_total")
    if exports is not None and trade is not None and exports > trade:
        raise FigureRefused([_("出口总额不能大于进出口总额，请核对。")],
                            {"exports": _("出口%(e)s大于进出口%(t)s。") % {"e": f"{exports:,.2f}", "t": f"{trade:,.2f}"}})
    plan, conflicts = [], {}
    for code, value in wanted.items():
        row = existing.get(code)
        current = row.amount if row else None
        if value == current:
            continue
        if versions is not None and versions.get(code, 0) != (row.version if row else 0):
            conflicts[code] = _("已被他人修改（现为 %(value)s），请刷新后重试。") % {
                "value": "—" if current is None else f"{current:,.2f}"}
            continue
        plan.append((code, row, value))
    if conflicts:
        raise FigureRefused([_("本月报送数已被他人修改，请刷新后重试（本次未保存任何数据）。")], conflicts)
    if plan and locked and not reason:
        raise FigureRefused([_("该月已锁定：修改须填写修改原因。")])
    created = updated = deleted = 0
    try:
        with transaction.atomic():
            for code, row, value in plan:
                if value is None:
                    assert row is not None  # a blank input only plans the deletion of an existing row
                    stamp(row, user=user, reason=reason)
                    row.delete()
                    deleted += 1
                elif row is None:
                    # a figure entered again after it was cleared continues the old row's versions, so that a
                    # page still showing the old row cannot save over the new one
                    row = ReportedFigure(unit=unit, year=year, month=month, indicator=code, amount=value,
                                         version=_next_version(unit, year, month, code))
                    stamp(row, user=user, reason=reason)
                    row.save()
                    created += 1
                else:
                    row.amount, row.version = value, row.version + 1
                    stamp(row, user=user, reason=reason)
                    row.save()
                    updated += 1
    except IntegrityError:
        raise StaleVersionError([_("本月报送数已被他人修改，请刷新后重试（本次未保存任何数据）。")]) from None
    return MonthSaveResult(created=created, updated=updated, deleted=deleted)


def offered_indicators(unit: Unit, year: int) -> set[str]:
    """The reported indicators a unit enters: those it has a target of this year, or has reported before
    (two queries); none for the city, whose figures are its units' sum."""
    if unit.kind == Unit.Kind.CITY:
        return set()
    codes = set(REPORTED_CODES)
    used = set(Target.objects.filter(unit=unit, year=year, indicator__in=codes).values_list("indicator", flat=True))
    used |= set(ReportedFigure.objects.filter(unit=unit, indicator__in=codes).values_list("indicator", flat=True).distinct())
    return used


def _next_version(unit: Unit, year: int, month: int, code: str) -> int:
    last = ReportedFigure.history.filter(unit_id=unit.pk, year=year, month=month, indicator=code).aggregate(
        v=Max("version"))["v"]
    return (last or 0) + 1

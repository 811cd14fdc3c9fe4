"""Key projects (重点项目), their milestones and problems, the 联席会议 agenda, the activities and the possible
duplicates. Leaders read everything ("我的项目" for their own); a clerk sees and edits the milestones and
problems of the own unit's projects; staff everything, and they alone mark a project as key."""
from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.models import User
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from projects import key_projects as kp
from projects.models import MILESTONE_NAMES, Activity, DuplicateDismissal, Milestone, Problem, Project
from projects.selectors import latest_data_period, visible_projects
from projects.services import EntryRefused, project_delete
from projects.services import key as service
from units import access, periods, rules
from units.decorators import desk_view, entry_view
from units.models import Profile, Unit

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": gettext_lazy("请按“2007-08-01”的格式填写日期。")}


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["name", "planned_on", "done_on"]
        widgets = {"planned_on": DATE, "done_on": DATE, "name": forms.TextInput(attrs={"list": "milestone-names"})}
        error_messages = {"planned_on": DATE_ERRORS, "done_on": DATE_ERRORS}


class ProblemForm(forms.ModelForm):
    class Meta:
        model = Problem
        fields = ["raised_on", "description", "owner", "due_on"]
        widgets = {"raised_on": DATE, "due_on": DATE}
        error_messages = {"raised_on": DATE_ERRORS, "due_on": DATE_ERRORS}


class KeyForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["key", "leader", "leader_user", "team"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader_user"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            profile__role=Profile.Role.LEADER).order_by("username")


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["code", "kind", "date", "name", "units", "leads", "quota_township", "quota_zone"]
        widgets = {"date": DATE, "units": forms.SelectMultiple(attrs={"size": 8})}
        error_messages = {"date": DATE_ERRORS}


def _pk(raw: str | None) -> int:
    """A posted id: a number (anything else finds nothing: 404), never a server error."""
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 12 else 0


def default_as_of() -> dt.date:
    """Today — unless the latest data is months old (an archive, the demo city of 2007): then the first day
    of the month after it, so the lights read as they did at the time."""
    today = periods.today()
    latest = latest_data_period()
    if latest is None:
        return today
    then = dt.date(latest[0] + 1, 1, 1) if latest[1] == 12 else dt.date(latest[0], latest[1] + 1, 1)
    return today if (today - then).days < 62 else then


def _as_of(request: HttpRequest) -> dt.date:
    raw = request.GET.get("as_of")
    if not raw:
        return default_as_of()
    try:
        return rules.check_date(dt.date.fromisoformat(raw), label=_("检查日期"), on=dt.date(periods.YEAR_MAX, 12, 31))
    except (ValueError, rules.RuleError):
        raise BadRequest(_("检查日期应为“2007-08-01”的格式。")) from None


def _mine(request: HttpRequest, projects):
    user = request.user
    name = user.get_full_name() if user.is_authenticated else ""
    return projects.filter(leader_user=user) | projects.filter(leader=name) if name else projects.filter(leader_user=user)


@entry_view
@require_safe
def key_projects_page(request: HttpRequest) -> HttpResponse:
    """/projects/key/ — red / yellow / green, overdue first; filter by leader; a leader's own ("我的项目")."""
    as_of = _as_of(request)
    projects = visible_projects(request.user)
    leader = request.GET.get("leader", "").strip()[:60]
    mine = request.GET.get("mine") == "1"
    if mine:
        projects = _mine(request, projects)
    rows: list[Any] = list(kp.key_projects(as_of, projects))
    for row in rows:
        row.leader_label = kp.leader_name(row)
    if leader and not mine:  # the names the filter offers are the shown ones (a name, or an account's name)
        rows = [row for row in rows if row.leader_label == leader]
    leaders = sorted({kp.leader_name(p) for p in kp.key_projects(as_of, visible_projects(request.user))} - {""})
    return render(request, "projects/key_projects.html", {
        "rows": rows, "as_of": as_of, "leader": leader, "mine": mine, "leaders": leaders,
        "counts": {light: sum(1 for r in rows if r.light == light) for light in ("red", "yellow", "green")},
        "is_leader": access.role_of(request.user) == access.LEADER,
        "stale": list(kp.stale_leads(visible_projects(request.user)).order_by("updated_at")[:50]),
        "stale_days": kp.stale_before(),
    })


@entry_view
def project_key(request: HttpRequest, pk: int) -> HttpResponse:
    """POST /projects/<pk>/key/ — add a milestone, mark one done, add or resolve a problem, or (staff) mark
    the project as key. Back to the project's page with the result."""
    project = get_object_or_404(visible_projects(request.user).select_related("unit"), pk=pk)
    if request.method != "POST":
        raise BadRequest(_("请从项目页面提交。"))
    user = access.signed_in(request.user)
    action = request.POST.get("action", "")
    form: forms.Form | forms.ModelForm | None = None
    try:
        if action == "add_milestone":
            form = MilestoneForm(request.POST, prefix="m")
            if form.is_valid():
                service.milestone_save(project=project, user=user, **form.cleaned_data)
        elif action == "milestone_done":
            milestone = get_object_or_404(Milestone, pk=_pk(request.POST.get("milestone")), project=project)
            done = request.POST.get("done_on") or ""
            try:
                done_on = dt.date.fromisoformat(done) if done else periods.today()
            except ValueError:
                raise EntryRefused([_("请按“2007-08-01”的格式填写完成日期。")]) from None
            service.milestone_save(project=project, user=user, name=milestone.name, planned_on=milestone.planned_on,
                                   done_on=done_on, milestone=milestone)
        elif action == "add_problem":
            form = ProblemForm(request.POST, prefix="p")
            if form.is_valid():
                service.problem_save(project=project, user=user, **form.cleaned_data)
        elif action == "resolve_problem":
            problem = get_object_or_404(Problem, pk=_pk(request.POST.get("problem")), project=project)
            service.problem_resolve(problem=problem, user=user, resolution=request.POST.get("resolution", "")[:400])
        elif action == "set_key":
            if not access.can_manage(user):
                raise PermissionDenied
            form = KeyForm(request.POST, instance=Project.objects.get(pk=project.pk), prefix="k")
            if form.is_valid():
                data = form.cleaned_data
                service.key_set(project=project, user=user, key=data["key"], leader=data["leader"],
                                leader_user=data["leader_user"], team=data["team"])
        else:
            raise BadRequest(_("未知的操作。"))
    except (EntryRefused, rules.RuleError) as error:
        for message in getattr(error, "messages", [str(error)]):
            messages.error(request, message)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if form is not None and form.errors:
            for field, errors in form.errors.items():
                label = form.fields[field].label if field in form.fields else ""
                for message in errors:
                    messages.error(request, f"{label}：{message}" if label else str(message))
        else:
            messages.success(request, _("已保存。"))
    return redirect(reverse("projects:project_detail", args=[project.pk]) + "#key")


def key_context(request: HttpRequest, project: Project) -> dict:
    """What the project page shows of a key project (or offers staff to make one)."""
    return {
        "milestones": project.milestones.order_by("planned_on", "name"),
        "problems": project.problems.order_by("resolved_on", "due_on", "raised_on").select_related("resolved_by"),
        "milestone_form": MilestoneForm(prefix="m"), "problem_form": ProblemForm(prefix="p", initial={
            "raised_on": periods.today()}),
        "key_form": KeyForm(instance=project, prefix="k") if access.can_manage(request.user) else None,
        "milestone_names": MILESTONE_NAMES, "today": periods.today(), "leader_label": kp.leader_name(project),
        "stale": project.stage == Project.Stage.NEGOTIATING and project.updated_at < kp.stale_before(),
        "days_in_stage": (periods.today() - project.stage_since).days if project.stage_since else None,
    }


@entry_view
@require_safe
def agenda(request: HttpRequest) -> HttpResponse:
    """The 联席会议 agenda (.docx): the open problems by owner, then the overdue milestones."""
    from docx import Document

    as_of = _as_of(request)
    projects = kp.key_projects(as_of, visible_projects(request.user))
    doc = Document()
    doc.add_heading(_("重点项目联席会议议程（%(day)s）") % {"day": as_of.isoformat()}, level=1)
    doc.add_heading(_("一、待解决的困难问题"), level=2)
    owner = None
    problems = list(kp.open_problems(projects))
    for problem in problems:
        if problem.owner != owner:
            owner = problem.owner
            doc.add_heading(owner or _("（未定责任单位）"), level=3)
        late = problem.due_on is not None and problem.due_on < as_of
        doc.add_paragraph(
            _("%(project)s（%(unit)s）：%(text)s。%(due)s") % {
                "project": rules.clean_text(problem.project.name), "unit": rules.clean_text(problem.project.unit.name),
                "text": rules.clean_text(problem.description),
                "due": (_("要求%(day)s前解决，已逾期。") if late else _("要求%(day)s前解决。")) % {"day": problem.due_on}
                if problem.due_on else ""}, style="List Number")
    if not problems:
        doc.add_paragraph(_("没有待解决的问题。"))
    doc.add_heading(_("二、逾期未完成的节点"), level=2)
    milestones = list(kp.overdue_milestones(as_of, projects))
    for m in milestones:
        doc.add_paragraph(_("%(project)s（%(unit)s）：%(name)s，计划%(day)s，已逾期%(n)s天。") % {
            "project": rules.clean_text(m.project.name), "unit": rules.clean_text(m.project.unit.name),
            "name": rules.clean_text(m.name), "day": m.planned_on, "n": (as_of - m.planned_on).days}, style="List Number")
    if not milestones:
        doc.add_paragraph(_("没有逾期的节点。"))
    buffer = io.BytesIO()
    doc.save(buffer)
    response = HttpResponse(buffer.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="agenda-{as_of.isoformat()}.docx"'
    return response


@entry_view
def activities(request: HttpRequest) -> HttpResponse:
    """/projects/activities/?year= — the year's activities: by kind and unit, the projects and money each led
    to, a signing event's quotas met and missed, a trip's leads → projects → money (出访考核); staff add one."""
    try:
        year = periods.parse_year(request.GET.get("year") or request.POST.get("year") or str(periods.today().year))
    except periods.PeriodError as error:
        raise BadRequest(str(error)) from None
    form = ActivityForm(request.POST if request.method == "POST" else None, prefix="a")
    status = 200
    if request.method == "POST":
        if not access.can_manage(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                activity = form.save(commit=False)
                service.activity_save(activity=activity, user=access.signed_in(request.user),
                                      units=form.cleaned_data["units"])
            except (EntryRefused, ValidationError) as error:
                for message in getattr(error, "messages", []):
                    form.add_error(None, message)
            else:
                messages.success(request, _("已登记“%(name)s”。") % {"name": activity.name})
                return redirect(reverse("projects:activities") + f"?year={activity.date.year}")
        status = 400
    form.fields["units"].queryset = Unit.objects.exclude(kind=Unit.Kind.CITY).order_by("sort_order")  # type: ignore[attr-defined]
    results = kp.activity_results(year)
    by_kind: dict[str, int] = {}
    for r in results:
        label = str(r.activity.get_kind_display())
        by_kind[label] = by_kind.get(label, 0) + 1
    return render(request, "projects/activities.html", {
        "year": year, "results": results, "by_kind": by_kind, "form": form,
        "editable": access.can_manage(request.user),
    }, status=status)


@desk_view(leaders_may_read=True)
def duplicates(request: HttpRequest) -> HttpResponse:
    """/projects/duplicates/ — possible duplicates across units; staff keep one (the other is withdrawn,
    with a reason, through the project deletion service) or mark the pair as two projects."""
    if request.method == "POST":
        user = access.signed_in(request.user)
        first = get_object_or_404(Project, pk=_pk(request.POST.get("first")))
        second = get_object_or_404(Project, pk=_pk(request.POST.get("second")))
        action = request.POST.get("action")
        flagged = {(p.first.pk, p.second.pk) for p in kp.possible_duplicates()}
        if (first.pk, second.pk) not in flagged:
            messages.error(request, _("这两个项目不在疑似重复的名单中（可能已处理），请刷新后再看。"))
            return redirect("projects:duplicates")
        if action == "distinct":
            DuplicateDismissal.objects.get_or_create(first=first, second=second, defaults={"decided_by": user})
            messages.success(request, _("已确认“%(a)s”和“%(b)s”是两个项目。") % {"a": first.name, "b": second.name})
        elif action in ("keep_first", "keep_second"):
            keep, drop = (first, second) if action == "keep_first" else (second, first)
            typed = rules.clean_text(request.POST.get("reason", "")).strip()[:rules.REASON_MAX]
            if not typed:
                messages.error(request, _("请填写撤回原因（例如“与开发区的项目重复”）。"))
                return redirect("projects:duplicates")
            seen = request.POST.get(f"version_{drop.pk}", "")
            try:
                project_delete(project_id=drop.pk, expected_version=int(seen) if seen.isdigit() else -1, user=user,
                               reason=typed)
            except EntryRefused as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("已撤回%(unit)s的“%(name)s”，该项目计入%(keep)s。") % {
                    "unit": drop.unit.name, "name": drop.name, "keep": keep.unit.name})
        else:
            raise BadRequest(_("未知的操作。"))
        return redirect("projects:duplicates")
    return render(request, "projects/duplicates.html", {"pairs": kp.possible_duplicates(),
                                                        "editable": access.can_manage(request.user)})

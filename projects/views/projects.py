"""The project list, a project's page and its form (外资项目): clerks their own unit's, staff every unit's,
leaders read. Every write goes through projects.services; the door is ``units.decorators.entry_view``."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from projects import services
from projects.filters import ProjectFilter
from projects.forms import ProjectForm
from projects.history import project_history
from projects.models import Project
from projects.selectors import visible_projects
from projects.tables import ProjectTable
from units import access, rules
from units.decorators import entry_view
from units.table_export import table_xlsx, wants_export


@method_decorator(entry_view, name="dispatch")
class ProjectListView(SingleTableMixin, FilterView):
    """The projects the user may see, filtered; a view that only declares its parts."""

    model = Project
    table_class = ProjectTable
    filterset_class = ProjectFilter
    template_name = "projects/project_list.html"
    table_pagination = {"per_page": 25}
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return visible_projects(self.request.user).select_related("unit")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.filterset.is_bound and not self.filterset.is_valid():
            # A bad filter (?approval_year=0, a 30-digit number) is a bad request: the page says why.
            response.status_code = 400
        elif wants_export(request):  # the filtered list, every page of it
            table = self.get_table(**self.get_table_kwargs())
            return table_xlsx(table, title=_("外资项目"), filename=_("外资项目"))
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_create"] = access.can_change_data(self.request.user)
        return context


# --- one project ----------------------------------------------------------------------------------


@entry_view
@require_safe
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(visible_projects(request.user).select_related("unit"), pk=pk)
    from projects.views.key import key_context

    return render(request, "projects/project_detail.html", {
        "project": project,
        "arrivals": project.arrivals.order_by("-year", "-month", "-carry_over"),
        "history": project_history(project),
        "can_edit": access.can_edit_project(request.user, project),
        "can_manage": access.can_manage(request.user),
        **key_context(request, project),
    })


def _save_project_form(form: ProjectForm, save) -> Project | None:
    """Run a validated form through a service; turn refusals into form errors. None when refused."""
    try:
        return save()
    except services.EntryRefused as exc:  # a stale version, a locked month
        for message in exc.messages:
            form.add_error(None, message)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            for name, errors in exc.error_dict.items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            form.add_error(None, exc)
    except IntegrityError:
        # Two people created the same code at the same moment: the database's unique index decided.
        form.add_error("code", _("项目编号已存在，请核对后换一个编号。"))
    return None


@entry_view
def project_create(request: HttpRequest) -> HttpResponse:
    user = access.signed_in(request.user)
    if not access.can_change_data(user):
        raise PermissionDenied
    own_unit = access.clerk_unit(user)
    form = ProjectForm(request.POST or None, instance=Project(unit=own_unit), user=user)
    if request.method == "POST" and form.is_valid():
        data = form.model_data()
        if own_unit is not None:
            data["unit"] = own_unit
        project = _save_project_form(form, lambda: services.project_create(
            data=data, user=user, reason=form.cleaned_data.get("reason", ""),
        ))
        if project is not None:
            messages.success(request, _("已新增项目“%(name)s”。") % {"name": project.name})
            return redirect("projects:project_detail", pk=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": None})


@entry_view
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = access.signed_in(request.user)
    project = get_object_or_404(visible_projects(user).select_related("unit"), pk=pk)
    if not access.can_edit_project(user, project):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, instance=project, user=user)
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("version")
        if version is None:
            return HttpResponseBadRequest(_("表单缺少版本号，请刷新后重试。"))
        saved = _save_project_form(form, lambda: services.project_update(
            project_id=pk, data=form.model_data(), expected_version=version, user=user,
            reason=form.cleaned_data.get("reason", ""),
        ))
        if saved is not None:
            if saved.version == version:
                messages.info(request, _("没有需要保存的修改。"))
            else:
                messages.success(request, _("已保存项目“%(name)s”。") % {"name": saved.name})
            return redirect("projects:project_detail", pk=pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


class DeleteForm(forms.Form):
    """Deleting a project entered by mistake: the version the user saw, and (for a locked month) why."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=gettext_lazy("删除原因（删除已锁定月份的数据时必填）"), required=False,
                             max_length=rules.REASON_MAX, validators=[rules.validate_text])


@entry_view
def project_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """删除 a project entered by mistake (and its arrivals): a confirmation page, then one POST."""
    user = access.signed_in(request.user)
    project = get_object_or_404(visible_projects(user).select_related("unit"), pk=pk)
    if not access.can_edit_project(user, project):
        raise PermissionDenied
    form = DeleteForm(request.POST or None, initial={"version": project.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.project_delete(project_id=pk, expected_version=form.cleaned_data["version"], user=user,
                                    reason=form.cleaned_data.get("reason", ""))
        except services.EntryRefused as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("已删除项目“%(name)s”及其到帐记录（修改记录中保留）。") % {"name": project.name})
            return redirect("projects:project_list")
    return render(request, "projects/project_confirm_delete.html", {
        "form": form, "project": project, "arrivals": project.arrivals.count(),
        "status": 400 if form.errors else 200,
    }, status=400 if form.errors else 200)

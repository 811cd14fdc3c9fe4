"""The 行业 and 国别/地区 lists (目录) staff keep: each entry with its 板块 or 地区, its aliases and how many
projects use it; add, edit (a rename renames every project) and merge one entry into another. Leaders
read; clerks choose from the lists on the project form."""
from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects import catalogues
from projects.models import Country, Industry
from projects.models.catalogues import CatalogueEntry, noun
from units import access, rules
from units.decorators import desk_view

LISTS: dict[str, type[CatalogueEntry]] = {"industry": Industry, "country": Country}
REASON = gettext_lazy("目录页面")


def _model(which: str) -> type[CatalogueEntry]:
    model = LISTS.get(which)
    if model is None:
        raise Http404(_("没有这个目录。"))
    return model


class EntryForm(forms.ModelForm):
    # the version the page showed: saving refuses if someone else saved in between
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        for field in ("name", "aliases"):
            if isinstance(data.get(field), str):
                data[field] = data[field].strip()
        return data


def entry_form(model: type[CatalogueEntry]) -> type[forms.ModelForm]:
    group = "sector" if model is Industry else "region"
    return forms.modelform_factory(model, form=EntryForm, fields=["name", group, "aliases", "sort_order"],
                                   widgets={"aliases": forms.TextInput(attrs={"size": 40})})


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(queryset=Industry.objects.none(), label=gettext_lazy("合并到"),
                                  error_messages={"required": gettext_lazy("请选择合并到哪个条目。"),
                                                  "invalid_choice": gettext_lazy("请选择目录中的另一个条目。")})
    reason = forms.CharField(label=gettext_lazy("合并原因"), required=False, max_length=rules.REASON_MAX,
                             validators=[rules.validate_text])
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, entry: CatalogueEntry, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = entry.version
        self.fields["into"].queryset = type(entry).objects.exclude(pk=entry.pk)  # type: ignore[attr-defined]


def _save(form: forms.ModelForm) -> bool:
    if not form.is_valid():
        return False
    try:
        catalogues.save_entry(form.instance, reason=str(REASON), seen_version=form.cleaned_data.get("seen_version"))
    except ValidationError as error:
        form.add_error(None, error.messages)  # whatever field the model named: shown above the form
        return False
    return True


@desk_view(leaders_may_read=True)
def catalogue(request: HttpRequest, which: str = "industry") -> HttpResponse:
    model = _model(which)
    Form = entry_form(model)
    form = Form(request.POST or None, prefix="new")
    if request.method == "POST" and _save(form):
        messages.success(request, _("已添加“%(name)s”。") % {"name": form.instance.name})
        return redirect("projects:catalogue", which=which)
    used = catalogues.usage(model)
    entries = list(model.objects.all())
    return render(request, "projects/catalogue.html", {
        "which": which, "noun": noun(model), "form": form, "editable": access.can_manage(request.user),
        "rows": [(e, used.get(e.name, 0)) for e in entries],
        "unlisted": sorted(set(used) - {e.name for e in entries}),
        "lists": [(key, noun(m)) for key, m in LISTS.items()],
    }, status=400 if form.errors else 200)


@desk_view(leaders_may_read=True)
def catalogue_entry(request: HttpRequest, which: str, pk: int) -> HttpResponse:
    model = _model(which)
    entry = get_object_or_404(model, pk=pk)
    Form = entry_form(model)
    merging = request.method == "POST" and "merge" in request.POST
    form = Form(None if merging else (request.POST or None), instance=entry)
    merge_form = MergeForm(request.POST if merging else None, entry=entry)
    if request.method == "POST" and not merging and _save(form):
        messages.success(request, _("已保存“%(name)s”。") % {"name": form.instance.name})
        return redirect("projects:catalogue", which=which)
    if merging and merge_form.is_valid():
        into = merge_form.cleaned_data["into"]
        try:
            moved = catalogues.merge(entry, into, reason=merge_form.cleaned_data["reason"] or str(REASON),
                                     seen_version=merge_form.cleaned_data.get("seen_version"))
        except ValidationError as error:
            merge_form.add_error(None, error.messages)
        else:
            messages.success(request, _("已将“%(source)s”合并到“%(into)s”，%(n)s个项目随之改为“%(into)s”。")
                             % {"source": entry.name, "into": into.name, "n": moved})
            return redirect("projects:catalogue", which=which)
    return render(request, "projects/catalogue_entry.html", {
        "which": which, "noun": noun(model), "entry": entry, "form": form, "merge_form": merge_form,
        "used": catalogues.usage(model).get(entry.name, 0), "editable": access.can_manage(request.user),
        "back": reverse("projects:catalogue", kwargs={"which": which}),
    }, status=400 if (form.errors or merge_form.errors) else 200)

"""Filters of the project list: stage, type, industry, country, approval year, text search and (for staff and leaders) unit."""
from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from projects.models import Country, Industry, Project
from units import access, periods
from units.models import Unit


def _industries() -> list[tuple[str, str]]:
    return [(name, name) for name in Industry.objects.values_list("name", flat=True)]


def _countries() -> list[tuple[str, str]]:
    return [(name, name) for name in Country.objects.values_list("name", flat=True)]


def _entry_units(request) -> QuerySet[Unit]:
    return access.entry_units(request.user) if request is not None else Unit.objects.none()


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("搜索"), method="search", max_length=100)
    unit = django_filters.ModelChoiceFilter(label=_("引进单位"), queryset=_entry_units, empty_label=_("全部单位"))
    stage = django_filters.ChoiceFilter(label=_("项目阶段"), choices=Project.Stage.choices, empty_label=_("全部阶段"))
    type = django_filters.ChoiceFilter(label=_("项目类型"), choices=Project.Type.choices, empty_label=_("全部类型"))
    industry = django_filters.ChoiceFilter(label=_("行业"), choices=_industries, empty_label=_("全部行业"))
    country = django_filters.ChoiceFilter(label=_("国别/地区"), choices=_countries, empty_label=_("全部国别/地区"))
    approval_year = django_filters.NumberFilter(
        label=_("批准年度"), field_name="approved_on", lookup_expr="year",
        min_value=periods.YEAR_MIN, max_value=periods.YEAR_MAX, max_digits=4, decimal_places=0,
    )

    class Meta:
        model = Project
        fields = ["q", "unit", "stage", "type", "industry", "country", "approval_year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request is not None and access.role_of(self.request.user) == access.CLERK:
            # A clerk sees one unit only: a unit filter would be noise.
            del self.filters["unit"]
        self.filters["q"].field.widget.attrs.update({"placeholder": _("编号、名称或投资方")})

    def search(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value) | Q(investor__icontains=value))

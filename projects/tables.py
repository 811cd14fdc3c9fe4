"""The project list as a django-tables2 table (every accessor column is select_related by the view)."""
from __future__ import annotations

from decimal import Decimal

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from projects.models import Project

NUM = {"td": {"class": "num"}, "th": {"class": "num"}}


class AmountColumn(tables.Column):
    numeric = True  # exported as numbers (units.table_export)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUM)
        super().__init__(*args, **kwargs)

    def render(self, value: Decimal) -> str:
        return f"{value:,.2f}"


class ProjectTable(tables.Table):
    code = tables.Column(linkify=("projects:project_detail", {"pk": tables.A("pk")}))
    name = tables.Column(linkify=("projects:project_detail", {"pk": tables.A("pk")}))
    unit = tables.Column(
        verbose_name=_("引进单位"), accessor="unit__name", order_by=("unit__sort_order", "unit__code")
    )
    registered_fdi = AmountColumn(verbose_name=_("注册外资（万美元）"))
    total_investment = AmountColumn(verbose_name=_("总投资（万美元）"))

    class Meta:
        model = Project
        fields = ["code", "name", "unit", "type", "stage", "approved_on", "registered_fdi", "total_investment", "investor", "country"]
        attrs = {"class": "table"}
        empty_text = _("没有符合条件的项目。")

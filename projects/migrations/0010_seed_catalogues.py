"""The 行业 and 国别/地区 lists to start from, and the free text of existing projects mapped onto them
once: a value that is a listed name or alias (whatever its case, width or spaces) takes the listed name;
any other value becomes an entry of its own (板块/地区 "其他"), for staff to merge on the list page."""
from __future__ import annotations

import re
import unicodedata

from django.db import migrations

from projects.catalogue_defaults import COUNTRIES, INDUSTRIES

def key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def seed(apps, schema_editor):
    Project = apps.get_model("projects", "Project")
    for model_name, field, group, rows in (("Industry", "industry", "sector", INDUSTRIES),
                                            ("Country", "country", "region", COUNTRIES)):
        model = apps.get_model("projects", model_name)
        names: dict[str, str] = {}
        for order, (name, kind, aliases) in enumerate(rows, start=1):
            model.objects.create(name=name, aliases=aliases, sort_order=order * 10, **{group: kind})
            names[key(name)] = name
            for alias in re.split(r"[、,，;；/]+", aliases):
                if alias.strip():
                    names.setdefault(key(alias), name)
        order = len(rows) * 10
        for value in Project.objects.exclude(**{field: ""}).values_list(field, flat=True).distinct():
            if not value.strip():
                continue
            name = names.get(key(value))
            if name is None:
                order += 10
                name = value.strip()
                model.objects.create(name=name, sort_order=order, **{group: "other"})
                names[key(value)] = name
            if name != value:
                Project.objects.filter(**{field: value}).update(**{field: name})


class Migration(migrations.Migration):
    dependencies = [("projects", "0009_catalogues")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]

"""Small builders for the desk's tests: many units at once, and posting the targets grid as a browser would."""
from __future__ import annotations

from django.urls import reverse

from units.models import Unit


def many_units(city: Unit, n: int, *, start: int = 0) -> list[Unit]:
    """n townships and departments under the city, alternating, with distinct sort orders."""
    units = []
    for i in range(start, start + n):
        kind = Unit.Kind.TOWNSHIP if i % 2 else Unit.Kind.DEPARTMENT
        units.append(Unit.objects.create(code="u%03d" % i, name="单位%03d" % i, kind=kind, parent=city, sort_order=10 + i))
    return units


def grid_form_data(client, year: int) -> dict[str, str]:
    """Every input of the grid page as the browser would send it back unchanged."""
    response = client.get(reverse("targets:grid"), {"year": year})
    assert response.status_code == 200
    data = {"year": str(year)}
    for group in response.context["groups"]:
        for row in group["rows"]:
            for cell in row["cells"]:
                data[cell["name"]] = cell["value"]
                data[cell["vname"]] = cell["version"]
    return data


def cell(unit: Unit, indicator: str, kind: str) -> str:
    return "t-%d-%s-%s" % (unit.pk, indicator, kind)

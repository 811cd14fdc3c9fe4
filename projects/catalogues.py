"""The 行业 and 国别/地区 lists (``projects.models.catalogues``): mapping what was typed to a listed name,
and the staff's changes — add, edit (a rename keeps the old name as an alias and renames it on every
project), merge (one entry into another: its projects, its name and its aliases move over).

Every entry path — the project form, ``project_create``/``project_update`` and the admin (through
``Project.clean``), and the importer — goes through :func:`canonical` or a :class:`Lookup`, so a name is
spelled one way in the record whatever way it was typed.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from projects.catalogue_defaults import COUNTRIES, INDUSTRIES
from projects.models import Project
from projects.models.catalogues import (
    CatalogueEntry,
    Country,
    Industry,
    Lookup,
    canonical,
    catalogue_key,
    split_aliases,
)

__all__ = ["Lookup", "canonical", "merge", "save_entry", "seed_defaults", "usage"]

FIELD_OF = {Industry: "industry", Country: "country"}


@transaction.atomic
def seed_defaults() -> int:
    """Fill an empty list with the defaults (``projects.catalogue_defaults``); returns how many were added."""
    added = 0
    lists: tuple[tuple[type[CatalogueEntry], str, list[tuple[str, str, str]]], ...] = (
        (Industry, "sector", INDUSTRIES), (Country, "region", COUNTRIES))
    for model, group, rows in lists:
        if model.objects.exists():
            continue
        entries: list[CatalogueEntry] = [model(name=name, aliases=aliases, sort_order=order * 10, **{group: code})
                                         for order, (name, code, aliases) in enumerate(rows, start=1)]
        model.objects.bulk_create(entries)
        added += len(rows)
    return added


def grouped_choices(model: type[CatalogueEntry], current: str = "") -> list:
    """The list as a select's choices, grouped by 板块 or 地区 (one query); ``current`` is kept even if it
    is no longer listed, so that opening an old project shows what it holds."""
    group = "sector" if model is Industry else "region"
    labels = dict(Industry.Sector.choices if model is Industry else Country.Region.choices)
    groups: dict[str, list[tuple[str, str]]] = {}
    names = set()
    for entry in model.objects.all():
        groups.setdefault(getattr(entry, group), []).append((entry.name, entry.name))
        names.add(entry.name)
    choices: list = [("", _("（未填）"))]
    if current and current not in names:
        choices.append((current, current))
    choices += [(labels[code], options) for code in labels if (options := groups.get(code))]
    return choices


def usage(model: type[CatalogueEntry]) -> dict[str, int]:
    """How many projects use each name (one query)."""
    field = FIELD_OF[model]
    return dict(Project.objects.exclude(**{field: ""}).values_list(field).annotate(n=Count("id")).order_by())


def _check_free(model: type[CatalogueEntry], names: list[str], *, entry: CatalogueEntry | None) -> None:
    """No name or alias of ``entry`` may be another entry's name or alias."""
    others = model.objects.exclude(pk=entry.pk) if entry and entry.pk else model.objects.all()
    taken: dict[str, str] = {}
    for other in others:
        for text in (other.name, *other.alias_list()):
            taken[catalogue_key(text)] = other.name
    for text in names:
        owner = taken.get(catalogue_key(text))
        if owner is not None:
            raise ValidationError(_("“%(text)s”已是目录中“%(owner)s”的名称或别名；同一写法只能归入一个条目，要合并请用“合并到”。")
                                  % {"text": text, "owner": owner})


def _check_seen(current: CatalogueEntry, seen_version: int | None) -> None:
    if seen_version is not None and current.version != seen_version:
        raise ValidationError(_("“%(name)s”在您打开本页之后已被他人修改，为免覆盖，本次没有保存；请重新打开本页核对。")
                              % {"name": current.name})


@transaction.atomic
def save_entry(entry: CatalogueEntry, *, reason: str, seen_version: int | None = None) -> CatalogueEntry:
    """Add or edit an entry. A rename renames the name on every project and keeps the old one as an alias.
    ``seen_version``: the version the editing page showed; a different one now is refused (lost update)."""
    model = type(entry)
    old = model.objects.select_for_update().get(pk=entry.pk) if entry.pk else None
    if old is not None:
        _check_seen(old, seen_version)
        entry.version = old.version + 1
    aliases = [a for a in split_aliases(entry.aliases) if catalogue_key(a) != catalogue_key(entry.name)]
    if old is not None and old.name != entry.name and catalogue_key(old.name) not in {catalogue_key(a) for a in aliases}:
        aliases.append(old.name)
    entry.aliases = "、".join(dict.fromkeys(aliases))
    _check_free(model, [entry.name, *aliases], entry=entry)
    entry.full_clean()
    entry._change_reason = reason  # type: ignore[attr-defined]
    entry.save()
    if old is not None and old.name != entry.name:
        Project.objects.filter(**{FIELD_OF[model]: old.name}).update(**{FIELD_OF[model]: entry.name})
    return entry


@transaction.atomic
def merge(source: CatalogueEntry, into: CatalogueEntry, *, reason: str, seen_version: int | None = None) -> int:
    """Merge ``source`` into ``into``: its projects take ``into``'s name, its name and aliases become
    ``into``'s aliases, and ``source`` is deleted. Returns how many projects were renamed."""
    model = type(source)
    if type(into) is not model or source.pk == into.pk:
        raise ValidationError(_("请选择另一个条目作为合并目标。"))
    source = model.objects.select_for_update().get(pk=source.pk)
    _check_seen(source, seen_version)
    into = model.objects.select_for_update().get(pk=into.pk)
    into.version += 1
    aliases = into.alias_list() + [source.name, *source.alias_list()]
    into.aliases = "、".join(dict.fromkeys(a for a in aliases if catalogue_key(a) != catalogue_key(into.name)))
    into.full_clean()
    field = FIELD_OF[model]
    moved = Project.objects.filter(**{field: source.name}).update(**{field: into.name})
    source._change_reason = reason  # type: ignore[attr-defined]
    source.delete()
    into._change_reason = reason  # type: ignore[attr-defined]
    into.save()
    return moved

"""The lists staff keep so that a project's industry and its investor's country are chosen, not typed:
行业 (each in one of the city's 板块, the seed's 五大板块特色产业) and 国别/地区 (each in a region).

A project keeps the chosen name as text (``Project.industry``, ``Project.country``), so exports, the
workbook and the report JSON read as before; every entry path maps a name or one of its aliases (别名:
the spellings met in old data, "纺织" for "纺织服装") to the name, and refuses what the list does not
know. Renaming and merging keep the old spelling as an alias (``projects.catalogues``).
"""
from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units import rules

ALIAS_SEPARATORS = re.compile(r"[、,，;；/\n]+")
INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")  # zero-width characters that make two names look alike


def catalogue_key(text: str) -> str:
    """What two spellings of one name share: full-width folded (NFKC), spaces and zero-width characters
    dropped, case folded."""
    return re.sub(r"\s+", "", INVISIBLE.sub("", unicodedata.normalize("NFKC", text))).casefold()


def validate_name(value: str) -> None:
    """A listed name holds no alias separator (、，；/) and no invisible character."""
    if ALIAS_SEPARATORS.search(value or "") or INVISIBLE.search(value or ""):
        raise ValidationError(gettext("名称中不能有顿号、逗号、分号、斜杠或不可见字符；其他写法请填在“别名”中。"))


def split_aliases(text: str) -> list[str]:
    return [a.strip() for a in ALIAS_SEPARATORS.split(text or "") if a.strip()]


class CatalogueEntry(models.Model):
    name = models.CharField(_("名称"), max_length=rules.SHORT_TEXT_MAX, unique=True,
                            validators=[rules.validate_text, validate_name])
    aliases = models.CharField(
        _("别名"), max_length=rules.NOTE_MAX, blank=True, validators=[rules.validate_text],
        help_text=_("其他写法，用顿号或逗号分隔；导入和填写时自动归入本名称。"),
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    objects = models.Manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    def alias_list(self) -> list[str]:
        return split_aliases(self.aliases)


class Industry(CatalogueEntry):
    class Sector(models.TextChoices):
        TEXTILE = "textile", _("轻纺服装")
        PHARMA_CHEMICAL = "pharma_chemical", _("生物医药化工")
        NEW_MATERIALS = "new_materials", _("新材料")
        MACHINERY_ELECTRONICS = "machinery_electronics", _("机械电子")
        FOOD = "food", _("食品")
        OTHER = "other", _("其他")

    sector = models.CharField(_("板块"), max_length=24, choices=Sector.choices, default=Sector.OTHER)

    history = HistoricalRecords()

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("行业")
        verbose_name_plural = _("行业目录")


class Country(CatalogueEntry):
    class Region(models.TextChoices):
        HK_MACAO_TAIWAN = "hmt", _("港澳台")
        ASIA = "asia", _("亚洲")
        EUROPE = "europe", _("欧洲")
        AMERICAS = "americas", _("美洲")
        OCEANIA = "oceania", _("大洋洲")
        FREE_PORTS = "free_ports", _("自由港（离岸）")
        OTHER = "other", _("其他")

    region = models.CharField(_("地区"), max_length=16, choices=Region.choices, default=Region.OTHER)

    history = HistoricalRecords()

    class Meta(CatalogueEntry.Meta):
        verbose_name = _("国别/地区")
        verbose_name_plural = _("国别/地区目录")


def noun(model: type[CatalogueEntry]) -> str:
    return gettext("行业") if model is Industry else gettext("国别/地区")


class Lookup:
    """A list's names and aliases by :func:`catalogue_key` (one query), for mapping many values."""

    def __init__(self, model: type[CatalogueEntry]):
        self.model = model
        self.names: dict[str, str] = {}
        entries = list(model.objects.all())
        for entry in entries:  # aliases first, so that a name always wins over another entry's alias
            for alias in entry.alias_list():
                self.names.setdefault(catalogue_key(alias), entry.name)
        for entry in entries:
            self.names[catalogue_key(entry.name)] = entry.name

    def get(self, text: str) -> str | None:
        """The listed name for ``text`` ("" stays ""), or None when the list does not know it."""
        if not text or not text.strip():
            return ""
        return self.names.get(catalogue_key(text))

    def unknown_message(self, text: str) -> str:
        return gettext("%(noun)s“%(text)s”不在%(noun)s目录中，请从目录中选择（目录由市招商局维护，可请其添加）。") % {
            "noun": noun(self.model), "text": text}


def canonical(model: type[CatalogueEntry], text: str) -> str:
    """The listed name for ``text``; a Chinese ValidationError when the list does not know it."""
    lookup = Lookup(model)
    name = lookup.get(text)
    if name is None:
        raise ValidationError(lookup.unknown_message(text))
    return name

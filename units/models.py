"""Administrative units (单位) and the people bound to them."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from units import rules


class Unit(models.Model):
    """A node of the city's tree: the city, its development zones, townships and departments."""

    class Kind(models.TextChoices):
        CITY = "city", _("市")
        DEVELOPMENT_ZONE = "development_zone", _("开发区")
        TOWNSHIP = "township", _("乡镇")
        DEPARTMENT = "department", _("部门")

    code = models.CharField(_("代码"), max_length=32, unique=True, validators=[rules.validate_code])
    name = models.CharField(_("名称"), max_length=100, validators=[rules.validate_text])
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    # A unit's parent and kind decide which figures roll up where: every change is kept.
    history = HistoricalRecords(excluded_fields=["sort_order"])

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ["sort_order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["city", "development_zone", "township", "department"]),
                name="unit_kind_valid",
                violation_error_message=_("单位类别无效。"),
            ),
            models.CheckConstraint(
                condition=(Q(kind="city") & Q(parent__isnull=True)) | (~Q(kind="city") & Q(parent__isnull=False)),
                name="unit_parent_only_city_has_none",
                violation_error_message=_("只有市本级没有上级单位，其他单位必须有上级单位。"),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="unit_not_own_parent",
                violation_error_message=_("单位不能是自己的上级单位。"),
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="city"),
                name="unit_one_city",
                violation_error_message=_("只能有一个市本级单位。"),
            ),
        ]
        indexes = [models.Index(fields=["kind"]), models.Index(fields=["parent"])]

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """A user's role in the portal, and for a clerk (填报员) the one unit whose data they enter."""

    class Role(models.TextChoices):
        CLERK = "clerk", _("填报员")
        STAFF = "staff", _("招商局工作人员")
        LEADER = "leader", _("领导")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("角色"), max_length=10, choices=Role.choices)
    unit = models.ForeignKey(
        Unit, verbose_name=_("所属单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="clerks"
    )
    # Where reminders reach a clerk: the account's e-mail address (User.email), and a phone number for
    # the bureau to call.
    phone = models.CharField(_("联系电话"), max_length=30, blank=True, validators=[rules.validate_text])

    class Meta:
        verbose_name = _("用户角色")
        verbose_name_plural = _("用户角色")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["clerk", "staff", "leader"]),
                name="profile_role_valid",
                violation_error_message=_("角色无效。"),
            ),
            models.CheckConstraint(
                condition=~Q(role="clerk") | Q(unit__isnull=False),
                name="profile_clerk_has_unit",
                violation_error_message=_("填报员必须绑定一个单位。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

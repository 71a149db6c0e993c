"""Organisations and the people who work for them.

Organisations are data, never code: police units, Veilig Thuis regions, municipalities, care
providers and a policy/analytics function are rows an administrator manages.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from huisverbod.core.casefile.vocabulary import OrganisationKind as FactSource


class OrganisationKind(models.TextChoices):
    POLICE_UNIT = "police_unit", _("Police unit")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis region")
    MUNICIPALITY = "municipality", _("Municipality")
    CARE_PROVIDER = "care_provider", _("Care provider")
    PUBLIC_PROSECUTOR = "public_prosecutor", _("Public prosecutor")
    ANALYTICS = "analytics", _("Policy and analytics")

    @property
    def fact_source(self) -> FactSource:
        """The case file's ``source`` for facts this kind of organisation supplies."""
        return _FACT_SOURCE[self]


_FACT_SOURCE = {
    OrganisationKind.POLICE_UNIT: FactSource.POLICE,
    OrganisationKind.VEILIG_THUIS: FactSource.VEILIG_THUIS,
    OrganisationKind.MUNICIPALITY: FactSource.MUNICIPALITY,
    OrganisationKind.CARE_PROVIDER: FactSource.CARE_PROVIDER,
    OrganisationKind.PUBLIC_PROSECUTOR: FactSource.PUBLIC_PROSECUTOR,
    OrganisationKind.ANALYTICS: FactSource.OTHER,
}


class Organisation(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    # A municipality lies in one police unit and one Veilig Thuis region; figures per region
    # and the routing of joint assessments follow these links.
    police_unit = models.ForeignKey(
        "self",
        verbose_name=_("police unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipalities_policed",
        limit_choices_to={"kind": OrganisationKind.POLICE_UNIT},
    )
    veilig_thuis_region = models.ForeignKey(
        "self",
        verbose_name=_("Veilig Thuis region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="municipalities_served",
        limit_choices_to={"kind": OrganisationKind.VEILIG_THUIS},
    )
    # For a municipality: the places (woonplaatsen) in it, so a case's dwelling finds the mayor
    # who decides. One per line.
    places = models.TextField(_("places"), blank=True)
    # For a municipality: what its beschikkingen need.
    court = models.CharField(
        _("administrative court"),
        max_length=200,
        blank=True,
        help_text=_("Where beroep against an order is lodged."),
    )
    mandate_reference = models.CharField(
        _("mandate decision"),
        max_length=300,
        blank=True,
        help_text=_(
            "The mayor's mandate to the hulpofficier van justitie to impose a huisverbod (art. 3 Wth)."
        ),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def fact_source(self) -> FactSource:
        return OrganisationKind(self.kind).fact_source

    @property
    def place_names(self) -> list[str]:
        return [line.strip() for line in self.places.splitlines() if line.strip()]


class Role(models.TextChoices):
    POLICE_OFFICER = "police_officer", _("Police officer")
    ASSISTANT_PUBLIC_PROSECUTOR = "assistant_public_prosecutor", _("Hulpofficier van justitie")
    VEILIG_THUIS_PROFESSIONAL = "veilig_thuis_professional", _("Veilig Thuis professional")
    MUNICIPAL_OFFICER = "municipal_officer", _("Municipal officer (for the mayor)")
    CARE_PROFESSIONAL = "care_professional", _("Care professional")
    ANALYST = "analyst", _("Analyst")
    ADMINISTRATOR = "administrator", _("Administrator")


class User(AbstractUser):
    """A person who signs in. Works for one organisation in one role (docs/adr/0003)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    role = models.CharField(_("role"), max_length=40, choices=Role.choices, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Administrators reach the admin for accounts and reference data, nothing else.
        self.is_staff = self.role == Role.ADMINISTRATOR or self.is_superuser
        super().save(*args, **kwargs)
        if self.role == Role.ADMINISTRATOR:
            from django.contrib.auth.models import Group

            from huisverbod.accounts.signals import ADMINISTRATORS_GROUP

            group = Group.objects.filter(name=ADMINISTRATORS_GROUP).first()
            if group is not None:
                self.groups.add(group)

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label) if self.role else ""

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

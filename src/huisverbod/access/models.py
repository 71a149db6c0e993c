"""Recorded grants: which organisations are involved in a case, why, since when, until when."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    STARTED = "started", _("Started the case")
    JOINT_ASSESSMENT = "joint_assessment", _("Asked to assess jointly")
    COMPETENT_AUTHORITY = "competent_authority", _("The mayor's office that decides")
    SHARED = "shared", _("Shared with")
    REFERRAL = "referral", _("Referred to")


class Scope(models.TextChoices):
    FULL = "full", _("The whole case")
    CARE = "care", _("What care needs: persons, help and timeline")


class CaseAccessQuerySet(models.QuerySet["CaseAccess"]):
    def active(self, at: datetime | None = None) -> CaseAccessQuerySet:
        moment = at or timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=moment)
        )


class CaseAccess(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="access_grants")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="case_grants",
        verbose_name=_("organisation"),
    )
    reason = models.CharField(_("reason"), max_length=24, choices=Reason.choices)
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices, default=Scope.FULL)
    # A care provider sees a victim's confidential address only when its help needs it.
    confidential_address_needed = models.BooleanField(_("confidential address needed"), default=False)
    note = models.TextField(_("note"), blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = CaseAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("case access")
        verbose_name_plural = _("case access")
        ordering = ["case", "granted_at"]
        indexes = [
            models.Index(fields=["organisation", "case"], name="access_org_case_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.case} ({self.reason})"

    def is_active(self, at: datetime | None = None) -> bool:
        moment = at or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > moment)

"""Destruction lists: cases whose retention period has ended, reviewed and approved by a person
before anything is destroyed (art. 10 Wth: five years after the decision, then destroyed)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ListStatus(models.TextChoices):
    DRAFT = "draft", _("Awaiting review")
    APPROVED = "approved", _("Approved")
    EXECUTED = "executed", _("Destroyed")
    REJECTED = "rejected", _("Rejected")


class DestructionList(models.Model):
    status = models.CharField(
        _("status"), max_length=10, choices=ListStatus.choices, default=ListStatus.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.CharField(_("created by"), max_length=150)
    reviewed_by = models.CharField(_("reviewed by"), max_length=150, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    executed_at = models.DateTimeField(_("destroyed at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("destruction list")
        verbose_name_plural = _("destruction lists")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.status})"


class DestructionItem(models.Model):
    destruction_list = models.ForeignKey(DestructionList, on_delete=models.CASCADE, related_name="items")
    # The case itself goes; the list keeps only its reference and why it was due.
    case = models.ForeignKey("cases.Case", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    case_reference = models.CharField(_("case or registry record"), max_length=64)
    # Empty for a case; "police" or "veilig_thuis" for a registry record (its own regime).
    registry = models.CharField(_("registry"), max_length=16, blank=True)
    retention_basis = models.CharField(_("retention basis"), max_length=200)
    anchor_date = models.DateField(_("decision or last activity"))
    due_date = models.DateField(_("retention ended on"))
    destroyed_at = models.DateTimeField(_("destroyed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("case on a destruction list")
        verbose_name_plural = _("cases on a destruction list")
        ordering = ["due_date", "case_reference"]
        constraints = [
            models.UniqueConstraint(
                fields=["destruction_list", "case_reference"], name="destruction_item_once"
            ),
        ]

    def __str__(self) -> str:
        return self.case_reference

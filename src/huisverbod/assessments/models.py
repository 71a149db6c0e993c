"""Assessments as immutable snapshots: what was assessed, with which instruments and law, by whom.

A snapshot is never changed or deleted once saved; a new assessment is a new version of the
case's assessment, pointing at the one it supersedes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImmutableError(Exception):
    """An issued assessment cannot be changed; make a new version instead."""


class Advice(models.TextChoices):
    IMPOSE = "impose", _("Impose a huisverbod")
    DO_NOT_IMPOSE = "do_not_impose", _("Do not impose a huisverbod")
    NOT_POSSIBLE = "not_possible", _("A huisverbod is not possible")


class Route(models.TextChoices):
    ACUTE = "acute", _("Acute")
    PLANNED = "planned", _("Planned")


class DraftOverride(models.Model):
    """An item a professional confirmed or overrode, with a reason, until the assessment is saved.

    The reason and the facts that support the answer are part of the saved snapshot; a "yes"
    must name at least one fact (ratings stay traceable to facts)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="draft_overrides")
    item = models.CharField(_("item"), max_length=64)
    answer = models.BooleanField(_("answer"))
    reason = models.TextField(_("reason"))
    facts = models.JSONField(_("facts"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("item override")
        verbose_name_plural = _("item overrides")
        ordering = ["case", "created_at"]
        constraints = [models.UniqueConstraint(fields=["case", "item"], name="draft_override_once_per_item")]

    def __str__(self) -> str:
        return f"{self.item}={'yes' if self.answer else 'no'}"


class Assessment(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="assessments")
    version = models.PositiveIntegerField(_("version"))
    supersedes = models.OneToOneField(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="superseded_by"
    )
    sources = models.JSONField(_("sources"), help_text=_("The sources whose facts were used."))
    joint = models.BooleanField(_("joint assessment"), default=False)
    parameter_set = models.CharField(_("law parameter set"), max_length=64)
    instrument_versions = models.JSONField(default=dict)
    casefile = models.JSONField(help_text="The case file exactly as assessed (the inputs).")
    overrides = models.JSONField(default=list, help_text="Items a professional confirmed or overrode.")
    result = models.JSONField(help_text="The assessment's output (the contract of shared/casefile).")
    result_nl = models.JSONField(
        default=dict, help_text="The same output with Dutch reasons: the motivation."
    )
    advice = models.CharField(_("advice"), max_length=16, choices=Advice.choices)
    route = models.CharField(_("route"), max_length=8, choices=Route.choices, blank=True)
    red_signals = models.PositiveIntegerField(default=0)
    note = models.TextField(_("motivation note"), blank=True)
    digest = models.CharField(max_length=64, help_text="SHA-256 of the inputs and the result.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    role = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="assessment_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ImmutableError("an issued assessment cannot be changed; save a new version")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("an issued assessment cannot be deleted")

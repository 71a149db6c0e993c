"""What a person decided after an assessment, and the measures actually taken.

The advice is the system's (``assessments.Assessment.advice``); the decision is the person's: to
impose a huisverbod, not to impose one, or that one is not possible (and why). Besides or instead
of a huisverbod other measures are taken (an arrest, a criminal contact ban, a referral to help,
shelter, ...): each is a ``MeasureTaken``. Both feed the policy figures (``docs/figures.md``).

The field names are a contract with the synthetic national history (its loader writes these
rows); add fields, never rename or remove them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from huisverbod.assessments.labels import MEASURES, TRACKS
from huisverbod.core.advice.measures import MEASURE_BASIS, Track


class Outcome(models.TextChoices):
    ORDER = "order", _("Huisverbod imposed")
    NO_ORDER = "no_order", _("No huisverbod imposed")
    NOT_POSSIBLE = "not_possible", _("A huisverbod was not possible")


class NotPossibleReason(models.TextChoices):
    EX_PARTNER = "ex_partner", _("Ex-partner living elsewhere")
    MINOR = "minor", _("The person is a minor")
    INCIDENTAL_STAY = "incidental_stay", _("The person stays there only incidentally")
    OTHER = "other", _("Another reason")


# Every measure but the huisverbod itself (that is the decision's outcome).
MEASURE_CHOICES = [(m, MEASURES.get(m, m)) for m in MEASURE_BASIS if m != "huisverbod"]
TRACK_CHOICES = [(t.value, TRACKS.get(t.value, t.value)) for t in Track]


class Decision(models.Model):
    """What a person decided after an assessment (the advice is the system's, the decision is
    the person's)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="decisions")
    assessment = models.OneToOneField(
        "assessments.Assessment", on_delete=models.CASCADE, null=True, blank=True, related_name="decision"
    )
    outcome = models.CharField(_("decision"), max_length=16, choices=Outcome.choices)
    not_possible_reasons = models.JSONField(_("why not possible"), default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    decided_at = models.DateTimeField(_("decided at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=40, blank=True)
    order = models.OneToOneField(
        "orders.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="decision"
    )
    # The incident the decision is about (null on the planned route).
    incident_at = models.DateTimeField(_("incident at"), null=True, blank=True)
    imported = models.BooleanField(default=False)  # loaded from history, not decided in this system

    class Meta:
        verbose_name = _("decision after the assessment")
        verbose_name_plural = _("decisions after the assessment")
        ordering = ["case", "decided_at"]
        indexes = [
            models.Index(fields=["decided_at"], name="decision_decided_idx"),
            models.Index(fields=["outcome", "decided_at"], name="decision_outcome_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.outcome} {self.decided_at:%Y-%m-%d}"

    def clean(self) -> None:
        reasons = list(self.not_possible_reasons or [])
        unknown = [r for r in reasons if r not in NotPossibleReason.values]
        if unknown:
            raise ValidationError(
                {"not_possible_reasons": f"unknown reason(s): {', '.join(map(str, unknown))}"}
            )
        if reasons and self.outcome != Outcome.NOT_POSSIBLE:
            raise ValidationError(
                {"not_possible_reasons": "reasons belong to a decision that it was not possible"}
            )
        if self.outcome == Outcome.NOT_POSSIBLE and not reasons:
            raise ValidationError({"not_possible_reasons": "say why a huisverbod was not possible"})


class MeasureTaken(models.Model):
    """A measure actually taken (arrest, criminal contact ban, care referral, shelter, ...) besides
    or instead of a huisverbod."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="measures_taken")
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, null=True, blank=True, related_name="measures"
    )
    measure = models.CharField(_("measure"), max_length=40, choices=MEASURE_CHOICES)
    track = models.CharField(_("track"), max_length=16, choices=TRACK_CHOICES)  # derived on save
    taken_on = models.DateField(_("taken on"))
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)  # a mistaken record is withdrawn, never deleted
    imported = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("measure taken")
        verbose_name_plural = _("measures taken")
        ordering = ["case", "taken_on", "pk"]
        indexes = [
            models.Index(fields=["measure", "taken_on"], name="measure_taken_idx"),
            models.Index(fields=["case", "track"], name="measure_case_track_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.measure} {self.taken_on:%Y-%m-%d}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.track = track_of(self.measure)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "measure" in update_fields:
            kwargs["update_fields"] = {*update_fields, "track"}
        super().save(*args, **kwargs)


def track_of(measure: str) -> str:
    """The track of a measure (``MEASURE_BASIS``); refuses the huisverbod and unknown ids."""
    if measure == "huisverbod" or measure not in MEASURE_BASIS:
        raise ValueError(f"not a measure besides the huisverbod: {measure!r}")
    return MEASURE_BASIS[measure][0].value

"""Scenario runs: past cases re-run under another law parameter set (docs/scenario-lab.md).

A run records who ran it, in which capacity, which sets, which cases (the selection), the
aggregate counts and a result per case. It writes only these tables: cases, assessments and
orders are read, never changed. A per-case result goes with its case when the case is destroyed
(retention); the aggregate counts stay, as they identify no one once published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SelectionKind(models.TextChoices):
    ALL = "all", _("All cases with an assessment")
    PERIOD = "period", _("Cases assessed in a period")
    MUNICIPALITY = "municipality", _("Cases in a municipality")
    REGION = "region", _("Cases in a police unit or Veilig Thuis region")
    CASES = "cases", _("Chosen cases")


class ScenarioRun(models.Model):
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    role = models.CharField(max_length=40)
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)
    baseline_set = models.CharField(
        _("baseline parameter set"),
        max_length=64,
        blank=True,
        help_text=_("Empty: each case under the set its assessment used."),
    )
    alternative_set = models.CharField(_("alternative parameter set"), max_length=64)
    selection_kind = models.CharField(_("selection"), max_length=16, choices=SelectionKind.choices)
    selection = models.JSONField(default=dict, help_text="The selection's parameters, as chosen.")
    case_count = models.PositiveIntegerField(_("cases"), default=0)
    summary = models.JSONField(default=dict, help_text="The raw aggregate counts (core/scenario/summary.py).")
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("scenario run")
        verbose_name_plural = _("scenario runs")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "-created_at"], name="scenario_run_org_idx")]

    def __str__(self) -> str:
        return f"{self.baseline_set or 'as assessed'} → {self.alternative_set} ({self.case_count})"


class ScenarioCaseResult(models.Model):
    run = models.ForeignKey(ScenarioRun, on_delete=models.CASCADE, related_name="results")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.CASCADE, related_name="+")
    baseline_set = models.CharField(max_length=64)
    alternative_set = models.CharField(max_length=64)
    baseline_advice = models.CharField(max_length=16, blank=True)
    alternative_advice = models.CharField(max_length=16, blank=True)
    baseline_route = models.CharField(max_length=8, blank=True)
    alternative_route = models.CharField(max_length=8, blank=True)
    changed = models.BooleanField(default=False)
    advice_changed = models.BooleanField(default=False)
    # The advice, the route, a criterion or a measure changed (not only the maximum duration or
    # the grounds of a danger met under both): the cases shown as examples.
    substantive = models.BooleanField(default=False)
    drift = models.BooleanField(
        default=False, help_text="The baseline re-run differs from the stored advice."
    )
    changes = models.JSONField(default=list)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("scenario result for a case")
        verbose_name_plural = _("scenario results for cases")
        ordering = ["run", "-advice_changed", "pk"]
        constraints = [models.UniqueConstraint(fields=["run", "case"], name="scenario_result_once_per_case")]

    def __str__(self) -> str:
        return f"{self.run_id}:{self.case_id}"

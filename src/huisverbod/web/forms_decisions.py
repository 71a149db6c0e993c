"""The decision after an assessment: not imposed, or not possible (and why), and the measures taken."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huisverbod.decisions.models import MEASURE_CHOICES, NotPossibleReason, Outcome


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Outcome.NO_ORDER, Outcome.NO_ORDER.label),
            (Outcome.NOT_POSSIBLE, Outcome.NOT_POSSIBLE.label),
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.MultipleChoiceField(
        label=_("Why a huisverbod is not possible"),
        choices=NotPossibleReason.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Proposed from the assessment's legal test; only for a decision that it is not possible."
        ),
    )
    reason = forms.CharField(
        label=_("Your reasons"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    measures = forms.MultipleChoiceField(
        label=_("Measures taken instead or besides"),
        choices=MEASURE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    taken_on = forms.DateField(
        label=_("Measures taken on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == Outcome.NOT_POSSIBLE and not data.get("reasons"):
            self.add_error("reasons", _("Say why a huisverbod is not possible."))
        if data.get("outcome") == Outcome.NO_ORDER and data.get("reasons"):
            self.add_error("reasons", _("Reasons why it is not possible go with that decision only."))
        if data.get("measures") and not data.get("taken_on"):
            data["taken_on"] = timezone.localdate()
        return data

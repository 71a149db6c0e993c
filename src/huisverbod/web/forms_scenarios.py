"""The scenario lab's form: which law against which, on which past cases."""

from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from huisverbod.scenarios.models import SelectionKind
from huisverbod.scenarios.services import Selection, parameter_sets, selection_choices

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
AS_ASSESSED = ""
CHOICE_FIELDS = ("baseline", "alternative", "municipality", "region")


def _set_label(params: Any) -> str:
    kind = _("law in force") if params.enacted else _("proposal")
    return f"{params.id} ({kind})"


class ScenarioForm(forms.Form):
    baseline = forms.ChoiceField(
        label=_("Baseline"),
        required=False,
        help_text=_("The law the cases are compared against; by default the set each assessment used."),
    )
    alternative = forms.ChoiceField(label=_("Alternative"), help_text=_("The changed law."))
    kind = forms.ChoiceField(
        label=_("Which cases"),
        choices=SelectionKind.choices,
        initial=SelectionKind.ALL,
        widget=forms.RadioSelect,
    )
    date_from = forms.DateField(label=_("Assessed from"), required=False, widget=DATE_INPUT)
    date_to = forms.DateField(label=_("Assessed until"), required=False, widget=DATE_INPUT)
    municipality = forms.ChoiceField(label=_("Municipality"), required=False)
    region = forms.ChoiceField(label=_("Police unit or Veilig Thuis region"), required=False)
    references = forms.CharField(
        label=_("Case references"),
        required=False,
        help_text=_("Separated by commas or spaces; only cases your organisation may see."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sets = [(p.id, _set_label(p)) for p in parameter_sets()]
        field = {name: cast(forms.ChoiceField, self.fields[name]) for name in CHOICE_FIELDS}
        field["baseline"].choices = [
            (AS_ASSESSED, _("As assessed (the set each assessment used)")),
            *sets,
        ]
        field["alternative"].choices = sets
        proposals = [p.id for p in parameter_sets() if not p.enacted]
        if proposals:
            self.fields["alternative"].initial = proposals[-1]
        choices = selection_choices()
        field["municipality"].choices = [("", "—"), *choices["municipalities"]]
        field["region"].choices = [("", "—"), *choices["regions"]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        if kind == SelectionKind.PERIOD:
            start, end = data.get("date_from"), data.get("date_to")
            if start is None and end is None:
                self.add_error("date_from", _("Give the start or the end of the period."))
            elif start is not None and end is not None and start > end:
                self.add_error("date_to", _("The end lies before the start."))
        elif kind == SelectionKind.MUNICIPALITY and not data.get("municipality"):
            self.add_error("municipality", _("Choose a municipality."))
        elif kind == SelectionKind.REGION and not data.get("region"):
            self.add_error("region", _("Choose a police unit or Veilig Thuis region."))
        elif kind == SelectionKind.CASES and not self.reference_list():
            self.add_error("references", _("Name at least one case."))
        if data.get("baseline") and data.get("baseline") == data.get("alternative"):
            self.add_error("alternative", _("Choose an alternative other than the baseline."))
        return data

    def reference_list(self) -> tuple[str, ...]:
        text = self.cleaned_data.get("references") or ""
        return tuple(dict.fromkeys(r for r in re.split(r"[\s,;]+", text) if r))

    def selection(self) -> Selection:
        data = self.cleaned_data
        kind = SelectionKind(data["kind"])
        organisation = data.get("municipality") if kind == SelectionKind.MUNICIPALITY else data.get("region")
        return Selection(
            kind=kind,
            date_from=data.get("date_from") if kind == SelectionKind.PERIOD else None,
            date_to=data.get("date_to") if kind == SelectionKind.PERIOD else None,
            organisation=(organisation or "")
            if kind in (SelectionKind.MUNICIPALITY, SelectionKind.REGION)
            else "",
            references=self.reference_list() if kind == SelectionKind.CASES else (),
        )

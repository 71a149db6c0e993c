"""Forms for the order: imposing, extending, withdrawing, appeals, violations, reachability."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huisverbod.accounts.models import Organisation, OrganisationKind
from huisverbod.assessments.models import Assessment
from huisverbod.cases.models import Case, Involvement
from huisverbod.orders.models import AppealDecision

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]


def _datetime(label: Any, **kwargs: Any) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS, **kwargs)


class AssessmentChoiceField(forms.ModelChoiceField[Assessment]):
    def label_from_instance(self, obj: Assessment) -> str:
        saved = timezone.localtime(obj.created_at)
        return f"v{obj.version} · {obj.get_advice_display()} · {saved:%d-%m-%Y %H:%M}"


def _person_label(obj: Involvement) -> str:
    return f"{obj.person.given_names} {obj.person.surname} ({obj.get_role_display()})"


class PersonChoiceField(forms.ModelChoiceField[Involvement]):
    def label_from_instance(self, obj: Involvement) -> str:
        return _person_label(obj)


class PersonsChoiceField(forms.ModelMultipleChoiceField[Involvement]):
    def label_from_instance(self, obj: Involvement) -> str:
        return _person_label(obj)


class ImposeForm(forms.Form):
    MODES = [
        ("oral", _("Impose now, orally (written beschikking follows)")),
        ("written", _("Impose now, in writing")),
        ("prepare", _("Prepare a planned huisverbod, to impose at the agreed moment")),
    ]
    mode = forms.ChoiceField(label=_("How"), choices=MODES, widget=forms.RadioSelect)
    assessment = AssessmentChoiceField(label=_("On the assessment"), queryset=Assessment.objects.none())
    perpetrator = PersonChoiceField(label=_("Person ordered out"), queryset=Involvement.objects.none())
    protected = PersonsChoiceField(
        label=_("Contact ban protects"),
        queryset=Involvement.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their names are in the beschikking (art. 2 lid 4 sub c Wth)."),
    )
    municipality = forms.ModelChoiceField(label=_("Mayor of"), queryset=Organisation.objects.none())

    def __init__(self, *args: Any, case: Case, allowed_modes: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["mode"]).choices = [
            m for m in self.MODES if m[0] in allowed_modes
        ]
        cast(AssessmentChoiceField, self.fields["assessment"]).queryset = case.assessments.order_by(
            "-version"
        )
        people = case.involvements.select_related("person").order_by("position")
        cast(PersonChoiceField, self.fields["perpetrator"]).queryset = people
        cast(PersonsChoiceField, self.fields["protected"]).queryset = people
        cast(forms.ModelChoiceField, self.fields["municipality"]).queryset = Organisation.objects.filter(
            kind=OrganisationKind.MUNICIPALITY, active=True
        )


class ExtendForm(forms.Form):
    new_end = _datetime(
        _("New end"), help_text=_("At most four weeks after the order was imposed (art. 9 lid 1 Wth).")
    )
    reason = forms.CharField(label=_("Why the threat continues"), widget=forms.Textarea(attrs={"rows": 3}))
    improper_reason_noted = forms.CharField(
        label=_("Why you extend although the advice flags the waiting list"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Needed only when the extension advice says a waiting list is the only open issue: "
            "that alone is not a reason to extend."
        ),
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Why the order is withdrawn"), widget=forms.Textarea(attrs={"rows": 3}))


class ReachabilityForm(forms.Form):
    statement = forms.CharField(
        label=_("Where and how the person ordered out can be reached"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("art. 2 lid 6 Wth: within 24 hours of the imposition."),
    )


class AppealForm(forms.Form):
    lodged_at = _datetime(_("Lodged at"))
    court_case_number = forms.CharField(label=_("Court case number"), required=False, max_length=64)
    provisional_relief = forms.BooleanField(
        label=_("With a request for a voorlopige voorziening"), required=False, initial=True
    )
    hearing_at = _datetime(_("Hearing at"), required=False)


class CourtDecisionForm(forms.Form):
    appeal = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("The court's decision"),
        choices=[c for c in AppealDecision.choices if c[0] != AppealDecision.PENDING],
    )
    decided_at = _datetime(_("Decided at"))
    ruling = forms.CharField(label=_("Ruling (ECLI or reference)"), max_length=200)


class ViolationForm(forms.Form):
    occurred_at = _datetime(_("When"))
    description = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 3}))

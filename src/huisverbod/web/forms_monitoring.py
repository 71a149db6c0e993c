"""Forms for monitoring: the care plan, referrals, the timeline, capacity and closing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from huisverbod.accounts.models import Organisation, OrganisationKind
from huisverbod.cases.models import Case, Involvement
from huisverbod.monitoring.models import (
    CarePlanStatus,
    CareService,
    ConsentBasis,
    Handover,
    Outcome,
    ReferralStatusChoices,
    ServiceKind,
    Visibility,
)
from huisverbod.monitoring.timeline import writable_kinds
from huisverbod.web.forms_orders import DATETIME_FORMATS, DATETIME_INPUT, PersonChoiceField

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _people(case: Case) -> Any:
    return case.involvements.select_related("person").order_by("position")


class CarePlanItemForm(forms.Form):
    involvement = PersonChoiceField(label=_("Person"), queryset=Involvement.objects.none())
    kind = forms.ChoiceField(label=_("Kind of help"), choices=ServiceKind.choices)
    help_needed = forms.CharField(label=_("Help needed"), widget=forms.Textarea(attrs={"rows": 2}))
    provider = forms.ModelChoiceField(
        label=_("Provided by"), queryset=Organisation.objects.none(), required=False
    )
    provider_other = forms.CharField(
        label=_("Or provided by (outside this system)"),
        required=False,
        max_length=200,
        help_text=_("E.g. the general practitioner or the school's social worker."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=CarePlanStatus.choices)
    started_on = forms.DateField(label=_("Started on"), required=False, widget=DATE_INPUT)
    agreements = forms.CharField(
        label=_("Agreements"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args: Any, case: Case, provider_fixed: bool, with_person: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(PersonChoiceField, self.fields["involvement"]).queryset = _people(case)
        cast(forms.ModelChoiceField, self.fields["provider"]).queryset = Organisation.objects.filter(
            kind=OrganisationKind.CARE_PROVIDER, active=True
        )
        if provider_fixed:  # a care provider writes its own help
            del self.fields["provider"], self.fields["provider_other"]
        if not with_person:
            del self.fields["involvement"]


class ServiceChoiceField(forms.ModelChoiceField[CareService]):
    def label_from_instance(self, obj: CareService) -> str:
        return str(
            _("%(name)s — %(provider)s (%(kind)s; waiting %(days)s days, %(places)s free places)")
            % {
                "name": obj.name,
                "provider": obj.provider.name,
                "kind": obj.get_kind_display(),
                "days": obj.waiting_days,
                "places": obj.free_places,
            }
        )


class ReferralForm(forms.Form):
    involvement = PersonChoiceField(label=_("Person"), queryset=Involvement.objects.none())
    service = ServiceChoiceField(label=_("Service"), queryset=CareService.objects.none())
    help_needed = forms.CharField(label=_("Help needed"), widget=forms.Textarea(attrs={"rows": 2}))
    consent_basis = forms.ChoiceField(
        label=_("Consent or legal basis"), choices=ConsentBasis.choices, widget=forms.RadioSelect
    )
    consent_text = forms.CharField(
        label=_("How consent was given, or why without it"), widget=forms.Textarea(attrs={"rows": 2})
    )
    confidential_address_needed = forms.BooleanField(
        label=_("The provider needs the confidential address"),
        required=False,
        help_text=_(
            "Only when the help is given at that address, e.g. a shelter. Otherwise it stays hidden."
        ),
    )

    def __init__(self, *args: Any, case: Case, services: Any, check_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(PersonChoiceField, self.fields["involvement"]).queryset = _people(case)
        cast(ServiceChoiceField, self.fields["service"]).queryset = services
        if check_url:  # choosing a service shows when its help could start (htmx; no inline script)
            self.fields["service"].widget.attrs.update(
                {
                    "hx-get": check_url,
                    "hx-trigger": "change",
                    "hx-target": "#capacity",
                    "hx-swap": "outerHTML",
                }
            )


class ReferralStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("A refusal or a withdrawal says why."),
    )
    started_on = forms.DateField(label=_("Help started on"), required=False, widget=DATE_INPUT)
    expected_start = forms.DateField(
        label=_("Expected start"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("On the waiting list: when help is expected to start."),
    )

    def __init__(self, *args: Any, allowed: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(ReferralStatusChoices.choices)
        cast(forms.ChoiceField, self.fields["status"]).choices = [(s, labels[s]) for s in allowed]


class TimelineEntryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"))
    visibility = forms.ChoiceField(label=_("Visible to"), widget=forms.RadioSelect)
    occurred_at = forms.DateTimeField(
        label=_("When"), widget=DATETIME_INPUT, input_formats=DATETIME_FORMATS, required=False
    )
    party = PersonChoiceField(
        label=_("From or with"),
        queryset=Involvement.objects.none(),
        required=False,
        help_text=_("For a contact or what a party says: the person."),
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, case: Case, visibilities: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["kind"]).choices = writable_kinds()
        labels = dict(Visibility.choices)
        cast(forms.ChoiceField, self.fields["visibility"]).choices = [(v, labels[v]) for v in visibilities]
        cast(PersonChoiceField, self.fields["party"]).queryset = _people(case)


class CapacityForm(forms.Form):
    free_places = forms.IntegerField(label=_("Free places"), min_value=0)
    waiting_days = forms.IntegerField(label=_("Waiting time in days"), min_value=0)


class PersonEvaluationForm(forms.Form):
    involvement = forms.IntegerField(widget=forms.HiddenInput)
    help_started = forms.BooleanField(label=_("Help started"), required=False)
    help_started_during_order = forms.BooleanField(label=_("While the order was in force"), required=False)
    new_incidents = forms.BooleanField(label=_("New incidents during the order"), required=False)
    referral_outcome = forms.ChoiceField(label=_("Referral outcome"), choices=Outcome.choices)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 1}))


PersonEvaluationFormSet = forms.formset_factory(PersonEvaluationForm, extra=0)


class HandoverForm(forms.Form):
    handover = forms.ChoiceField(label=_("Handover to"), choices=Handover.choices, widget=forms.RadioSelect)
    handover_note = forms.CharField(
        label=_("Handover note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the next organisation needs to know. No handover: leave empty."),
    )

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from huisverbod.access.models import CaseAccess, Reason
from huisverbod.accounts.models import Organisation, OrganisationKind
from huisverbod.cases.labels import fact_type_choices
from huisverbod.cases.models import Case, OriginChoices, Person, SourceChoices
from huisverbod.core.casefile.errors import Problem
from huisverbod.core.casefile.model import FactDate
from huisverbod.core.casefile.parse import FACT_DATE_PATTERN


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Username"), widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class FactForm(forms.Form):
    """One fact, with the case file's fields. Validation is the case file's (services.add_fact)."""

    type = forms.ChoiceField(label=_("Fact type"))
    date = forms.CharField(
        label=_("Date"),
        required=False,
        max_length=10,
        help_text=_("YYYY-MM-DD, YYYY-MM or YYYY; leave empty for a standing condition."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "2021-11-06"}),
    )
    about = forms.MultipleChoiceField(
        label=_("About"), widget=forms.CheckboxSelectMultiple, help_text=_("Whom the fact describes.")
    )
    against = forms.MultipleChoiceField(
        label=_("Against"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who was harmed or threatened, if anyone."),
    )
    source = forms.ChoiceField(
        label=_("Source"), choices=SourceChoices.choices, help_text=_("Who supplied the fact.")
    )
    origin = forms.ChoiceField(label=_("Origin"), choices=OriginChoices.choices, widget=forms.RadioSelect)
    stated_by = forms.ChoiceField(
        label=_("Stated by"), required=False, help_text=_("For a statement: who said it.")
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        persons = [
            (inv.local_id, f"{inv.person.given_names} {inv.person.surname} ({inv.get_role_display()})")
            for inv in case.involvements.select_related("person").order_by("position")
        ]
        choice_fields = {
            name: cast(forms.ChoiceField, self.fields[name])
            for name in ("type", "about", "against", "stated_by")
        }
        choice_fields["type"].choices = [("", _("Choose a fact type")), *fact_type_choices()]
        choice_fields["about"].choices = persons
        choice_fields["against"].choices = persons
        choice_fields["stated_by"].choices = [("", _("Nobody in this case")), *persons]

    def clean_date(self) -> str:
        text: str = self.cleaned_data["date"].strip()
        if not text:
            return text
        match = FACT_DATE_PATTERN.match(text)
        if match is None:
            raise forms.ValidationError(_("Write the date as YYYY-MM-DD, YYYY-MM or YYYY."))
        try:
            FactDate.from_parts(
                text, int(match[1]), int(match[2]) if match[2] else None, int(match[3]) if match[3] else None
            )
        except ValueError:
            raise forms.ValidationError(_("This date does not exist.")) from None
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("origin") == OriginChoices.STATEMENT and not data.get("stated_by"):
            self.add_error("stated_by", _("A statement needs the person who made it."))
        return data

    def casefile_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "type": data["type"],
            "date": data["date"].strip() or None,
            "about": list(data["about"]),
            "against": list(data["against"]),
            "source": data["source"],
            "origin": data["origin"],
            "stated_by": data["stated_by"] or None,
            "text": data["text"],
        }

    def add_problems(self, problems: list[Problem]) -> None:
        for problem in problems:
            field = problem.path.split("[")[0].split(".")[0]
            self.add_error(field if field in self.fields else None, problem.message)


class ShareForm(forms.Form):
    """Share the case with another organisation (joint assessment, the mayor's office, ...)."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    reason = forms.ChoiceField(
        label=_("Why"),
        choices=[
            (r.value, r.label) for r in (Reason.JOINT_ASSESSMENT, Reason.COMPETENT_AUTHORITY, Reason.SHARED)
        ],
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        involved = CaseAccess.objects.active().filter(case=case).values("organisation")
        field = cast(forms.ModelChoiceField, self.fields["organisation"])
        # Care providers get access through a referral, with its own limits (not from here).
        field.queryset = (
            Organisation.objects.filter(active=True)
            .exclude(kind__in=[OrganisationKind.ANALYTICS, OrganisationKind.CARE_PROVIDER])
            .exclude(pk__in=involved)
            .order_by("kind", "name")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation, reason = data.get("organisation"), data.get("reason")
        if (
            organisation is not None
            and reason == Reason.JOINT_ASSESSMENT
            and organisation.kind
            not in (
                OrganisationKind.POLICE_UNIT,
                OrganisationKind.VEILIG_THUIS,
            )
        ):
            self.add_error("reason", _("A joint assessment is made by the police and Veilig Thuis."))
        if (
            organisation is not None
            and reason == Reason.COMPETENT_AUTHORITY
            and (organisation.kind != OrganisationKind.MUNICIPALITY)
        ):
            self.add_error("reason", _("The mayor's office is a municipality."))
        return data


class PersonDetailsForm(forms.ModelForm[Person]):
    class Meta:
        model = Person
        fields = [
            "bsn",
            "bsn_confidential",
            "street",
            "house_number",
            "postcode",
            "city",
            "address_confidential",
        ]


class OverrideForm(forms.Form):
    """Confirm or override one item of the instruments, with a reason (and facts for a yes)."""

    item = forms.ChoiceField(label=_("Item"))
    answer = forms.ChoiceField(
        label=_("Answer"), choices=[("yes", _("Yes")), ("no", _("No"))], widget=forms.RadioSelect
    )
    facts = forms.MultipleChoiceField(
        label=_("Facts that support it"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A yes must name at least one fact: every rating stays traceable to facts."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, case: Case, questions: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["item"]).choices = [
            ("", _("Choose an item")),
            *sorted(questions.items(), key=lambda kv: kv[1]),
        ]
        cast(forms.ChoiceField, self.fields["facts"]).choices = [
            (fact.local_id, f"{fact.local_id}: {fact.text[:80]}") for fact in case.facts.order_by("position")
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == "yes" and not data.get("facts"):
            self.add_error("facts", _("Name the facts that support a yes."))
        return data


class SnapshotForm(forms.Form):
    note = forms.CharField(
        label=_("Your motivation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "What you weighed beyond the instruments. "
            "Saved with the assessment, which cannot be changed afterwards."
        ),
    )

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from huisverbod.cases.models import Case, Fact, FactPerson, OriginChoices, SourceChoices
from huisverbod.core.casefile.vocabulary import FACT_TYPES


class CaseSummarySerializer(serializers.ModelSerializer[Case]):
    city = serializers.CharField(source="dwelling.city", read_only=True)
    person_count = serializers.IntegerField(read_only=True)
    fact_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Case
        fields = [
            "reference",
            "title",
            "trigger_kind",
            "assessment_time",
            "city",
            "person_count",
            "fact_count",
        ]


class DwellingSerializer(serializers.Serializer[Any]):
    street = serializers.CharField()
    house_number = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()


class AddressSerializer(serializers.Serializer[Any]):
    street = serializers.CharField()
    house_number = serializers.CharField()
    postcode = serializers.CharField()
    city = serializers.CharField()
    confidential = serializers.BooleanField(source="address_confidential")


class PersonSerializer(serializers.Serializer[Any]):
    """A person in the case. ``address`` and ``bsn`` appear only for roles that need them."""

    id = serializers.CharField(source="local_id")
    given_names = serializers.CharField(source="person.given_names")
    surname = serializers.CharField(source="person.surname")
    birth_date = serializers.DateField(source="person.birth_date")
    role = serializers.CharField()
    residence = serializers.CharField()
    address = AddressSerializer(source="person", required=False, help_text="Only for roles that need it.")
    bsn = serializers.CharField(source="person.bsn", required=False, help_text="Only for roles that need it.")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        allowed = self.context.get("person_fields", {}).get(instance.pk)
        if allowed is None or not allowed.address:
            data.pop("address", None)
        if allowed is None or not allowed.bsn:
            data.pop("bsn", None)
        return data


class FactSerializer(serializers.ModelSerializer[Fact]):
    id = serializers.CharField(source="local_id")
    date = serializers.CharField(source="date_text", allow_blank=True)
    about = serializers.SerializerMethodField()
    against = serializers.SerializerMethodField()
    stated_by = serializers.SerializerMethodField()

    class Meta:
        model = Fact
        fields = [
            "id",
            "type",
            "date",
            "about",
            "against",
            "source",
            "origin",
            "stated_by",
            "text",
            "recorded_at",
        ]

    def _people(self, fact: Fact, relation: str) -> list[str]:
        links: list[FactPerson] = sorted(
            (link for link in fact.persons.all() if link.relation == relation), key=lambda link: link.position
        )
        return [link.involvement.local_id for link in links]

    def get_about(self, fact: Fact) -> list[str]:
        return self._people(fact, "about")

    def get_against(self, fact: Fact) -> list[str]:
        return self._people(fact, "against")

    def get_stated_by(self, fact: Fact) -> str | None:
        return fact.stated_by.local_id if fact.stated_by else None


class CaseDetailSerializer(serializers.ModelSerializer[Case]):
    """The case; ``facts`` only for roles that see the facts (not care providers)."""

    dwelling = DwellingSerializer(read_only=True)
    persons = PersonSerializer(source="involvements", many=True, read_only=True)
    facts = FactSerializer(many=True, read_only=True, required=False)

    def to_representation(self, instance: Case) -> dict[str, Any]:
        data = super().to_representation(instance)
        if not self.context.get("view_facts", False):
            data.pop("facts", None)
        return data

    class Meta:
        model = Case
        fields = [
            "reference",
            "title",
            "assessment_time",
            "trigger_kind",
            "trigger_requested_by",
            "dwelling",
            "persons",
            "facts",
            "created_at",
        ]


class FactInputSerializer(serializers.Serializer[Any]):
    """A new fact with the case file's keys; the id is assigned by the system."""

    type = serializers.ChoiceField(choices=list(FACT_TYPES))
    date = serializers.RegexField(r"^\d{4}(-\d{2}(-\d{2})?)?$", required=False)
    about = serializers.ListField(child=serializers.CharField(), min_length=1)
    against = serializers.ListField(child=serializers.CharField(), required=False)
    source = serializers.ChoiceField(choices=SourceChoices.choices)  # type: ignore[assignment]
    origin = serializers.ChoiceField(choices=OriginChoices.choices)
    stated_by = serializers.CharField(required=False)
    text = serializers.CharField()


class ProblemSerializer(serializers.Serializer[Any]):
    field = serializers.CharField(help_text="JSON path of the field, e.g. facts[0].about[0]")
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer[Any]):
    errors = ProblemSerializer(many=True)  # type: ignore[assignment]


class AssessmentSerializer(serializers.Serializer[Any]):
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    created_by = serializers.CharField(source="created_by.username")
    organisation = serializers.CharField(source="organisation.code", allow_null=True)
    role = serializers.CharField()
    sources = serializers.ListField(child=serializers.CharField())
    joint = serializers.BooleanField()
    parameter_set = serializers.CharField()
    instrument_versions = serializers.DictField(child=serializers.CharField())
    overrides = serializers.ListField(child=serializers.DictField())
    advice = serializers.CharField()
    route = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)
    digest = serializers.CharField()
    supersedes = serializers.IntegerField(source="supersedes.version", allow_null=True, default=None)
    result = serializers.DictField(help_text="The output contract of shared/casefile/README.md.")


class AssessmentInputSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(required=False, allow_blank=True, default="")
    sources = serializers.ListField(
        child=serializers.ChoiceField(choices=SourceChoices.choices),
        required=False,
        help_text="Only these sources' facts; leave out for the joint view.",
    )


class LookupInputSerializer(serializers.Serializer[Any]):
    registry = serializers.ChoiceField(choices=["police", "veilig_thuis"])
    purpose = serializers.CharField(help_text="Why this history is needed (recorded).")
    legal_basis = serializers.CharField(help_text="One of the legal-basis codes, e.g. besluit-art-2-lid-3.")


class LookupSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    registry = serializers.CharField()
    purpose = serializers.CharField()
    legal_basis = serializers.CharField()
    requested_at = serializers.DateTimeField()
    requested_by = serializers.CharField(source="requested_by.username")
    results = serializers.DictField(help_text="Per case person: the candidates with their explanation.")


class LinkInputSerializer(serializers.Serializer[Any]):
    person = serializers.CharField(help_text="the person's id in the case, e.g. p1")
    record_id = serializers.CharField()
    decision = serializers.ChoiceField(choices=["confirm", "reject"])


class LinkSerializer(serializers.Serializer[Any]):
    person = serializers.CharField(source="involvement.local_id")
    registry = serializers.CharField()
    record_id = serializers.CharField()
    band = serializers.CharField()
    decision = serializers.CharField()
    fact = serializers.CharField(source="fact.local_id", allow_null=True, default=None)

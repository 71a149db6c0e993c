"""Serializers of the monitoring API: care services, the care plan, referrals, the timeline, the
extension advice and the closing evaluation."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from huisverbod.monitoring.models import (
    CarePlanItem,
    CarePlanStatus,
    CareService,
    ConsentBasis,
    EntryKind,
    Handover,
    Outcome,
    Referral,
    ReferralChange,
    ReferralStatusChoices,
    ServiceKind,
    TimelineEntry,
    Visibility,
)


class CareServiceSerializer(serializers.ModelSerializer[CareService]):
    provider = serializers.CharField(source="provider.code", read_only=True)
    provider_name = serializers.CharField(source="provider.name", read_only=True)
    municipalities: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="code"
    )
    # Declared, so that the document does not take the database's integer range.
    free_places = serializers.IntegerField(min_value=0)
    waiting_days = serializers.IntegerField(min_value=0)

    class Meta:
        model = CareService
        fields = [
            "id",
            "provider",
            "provider_name",
            "kind",
            "name",
            "region",
            "municipalities",
            "free_places",
            "waiting_days",
            "updated_at",
        ]
        read_only_fields = ["id", "kind", "name", "region", "updated_at"]


class CapacityInputSerializer(serializers.Serializer[Any]):
    free_places = serializers.IntegerField(min_value=0)
    waiting_days = serializers.IntegerField(min_value=0)


class CarePlanItemSerializer(serializers.ModelSerializer[CarePlanItem]):
    person = serializers.CharField(source="involvement.local_id")
    provider = serializers.CharField(source="provider.code", allow_null=True, default=None)

    class Meta:
        model = CarePlanItem
        fields = [
            "id",
            "person",
            "kind",
            "help_needed",
            "provider",
            "provider_other",
            "status",
            "started_on",
            "agreements",
            "updated_at",
        ]


class CarePlanItemInputSerializer(serializers.Serializer[Any]):
    person = serializers.CharField(help_text="the person's id in the case, e.g. p2")
    kind = serializers.ChoiceField(choices=ServiceKind.choices)
    help_needed = serializers.CharField()
    provider = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="organisation code"
    )
    provider_other = serializers.CharField(required=False, allow_blank=True, default="")
    status = serializers.ChoiceField(choices=CarePlanStatus.choices, default=CarePlanStatus.NEEDED)
    started_on = serializers.DateField(required=False, allow_null=True, default=None)
    agreements = serializers.CharField(required=False, allow_blank=True, default="")


class CarePlanItemUpdateSerializer(serializers.Serializer[Any]):
    help_needed = serializers.CharField(required=False)
    status = serializers.ChoiceField(choices=CarePlanStatus.choices, required=False)
    started_on = serializers.DateField(required=False, allow_null=True)
    agreements = serializers.CharField(required=False, allow_blank=True)


class ReferralChangeSerializer(serializers.ModelSerializer[ReferralChange]):
    organisation = serializers.CharField(source="organisation.code", allow_null=True, default=None)

    class Meta:
        model = ReferralChange
        fields = ["from_status", "to_status", "at", "organisation", "role", "note"]


class ReferralSerializer(serializers.ModelSerializer[Referral]):
    person = serializers.CharField(source="involvement.local_id")
    service_name = serializers.CharField(source="service.name")
    provider = serializers.CharField(source="provider.code")
    order = serializers.CharField(source="order.number")
    waiting_days_at_referral = serializers.IntegerField(min_value=0)
    free_places_at_referral = serializers.IntegerField(min_value=0)
    history = ReferralChangeSerializer(source="changes", many=True, read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "order",
            "person",
            "service",
            "service_name",
            "provider",
            "status",
            "help_needed",
            "consent_basis",
            "consent_text",
            "confidential_address_needed",
            "waiting_days_at_referral",
            "free_places_at_referral",
            "expected_start",
            "started_on",
            "created_at",
            "history",
        ]


class ReferralInputSerializer(serializers.Serializer[Any]):
    person = serializers.CharField(help_text="the person's id in the case, e.g. p1")
    service = serializers.IntegerField(help_text="the care service's id (GET /api/v1/care-services/)")
    help_needed = serializers.CharField()
    consent_basis = serializers.ChoiceField(choices=ConsentBasis.choices)
    consent_text = serializers.CharField()
    confidential_address_needed = serializers.BooleanField(default=False)


class ReferralStatusInputSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=ReferralStatusChoices.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    started_on = serializers.DateField(required=False, allow_null=True, default=None)
    expected_start = serializers.DateField(required=False, allow_null=True, default=None)


class StartCheckSerializer(serializers.Serializer[Any]):
    service = serializers.IntegerField()
    name = serializers.CharField()
    provider = serializers.CharField()
    free_places = serializers.IntegerField()
    waiting_days = serializers.IntegerField()
    starts_on = serializers.DateField()
    verdict = serializers.ChoiceField(choices=["before_end", "only_if_extended", "after_latest_end"])


class CapacityCheckSerializer(serializers.Serializer[Any]):
    chosen = StartCheckSerializer()
    alternatives = StartCheckSerializer(many=True)
    ends_on = serializers.DateField()
    latest_end_on = serializers.DateField(allow_null=True)


class TimelineEntrySerializer(serializers.ModelSerializer[TimelineEntry]):
    party = serializers.CharField(source="party.local_id", allow_null=True, default=None)
    organisation = serializers.CharField(source="organisation.code", allow_null=True, default=None)

    class Meta:
        model = TimelineEntry
        fields = ["id", "kind", "visibility", "occurred_at", "text", "party", "organisation", "role"]


class TimelineInputSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(
        choices=[c for c in EntryKind.choices if c[0] not in ("referral", "decision", "closing")]
    )
    visibility = serializers.ChoiceField(choices=Visibility.choices, default=Visibility.ALL_INVOLVED)
    occurred_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    party = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="a person's id in the case"
    )
    text = serializers.CharField()


class ExtensionAdviceSerializer(serializers.Serializer[Any]):
    order = serializers.CharField()
    kept = serializers.BooleanField(help_text="true: the advice kept with the decision; false: prepared now")
    improper_reason_noted = serializers.CharField(allow_blank=True)
    content = serializers.JSONField(
        help_text="conclusion (threat_continues, waiting_list_only, no_new_threat), improper_if_extended, "
        "threat (facts, signals, violations), help per person, statements of the parties"
    )


class EvaluationSerializer(serializers.Serializer[Any]):
    person = serializers.CharField()
    help_started = serializers.BooleanField()
    help_started_during_order = serializers.BooleanField()
    new_incidents = serializers.BooleanField()
    referral_outcome = serializers.ChoiceField(choices=Outcome.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ClosingSerializer(serializers.Serializer[Any]):
    order = serializers.CharField()
    closed = serializers.BooleanField()
    closed_at = serializers.DateTimeField(allow_null=True)
    handover = serializers.ChoiceField(choices=Handover.choices, allow_null=True)
    handover_note = serializers.CharField(allow_blank=True)
    evaluations = EvaluationSerializer(many=True, help_text="recorded, or proposed from the records")


class ClosingInputSerializer(serializers.Serializer[Any]):
    handover = serializers.ChoiceField(choices=Handover.choices)
    handover_note = serializers.CharField(required=False, allow_blank=True, default="")
    evaluations = EvaluationSerializer(many=True)

"""Monitoring during the order: care services with their capacity, the care plan per person,
referrals with their history, the shared timeline, the extension advice kept with the decision,
and the closing evaluation. Everything about a case goes with its case."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from huisverbod.accounts.models import OrganisationKind
from huisverbod.core.monitoring.referrals import ReferralStatus


class RecordError(Exception):
    """A history row, a timeline entry or a kept advice cannot be changed once written."""


class _AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise RecordError(f"{type(self).__name__} is a record and cannot be changed")
        super().save(*args, **kwargs)


class ServiceKind(models.TextChoices):
    PERPETRATOR_PROGRAMME = "perpetrator_programme", _("Perpetrator programme")
    VICTIM_SUPPORT = "victim_support", _("Victim support")
    YOUTH_CARE = "youth_care", _("Youth care")
    ADDICTION_CARE = "addiction_care", _("Addiction care")
    MENTAL_HEALTH_CARE = "mental_health_care", _("Mental health care")
    SHELTER = "shelter", _("Shelter")


class CareService(models.Model):
    """A service a care provider offers; its capacity is kept up to date by the provider's staff."""

    provider = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="care_services",
        limit_choices_to={"kind": OrganisationKind.CARE_PROVIDER},
        verbose_name=_("provider"),
    )
    kind = models.CharField(_("kind of help"), max_length=32, choices=ServiceKind.choices)
    name = models.CharField(_("name"), max_length=200)
    municipalities = models.ManyToManyField(
        "accounts.Organisation",
        blank=True,
        related_name="care_services_offered",
        limit_choices_to={"kind": OrganisationKind.MUNICIPALITY},
        verbose_name=_("municipalities served"),
        help_text=_("None: the service takes clients from everywhere."),
    )
    region = models.CharField(_("region"), max_length=200, blank=True)
    free_places = models.PositiveIntegerField(_("free places"), default=0)
    waiting_days = models.PositiveIntegerField(_("waiting time in days"), default=0)
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("care service")
        verbose_name_plural = _("care services")
        ordering = ["kind", "provider__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "name"], name="care_service_name_per_provider")
        ]
        indexes = [models.Index(fields=["kind", "active"], name="care_service_kind_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.provider})"


class ReferralStatusChoices(models.TextChoices):
    SENT = ReferralStatus.SENT, _("Sent")
    ACCEPTED = ReferralStatus.ACCEPTED, _("Accepted")
    WAITING_LIST = ReferralStatus.WAITING_LIST, _("On the waiting list")
    STARTED = ReferralStatus.STARTED, _("Help started")
    REFUSED = ReferralStatus.REFUSED, _("Refused")
    CLOSED = ReferralStatus.CLOSED, _("Closed")
    WITHDRAWN = ReferralStatus.WITHDRAWN, _("Withdrawn")


class ConsentBasis(models.TextChoices):
    CONSENT = "consent", _("Consent of the person")
    CONSENT_PARENT = "consent_parent", _("Consent of the parent or guardian (child under 16)")
    LEGAL_DUTY = "legal_duty", _("Without consent: a legal task (art. 6 lid 1 sub e AVG)")
    VITAL_INTEREST = "vital_interest", _("Without consent: to protect someone's vital interests")


class Referral(models.Model):
    """A person referred to a care service during the order; access for the provider follows it."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="referrals")
    order = models.ForeignKey("orders.Order", on_delete=models.CASCADE, related_name="referrals")
    involvement = models.ForeignKey(
        "cases.Involvement", on_delete=models.CASCADE, related_name="referrals", verbose_name=_("person")
    )
    service = models.ForeignKey(
        CareService, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("service")
    )
    provider = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="referrals_received"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ReferralStatusChoices.choices,
        default=ReferralStatusChoices.SENT,
    )
    help_needed = models.TextField(_("help needed"))
    consent_basis = models.CharField(_("consent or legal basis"), max_length=16, choices=ConsentBasis.choices)
    consent_text = models.TextField(_("how consent was given, or why without it"))
    confidential_address_needed = models.BooleanField(
        _("the provider needs the confidential address"), default=False
    )
    # Capacity when the referral was made, and when help was expected to start then.
    waiting_days_at_referral = models.PositiveIntegerField(default=0)
    free_places_at_referral = models.PositiveIntegerField(default=0)
    expected_start = models.DateField(_("expected start"), null=True, blank=True)
    started_on = models.DateField(_("help started on"), null=True, blank=True)
    care_plan_item = models.ForeignKey(
        "CarePlanItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals"
    )
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    referred_by_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("referred at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["case", "created_at", "pk"]
        indexes = [models.Index(fields=["provider", "status"], name="referral_provider_idx")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.involvement_id} → {self.service_id} ({self.status})"

    @property
    def referral_status(self) -> ReferralStatus:
        return ReferralStatus(self.status)


class ReferralChange(_AppendOnly):
    """One change of a referral's status: who, when, in which capacity, why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="changes")
    from_status = models.CharField(max_length=16, choices=ReferralStatusChoices.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ReferralStatusChoices.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    role = models.CharField(max_length=40)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["referral", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"


class CarePlanStatus(models.TextChoices):
    NEEDED = "needed", _("Needed, not arranged yet")
    REFERRED = "referred", _("Referred")
    WAITING_LIST = "waiting_list", _("On a waiting list")
    STARTED = "started", _("Started")
    DECLINED = "declined", _("Declined by the person")
    ENDED = "ended", _("Ended")
    NOT_NEEDED = "not_needed", _("Not needed")


class CarePlanItem(models.Model):
    """One piece of help for one person in the case: what is needed, who gives it, where it stands,
    and what was agreed."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="care_plan_items")
    involvement = models.ForeignKey(
        "cases.Involvement",
        on_delete=models.CASCADE,
        related_name="care_plan_items",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind of help"), max_length=32, choices=ServiceKind.choices)
    help_needed = models.TextField(_("help needed"))
    provider = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": OrganisationKind.CARE_PROVIDER},
        verbose_name=_("provided by"),
    )
    provider_other = models.CharField(_("or provided by (outside this system)"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=CarePlanStatus.choices, default="needed")
    started_on = models.DateField(_("started on"), null=True, blank=True)
    agreements = models.TextField(_("agreements"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("care plan item")
        verbose_name_plural = _("care plan")
        ordering = ["case", "involvement__position", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.involvement_id}: {self.kind} ({self.status})"


class EntryKind(models.TextChoices):
    CONTACT = "contact", _("Contact")
    AGREEMENT = "agreement", _("Agreement")
    STATEMENT = "statement", _("What a party says")
    SIGNAL_VIOLATION = "signal_violation", _("Signal: a violation of the order")
    SIGNAL_INCIDENT = "signal_incident", _("Signal: a new incident")
    SIGNAL_WORRY = "signal_worry", _("Signal: a worry (e.g. the victim is afraid)")
    NOTE = "note", _("Note")
    # Written by the system when they happen:
    REFERRAL = "referral", _("Referral")
    DECISION = "decision", _("Decision on the order")
    CLOSING = "closing", _("Monitoring closed")


SYSTEM_KINDS = frozenset({EntryKind.REFERRAL, EntryKind.DECISION, EntryKind.CLOSING})


class Visibility(models.TextChoices):
    ALL_INVOLVED = "all_involved", _("Everyone involved, care providers included")
    PROFESSIONALS_ONLY = "professionals_only", _("Police, Veilig Thuis and the municipality only")


class TimelineEntry(_AppendOnly):
    """What happened during the order, shared by the organisations involved. Entries are never
    changed: a correction is a new entry."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    visibility = models.CharField(_("visible to"), max_length=20, choices=Visibility.choices)
    occurred_at = models.DateTimeField(_("when"))
    text = models.TextField(_("text"))
    party = models.ForeignKey(
        "cases.Involvement",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="timeline_entries",
        verbose_name=_("from or with"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    role = models.CharField(max_length=40, blank=True)
    # What a system entry stands for (order-event:12, referral-change:3): written once.
    source_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline")
        ordering = ["case", "occurred_at", "pk"]
        indexes = [models.Index(fields=["case", "visibility", "occurred_at"], name="timeline_case_idx")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.occurred_at:%Y-%m-%d %H:%M}"


class ExtensionAdvice(_AppendOnly):
    """The advice for the mayor as it stood when the decision was taken, kept with the decision."""

    order = models.ForeignKey("orders.Order", on_delete=models.CASCADE, related_name="extension_advices")
    decision = models.OneToOneField(
        "orders.OrderEvent", on_delete=models.CASCADE, null=True, blank=True, related_name="extension_advice"
    )
    prepared_at = models.DateTimeField()
    conclusion = models.CharField(max_length=24)
    improper_if_extended = models.BooleanField(default=False)
    improper_reason_noted = models.TextField(blank=True)
    content = models.JSONField(
        help_text="The advice as data: threat, help per person, parties, waiting list."
    )

    class Meta:
        ordering = ["order", "prepared_at"]

    def __str__(self) -> str:
        return f"{self.order} advice {self.prepared_at:%Y-%m-%d %H:%M}"


class Handover(models.TextChoices):
    NONE = "none", _("No handover needed")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    LOCAL_TEAM = "local_team", _("The local (neighbourhood) team")


class Closing(models.Model):
    """Monitoring closed after the order ended: an evaluation per person and, when needed, a
    handover. Closing ends every care provider's access at once."""

    order = models.OneToOneField("orders.Order", on_delete=models.CASCADE, related_name="closing")
    closed_at = models.DateTimeField(_("closed at"))
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    handover = models.CharField(_("handover to"), max_length=16, choices=Handover.choices, default="none")
    handover_note = models.TextField(_("handover note"), blank=True)

    class Meta:
        verbose_name = _("closing evaluation")
        verbose_name_plural = _("closing evaluations")

    def __str__(self) -> str:
        return f"{self.order} closed {self.closed_at:%Y-%m-%d}"


class Outcome(models.TextChoices):
    NO_REFERRAL = "no_referral", _("No referral")
    STARTED = "started", _("Help started")
    WAITING = "waiting", _("Still waiting")
    REFUSED = "refused", _("Refused by the provider")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    DECLINED = "declined", _("Declined by the person")


class PersonEvaluation(models.Model):
    """The closing evaluation of one person: structured, so that it can feed the policy figures."""

    closing = models.ForeignKey(Closing, on_delete=models.CASCADE, related_name="evaluations")
    involvement = models.ForeignKey("cases.Involvement", on_delete=models.CASCADE, related_name="+")
    help_started = models.BooleanField(_("help started"))
    help_started_during_order = models.BooleanField(_("help started while the order was in force"))
    new_incidents = models.BooleanField(_("new incidents during the order"))
    referral_outcome = models.CharField(_("referral outcome"), max_length=16, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["closing", "involvement__position"]
        constraints = [
            models.UniqueConstraint(fields=["closing", "involvement"], name="evaluation_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.closing_id}:{self.involvement_id}"

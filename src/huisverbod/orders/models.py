"""The huisverbod itself: its lifecycle, every transition with who/when/why, its deadlines as rows,
the reminder outbox, the written beschikkingen, appeals and violations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from huisverbod.accounts.models import Role
from huisverbod.core.orders.timeline import OrderTimeline
from huisverbod.core.orders.vocabulary import ImpositionForm, OrderAction, OrderState


class ImmutableRecordError(Exception):
    """A decision record cannot be changed once written."""


class State(models.TextChoices):
    PREPARED = OrderState.PREPARED, _("Prepared")
    IMPOSED_ORALLY = OrderState.IMPOSED_ORALLY, _("Imposed orally")
    IMPOSED = OrderState.IMPOSED, _("Imposed")
    EXTENDED = OrderState.EXTENDED, _("Extended")
    ENDED_EXPIRED = OrderState.ENDED_EXPIRED, _("Ended: expired")
    ENDED_WITHDRAWN = OrderState.ENDED_WITHDRAWN, _("Ended: withdrawn")
    ENDED_ANNULLED = OrderState.ENDED_ANNULLED, _("Ended: annulled by the court")


class ActionChoices(models.TextChoices):
    IMPOSE_ORALLY = OrderAction.IMPOSE_ORALLY, _("Imposed orally")
    IMPOSE_IN_WRITING = OrderAction.IMPOSE_IN_WRITING, _("Imposed in writing")
    CONFIRM_IN_WRITING = OrderAction.CONFIRM_IN_WRITING, _("Written beschikking after the oral order")
    EXTEND = OrderAction.EXTEND, _("Extended")
    WITHDRAW = OrderAction.WITHDRAW, _("Withdrawn")
    EXPIRE = OrderAction.EXPIRE, _("Expired")
    ANNUL = OrderAction.ANNUL, _("Annulled by the court")


class Order(models.Model):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="orders")
    number = models.CharField(_("number"), max_length=32)
    municipality = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("municipality"),
    )
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.PREPARED)
    route = models.CharField(_("route"), max_length=8, blank=True)  # acute / planned
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, null=True, blank=True, related_name="orders"
    )
    perpetrator = models.ForeignKey(
        "cases.Involvement", on_delete=models.CASCADE, related_name="orders_against"
    )
    protected = models.ManyToManyField("cases.Involvement", related_name="protected_by_orders", blank=True)
    parameter_set = models.CharField(max_length=64)
    imposed_at = models.DateTimeField(_("imposed at"), null=True, blank=True)
    imposition_form = models.CharField(
        max_length=8, blank=True, choices=[(f.value, f.value) for f in ImpositionForm]
    )
    written_beschikking_at = models.DateTimeField(null=True, blank=True)
    extended_at = models.DateTimeField(null=True, blank=True)
    extended_until = models.DateTimeField(_("extended until"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)  # the current end
    latest_extension_end = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    appeal_lodged_at = models.DateTimeField(null=True, blank=True)
    veilig_thuis_report_received_at = models.DateTimeField(null=True, blank=True)
    reachability_stated_at = models.DateTimeField(_("reachability stated at"), null=True, blank=True)
    reachability = models.TextField(_("where and how reachable"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("huisverbod")
        verbose_name_plural = _("huisverboden")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "number"], name="order_number_per_municipality"),
        ]
        indexes = [models.Index(fields=["state", "ends_at"], name="order_state_end_idx")]

    def __str__(self) -> str:
        return self.number

    @property
    def order_state(self) -> OrderState:
        return OrderState(self.state)

    def timeline(self) -> OrderTimeline:
        return OrderTimeline(
            imposed_at=self.imposed_at,
            imposition_form=ImpositionForm(self.imposition_form) if self.imposition_form else None,
            written_beschikking_at=self.written_beschikking_at,
            extended_at=self.extended_at,
            extended_until=self.extended_until,
            ended_at=self.ended_at,
            appeal_lodged_at=self.appeal_lodged_at,
            veilig_thuis_report_received_at=self.veilig_thuis_report_received_at,
        )

    def set_timeline(self, timeline: OrderTimeline) -> None:
        self.imposed_at = timeline.imposed_at
        self.imposition_form = timeline.imposition_form.value if timeline.imposition_form else ""
        self.written_beschikking_at = timeline.written_beschikking_at
        self.extended_at = timeline.extended_at
        self.extended_until = timeline.extended_until
        self.ended_at = timeline.ended_at
        self.appeal_lodged_at = timeline.appeal_lodged_at
        self.veilig_thuis_report_received_at = timeline.veilig_thuis_report_received_at


class _Immutable(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise ImmutableRecordError(f"{type(self).__name__} is a record and cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableRecordError(f"{type(self).__name__} is a record and cannot be deleted")


class OrderEvent(_Immutable):
    """One transition of the order: who took it, when, in which capacity, on which assessment, why."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=24, choices=ActionChoices.choices)
    from_state = models.CharField(max_length=20, choices=State.choices)
    to_state = models.CharField(max_length=20, choices=State.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    role = models.CharField(_("in the capacity of"), max_length=40)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    assessment = models.ForeignKey(
        "assessments.Assessment", on_delete=models.CASCADE, null=True, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    data = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["order", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.order} {self.action}"

    def role_label(self) -> str:
        """The capacity in which the decision was taken, in the interface language."""
        if self.role in Role.values:
            return str(Role(self.role).label)
        return str({"mayor": _("Mayor"), "system": _("the system")}.get(self.role, self.role))


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MET = "met", _("Met")
    VOID = "void", _("No longer applies")


class Deadline(models.Model):
    """A statutory deadline as a row (never a timer in memory)."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("deadline"), max_length=48)
    due_at = models.DateTimeField(_("due at"))
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    description_key = models.CharField(max_length=80)
    status = models.CharField(max_length=8, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "kind"]
        constraints = [models.UniqueConstraint(fields=["order", "kind"], name="deadline_once_per_kind")]
        indexes = [models.Index(fields=["status", "due_at"], name="deadline_open_idx")]

    def __str__(self) -> str:
        return f"{self.order} {self.kind} {self.due_at:%Y-%m-%d %H:%M}"


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    VOID = "void", _("Void")


class Reminder(models.Model):
    """The outbox: one row per deadline and moment, fired exactly once by the worker."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    key = models.CharField(max_length=120, unique=True)  # order:<id>:<kind>:<moment>
    fire_at = models.DateTimeField()
    status = models.CharField(max_length=8, choices=ReminderStatus.choices, default=ReminderStatus.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "fire_at"], name="reminder_due_idx")]

    def __str__(self) -> str:
        return self.key


class DocumentKind(models.TextChoices):
    IMPOSITION = "imposition", _("Beschikking: huisverbod opgelegd")
    EXTENSION = "extension", _("Beschikking: huisverbod verlengd")
    WITHDRAWAL = "withdrawal", _("Beschikking: huisverbod ingetrokken")


class Document(_Immutable):
    """A written beschikking, stored immutably with its hashes."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="documents")
    event = models.OneToOneField(OrderEvent, on_delete=models.CASCADE, related_name="document")
    kind = models.CharField(_("kind"), max_length=12, choices=DocumentKind.choices)
    number = models.CharField(_("document number"), max_length=48)
    issued_at = models.DateTimeField(_("issued at"))
    pdf = models.BinaryField()
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)
    content_sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    content = models.JSONField(help_text="What the document says, as data: it regenerates the same PDF.")
    template_version = models.CharField(max_length=16)

    class Meta:
        verbose_name = _("beschikking")
        verbose_name_plural = _("beschikkingen")
        ordering = ["order", "issued_at"]
        # Order numbers run per municipality, so a document number is unique within its order.
        constraints = [models.UniqueConstraint(fields=["order", "number"], name="document_number_per_order")]

    def __str__(self) -> str:
        return self.number


class AppealDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    DISMISSED = "dismissed", _("Dismissed: the order stands")
    ANNULLED = "annulled", _("Annulled: the order ends")
    WITHDRAWN = "withdrawn", _("Appeal withdrawn")


class Appeal(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="appeals")
    lodged_at = models.DateTimeField(_("lodged at"))
    provisional_relief = models.BooleanField(_("request for a voorlopige voorziening"), default=True)
    court = models.CharField(_("court"), max_length=200)
    court_case_number = models.CharField(_("court case number"), max_length=64, blank=True)
    hearing_at = models.DateTimeField(_("hearing at"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=AppealDecision.choices, default="pending"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    ruling = models.CharField(_("ruling (ECLI or reference)"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "lodged_at"]

    def __str__(self) -> str:
        return f"{self.order} appeal {self.lodged_at:%Y-%m-%d}"


class Violation(models.Model):
    """A breach of the huisverbod (a crime, art. 11 Wth), registered with its facts."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="violations")
    occurred_at = models.DateTimeField(_("occurred at"))
    description = models.TextField(_("what happened"))
    fact = models.OneToOneField(
        "cases.Fact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "occurred_at"]

    def __str__(self) -> str:
        return f"{self.order} violation {self.occurred_at:%Y-%m-%d}"

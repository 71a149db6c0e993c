"""Closing monitoring after the order has ended: a short evaluation per person (structured, for
the policy figures), and a handover to Veilig Thuis or the local team when needed. Closing ends
every care provider's access at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import Organisation, User
from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_case
from huisverbod.cases.models import FactPerson, Involvement
from huisverbod.core.monitoring.advice import SIGNAL_KINDS, THREAT_FACT_TYPES
from huisverbod.core.monitoring.referrals import ReferralStatus
from huisverbod.monitoring.access import sync_care_access
from huisverbod.monitoring.advice import known_at_imposition
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.models import (
    CarePlanItem,
    CarePlanStatus,
    Closing,
    EntryKind,
    Handover,
    Outcome,
    PersonEvaluation,
    Referral,
    Visibility,
)
from huisverbod.monitoring.timeline import system_entry
from huisverbod.notifications.models import Notification
from huisverbod.orders.models import Order

OUTCOME_OF = {
    ReferralStatus.STARTED: Outcome.STARTED,
    ReferralStatus.CLOSED: Outcome.STARTED,
    ReferralStatus.SENT: Outcome.WAITING,
    ReferralStatus.ACCEPTED: Outcome.WAITING,
    ReferralStatus.WAITING_LIST: Outcome.WAITING,
    ReferralStatus.REFUSED: Outcome.REFUSED,
    ReferralStatus.WITHDRAWN: Outcome.WITHDRAWN,
}
# The best outcome counts when a person had several referrals.
OUTCOME_RANK = [Outcome.STARTED, Outcome.WAITING, Outcome.REFUSED, Outcome.WITHDRAWN, Outcome.DECLINED]


@dataclass(frozen=True)
class Proposal:
    """What the records say about one person; the professional confirms or corrects it."""

    involvement: Involvement
    help_started: bool
    help_started_during_order: bool
    new_incidents: bool
    referral_outcome: str


def may_close(order: Order) -> bool:
    return order.order_state.ended and not Closing.objects.filter(order=order).exists()


def proposals(order: Order) -> list[Proposal]:
    case = order.case
    imposed_at = order.imposed_at or order.created_at
    end = order.ended_at or order.ends_at or timezone.now()
    started: dict[int, list[Any]] = {}
    for item in CarePlanItem.objects.filter(case=case, started_on__isnull=False):
        started.setdefault(item.involvement_id, []).append(item.started_on)
    for referral in Referral.objects.filter(case=case, started_on__isnull=False):
        started.setdefault(referral.involvement_id, []).append(referral.started_on)
    outcomes: dict[int, list[Outcome]] = {}
    for referral in Referral.objects.filter(case=case):
        outcomes.setdefault(referral.involvement_id, []).append(OUTCOME_OF[ReferralStatus(referral.status)])
    for item in CarePlanItem.objects.filter(case=case, status=CarePlanStatus.DECLINED):
        outcomes.setdefault(item.involvement_id, []).append(Outcome.DECLINED)
    incidents: set[int] = set(
        FactPerson.objects.filter(
            fact__case=case, fact__type__in=THREAT_FACT_TYPES, fact__recorded_at__gte=imposed_at
        )
        .exclude(fact__local_id__in=known_at_imposition(order))
        .values_list("involvement_id", flat=True)
    )
    incidents |= set(
        case.timeline.filter(
            kind__in=SIGNAL_KINDS, occurred_at__gte=imposed_at, party__isnull=False
        ).values_list("party_id", flat=True)
    )
    if order.violations.exists():
        incidents.add(order.perpetrator_id)
    end_day = timezone.localdate(end)
    result = []
    for inv in case.involvements.select_related("person").order_by("position"):
        days = started.get(inv.pk, [])
        found = outcomes.get(inv.pk, [])
        result.append(
            Proposal(
                involvement=inv,
                help_started=bool(days),
                help_started_during_order=any(d <= end_day for d in days),
                new_incidents=inv.pk in incidents,
                referral_outcome=min(found, key=OUTCOME_RANK.index).value
                if found
                else Outcome.NO_REFERRAL.value,
            )
        )
    return result


def _handover_to(order: Order, handover: str) -> Organisation | None:
    if handover == Handover.VEILIG_THUIS:
        return order.municipality.veilig_thuis_region
    if handover == Handover.LOCAL_TEAM:
        return order.municipality  # the local team works for the municipality
    return None


@transaction.atomic
def close(
    order: Order,
    actor: User,
    *,
    evaluations: dict[int, dict[str, Any]],
    handover: str,
    handover_note: str = "",
    context: AuditContext,
) -> Closing:
    case = order.case
    if not can(actor, Action.CLOSE_MONITORING, case):
        raise MonitoringError("your role may not close monitoring", code="forbidden")
    if not order.order_state.ended:
        raise MonitoringError("monitoring is closed after the order has ended", code="order_in_force")
    if Closing.objects.filter(order=order).exists():
        raise MonitoringError("monitoring of this order is already closed", code="closed")
    if handover not in Handover.values:
        raise MonitoringError("choose whether and to whom the case is handed over", field="handover")
    if handover != Handover.NONE and not handover_note.strip():
        raise MonitoringError("write what the handover is about", field="handover_note")
    involvements = {inv.pk: inv for inv in case.involvements.all()}
    if set(evaluations) != set(involvements):
        raise MonitoringError("evaluate every person in the case", field="evaluations")
    closing = Closing.objects.create(
        order=order,
        closed_at=timezone.now(),
        closed_by=actor,
        organisation=actor.organisation,
        handover=handover,
        handover_note=handover_note.strip(),
    )
    for pk, values in evaluations.items():
        if values.get("referral_outcome") not in Outcome.values:
            raise MonitoringError("choose the referral outcome", field="evaluations")
        PersonEvaluation.objects.create(
            closing=closing,
            involvement=involvements[pk],
            help_started=bool(values.get("help_started")),
            help_started_during_order=bool(values.get("help_started"))
            and bool(values.get("help_started_during_order")),
            new_incidents=bool(values.get("new_incidents")),
            referral_outcome=values["referral_outcome"],
            note=str(values.get("note", "")).strip(),
        )
    with translation.override(settings.LANGUAGE_CODE):
        text = (
            _("Monitoring is closed.")
            + " "
            + _("Handover: %(handover)s.") % {"handover": str(Handover(handover).label)}
        )
    system_entry(
        case,
        kind=EntryKind.CLOSING,
        visibility=Visibility.ALL_INVOLVED,
        text=text,
        occurred_at=closing.closed_at,
        source_key=f"closing:{closing.pk}",
        author=actor,
    )
    target = _handover_to(order, handover)
    if target is not None:
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Case %(case)s: handover after the huisverbod") % {"case": case.reference}
            body = _("Monitoring of huisverbod %(number)s is closed and the case is handed over to you.") % {
                "number": order.number
            }
        Notification.objects.get_or_create(
            key=f"closing:{order.pk}:handover",
            organisation=target,
            defaults={
                "case": case,
                "order": order,
                "kind": "handover",
                "subject": subject,
                "body": body,
                "url": reverse("web:closing", args=[order.pk]),
            },
        )
    record(
        context,
        "closing-record",
        subjects=of_case(case),
        detail={"order": order.number, "handover": handover},
    )
    sync_care_access(case, context, by=actor)
    return closing

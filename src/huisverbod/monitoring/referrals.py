"""Referrals: a person referred to a care service during the order, with the consent or legal
basis, moving through its statuses (``core/monitoring/referrals.py``), each change recorded with
who and when, written on the timeline, and followed by the provider's time-boxed access."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import Role, User
from huisverbod.audit.log import AuditContext, record
from huisverbod.cases.models import Case, Involvement
from huisverbod.core.monitoring.referrals import NEEDS_NOTE, ReferralStatus, Side, allowed, may_change
from huisverbod.monitoring.access import sync_care_access
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.models import (
    CarePlanItem,
    CarePlanStatus,
    CareService,
    ConsentBasis,
    EntryKind,
    Referral,
    ReferralChange,
    ReferralStatusChoices,
    Visibility,
)
from huisverbod.monitoring.timeline import system_entry
from huisverbod.orders.models import Order
from huisverbod.orders.services import orders_in_force

# What a referral's status means for the care plan item it serves.
PLAN_STATUS = {
    ReferralStatus.SENT: CarePlanStatus.REFERRED,
    ReferralStatus.ACCEPTED: CarePlanStatus.REFERRED,
    ReferralStatus.WAITING_LIST: CarePlanStatus.WAITING_LIST,
    ReferralStatus.STARTED: CarePlanStatus.STARTED,
    ReferralStatus.REFUSED: CarePlanStatus.NEEDED,
    ReferralStatus.WITHDRAWN: CarePlanStatus.NEEDED,
    ReferralStatus.CLOSED: CarePlanStatus.ENDED,
}


def current_order(case: Case) -> Order | None:
    """The order monitoring follows: the one in force, else the last one imposed."""
    imposed = case.orders.filter(imposed_at__isnull=False)
    return (
        imposed.filter(orders_in_force()).order_by("-imposed_at").first()
        or imposed.order_by("-imposed_at").first()
    )


def sides(user: User, referral: Referral) -> frozenset[Side]:
    """The provider's staff speak for the provider; the professionals who may refer, for the referrer."""
    found = set()
    if not can(user, Action.UPDATE_REFERRAL, referral.case):
        return frozenset()
    if user.role == Role.CARE_PROFESSIONAL and user.organisation_id == referral.provider_id:
        found.add(Side.PROVIDER)
    if can(user, Action.REFER, referral.case):
        found.add(Side.REFERRER)
    return frozenset(found)


def choices_for(user: User, referral: Referral) -> list[ReferralStatus]:
    return allowed(referral.referral_status, sides(user, referral))


def _subjects(referral: Referral) -> dict[str, list[int]]:
    return {referral.case.reference: [referral.involvement.person_id]}


def _entry_text(referral: Referral, status: str, note: str = "") -> str:
    person = referral.involvement.person
    with translation.override(settings.LANGUAGE_CODE):
        text = _("Referral of %(person)s to %(service)s (%(provider)s): %(status)s.") % {
            "person": f"{person.given_names} {person.surname}",
            "service": referral.service.name,
            "provider": referral.provider.name,
            "status": str(ReferralStatusChoices(status).label),
        }
        if status == ReferralStatus.WAITING_LIST and referral.expected_start:
            text += " " + _("Expected start: %(date)s.") % {
                "date": referral.expected_start.strftime("%d-%m-%Y")
            }
        if status == ReferralStatus.STARTED and referral.started_on:
            text += " " + _("Started on %(date)s.") % {"date": referral.started_on.strftime("%d-%m-%Y")}
    return f"{text} {note}".strip()


def _record_change(
    referral: Referral, actor: User, frm: str, to: str, note: str, context: AuditContext, **data: object
) -> ReferralChange:
    now = timezone.now()
    change = ReferralChange.objects.create(
        referral=referral,
        from_status=frm,
        to_status=to,
        at=now,
        actor=actor,
        organisation=actor.organisation,
        role=actor.role,
        note=note,
        data={k: v for k, v in data.items() if v is not None},
    )
    system_entry(
        referral.case,
        kind=EntryKind.REFERRAL,
        visibility=Visibility.ALL_INVOLVED,
        text=_entry_text(referral, to, note),
        occurred_at=now,
        source_key=f"referral-change:{change.pk}",
        author=actor,
        party=referral.involvement,
    )
    record(
        context,
        "referral-create" if not frm else "referral-change",
        subjects=_subjects(referral),
        detail={"referral": referral.pk, "from": frm, "to": to, "provider": referral.provider.code},
    )
    return change


@transaction.atomic
def refer(
    case: Case,
    actor: User,
    *,
    involvement: Involvement,
    service: CareService,
    help_needed: str,
    consent_basis: str,
    consent_text: str,
    confidential_address_needed: bool = False,
    context: AuditContext,
) -> Referral:
    if not can(actor, Action.REFER, case):
        raise MonitoringError("your role may not refer in this case", code="forbidden")
    order = current_order(case)
    if order is None or not order.order_state.in_force:
        raise MonitoringError(
            "a referral is made while a huisverbod is in force: monitoring follows the order",
            code="no_order_in_force",
        )
    if involvement.case_id != case.pk:
        raise MonitoringError("the person is not in this case", field="involvement")
    if not service.active:
        raise MonitoringError("this service takes no referrals", field="service")
    if consent_basis not in ConsentBasis.values:
        raise MonitoringError("record the consent or the legal basis", field="consent_basis")
    if not consent_text.strip():
        raise MonitoringError(
            "say how consent was given, or on what ground the referral is made without it",
            field="consent_text",
        )
    if not help_needed.strip():
        raise MonitoringError("say what help is needed", field="help_needed")
    today = timezone.localdate()
    item = (
        CarePlanItem.objects.filter(case=case, involvement=involvement, kind=service.kind)
        .exclude(status__in=[CarePlanStatus.STARTED, CarePlanStatus.ENDED])
        .first()
    )
    if item is None:
        item = CarePlanItem.objects.create(
            case=case,
            involvement=involvement,
            kind=service.kind,
            help_needed=help_needed.strip(),
            created_by=actor,
            updated_by=actor,
        )
    item.provider, item.status, item.updated_by = service.provider, CarePlanStatus.REFERRED, actor
    item.save(update_fields=["provider", "status", "updated_by", "updated_at"])
    referral = Referral.objects.create(
        case=case,
        order=order,
        involvement=involvement,
        service=service,
        provider=service.provider,
        help_needed=help_needed.strip(),
        consent_basis=consent_basis,
        consent_text=consent_text.strip(),
        confidential_address_needed=confidential_address_needed,
        waiting_days_at_referral=service.waiting_days,
        free_places_at_referral=service.free_places,
        expected_start=today + timedelta(days=service.waiting_days),
        care_plan_item=item,
        referred_by=actor,
        referred_by_organisation=actor.organisation,
    )
    # The provider gets its access first, so that it is notified of the referral's entry.
    sync_care_access(case, context, by=actor)
    _record_change(
        referral,
        actor,
        "",
        ReferralStatus.SENT,
        "",
        context,
        waiting_days=service.waiting_days,
        free_places=service.free_places,
        expected_start=referral.expected_start.isoformat() if referral.expected_start else None,
    )
    return referral


@transaction.atomic
def change_status(
    referral: Referral,
    actor: User,
    *,
    to: str,
    note: str = "",
    started_on: date | None = None,
    expected_start: date | None = None,
    context: AuditContext,
) -> ReferralChange:
    referral = (
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "service", "provider", "involvement__person", "care_plan_item")
        .get(pk=referral.pk)
    )
    if to not in {s.value for s in ReferralStatus}:
        raise MonitoringError("choose the new status", field="status")
    target = ReferralStatus(to)
    current = referral.referral_status
    who = sides(actor, referral)
    if not who:
        raise MonitoringError("your role may not change this referral", code="forbidden")
    if not may_change(current, target, who):
        raise MonitoringError(
            f"a referral that is '{current.value}' cannot become '{target.value}' by you",
            field="status",
            code="transition_refused",
        )
    note = note.strip()
    if target in NEEDS_NOTE and not note:
        raise MonitoringError("say why", field="note")
    today = timezone.localdate()
    if target == ReferralStatus.STARTED:
        started_on = started_on or today
        if started_on > today:
            raise MonitoringError(
                "help that has not started yet cannot be recorded as started", field="started_on"
            )
        referral.started_on = started_on
    if target == ReferralStatus.WAITING_LIST:
        referral.expected_start = expected_start or today + timedelta(days=referral.service.waiting_days)
    elif target == ReferralStatus.ACCEPTED and expected_start is not None:
        referral.expected_start = expected_start
    referral.status = target.value
    referral.save(update_fields=["status", "started_on", "expected_start", "updated_at"])
    item = referral.care_plan_item
    if item is not None:
        item.status = PLAN_STATUS[target]
        if target == ReferralStatus.STARTED:
            item.started_on = referral.started_on
        item.updated_by = actor
        item.save(update_fields=["status", "started_on", "updated_by", "updated_at"])
    change = _record_change(
        referral,
        actor,
        current.value,
        target.value,
        note,
        context,
        started_on=referral.started_on.isoformat()
        if target == ReferralStatus.STARTED and referral.started_on
        else None,
        expected_start=referral.expected_start.isoformat()
        if target == ReferralStatus.WAITING_LIST and referral.expected_start
        else None,
    )
    sync_care_access(referral.case, context, by=actor)
    return change

"""A referral: whether help can start before the order ends, the alternatives, the provider's
access, and the status changes each side may make — each recorded and on the timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from huisverbod.access.models import CaseAccess, Reason, Scope
from huisverbod.accounts.models import Role
from huisverbod.audit.models import ProcessingLogEntry
from huisverbod.core.monitoring.capacity import StartVerdict
from huisverbod.monitoring.capacity import capacity_check, update_capacity
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.models import CarePlanStatus, TimelineEntry
from huisverbod.monitoring.referrals import change_status, refer

pytestmark = pytest.mark.django_db


def test_the_programme_starts_only_if_extended_and_the_alternatives_come_soonest_first(order, programme):
    check = capacity_check(programme, order)
    today = timezone.localdate()
    assert check.chosen.starts_on == today + timedelta(days=21)
    assert check.chosen.verdict == StartVerdict.ONLY_IF_EXTENDED  # ten days, extendable to 28
    names = [service.name for _check, service in check.alternatives]
    # Kompas has places in 5 days, Lumen no place but a shorter wait; Utrecht's does not serve Eindhoven.
    assert names == ["Gezinsgerichte daderhulp (groep)", "Forensische daderbehandeling"]
    assert [c.verdict for c, _s in check.alternatives] == [
        StartVerdict.BEFORE_END,
        StartVerdict.ONLY_IF_EXTENDED,
    ]


def test_a_provider_keeps_only_its_own_capacity(users, provision):
    care = users[Role.CARE_PROFESSIONAL]
    own = provision["Daderprogramma Huiselijk Geweld"]
    update_capacity(own, care, free_places=1, waiting_days=9)
    own.refresh_from_db()
    assert (own.free_places, own.waiting_days, own.updated_by) == (1, 9, care)
    with pytest.raises(MonitoringError):
        update_capacity(provision["Gezinsgerichte daderhulp (groep)"], care, free_places=9, waiting_days=0)
    with pytest.raises(MonitoringError):
        update_capacity(own, users[Role.VEILIG_THUIS_PROFESSIONAL], free_places=9, waiting_days=0)


def test_a_referral_grants_the_provider_time_boxed_access_and_is_logged(referral, order):
    access = CaseAccess.objects.get(case=order.case, organisation=referral.provider, revoked_at__isnull=True)
    assert (access.reason, access.scope, access.expires_at) == (Reason.REFERRAL, Scope.CARE, order.ends_at)
    assert not access.confidential_address_needed
    activities = set(ProcessingLogEntry.objects.values_list("processing_activity_id", flat=True))
    assert {"referral-create", "care-access-granted"} <= activities
    assert referral.care_plan_item.status == CarePlanStatus.REFERRED
    assert referral.expected_start == timezone.localdate() + timedelta(days=21)
    entry = TimelineEntry.objects.get(source_key__startswith="referral-change:")
    assert (entry.kind, entry.visibility, entry.party) == ("referral", "all_involved", referral.involvement)


def test_no_referral_without_an_order_in_force(seed_cases, users, programme, context):
    case = seed_cases["seed-2"]
    with pytest.raises(MonitoringError) as refused:
        refer(
            case,
            users[Role.VEILIG_THUIS_PROFESSIONAL],
            involvement=case.involvements.get(local_id="p1"),
            service=programme,
            help_needed="x",
            consent_basis="consent",
            consent_text="x",
            context=context,
        )
    assert refused.value.code == "no_order_in_force"
    assert not CaseAccess.objects.filter(case=case, reason=Reason.REFERRAL).exists()


def test_a_care_professional_does_not_refer(order, users, programme, context):
    with pytest.raises(MonitoringError):
        refer(
            order.case,
            users[Role.CARE_PROFESSIONAL],
            involvement=order.case.involvements.get(local_id="p1"),
            service=programme,
            help_needed="x",
            consent_basis="consent",
            consent_text="x",
            context=context,
        )


def test_allowed_status_changes_are_recorded_with_who_and_when(referral, users, context):
    care, vt = users[Role.CARE_PROFESSIONAL], users[Role.VEILIG_THUIS_PROFESSIONAL]
    change_status(referral, care, to="waiting_list", note="Geen plek", context=context)
    change_status(referral, care, to="started", context=context)
    referral.refresh_from_db()
    assert referral.status == "started" and referral.started_on == timezone.localdate()
    assert referral.care_plan_item.status == CarePlanStatus.STARTED
    history = list(referral.changes.values_list("from_status", "to_status", "organisation__code"))
    assert history == [
        ("", "sent", "vt-zuidoost-brabant"),
        ("sent", "waiting_list", "zorg-de-brug"),
        ("waiting_list", "started", "zorg-de-brug"),
    ]
    assert TimelineEntry.objects.filter(kind="referral", case=referral.case).count() == 3
    with pytest.raises(MonitoringError):
        change_status(referral, vt, to="withdrawn", note="te laat", context=context)  # help has started


@pytest.mark.parametrize(
    ("role", "to", "note"),
    [
        (Role.VEILIG_THUIS_PROFESSIONAL, "waiting_list", ""),  # only the provider knows its waiting list
        (Role.CARE_PROFESSIONAL, "withdrawn", "x"),  # the referrer withdraws, not the provider
        (Role.CARE_PROFESSIONAL, "refused", ""),  # a refusal says why
        (Role.CARE_PROFESSIONAL, "closed", ""),  # nothing to close before help started
        (Role.ANALYST, "accepted", ""),
    ],
)
def test_refused_status_changes(referral, users, context, role, to, note):
    with pytest.raises(MonitoringError):
        change_status(referral, users[role], to=to, note=note, context=context)
    referral.refresh_from_db()
    assert referral.status == "sent" and referral.changes.count() == 1


def test_a_refusal_ends_the_providers_access(referral, users, context):
    change_status(
        referral,
        users[Role.CARE_PROFESSIONAL],
        to="refused",
        note="Past niet bij ons aanbod",
        context=context,
    )
    assert not CaseAccess.objects.active().filter(case=referral.case, organisation=referral.provider).exists()
    assert ProcessingLogEntry.objects.filter(processing_activity_id="care-access-ended").exists()
    referral.care_plan_item.refresh_from_db()
    assert referral.care_plan_item.status == CarePlanStatus.NEEDED  # the help is still needed


def test_the_confidential_address_only_when_a_referral_needs_it(order, users, provision, context):
    shelter = provision["Crisisopvang vrouwen en kinderen"]
    refer(
        order.case,
        users[Role.VEILIG_THUIS_PROFESSIONAL],
        involvement=order.case.involvements.get(local_id="p2"),
        service=shelter,
        help_needed="Opvang",
        consent_basis="consent",
        consent_text="Moeder stemt in (synthetisch).",
        confidential_address_needed=True,
        context=context,
    )
    access = CaseAccess.objects.active().get(case=order.case, organisation=shelter.provider)
    assert access.confidential_address_needed

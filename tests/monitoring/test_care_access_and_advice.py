"""Time-boxed access for care ends when monitoring ends (the worker, an extension moving it, a
closing ending it at once), and the extension advice: a waiting list alone is an improper reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from huisverbod.access.models import CaseAccess
from huisverbod.access.services import visible_cases
from huisverbod.accounts.models import Role
from huisverbod.audit.models import ProcessingLogEntry
from huisverbod.cases.services import add_fact
from huisverbod.monitoring import advice
from huisverbod.monitoring.closing import close, proposals
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.models import ExtensionAdvice, TimelineEntry
from huisverbod.monitoring.referrals import change_status
from huisverbod.monitoring.timeline import write_entry
from huisverbod.orders import services
from huisverbod.orders.worker import PERIODIC_JOBS, run_once
from tests.helpers import force_login_verified

pytestmark = pytest.mark.django_db


def care_access(referral):
    return CaseAccess.objects.filter(case=referral.case, organisation=referral.provider).order_by("pk").last()


def test_the_worker_ends_care_access_when_the_order_ends(referral, order, users):
    care = users[Role.CARE_PROFESSIONAL]
    assert list(visible_cases(care)) == [order.case]
    assert any(job.__name__ == "end_care_access" for job in PERIODIC_JOBS)
    stats = run_once(now=order.ends_at + timedelta(minutes=1))
    assert stats.jobs["end_care_access"] == 1
    assert care_access(referral).revoked_at is not None
    assert not visible_cases(care).exists()
    client = Client()
    force_login_verified(client, care)
    assert client.get(f"/cases/{order.case.pk}/").status_code == 404
    assert client.get(f"/cases/{order.case.pk}/timeline/").status_code == 404
    expired = ProcessingLogEntry.objects.filter(processing_activity_id="care-access-expired")
    assert expired.count() == order.case.involvements.count()  # one entry per person whose data it opened
    assert run_once(now=order.ends_at + timedelta(minutes=2)).jobs["end_care_access"] == 0  # once


def test_access_stops_at_the_end_even_before_the_worker_runs(referral, order, users):
    access = care_access(referral)
    assert access.is_active(order.ends_at - timedelta(seconds=1))
    assert not access.is_active(order.ends_at)


def test_an_extension_moves_the_end_of_access(referral, order, users, context):
    write_entry(
        order.case,
        users[Role.VEILIG_THUIS_PROFESSIONAL],
        kind="signal_worry",
        visibility="all_involved",
        text="Moeder is bang dat vader terugkomt.",
    )
    new_end = order.latest_extension_end
    advice.extend(
        order, users[Role.MUNICIPAL_OFFICER], new_end=new_end, reason="Dreiging duurt voort", context=context
    )
    assert care_access(referral).expires_at == new_end
    assert ProcessingLogEntry.objects.filter(processing_activity_id="care-access-changed").exists()


def test_a_follow_up_period_extends_monitoring(referral, order, settings, users, context):
    settings.MONITORING_FOLLOW_UP_DAYS = 14
    change_status(
        referral, users[Role.CARE_PROFESSIONAL], to="accepted", context=context
    )  # any change re-syncs
    assert care_access(referral).expires_at == order.ends_at + timedelta(days=14)


def test_closing_ends_care_access_at_once(referral, order, users, context):
    services.withdraw(order, users[Role.MUNICIPAL_OFFICER], reason="Hulp gestart, dreiging weg")
    order.refresh_from_db()
    evaluations = {
        p.involvement.pk: {
            "help_started": p.help_started,
            "help_started_during_order": p.help_started_during_order,
            "new_incidents": p.new_incidents,
            "referral_outcome": p.referral_outcome,
        }
        for p in proposals(order)
    }
    assert evaluations[referral.involvement.pk]["referral_outcome"] == "waiting"
    close(
        order,
        users[Role.VEILIG_THUIS_PROFESSIONAL],
        evaluations=evaluations,
        handover="local_team",
        handover_note="Wijkteam volgt het gezin.",
        context=context,
    )
    assert not CaseAccess.objects.active().filter(case=order.case, organisation=referral.provider).exists()
    assert order.closing.evaluations.count() == order.case.involvements.count()
    assert TimelineEntry.objects.filter(case=order.case, kind="closing").exists()


def test_monitoring_is_closed_only_after_the_order_ended(referral, order, users, context):
    with pytest.raises(MonitoringError):
        close(order, users[Role.VEILIG_THUIS_PROFESSIONAL], evaluations={}, handover="none", context=context)


def test_a_waiting_list_alone_is_flagged_and_extending_needs_a_reason(referral, order, users, context):
    change_status(referral, users[Role.CARE_PROFESSIONAL], to="waiting_list", context=context)
    result, content = advice.prepare(order)
    assert result.improper_if_extended and content["conclusion"] == "waiting_list_only"
    assert content["help"][0]["waiting"][0]["referral"] == referral.pk
    officer = users[Role.MUNICIPAL_OFFICER]
    with pytest.raises(MonitoringError) as refused:
        advice.extend(
            order,
            officer,
            new_end=order.latest_extension_end,
            reason="Hulp nog niet gestart",
            context=context,
        )
    assert refused.value.field == "improper_reason_noted"
    order.refresh_from_db()
    assert order.state == "imposed"
    event = advice.extend(
        order,
        officer,
        new_end=order.latest_extension_end,
        reason="Hulp nog niet gestart",
        improper_reason_noted="Moeder vraagt erom; wij nemen het risico niet.",
        context=context,
    )
    assert event.data == {"improper_reason_noted": "Moeder vraagt erom; wij nemen het risico niet."}
    kept = ExtensionAdvice.objects.get(order=order)
    assert (kept.decision, kept.improper_if_extended, kept.content["conclusion"]) == (
        event,
        True,
        "waiting_list_only",
    )


def test_with_a_new_threat_fact_the_waiting_list_is_not_flagged(referral, order, users, context):
    change_status(referral, users[Role.CARE_PROFESSIONAL], to="waiting_list", context=context)
    add_fact(
        order.case,
        {
            "type": "threat",
            "date": timezone.localdate().isoformat(),
            "about": ["p1"],
            "against": ["p2"],
            "source": "police",
            "origin": "statement",
            "stated_by": "p2",
            "text": "Vader stuurde dreigende berichten.",
        },
        actor=users[Role.POLICE_OFFICER],
    )
    result, content = advice.prepare(order)
    assert not result.improper_if_extended and content["conclusion"] == "threat_continues"
    assert [f["type"] for f in content["threat"]["facts"]] == ["threat"]
    event = advice.extend(
        order,
        users[Role.MUNICIPAL_OFFICER],
        new_end=order.latest_extension_end,
        reason="Dreiging",
        context=context,
    )
    assert event.data == {}


def test_the_extend_form_asks_for_the_reason_when_flagged(referral, order, users, context):
    change_status(referral, users[Role.CARE_PROFESSIONAL], to="waiting_list", context=context)
    client = Client()
    force_login_verified(client, users[Role.MUNICIPAL_OFFICER])
    page = client.get(f"/orders/{order.pk}/").content.decode()
    assert 'data-improper="yes"' in page and 'name="improper_reason_noted"' in page
    end = order.latest_extension_end.astimezone(timezone.get_current_timezone()).strftime("%Y-%m-%dT%H:%M")
    response = client.post(f"/orders/{order.pk}/extend/", {"new_end": end, "reason": "Wachtlijst"})
    assert response.status_code == 400
    response = client.post(
        f"/orders/{order.pk}/extend/",
        {"new_end": end, "reason": "Wachtlijst", "improper_reason_noted": "Toch"},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert (
        order.state == "extended"
        and order.events.get(action="extend").data["improper_reason_noted"] == "Toch"
    )


def test_the_care_professional_sees_the_order_but_not_the_reasons(referral, order, users, context):
    """A decision's reason can carry facts (care access excludes them); the team sees it."""
    reason = "Vader stuurde gisteren dreigende berichten (synthetisch)."
    advice.extend(
        order,
        users[Role.MUNICIPAL_OFFICER],
        new_end=order.latest_extension_end,
        reason=reason,
        improper_reason_noted="De wachtlijst alleen is het niet (synthetisch).",
        context=context,
    )
    care, team = Client(), Client()
    force_login_verified(care, users[Role.CARE_PROFESSIONAL])
    force_login_verified(team, users[Role.VEILIG_THUIS_PROFESSIONAL])
    care_page = care.get(f"/orders/{order.pk}/")
    assert care_page.status_code == 200
    assert reason not in care_page.content.decode()
    team_page = team.get(f"/orders/{order.pk}/").content.decode()
    assert reason in team_page
    # The capacity of who decided is named, not coded.
    assert "(Hulpofficier van justitie)" in team_page and "(assistant_public_prosecutor)" not in team_page
    # The API says the same: the reason is withheld (null) for the care professional.
    care_events = care.get(f"/api/v1/orders/{order.pk}/").json()["events"]
    team_events = team.get(f"/api/v1/orders/{order.pk}/").json()["events"]
    extension = [e for e in team_events if e["action"] == "extend"]
    assert extension and extension[0]["reason"] == reason
    assert care_events and all(e["reason"] is None for e in care_events)

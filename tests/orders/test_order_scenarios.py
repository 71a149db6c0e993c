"""Scenarios of an order, from the decision to the end, as the law and the people involved see them."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from huisverbod.accounts.models import Role
from huisverbod.assessments.services import save_snapshot
from huisverbod.notifications.models import Notification
from huisverbod.orders import services
from huisverbod.orders.models import Deadline, DeadlineStatus, Reminder
from huisverbod.orders.worker import run_once

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=AMS)


@pytest.fixture
def prepared(seed_cases, users):
    case = seed_cases["seed-2"]
    snapshot = save_snapshot(case, users[Role.VEILIG_THUIS_PROFESSIONAL])
    perpetrator = case.involvements.get(local_id="p1")
    return services.create_order(
        case,
        users[Role.ASSISTANT_PUBLIC_PROSECUTOR],
        assessment=snapshot,
        perpetrator=perpetrator,
        protected=services.protectable(case),
    )


def deadlines(order) -> dict[str, tuple[str, str]]:
    return {
        d.kind: (d.due_at.astimezone(AMS).strftime("%Y-%m-%d %H:%M"), d.status) for d in order.deadlines.all()
    }


def test_given_an_order_imposed_orally_at_2340_on_a_tuesday(prepared, users):
    """Given an order imposed orally at 23:40 on Tuesday 19 October 2021 by the hulpofficier under mandate,
    the written beschikking is due within 24 hours, the reachability statement within 24 hours, reminders
    on day 7 and 9, the extension decision before the end, and the order ends ten days later at 23:40 —
    after the autumn clock change, at the same clock time."""
    hovj = users[Role.ASSISTANT_PUBLIC_PROSECUTOR]
    event = services.impose(prepared, hovj, oral=True, at=at("2021-10-19T23:40"))
    prepared.refresh_from_db()
    assert (event.action, event.role, event.assessment, prepared.state) == (
        "impose_orally",
        "assistant_public_prosecutor",
        prepared.assessment,
        "imposed_orally",
    )
    assert prepared.ends_at.astimezone(AMS).isoformat() == "2021-10-29T23:40:00+02:00"
    assert prepared.latest_extension_end.astimezone(AMS).isoformat() == "2021-11-16T23:40:00+01:00"
    found = deadlines(prepared)
    assert found["written_beschikking_due"] == ("2021-10-20 23:40", "open")
    assert found["reachability_statement_due"] == ("2021-10-20 23:40", "open")
    assert found["extension_reminder_day_7"][0] == "2021-10-26 23:40"
    assert found["extension_reminder_day_9"][0] == "2021-10-28 23:40"
    assert found["ends_at"] == ("2021-10-29 23:40", "open")
    assert not prepared.documents.exists()  # oral: the written beschikking is still to come
    # Veilig Thuis is always notified.
    assert Notification.objects.filter(
        order=prepared, kind="order_imposed", organisation__code="vt-zuidoost-brabant"
    ).exists()

    services.confirm_in_writing(prepared, hovj, at=at("2021-10-20T08:15"))
    prepared.refresh_from_db()
    assert prepared.state == "imposed" and prepared.documents.get().kind == "imposition"
    assert deadlines(prepared)["written_beschikking_due"][1] == "met"


def test_the_municipal_officer_extends_and_the_worker_ends_it(prepared, users):
    hovj, mayor = users[Role.ASSISTANT_PUBLIC_PROSECUTOR], users[Role.MUNICIPAL_OFFICER]
    services.impose(prepared, hovj, oral=False, at=at("2021-10-19T23:40"))
    with pytest.raises(services.OrderError) as refused:
        services.extend(
            prepared,
            hovj,
            new_end=at("2021-11-10T12:00"),
            reason="Dreiging houdt aan.",
            at=at("2021-10-27T10:00"),
        )
    assert refused.value.code == "forbidden"  # art. 3 Wth: no mandate for extending
    with pytest.raises(services.OrderError) as too_late:
        services.extend(
            prepared,
            mayor,
            new_end=at("2021-11-17T00:00"),
            reason="Dreiging houdt aan.",
            at=at("2021-10-27T10:00"),
        )
    assert too_late.value.code == "extension_beyond_maximum" and too_late.value.field == "new_end"
    services.extend(
        prepared,
        mayor,
        new_end=at("2021-11-16T23:40"),
        reason="Moeder is nog steeds bang.",
        at=at("2021-10-27T10:00"),
    )
    prepared.refresh_from_db()
    assert (
        prepared.state == "extended"
        and prepared.ends_at.astimezone(AMS).isoformat() == "2021-11-16T23:40:00+01:00"
    )
    assert [d.kind for d in prepared.documents.all()] == ["imposition", "extension"]
    kinds = deadlines(prepared)
    assert kinds["extension_decision_due"][1] == "met" and kinds["extension_reminder_day_9"][1] == "met"
    with time_machine.travel(at("2021-11-17T00:00"), tick=False):
        run_once()
    prepared.refresh_from_db()
    assert prepared.state == "ended_expired"
    assert prepared.events.last().role == "system"
    assert prepared.ended_at.astimezone(AMS).isoformat() == "2021-11-16T23:40:00+01:00"
    assert (
        not Deadline.objects.filter(order=prepared, status=DeadlineStatus.OPEN)
        .exclude(kind="veilig_thuis_safety_assessment_due")
        .exists()
    )


def test_a_hulpofficier_may_not_withdraw(prepared, users):
    services.impose(prepared, users[Role.ASSISTANT_PUBLIC_PROSECUTOR], oral=False, at=at("2021-10-19T23:40"))
    with pytest.raises(services.OrderError):
        services.withdraw(prepared, users[Role.ASSISTANT_PUBLIC_PROSECUTOR], reason="Hulp is gestart.")
    services.withdraw(
        prepared,
        users[Role.MUNICIPAL_OFFICER],
        reason="Vader volgt hulp; dreiging is weg.",
        at=at("2021-10-24T12:00"),
    )
    prepared.refresh_from_db()
    assert prepared.state == "ended_withdrawn" and prepared.documents.last().kind == "withdrawal"


def test_changes_outside_the_table_are_refused(prepared, users):
    mayor = users[Role.MUNICIPAL_OFFICER]
    with pytest.raises(services.OrderError) as refused:
        services.extend(prepared, mayor, new_end=at("2021-11-01T12:00"), reason="x")
    assert refused.value.code == "action_not_allowed_in_state"


def test_an_annulment_by_the_court_ends_the_order(prepared, users):
    mayor = users[Role.MUNICIPAL_OFFICER]
    services.impose(prepared, users[Role.ASSISTANT_PUBLIC_PROSECUTOR], oral=False, at=at("2021-10-19T23:40"))
    appeal = services.record_appeal(
        prepared, mayor, lodged_at=at("2021-10-21T09:00"), court_case_number="SHE 21/1234"
    )
    # The end of the third day after the day it was lodged (docs/deadlines.md).
    assert deadlines(prepared)["court_hearing_expected"][0] == "2021-10-25 00:00"
    services.record_court_decision(
        appeal,
        mayor,
        decision="annulled",
        decided_at=at("2021-10-25T15:00"),
        ruling="ECLI:NL:RBOBR:2021:0000 (synthetisch)",
    )
    prepared.refresh_from_db()
    assert prepared.state == "ended_annulled"


def test_a_violation_becomes_a_fact_and_is_notified(prepared, users):
    services.impose(prepared, users[Role.ASSISTANT_PUBLIC_PROSECUTOR], oral=False, at=at("2021-10-19T23:40"))
    violation = services.register_violation(
        prepared,
        users[Role.POLICE_OFFICER],
        occurred_at=at("2021-10-22T20:00"),
        description="Vader stond voor de deur en belde aan.",
    )
    assert violation.fact.type == "prior_order_violation" and violation.fact.source == "police"
    assert Notification.objects.filter(order=prepared, kind="order_violated").count() >= 3


def test_reminders_fire_once_after_downtime(prepared, users):
    services.impose(prepared, users[Role.ASSISTANT_PUBLIC_PROSECUTOR], oral=True, at=at("2021-10-19T23:40"))
    with time_machine.travel(at("2021-10-27T00:00"), tick=False):  # the worker was down for a week
        first = run_once()
        second = run_once()
    assert first.reminders == 3 and second.reminders == 0  # beschikking, reachability, day-7 reminder
    keys = Notification.objects.filter(kind="deadline").values_list("key", "organisation")
    assert len(keys) == len(set(keys)) and Reminder.objects.filter(status="sent").count() == 3

"""Recording decisions: an imposed order records its own; the professionals with the task record
a decision not to impose or that it is not possible, with the measures taken; the reasons are
proposed from the assessment's legal findings."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from huisverbod.accounts.models import Role
from huisverbod.assessments.services import save_snapshot
from huisverbod.audit.models import ProcessingLogEntry
from huisverbod.decisions.models import Decision, MeasureTaken, Outcome
from huisverbod.decisions.services import DecisionError, reasons_from_findings, record_decision
from huisverbod.orders import services
from tests.helpers import force_login_verified

pytestmark = pytest.mark.django_db


def _prepared(case, users, snapshot):
    return services.create_order(
        case,
        users[Role.ASSISTANT_PUBLIC_PROSECUTOR],
        assessment=snapshot,
        perpetrator=case.involvements.get(role="perpetrator"),
        protected=services.protectable(case),
    )


def _imposed(case, users):
    snapshot = save_snapshot(case, users[Role.POLICE_OFFICER])
    order = _prepared(case, users, snapshot)
    services.impose(order, users[Role.ASSISTANT_PUBLIC_PROSECUTOR], oral=False)
    return snapshot, order


def test_imposing_an_order_records_the_decision_once(seed_cases, users):
    case = seed_cases["seed-2"]
    snapshot, order = _imposed(case, users)
    decision = Decision.objects.get(case=case)
    assert decision.outcome == Outcome.ORDER
    assert decision.order == order and decision.assessment == snapshot
    assert decision.decided_at == order.imposed_at
    assert decision.role == Role.ASSISTANT_PUBLIC_PROSECUTOR
    assert decision.incident_at == case.assessment_time  # an incident, not the planned route
    assert Decision.objects.filter(case=case).count() == 1


@pytest.mark.parametrize(
    ("findings", "ex_partners", "expected"),
    [
        ([{"id": "adult", "met": False, "findings": [{"code": "adult.minor"}]}], False, ["minor"]),
        (
            [
                {
                    "id": "residence",
                    "met": False,
                    "findings": [
                        {
                            "code": "residence.perpetrator_not_resident",
                            "params": {"residence": "stays_incidentally"},
                        }
                    ],
                }
            ],
            True,
            ["incidental_stay"],
        ),
        (
            [
                {
                    "id": "residence",
                    "met": False,
                    "findings": [
                        {
                            "code": "residence.perpetrator_not_resident",
                            "params": {"residence": "lives_elsewhere"},
                        }
                    ],
                }
            ],
            True,
            ["ex_partner"],
        ),
        (
            [
                {
                    "id": "residence",
                    "met": False,
                    "findings": [
                        {
                            "code": "residence.perpetrator_not_resident",
                            "params": {"residence": "lives_elsewhere"},
                        }
                    ],
                }
            ],
            False,
            ["other"],
        ),
        ([{"id": "danger", "met": False, "findings": [{"code": "danger.threshold_not_met"}]}], True, []),
        ([{"id": "adult", "met": True, "findings": [{"code": "adult.met"}]}], False, []),
    ],
)
def test_reasons_are_proposed_from_the_legal_findings(findings, ex_partners, expected):
    assert reasons_from_findings({"criteria": findings}, ex_partners=ex_partners) == expected


def test_a_professional_records_a_decision_with_measures_through_the_page(seed_cases, users):
    case = seed_cases["seed-1"]
    snapshot = save_snapshot(case, users[Role.POLICE_OFFICER])
    client = Client()
    force_login_verified(client, users[Role.POLICE_OFFICER])
    page = client.get(f"/cases/{case.pk}/assessment/v{snapshot.version}/")
    assert page.status_code == 200 and 'name="outcome"' in page.content.decode()
    url = f"/cases/{case.pk}/assessment/v{snapshot.version}/decision/"
    refused = client.post(url, {"outcome": "not_possible", "reason": "x"})
    assert refused.status_code == 400 and not Decision.objects.exists()
    response = client.post(
        url,
        {
            "outcome": "not_possible",
            "reasons": ["ex_partner"],
            "reason": "Hij woont elders.",
            "measures": ["arrest", "criminal_contact_ban"],
            "taken_on": "2025-02-03",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(assessment=snapshot)
    assert decision.outcome == Outcome.NOT_POSSIBLE and decision.not_possible_reasons == ["ex_partner"]
    assert sorted(decision.measures.values_list("measure", "track", "taken_on")) == [
        ("arrest", "criminal", date(2025, 2, 3)),
        ("criminal_contact_ban", "criminal", date(2025, 2, 3)),
    ]
    assert ProcessingLogEntry.objects.filter(
        processing_activity_id="decision-record", case=case.reference
    ).exists()
    shown = client.get(f"/cases/{case.pk}/assessment/v{snapshot.version}/").content.decode()
    assert 'name="outcome"' not in shown
    assert "Arrest" in shown or "Aanhouding" in shown
    again = client.post(url, {"outcome": "no_order"})
    assert again.status_code == 400 and Decision.objects.count() == 1


def test_veilig_thuis_may_not_record_a_decision(seed_cases, users):
    case = seed_cases["seed-2"]
    snapshot = save_snapshot(case, users[Role.POLICE_OFFICER])
    with pytest.raises(DecisionError):
        record_decision(snapshot, users[Role.VEILIG_THUIS_PROFESSIONAL], outcome="no_order")
    client = Client()
    force_login_verified(client, users[Role.VEILIG_THUIS_PROFESSIONAL])
    response = client.post(
        f"/cases/{case.pk}/assessment/v{snapshot.version}/decision/", {"outcome": "no_order"}
    )
    assert response.status_code == 403
    assert MeasureTaken.objects.count() == 0


def test_an_order_after_a_no_order_decision_supersedes_it(seed_cases, users):
    case = seed_cases["seed-2"]
    snapshot = save_snapshot(case, users[Role.POLICE_OFFICER])
    record_decision(
        snapshot, users[Role.POLICE_OFFICER], outcome="no_order", measures=[("arrest", date(2025, 1, 1))]
    )
    order = _prepared(case, users, snapshot)
    services.impose(order, users[Role.ASSISTANT_PUBLIC_PROSECUTOR], oral=True)
    decision = Decision.objects.get(assessment=snapshot)
    assert decision.outcome == Outcome.ORDER and decision.order == order
    assert decision.measures.count() == 1  # the arrest stays recorded

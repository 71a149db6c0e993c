"""Need-to-know: a case is visible only to the organisations involved, and within them only to
the roles with a task; sharing is recorded; checks are part of the query."""

from __future__ import annotations

import pytest
from django.test import Client

from huisverbod.access.models import CaseAccess, Reason
from huisverbod.access.policy import Action
from huisverbod.access.services import can, visible_cases
from huisverbod.accounts.models import Organisation, Role
from huisverbod.audit.models import ProcessingLogEntry
from tests.helpers import force_login_verified

pytestmark = pytest.mark.django_db

DEMO_VIEW = {
    Role.POLICE_OFFICER: {"seed-1", "seed-2", "seed-3"},
    Role.ASSISTANT_PUBLIC_PROSECUTOR: {"seed-1", "seed-2", "seed-3"},
    Role.VEILIG_THUIS_PROFESSIONAL: {"seed-1", "seed-2", "seed-3"},
    Role.MUNICIPAL_OFFICER: {"seed-2"},
    Role.CARE_PROFESSIONAL: {"seed-2"},
    Role.ANALYST: set(),
    Role.ADMINISTRATOR: set(),
}


@pytest.mark.parametrize("role", list(Role))
def test_demo_roles_see_the_cases_their_organisation_is_involved_in(
    referred_to_care, seed_cases, users, role
):
    assert set(visible_cases(users[role]).values_list("reference", flat=True)) == DEMO_VIEW[role]


def test_the_permission_check_is_part_of_the_query(seed_cases, users):
    sql = str(visible_cases(users[Role.POLICE_OFFICER]).query).upper()
    assert "EXISTS" in sql and "ACCESS_CASEACCESS" in sql


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        (Role.ASSISTANT_PUBLIC_PROSECUTOR, Action.IMPOSE_ORDER, True),  # art. 3 Wth mandate
        (Role.ASSISTANT_PUBLIC_PROSECUTOR, Action.DECIDE_ORDER, False),  # art. 3: no mandate to extend
        (Role.MUNICIPAL_OFFICER, Action.DECIDE_ORDER, True),
        (Role.POLICE_OFFICER, Action.IMPOSE_ORDER, False),
        (Role.CARE_PROFESSIONAL, Action.VIEW_FACTS, False),
        (Role.CARE_PROFESSIONAL, Action.WRITE_TIMELINE, True),
        (Role.MUNICIPAL_OFFICER, Action.VIEW_CONFIDENTIAL, False),
        (Role.VEILIG_THUIS_PROFESSIONAL, Action.LOOKUP_HISTORY, True),
    ],
)
def test_tasks_per_role_on_seed_case_2(referred_to_care, seed_cases, users, role, action, allowed):
    assert can(users[role], action, seed_cases["seed-2"]) is allowed


def test_sharing_is_recorded_and_logged(seed_cases, users):
    client = Client()
    force_login_verified(client, users[Role.VEILIG_THUIS_PROFESSIONAL])
    case = seed_cases["seed-1"]
    utrecht = Organisation.objects.get(code="gemeente-utrecht")
    response = client.post(
        f"/cases/{case.pk}/share/", {"organisation": utrecht.pk, "reason": "competent_authority"}
    )
    assert response.status_code == 302
    access = CaseAccess.objects.get(case=case, organisation=utrecht)
    assert (access.reason, access.granted_by) == (
        Reason.COMPETENT_AUTHORITY,
        users[Role.VEILIG_THUIS_PROFESSIONAL],
    )
    entry = ProcessingLogEntry.objects.filter(processing_activity_id="case-share").first()
    assert entry is not None and entry.attributes == {
        "organisation": "gemeente-utrecht",
        "reason": "competent_authority",
    }


def test_a_joint_assessment_is_for_police_and_veilig_thuis(seed_cases, users):
    client = Client()
    force_login_verified(client, users[Role.POLICE_OFFICER])
    case = seed_cases["seed-1"]
    utrecht = Organisation.objects.get(code="gemeente-utrecht")
    response = client.post(
        f"/cases/{case.pk}/share/", {"organisation": utrecht.pk, "reason": "joint_assessment"}
    )
    assert response.status_code == 400
    assert not CaseAccess.objects.filter(case=case, organisation=utrecht).exists()


def test_person_details_can_be_marked_confidential(seed_cases, users):
    client = Client()
    force_login_verified(client, users[Role.POLICE_OFFICER])
    case = seed_cases["seed-2"]
    url = f"/cases/{case.pk}/persons/p2/"
    response = client.post(
        url,
        {
            "street": "Opvangstraat",
            "house_number": "1",
            "postcode": "5611 AA",
            "city": "Eindhoven",
            "address_confidential": "on",
            "bsn": "123456782",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    person = case.involvements.get(local_id="p2").person
    assert person.address_confidential and person.street == "Opvangstraat"
    bad = client.post(url, {"bsn": "123456789"})
    assert bad.status_code == 400 and "elfproef" in bad.content.decode()
    municipal = Client()
    force_login_verified(municipal, users[Role.MUNICIPAL_OFFICER])
    assert municipal.get(url).status_code == 403

"""A perpetrator must never learn where a victim is: a confidential address (a shelter) and a
confidential BSN appear only for roles that need them, and never in exports, notifications or a
beschikking."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import Client

from huisverbod.access.models import CaseAccess
from huisverbod.accounts.models import Role
from huisverbod.audit.models import ProcessingLogEntry
from tests.helpers import force_login_verified

pytestmark = pytest.mark.django_db

SHELTER_STREET = "Schuilplaatsweg"
SHELTER = {"street": SHELTER_STREET, "house_number": "77", "postcode": "5699 ZZ", "city": "Veldhoven"}
BSN = "111222333"
NEEDS_IT = {Role.POLICE_OFFICER, Role.ASSISTANT_PUBLIC_PROSECUTOR, Role.VEILIG_THUIS_PROFESSIONAL}


@pytest.fixture
def sheltered(seed_cases, referred_to_care):
    case = seed_cases["seed-2"]
    victim = case.involvements.get(local_id="p2").person
    for key, value in SHELTER.items():
        setattr(victim, key, value)
    victim.address_confidential = True
    victim.bsn = BSN
    victim.bsn_confidential = True
    victim.save()
    return case


def _everything_a_role_sees(user, case) -> str:
    client = Client()
    force_login_verified(client, user)
    seen = [
        client.get("/cases/").content.decode(),
        client.get(f"/cases/{case.pk}/").content.decode(),
        client.get(f"/cases/{case.pk}/facts/new/").content.decode(),
        client.get(f"/cases/{case.pk}/care-plan/").content.decode(),
        client.get(f"/cases/{case.pk}/referrals/").content.decode(),
        client.get(f"/cases/{case.pk}/timeline/").content.decode(),
        client.get(f"/api/v1/monitoring/{case.reference}/care-plan/").content.decode(),
        client.get(f"/api/v1/monitoring/{case.reference}/referrals/").content.decode(),
        client.get(f"/api/v1/monitoring/{case.reference}/timeline/").content.decode(),
        client.get("/api/v1/cases/").content.decode(),
        client.get(f"/api/v1/cases/{case.reference}/").content.decode(),
        client.get(f"/api/v1/cases/{case.reference}/casefile/").content.decode(),
        client.get(f"/api/v1/cases/{case.reference}/facts/").content.decode(),
        client.get(
            f"/api/v1/cases/{case.reference}/", HTTP_ACCEPT="application/vnd.huisverbod.casus+json"
        ).content.decode(),
    ]
    return "\n".join(seen)


@pytest.mark.parametrize("role", list(Role))
def test_shelter_address_only_for_roles_that_need_it(sheltered, users, role):
    seen = _everything_a_role_sees(users[role], sheltered)
    if role in NEEDS_IT:
        assert SHELTER_STREET in seen and BSN in seen
    else:
        assert SHELTER_STREET not in seen and BSN not in seen
        assert "5699 ZZ" not in seen


def test_care_provider_sees_it_only_when_its_referral_needs_it(sheltered, users):
    care = users[Role.CARE_PROFESSIONAL]
    assert SHELTER_STREET not in _everything_a_role_sees(care, sheltered)
    CaseAccess.objects.filter(case=sheltered, organisation=care.organisation).update(
        confidential_address_needed=True
    )
    seen = _everything_a_role_sees(care, sheltered)
    assert SHELTER_STREET in seen and BSN not in seen  # the address, not the BSN


def test_never_in_a_case_file_export(sheltered, users, capsys):
    call_command("export", "--all")
    call_command("export", sheltered.reference)
    out = capsys.readouterr().out
    assert SHELTER_STREET not in out and BSN not in out and "Veldhoven" not in out
    client = Client()
    force_login_verified(client, users[Role.POLICE_OFFICER])
    exported = client.get(f"/api/v1/cases/{sheltered.reference}/casefile/").content.decode()
    assert SHELTER_STREET not in exported and BSN not in exported


def test_never_in_the_processing_log(sheltered, users):
    _everything_a_role_sees(users[Role.POLICE_OFFICER], sheltered)
    logged = json.dumps(list(ProcessingLogEntry.objects.values()), default=str)
    assert SHELTER_STREET not in logged and BSN not in logged and "Samira" not in logged

"""History lookup on a case: purpose and legal basis recorded and logged; candidates explained;
confirmed records become facts with their source; a stranger is not matched."""

from __future__ import annotations

import pytest
from django.test import Client

from huisverbod.accounts.models import Role
from huisverbod.audit.log import AuditContext
from huisverbod.audit.models import ProcessingLogEntry
from huisverbod.core.matching.compare import LABELS
from huisverbod.core.matching.scorer import NOTE_LABELS
from huisverbod.demo.services import load_registries
from huisverbod.registries import labels
from huisverbod.registries.models import Lookup
from huisverbod.registries.services import LookupRefused, decide, lookup_history
from tests.helpers import force_login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def registries(seed_cases):
    """The demo's registries with a small synthetic population around the seed cases' records."""
    return load_registries(synthetic_records=300)


def _lookup(case, user):
    return lookup_history(
        case,
        user,
        registry="veilig_thuis",
        purpose="Samen beoordelen na incident 6-11-2021",
        legal_basis="wmo-5-2-6",
        context=AuditContext.for_user(user, "ui"),
    )


def test_seed_case_1_finds_its_earlier_reports_and_not_the_stranger(registries, seed_cases, users):
    lookup = _lookup(seed_cases["seed-1"], users[Role.VEILIG_THUIS_PROFESSIONAL])
    henk = {c["record_id"]: c for c in lookup.results["p1"]["candidates"]}
    ingrid = {c["record_id"]: c for c in lookup.results["p2"]["candidates"]}
    assert henk["VT-2019-004711"]["band"] == "match"
    assert "VT-2021-011902" not in henk  # another Henk Vermeulen, born 1971, elsewhere in Utrecht
    assert set(ingrid) >= {"VT-2019-004712", "VT-2020-000318", "VT-2020-000671"}
    swapped = ingrid["VT-2020-000671"]
    assert {f["field"]: f["level"] for f in swapped["fields"]}["birth_date"] == "day_month_swap"
    assert swapped["shown"]["summary"].startswith("Melding door de ambulance")


def test_no_lookup_without_purpose_and_legal_basis(registries, seed_cases, users):
    user = users[Role.POLICE_OFFICER]
    for kwargs, field in [
        ({"purpose": "  ", "legal_basis": "wpg-art-19"}, "purpose"),
        ({"purpose": "x", "legal_basis": "because"}, "legal_basis"),
    ]:
        with pytest.raises(LookupRefused) as refused:
            lookup_history(
                seed_cases["seed-1"],
                user,
                registry="police",
                context=AuditContext.for_user(user, "ui"),
                **kwargs,
            )
        assert refused.value.field == field
    assert not Lookup.objects.exists()
    assert not ProcessingLogEntry.objects.filter(processing_activity_id="history-lookup").exists()


def test_a_lookup_is_logged_with_its_legal_basis(registries, seed_cases, users):
    lookup = _lookup(seed_cases["seed-1"], users[Role.VEILIG_THUIS_PROFESSIONAL])
    entries = ProcessingLogEntry.objects.filter(processing_activity_id="history-lookup")
    assert entries.count() == 2  # one per person of the case
    assert (
        entries.first().attributes["lookup"] == lookup.pk
        and entries.first().attributes["legal_basis"] == "wmo-5-2-6"
    )


def test_a_confirmed_record_becomes_a_fact_with_its_source_and_is_decided_once(registries, seed_cases, users):
    user = users[Role.VEILIG_THUIS_PROFESSIONAL]
    case = seed_cases["seed-1"]
    lookup = _lookup(case, user)
    context = AuditContext.for_user(user, "ui")
    link = decide(lookup, user, person="p1", record_id="VT-2019-004711", confirm=True, context=context)
    fact = link.fact
    assert (fact.type, fact.source, fact.origin, fact.date_text) == (
        "prior_report",
        "veilig_thuis",
        "record",
        "2019-04-16",
    )
    assert "VT-2019-004711" in fact.text and fact.registry_link == link
    rejected = decide(lookup, user, person="p2", record_id="VT-2020-000318", confirm=False, context=context)
    assert rejected.fact is None
    with pytest.raises(LookupRefused):
        decide(lookup, user, person="p1", record_id="VT-2019-004711", confirm=True, context=context)
    with pytest.raises(LookupRefused):
        decide(lookup, user, person="p1", record_id="VT-2021-011902", confirm=True, context=context)


def test_the_pages_and_the_api(registries, seed_cases, users):
    client = Client()
    force_login_verified(client, users[Role.POLICE_OFFICER])
    case = seed_cases["seed-2"]
    refused = client.post(
        f"/cases/{case.pk}/history/", {"registry": "police", "purpose": "", "legal_basis": "wpg-art-19"}
    )
    assert refused.status_code == 400
    response = client.post(
        f"/cases/{case.pk}/history/",
        {"registry": "police", "purpose": "Eerdere incidenten", "legal_basis": "besluit-art-2-lid-3"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-record="BVH-2020-ME-118273"' in page and 'value="confirm"' in page
    api = client.post(
        f"/api/v1/cases/{case.reference}/history/",
        {"registry": "veilig_thuis", "purpose": "Wat weet Veilig Thuis", "legal_basis": "wpg-art-20"},
        content_type="application/json",
    )
    assert api.status_code == 201
    lookup_id = api.json()["id"]
    decision = client.post(
        f"/api/v1/cases/{case.reference}/history/{lookup_id}/decisions/",
        {"person": "p1", "record_id": "VT-2021-010044", "decision": "confirm"},
        content_type="application/json",
    )
    assert decision.status_code == 201 and decision.json()["fact"] == "f13"
    municipal = Client()
    force_login_verified(municipal, users[Role.MUNICIPAL_OFFICER])
    assert municipal.get(f"/cases/{case.pk}/history/").status_code == 403


def test_every_explanation_code_has_a_dutch_text():
    assert all((field, level) in labels.LEVELS_NL for field, levels in LABELS.items() for level in levels)
    assert set(NOTE_LABELS) <= set(labels.NOTES_NL)

"""The joint assessment on stored cases: side by side, overrides with reasons, immutable snapshots."""

from __future__ import annotations

import pytest
from django.test import Client

from huisverbod.accounts.models import Role
from huisverbod.assessments.models import Assessment, ImmutableError
from huisverbod.assessments.services import add_override, run, save_snapshot, side_by_side
from huisverbod.core.instruments.errors import OverrideError
from tests.helpers import force_login_verified

pytestmark = pytest.mark.django_db


def test_seed_1_police_alone_versus_together(seed_cases):
    comparison = side_by_side(seed_cases["seed-1"])
    assert comparison.a.advice.huisverbod.value == "do_not_impose"
    assert comparison.b.advice.huisverbod.value == "impose"
    assert comparison.b.to_contract()["advice"]["route"] == "acute"
    assert comparison.b.red_count() > comparison.a.red_count()


def test_the_stored_case_assesses_exactly_as_its_case_file(seed_cases):
    from huisverbod.commands import load_casefile
    from huisverbod.core.assessment import assess
    from tests.helpers import example_paths

    path = next(p for p in example_paths() if p.name.startswith("seed-2"))
    assert run(seed_cases["seed-2"]).to_contract() == assess(load_casefile(str(path)).casefile).to_contract()


def test_snapshot_is_immutable_and_versioned(seed_cases, users):
    case = seed_cases["seed-2"]
    vt = users[Role.VEILIG_THUIS_PROFESSIONAL]
    first = save_snapshot(case, vt, note="Samen met politie beoordeeld.")
    second = save_snapshot(case, vt)
    assert (first.version, second.version, second.supersedes) == (1, 2, first)
    assert first.result["advice"]["huisverbod"] == "impose"
    assert "consult_veilig_thuis" in [r["id"] for r in first.result["legal"]["requirements"]]
    assert first.result_nl["legal"]["criteria"][0]["reason"] != first.result["legal"]["criteria"][0]["reason"]
    assert (first.created_by, first.organisation, first.role) == (
        vt,
        vt.organisation,
        Role.VEILIG_THUIS_PROFESSIONAL,
    )
    assert first.casefile["id"] == "seed-2" and len(first.digest) == 64
    first.note = "changed"
    with pytest.raises(ImmutableError):
        first.save()
    with pytest.raises(ImmutableError):
        first.delete()


def test_an_override_needs_a_reason_and_a_yes_needs_facts(seed_cases, users):
    case = seed_cases["seed-1"]
    officer = users[Role.POLICE_OFFICER]
    with pytest.raises(OverrideError):
        add_override(
            case, officer, item="weapon_access", answer=True, reason="Hij heeft een jachtgeweer.", facts=[]
        )
    with pytest.raises(OverrideError):
        add_override(case, officer, item="no_such_item", answer=False, reason="x", facts=[])
    add_override(
        case,
        officer,
        item="victim_fears_violence",
        answer=False,
        reason="Mevrouw zegt zich veilig te voelen.",
        facts=[],
    )
    snapshot = save_snapshot(case, officer)
    assert snapshot.overrides == [
        {
            "item": "victim_fears_violence",
            "answer": False,
            "reason": "Mevrouw zegt zich veilig te voelen.",
            "facts": [],
            "by": officer.username,
        }
    ]
    assert not case.draft_overrides.exists()


def test_the_page_shows_both_views_and_saves(seed_cases, users):
    case = seed_cases["seed-1"]
    client = Client()
    force_login_verified(client, users[Role.VEILIG_THUIS_PROFESSIONAL])
    page = client.get(f"/cases/{case.pk}/assessment/").content.decode()
    assert 'data-advice="do_not_impose"' in page and 'data-advice="impose"' in page
    response = client.post(f"/cases/{case.pk}/assessment/save/", {"note": "Gezamenlijk vastgesteld."})
    assert response.status_code == 302 and response["Location"].endswith("/assessment/v1/")
    assert Assessment.objects.get(case=case).note == "Gezamenlijk vastgesteld."
    assert "Gezamenlijk vastgesteld." in client.get(response["Location"]).content.decode()


def test_municipal_officer_sees_the_assessment_but_does_not_save_it(seed_cases, users):
    case = seed_cases["seed-2"]
    client = Client()
    force_login_verified(client, users[Role.MUNICIPAL_OFFICER])
    assert client.get(f"/cases/{case.pk}/assessment/").status_code == 200
    assert client.post(f"/cases/{case.pk}/assessment/save/", {"note": ""}).status_code == 403


def test_api_runs_the_contract_and_saves_snapshots(seed_cases, users):
    client = Client()
    force_login_verified(client, users[Role.POLICE_OFFICER])
    police_only = client.get("/api/v1/cases/seed-1/assessment/", {"sources": "police"}).json()
    joint = client.get("/api/v1/cases/seed-1/assessment/").json()
    assert (police_only["advice"]["huisverbod"], joint["advice"]["huisverbod"]) == ("do_not_impose", "impose")
    assert police_only["sources"] == ["police"]
    bad = client.get("/api/v1/cases/seed-1/assessment/", {"sources": "police,neighbours"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "sources"
    saved = client.post("/api/v1/cases/seed-1/assessments/", {"note": "api"}, content_type="application/json")
    assert saved.status_code == 201 and saved.json()["version"] == 1
    assert client.get("/api/v1/cases/seed-1/assessments/1/").json()["result"] == joint
    assert client.get("/api/v1/cases/seed-1/assessments/").json()[0]["advice"] == "impose"

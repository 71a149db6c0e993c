"""API: cases and facts (read, create) and the case file as a media type."""

from __future__ import annotations

import json

import pytest
from rest_framework.test import APIClient

from huisverbod.cases.models import Case
from tests.helpers import example, mutate

pytestmark = pytest.mark.django_db
CASEFILE = "application/vnd.huisverbod.casus+json"


@pytest.fixture
def api(police_officer) -> APIClient:
    client = APIClient()
    client.force_authenticate(police_officer)
    return client


def test_anonymous_is_refused(seed_cases):
    response = APIClient().get("/api/v1/cases/")
    assert response.status_code in (401, 403)


def test_list_and_search(api, seed_cases):
    response = api.get("/api/v1/cases/")
    assert response.status_code == 200
    assert {c["reference"] for c in response.json()["results"]} == {"seed-1", "seed-2", "seed-3"}
    found = api.get("/api/v1/cases/", {"q": "Eindhoven"}).json()["results"]
    assert [c["reference"] for c in found] == ["seed-2"]
    assert found[0]["person_count"] == 5 and found[0]["fact_count"] == 12


def test_detail_shows_persons_and_facts_with_provenance(api, seed_cases):
    data = api.get("/api/v1/cases/seed-1/").json()
    assert [p["role"] for p in data["persons"]] == ["perpetrator", "victim"]
    f7 = next(f for f in data["facts"] if f["id"] == "f7")
    assert (f7["source"], f7["origin"], f7["date"], f7["against"]) == (
        "veilig_thuis",
        "record",
        "2019-04",
        ["p2"],
    )


def test_case_file_by_accept_header_and_by_endpoint(api, seed_cases):
    expected = example("seed-2")
    by_accept = api.get("/api/v1/cases/seed-2/", HTTP_ACCEPT=CASEFILE)
    assert by_accept.status_code == 200
    assert by_accept["Content-Type"].startswith(CASEFILE)
    assert json.loads(by_accept.content) == expected
    assert api.get("/api/v1/cases/seed-2/casefile/").json() == expected


def test_import_a_case_file(api, db, users):
    document = mutate(example("seed-3"), "id", "api-import")
    response = api.post("/api/v1/cases/", data=json.dumps(document), content_type=CASEFILE)
    assert response.status_code == 201, response.content
    assert response.json()["reference"] == "api-import"
    assert api.get("/api/v1/cases/api-import/casefile/").json() == document


def test_import_refused_names_the_field_and_stores_nothing(api, db, users):
    document = mutate(mutate(example("seed-1"), "id", "broken"), "facts.0.about.0", "p99")
    response = api.post("/api/v1/cases/", data=json.dumps(document), content_type="application/json")
    assert response.status_code == 400
    assert {"field": "facts[0].about[0]", "message": "unknown person 'p99'"} in response.json()["errors"]
    assert not Case.objects.filter(reference="broken").exists()


def test_import_of_malformed_json_is_a_clear_400(api, db, users):
    response = api.post("/api/v1/cases/", data="{nope", content_type=CASEFILE)
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["errors"][0]["message"]


def test_add_and_list_facts(api, seed_cases):
    new = {
        "type": "threat_to_kill",
        "date": "2021-11-06",
        "about": ["p1"],
        "against": ["p2"],
        "source": "police",
        "origin": "statement",
        "stated_by": "p2",
        "text": "Hij zei dat hij haar zou doden.",
    }
    response = api.post("/api/v1/cases/seed-1/facts/", new, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["id"] == "f15"
    listed = api.get("/api/v1/cases/seed-1/facts/").json()
    assert [f["id"] for f in listed][-1] == "f15"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"about": ["p9"]}, "about[0]"),
        ({"type": "nonsense"}, "type"),
        ({"date": "2021-13-01"}, "date"),
        ({"text": ""}, "text"),
        ({"about": []}, "about"),
    ],
)
def test_bad_fact_names_its_field(api, seed_cases, change, field):
    good = {"type": "threat", "about": ["p1"], "source": "police", "origin": "observation", "text": "x"}
    response = api.post("/api/v1/cases/seed-1/facts/", {**good, **change}, format="json")
    assert response.status_code == 400
    assert field in [e["field"] for e in response.json()["errors"]], response.json()


def test_unknown_case_is_404(api, seed_cases):
    assert api.get("/api/v1/cases/nope/").status_code == 404

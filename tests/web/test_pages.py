"""Pages: sign-in, the case list with search, the case page, the add-fact form."""

from __future__ import annotations

import pytest
from django.test import Client

from huisverbod.cases.models import Case
from tests.helpers import force_login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(users):
    def make(role: str = "police_officer") -> Client:
        client = Client()
        force_login_verified(client, users[role])
        return client

    return make


def test_pages_need_sign_in(seed_cases):
    case = Case.objects.get(reference="seed-1")
    for url in ["/", "/cases/", f"/cases/{case.pk}/", f"/cases/{case.pk}/facts/new/"]:
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url


def test_sign_in_with_a_demo_account(users):
    client = Client()
    response = client.post("/accounts/login/", {"username": "agent", "password": "huisverbod-demo"})
    assert response.status_code == 302 and response["Location"] == "/cases/"
    wrong = Client().post("/accounts/login/", {"username": "agent", "password": "wrong"})
    assert wrong.status_code == 200 and "Voer een juiste gebruikersnaam" in wrong.content.decode()


def test_the_interface_is_dutch_first_with_english_available(client_for, seed_cases):
    client = client_for()
    assert "Zaken zoeken" in client.get("/cases/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/cases/"})
    assert "Search cases" in client.get("/cases/").content.decode()


def test_case_list_search_and_htmx_partial(client_for, seed_cases):
    client = client_for()
    page = client.get("/cases/", {"q": "Vermeulen"}).content.decode()
    assert "seed-1" in page and "seed-2" not in page
    partial = client.get("/cases/", {"q": "Groningen"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="case-results")
    body = partial.content.decode()
    assert "seed-3" in body and "<html" not in body


def test_case_page_groups_facts_by_source_with_origin(client_for, seed_cases):
    case = Case.objects.get(reference="seed-1")
    page = client_for().get(f"/cases/{case.pk}/").content.decode()
    assert page.index('id="source-police"') < page.index('id="source-veilig_thuis"')
    police = page[page.index('id="source-police"') : page.index('id="source-veilig_thuis"')]
    assert police.count('class="fact"') == 6 and "Verklaring" in police and "Waarneming" in police
    assert "Henk Vermeulen" in page and "Pleger" in page and "Woont er" in page


def test_add_fact_through_the_form(client_for, seed_cases):
    case = Case.objects.get(reference="seed-1")
    client = client_for()
    form = client.get(f"/cases/{case.pk}/facts/new/").content.decode()
    assert 'value="police" selected' in form  # the officer's own organisation is the default source
    response = client.post(
        f"/cases/{case.pk}/facts/new/",
        {
            "type": "threat_to_kill",
            "date": "2021-11-06",
            "about": ["p1"],
            "against": ["p2"],
            "source": "police",
            "origin": "statement",
            "stated_by": "p2",
            "text": "Hij zei: ik maak je af.",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#fact-f15")
    assert case.facts.get(local_id="f15").type == "threat_to_kill"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2021-02-30"}, "Deze datum bestaat niet."),
        ({"date": "6 november"}, "Schrijf de datum als JJJJ-MM-DD"),
        ({"origin": "statement", "stated_by": ""}, "Bij een verklaring hoort de persoon"),
        ({"about": []}, "Dit veld is vereist."),
        ({"type": "nonsense"}, "Selecteer een geldige keuze"),
    ],
)
def test_add_fact_refused_with_the_field_marked_and_nothing_stored(client_for, seed_cases, data, message):
    case = Case.objects.get(reference="seed-1")
    good = {"type": "threat", "about": ["p1"], "source": "police", "origin": "observation", "text": "x"}
    response = client_for().post(f"/cases/{case.pk}/facts/new/", {**good, **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert case.facts.count() == 14


def test_pages_send_a_content_security_policy_without_inline_scripts(client_for, seed_cases):
    response = client_for().get("/cases/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()

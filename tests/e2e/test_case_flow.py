"""A police officer signs in, opens seed case 1, adds a fact and sees it under its source."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_open_case_add_fact_see_it_grouped(live_server, page: Page, users, seed_cases, sign_in):
    sign_in("agent")
    expect(page.get_by_role("heading", name="Zaken", exact=True)).to_be_visible()

    page.get_by_label("Zaken zoeken").fill("Vermeulen")
    expect(page.locator("#case-results tbody tr")).to_have_count(1)
    page.get_by_role("link", name="seed-1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Partnergeweld")
    police = page.locator("#source-police-section")
    expect(police.locator(".fact")).to_have_count(6)

    page.get_by_role("link", name="Feit toevoegen").click()
    page.get_by_label("Soort feit").select_option("threat_to_kill")
    page.get_by_label("Datum").fill("2021-11-06")
    page.locator("fieldset", has_text="Over").get_by_label("Henk Vermeulen (Pleger)").check()
    page.locator("fieldset", has_text="Tegen").get_by_label("Ingrid Vermeulen-Bos (Slachtoffer)").check()
    page.get_by_label("Bron").select_option("police")
    page.get_by_label("Verklaring").check()
    page.get_by_label("Verklaard door").select_option("p2")
    page.get_by_label("Tekst").fill("Meneer riep dat hij haar zou vermoorden als ze de politie belde.")
    page.get_by_role("button", name="Feit opslaan").click()

    expect(page.get_by_role("status")).to_contain_text("Feit f15 toegevoegd")
    new_fact = page.locator("#source-police-section #fact-f15")
    expect(new_fact).to_be_visible()
    expect(new_fact).to_contain_text("Doodsbedreiging")
    expect(new_fact).to_contain_text("Verklaring: Ingrid Vermeulen-Bos")
    expect(police.locator(".fact")).to_have_count(7)
    expect(page.locator("#source-veilig_thuis-section .fact")).to_have_count(8)


def test_invalid_fact_shows_the_field_error_and_keeps_input(
    live_server, page: Page, users, seed_cases, sign_in
):
    sign_in("veiligthuis")
    page.get_by_role("link", name="seed-1").click()
    page.get_by_role("link", name="Feit toevoegen").click()
    page.get_by_label("Soort feit").select_option("victim_fear")
    page.get_by_label("Datum").fill("2021-02-30")
    page.locator("fieldset", has_text="Over").get_by_label("Ingrid Vermeulen-Bos (Slachtoffer)").check()
    page.get_by_label("Tekst").fill("Mevrouw is bang.")
    page.get_by_role("button", name="Feit opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Het feit is niet opgeslagen")
    expect(page.locator(".field--error")).to_contain_text("Deze datum bestaat niet.")
    expect(page.get_by_label("Tekst")).to_have_value("Mevrouw is bang.")
    expect(page.get_by_label("Bron")).to_have_value("veilig_thuis")

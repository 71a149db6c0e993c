"""As a Veilig Thuis professional, look up seed case 1's persons, confirm the 2019 report, and see
it appear as a fact with its source."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from huisverbod.demo.services import load_registries

pytestmark = pytest.mark.django_db(transaction=True)


def test_look_up_confirm_and_see_the_fact(live_server, page: Page, users, seed_cases, sign_in):
    load_registries(synthetic_records=300)
    sign_in("veiligthuis")
    page.get_by_role("link", name="seed-1").click()
    page.get_by_role("link", name="Historie opvragen").click()
    page.get_by_label("Registratie").select_option("veilig_thuis")
    page.get_by_label("Grondslag").select_option("wmo-5-2-6")
    page.get_by_label("Doel").fill("Gezamenlijke beoordeling na het incident van 6 november 2021")
    page.get_by_role("button", name="Opvragen").click()

    candidate = page.locator('article[data-record="VT-2019-004711"]')
    expect(candidate).to_contain_text("Hendrik Vermeulen")
    expect(candidate).to_contain_text("match")
    candidate.locator("summary").click()
    expect(candidate.locator(".explain")).to_contain_text("zelfde geboortedatum")
    expect(page.locator('article[data-record="VT-2021-011902"]')).to_have_count(0)  # the other Henk Vermeulen
    candidate.get_by_role("button", name="Bevestigen: zelfde persoon").click()
    expect(page.get_by_role("status")).to_contain_text("VT-2019-004711")

    page.get_by_role("link", name="seed-1").first.click()
    fact = page.locator("#source-veilig_thuis-section .fact", has_text="VT-2019-004711")
    expect(fact).to_have_count(1)
    expect(fact).to_contain_text("Eerdere melding")
    expect(fact.locator(".origin")).to_have_text("Registratie")
    expect(fact).to_contain_text("2019-04-16")

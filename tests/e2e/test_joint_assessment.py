"""The "samen-op-in-acuut" screen for seed case 1: what the police see alone, and what changes
when Veilig Thuis's knowledge joins."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_side_by_side_for_seed_case_1(live_server, page: Page, users, seed_cases, sign_in):
    sign_in("veiligthuis")
    page.get_by_role("link", name="seed-1").click()
    page.get_by_role("link", name="Gezamenlijke beoordeling").click()

    alone = page.locator("article", has=page.get_by_role("heading", name="Politie alleen"))
    together = page.locator("article", has=page.get_by_role("heading", name="Samen (gezamenlijk)"))
    expect(alone).to_contain_text("Geen huisverbod opleggen")
    expect(together).to_contain_text("Huisverbod opleggen")
    expect(together).to_contain_text("acute route")
    red_alone = int(alone.locator("[data-red]").get_attribute("data-red"))
    red_together = int(together.locator("[data-red]").get_attribute("data-red"))
    assert red_together > red_alone

    added = page.locator("section", has=page.get_by_role("heading", name="Wat de andere bronnen toevoegden"))
    expect(added).to_contain_text("Melding huiselijk geweld april 2019.")
    expect(added).to_contain_text("Suïcidepoging van mevrouw.")
    expect(page.locator("tr.changed").first).to_be_visible()

    page.get_by_label("Uw motivering").fill("Samen met de politie: eerdere meldingen en angst wegen zwaar.")
    page.get_by_role("button", name="Gezamenlijke beoordeling vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Beoordeling versie 1 is vastgelegd")
    expect(page.get_by_role("heading", level=1)).to_contain_text("v1")
    expect(page.locator("main")).to_contain_text("eerdere meldingen en angst wegen zwaar")

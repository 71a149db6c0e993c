"""The municipal officer, who can impose an order for the mayor, signs in with password and code."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tests.e2e.conftest import enter_code
from tests.helpers import totp_code, wrong_totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_municipal_officer_signs_in_with_password_and_code(
    live_server, page: Page, users, seed_cases, sign_in
):
    sign_in("gemeente")
    expect(page.get_by_role("heading", name="Zaken", exact=True)).to_be_visible()
    expect(page.locator(".whoami__name")).to_have_text("Joost Kramers")


def test_a_wrong_code_shows_an_error_and_keeps_the_officer_out_until_the_right_one(
    live_server, page: Page, users, seed_cases
):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("gemeente")
    page.get_by_label("Wachtwoord").fill("huisverbod-demo")
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_url("**/accounts/otp/**")

    device = TOTPDevice.objects.get(user__username="gemeente", confirmed=True)
    enter_code(page, wrong_totp_code(device))
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator(".field--error")).to_be_visible()
    expect(page.locator("input[name=code]")).to_be_focused()
    assert "/accounts/otp/" in page.url

    page.goto(f"{live_server.url}/cases/")
    assert "/accounts/otp/" in page.url  # the case list stays out of reach

    page.wait_for_timeout(2_000)  # django-otp refuses every code for a second after a wrong one
    enter_code(page, totp_code(device))
    page.wait_for_url(f"{live_server.url}/cases/")
    expect(page.get_by_role("heading", name="Zaken", exact=True)).to_be_visible()

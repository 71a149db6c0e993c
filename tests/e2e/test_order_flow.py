"""Impose seed case 2 as the hulpofficier, download the beschikking, extend as the municipal
officer, and see the order end."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from huisverbod.orders.models import Order
from huisverbod.orders.worker import run_once

pytestmark = pytest.mark.django_db(transaction=True)


def test_impose_download_extend_and_end(live_server, page: Page, users, seed_cases, sign_in):
    sign_in("hovj")
    page.get_by_role("link", name="seed-2").click()
    page.get_by_role("link", name="Gezamenlijke beoordeling").click()
    page.get_by_role("button", name="Gezamenlijke beoordeling vastleggen").click()
    expect(page.get_by_role("status")).to_contain_text("Beoordeling versie 1 is vastgelegd")

    page.get_by_role("link", name="seed-2").first.click()
    page.get_by_role("link", name="Huisverbod opleggen of voorbereiden").click()
    page.get_by_label("Nu opleggen, schriftelijk").check()
    page.get_by_role("button", name="Besluiten").click()
    expect(page.get_by_role("status")).to_contain_text("Het huisverbod is opgelegd")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "imposed")
    expect(page.locator(".countdown")).to_contain_text("Eindigt over")

    with page.expect_download() as info:
        page.get_by_role("link", name="-O1.pdf").click()
    download = info.value
    assert download.suggested_filename.endswith("-O1.pdf")
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    page.context.clear_cookies()
    sign_in("gemeente")
    page.get_by_role("link", name="seed-2").click()
    page.locator("#orders-title ~ ul a").first.click()
    page.get_by_label("Waarom de dreiging voortduurt").fill(
        "Moeder blijft bang; de hulp aan vader is net gestart."
    )
    page.get_by_role("button", name="Huisverbod verlengen").click()
    expect(page.get_by_role("status")).to_contain_text("Het huisverbod is verlengd")
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "extended")
    expect(page.get_by_role("link", name="-V1.pdf")).to_be_visible()

    order = Order.objects.get(case__reference="seed-2")
    run_once(now=order.ends_at + timedelta(minutes=1))
    page.reload()
    expect(page.locator("[data-state]")).to_have_attribute("data-state", "ended_expired")
    expect(page.locator(".history")).to_contain_text("Verlopen")
    assert order.ends_at > timezone.now()  # ended by the clock of the worker, at its end

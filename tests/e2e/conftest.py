"""End-to-end tests in Debian's Chromium, driven by Playwright (no browser download)."""

from __future__ import annotations

import os
import re
import shutil

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import totp_code

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: apt-get install chromium (see .ci/run)")
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "viewport": {"width": 1366, "height": 900}}


@pytest.fixture(scope="session")
def live_server(django_db_setup, django_db_blocker, live_server):
    """pytest-django's live server, started after the test database exists, so that it stops
    before the test database is dropped. On PostgreSQL a connection opened for the browser's
    requests can outlive the session (one per xdist worker); it is ended here, so the test
    database is dropped cleanly instead of with a teardown warning."""
    yield live_server
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.xdist_group("e2e"))


@pytest.fixture
def sign_in(live_server, page):
    """Signs in as a demo account; for hovj and gemeente also gives the authenticator code."""

    def do(username: str, password: str = "huisverbod-demo") -> None:
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Gebruikersnaam").fill(username)
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Aanmelden").click()
        page.wait_for_url(re.compile(r"/(cases|accounts/otp)/"))
        if "/accounts/otp/" in page.url:
            enter_code(page, totp_code(TOTPDevice.objects.get(user__username=username, confirmed=True)))
        page.wait_for_url(f"{live_server.url}/cases/")

    return do


def enter_code(page, code: str) -> None:
    # By structure, not wording: the code page's Dutch texts arrive with the lead's translations.
    form = page.locator("main form:has(input[name=code])")
    form.locator("input[name=code]").fill(code)
    form.locator("button[type=submit]").click()

"""Stolen-laptop and network protections: secure cookies and HSTS in production, strict
headers, a session that ends with the browser and after eight hours, sign-out by POST only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

PRINT_SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({k: getattr(s, k) for k in ['SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
    "'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SESSION_COOKIE_HTTPONLY', "
    "'SECURE_SSL_REDIRECT']}))"
)


def test_production_sends_cookies_over_https_only_and_asks_for_hsts():
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "SECURE_HSTS_SECONDS")}
    env.update(
        SECRET_KEY="k" * 50,
        AUDIT_CHAIN_KEY="c" * 40,
        AUDIT_PSEUDONYM_KEY="p" * 40,
        DJANGO_SETTINGS_MODULE="huisverbod.conf.settings.production",
    )
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True and values["SECURE_SSL_REDIRECT"] is True


@pytest.mark.parametrize("url", ["/accounts/login/", "/accounts/otp/"])
def test_responses_carry_strict_security_headers(users, en_client, url):
    en_client.force_login(users["police_officer"])
    response = en_client.get(url, follow=True)
    policy = response["Content-Security-Policy"]
    script_src = next(d for d in policy.split(";") if d.strip().startswith("script-src"))
    assert "'self'" in script_src and "unsafe-inline" not in script_src and "unsafe-eval" not in script_src
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_session_ends_with_the_browser_and_after_eight_hours(users, en_client):
    response = en_client.post("/accounts/login/", {"username": "agent", "password": "huisverbod-demo"})
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # a browser-session cookie
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax"
    assert en_client.session.get_expiry_age() == 8 * 3600

    with time_machine.travel(timezone.now() + timedelta(hours=7, minutes=59)):
        assert en_client.get("/cases/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=8, minutes=1)):
        expired = en_client.get("/cases/")
        assert expired.status_code == 302 and expired["Location"].startswith("/accounts/login/")


def test_sign_out_is_post_only(users, en_client):
    en_client.force_login(users["police_officer"])
    assert en_client.get("/accounts/logout/").status_code == 405
    assert en_client.get("/cases/").status_code == 200  # a link or an image cannot sign you out
    response = en_client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert en_client.get("/cases/").status_code == 302


def test_sign_out_needs_the_csrf_token(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["police_officer"])
    assert client.post("/accounts/logout/").status_code == 403
    assert client.get("/cases/").status_code == 200

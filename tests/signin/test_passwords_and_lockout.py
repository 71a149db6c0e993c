"""Passwords are stored as Argon2 hashes; five wrong passwords lock the account for a while."""

from __future__ import annotations

import logging

import pytest
from django.conf import settings
from django.test import Client, override_settings

from huisverbod.accounts.models import User
from huisverbod.conf.settings import base

pytestmark = pytest.mark.django_db


def test_base_settings_hash_with_argon2_first():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_a_stored_password_is_an_argon2_hash(organisations):
    # The test settings hash with MD5 for speed; this test uses the real ones.
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = User.objects.create_user("argon-test", password="a-long-synthetic-password")
        stored = User.objects.get(pk=user.pk).password
        assert stored.startswith("argon2")
        assert User.objects.get(pk=user.pk).check_password("a-long-synthetic-password")


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    assert settings.AXES_FAILURE_LIMIT == 5


def test_five_wrong_passwords_lock_the_account_and_then_the_right_one_is_refused_too(
    axes_on, users, password_sign_in, en_client
):
    for attempt in range(1, 5):
        response = password_sign_in("agent", "wrong-password")
        assert response.status_code == 200, attempt
    locked = password_sign_in("agent", "wrong-password")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Sign-in blocked for now" in page
    assert "You can try again in 30\xa0minutes" in page
    assert '<html lang="en">' in page  # a page in the user's language, not a bare response

    right = password_sign_in("agent", "huisverbod-demo")
    assert right.status_code == 429
    assert "_auth_user_id" not in en_client.session
    assert en_client.get("/cases/").status_code == 302


def test_the_lockout_page_is_dutch_by_default(axes_on, users):
    client = Client()
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": "agent", "password": "wrong-password"})
    assert response.status_code == 429
    assert '<html lang="nl">' in response.content.decode()


def test_a_lockout_does_not_touch_other_accounts(axes_on, users, password_sign_in):
    for _ in range(5):
        password_sign_in("agent", "wrong-password")
    assert password_sign_in("veiligthuis").status_code == 302


def test_failures_and_the_lockout_are_logged_without_the_password(axes_on, users, password_sign_in, caplog):
    caplog.set_level(logging.INFO, logger="huisverbod.signin")
    for _ in range(5):
        password_sign_in("agent", "the-secret-guess")
    events = [r.msg for r in caplog.records if isinstance(r.msg, dict) and r.name == "huisverbod.signin"]
    failures = [e for e in events if e["event"] == "signin.failure"]
    lockouts = [e for e in events if e["event"] == "signin.locked_out"]
    agent = users["police_officer"]
    assert len(failures) == 5 and all(e["user_id"] == agent.pk and e["trace_id"] for e in failures)
    assert len(lockouts) == 1 and lockouts[0]["user_id"] == agent.pk
    assert "the-secret-guess" not in caplog.text


def test_axes_is_configured_as_the_issue_asks():
    assert settings.AXES_LOCKOUT_CALLABLE == "huisverbod.signin.lockout.lockout_response"
    assert base.AXES_FAILURE_LIMIT == 5 and base.AXES_ENABLED is True
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"

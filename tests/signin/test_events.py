"""The sign-in event log: success, failure and each code check, with user id and trace id, and
never a password, a code or a mistyped username."""

from __future__ import annotations

import logging
import time

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import totp_code, wrong_totp_code

pytestmark = pytest.mark.django_db

TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
TRACE_ID = "0af7651916cd43dd8448eb211c80319c"


@pytest.fixture
def events(caplog):
    caplog.set_level(logging.INFO, logger="huisverbod.signin")

    def read() -> list[dict]:
        return [r.msg for r in caplog.records if r.name == "huisverbod.signin" and isinstance(r.msg, dict)]

    return read


def test_a_password_sign_in_is_logged_with_user_and_trace(users, en_client, events):
    en_client.post(
        "/accounts/login/", {"username": "agent", "password": "huisverbod-demo"}, HTTP_TRACEPARENT=TRACEPARENT
    )
    (event,) = [e for e in events() if e["event"] == "signin.success"]
    assert event["user_id"] == users["police_officer"].pk
    assert event["trace_id"] == TRACE_ID and event["method"] == "password"


def test_a_failure_for_an_unknown_name_logs_neither_name_nor_password(users, en_client, events, caplog):
    en_client.post("/accounts/login/", {"username": "typed-my-password-here", "password": "secret-guess"})
    (event,) = [e for e in events() if e["event"] == "signin.failure"]
    assert event["user_id"] is None and event["trace_id"]
    assert "typed-my-password-here" not in caplog.text and "secret-guess" not in caplog.text


def test_code_checks_are_logged_without_the_code(users, en_client, events, caplog):
    device = TOTPDevice.objects.get(user__username="gemeente", confirmed=True)
    en_client.post("/accounts/login/", {"username": "gemeente", "password": "huisverbod-demo"})
    wrong = wrong_totp_code(device)
    en_client.post("/accounts/otp/", {"code": wrong}, HTTP_TRACEPARENT=TRACEPARENT)
    with time_machine.travel(time.time() + 2):
        right = totp_code(device)
        en_client.post("/accounts/otp/", {"code": right})
    by_name = {e["event"]: e for e in events()}
    user_id = users["municipal_officer"].pk
    assert by_name["signin.otp_failure"]["user_id"] == user_id
    assert by_name["signin.otp_failure"]["trace_id"] == TRACE_ID
    assert by_name["signin.otp_success"]["user_id"] == user_id and by_name["signin.otp_success"]["trace_id"]
    assert wrong not in caplog.text and right not in caplog.text


def test_sign_out_is_logged(users, en_client, events):
    en_client.post("/accounts/login/", {"username": "agent", "password": "huisverbod-demo"})
    en_client.post("/accounts/logout/")
    assert [e["event"] for e in events()][-1] == "signin.signed_out"

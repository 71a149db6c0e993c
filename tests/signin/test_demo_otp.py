"""The demo's accounts that need a code have a fixed, published demo secret, and a DEMO-ONLY
command prints their current code; it refuses anywhere it could read a real person's code."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from huisverbod.demo.services import DEMO_OTP_KEY

pytestmark = pytest.mark.django_db


def demo_otp(username: str) -> str:
    out = StringIO()
    call_command("demo_otp", username, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


def test_the_demo_gives_hovj_and_gemeente_a_device_with_the_demo_secret(users):
    devices = TOTPDevice.objects.filter(key=DEMO_OTP_KEY, confirmed=True)
    assert sorted(d.user.username for d in devices) == ["gemeente", "hovj"]


def test_the_demo_set_up_is_idempotent(users):
    from huisverbod.demo.services import create_demo_accounts

    create_demo_accounts()
    assert TOTPDevice.objects.filter(user__username="gemeente").count() == 1


def test_demo_otp_prints_a_code_the_sign_in_accepts(users, settings, en_client):
    settings.DEBUG = True
    code = demo_otp("gemeente")
    assert len(code) == 6 and code.isdigit()
    en_client.post("/accounts/login/", {"username": "gemeente", "password": "huisverbod-demo"})
    assert en_client.post("/accounts/otp/", {"code": code, "next": "/cases/"})["Location"] == "/cases/"


def test_demo_otp_refuses_when_debug_is_off(users, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refused, DEBUG is off"):
        demo_otp("gemeente")


@pytest.mark.parametrize("username", ["someone-else", "admin"])
def test_demo_otp_refuses_accounts_that_are_not_the_demos(users, settings, username):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="is not a demo account"):
        demo_otp(username)


def test_demo_otp_refuses_a_demo_name_whose_device_has_a_real_secret(users, settings):
    settings.DEBUG = True
    TOTPDevice.objects.filter(user__username="gemeente").update(key="ab" * 20)
    with pytest.raises(CommandError, match="has no demo authenticator"):
        demo_otp("gemeente")


def test_demo_otp_refuses_a_demo_account_without_a_code(users, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="has no demo authenticator"):
        demo_otp("agent")


def test_the_demo_command_says_how_to_get_a_code(organisations):
    err = StringIO()
    call_command("demo", stdout=StringIO(), stderr=err)
    text = err.getvalue()
    accounts = text.index("gemeente ")
    assert text.index(".venv/bin/huisverbod demo_otp gemeente") > accounts
    assert "hovj and gemeente" in text

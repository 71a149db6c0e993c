"""The roles that impose or extend an order need a code from an authenticator app after their
password; every other role signs in with the password alone unless they chose an app."""

from __future__ import annotations

import base64
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from huisverbod.accounts.models import Role
from tests.helpers import force_login_verified, totp_code, wrong_totp_code

pytestmark = pytest.mark.django_db

REQUIRED = [Role.ASSISTANT_PUBLIC_PROSECUTOR, Role.MUNICIPAL_OFFICER]
NOT_REQUIRED = [r for r in Role.values if r not in REQUIRED]


def demo_device(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=True)


def past_the_wait():
    """After a wrong code django-otp refuses every code for a second; step past that."""
    return time_machine.travel(time.time() + 2)


def test_the_required_roles_are_a_setting(settings):
    assert set(settings.OTP_REQUIRED_ROLES) == {"assistant_public_prosecutor", "municipal_officer"}


@pytest.mark.parametrize("role", REQUIRED)
def test_required_roles_are_sent_to_the_code_page_from_every_page(
    role, users, seed_cases, password_sign_in, en_client
):
    response = password_sign_in(users[role].username)
    assert response.status_code == 302
    for url in ["/", "/cases/", f"/cases/{next(iter(seed_cases.values())).pk}/", "/admin/"]:
        page = en_client.get(url)
        assert page.status_code == 302, url
        target = urlsplit(page["Location"])
        assert target.path == "/accounts/otp/" and parse_qs(target.query)["next"] == [url]


@pytest.mark.parametrize("role", REQUIRED)
def test_a_wrong_code_is_refused_and_the_right_one_lets_the_user_in(role, users, password_sign_in, en_client):
    user = users[role]
    password_sign_in(user.username)
    device = demo_device(user)

    wrong = en_client.post("/accounts/otp/?next=/cases/", {"code": wrong_totp_code(device)})
    assert wrong.status_code == 400 and "This code is not right" in wrong.content.decode()
    assert en_client.get("/cases/").status_code == 302

    with past_the_wait():
        right = en_client.post("/accounts/otp/", {"code": totp_code(device), "next": "/cases/"})
        assert right.status_code == 302 and right["Location"] == "/cases/"
        assert en_client.get("/cases/").status_code == 200


def test_guessing_is_slowed_down(users, password_sign_in, en_client):
    user = users[Role.MUNICIPAL_OFFICER]
    password_sign_in(user.username)
    device = demo_device(user)
    en_client.post("/accounts/otp/", {"code": wrong_totp_code(device)})
    # Even the right code is refused while the wait after a wrong one runs.
    refused = en_client.post("/accounts/otp/", {"code": totp_code(device)})
    assert refused.status_code == 400 and "Too many wrong codes" in refused.content.decode()
    assert en_client.get("/cases/").status_code == 302


def test_a_code_cannot_be_used_twice(users, password_sign_in, en_client):
    user = users[Role.MUNICIPAL_OFFICER]
    device = demo_device(user)
    code = totp_code(device)
    password_sign_in(user.username)
    assert en_client.post("/accounts/otp/", {"code": code}).status_code == 302
    en_client.post("/accounts/logout/")
    password_sign_in(user.username)
    assert en_client.post("/accounts/otp/", {"code": code}).status_code == 400


def test_verifying_gives_the_session_a_new_key(users, password_sign_in, en_client):
    user = users[Role.MUNICIPAL_OFFICER]
    password_sign_in(user.username)
    before = en_client.session.session_key
    en_client.post("/accounts/otp/", {"code": totp_code(demo_device(user))})
    assert en_client.session.session_key != before


@pytest.mark.parametrize("role", NOT_REQUIRED)
def test_other_roles_are_not_asked_for_a_code(role, users, password_sign_in, en_client):
    response = password_sign_in(users[role].username)
    assert response.status_code == 302 and response["Location"] == "/cases/"
    assert en_client.get("/cases/").status_code == 200


def test_only_the_code_pages_sign_out_and_language_switch_are_reachable_before_the_code(
    users, password_sign_in, en_client
):
    password_sign_in("gemeente")
    assert en_client.get("/accounts/otp/").status_code == 200
    assert en_client.post("/i18n/setlang/", {"language": "nl", "next": "/accounts/otp/"}).status_code == 302
    assert en_client.get("/static/huisverbod/css/app.css").status_code == 200
    assert en_client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in en_client.session


def test_the_api_answers_403_with_the_reason_until_the_code_is_given(users, password_sign_in, en_client):
    password_sign_in("hovj")
    response = en_client.get("/api/v1/cases/")
    assert response.status_code == 403
    body = response.json()
    assert body["reason"] == "second_factor_required"
    assert "Second factor required" in body["errors"][0]["message"]
    en_client.post(
        "/accounts/otp/", {"code": totp_code(demo_device(users[Role.ASSISTANT_PUBLIC_PROSECUTOR]))}
    )
    assert en_client.get("/api/v1/cases/").status_code == 200


def test_htmx_requests_are_sent_to_the_code_page_as_a_whole_page(users, password_sign_in, en_client):
    password_sign_in("gemeente")
    response = en_client.get("/cases/", {"q": "x"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="case-results")
    assert response["HX-Redirect"].startswith("/accounts/otp/?next=")


@pytest.mark.parametrize(("username", "status"), [("hovj", 403), ("gemeente", 403), ("agent", 200)])
def test_api_basic_auth_is_refused_for_users_who_need_a_code(users, en_client, username, status):
    token = base64.b64encode(f"{username}:huisverbod-demo".encode()).decode()
    response = en_client.get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Basic {token}")
    assert response.status_code == status
    if status == 403:
        assert "Second factor required" in response.json()["errors"][0]["message"]


def test_force_login_verified_helper_lets_tests_skip_the_code(users, en_client):
    force_login_verified(en_client, users[Role.MUNICIPAL_OFFICER])
    assert en_client.get("/cases/").status_code == 200


class TestFirstSignInWithoutAnApp:
    @pytest.fixture
    def newcomer(self, users):
        user = users[Role.MUNICIPAL_OFFICER]
        TOTPDevice.objects.filter(user=user).delete()
        return user

    def test_the_code_page_sends_to_set_up(self, newcomer, password_sign_in, en_client):
        password_sign_in(newcomer.username)
        response = en_client.get("/accounts/otp/?next=/cases/")
        assert response.status_code == 302 and response["Location"] == "/accounts/otp/setup/?next=%2Fcases%2F"

    def test_set_up_shows_the_secret_as_qr_image_and_text_and_confirms_with_a_code(
        self, newcomer, password_sign_in, en_client
    ):
        password_sign_in(newcomer.username)
        page = en_client.get("/accounts/otp/setup/?next=/cases/")
        html = page.content.decode()
        assert page.status_code == 200
        (src,) = re.findall(r'<img class="qr" src="([^"]+)"', html)
        assert src.startswith("data:image/svg+xml;base64,")
        assert base64.b64decode(src.split(",", 1)[1]).startswith(b"<svg")
        device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
        secret = base64.b32encode(device.bin_key).decode().rstrip("=")
        (shown,) = re.findall(r'<code class="secret"[^>]*>([A-Z2-7 ]+)</code>', html)
        assert shown.replace(" ", "") == secret
        assert en_client.get("/cases/").status_code == 302  # still not in

        wrong = en_client.post("/accounts/otp/setup/", {"code": wrong_totp_code(device), "next": "/cases/"})
        assert wrong.status_code == 400
        device.refresh_from_db()
        assert not device.confirmed

        with past_the_wait():
            right = en_client.post("/accounts/otp/setup/", {"code": totp_code(device), "next": "/cases/"})
            assert right.status_code == 302 and right["Location"] == "/cases/"
            device.refresh_from_db()
            assert device.confirmed
            assert en_client.get("/cases/").status_code == 200

    def test_a_second_visit_shows_the_same_secret(self, newcomer, password_sign_in, en_client):
        password_sign_in(newcomer.username)
        secret = re.compile(r'<code class="secret"[^>]*>([A-Z2-7 ]+)</code>')
        first = secret.findall(en_client.get("/accounts/otp/setup/").content.decode())
        assert first and secret.findall(en_client.get("/accounts/otp/setup/").content.decode()) == first
        assert TOTPDevice.objects.filter(user=newcomer).count() == 1


def test_set_up_is_no_way_around_an_existing_app(users, password_sign_in, en_client):
    password_sign_in("gemeente")
    response = en_client.get("/accounts/otp/setup/?next=/cases/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/otp/?")
    assert not TOTPDevice.objects.filter(user__username="gemeente", confirmed=False).exists()


def test_other_roles_may_set_up_an_app_and_are_then_asked_for_a_code(users, password_sign_in, en_client):
    password_sign_in("agent")
    page = en_client.get("/accounts/otp/setup/")
    assert page.status_code == 200 and "Protect your account" in page.content.decode()
    device = TOTPDevice.objects.get(user__username="agent")
    en_client.post("/accounts/otp/setup/", {"code": totp_code(device)})
    en_client.post("/accounts/logout/")

    password_sign_in("agent")
    assert en_client.get("/cases/")["Location"].startswith("/accounts/otp/")


@override_settings(OTP_REQUIRED_ROLES=["police_officer"])
def test_changing_the_setting_changes_who_is_asked(users, password_sign_in, en_client):
    password_sign_in("agent")
    assert en_client.get("/cases/")["Location"].startswith("/accounts/otp/")


def test_the_code_page_never_sends_to_another_site(users, password_sign_in, en_client):
    password_sign_in("gemeente")
    device = demo_device(users[Role.MUNICIPAL_OFFICER])
    response = en_client.post("/accounts/otp/", {"code": totp_code(device), "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/cases/"

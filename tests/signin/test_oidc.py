"""Single sign-on with the organisation's identity provider. No provider can be reached here, so
only the network is mocked: the token and userinfo answers, with an ID token really signed (HS256
with the client secret) and really checked, nonce included."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from django.contrib.messages import get_messages

from huisverbod.accounts.models import User

pytestmark = pytest.mark.django_db

CLIENT_ID = "huisverbod-test-client"
CLIENT_SECRET = "synthetic-client-secret-for-tests-only-0123456789"
IDP = "https://idp.example.test"


@pytest.fixture
def oidc_on(settings):
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{IDP}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{IDP}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{IDP}/userinfo"
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, settings.OIDC_BACKEND]
    return settings


def claims(**overrides) -> dict:
    base = {
        "sub": "e.bakker@gemeente-eindhoven.example",
        "email": "e.bakker@gemeente-eindhoven.example",
        "given_name": "Eva",
        "family_name": "Bakker",
        "organisation_code": "gemeente-eindhoven",
        "huisverbod_role": "municipal_officer",
    }
    return {k: v for k, v in {**base, **overrides}.items() if v is not None}


class FakeProvider:
    """The provider's two answers: a token (with a signed ID token) and the userinfo claims."""

    def __init__(self, userinfo: dict, id_token_extra: dict | None = None) -> None:
        self.userinfo = userinfo
        self.id_token_extra = id_token_extra or {}
        self.token_request: dict = {}

    def sign_in(self, client, next_url: str = "/cases/"):
        start = client.get("/oidc/authenticate/", {"next": next_url})
        params = parse_qs(urlsplit(start["Location"]).query)
        id_token = jwt.encode(
            {"iss": IDP, "aud": CLIENT_ID, "sub": self.userinfo.get("sub", "x"), "nonce": params["nonce"][0]}
            | self.id_token_extra,
            CLIENT_SECRET,
            algorithm="HS256",
        )
        token = mock.Mock(status_code=200)
        token.json.return_value = {"id_token": id_token, "access_token": "synthetic-access-token"}
        info = mock.Mock(status_code=200, headers={"content-type": "application/json"})
        info.json.return_value = self.userinfo
        with (
            mock.patch("mozilla_django_oidc.auth.requests.post", return_value=token) as post,
            mock.patch("mozilla_django_oidc.auth.requests.get", return_value=info) as get,
        ):
            response = client.get("/oidc/callback/", {"code": "synthetic-code", "state": params["state"][0]})
        self.token_request = post.call_args.kwargs["data"] if post.called else {}
        self.userinfo_headers = get.call_args.kwargs["headers"] if get.called else {}
        return response


def test_off_unless_a_client_id_is_set(organisations, en_client):
    assert en_client.get("/oidc/authenticate/").status_code == 404
    assert en_client.get("/oidc/callback/", {"code": "c", "state": "s"}).status_code == 404
    assert "Sign in with your organisation" not in en_client.get("/accounts/login/").content.decode()


def test_the_sign_in_page_offers_the_organisation_button(oidc_on, en_client):
    page = en_client.get("/accounts/login/?next=/cases/").content.decode()
    assert "Sign in with your organisation" in page
    assert 'href="/oidc/authenticate/?next=/cases/"' in page


def test_the_authorize_redirect_names_the_client_and_uses_pkce(oidc_on, en_client):
    response = en_client.get("/oidc/authenticate/", {"next": "/cases/"})
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{IDP}/authorize"
    params = parse_qs(target.query)
    assert params["client_id"] == [CLIENT_ID]
    assert params["response_type"] == ["code"]
    assert params["redirect_uri"] == ["http://testserver/oidc/callback/"]
    assert params["state"] and params["nonce"] and params["code_challenge_method"] == ["S256"]


def test_a_new_person_is_created_with_organisation_and_role(oidc_on, organisations, en_client):
    provider = FakeProvider(
        claims(huisverbod_role="veilig_thuis_professional", organisation_code="vt-utrecht")
    )
    response = provider.sign_in(en_client)
    assert response.status_code == 302 and response["Location"] == "/cases/"

    user = User.objects.get(username="e.bakker@gemeente-eindhoven.example")
    assert user.organisation == organisations["vt-utrecht"]
    assert user.role == "veilig_thuis_professional"
    assert (user.first_name, user.last_name, user.email) == (
        "Eva",
        "Bakker",
        "e.bakker@gemeente-eindhoven.example",
    )
    assert not user.has_usable_password() and not user.is_staff
    assert (
        provider.token_request["client_id"] == CLIENT_ID
        and provider.token_request["code"] == "synthetic-code"
    )
    assert provider.token_request["code_verifier"]
    assert provider.userinfo_headers == {"Authorization": "Bearer synthetic-access-token"}
    assert en_client.get("/cases/").status_code == 200


def test_organisation_and_role_are_updated_at_every_sign_in(oidc_on, organisations, en_client):
    FakeProvider(claims(huisverbod_role="care_professional", organisation_code="zorg-de-brug")).sign_in(
        en_client
    )
    en_client.post("/accounts/logout/")
    FakeProvider(claims(huisverbod_role="analyst", organisation_code="analyse-zorg-straf")).sign_in(en_client)
    user = User.objects.get(username="e.bakker@gemeente-eindhoven.example")
    assert (user.organisation.code, user.role) == ("analyse-zorg-straf", "analyst")
    assert User.objects.filter(email="e.bakker@gemeente-eindhoven.example").count() == 1


@pytest.mark.parametrize(
    ("override", "reason"),
    [
        ({"organisation_code": "gemeente-nergenshuizen"}, "unknown_organisation"),
        ({"organisation_code": None}, "unknown_organisation"),
        ({"huisverbod_role": "mayor"}, "unknown_role"),
        ({"huisverbod_role": "administrator"}, "unknown_role"),
        ({"huisverbod_role": None}, "unknown_role"),
    ],
)
def test_an_unknown_organisation_or_role_is_refused_and_nobody_created(
    oidc_on, organisations, en_client, caplog, override, reason
):
    caplog.set_level(logging.INFO, logger="huisverbod.signin")
    before = User.objects.count()
    response = FakeProvider(claims(**override)).sign_in(en_client)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert User.objects.count() == before
    assert "_auth_user_id" not in en_client.session
    (message,) = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Sign-in with your organisation did not succeed")
    refused = [
        r.msg for r in caplog.records if isinstance(r.msg, dict) and r.msg["event"] == "signin.oidc_refused"
    ]
    assert refused and refused[0]["reason"] == reason


def test_a_known_person_with_an_unknown_organisation_keeps_their_record_and_is_refused(
    oidc_on, organisations, en_client
):
    FakeProvider(claims(huisverbod_role="analyst", organisation_code="analyse-zorg-straf")).sign_in(en_client)
    en_client.post("/accounts/logout/")
    FakeProvider(claims(organisation_code="gemeente-nergenshuizen")).sign_in(en_client)
    user = User.objects.get(username="e.bakker@gemeente-eindhoven.example")
    assert (user.organisation.code, user.role) == ("analyse-zorg-straf", "analyst")
    assert "_auth_user_id" not in en_client.session


def test_a_required_role_still_needs_the_code_without_mfa_from_the_provider(
    oidc_on, organisations, en_client
):
    FakeProvider(claims(), {"amr": ["pwd"]}).sign_in(en_client)
    assert en_client.get("/cases/")["Location"].startswith("/accounts/otp/")


@pytest.mark.parametrize("amr", [["pwd", "mfa"], ["otp"], "mfa"])
def test_mfa_asserted_by_the_provider_counts_as_the_second_factor(oidc_on, organisations, en_client, amr):
    FakeProvider(claims(), {"amr": amr}).sign_in(en_client)
    assert en_client.get("/cases/").status_code == 200


def test_the_provider_mfa_can_be_distrusted(oidc_on, organisations, en_client):
    oidc_on.OIDC_TRUST_AMR_MFA = False
    FakeProvider(claims(), {"amr": ["mfa"]}).sign_in(en_client)
    assert en_client.get("/cases/")["Location"].startswith("/accounts/otp/")


def test_password_sign_in_still_works_next_to_oidc(oidc_on, users, en_client):
    response = en_client.post("/accounts/login/", {"username": "agent", "password": "huisverbod-demo"})
    assert response.status_code == 302 and response["Location"] == "/cases/"


def test_a_client_id_without_the_endpoints_refuses_to_start():
    env = {k: v for k, v in os.environ.items() if not k.startswith("OIDC_")}
    env.update(OIDC_RP_CLIENT_ID=CLIENT_ID, DJANGO_SETTINGS_MODULE="huisverbod.conf.settings.test")
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert "OIDC_OP_AUTHORIZATION_ENDPOINT" in result.stderr and "OIDC_OP_JWKS_ENDPOINT" in result.stderr

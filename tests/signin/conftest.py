from __future__ import annotations

import pytest
from django.test import Client
from django.utils import translation


@pytest.fixture(autouse=True)
def _keep_the_active_language():
    """The test client leaves the last request's language active in this thread; English from
    these tests must not leak into later ones (the OpenAPI test compares Dutch labels)."""
    language = translation.get_language()
    yield
    translation.activate(language)


@pytest.fixture
def en_client() -> Client:
    """A browser that asks for English, so tests read the English msgids."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def password_sign_in(en_client):
    def sign_in(username: str, password: str = "huisverbod-demo"):
        return en_client.post("/accounts/login/", {"username": username, "password": password})

    return sign_in

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture
def en_client() -> Client:
    """A browser that asks for English, so tests read the English msgids."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def password_sign_in(en_client):
    def sign_in(username: str, password: str = "huisverbod-demo"):
        return en_client.post("/accounts/login/", {"username": username, "password": password})

    return sign_in

from __future__ import annotations

from django.http import HttpRequest

from huisverbod.signin.oidc import oidc_enabled


def sign_in_options(request: HttpRequest) -> dict[str, bool]:
    """Whether the sign-in page offers "Sign in with your organisation" (no query)."""
    return {"oidc_enabled": oidc_enabled()}

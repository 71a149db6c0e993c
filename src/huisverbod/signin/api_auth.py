"""HTTP Basic for the API, for the roles that may sign in with a password alone.

A Basic request carries a password and nothing else, so it can never show a second factor: for a
user who needs one it would be a way around it. Such users use the API from a signed-in session.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.authentication import BasicScheme
from rest_framework import exceptions
from rest_framework.authentication import BasicAuthentication
from rest_framework.request import Request

from huisverbod.signin.events import record_warning
from huisverbod.signin.second_factor import has_confirmed_device, role_requires_otp


class SecondFactorRequired(exceptions.PermissionDenied):
    default_code = "second_factor_required"


class PasswordOnlyBasicAuthentication(BasicAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if role_requires_otp(user) or has_confirmed_device(user):
            record_warning("signin.basic_refused", request._request, user_id=user.pk)
            raise SecondFactorRequired(
                _(
                    "Second factor required: this account cannot use a password alone. Sign in "
                    "on the website and enter the code from your authenticator app."
                )
            )
        return result


class PasswordOnlyBasicScheme(BasicScheme):
    """The same ``basicAuth`` scheme in the OpenAPI document (registered by being defined)."""

    target_class = "huisverbod.signin.api_auth.PasswordOnlyBasicAuthentication"

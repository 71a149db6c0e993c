"""Who needs a second factor, and whether this session has given one.

A user needs it when their role is in ``settings.OTP_REQUIRED_ROLES`` or when they set up an
authenticator app themselves. The session has given it when django-otp verified a device, or
when the organisation's identity provider asserted multi-factor sign-in (``amr``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest
from django_otp import user_has_device

# Set at sign-in, so that checking a user who has no device costs no query on every request.
SESSION_ENROLLED = "signin_otp_enrolled"
SESSION_IDP_MFA = "signin_idp_mfa"


def role_requires_otp(user: Any) -> bool:
    return getattr(user, "role", "") in settings.OTP_REQUIRED_ROLES


def has_confirmed_device(user: Any) -> bool:
    return bool(user_has_device(user, confirmed=True))


@receiver(user_logged_in, dispatch_uid="signin.remember_second_factor")
def remember_at_sign_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    request.session[SESSION_ENROLLED] = has_confirmed_device(user)
    request.session[SESSION_IDP_MFA] = bool(getattr(user, "idp_asserted_mfa", False))


def second_factor_given(request: HttpRequest) -> bool:
    if request.session.get(SESSION_IDP_MFA):
        return True
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def needs_second_factor(request: HttpRequest) -> bool:
    """True when the signed-in user must still give a code before seeing anything."""
    user = request.user
    if not user.is_authenticated:
        return False
    if not (role_requires_otp(user) or request.session.get(SESSION_ENROLLED)):
        return False
    return not second_factor_given(request)

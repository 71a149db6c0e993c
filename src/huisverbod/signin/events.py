"""The sign-in event log: one structured line per sign-in, failure, lockout and code check.

No secrets: never a password or a code, and never the typed username of a failed attempt (people
type their password into that field); the user id when the account exists, and the request's
trace id, which ties the event to the request log."""

from __future__ import annotations

from typing import Any

import structlog
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

log = structlog.get_logger("huisverbod.signin")


def _trace_id(request: HttpRequest | None) -> str | None:
    return getattr(request, "trace_id", None)


def _user_id_for(username: Any) -> int | None:
    if not isinstance(username, str) or not username:
        return None
    return get_user_model().objects.filter(username=username).values_list("pk", flat=True).first()


def record(event: str, request: HttpRequest | None, **fields: Any) -> None:
    log.info(event, trace_id=_trace_id(request), **fields)


def record_warning(event: str, request: HttpRequest | None, **fields: Any) -> None:
    log.warning(event, trace_id=_trace_id(request), **fields)


@receiver(user_logged_in, dispatch_uid="signin.logged_in")
def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    method = "oidc" if getattr(user, "backend", "") == settings.OIDC_BACKEND else "password"
    record("signin.success", request, user_id=user.pk, method=method)


@receiver(user_login_failed, dispatch_uid="signin.login_failed")
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    record_warning("signin.failure", request, user_id=_user_id_for(credentials.get("username")))


@receiver(user_locked_out, dispatch_uid="signin.locked_out")
def _locked_out(sender: Any, request: HttpRequest, username: str | None = None, **kwargs: Any) -> None:
    record_warning("signin.locked_out", request, user_id=_user_id_for(username))


@receiver(user_logged_out, dispatch_uid="signin.logged_out")
def _logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record("signin.signed_out", request, user_id=getattr(user, "pk", None))

"""The page shown when django-axes locks a sign-in out: a page in the user's language that
says how long to wait, not a bare 429."""

from __future__ import annotations

from typing import Any

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

LOCKED_OUT_STATUS = 429


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    cool_off = get_cool_off(request)
    now = timezone.now()
    # Axes restarts the cool-off at every attempt during a lockout, so the wait runs from now.
    wait = timeuntil(now + cool_off, now) if cool_off else None
    if wait:
        message = _("Too many failed sign-in attempts. You can try again in %(wait)s.") % {"wait": wait}
    else:
        message = _("Too many failed sign-in attempts. Ask your administrator to unlock your account.")
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"errors": [{"field": "$", "message": message}], "reason": "locked_out"}, status=LOCKED_OUT_STATUS
        )
    return render(request, "signin/lockout.html", {"message": message}, status=LOCKED_OUT_STATUS)

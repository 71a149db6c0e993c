"""Nothing before the second factor: a signed-in user who still owes a code is sent to the code
page from every URL but the few needed to give it (or to leave)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from huisverbod.signin.second_factor import needs_second_factor

EXEMPT_VIEW_NAMES = frozenset({"signin:otp-verify", "signin:otp-setup", "logout", "set_language"})
API_PATH_PREFIX = "/api/"


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        # process_view, not __call__: the resolved view name is known here, so the exemptions
        # follow the URL names rather than hard-coded paths.
        match = request.resolver_match
        if match is not None and match.view_name in EXEMPT_VIEW_NAMES:
            return None
        if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return None
        if not needs_second_factor(request):
            return None
        if request.path_info.startswith(API_PATH_PREFIX):
            return JsonResponse(
                {
                    "errors": [
                        {
                            "field": "$",
                            "message": _(
                                "Second factor required: sign in on the website and enter the code "
                                "from your authenticator app first."
                            ),
                        }
                    ],
                    "reason": "second_factor_required",
                },
                status=403,
            )
        target = reverse("signin:otp-verify") + "?" + urlencode({"next": request.get_full_path()})
        if request.headers.get("HX-Request"):
            # htmx would swap the code page into a fragment; make it load the whole page.
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return HttpResponseRedirect(target)

"""The second-factor pages: the code page and the authenticator set-up page."""

from __future__ import annotations

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from huisverbod.signin.events import record, record_warning
from huisverbod.signin.forms import CodeForm
from huisverbod.signin.qr import grouped_base32, qr_data_uri
from huisverbod.signin.second_factor import SESSION_ENROLLED, role_requires_otp, second_factor_given


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure()):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(view_name: str, next_url: str) -> str:
    return reverse(view_name) + "?" + urlencode({"next": next_url})


def _verified(request: HttpRequest, device: TOTPDevice, event: str) -> None:
    django_otp.login(request, device)
    # A new session key once the second factor is given: a key learnt before it is worthless.
    request.session.cycle_key()
    record(event, request, user_id=request.user.pk)


@login_required
@require_http_methods(["GET", "POST"])
def otp_verify(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if second_factor_given(request):
        return redirect(next_url)
    devices = list(TOTPDevice.objects.devices_for_user(request.user, confirmed=True))
    if not devices:
        return redirect(_with_next("signin:otp-setup", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        waiting = _throttled(devices)
        if not waiting:
            for device in devices:
                if django_otp.verify_token(request.user, device.persistent_id, form.cleaned_data["code"]):
                    _verified(request, device, "signin.otp_success")
                    return redirect(next_url)
        record_warning("signin.otp_failure", request, user_id=request.user.pk, throttled=waiting)
        form.add_error("code", _wait_message() if waiting else _wrong_code_message())
    status = 400 if request.method == "POST" else 200
    return render(request, "signin/otp_verify.html", {"form": form, "next": next_url}, status=status)


def _wait_message() -> str:
    return _("Too many wrong codes. Wait a moment, then enter the newest code.")


def _wrong_code_message() -> str:
    return _("This code is not right. Check the time on your phone, then try the newest code.")


def _throttled(devices: list[TOTPDevice]) -> bool:
    """django-otp doubles the wait after each wrong code (1 s, 2 s, 4 s ...) against guessing."""
    return not any(device.verify_is_allowed()[0] for device in devices)


@login_required
@require_http_methods(["GET", "POST"])
def otp_setup(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    user = request.user
    if TOTPDevice.objects.devices_for_user(user, confirmed=True).exists():
        # Adding a device must never be a way around the existing one: with one, a code comes
        # first; replacing a lost phone is the administrator's job (delete the old device).
        if not second_factor_given(request):
            return redirect(_with_next("signin:otp-verify", next_url))
        return render(request, "signin/otp_setup_done.html", {"next": next_url})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator app", confirmed=False)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        waiting = _throttled([device])
        if not waiting and device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            request.session[SESSION_ENROLLED] = True
            _verified(request, device, "signin.otp_enrolled")
            messages.success(
                request, _("Your authenticator app is linked. You need a code from it at every sign-in.")
            )
            return redirect(next_url)
        record_warning("signin.otp_failure", request, user_id=user.pk, throttled=waiting, during="setup")
        form.add_error("code", _wait_message() if waiting else _wrong_code_message())
    context = {
        "form": form,
        "next": next_url,
        "qr_src": qr_data_uri(device.config_url),
        "secret": grouped_base32(device.bin_key),
        "required": role_requires_otp(user),
    }
    return render(request, "signin/otp_setup.html", context, status=400 if request.method == "POST" else 200)

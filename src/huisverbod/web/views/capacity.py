"""Providers and capacity: every care service with its free places and waiting time; a care
provider's staff keep their own services up to date here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import User
from huisverbod.monitoring.capacity import own_services, services_for, update_capacity
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.models import ServiceKind
from huisverbod.web.forms_monitoring import CapacityForm


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _page(
    request: HttpRequest, forms: dict[int, CapacityForm] | None = None, status: int = 200
) -> HttpResponse:
    user = _user(request)
    services = list(services_for())
    own = list(own_services(user))
    kind = request.GET.get("kind", "")
    groups = [
        {"kind": value, "label": label, "services": [s for s in services if s.kind == value]}
        for value, label in ServiceKind.choices
        if not kind or kind == value
    ]
    built = {
        s.pk: CapacityForm(initial={"free_places": s.free_places, "waiting_days": s.waiting_days})
        for s in own
    }
    built.update(forms or {})
    return render(
        request,
        "web/monitoring/capacity.html",
        {
            "nav": "capacity",
            "groups": [g for g in groups if g["services"]],
            "kinds": ServiceKind.choices,
            "kind": kind,
            "own": [{"service": s, "form": built[s.pk]} for s in own],
        },
        status=status,
    )


@login_required
@require_safe
def capacity(request: HttpRequest) -> HttpResponse:
    if not can(_user(request), Action.VIEW_CAPACITY):
        raise PermissionDenied
    return _page(request)


@login_required
@require_POST
def capacity_update(request: HttpRequest, service_id: int) -> HttpResponse:
    user = _user(request)
    service = get_object_or_404(own_services(user), pk=service_id)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            update_capacity(service, user, **form.cleaned_data)
        except MonitoringError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("The capacity of %(service)s is updated.") % {"service": service.name}
            )
            return redirect("web:capacity")
    return _page(request, {service.pk: form}, status=400)

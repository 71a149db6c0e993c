"""Referrals: the list and a new referral with its capacity check, a referral's history, and its
status changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import User
from huisverbod.audit.log import AuditContext
from huisverbod.monitoring import referrals as service
from huisverbod.monitoring.capacity import capacity_check, services_for
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.models import Referral
from huisverbod.web.forms_monitoring import ReferralForm, ReferralStatusForm
from huisverbod.web.views.common import case_for, log_case
from huisverbod.web.views.monitoring import monitoring_context, refuse


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_http_methods(["GET", "POST"])
def referrals(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Action.VIEW_MONITORING if request.method == "GET" else Action.REFER)
    user = _user(request)
    order = service.current_order(case)
    in_force = order is not None and order.order_state.in_force
    form = None
    check = None
    if can(user, Action.REFER, case) and in_force and order is not None:
        options = services_for(order)
        if request.method == "POST":
            form = ReferralForm(request.POST, case=case, services=options, check_url=request.path)
            chosen_id = request.POST.get("service", "")
        else:  # a capacity check of the chosen service, before the referral is made
            initial = {
                k: request.GET[k] for k in ("involvement", "service", "help_needed") if k in request.GET
            }
            form = ReferralForm(case=case, services=options, initial=initial, check_url=request.path)
            chosen_id = request.GET.get("service", "")
        chosen = options.filter(pk=int(chosen_id)).first() if chosen_id.isdigit() else None
        if chosen is not None:
            check = capacity_check(chosen, order)
        if request.method == "POST" and form.is_valid():
            values = form.cleaned_data
            try:
                made = service.refer(
                    case,
                    user,
                    involvement=values["involvement"],
                    service=values["service"],
                    help_needed=values["help_needed"],
                    consent_basis=values["consent_basis"],
                    consent_text=values["consent_text"],
                    confidential_address_needed=values["confidential_address_needed"],
                    context=AuditContext.for_request(request),
                )
            except MonitoringError as exc:
                refuse(form, exc)
            else:
                messages.success(
                    request,
                    _("The referral is sent. %(provider)s can see what its help needs until monitoring ends.")
                    % {"provider": made.provider.name},
                )
                return redirect("web:referral-detail", pk=case.pk, referral_id=made.pk)
    if request.method == "POST" and form is None:
        return HttpResponse(status=400)
    if request.method == "GET":
        log_case(request, "referral-view", case)
    context = monitoring_context(request, case, "referrals")
    context.update(
        {
            "referrals": Referral.objects.filter(case=case)
            .select_related("involvement__person", "service", "provider")
            .order_by("-created_at"),
            "form": form,
            "check": check,
            "in_force": in_force,
        }
    )
    htmx = getattr(request, "htmx", None)
    if htmx and htmx.target == "capacity":
        return render(request, "web/monitoring/_capacity_check.html", context)
    return render(
        request, "web/monitoring/referrals.html", context, status=400 if request.method == "POST" else 200
    )


def _referral(request: HttpRequest, pk: int, referral_id: int, action: Action) -> Referral:
    case = case_for(request, pk, action)
    return get_object_or_404(
        Referral.objects.select_related("case", "involvement__person", "service", "provider", "order"),
        pk=referral_id,
        case=case,
    )


def _detail(
    request: HttpRequest, referral: Referral, form: ReferralStatusForm | None, status: int
) -> HttpResponse:
    context = monitoring_context(request, referral.case, "referrals")
    context.update(
        {
            "referral": referral,
            "changes": referral.changes.select_related("actor", "organisation").order_by("at", "pk"),
            "form": form,
            "check": capacity_check(referral.service, referral.order) if referral.order.ends_at else None,
        }
    )
    return render(request, "web/monitoring/referral_detail.html", context, status=status)


@login_required
@require_safe
def referral_detail(request: HttpRequest, pk: int, referral_id: int) -> HttpResponse:
    referral = _referral(request, pk, referral_id, Action.VIEW_MONITORING)
    log_case(request, "referral-view", referral.case, detail={"referral": referral.pk})
    allowed = service.choices_for(_user(request), referral)
    form = ReferralStatusForm(allowed=allowed) if allowed else None
    return _detail(request, referral, form, 200)


@login_required
@require_POST
def referral_status(request: HttpRequest, pk: int, referral_id: int) -> HttpResponse:
    referral = _referral(request, pk, referral_id, Action.UPDATE_REFERRAL)
    user = _user(request)
    if not service.sides(user, referral):
        return HttpResponse(status=403)
    form = ReferralStatusForm(request.POST, allowed=service.choices_for(user, referral))
    if form.is_valid():
        values = form.cleaned_data
        try:
            service.change_status(
                referral,
                user,
                to=values["status"],
                note=values["note"],
                started_on=values["started_on"],
                expected_start=values["expected_start"],
                context=AuditContext.for_request(request),
            )
        except MonitoringError as exc:
            refuse(form, exc)
        else:
            messages.success(request, _("The referral's status is recorded."))
            return redirect("web:referral-detail", pk=pk, referral_id=referral.pk)
    return _detail(request, referral, form, 400)

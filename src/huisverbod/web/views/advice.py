"""The extension advice for the mayor, and closing monitoring after the order has ended."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import User
from huisverbod.audit.log import AuditContext
from huisverbod.monitoring import advice as advice_service
from huisverbod.monitoring import closing as closing_service
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.labels import advice_display
from huisverbod.monitoring.models import Closing, PersonEvaluation
from huisverbod.orders.models import Order
from huisverbod.web.forms_monitoring import HandoverForm, PersonEvaluationFormSet
from huisverbod.web.views.common import log_case
from huisverbod.web.views.monitoring import monitoring_context
from huisverbod.web.views.orders import order_for


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _order(request: HttpRequest, order_id: int, action: Action) -> Order:
    order = order_for(request, order_id)
    if not can(_user(request), action, order.case):
        raise Http404  # the order exists for the user, this part of it does not
    return order


def advice_for_page(order: Order) -> dict[str, Any] | None:
    """The advice to show, with its labels (see ``monitoring.advice.shown``)."""
    shown = advice_service.shown(order)
    if shown is not None:
        shown["display"] = advice_display(shown["content"])
    return shown


@login_required
@require_safe
def extension_advice(request: HttpRequest, order_id: int) -> HttpResponse:
    order = _order(request, order_id, Action.VIEW_EXTENSION_ADVICE)
    log_case(request, "extension-advice-view", order.case, detail={"order": order.number})
    context = monitoring_context(request, order.case, "advice")
    context.update({"order": order, "advice": advice_for_page(order)})
    return render(request, "web/monitoring/advice.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def closing(request: HttpRequest, order_id: int) -> HttpResponse:
    order = _order(
        request, order_id, Action.VIEW_FACTS if request.method == "GET" else Action.CLOSE_MONITORING
    )
    user = _user(request)
    done = Closing.objects.filter(order=order).select_related("closed_by", "organisation").first()
    may_close = done is None and can(user, Action.CLOSE_MONITORING, order.case)
    proposals = closing_service.proposals(order) if may_close and order.order_state.ended else []
    names = {p.involvement.pk: p.involvement for p in proposals}
    initial = [
        {
            "involvement": p.involvement.pk,
            "help_started": p.help_started,
            "help_started_during_order": p.help_started_during_order,
            "new_incidents": p.new_incidents,
            "referral_outcome": p.referral_outcome,
        }
        for p in proposals
    ]
    formset = PersonEvaluationFormSet(request.POST or None, initial=initial, prefix="p")
    handover = HandoverForm(request.POST or None, initial={"handover": "none"})
    status = 200
    if request.method == "POST":
        status = 400
        if not may_close:
            handover.add_error(None, _("Monitoring of this order is already closed."))
        elif formset.is_valid() and handover.is_valid():
            evaluations = {f.cleaned_data["involvement"]: f.cleaned_data for f in formset.forms}
            try:
                closing_service.close(
                    order,
                    user,
                    evaluations=evaluations,
                    handover=handover.cleaned_data["handover"],
                    handover_note=handover.cleaned_data["handover_note"],
                    context=AuditContext.for_request(request),
                )
            except MonitoringError as exc:
                handover.add_error(
                    exc.field if exc.field in handover.fields else None,
                    _("Monitoring is closed after the order has ended.")
                    if exc.code == "order_in_force"
                    else exc.message,
                )
            else:
                messages.success(request, _("Monitoring is closed; care providers no longer have access."))
                return redirect("web:closing", order_id=order.pk)
    else:
        log_case(request, "closing-view", order.case, detail={"order": order.number})
    context = monitoring_context(request, order.case, "closing")
    context.update(
        {
            "order": order,
            "done": done,
            "evaluations": PersonEvaluation.objects.filter(closing=done).select_related("involvement__person")
            if done
            else [],
            "may_close": may_close and order.order_state.ended,
            "rows": [
                {"form": f, "involvement": names.get(int(f.initial.get("involvement") or 0))}
                for f in formset.forms
            ],
            "formset": formset,
            "handover": handover,
        }
    )
    return render(request, "web/monitoring/closing.html", context, status=status)

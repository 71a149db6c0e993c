"""The order page and its decisions: impose, confirm in writing, extend, withdraw; reachability,
appeals, violations; the beschikkingen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from huisverbod.access.policy import Action
from huisverbod.access.services import can, visible_cases
from huisverbod.accounts.models import User
from huisverbod.audit.log import AuditContext, record
from huisverbod.core.orders.lifecycle import allowed_actions
from huisverbod.core.orders.vocabulary import OrderAction
from huisverbod.monitoring.advice import extend as extend_with_advice
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.orders import services
from huisverbod.orders.labels import deadline_label, decision_text
from huisverbod.orders.models import Appeal, DeadlineStatus, Document, Order
from huisverbod.web.forms_orders import (
    AppealForm,
    CourtDecisionForm,
    ExtendForm,
    ImposeForm,
    ReachabilityForm,
    ViolationForm,
    WithdrawForm,
)
from huisverbod.web.views.common import case_for, log_case


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def order_for(request: HttpRequest, order_id: int) -> Order:
    order = get_object_or_404(
        Order.objects.select_related("case__dwelling", "municipality", "perpetrator__person", "assessment"),
        pk=order_id,
    )
    if not visible_cases(_user(request)).filter(pk=order.case_id).exists():
        raise Http404
    if not can(_user(request), Action.VIEW_ORDER, order.case):
        raise Http404
    return order


def remaining(until: datetime | None, now: datetime) -> str:
    """'3 days and 4 hours' (or 'passed')."""
    if until is None:
        return ""
    delta = until - now
    if delta <= timedelta(0):
        return _("passed")
    days, seconds = delta.days, delta.seconds
    hours, minutes = seconds // 3600, (seconds % 3600) // 60
    if days:
        return (
            ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
            + " "
            + _("and")
            + " "
            + ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
        )
    return (
        ngettext("%(n)d hour", "%(n)d hours", hours) % {"n": hours}
        + " "
        + _("and")
        + " "
        + ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    )


def _countdown(order: Order) -> dict[str, Any]:
    now = timezone.now()
    next_deadline = (
        order.deadlines.filter(status=DeadlineStatus.OPEN, due_at__gt=now)
        .exclude(kind="latest_extension_end")
        .first()
    )
    return {
        "now": now,
        "ends_in": remaining(order.ends_at, now) if order.order_state.in_force else "",
        "next": next_deadline,
        "next_label": deadline_label(next_deadline.kind) if next_deadline else "",
        "next_in": remaining(next_deadline.due_at, now) if next_deadline else "",
    }


def _actions(order: Order, user: User) -> set[str]:
    """What the signed-in person may do here, and nothing else."""
    role = services.actor_role(user)
    core = {a.value for a in allowed_actions(order.order_state, role)}
    may = set()
    if can(user, Action.IMPOSE_ORDER, order.case):
        may |= core & {
            OrderAction.IMPOSE_ORALLY,
            OrderAction.IMPOSE_IN_WRITING,
            OrderAction.CONFIRM_IN_WRITING,
        }
    if can(user, Action.DECIDE_ORDER, order.case):
        may |= core & {OrderAction.EXTEND, OrderAction.WITHDRAW}
        if order.imposed_at is not None:
            may.add("appeal")
            if order.appeals.filter(decision="pending").exists():
                may.add("court_decision")
    if order.order_state.in_force and can(user, Action.ADD_FACT, order.case):
        may.add("violation")
        if order.reachability_stated_at is None:
            may.add("reachability")
    return may


def order_context(
    request: HttpRequest, order: Order, forms_: dict[str, forms.Form] | None = None
) -> dict[str, Any]:
    from huisverbod.web.views.advice import advice_for_page  # it uses order_for: import when needed

    user = _user(request)
    may = _actions(order, user)
    default_end = order.latest_extension_end
    built = {
        "extend": ExtendForm(initial={"new_end": timezone.localtime(default_end) if default_end else None}),
        "withdraw": WithdrawForm(),
        "reachability": ReachabilityForm(),
        "appeal": AppealForm(initial={"lodged_at": timezone.localtime()}),
        "court_decision": CourtDecisionForm(
            initial={
                "appeal": order.appeals.filter(decision="pending").values_list("pk", flat=True).first(),
                "decided_at": timezone.localtime(),
            }
        ),
        "violation": ViolationForm(initial={"occurred_at": timezone.localtime()}),
        **(forms_ or {}),
    }
    advice = advice_for_page(order) if can(user, Action.VIEW_EXTENSION_ADVICE, order.case) else None
    if not (advice and advice["display"]["improper_if_extended"]):
        # The extra reason is asked only when the advice flags a waiting list as the only issue.
        built["extend"].fields.pop("improper_reason_noted", None)
    return {
        "order": order,
        "case": order.case,
        "nav": "cases",
        "may": may,
        "advice": advice,
        "monitoring": can(user, Action.VIEW_MONITORING, order.case),
        "may_close_monitoring": can(user, Action.VIEW_FACTS, order.case),
        # A decision's reason and a violation's description can carry facts: only for those who
        # may see the case's facts (not, e.g., a care provider with time-boxed access).
        "show_reasons": can(user, Action.VIEW_FACTS, order.case),
        "forms": built,
        "countdown": _countdown(order),
        "deadlines": [{"row": d, "label": deadline_label(d.kind)} for d in order.deadlines.all()],
        "events": order.events.select_related("actor", "organisation").all(),
        "documents": order.documents.defer("pdf").all(),
        "appeals": order.appeals.all(),
        "violations": order.violations.select_related("fact").all(),
        "protected": order.protected.select_related("person").order_by("position"),
    }


@login_required
@require_safe
def order_detail(request: HttpRequest, order_id: int) -> HttpResponse:
    order = order_for(request, order_id)
    log_case(request, "case-view", order.case, detail={"order": order.number})
    return render(request, "web/order_detail.html", order_context(request, order))


@login_required
@require_safe
def order_countdown(request: HttpRequest, order_id: int) -> HttpResponse:
    order = order_for(request, order_id)
    return render(request, "web/_order_countdown.html", {"order": order, "countdown": _countdown(order)})


def _do(
    request: HttpRequest,
    order: Order,
    name: str,
    form: forms.Form,
    call: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except services.OrderError as exc:
            message = _decision_message(exc)
            form.add_error(exc.field if exc.field in form.fields else None, message)
        except MonitoringError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, _improper_message(exc))
        else:
            record(
                AuditContext.for_request(request),
                "order-decision",
                subjects={
                    order.case.reference: list(order.case.involvements.values_list("person_id", flat=True))
                },
                detail={"order": order.number, "action": name},
            )
            messages.success(request, done)
            return redirect("web:order-detail", order_id=order.pk)
    order.refresh_from_db()
    return render(request, "web/order_detail.html", order_context(request, order, {name: form}), status=400)


def _improper_message(exc: MonitoringError) -> str:
    if exc.code == "improper_reason_required":
        return _(
            "The extension advice says a waiting list is the only open issue, which is not a reason "
            "to extend (art. 9 lid 1 Wth). Record why you extend anyway."
        )
    return exc.message


def _decision_message(exc: services.OrderError) -> str:
    return decision_text(exc.code, exc.params, exc.message) if exc.code else exc.message


@login_required
@require_POST
def order_action(request: HttpRequest, order_id: int, name: str) -> HttpResponse:
    order = order_for(request, order_id)
    user = _user(request)
    if name not in _actions(order, user) and not (
        name == "impose"
        and _actions(order, user) & {OrderAction.IMPOSE_ORALLY, OrderAction.IMPOSE_IN_WRITING}
    ):
        return HttpResponse(status=403)
    if name == "impose":
        oral = request.POST.get("form") == "oral"
        form: forms.Form = forms.Form(request.POST)
        return _do(
            request,
            order,
            name,
            form,
            lambda d: services.impose(order, user, oral=oral),
            _("The huisverbod is imposed."),
        )
    if name == OrderAction.CONFIRM_IN_WRITING:
        return _do(
            request,
            order,
            name,
            forms.Form(request.POST),
            lambda d: services.confirm_in_writing(order, user),
            _("The written beschikking is issued."),
        )
    if name == OrderAction.EXTEND:
        return _do(
            request,
            order,
            name,
            ExtendForm(request.POST),
            lambda d: extend_with_advice(
                order,
                user,
                new_end=d["new_end"],
                reason=d["reason"],
                improper_reason_noted=d["improper_reason_noted"],
                context=AuditContext.for_request(request),
            ),
            _("The huisverbod is extended."),
        )
    if name == OrderAction.WITHDRAW:
        return _do(
            request,
            order,
            name,
            WithdrawForm(request.POST),
            lambda d: services.withdraw(order, user, reason=d["reason"]),
            _("The huisverbod is withdrawn."),
        )
    if name == "reachability":
        return _do(
            request,
            order,
            name,
            ReachabilityForm(request.POST),
            lambda d: services.record_reachability(order, user, statement=d["statement"]),
            _("The reachability statement is recorded."),
        )
    if name == "appeal":
        return _do(
            request,
            order,
            name,
            AppealForm(request.POST),
            lambda d: services.record_appeal(
                order,
                user,
                lodged_at=d["lodged_at"],
                court_case_number=d["court_case_number"],
                provisional_relief=d["provisional_relief"],
                hearing_at=d["hearing_at"],
            ),
            _("The appeal is recorded."),
        )
    if name == "court_decision":

        def decide(d: dict[str, Any]) -> object:
            appeal = get_object_or_404(Appeal, pk=d["appeal"], order=order)
            return services.record_court_decision(
                appeal, user, decision=d["decision"], decided_at=d["decided_at"], ruling=d["ruling"]
            )

        return _do(
            request,
            order,
            name,
            CourtDecisionForm(request.POST),
            decide,
            _("The court's decision is recorded."),
        )
    if name == "violation":
        return _do(
            request,
            order,
            name,
            ViolationForm(request.POST),
            lambda d: services.register_violation(
                order, user, occurred_at=d["occurred_at"], description=d["description"]
            ),
            _("The violation is registered and the organisations involved are notified."),
        )
    raise Http404


@login_required
@require_safe
def document_download(request: HttpRequest, order_id: int, number: str) -> HttpResponse:
    order = order_for(request, order_id)
    if not can(_user(request), Action.VIEW_FACTS, order.case):
        # The beschikking states the facts and circumstances: not for care providers.
        return HttpResponse(status=403)
    document = get_object_or_404(Document, order=order, number=number)
    record(
        AuditContext.for_request(request),
        "document-download",
        subjects={order.case.reference: list(order.case.involvements.values_list("person_id", flat=True))},
        detail={"document": document.number, "sha256": document.sha256},
    )
    response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.number}.pdf"'
    response["X-Content-SHA256"] = document.sha256
    return response


def _allowed_modes(request: HttpRequest, case_pk: int) -> list[str]:
    user = _user(request)
    case = visible_cases(user).filter(pk=case_pk).first()
    if case is None:
        return []
    modes = []
    if can(user, Action.IMPOSE_ORDER, case):
        modes += ["oral", "written"]
    if can(user, Action.IMPOSE_ORDER, case) or can(user, Action.RUN_ASSESSMENT, case):
        modes.append("prepare")
    return modes


@login_required
@require_http_methods(["GET", "POST"])
def order_new(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Action.VIEW_ORDER)
    user = _user(request)
    modes = _allowed_modes(request, case.pk)
    if not modes:
        return HttpResponse(status=403)
    latest = case.assessments.order_by("-version").first()
    perpetrator = case.involvements.filter(role="perpetrator").first()
    initial = {
        "mode": modes[0],
        "assessment": latest,
        "perpetrator": perpetrator,
        "protected": services.protectable(case),
        "municipality": services.competent_municipality(case),
    }
    form = ImposeForm(request.POST or None, case=case, allowed_modes=modes, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = services.create_order(
                case,
                user,
                assessment=data["assessment"],
                perpetrator=data["perpetrator"],
                protected=data["protected"],
                municipality=data["municipality"],
            )
            if data["mode"] != "prepare":
                services.impose(order, user, oral=data["mode"] == "oral")
        except services.OrderError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, _decision_message(exc))
        else:
            log_case(request, "order-decision", case, detail={"order": order.number, "mode": data["mode"]})
            done = (
                _("The huisverbod is prepared.")
                if data["mode"] == "prepare"
                else _("The huisverbod is imposed.")
            )
            messages.success(request, done)
            return redirect("web:order-detail", order_id=order.pk)
    else:
        log_case(request, "case-view", case, detail={"form": "order"})
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "web/order_new.html",
        {"case": case, "form": form, "nav": "cases", "no_assessment": latest is None},
        status=status,
    )

"""Monitoring pages of a case: the care plan per person, and the shared timeline."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import Role, User
from huisverbod.audit.log import AuditContext
from huisverbod.cases.models import Case
from huisverbod.monitoring import care_plan as plans
from huisverbod.monitoring import timeline
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.models import CarePlanItem
from huisverbod.monitoring.referrals import current_order
from huisverbod.orders.labels import deadline_label
from huisverbod.orders.models import DeadlineStatus
from huisverbod.web.forms_monitoring import CarePlanItemForm, TimelineEntryForm
from huisverbod.web.views.common import case_for, log_case


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def monitoring_context(request: HttpRequest, case: Case, tab: str) -> dict[str, Any]:
    """What every monitoring page shows: the case, its order and which tabs the user may open."""
    user = _user(request)
    order = current_order(case)
    return {
        "case": case,
        "order": order,
        "tab": tab,
        "nav": "cases",
        "may": {a.value: can(user, a, case) for a in Action},
    }


def refuse(form: Any, exc: MonitoringError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
@require_http_methods(["GET", "POST"])
def care_plan(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Action.VIEW_MONITORING if request.method == "GET" else Action.EDIT_CARE_PLAN)
    user = _user(request)
    care = user.role == Role.CARE_PROFESSIONAL
    form = None
    if can(user, Action.EDIT_CARE_PLAN, case):
        form = CarePlanItemForm(request.POST or None, case=case, provider_fixed=care)
    if request.method == "POST" and form is not None and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            plans.add_item(
                case, user, data.pop("involvement"), data, context=AuditContext.for_request(request)
            )
        except MonitoringError as exc:
            refuse(form, exc)
        else:
            messages.success(request, _("The care plan is updated."))
            return redirect("web:care-plan", pk=case.pk)
    if request.method == "GET":
        log_case(request, "care-plan-view", case)
    context = monitoring_context(request, case, "care-plan")
    people = plans.plan_of(case, context["order"])
    context.update(
        {
            "people": [
                {"plan": p, "rows": [{"row": r, "editable": plans.may_edit(user, r.item)} for r in p.rows]}
                for p in people
            ],
            "form": form,
            "advised_needs": _advised_needs(case),
        }
    )
    return render(
        request, "web/monitoring/care_plan.html", context, status=400 if request.method == "POST" else 200
    )


def _advised_needs(case: Case) -> list[str]:
    """The help the joint assessment advised (its care measure), as a starting point."""
    latest = case.assessments.order_by("-version").first()
    if latest is None:
        return []
    for measure in latest.result_nl.get("advice", {}).get("measures", []) if latest.result_nl else []:
        if measure.get("id") == "care_referral" and measure.get("advised"):
            return [str(measure.get("reason", ""))]
    return []


@login_required
@require_http_methods(["GET", "POST"])
def care_plan_item(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    case = case_for(request, pk, Action.EDIT_CARE_PLAN)
    user = _user(request)
    item = get_object_or_404(
        CarePlanItem.objects.select_related("involvement__person"), pk=item_id, case=case
    )
    if not plans.may_edit(user, item):
        return HttpResponse(status=403)
    care = user.role == Role.CARE_PROFESSIONAL
    initial = {f: getattr(item, f) for f in plans.FIELDS}
    form = CarePlanItemForm(
        request.POST or None, case=case, provider_fixed=care, with_person=False, initial=initial
    )
    if item.referrals.exists():
        for name in ("kind", "provider"):
            if name in form.fields:
                form.fields[name].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            plans.update_item(item, user, dict(form.cleaned_data), context=AuditContext.for_request(request))
        except MonitoringError as exc:
            refuse(form, exc)
        else:
            messages.success(request, _("The care plan is updated."))
            return redirect(reverse("web:care-plan", args=[case.pk]) + f"#item-{item.pk}")
    if request.method == "GET":
        log_case(request, "care-plan-view", case, detail={"item": item.pk})
    context = monitoring_context(request, case, "care-plan")
    context.update({"item": item, "form": form})
    return render(
        request,
        "web/monitoring/care_plan_item.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def timeline_page(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Action.VIEW_MONITORING if request.method == "GET" else Action.WRITE_TIMELINE)
    user = _user(request)
    form = None
    if can(user, Action.WRITE_TIMELINE, case):
        form = TimelineEntryForm(
            request.POST or None,
            case=case,
            visibilities=timeline.visibilities_for(user, case),
            initial={
                "occurred_at": timezone.localtime().replace(second=0, microsecond=0),
                "visibility": "all_involved",
            },
        )
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            entry = timeline.write_entry(
                case,
                user,
                kind=data["kind"],
                visibility=data["visibility"],
                text=data["text"],
                occurred_at=data["occurred_at"],
                party=data["party"],
            )
        except MonitoringError as exc:
            refuse(form, exc)
        else:
            log_case(request, "timeline-entry-create", case, detail={"entry": entry.pk, "kind": entry.kind})
            messages.success(
                request, _("The entry is on the timeline; the organisations involved are notified.")
            )
            return redirect(reverse("web:timeline", args=[case.pk]) + f"#entry-{entry.pk}")
    if request.method == "GET":
        log_case(request, "timeline-view", case)
    context = monitoring_context(request, case, "timeline")
    entries = list(timeline.visible_entries(user, case))
    order = context["order"]
    deadlines = []
    if order is not None and can(user, Action.VIEW_ORDER, case):
        deadlines = [
            {"row": d, "label": deadline_label(d.kind)}
            for d in order.deadlines.filter(status=DeadlineStatus.OPEN).exclude(kind="latest_extension_end")
        ]
    context.update({"entries": entries, "deadlines": deadlines, "form": form})
    return render(
        request, "web/monitoring/timeline.html", context, status=400 if request.method == "POST" else 200
    )

"""The decision after a saved assessment (a huisverbod imposed records its own decision)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import User
from huisverbod.assessments.models import Assessment
from huisverbod.cases.models import Case
from huisverbod.decisions.models import Decision, NotPossibleReason, Outcome
from huisverbod.decisions.services import DecisionError, proposed_reasons, record_decision
from huisverbod.web.forms_decisions import DecisionForm
from huisverbod.web.views.assessment import snapshot_context
from huisverbod.web.views.common import case_for, log_case


def decision_context(request: HttpRequest, case: Case, snapshot: Assessment) -> dict[str, Any]:
    """The decision on a saved assessment, or the form to record one (for those who may)."""
    user: User = request.user  # type: ignore[assignment]
    decision = Decision.objects.filter(assessment=snapshot).select_related("order", "organisation").first()
    may_record = decision is None and can(user, Action.RECORD_DECISION, case)
    initial: dict[str, Any] = {}
    if may_record:
        reasons = proposed_reasons(snapshot)
        initial = {"reasons": reasons, "outcome": Outcome.NOT_POSSIBLE if reasons else Outcome.NO_ORDER}
    return {
        "decision": decision,
        "decision_measures": list(decision.measures.filter(removed_at=None)) if decision else [],
        "may_record_decision": may_record,
        "decision_form": DecisionForm(initial=initial) if may_record else None,
        "reason_choices": NotPossibleReason.choices,
    }


@login_required
@require_POST
def decision_record(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    case = case_for(request, pk, Action.RECORD_DECISION)
    snapshot = get_object_or_404(Assessment, case=case, version=version)
    user: User = request.user  # type: ignore[assignment]
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = record_decision(
                snapshot,
                user,
                outcome=data["outcome"],
                reasons=data["reasons"],
                reason=data["reason"],
                measures=[(m, data["taken_on"]) for m in data["measures"]],
            )
        except DecisionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            log_case(
                request,
                "decision-record",
                case,
                detail={"assessment": version, "outcome": decision.outcome, "measures": data["measures"]},
            )
            messages.success(request, _("The decision is recorded."))
            return redirect("web:assessment-snapshot", pk=case.pk, version=version)
    context = snapshot_context(request, case, snapshot)
    context["decision_form"] = form
    return render(request, "web/assessment_snapshot.html", context, status=400)

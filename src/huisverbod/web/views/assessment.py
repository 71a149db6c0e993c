"""The "samen-op-in-acuut" screen: police alone and police with Veilig Thuis side by side, the
items a professional confirms or overrides, and the saved snapshots."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import User
from huisverbod.assessments import labels
from huisverbod.assessments.models import Assessment
from huisverbod.assessments.services import add_override, item_questions, save_snapshot, side_by_side
from huisverbod.cases.labels import fact_type_label
from huisverbod.cases.models import Case, SourceChoices
from huisverbod.core.assessment import AssessmentResult
from huisverbod.core.instruments.errors import OverrideError
from huisverbod.web.forms import OverrideForm, SnapshotForm
from huisverbod.web.views.common import case_for, log_case


def _language() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _signal_rows(alone: AssessmentResult, joint: AssessmentResult, language: str) -> list[dict[str, Any]]:
    """Per instrument: its parts and signals, each with both ratings and the joint view's facts."""
    instruments = []
    for instrument, ra, rb in zip(joint.instruments, alone.run.results, joint.run.results, strict=True):
        parts = []
        for pa, pb in zip(ra.parts, rb.parts, strict=True):
            signals = [
                {
                    "label": joint.label(rb.id, sb.id, language),
                    "alone": sa.rating.value,
                    "joint": sb.rating.value,
                    "changed": sa.rating != sb.rating,
                    "facts": list(sb.facts),
                    "added": [f for f in sb.facts if f not in sa.facts],
                }
                for sa, sb in zip(pa.signals, pb.signals, strict=True)
            ]
            parts.append({"label": joint.label(rb.id, pb.id, language), "signals": signals})
        instruments.append(
            {
                "title": instrument.title(language),
                "version": rb.version,
                "parts": parts,
                "alone": joint.label(rb.id, ra.conclusion, language),
                "joint": joint.label(rb.id, rb.conclusion, language),
                "changed": ra.conclusion != rb.conclusion,
            }
        )
    return instruments


def _summary(result: AssessmentResult, contract: dict[str, Any]) -> dict[str, Any]:
    return {
        "sources": [str(dict(SourceChoices.choices).get(s, s)) for s in result.sources],
        "advice": contract["advice"]["huisverbod"],
        "advice_label": labels.advice(contract["advice"]["huisverbod"]),
        "route": labels.route(contract["advice"].get("route")),
        "reason": contract["advice"].get("reason", ""),
        "red": result.red_count(),
        "possible": contract["legal"]["possible"],
    }


def assessment_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    language = _language()
    comparison = side_by_side(case)
    alone, joint = comparison.a, comparison.b
    ca, cb = alone.to_contract(language), joint.to_contract(language)
    facts = {f.id: f for f in joint.casefile.facts}
    added = comparison.to_dict()["facts_added"]
    return {
        "case": case,
        "nav": "cases",
        "may_run": can(user, Action.RUN_ASSESSMENT, case),
        "alone": _summary(alone, ca),
        "joint": _summary(joint, cb),
        "added_by_source": [
            {
                "label": dict(SourceChoices.choices).get(source, source),
                "facts": [
                    {"id": fid, "type": fact_type_label(facts[fid].type), "text": facts[fid].text}
                    for fid in ids
                ],
            }
            for source, ids in added.items()
        ],
        "criteria": [
            {
                "label": labels.criterion(c["id"]),
                "alone": a["met"],
                "joint": c["met"],
                "reason": c["reason"],
                "article": c.get("article", ""),
                "facts": c["facts"],
            }
            for a, c in zip(ca["legal"]["criteria"], cb["legal"]["criteria"], strict=True)
        ],
        "requirements": cb["legal"]["requirements"],
        "instruments": _signal_rows(alone, joint, language),
        "measures": [
            {
                "label": labels.measure(m["id"]),
                "track": labels.track(m["track"]),
                "alone": a["advised"],
                "joint": m["advised"],
                "reason": m["reason"],
                "facts": m.get("facts", []),
            }
            for a, m in zip(ca["advice"]["measures"], cb["advice"]["measures"], strict=True)
        ],
        "overrides": list(case.draft_overrides.select_related("created_by")),
        "questions": item_questions(language),
        "override_form": OverrideForm(case=case, questions=item_questions(language)),
        "snapshot_form": SnapshotForm(),
        "snapshots": case.assessments.select_related("created_by", "organisation").order_by("-version"),
        "order": cb.get("order"),
    }


@login_required
@require_safe
def assessment(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Action.VIEW_ASSESSMENT)
    log_case(request, "assessment-run", case, detail={"views": ["police", "joint"]})
    return render(request, "web/assessment.html", assessment_context(request, case))


@login_required
@require_POST
def override_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Action.RUN_ASSESSMENT)
    user: User = request.user  # type: ignore[assignment]
    form = OverrideForm(request.POST, case=case, questions=item_questions(_language()))
    if form.is_valid():
        data = form.cleaned_data
        try:
            add_override(
                case,
                user,
                item=data["item"],
                answer=data["answer"] == "yes",
                reason=data["reason"],
                facts=data["facts"],
            )
        except OverrideError as exc:
            form.add_error(None, str(exc))
        else:
            log_case(request, "assessment-run", case, detail={"override": data["item"]})
            messages.success(request, _("The item is recorded with your reason."))
            return redirect("web:assessment", pk=case.pk)
    context = assessment_context(request, case)
    context["override_form"] = form
    return render(request, "web/assessment.html", context, status=400)


@login_required
@require_POST
def override_remove(request: HttpRequest, pk: int, item: str) -> HttpResponse:
    case = case_for(request, pk, Action.RUN_ASSESSMENT)
    case.draft_overrides.filter(item=item).delete()
    return redirect("web:assessment", pk=case.pk)


@login_required
@require_POST
def assessment_save(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Action.RUN_ASSESSMENT)
    user: User = request.user  # type: ignore[assignment]
    form = SnapshotForm(request.POST)
    if not form.is_valid():
        context = assessment_context(request, case)
        context["snapshot_form"] = form
        return render(request, "web/assessment.html", context, status=400)
    snapshot = save_snapshot(case, user, note=form.cleaned_data["note"])
    log_case(request, "assessment-save", case, detail={"version": snapshot.version})
    messages.success(request, _("Assessment version %(version)s is saved.") % {"version": snapshot.version})
    return redirect("web:assessment-snapshot", pk=case.pk, version=snapshot.version)


@login_required
@require_safe
def assessment_snapshot(request: HttpRequest, pk: int, version: int) -> HttpResponse:
    case = case_for(request, pk, Action.VIEW_ASSESSMENT)
    snapshot = get_object_or_404(
        Assessment.objects.select_related("created_by", "organisation"), case=case, version=version
    )
    log_case(request, "case-view", case, detail={"assessment": version})
    return render(request, "web/assessment_snapshot.html", snapshot_context(request, case, snapshot))


def snapshot_context(request: HttpRequest, case: Case, snapshot: Assessment) -> dict[str, Any]:
    from huisverbod.web.views.decisions import decision_context

    result = snapshot.result_nl if _language() == "nl" and snapshot.result_nl else snapshot.result
    return {
        "case": case,
        "nav": "cases",
        "snapshot": snapshot,
        "result": result,
        "advice_label": labels.advice(result["advice"]["huisverbod"]),
        "route_label": labels.route(result["advice"].get("route")),
        "criteria": [{**c, "label": labels.criterion(c["id"])} for c in result["legal"]["criteria"]],
        "measures": [
            {**m, "label": labels.measure(m["id"]), "track_label": labels.track(m["track"])}
            for m in result["advice"]["measures"]
        ],
        **decision_context(request, case, snapshot),
    }

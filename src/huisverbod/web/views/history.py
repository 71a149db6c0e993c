"""History lookup on a case: ask with a purpose and legal basis, judge the candidates with their
explanation, confirm or reject each one; confirmed records become facts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from huisverbod.access.policy import Action
from huisverbod.accounts.models import User
from huisverbod.audit.log import AuditContext
from huisverbod.registries import labels
from huisverbod.registries.models import Lookup, Registry
from huisverbod.registries.services import LEGAL_BASES, LookupRefused, decide, lookup_history
from huisverbod.web.views.common import case_for, log_case


class LookupForm(forms.Form):
    registry = forms.ChoiceField(label=gettext_lazy("Registry"), choices=Registry.choices)
    purpose = forms.CharField(
        label=gettext_lazy("Purpose"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Why this history is needed for this case. Recorded with the lookup."),
    )
    legal_basis = forms.ChoiceField(label=gettext_lazy("Legal basis"), choices=list(LEGAL_BASES.items()))


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
@require_http_methods(["GET", "POST"])
def history(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Action.LOOKUP_HISTORY)
    form = LookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            lookup = lookup_history(
                case,
                _user(request),
                registry=data["registry"],
                purpose=data["purpose"],
                legal_basis=data["legal_basis"],
                context=AuditContext.for_request(request),
            )
        except LookupRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("web:history-result", pk=case.pk, lookup_id=lookup.pk)
    lookups = case.history_lookups.select_related("requested_by", "organisation")[:20]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "web/history.html",
        {"case": case, "form": form, "lookups": lookups, "nav": "cases"},
        status=status,
    )


def _people(lookup: Lookup) -> list[dict[str, Any]]:
    decided = {
        (link.involvement.local_id, link.record_id): link
        for link in lookup.links.select_related("involvement", "fact")
    }
    involvements = {inv.local_id: inv for inv in lookup.case.involvements.select_related("person")}
    people = []
    for local_id, result in lookup.results.items():
        inv = involvements.get(local_id)
        if inv is None:
            continue
        candidates = []
        for c in result["candidates"]:
            candidates.append(
                {
                    **c,
                    "band_label": labels.band_label(c["band"]),
                    "fields": [
                        {
                            **f,
                            "field_label": labels.field_label(f["field"]),
                            "level_label": labels.level_label(f["field"], f["level"]),
                        }
                        for f in c["fields"]
                    ],
                    "notes": [labels.note_label(n["code"]) for n in c.get("notes", [])],
                    "link": decided.get((local_id, c["record_id"])),
                }
            )
        people.append({"involvement": inv, "candidates": candidates})
    return people


@login_required
@require_safe
def history_result(request: HttpRequest, pk: int, lookup_id: int) -> HttpResponse:
    case = case_for(request, pk, Action.LOOKUP_HISTORY)
    lookup = get_object_or_404(Lookup.objects.select_related("requested_by"), pk=lookup_id, case=case)
    log_case(request, "case-view", case, detail={"history_lookup": lookup.pk})
    return render(
        request,
        "web/history_result.html",
        {
            "case": case,
            "lookup": lookup,
            "people": _people(lookup),
            "nav": "cases",
            "legal_basis": LEGAL_BASES.get(lookup.legal_basis, lookup.legal_basis),
        },
    )


@login_required
@require_POST
def history_decide(request: HttpRequest, pk: int, lookup_id: int) -> HttpResponse:
    case = case_for(request, pk, Action.LOOKUP_HISTORY)
    lookup = get_object_or_404(Lookup, pk=lookup_id, case=case)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "reject"):
        return HttpResponse(status=400)
    try:
        link = decide(
            lookup,
            _user(request),
            person=request.POST.get("person", ""),
            record_id=request.POST.get("record_id", ""),
            confirm=decision == "confirm",
            context=AuditContext.for_request(request),
        )
    except LookupRefused as exc:
        messages.error(request, exc.message)
    else:
        if link.fact is not None:
            messages.success(
                request,
                _("Record %(record)s is confirmed and added as fact %(fact)s.")
                % {"record": link.record_id, "fact": link.fact.local_id},
            )
        else:
            messages.success(
                request, _("Record %(record)s is rejected: it is not used.") % {"record": link.record_id}
            )
    return redirect("web:history-result", pk=case.pk, lookup_id=lookup.pk)

"""Sharing a case with another organisation, and a person's protected details."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from huisverbod.access.models import Reason
from huisverbod.access.policy import Action
from huisverbod.access.services import grant
from huisverbod.accounts.models import User
from huisverbod.audit.log import AuditContext, record
from huisverbod.cases.models import Involvement
from huisverbod.cases.services import update_person_details
from huisverbod.web.forms import PersonDetailsForm, ShareForm
from huisverbod.web.views.cases import case_context
from huisverbod.web.views.common import case_for


@login_required
@require_POST
def case_share(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Action.SHARE_CASE)
    user: User = request.user  # type: ignore[assignment]
    form = ShareForm(request.POST, case=case)
    if not form.is_valid():
        context = case_context(request, case)
        context["share_form"] = form
        return render(request, "web/case_detail.html", context, status=400)
    organisation = form.cleaned_data["organisation"]
    access = grant(
        case, organisation, Reason(form.cleaned_data["reason"]), by=user, note=form.cleaned_data["note"]
    )
    record(
        AuditContext.for_request(request),
        "case-share",
        subjects={case.reference: list(case.involvements.values_list("person_id", flat=True))},
        detail={"organisation": organisation.code, "reason": access.reason},
    )
    messages.success(
        request, _("The case is shared with %(organisation)s.") % {"organisation": organisation.name}
    )
    return redirect(reverse("web:case-detail", args=[case.pk]) + "#involved")


@login_required
@require_http_methods(["GET", "POST"])
def person_details(request: HttpRequest, pk: int, local_id: str) -> HttpResponse:
    case = case_for(request, pk, Action.EDIT_PERSON)
    involvement = get_object_or_404(
        Involvement.objects.select_related("person"), case=case, local_id=local_id
    )
    person = involvement.person
    form = PersonDetailsForm(request.POST or None, instance=person)
    context = AuditContext.for_request(request)
    if request.method == "POST" and form.is_valid():
        changed = update_person_details(person, form.cleaned_data)
        record(context, "person-update", subjects={case.reference: [person.pk]}, detail={"fields": changed})
        messages.success(
            request,
            _("The details of %(name)s are saved.") % {"name": f"{person.given_names} {person.surname}"},
        )
        return redirect("web:case-detail", pk=case.pk)
    record(context, "case-view", subjects={case.reference: [person.pk]}, detail={"form": "person"})
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "web/person_form.html",
        {"case": case, "involvement": involvement, "form": form, "nav": "cases"},
        status=status,
    )

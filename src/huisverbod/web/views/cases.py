"""The case list, the case page and adding a fact."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from huisverbod.access.fields import person_fields
from huisverbod.access.models import CaseAccess
from huisverbod.access.policy import CASE_ROLES, Action, role_may
from huisverbod.access.services import can, visible_cases
from huisverbod.accounts.models import User
from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_cases
from huisverbod.cases.labels import fact_type_label
from huisverbod.cases.models import Case, FactPerson, Involvement, SourceChoices
from huisverbod.cases.services import FactRefused, add_fact
from huisverbod.web.forms import FactForm, ShareForm
from huisverbod.web.views.common import HtmxHttpRequest, case_for, log_case

CASE_LIST_LIMIT = 100


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    role = getattr(request.user, "role", "")
    if role not in CASE_ROLES and role_may(role, Action.VIEW_FIGURES):
        return redirect("web:figures")  # analysts see figures, never a case
    return redirect("web:case-list")


@login_required
@require_safe
def case_list(request: HtmxHttpRequest) -> HttpResponse:
    user = request.user
    query = request.GET.get("q", "").strip()
    cases = (
        visible_cases(user)
        .search(query)
        .select_related("dwelling")
        .annotate(person_count=Count("involvements", distinct=True), fact_count=Count("facts", distinct=True))
        .order_by("-assessment_time", "reference")
    )
    shown = list(cases[:CASE_LIST_LIMIT])
    if shown:
        record(
            AuditContext.for_request(request),
            "case-list",
            subjects=of_cases(shown),
            detail={"query": bool(query)},
        )
    context = {
        "cases": shown,
        "query": query,
        "total": cases.count() if len(shown) == CASE_LIST_LIMIT else len(shown),
        "limit": CASE_LIST_LIMIT,
        "no_case_role": user.role not in CASE_ROLES,
        "nav": "cases",
    }
    if request.htmx and request.htmx.target == "case-results":
        return render(request, "web/_case_results.html", context)
    return render(request, "web/case_list.html", context)


def _age(involvement: Involvement, case: Case) -> int:
    born = involvement.person.birth_date
    day = case.assessment_time.date()
    return day.year - born.year - int((day.month, day.day) < (born.month, born.day))


def _fact_groups(case: Case, names: dict[int, str]) -> tuple[list[dict[str, Any]], int]:
    facts = case.facts.select_related("stated_by__person").prefetch_related(
        Prefetch("persons", queryset=FactPerson.objects.order_by("relation", "position"))
    )
    by_source: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    for fact in facts.order_by("position"):
        links = list(fact.persons.all())
        by_source.setdefault(fact.source, []).append(
            {
                "fact": fact,
                "type_label": fact_type_label(fact.type),
                "about": [names[link.involvement_id] for link in links if link.relation == "about"],
                "against": [names[link.involvement_id] for link in links if link.relation == "against"],
                "stated_by": names.get(fact.stated_by_id) if fact.stated_by_id else None,
            }
        )
    labels = dict(SourceChoices.choices)
    order = [value for value, _label in SourceChoices.choices]
    groups = [
        {"source": source, "label": labels[source], "facts": by_source[source]}
        for source in sorted(by_source, key=order.index)
    ]
    return groups, sum(len(items) for items in by_source.values())


def case_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    user: User = request.user  # type: ignore[assignment]
    involvements = list(case.involvements.select_related("person").order_by("position"))
    names = {inv.pk: f"{inv.person.given_names} {inv.person.surname}" for inv in involvements}
    may = {action.value: can(user, action, case) for action in Action}
    groups, fact_count = _fact_groups(case, names) if may["view_facts"] else ([], 0)
    grants = (
        CaseAccess.objects.active().filter(case=case).select_related("organisation").order_by("granted_at")
    )
    return {
        "case": case,
        "may": may,
        "involvements": [
            {"involvement": inv, "age": _age(inv, case), "fields": person_fields(user, case, inv.person)}
            for inv in involvements
        ],
        "relationships": [
            {"first": names[r.first_id], "second": names[r.second_id], "kind": r.get_kind_display()}
            for r in case.relationships.order_by("position")
        ],
        "fact_groups": groups,
        "fact_count": fact_count,
        "grants": grants,
        "orders": case.orders.all() if may["view_order"] else [],
        "may_order": may["impose_order"] or may["run_assessment"],
        "share_form": ShareForm(case=case) if may["share_case"] else None,
        "nav": "cases",
    }


@login_required
@require_safe
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Action.VIEW_CASE)
    log_case(request, "case-view", case)
    return render(request, "web/case_detail.html", case_context(request, case))


@login_required
@require_http_methods(["GET", "POST"])
def fact_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_for(request, pk, Action.ADD_FACT)
    user: User = request.user  # type: ignore[assignment]
    initial: dict[str, Any] = {"origin": "observation"}
    if user.organisation is not None:
        initial["source"] = user.organisation.fact_source.value
    form = FactForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            fact = add_fact(case, form.casefile_data(), actor=user)
        except FactRefused as exc:
            form.add_problems(exc.problems)
        else:
            involved = set(fact.about) | set(fact.harmed)
            ids = list(case.involvements.filter(local_id__in=involved).values_list("person_id", flat=True))
            record(
                AuditContext.for_request(request),
                "fact-create",
                subjects={case.reference: ids},
                detail={"fact": fact.id, "type": fact.type},
            )
            messages.success(request, _("Fact %(id)s added.") % {"id": fact.id})
            return redirect(reverse("web:case-detail", args=[case.pk]) + f"#fact-{fact.id}")
    else:
        log_case(request, "case-view", case, detail={"form": "fact"})
    status = 400 if request.method == "POST" else 200
    return render(request, "web/fact_form.html", {"case": case, "form": form, "nav": "cases"}, status=status)

"""Pages. Views parse, authorise, call a service and render; they never call each other."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_htmx.middleware import HtmxDetails

from huisverbod.cases.labels import fact_type_label
from huisverbod.cases.models import Case, CaseQuerySet, FactPerson, Involvement, SourceChoices
from huisverbod.cases.services import FactRefused, add_fact
from huisverbod.web.forms import FactForm

CASE_LIST_LIMIT = 100


def _visible_cases(request: HttpRequest) -> CaseQuerySet:
    return Case.objects.all()


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("web:case-list")


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


@login_required
def case_list(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    cases = (
        _visible_cases(request)
        .search(query)
        .select_related("dwelling")
        .annotate(person_count=Count("involvements", distinct=True), fact_count=Count("facts", distinct=True))
        .order_by("-assessment_time", "reference")
    )
    total = cases.count()
    context = {"cases": cases[:CASE_LIST_LIMIT], "query": query, "total": total, "limit": CASE_LIST_LIMIT}
    if request.htmx and request.htmx.target == "case-results":
        return render(request, "web/_case_results.html", context)
    return render(request, "web/case_list.html", context)


def _case_context(case: Case) -> dict[str, Any]:
    involvements = list(case.involvements.select_related("person").order_by("position"))
    names = {inv.pk: f"{inv.person.given_names} {inv.person.surname}" for inv in involvements}
    facts = case.facts.select_related("stated_by__person").prefetch_related(
        Prefetch("persons", queryset=FactPerson.objects.order_by("relation", "position"))
    )
    by_source: OrderedDict[str, list[dict[str, Any]]] = OrderedDict()
    source_labels = dict(SourceChoices.choices)
    for fact in facts.order_by("position"):
        by_source.setdefault(fact.source, []).append(
            {
                "fact": fact,
                "type_label": fact_type_label(fact.type),
                "about": [
                    names[link.involvement_id] for link in fact.persons.all() if link.relation == "about"
                ],
                "against": [
                    names[link.involvement_id] for link in fact.persons.all() if link.relation == "against"
                ],
                "stated_by": names.get(fact.stated_by_id) if fact.stated_by_id else None,
            }
        )
    order = [value for value, _label in SourceChoices.choices]
    groups = [
        {"source": source, "label": source_labels[source], "facts": by_source[source]}
        for source in sorted(by_source, key=order.index)
    ]
    return {
        "case": case,
        "involvements": [{"involvement": inv, "age": _age(inv, case)} for inv in involvements],
        "relationships": [
            {"first": names[r.first_id], "second": names[r.second_id], "kind": r.get_kind_display()}
            for r in case.relationships.order_by("position")
        ],
        "fact_groups": groups,
        "fact_count": sum(len(facts) for facts in by_source.values()),
    }


def _age(involvement: Involvement, case: Case) -> int:
    born = involvement.person.birth_date
    day = case.assessment_time.date()
    return day.year - born.year - int((day.month, day.day) < (born.month, born.day))


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(_visible_cases(request).select_related("dwelling", "started_by"), pk=pk)
    return render(request, "web/case_detail.html", _case_context(case))


@login_required
@require_http_methods(["GET", "POST"])
def fact_create(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(_visible_cases(request), pk=pk)
    user = request.user
    initial: dict[str, Any] = {"origin": "observation"}
    organisation = getattr(user, "organisation", None)
    if organisation is not None:
        initial["source"] = organisation.fact_source.value
    form = FactForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            fact = add_fact(case, form.casefile_data(), actor=user)  # type: ignore[arg-type]
        except FactRefused as exc:
            form.add_problems(exc.problems)
        else:
            messages.success(request, _("Fact %(id)s added.") % {"id": fact.id})
            return redirect(reverse("web:case-detail", args=[case.pk]) + f"#fact-{fact.id}")
    status = 400 if request.method == "POST" else 200
    return render(request, "web/fact_form.html", {"case": case, "form": form}, status=status)

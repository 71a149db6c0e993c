"""The scenario lab: run past cases under another law parameter set, and read the results
(docs/scenario-lab.md). Nothing here changes a case, an assessment or an order."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import User
from huisverbod.assessments import labels
from huisverbod.audit.log import AuditContext
from huisverbod.core.scenario.summary import PublishedTable
from huisverbod.scenarios import services
from huisverbod.scenarios.labels import change_label, column_label, row_label, table_title
from huisverbod.web.forms_scenarios import ScenarioForm

RUNS_SHOWN = 25
TRANSITIONS = ("advice", "route")  # rows and columns are the same codes: the diagonal is "unchanged"


def _table(table: PublishedTable) -> dict[str, Any]:
    """A published table with the labels of its rows and columns, for the template."""
    transition = table.id in TRANSITIONS
    return {
        "id": table.id,
        "title": table_title(table.id),
        "columns": [{"key": c, "label": column_label(table.id, c)} for c in table.columns],
        "rows": [
            {
                "key": row.key,
                "label": row_label(table.id, row.key),
                "cells": [
                    {
                        "column": column,
                        "value": cell.value,
                        "diagonal": transition and column == row.key,
                        "moved": transition and column != row.key and bool(cell.value),
                    }
                    for column, cell in zip(table.columns, row.cells, strict=True)
                ],
                "total": row.total.value,
            }
            for row in table.rows
        ],
        "totals": [
            {"column": c, "value": cell.value} for c, cell in zip(table.columns, table.totals, strict=True)
        ],
        "total": table.total.value,
    }


def _user(request: HttpRequest) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not can(user, Action.RUN_SCENARIO):
        raise PermissionDenied
    return user


def _lab(request: HttpRequest, user: User, form: ScenarioForm, status: int = 200) -> HttpResponse:
    return render(
        request,
        "web/scenarios/lab.html",
        {
            "nav": "scenarios",
            "form": form,
            "runs": services.runs_for(user)[:RUNS_SHOWN],
            "sets": services.parameter_sets(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def scenario_lab(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if request.method != "POST":
        return _lab(request, user, ScenarioForm())
    form = ScenarioForm(request.POST)
    if form.is_valid():
        try:
            run = services.run(
                user,
                alternative=form.cleaned_data["alternative"],
                baseline=form.cleaned_data.get("baseline") or "",
                selection=form.selection(),
                context=AuditContext.for_request(request),
            )
        except services.ScenarioRefused as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("The scenario has been run on %(n)d cases.") % {"n": run.case_count})
            return redirect("web:scenario-run", run_id=run.pk)
    return _lab(request, user, form, status=400)


@login_required
@require_safe
def scenario_run(request: HttpRequest, run_id: int) -> HttpResponse:
    user = _user(request)
    run = get_object_or_404(services.runs_for(user), pk=run_id)
    view = services.view_of(user, run, AuditContext.for_request(request))
    return render(
        request,
        "web/scenarios/run.html",
        {
            "nav": "scenarios",
            "view": view,
            "run": run,
            "tables": [_table(t) for t in view.tables.values()],
            "examples": [
                {
                    "result": r,
                    "changes": [change_label(c) for c in r.changes],
                    "advice": (labels.advice(r.baseline_advice), labels.advice(r.alternative_advice)),
                }
                for r in view.examples
            ],
        },
    )

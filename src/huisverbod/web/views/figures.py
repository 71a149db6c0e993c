"""The policy figures: dashboard, CSV per table and the printable report. Analysts only
(``Action.VIEW_FIGURES``); every figure shown or exported is protected by small-cell suppression
and the read or export is in the processing log (no data subject: aggregates)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import User
from huisverbod.audit.log import AuditContext, record
from huisverbod.figures import export
from huisverbod.figures.report import Filters, dashboard, default_filters, render_pdf
from huisverbod.figures.services import published_figures
from huisverbod.web.forms_figures import FiguresFilterForm


def _filters(request: HttpRequest) -> tuple[FiguresFilterForm, Filters]:
    user: User = request.user  # type: ignore[assignment]
    if not can(user, Action.VIEW_FIGURES):
        raise PermissionDenied(Action.VIEW_FIGURES.value)
    default = default_filters()
    data = {"period": default.period, "level": default.level, "start": default.start, "end": default.end}
    data.update({k: v for k, v in request.GET.items() if k in data and v})
    form = FiguresFilterForm(data)
    if not form.is_valid():
        form = FiguresFilterForm({k: v for k, v in data.items() if k not in form.errors})
        form.is_valid()
    return form, form.filters()


def _query(filters: Filters) -> str:
    return urlencode(
        {"period": filters.period, "level": filters.level, "start": filters.start, "end": filters.end}
    )


def _detail(filters: Filters, **extra: str) -> dict[str, object]:
    return {
        "period": filters.period,
        "level": filters.level,
        "start": filters.start.isoformat(),
        "end": filters.end.isoformat(),
        **extra,
    }


@login_required
@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    context = {**dashboard(filters), "form": form, "nav": "figures", "query": _query(filters)}
    record(AuditContext.for_request(request), "figures-view", detail=_detail(filters))
    template = "web/_figures_body.html" if getattr(request, "htmx", False) else "web/figures.html"
    return render(request, template, context)


@login_required
@require_safe
def figures_csv(request: HttpRequest, table: str) -> HttpResponse:
    _form, filters = _filters(request)
    if table not in export.table_ids():
        raise Http404
    figures = published_figures(filters.period, filters.level, filters.start, filters.end)
    response = HttpResponse(export.table_csv(figures, table), content_type="text/csv; charset=utf-8")
    name = f"huisverbod-{table}-{filters.level}-{filters.period}-{filters.start}-{filters.end}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    record(
        AuditContext.for_request(request),
        "figures-export",
        detail=_detail(filters, table=table, format="csv"),
    )
    return response


@login_required
@require_safe
def figures_pdf(request: HttpRequest) -> HttpResponse:
    _form, filters = _filters(request)
    response = HttpResponse(render_pdf(filters), content_type="application/pdf")
    name = f"huisverbod-cijfers-{filters.level}-{filters.period}-{filters.start}-{filters.end}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    record(AuditContext.for_request(request), "figures-export", detail=_detail(filters, format="pdf"))
    return response

"""REST API for the scenario lab: run past cases under another law parameter set, list the
organisation's runs, and read a run as this reader may see it (docs/scenario-lab.md).

The counts are published with small-cell suppression unless the reader may see every case
counted; example cases only among those the organisation was granted. Nothing in the cases,
assessments or orders changes."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import User
from huisverbod.api.errors import problems_response
from huisverbod.api.serializers import ErrorSerializer
from huisverbod.audit.log import AuditContext
from huisverbod.core.casefile.errors import Problem
from huisverbod.core.scenario.summary import PublishedCell, PublishedTable
from huisverbod.scenarios import services
from huisverbod.scenarios.models import ScenarioRun, SelectionKind


def _user(request: Request) -> User:
    user: User = request.user  # type: ignore[assignment]
    if not can(user, Action.RUN_SCENARIO):
        raise PermissionDenied("your role does not run scenarios")
    return user


class SelectionSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=SelectionKind.choices, default=SelectionKind.ALL)
    date_from = serializers.DateField(required=False, allow_null=True, help_text="kind=period")
    date_to = serializers.DateField(required=False, allow_null=True, help_text="kind=period")
    organisation = serializers.CharField(
        required=False, allow_blank=True, help_text="kind=municipality or region: the organisation's code"
    )
    references = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="kind=cases: only cases you may see"
    )


class ScenarioInputSerializer(serializers.Serializer[Any]):
    alternative = serializers.CharField(help_text="The id of the changed law's parameter set.")
    baseline = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Empty: the set each assessment used."
    )
    selection = SelectionSerializer(required=False)


class ParameterSetSerializer(serializers.Serializer[Any]):
    id = serializers.CharField()
    title = serializers.CharField()
    enacted = serializers.BooleanField()
    effective_from = serializers.DateField()
    initial_duration_days = serializers.IntegerField()
    max_duration_days = serializers.IntegerField()
    administrative_contact_ban = serializers.BooleanField()


class ScenarioRunSerializer(serializers.ModelSerializer[ScenarioRun]):
    created_by = serializers.CharField(source="created_by.username")
    baseline_set = serializers.CharField(help_text="Empty: each case under the set its assessment used.")
    # Declared, not derived from the model: the derived maximum would be the database's integer.
    case_count = serializers.IntegerField(min_value=0)
    duration_ms = serializers.IntegerField(min_value=0)

    class Meta:
        model = ScenarioRun
        fields = [
            "id",
            "created_at",
            "created_by",
            "role",
            "baseline_set",
            "alternative_set",
            "selection",
            "case_count",
            "duration_ms",
        ]


class CellSerializer(serializers.Serializer[Any]):
    value = serializers.IntegerField(allow_null=True, help_text="null: suppressed")
    suppressed = serializers.ChoiceField(choices=["primary", "secondary"], allow_null=True)


class RowSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    cells = CellSerializer(many=True)
    total = CellSerializer()


class TableSerializer(serializers.Serializer[Any]):
    id = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = RowSerializer(many=True)
    totals = CellSerializer(many=True)
    total = CellSerializer()


class ChangeSerializer(serializers.Serializer[Any]):
    subject = serializers.CharField()
    key = serializers.CharField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)
    article = serializers.CharField()
    reason = serializers.DictField(child=serializers.CharField())


class ExampleSerializer(serializers.Serializer[Any]):
    case = serializers.CharField()
    baseline_set = serializers.CharField()
    baseline_advice = serializers.CharField()
    alternative_advice = serializers.CharField()
    baseline_route = serializers.CharField()
    alternative_route = serializers.CharField()
    drift = serializers.BooleanField()
    error = serializers.CharField()
    changes = ChangeSerializer(many=True)


class ScenarioResultSerializer(serializers.Serializer[Any]):
    run = ScenarioRunSerializer()
    suppressed = serializers.BooleanField()
    threshold = serializers.IntegerField(allow_null=True)
    counts = serializers.DictField(child=serializers.IntegerField(allow_null=True))
    tables = TableSerializer(many=True)
    parameters = serializers.ListField(child=serializers.DictField())
    examples = ExampleSerializer(many=True)
    examples_hidden = serializers.IntegerField(allow_null=True)


def _cell(cell: PublishedCell) -> dict[str, Any]:
    return {"value": cell.value, "suppressed": cell.suppressed}


def _table(table: PublishedTable) -> dict[str, Any]:
    return {
        "id": table.id,
        "columns": list(table.columns),
        "rows": [
            {"key": r.key, "cells": [_cell(c) for c in r.cells], "total": _cell(r.total)} for r in table.rows
        ],
        "totals": [_cell(c) for c in table.totals],
        "total": _cell(table.total),
    }


def result_data(view: services.RunView) -> dict[str, Any]:
    return {
        "run": ScenarioRunSerializer(view.run).data,
        "suppressed": view.suppressed,
        "threshold": view.threshold,
        "counts": view.counts,
        "tables": [_table(t) for t in view.tables.values()],
        "parameters": view.parameters,
        "examples": [
            {
                "case": r.case.reference,
                "baseline_set": r.baseline_set,
                "baseline_advice": r.baseline_advice,
                "alternative_advice": r.alternative_advice,
                "baseline_route": r.baseline_route,
                "alternative_route": r.alternative_route,
                "drift": r.drift,
                "error": r.error,
                "changes": r.changes,
            }
            for r in view.examples
        ],
        "examples_hidden": view.examples_hidden,
    }


class ScenarioViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[ScenarioRun]):
    serializer_class = ScenarioRunSerializer
    queryset = ScenarioRun.objects.none()  # for the schema; the real one is per organisation
    lookup_url_kwarg = "run_id"
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[ScenarioRun]:
        if getattr(self, "swagger_fake_view", False):
            return ScenarioRun.objects.none()
        return services.runs_for(_user(self.request))

    @extend_schema(responses={200: ScenarioResultSerializer, 404: ErrorSerializer})
    def retrieve(self, request: Request, run_id: str | None = None) -> Response:
        run = self.get_object()
        view = services.view_of(_user(request), run, AuditContext.for_request(request._request))
        return Response(result_data(view))

    @extend_schema(
        request=ScenarioInputSerializer,
        responses={201: ScenarioResultSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def create(self, request: Request) -> Response:
        user = _user(request)
        data = ScenarioInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        chosen = values.get("selection") or {}
        selection = services.Selection(
            kind=SelectionKind(chosen.get("kind", SelectionKind.ALL)),
            date_from=chosen.get("date_from"),
            date_to=chosen.get("date_to"),
            organisation=chosen.get("organisation", ""),
            references=tuple(chosen.get("references", ())),
        )
        context = AuditContext.for_request(request._request)
        try:
            run = services.run(
                user,
                alternative=values["alternative"],
                baseline=values.get("baseline", ""),
                selection=selection,
                context=context,
            )
        except services.ScenarioRefused as exc:
            return problems_response([Problem(exc.field or "$", exc.message)])
        view = services.view_of(user, run, context)
        return Response(result_data(view), status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: ParameterSetSerializer(many=True)})
    @action(detail=False, methods=["get"], url_path="parameter-sets")
    def parameter_sets(self, request: Request) -> Response:
        _user(request)
        return Response(
            [
                {
                    "id": p.id,
                    "title": p.title,
                    "enacted": p.enacted,
                    "effective_from": p.effective_from,
                    "initial_duration_days": p.order.initial_duration_days,
                    "max_duration_days": p.order.max_duration_days,
                    "administrative_contact_ban": bool(p.measures and p.measures.administrative_contact_ban),
                }
                for p in services.parameter_sets()
            ]
        )

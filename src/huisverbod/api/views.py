"""REST API for cases and facts. Thin: parse, authorise, call a service, render."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from huisverbod.api.errors import problems_response
from huisverbod.api.media import CASEFILE_MEDIA_TYPE, CaseFileParser, CaseFileRenderer
from huisverbod.api.serializers import (
    CaseDetailSerializer,
    CaseSummarySerializer,
    ErrorSerializer,
    FactInputSerializer,
    FactSerializer,
)
from huisverbod.cases.casefiles import ImportRefused, NamedCaseFile, export_case, import_casefiles
from huisverbod.cases.models import Case, Fact, FactPerson
from huisverbod.cases.services import FactRefused, add_fact
from huisverbod.core import casefile as cf

CASEFILE_SCHEMA = {"type": "object", "description": "A case file in the huisverbod-casus/1 format."}


def _facts_queryset() -> QuerySet[Fact]:
    return Fact.objects.select_related("stated_by").prefetch_related(
        Prefetch("persons", queryset=FactPerson.objects.select_related("involvement"))
    )


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Case]):
    lookup_field = "reference"
    lookup_value_regex = "[^/]+"
    parser_classes = [JSONParser, CaseFileParser]
    renderer_classes = [JSONRenderer, CaseFileRenderer]

    def get_queryset(self) -> QuerySet[Case]:
        cases = Case.objects.select_related("dwelling")
        if self.action == "list":
            query = self.request.query_params.get("q", "")
            return cases.search(query).annotate(
                person_count=Count("involvements", distinct=True), fact_count=Count("facts", distinct=True)
            )
        return cases.prefetch_related(
            "involvements__person", Prefetch("facts", queryset=_facts_queryset().order_by("position"))
        )

    def get_serializer_class(self) -> type[Any]:
        return CaseSummarySerializer if self.action == "list" else CaseDetailSerializer

    @extend_schema(
        summary="List cases",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="search in reference, title, names, address")
        ],
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(
        summary="A case, or its case file",
        description=f"With `Accept: {CASEFILE_MEDIA_TYPE}` the case comes as a case file.",
        responses={200: CaseDetailSerializer},
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = self.get_object()
        if isinstance(request.accepted_renderer, CaseFileRenderer):
            return Response(export_case(case))
        return Response(CaseDetailSerializer(case).data)

    @extend_schema(
        summary="Import a case file",
        request={CASEFILE_MEDIA_TYPE: CASEFILE_SCHEMA, "application/json": CASEFILE_SCHEMA},
        responses={201: CaseDetailSerializer, 400: ErrorSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            parsed = cf.parse(request.data, source="request").casefile
            (case,) = import_casefiles([NamedCaseFile("request", parsed)], actor=request.user)  # type: ignore[arg-type]
        except cf.CaseFileError as exc:
            return problems_response(exc.problems)
        except ImportRefused as exc:
            return problems_response([p for error in exc.errors for p in error.problems])
        case = self.get_queryset().get(pk=case.pk)
        return Response(CaseDetailSerializer(case).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The case as a case file",
        responses={(200, CASEFILE_MEDIA_TYPE): CASEFILE_SCHEMA, (200, "application/json"): CASEFILE_SCHEMA},
    )
    @action(detail=True, methods=["get"], url_path="casefile")
    def casefile(self, request: Request, reference: str | None = None) -> Response:
        return Response(export_case(self.get_object()))

    @extend_schema(summary="Facts of the case", responses={200: FactSerializer(many=True)}, methods=["GET"])
    @extend_schema(
        summary="Add a fact",
        description="Validated exactly as a fact in a case file. The fact id is assigned by the system.",
        request=FactInputSerializer,
        responses={201: FactSerializer, 400: ErrorSerializer},
        methods=["POST"],
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="facts",
        parser_classes=[JSONParser],
        renderer_classes=[JSONRenderer],
    )
    def facts(self, request: Request, reference: str | None = None) -> Response:
        case = self.get_object()
        if request.method == "GET":
            facts = _facts_queryset().filter(case=case).order_by("position")
            return Response(FactSerializer(facts, many=True).data)
        serializer = FactInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            fact = add_fact(case, dict(serializer.validated_data), actor=request.user)  # type: ignore[arg-type]
        except FactRefused as exc:
            return problems_response(exc.problems)
        record = _facts_queryset().get(case=case, local_id=fact.id)
        return Response(FactSerializer(record).data, status=status.HTTP_201_CREATED)

"""REST API for cases and facts. Thin: parse, authorise, call a service, render.

Need-to-know is the same as in the interface: the queryset holds only the cases the user's
organisation was granted, and each action checks the role's task (``access.policy``). Every read
and change of personal data writes the processing log.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import JSONParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from huisverbod.access.fields import person_fields
from huisverbod.access.policy import Action
from huisverbod.access.services import can, visible_cases
from huisverbod.accounts.models import User
from huisverbod.api.errors import problems_response
from huisverbod.api.media import CASEFILE_MEDIA_TYPE, CaseFileParser, CaseFileRenderer
from huisverbod.api.serializers import (
    AssessmentInputSerializer,
    AssessmentSerializer,
    CaseDetailSerializer,
    CaseSummarySerializer,
    ErrorSerializer,
    FactInputSerializer,
    FactSerializer,
    LinkInputSerializer,
    LinkSerializer,
    LookupInputSerializer,
    LookupSerializer,
)
from huisverbod.assessments.services import run as run_assessment
from huisverbod.assessments.services import save_snapshot
from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_case, of_cases
from huisverbod.cases.casefiles import ImportRefused, NamedCaseFile, export_case, import_casefiles
from huisverbod.cases.models import Case, Fact, FactPerson
from huisverbod.cases.services import FactRefused, add_fact
from huisverbod.core import casefile as cf
from huisverbod.core.casefile.vocabulary import OrganisationKind
from huisverbod.registries.services import LookupRefused, decide, lookup_history

CASEFILE_SCHEMA = {"type": "object", "description": "A case file in the huisverbod-casus/1 format."}


def _facts_queryset() -> QuerySet[Fact]:
    return Fact.objects.select_related("stated_by").prefetch_related(
        Prefetch("persons", queryset=FactPerson.objects.select_related("involvement"))
    )


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def _require(request: Request, action_: Action, case: Case | None = None) -> None:
    if not can(_user(request), action_, case):
        raise PermissionDenied(f"your role has no task '{action_.value}' here")


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Case]):
    lookup_field = "reference"
    lookup_value_regex = "[^/]+"
    parser_classes = [JSONParser, CaseFileParser]
    renderer_classes = [JSONRenderer, CaseFileRenderer]

    def get_queryset(self) -> QuerySet[Case]:
        cases = visible_cases(_user(self.request)).select_related("dwelling")
        if self.action == "list":
            query = self.request.query_params.get("q", "")
            return (
                cases.search(query)
                .annotate(
                    person_count=Count("involvements", distinct=True),
                    fact_count=Count("facts", distinct=True),
                )
                .order_by("-assessment_time", "reference")
            )
        return cases.prefetch_related(
            "involvements__person", Prefetch("facts", queryset=_facts_queryset().order_by("position"))
        )

    def get_serializer_class(self) -> type[Any]:
        return CaseSummarySerializer if self.action == "list" else CaseDetailSerializer

    def _detail(self, case: Case) -> dict[str, Any]:
        user = _user(self.request)
        context = {
            "view_facts": can(user, Action.VIEW_FACTS, case),
            "person_fields": {
                inv.pk: person_fields(user, case, inv.person) for inv in case.involvements.all()
            },
        }
        return CaseDetailSerializer(case, context=context).data

    @extend_schema(
        summary="List cases",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="search in reference, title, names, address")
        ],
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        shown = [row["reference"] for row in response.data["results"]]
        if shown:
            cases = Case.objects.filter(reference__in=shown)
            record(AuditContext.for_request(request._request), "case-list", subjects=of_cases(cases))
        return response

    @extend_schema(
        summary="A case, or its case file",
        description=f"With `Accept: {CASEFILE_MEDIA_TYPE}` the case comes as a case file.",
        responses={200: CaseDetailSerializer},
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        case = self.get_object()
        if isinstance(request.accepted_renderer, CaseFileRenderer):
            return self._casefile(request, case)
        record(AuditContext.for_request(request._request), "case-view", subjects=of_case(case))
        return Response(self._detail(case))

    def _casefile(self, request: Request, case: Case) -> Response:
        _require(request, Action.EXPORT_CASEFILE, case)
        record(AuditContext.for_request(request._request), "casefile-export", subjects=of_case(case))
        return Response(export_case(case))

    @extend_schema(
        summary="Import a case file",
        description="The case is started by your organisation, which gets access to it.",
        request={CASEFILE_MEDIA_TYPE: CASEFILE_SCHEMA, "application/json": CASEFILE_SCHEMA},
        responses={201: CaseDetailSerializer, 400: ErrorSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        _require(request, Action.CREATE_CASE)
        user = _user(request)
        try:
            parsed = cf.parse(request.data, source="request").casefile
            (case,) = import_casefiles(
                [NamedCaseFile("request", parsed)], actor=user, organisation=user.organisation
            )
        except cf.CaseFileError as exc:
            return problems_response(exc.problems)
        except ImportRefused as exc:
            return problems_response([p for error in exc.errors for p in error.problems])
        record(AuditContext.for_request(request._request), "casefile-import", subjects=of_case(case))
        case = self.get_queryset().get(pk=case.pk)
        return Response(self._detail(case), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="The case as a case file",
        responses={(200, CASEFILE_MEDIA_TYPE): CASEFILE_SCHEMA, (200, "application/json"): CASEFILE_SCHEMA},
    )
    @action(detail=True, methods=["get"], url_path="casefile")
    def casefile(self, request: Request, reference: str | None = None) -> Response:
        return self._casefile(request, self.get_object())

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
        context = AuditContext.for_request(request._request)
        if request.method == "GET":
            _require(request, Action.VIEW_FACTS, case)
            record(context, "case-view", subjects=of_case(case), detail={"part": "facts"})
            facts = _facts_queryset().filter(case=case).order_by("position")
            return Response(FactSerializer(facts, many=True).data)
        _require(request, Action.ADD_FACT, case)
        serializer = FactInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            fact = add_fact(case, dict(serializer.validated_data), actor=_user(request))
        except FactRefused as exc:
            return problems_response(exc.problems)
        involved = set(fact.about) | set(fact.harmed)
        ids = list(case.involvements.filter(local_id__in=involved).values_list("person_id", flat=True))
        record(
            context,
            "fact-create",
            subjects={case.reference: ids},
            detail={"fact": fact.id, "type": fact.type},
        )
        record_ = _facts_queryset().get(case=case, local_id=fact.id)
        return Response(FactSerializer(record_).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Run the assessment (not saved)",
        description="The output contract of the case-file format. `sources=police` gives the police-only "
        "view; without it, the joint view of all sources.",
        parameters=[
            OpenApiParameter("sources", OpenApiTypes.STR, description="comma-separated organisation kinds"),
            OpenApiParameter(
                "language", OpenApiTypes.STR, enum=["en", "nl"], description="language of the reasons"
            ),
        ],
        responses={200: OpenApiTypes.OBJECT, 400: ErrorSerializer},
    )
    @action(detail=True, methods=["get"], url_path="assessment", renderer_classes=[JSONRenderer])
    def assessment(self, request: Request, reference: str | None = None) -> Response:
        case = self.get_object()
        _require(request, Action.VIEW_ASSESSMENT, case)
        raw = request.query_params.get("sources", "")
        kinds = [k.strip() for k in raw.split(",") if k.strip()]
        unknown = [k for k in kinds if k not in OrganisationKind._value2member_map_]
        if unknown:
            return problems_response([cf.Problem("sources", f"unknown source {', '.join(unknown)}")])
        language = "nl" if request.query_params.get("language") == "nl" else "en"
        sources = frozenset(OrganisationKind(k) for k in kinds) if kinds else None
        record(AuditContext.for_request(request._request), "assessment-run", subjects=of_case(case))
        return Response(run_assessment(case, sources=sources).to_contract(language))

    @extend_schema(
        summary="Saved assessments", responses={200: AssessmentSerializer(many=True)}, methods=["GET"]
    )
    @extend_schema(
        summary="Save the assessment as an immutable snapshot",
        request=AssessmentInputSerializer,
        responses={201: AssessmentSerializer, 400: ErrorSerializer},
        methods=["POST"],
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="assessments",
        parser_classes=[JSONParser],
        renderer_classes=[JSONRenderer],
    )
    def assessments(self, request: Request, reference: str | None = None) -> Response:
        case = self.get_object()
        context = AuditContext.for_request(request._request)
        if request.method == "GET":
            _require(request, Action.VIEW_ASSESSMENT, case)
            record(context, "case-view", subjects=of_case(case), detail={"part": "assessments"})
            snapshots = case.assessments.select_related("created_by", "organisation", "supersedes")
            return Response(AssessmentSerializer(snapshots.order_by("-version"), many=True).data)
        _require(request, Action.RUN_ASSESSMENT, case)
        serializer = AssessmentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        kinds = serializer.validated_data.get("sources")
        sources = frozenset(OrganisationKind(k) for k in kinds) if kinds else None
        snapshot = save_snapshot(
            case, _user(request), sources=sources, note=serializer.validated_data["note"]
        )
        record(context, "assessment-save", subjects=of_case(case), detail={"version": snapshot.version})
        return Response(AssessmentSerializer(snapshot).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="One saved assessment", responses={200: AssessmentSerializer})
    @action(
        detail=True,
        methods=["get"],
        url_path=r"assessments/(?P<version>[0-9]+)",
        renderer_classes=[JSONRenderer],
    )
    def assessment_version(
        self, request: Request, reference: str | None = None, version: str = ""
    ) -> Response:
        case = self.get_object()
        _require(request, Action.VIEW_ASSESSMENT, case)
        snapshot = (
            case.assessments.select_related("created_by", "organisation", "supersedes")
            .filter(version=int(version))
            .first()
        )
        if snapshot is None:
            raise NotFound("no such version")
        record(
            AuditContext.for_request(request._request),
            "case-view",
            subjects=of_case(case),
            detail={"assessment": snapshot.version},
        )
        return Response(AssessmentSerializer(snapshot).data)

    @extend_schema(
        summary="History lookups of the case", responses={200: LookupSerializer(many=True)}, methods=["GET"]
    )
    @extend_schema(
        summary="Look up the case's persons in a registry",
        description="Needs a purpose and a legal basis; both are recorded and the lookup is in the processing log.",
        request=LookupInputSerializer,
        responses={201: LookupSerializer, 400: ErrorSerializer},
        methods=["POST"],
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="history",
        parser_classes=[JSONParser],
        renderer_classes=[JSONRenderer],
    )
    def history(self, request: Request, reference: str | None = None) -> Response:
        case = self.get_object()
        _require(request, Action.LOOKUP_HISTORY, case)
        context = AuditContext.for_request(request._request)
        if request.method == "GET":
            record(context, "case-view", subjects=of_case(case), detail={"part": "history"})
            return Response(
                LookupSerializer(case.history_lookups.select_related("requested_by"), many=True).data
            )
        data = LookupInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            lookup = lookup_history(case, _user(request), context=context, **data.validated_data)
        except LookupRefused as exc:
            return problems_response([cf.Problem(exc.field, exc.message)])
        return Response(LookupSerializer(lookup).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Confirm or reject a candidate",
        description="A confirmed record becomes a fact of the case (origin record, source the registry's agency).",
        request=LinkInputSerializer,
        responses={201: LinkSerializer, 400: ErrorSerializer},
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"history/(?P<lookup_id>[0-9]+)/decisions",
        parser_classes=[JSONParser],
        renderer_classes=[JSONRenderer],
    )
    def history_decision(
        self, request: Request, reference: str | None = None, lookup_id: str = ""
    ) -> Response:
        case = self.get_object()
        _require(request, Action.LOOKUP_HISTORY, case)
        lookup = case.history_lookups.filter(pk=int(lookup_id)).first()
        if lookup is None:
            raise NotFound("no such lookup")
        data = LinkInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            link = decide(
                lookup,
                _user(request),
                person=values["person"],
                record_id=values["record_id"],
                confirm=values["decision"] == "confirm",
                context=AuditContext.for_request(request._request),
            )
        except LookupRefused as exc:
            return problems_response([cf.Problem(exc.field, exc.message)])
        return Response(LinkSerializer(link).data, status=status.HTTP_201_CREATED)

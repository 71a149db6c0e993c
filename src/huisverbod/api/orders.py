"""REST API for orders: the order with its deadlines, decisions and documents; decisions as
POSTs; appeals, violations and the reachability statement; notifications."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from huisverbod.access.policy import Action
from huisverbod.access.services import can, visible_cases
from huisverbod.accounts.models import User
from huisverbod.api.errors import problems_response
from huisverbod.api.serializers import ErrorSerializer
from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_case
from huisverbod.core.casefile.errors import Problem
from huisverbod.monitoring.advice import extend as extend_with_advice
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.notifications.models import Notification
from huisverbod.orders import services
from huisverbod.orders.labels import decision_text
from huisverbod.orders.models import Appeal, AppealDecision, Order


class DeadlineSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField()
    due_at = serializers.DateTimeField()
    status = serializers.CharField()
    legal_basis = serializers.CharField()


class EventSerializer(serializers.Serializer[Any]):
    action = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    at = serializers.DateTimeField()
    role = serializers.CharField()
    organisation = serializers.CharField(source="organisation.code", allow_null=True, default=None)
    reason = serializers.CharField(
        allow_null=True, help_text="null when the caller may not see the case's facts (e.g. a care provider)"
    )
    legal_basis = serializers.CharField()
    assessment = serializers.IntegerField(source="assessment.version", allow_null=True, default=None)


class DocumentSerializer(serializers.Serializer[Any]):
    number = serializers.CharField()
    kind = serializers.CharField()
    issued_at = serializers.DateTimeField()
    sha256 = serializers.CharField()
    content_sha256 = serializers.CharField()


class OrderSerializer(serializers.ModelSerializer[Order]):
    case = serializers.CharField(source="case.reference")
    municipality = serializers.CharField(source="municipality.code")
    perpetrator = serializers.CharField(source="perpetrator.local_id")
    protected: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        many=True, read_only=True, slug_field="local_id"
    )
    assessment = serializers.IntegerField(source="assessment.version", allow_null=True, default=None)
    deadlines = DeadlineSerializer(many=True, read_only=True)
    events = EventSerializer(many=True, read_only=True)
    documents = DocumentSerializer(many=True, read_only=True)

    class Meta:
        model = Order
        fields = [
            "id",
            "number",
            "case",
            "municipality",
            "state",
            "route",
            "assessment",
            "perpetrator",
            "protected",
            "imposed_at",
            "imposition_form",
            "ends_at",
            "latest_extension_end",
            "extended_until",
            "ended_at",
            "reachability_stated_at",
            "deadlines",
            "events",
            "documents",
        ]

    def to_representation(self, instance: Order) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        # A decision's reason can carry facts: only for those who may see them (as on the page).
        request = self.context.get("request")
        if request is None or not can(_user(request), Action.VIEW_FACTS, instance.case):
            for event in data["events"]:
                event["reason"] = None
        return data


class OrderCreateSerializer(serializers.Serializer[Any]):
    case = serializers.CharField(help_text="the case reference")
    assessment = serializers.IntegerField(help_text="the version of the saved assessment it rests on")
    perpetrator = serializers.CharField(help_text="the person's id in the case, e.g. p1")
    protected = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text="default: everyone who lives there or stays more than incidentally",
    )
    mode = serializers.ChoiceField(choices=["oral", "written", "prepare"])


class DecisionSerializer(serializers.Serializer[Any]):
    action = serializers.ChoiceField(
        choices=["impose_orally", "impose_in_writing", "confirm_in_writing", "extend", "withdraw"]
    )
    new_end = serializers.DateTimeField(required=False, help_text="extend: the new end")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    improper_reason_noted = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="extend: why, when the extension advice flags a waiting list as the only open issue",
    )


class ReachabilitySerializer(serializers.Serializer[Any]):
    statement = serializers.CharField()


class AppealSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    lodged_at = serializers.DateTimeField()
    court_case_number = serializers.CharField(required=False, allow_blank=True, default="")
    provisional_relief = serializers.BooleanField(default=True)
    hearing_at = serializers.DateTimeField(required=False, allow_null=True, default=None)
    decision = serializers.ChoiceField(choices=AppealDecision.choices, read_only=True)


class CourtDecisionSerializer(serializers.Serializer[Any]):
    decision = serializers.ChoiceField(
        choices=[c for c in AppealDecision.values if c != AppealDecision.PENDING]
    )
    decided_at = serializers.DateTimeField()
    ruling = serializers.CharField()


class ViolationSerializer(serializers.Serializer[Any]):
    occurred_at = serializers.DateTimeField()
    description = serializers.CharField()


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    case = serializers.CharField(source="case.reference", allow_null=True, default=None)
    order = serializers.CharField(source="order.number", allow_null=True, default=None)

    class Meta:
        model = Notification
        fields = ["id", "kind", "subject", "body", "case", "order", "created_at", "read_at"]


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def _refused(exc: services.OrderError) -> Response:
    message = decision_text(exc.code, exc.params, exc.message) if exc.code else exc.message
    status_code = 403 if exc.code in ("forbidden", "role_not_allowed") else 400
    return problems_response([Problem(exc.field or "$", message)], status=status_code)


class OrderViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Order]):
    serializer_class = OrderSerializer

    def get_queryset(self) -> QuerySet[Order]:
        return (
            Order.objects.filter(case__in=visible_cases(_user(self.request)))
            .select_related("case", "municipality", "perpetrator", "assessment")
            .prefetch_related(
                "protected", "deadlines", "events__organisation", "events__assessment", "documents"
            )
            .order_by("-created_at")
        )

    def _log(self, request: Request, order: Order, detail: dict[str, Any]) -> None:
        record(
            AuditContext.for_request(request._request),
            "order-decision" if request.method == "POST" else "case-view",
            subjects=of_case(order.case),
            detail={"order": order.number, **detail},
        )

    def _need(self, request: Request, order: Order, *actions: Action) -> None:
        """Refuse before reading the body: the role must have one of these tasks on the case."""
        if not any(can(_user(request), a, order.case) for a in actions):
            raise PermissionDenied("your role may not take this decision on this case")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        order = self.get_object()
        self._log(request, order, {})
        return Response(OrderSerializer(order, context={"request": request}).data)

    @extend_schema(request=OrderCreateSerializer, responses={201: OrderSerializer, 400: ErrorSerializer})
    def create(self, request: Request) -> Response:
        data = OrderCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        case = visible_cases(_user(request)).filter(reference=values["case"]).first()
        if case is None:
            raise NotFound("no such case")
        needed = Action.IMPOSE_ORDER if values["mode"] != "prepare" else Action.RUN_ASSESSMENT
        if not (can(_user(request), needed, case) or can(_user(request), Action.IMPOSE_ORDER, case)):
            raise PermissionDenied("your role may not take this decision")
        assessment = case.assessments.filter(version=values["assessment"]).first()
        perpetrator = case.involvements.filter(local_id=values["perpetrator"]).first()
        if assessment is None or perpetrator is None:
            field = "assessment" if assessment is None else "perpetrator"
            return problems_response([Problem(field, "not found in this case")])
        protected = (
            list(case.involvements.filter(local_id__in=values["protected"]))
            if "protected" in values
            else services.protectable(case)
        )
        try:
            order = services.create_order(
                case, _user(request), assessment=assessment, perpetrator=perpetrator, protected=protected
            )
            if values["mode"] != "prepare":
                services.impose(order, _user(request), oral=values["mode"] == "oral")
        except services.OrderError as exc:
            return _refused(exc)
        self._log(request, order, {"mode": values["mode"]})
        return Response(
            OrderSerializer(self.get_queryset().get(pk=order.pk), context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=DecisionSerializer,
        responses={200: OrderSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    @action(detail=True, methods=["post"])
    def decisions(self, request: Request, pk: str | None = None) -> Response:
        order = self.get_object()
        self._need(request, order, Action.IMPOSE_ORDER, Action.DECIDE_ORDER)
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values, user = data.validated_data, _user(request)
        try:
            match values["action"]:
                case "impose_orally" | "impose_in_writing":
                    services.impose(order, user, oral=values["action"] == "impose_orally")
                case "confirm_in_writing":
                    services.confirm_in_writing(order, user)
                case "extend":
                    if "new_end" not in values:
                        return problems_response([Problem("new_end", "an extension needs its new end")])
                    extend_with_advice(
                        order,
                        user,
                        new_end=values["new_end"],
                        reason=values["reason"],
                        improper_reason_noted=values["improper_reason_noted"],
                        context=AuditContext.for_request(request._request),
                    )
                case "withdraw":
                    services.withdraw(order, user, reason=values["reason"])
        except services.OrderError as exc:
            return _refused(exc)
        except MonitoringError as exc:
            return problems_response([Problem(exc.field or "$", exc.message)])
        self._log(request, order, {"action": values["action"]})
        return Response(
            OrderSerializer(self.get_queryset().get(pk=order.pk), context={"request": request}).data
        )

    @extend_schema(request=ReachabilitySerializer, responses={204: None, 400: ErrorSerializer})
    @action(detail=True, methods=["post"])
    def reachability(self, request: Request, pk: str | None = None) -> Response:
        order = self.get_object()
        self._need(request, order, Action.ADD_FACT)
        data = ReachabilitySerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.record_reachability(order, _user(request), statement=data.validated_data["statement"])
        except services.OrderError as exc:
            return _refused(exc)
        self._log(request, order, {"action": "reachability"})
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=AppealSerializer, responses={201: AppealSerializer, 400: ErrorSerializer})
    @action(detail=True, methods=["post"])
    def appeals(self, request: Request, pk: str | None = None) -> Response:
        order = self.get_object()
        self._need(request, order, Action.DECIDE_ORDER)
        data = AppealSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            appeal = services.record_appeal(order, _user(request), **data.validated_data)
        except services.OrderError as exc:
            return _refused(exc)
        self._log(request, order, {"action": "appeal"})
        return Response(AppealSerializer(appeal).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CourtDecisionSerializer, responses={200: AppealSerializer, 400: ErrorSerializer})
    @action(detail=True, methods=["post"], url_path=r"appeals/(?P<appeal_id>[0-9]+)/decision")
    def court_decision(self, request: Request, pk: str | None = None, appeal_id: str = "") -> Response:
        order = self.get_object()
        self._need(request, order, Action.DECIDE_ORDER)
        appeal = Appeal.objects.filter(order=order, pk=int(appeal_id)).first()
        if appeal is None:
            raise NotFound("no such appeal")
        data = CourtDecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            services.record_court_decision(appeal, _user(request), **data.validated_data)
        except services.OrderError as exc:
            return _refused(exc)
        self._log(request, order, {"action": "court_decision"})
        return Response(AppealSerializer(appeal).data)

    @extend_schema(request=ViolationSerializer, responses={201: ViolationSerializer, 400: ErrorSerializer})
    @action(detail=True, methods=["post"])
    def violations(self, request: Request, pk: str | None = None) -> Response:
        order = self.get_object()
        self._need(request, order, Action.ADD_FACT)
        data = ViolationSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            violation = services.register_violation(order, _user(request), **data.validated_data)
        except services.OrderError as exc:
            return _refused(exc)
        self._log(request, order, {"action": "violation"})
        return Response(ViolationSerializer(violation).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="the beschikking")
        }
    )
    @action(detail=True, methods=["get"], url_path=r"documents/(?P<number>[^/]+)")
    def document(self, request: Request, pk: str | None = None, number: str = "") -> HttpResponse:
        order = self.get_object()
        if not can(_user(request), Action.VIEW_FACTS, order.case):
            raise PermissionDenied("the beschikking states the facts; your role does not see them")
        document = order.documents.filter(number=number).first()
        if document is None:
            raise NotFound("no such document")
        record(
            AuditContext.for_request(request._request),
            "document-download",
            subjects=of_case(order.case),
            detail={"document": document.number, "sha256": document.sha256},
        )
        response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{document.number}.pdf"'
        return response


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Notification]):
    serializer_class = NotificationSerializer
    queryset = Notification.objects.none()  # for the schema; the real one is per user

    def get_queryset(self) -> QuerySet[Notification]:
        if getattr(self, "swagger_fake_view", False):
            return Notification.objects.none()
        from huisverbod.web.views.notifications import inbox_for

        return inbox_for(_user(self.request)).select_related("case", "order")

"""REST API for monitoring: care services and capacity; per case the care plan, referrals and
their status changes, the capacity check, the timeline, the extension advice and the closing.

Need-to-know is the interface's: the case comes from the user's visible cases, each action checks
the role's task, a care provider reads only the timeline entries for everyone involved, and every
read and change of personal data writes the processing log."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from huisverbod.access.policy import Action
from huisverbod.access.services import can, visible_cases
from huisverbod.accounts.models import Organisation, User
from huisverbod.api.errors import problems_response
from huisverbod.api.monitoring_serializers import (
    CapacityCheckSerializer,
    CapacityInputSerializer,
    CarePlanItemInputSerializer,
    CarePlanItemSerializer,
    CarePlanItemUpdateSerializer,
    CareServiceSerializer,
    ClosingInputSerializer,
    ClosingSerializer,
    ExtensionAdviceSerializer,
    ReferralInputSerializer,
    ReferralSerializer,
    ReferralStatusInputSerializer,
    TimelineEntrySerializer,
    TimelineInputSerializer,
)
from huisverbod.api.serializers import ErrorSerializer
from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_case
from huisverbod.cases.models import Case, Involvement
from huisverbod.core.casefile.errors import Problem
from huisverbod.core.monitoring.capacity import StartCheck
from huisverbod.monitoring import advice, care_plan, closing, referrals, timeline
from huisverbod.monitoring.capacity import capacity_check, services_for, update_capacity
from huisverbod.monitoring.errors import MonitoringError
from huisverbod.monitoring.models import CarePlanItem, CareService, Closing, ExtensionAdvice, Referral
from huisverbod.orders.models import Order


def _user(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def _refused(exc: MonitoringError) -> Response:
    return problems_response(
        [Problem(exc.field or "$", exc.message)], status=403 if exc.code == "forbidden" else 400
    )


def _context(request: Request) -> AuditContext:
    return AuditContext.for_request(request._request)


class CareServiceViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[CareService]
):
    """Care services with their capacity (no personal data). A provider's staff update their own."""

    serializer_class = CareServiceSerializer
    lookup_url_kwarg = "service_id"
    queryset = CareService.objects.none()  # for the schema; the real one is below

    def get_queryset(self) -> QuerySet[CareService]:
        if getattr(self, "swagger_fake_view", False):
            return CareService.objects.none()
        if not can(_user(self.request), Action.VIEW_CAPACITY):
            raise PermissionDenied("your role has no task 'view_capacity'")
        services = services_for().prefetch_related("municipalities")
        kind = self.request.query_params.get("kind")
        return services.filter(kind=kind) if kind else services

    @extend_schema(
        request=CapacityInputSerializer, responses={200: CareServiceSerializer, 403: ErrorSerializer}
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        service = self.get_object()
        data = CapacityInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            update_capacity(service, _user(request), **data.validated_data)
        except MonitoringError as exc:
            return _refused(exc)
        return Response(CareServiceSerializer(self.get_queryset().get(pk=service.pk)).data)


def _check_data(found: StartCheck, service: CareService) -> dict[str, Any]:
    return {
        "service": service.pk,
        "name": service.name,
        "provider": service.provider.code,
        "free_places": service.free_places,
        "waiting_days": service.waiting_days,
        "starts_on": found.starts_on,
        "verdict": found.verdict.value,
    }


class CaseMonitoringViewSet(viewsets.GenericViewSet[Case]):
    """Monitoring of a case, at /api/v1/monitoring/{reference}/…"""

    lookup_field = "reference"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> QuerySet[Case]:
        return visible_cases(_user(self.request))

    def _case(self, *actions: Action) -> Case:
        case = self.get_object()
        if not any(can(_user(self.request), a, case) for a in actions):
            raise PermissionDenied(f"your role has no task '{actions[0].value}' here")
        return case

    def _log(self, activity: str, case: Case, **detail: Any) -> None:
        record(_context(self.request), activity, subjects=of_case(case), detail=detail or None)

    def _person(self, case: Case, local_id: str) -> Involvement:
        found = case.involvements.filter(local_id=local_id).first()
        if found is None:
            raise NotFound(f"no person '{local_id}' in this case")
        return found

    def _order(self, case: Case) -> Order:
        order = referrals.current_order(case)
        if order is None:
            raise NotFound("no huisverbod is imposed in this case")
        return order

    @extend_schema(
        summary="The care plan", responses={200: CarePlanItemSerializer(many=True)}, methods=["GET"]
    )
    @extend_schema(
        summary="Add help to the care plan",
        request=CarePlanItemInputSerializer,
        responses={201: CarePlanItemSerializer, 400: ErrorSerializer},
        methods=["POST"],
    )
    @action(detail=True, methods=["get", "post"], url_path="care-plan")
    def care_plan(self, request: Request, reference: str | None = None) -> Response:
        if request.method == "GET":
            case = self._case(Action.VIEW_MONITORING)
            self._log("care-plan-view", case)
            items = CarePlanItem.objects.filter(case=case).select_related("involvement", "provider")
            return Response(
                CarePlanItemSerializer(items.order_by("involvement__position", "pk"), many=True).data
            )
        case = self._case(Action.EDIT_CARE_PLAN)
        data = CarePlanItemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        person = self._person(case, values.pop("person"))
        code = values.pop("provider", "")
        values["provider"] = Organisation.objects.filter(code=code).first() if code else None
        try:
            item = care_plan.add_item(case, _user(request), person, values, context=_context(request))
        except MonitoringError as exc:
            return _refused(exc)
        return Response(CarePlanItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change help in the care plan",
        request=CarePlanItemUpdateSerializer,
        responses={200: CarePlanItemSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    @action(detail=True, methods=["patch"], url_path=r"care-plan/(?P<item_id>[0-9]+)")
    def care_plan_item(self, request: Request, reference: str | None = None, item_id: str = "") -> Response:
        case = self._case(Action.EDIT_CARE_PLAN)
        item = CarePlanItem.objects.filter(case=case, pk=int(item_id)).first()
        if item is None:
            raise NotFound("no such item in this case's care plan")
        data = CarePlanItemUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        try:
            item = care_plan.update_item(
                item, _user(request), dict(data.validated_data), context=_context(request)
            )
        except MonitoringError as exc:
            return _refused(exc)
        return Response(CarePlanItemSerializer(item).data)

    @extend_schema(
        summary="Referrals of the case", responses={200: ReferralSerializer(many=True)}, methods=["GET"]
    )
    @extend_schema(
        summary="Refer a person to a care service",
        description="Grants the provider time-boxed access (until monitoring ends) to what its help needs.",
        request=ReferralInputSerializer,
        responses={201: ReferralSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        methods=["POST"],
    )
    @action(detail=True, methods=["get", "post"])
    def referrals(self, request: Request, reference: str | None = None) -> Response:
        if request.method == "GET":
            case = self._case(Action.VIEW_MONITORING)
            self._log("referral-view", case)
            found = Referral.objects.filter(case=case).select_related(
                "involvement", "service", "provider", "order"
            )
            return Response(
                ReferralSerializer(found.prefetch_related("changes__organisation"), many=True).data
            )
        case = self._case(Action.REFER)
        data = ReferralInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        service = CareService.objects.filter(pk=values["service"], active=True).first()
        if service is None:
            return problems_response([Problem("service", "no such care service")])
        try:
            made = referrals.refer(
                case,
                _user(request),
                involvement=self._person(case, values["person"]),
                service=service,
                help_needed=values["help_needed"],
                consent_basis=values["consent_basis"],
                consent_text=values["consent_text"],
                confidential_address_needed=values["confidential_address_needed"],
                context=_context(request),
            )
        except MonitoringError as exc:
            return _refused(exc)
        return Response(ReferralSerializer(made).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Change a referral's status",
        request=ReferralStatusInputSerializer,
        responses={200: ReferralSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    @action(detail=True, methods=["post"], url_path=r"referrals/(?P<referral_id>[0-9]+)/status")
    def referral_status(
        self, request: Request, reference: str | None = None, referral_id: str = ""
    ) -> Response:
        case = self._case(Action.UPDATE_REFERRAL)
        referral = Referral.objects.filter(case=case, pk=int(referral_id)).select_related("case").first()
        if referral is None:
            raise NotFound("no such referral in this case")
        if not referrals.sides(_user(request), referral):
            raise PermissionDenied("your role may not change this referral")
        data = ReferralStatusInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            referrals.change_status(
                referral,
                _user(request),
                to=values["status"],
                note=values["note"],
                started_on=values["started_on"],
                expected_start=values["expected_start"],
                context=_context(request),
            )
        except MonitoringError as exc:
            return _refused(exc)
        return Response(ReferralSerializer(Referral.objects.get(pk=referral.pk)).data)

    @extend_schema(
        summary="Can help start before the order ends?",
        parameters=[
            OpenApiParameter("service", OpenApiTypes.INT, required=True, description="a care service's id")
        ],
        responses={200: CapacityCheckSerializer, 400: ErrorSerializer},
    )
    @action(detail=True, methods=["get"], url_path="capacity-check")
    def capacity_check(self, request: Request, reference: str | None = None) -> Response:
        case = self._case(Action.REFER)
        self._log("referral-view", case, part="capacity-check")
        raw = request.query_params.get("service", "")
        service = CareService.objects.filter(pk=int(raw), active=True).first() if raw.isdigit() else None
        if service is None:
            return problems_response([Problem("service", "name a care service")])
        try:
            found = capacity_check(service, self._order(case))
        except MonitoringError as exc:
            return _refused(exc)
        return Response(
            CapacityCheckSerializer(
                {
                    "chosen": _check_data(found.chosen, service),
                    "alternatives": [_check_data(c, s) for c, s in found.alternatives],
                    "ends_on": found.ends_on,
                    "latest_end_on": found.latest_end_on,
                }
            ).data
        )

    @extend_schema(
        summary="The timeline",
        description="A care provider gets only the entries for everyone involved.",
        responses={200: TimelineEntrySerializer(many=True)},
        methods=["GET"],
    )
    @extend_schema(
        summary="Write on the timeline",
        description="Notifies the organisations on the case that may read the entry.",
        request=TimelineInputSerializer,
        responses={201: TimelineEntrySerializer, 400: ErrorSerializer},
        methods=["POST"],
    )
    @action(detail=True, methods=["get", "post"], url_path="timeline")
    def timeline(self, request: Request, reference: str | None = None) -> Response:
        if request.method == "GET":
            case = self._case(Action.VIEW_MONITORING)
            self._log("timeline-view", case)
            return Response(
                TimelineEntrySerializer(timeline.visible_entries(_user(request), case), many=True).data
            )
        case = self._case(Action.WRITE_TIMELINE)
        data = TimelineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        party = self._person(case, values["party"]) if values["party"] else None
        try:
            entry = timeline.write_entry(
                case,
                _user(request),
                kind=values["kind"],
                visibility=values["visibility"],
                text=values["text"],
                occurred_at=values["occurred_at"],
                party=party,
            )
        except MonitoringError as exc:
            return _refused(exc)
        self._log("timeline-entry-create", case, entry=entry.pk, kind=entry.kind)
        return Response(TimelineEntrySerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="The extension advice for the mayor", responses={200: ExtensionAdviceSerializer})
    @action(detail=True, methods=["get"], url_path="extension-advice")
    def extension_advice(self, request: Request, reference: str | None = None) -> Response:
        case = self._case(Action.VIEW_EXTENSION_ADVICE)
        order = self._order(case)
        self._log("extension-advice-view", case, order=order.number)
        shown = advice.shown(order)
        if shown is None:
            raise NotFound("no extension advice: the order is not open for an extension and none was kept")
        kept: ExtensionAdvice | None = shown["kept"]
        return Response(
            ExtensionAdviceSerializer(
                {
                    "order": order.number,
                    "kept": kept is not None,
                    "improper_reason_noted": kept.improper_reason_noted if kept else "",
                    "content": shown["content"],
                }
            ).data
        )

    @extend_schema(summary="The closing evaluation", responses={200: ClosingSerializer}, methods=["GET"])
    @extend_schema(
        summary="Close monitoring",
        description="After the order has ended. Ends every care provider's access at once.",
        request=ClosingInputSerializer,
        responses={201: ClosingSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
        methods=["POST"],
    )
    @action(detail=True, methods=["get", "post"])
    def closing(self, request: Request, reference: str | None = None) -> Response:
        if request.method == "GET":
            case = self._case(Action.VIEW_FACTS)
            order = self._order(case)
            self._log("closing-view", case, order=order.number)
            return Response(ClosingSerializer(self._closing_data(order)).data)
        case = self._case(Action.CLOSE_MONITORING)
        order = self._order(case)
        data = ClosingInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        people = {inv.local_id: inv.pk for inv in case.involvements.all()}
        unknown = [e["person"] for e in values["evaluations"] if e["person"] not in people]
        if unknown:
            return problems_response([Problem("evaluations", f"no person '{unknown[0]}' in this case")])
        try:
            closing.close(
                order,
                _user(request),
                evaluations={people[e["person"]]: e for e in values["evaluations"]},
                handover=values["handover"],
                handover_note=values["handover_note"],
                context=_context(request),
            )
        except MonitoringError as exc:
            return _refused(exc)
        return Response(ClosingSerializer(self._closing_data(order)).data, status=status.HTTP_201_CREATED)

    def _closing_data(self, order: Order) -> dict[str, Any]:
        done = Closing.objects.filter(order=order).first()
        if done is not None:
            evaluations = [
                {
                    "person": e.involvement.local_id,
                    "help_started": e.help_started,
                    "help_started_during_order": e.help_started_during_order,
                    "new_incidents": e.new_incidents,
                    "referral_outcome": e.referral_outcome,
                    "note": e.note,
                }
                for e in done.evaluations.select_related("involvement")
            ]
        else:
            evaluations = [
                {
                    "person": p.involvement.local_id,
                    "help_started": p.help_started,
                    "help_started_during_order": p.help_started_during_order,
                    "new_incidents": p.new_incidents,
                    "referral_outcome": p.referral_outcome,
                    "note": "",
                }
                for p in (closing.proposals(order) if order.order_state.ended else [])
            ]
        return {
            "order": order.number,
            "closed": done is not None,
            "closed_at": done.closed_at if done else None,
            "handover": done.handover if done else None,
            "handover_note": done.handover_note if done else "",
            "evaluations": evaluations,
        }

"""``GET /api/v1/figures/``: the policy figures as published (small cells suppressed), for
analysts only. Aggregates, no personal data; every read is in the processing log."""

from __future__ import annotations

from datetime import date
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from huisverbod.access.policy import Action
from huisverbod.access.services import can
from huisverbod.accounts.models import User
from huisverbod.api.serializers import ErrorSerializer
from huisverbod.audit.log import AuditContext, record
from huisverbod.core.figures.arithmetic import PERIODS
from huisverbod.core.figures.tables import LEVELS
from huisverbod.figures import export
from huisverbod.figures.report import default_filters
from huisverbod.figures.services import published_figures


class FigureRowSerializer(serializers.Serializer[Any]):
    period = serializers.CharField()
    region = serializers.IntegerField(
        allow_null=True, help_text="The organisation id of the region; null nationally."
    )
    region_name = serializers.CharField()
    values = serializers.ListField(
        child=serializers.FloatField(allow_null=True), help_text="One per column; null when suppressed."
    )
    suppressed = serializers.ListField(child=serializers.BooleanField())


class FigureTableSerializer(serializers.Serializer[Any]):
    id = serializers.CharField()
    title = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = FigureRowSerializer(many=True)


class FiguresSerializer(serializers.Serializer[Any]):
    period = serializers.ChoiceField(choices=PERIODS)
    level = serializers.ChoiceField(choices=LEVELS)
    start = serializers.DateField()
    end = serializers.DateField()
    threshold = serializers.IntegerField(
        help_text="Counts below this are suppressed (with secondary suppression)."
    )
    tables = FigureTableSerializer(many=True)


def _date(request: Request, name: str, default: date) -> date:
    value = request.query_params.get(name)
    if not value:
        return default
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError({name: "a date as YYYY-MM-DD"}) from None


class FiguresView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("period", OpenApiTypes.STR, enum=list(PERIODS)),
            OpenApiParameter("level", OpenApiTypes.STR, enum=list(LEVELS)),
            OpenApiParameter("start", OpenApiTypes.DATE),
            OpenApiParameter("end", OpenApiTypes.DATE),
            OpenApiParameter("table", OpenApiTypes.STR, enum=list(export.table_ids())),
        ],
        responses={200: FiguresSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def get(self, request: Request) -> Response:
        user: User = request.user  # type: ignore[assignment]
        if not can(user, Action.VIEW_FIGURES):
            raise PermissionDenied("your role has no task 'view_figures'")
        default = default_filters()
        period = request.query_params.get("period") or default.period
        level = request.query_params.get("level") or default.level
        if period not in PERIODS:
            raise ValidationError({"period": f"one of {', '.join(PERIODS)}"})
        if level not in LEVELS:
            raise ValidationError({"level": f"one of {', '.join(LEVELS)}"})
        start, end = _date(request, "start", default.start), _date(request, "end", default.end)
        if start > end:
            raise ValidationError({"end": "the end lies before the start"})
        wanted = request.query_params.get("table")
        if wanted and wanted not in export.table_ids():
            raise ValidationError({"table": f"one of {', '.join(export.table_ids())}"})
        figures = published_figures(period, level, start, end)
        tables = [export.table_data(figures, t) for t in export.table_ids() if not wanted or t == wanted]
        record(
            AuditContext.for_request(request._request),
            "figures-export",
            detail={
                "period": period,
                "level": level,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "format": "api",
            },
        )
        return Response(
            {
                "period": period,
                "level": level,
                "start": start,
                "end": end,
                "threshold": figures.threshold,
                "tables": tables,
            }
        )

"""Errors as ``{"errors": [{"field": ..., "message": ...}]}``, each naming its field."""

from __future__ import annotations

from typing import Any

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from huisverbod.core.casefile.errors import Problem


def problems_response(problems: list[Problem], status: int = 400) -> Response:
    return Response({"errors": [{"field": p.path, "message": p.message} for p in problems]}, status=status)


def _flatten(detail: Any, path: str = "") -> list[dict[str, str]]:
    if isinstance(detail, dict):
        out: list[dict[str, str]] = []
        for key, value in detail.items():
            key_path = (
                path if key in ("non_field_errors", "detail") else (f"{path}.{key}" if path else str(key))
            )
            out.extend(_flatten(value, key_path))
        return out
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [{"field": path or "$", "message": str(item)} for item in detail]
        out = []
        for index, item in enumerate(detail):
            out.extend(_flatten(item, f"{path}[{index}]"))
        return out
    return [{"field": path or "$", "message": str(detail)}]


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = {"errors": _flatten(response.data)}
    return response

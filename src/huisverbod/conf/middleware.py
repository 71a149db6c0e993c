"""Request middleware: a trace id per request, bound into every log line of that request."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import structlog
from django.http import HttpRequest, HttpResponse

log = structlog.get_logger(__name__)

TRACE_HEADER = "HTTP_TRACEPARENT"


def _trace_id_from(request: HttpRequest) -> str:
    """The W3C trace id when a caller sent one, otherwise a new one."""
    header = request.META.get(TRACE_HEADER, "")
    parts = header.split("-")
    if len(parts) == 4 and len(parts[1]) == 32 and all(c in "0123456789abcdef" for c in parts[1]):
        return parts[1]
    return uuid.uuid4().hex


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        trace_id = _trace_id_from(request)
        request.trace_id = trace_id  # type: ignore[attr-defined]
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(trace_id=trace_id)
        started = time.perf_counter()
        response = self.get_response(request)
        log.info(
            "request",
            method=request.method,
            path=request.path,
            status=response.status_code,
            user_id=getattr(request.user, "pk", None) if hasattr(request, "user") else None,
            duration_ms=round((time.perf_counter() - started) * 1000, 1),
        )
        response["X-Trace-Id"] = trace_id
        return response

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django_htmx.middleware import HtmxDetails

from huisverbod.access.policy import Action
from huisverbod.access.services import require, visible_cases
from huisverbod.accounts.models import User
from huisverbod.audit.log import AuditContext, record
from huisverbod.audit.subjects import of_case
from huisverbod.cases.models import Case


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
    user: User


def case_for(request: HttpRequest, pk: int, action: Action) -> Case:
    """The case, if the user may take ``action`` on it: 404 when it is not visible, 403 when the
    role has no such task."""
    user: User = request.user  # type: ignore[assignment]
    case = get_object_or_404(visible_cases(user).select_related("dwelling", "started_by"), pk=pk)
    require(user, action, case)
    return case


def log_case(
    request: HttpRequest, activity: str, case: Case, detail: dict[str, object] | None = None
) -> None:
    record(AuditContext.for_request(request), activity, subjects=of_case(case), detail=detail)

"""The organisation's notifications: reminders of deadlines, decisions on orders, new entries."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from huisverbod.access.services import visible_cases
from huisverbod.accounts.models import User
from huisverbod.notifications.models import Notification


def inbox_for(user: User) -> QuerySet[Notification]:
    """The notifications of the user's organisation about cases the user may see."""
    if user.organisation_id is None:
        return Notification.objects.none()
    return Notification.objects.filter(organisation_id=user.organisation_id, case__in=visible_cases(user))


@login_required
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    items = inbox_for(user).select_related("case", "order")[:200]
    return render(request, "web/notifications.html", {"notifications": items, "nav": "notifications"})


@login_required
@require_POST
def mark_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    notification = get_object_or_404(inbox_for(user), pk=notification_id)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.read_by = user
        notification.save(update_fields=["read_at", "read_by"])
    return redirect(notification.url or "web:notifications")

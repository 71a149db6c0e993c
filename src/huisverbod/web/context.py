from __future__ import annotations

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, object]:
    """The count of unread notifications for the top bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from huisverbod.access.policy import Action, role_may
    from huisverbod.web.views.notifications import inbox_for

    return {
        "unread_notifications": inbox_for(user).filter(read_at__isnull=True).count(),
        "may_view_capacity": role_may(user.role, Action.VIEW_CAPACITY),
        "may_view_figures": role_may(user.role, Action.VIEW_FIGURES),
    }

"""Administrators manage accounts and reference data through the admin: one group holds exactly
those permissions, and every user with the administrator role is in it (and staff)."""

from __future__ import annotations

from typing import Any

ADMINISTRATORS_GROUP = "administrators"

# app_label.codename: accounts and reference data, plus read-only views for access support.
ADMINISTRATOR_PERMISSIONS = [
    "accounts.add_user",
    "accounts.change_user",
    "accounts.view_user",
    "accounts.add_organisation",
    "accounts.change_organisation",
    "accounts.view_organisation",
    "cases.view_case",
    "access.view_caseaccess",
    "axes.view_accessattempt",
    "axes.delete_accessattempt",
    "axes.view_accesslog",
    "axes.view_accessfailurelog",
    "retention.view_destructionlist",
    "retention.view_destructionitem",
]


def ensure_administrators_group(**kwargs: Any) -> None:
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name=ADMINISTRATORS_GROUP)
    wanted: list[Permission] = []
    for dotted in ADMINISTRATOR_PERMISSIONS:
        app_label, codename = dotted.split(".")
        wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
    group.permissions.set(wanted)

"""Admin for support staff. Administrators manage accounts and reference data, not case content:
a case shows here only by its reference, kind and who is involved — no persons, no facts, no
title (titles describe people). Support questions about access are answered from the grants.
"""

from django.contrib import admin

from huisverbod.access.models import CaseAccess
from huisverbod.cases.models import Case


class CaseAccessInline(admin.TabularInline):
    model = CaseAccess
    extra = 0
    fields = readonly_fields = ("organisation", "reason", "scope", "granted_at", "expires_at", "revoked_at")
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "trigger_kind", "started_by", "created_at", "updated_at"]
    list_filter = ["trigger_kind", "started_by"]
    search_fields = ["reference"]
    fields = readonly_fields = ("reference", "trigger_kind", "started_by", "created_at", "updated_at")
    inlines = [CaseAccessInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Destruction goes through a reviewed destruction list (docs/security.md, retention).
        return False

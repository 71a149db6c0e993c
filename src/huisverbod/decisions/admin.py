"""Read-only admin for support: outcome, dates and organisation only. The reasons are case content,
so they are not shown, and administrators are not given these models (accounts/signals.py)."""

from django.contrib import admin

from huisverbod.decisions.models import Decision, MeasureTaken


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(_ReadOnly):
    list_display = ["case", "outcome", "decided_at", "organisation", "imported"]
    list_filter = ["outcome", "imported"]
    fields = readonly_fields = ("case", "outcome", "decided_at", "organisation", "role", "imported")


@admin.register(MeasureTaken)
class MeasureTakenAdmin(_ReadOnly):
    list_display = ["case", "measure", "track", "taken_on", "removed_at"]
    list_filter = ["measure", "track"]
    fields = readonly_fields = ("case", "measure", "track", "taken_on", "organisation", "removed_at")

from django.contrib import admin

from huisverbod.monitoring.models import CareService


@admin.register(CareService)
class CareServiceAdmin(admin.ModelAdmin[CareService]):
    """Reference data: which services a provider offers. Capacity is kept by the provider's staff."""

    list_display = ["name", "provider", "kind", "free_places", "waiting_days", "updated_at", "active"]
    list_filter = ["kind", "provider", "active"]
    filter_horizontal = ["municipalities"]
    readonly_fields = ["free_places", "waiting_days", "updated_at", "updated_by"]

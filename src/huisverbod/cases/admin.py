"""Admin for support staff: structure and provenance of case records.

Case content is personal data; in production only the administrator role reaches the admin,
and it is limited to what support needs (docs/security.md).
"""

from django.contrib import admin

from huisverbod.cases.models import Case, Dwelling, Fact, Involvement, Person, Relationship


class DwellingInline(admin.StackedInline):
    model = Dwelling
    extra = 0


class InvolvementInline(admin.TabularInline):
    model = Involvement
    extra = 0
    fields = ["local_id", "person", "role", "residence", "position"]
    raw_id_fields = ["person"]


class RelationshipInline(admin.TabularInline):
    model = Relationship
    extra = 0
    fk_name = "case"
    fields = ["first", "second", "kind", "position"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "trigger_kind", "assessment_time", "started_by", "created_at"]
    list_filter = ["trigger_kind", "started_by"]
    search_fields = ["reference", "title"]
    readonly_fields = ["created_at", "updated_at", "created_by"]
    inlines = [DwellingInline, InvolvementInline, RelationshipInline]


@admin.register(Fact)
class FactAdmin(admin.ModelAdmin):
    list_display = ["case", "local_id", "type", "date_text", "source", "origin", "recorded_at"]
    list_filter = ["source", "origin", "type"]
    search_fields = ["case__reference", "local_id"]
    raw_id_fields = ["case", "stated_by", "recorded_by"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["surname", "given_names", "birth_date"]
    search_fields = ["surname"]

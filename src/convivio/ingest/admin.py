from django.contrib import admin

from .models import Draft, IngestJob


class DraftInline(admin.TabularInline):
    model = Draft
    fields = ("kind", "position", "title", "status", "created_object", "reviewed_by")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(IngestJob)
class IngestJobAdmin(admin.ModelAdmin):
    list_display = (
        "document",
        "status",
        "progress",
        "genre",
        "language",
        "created_by",
        "created_at",
    )
    list_filter = ("status", "genre")
    search_fields = ("document__title", "document__original_filename")
    raw_id_fields = ("document", "created_by")
    readonly_fields = ("task_id", "started_at", "finished_at", "created_at")
    inlines = [DraftInline]


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "job", "created_object")
    list_filter = ("kind", "status")
    search_fields = ("title",)
    raw_id_fields = ("job", "reviewed_by")

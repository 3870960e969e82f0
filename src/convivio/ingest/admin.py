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
    # The pipeline's state is kept by the services (running, reading again).
    readonly_fields = (
        "status",
        "progress",
        "stage",
        "attempts",
        "heartbeat_at",
        "task_id",
        "started_at",
        "finished_at",
        "created_at",
    )
    inlines = [DraftInline]


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "job", "created_object")
    list_filter = ("kind", "status")
    search_fields = ("title",)
    raw_id_fields = ("job", "reviewed_by")
    # Accepting and rejecting go through the review pages (draft_accept makes
    # the record, draft_reject says no); here they are only shown.
    readonly_fields = ("status", "created_object", "reviewed_by", "reviewed_at")

from django.contrib import admin

from . import services
from .models import Document, DocumentTranslation, Link


class DocumentTranslationInline(admin.StackedInline):
    model = DocumentTranslation
    extra = 0
    # Origins are kept by core.translation; staff see them, the site writes them.
    readonly_fields = ["origins"]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "kind",
        "organisation",
        "is_public",
        "size",
        "created_at",
    ]
    list_filter = ["kind", "is_public", "languages"]
    search_fields = [
        "translations__title",
        "translations__description",
        "original_filename",
        "checksum",
    ]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["languages", "themes"]
    readonly_fields = [
        "checksum",
        "size",
        "content_type",
        "original_filename",
        "uploaded_by",
        "created_at",
        "updated_at",
    ]
    exclude = ["extracted_text"]
    inlines = [DocumentTranslationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    # The services keep the search index and the stored file in step.
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.document_index(document=form.instance)

    def delete_model(self, request, obj):
        services.document_delete(user=request.user, document=obj)

    def delete_queryset(self, request, queryset):
        for document in queryset:
            services.document_delete(user=request.user, document=document)


@admin.register(Link)
class LinkAdmin(admin.ModelAdmin):
    list_display = ["title", "url", "kind", "last_status", "broken_since"]
    list_filter = ["kind", ("broken_since", admin.EmptyFieldListFilter)]
    search_fields = ["title", "url", "description"]
    autocomplete_fields = ["organisation", "document"]
    filter_horizontal = ["languages", "themes"]
    readonly_fields = [
        "created_by",
        "created_at",
        "last_checked_at",
        "last_status",
        "check_error",
        "broken_since",
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.link_index(link=form.instance)

    def delete_model(self, request, obj):
        services.link_delete(user=request.user, link=obj)

    def delete_queryset(self, request, queryset):
        for link in queryset:
            services.link_delete(user=request.user, link=link)

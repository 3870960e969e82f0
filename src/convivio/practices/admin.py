from django.contrib import admin

from convivio.core.admin import OrganisationAdmin
from convivio.core.models import Organisation

from . import services
from .models import (
    Collection,
    CollectionItem,
    CollectionTranslation,
    Practice,
    PracticeEvaluation,
    PracticeEvent,
    PracticeLink,
    PracticeOrganisation,
    PracticeTranslation,
)


class TranslationInline(admin.StackedInline):
    model = PracticeTranslation
    extra = 0
    readonly_fields = ("language", "title", "summary")
    fields = readonly_fields
    show_change_link = False
    can_delete = False


class OrganisationInline(admin.TabularInline):
    model = PracticeOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]


class LinkInline(admin.TabularInline):
    model = PracticeLink
    extra = 0


class EventInline(admin.TabularInline):
    model = PracticeEvent
    extra = 0
    readonly_fields = [
        "created_at",
        "actor",
        "action",
        "from_status",
        "to_status",
        "comment",
    ]
    can_delete = False


@admin.register(Practice)
class PracticeAdmin(admin.ModelAdmin):
    """Staff view.  Text and status are changed on the site, where services keep the
    search index and the moderation history in step."""

    list_display = ["__str__", "status", "country", "start_year", "original_language"]
    list_filter = ["status", "original_language", "country"]
    search_fields = ["translations__title"]
    readonly_fields = [
        "status",
        "published_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    autocomplete_fields = ["territories"]
    inlines = [TranslationInline, OrganisationInline, LinkInline, EventInline]
    list_select_related = ["country", "original_language"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    def delete_model(self, request, obj):
        services.practice_delete(user=request.user, practice=obj)

    def delete_queryset(self, request, queryset):
        for practice in queryset:
            services.practice_delete(user=request.user, practice=practice)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.practice_derived_refresh(practice=form.instance)


@admin.register(PracticeEvaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["practice", "reviewer", "created_at"]


class CollectionItemInline(admin.TabularInline):
    model = CollectionItem
    extra = 0
    raw_id_fields = ["practice"]


class CollectionTranslationInline(admin.StackedInline):
    model = CollectionTranslation
    extra = 0
    readonly_fields = ("language", "title", "introduction")
    fields = readonly_fields
    can_delete = False


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "original_language", "created_at"]
    list_filter = ["status"]
    inlines = [CollectionTranslationInline, CollectionItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # Published or put back to draft here: search follows.
        services.collection_index(collection=form.instance)


# Core's organisation admin knows nothing of practices; the practice list counts
# by organisation kind, so this app's admin keeps its facet rows in step.
admin.site.unregister(Organisation)


@admin.register(Organisation)
class PracticesOrganisationAdmin(OrganisationAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "kind" in form.changed_data:
            services.organisation_kind_changed(organisation=obj)

"""Admin of the directory (the editor pages are the everyday way in)."""

from __future__ import annotations

from django.contrib import admin

from .models import (
    Contact,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceTranslation,
)


class ServiceTranslationInline(admin.StackedInline):
    model = ServiceTranslation
    extra = 0
    # Origins are kept by core.translation; staff see them, the site writes them.
    readonly_fields = ["origins"]


class ServiceAtLocationInline(admin.TabularInline):
    model = ServiceAtLocation
    extra = 0
    raw_id_fields = ["location"]


class ScheduleInline(admin.TabularInline):
    """Shown, not edited: the opening-hours rule lives in services.schedule_set,
    which the hours page and the HSDS import call."""

    model = Schedule
    extra = 0
    fields = (
        "weekday",
        "date",
        "closed",
        "opens_at",
        "closes_at",
        "valid_from",
        "valid_to",
        "notes",
    )
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class PhoneInline(admin.TabularInline):
    model = Phone
    extra = 0
    fk_name = "service"
    fields = ["number", "extension", "type", "description"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "organisation", "status", "last_checked_at"]
    list_filter = ["status", "themes"]
    search_fields = ["translations__name", "organisation__name"]
    raw_id_fields = ["organisation", "last_checked_by"]
    filter_horizontal = ["themes", "target_groups", "languages"]
    readonly_fields = ["hsds_id", "created_at", "updated_at"]
    inlines = [
        ServiceTranslationInline,
        ServiceAtLocationInline,
        ScheduleInline,
        PhoneInline,
        ContactInline,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "city", "territory", "latitude", "longitude"]
    search_fields = ["name", "address", "city"]
    raw_id_fields = ["organisation", "territory"]
    readonly_fields = ["hsds_id"]

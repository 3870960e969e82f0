from django.contrib import admin

from .models import Event, EventTranslation, Registration


class EventTranslationInline(admin.StackedInline):
    model = EventTranslation
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "status", "starts_at", "time_zone", "network")
    list_filter = ("status", "kind", "format")
    raw_id_fields = ("network", "organisation", "territory", "collection", "created_by")
    filter_horizontal = ("languages", "interpretation")
    exclude = ("practices", "recommendations", "plans")
    inlines = [EventTranslationInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("code", "event", "status", "position", "attended")
    list_filter = ("status", "attended")
    raw_id_fields = ("event", "user")
    search_fields = ("code",)

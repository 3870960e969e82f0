"""Administration of plans: for platform administrators fixing data, not for
territory teams (they use the editor, which checks roles and keeps history)."""

from __future__ import annotations

from django.contrib import admin

from .models import (
    Dimension,
    DimensionValue,
    Indicator,
    IndicatorTranslation,
    Observation,
    ObservationValue,
    PeriodLock,
    Plan,
    PlanChange,
    PlanNode,
    PlanNodeTranslation,
    PlanTranslation,
    Recommendation,
    RecommendationTranslation,
    Responsibility,
)


class PlanTranslationInline(admin.StackedInline):
    model = PlanTranslation
    extra = 0
    # Origins are kept by core.translation; staff see them, the site writes them.
    readonly_fields = ["origins"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ("__str__", "territory", "start_year", "end_year", "status")
    list_filter = ("status", "template")
    search_fields = ("translations__title", "territory__name")
    raw_id_fields = ("territory", "organisation", "previous", "created_by")
    readonly_fields = ("data_version", "created_at", "updated_at")
    inlines = [PlanTranslationInline]


class PlanNodeTranslationInline(admin.StackedInline):
    model = PlanNodeTranslation
    extra = 0
    # Origins are kept by core.translation; staff see them, the site writes them.
    readonly_fields = ["origins"]


class ResponsibilityInline(admin.TabularInline):
    model = Responsibility
    extra = 0
    raw_id_fields = ("organisation",)


@admin.register(PlanNode)
class PlanNodeAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan", "kind", "status", "deleted_at")
    list_filter = ("kind", "status")
    search_fields = ("code", "translations__title")
    raw_id_fields = ("plan", "parent", "theme")
    readonly_fields = ("version",)
    inlines = [PlanNodeTranslationInline, ResponsibilityInline]


class IndicatorTranslationInline(admin.StackedInline):
    model = IndicatorTranslation
    extra = 0
    # Origins are kept by core.translation; staff see them, the site writes them.
    readonly_fields = ["origins"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan", "kind", "frequency", "deleted_at")
    list_filter = ("kind", "frequency")
    search_fields = ("code", "translations__name")
    raw_id_fields = ("plan", "node", "reporting_organisation")
    readonly_fields = ("version",)
    inlines = [IndicatorTranslationInline]


class DimensionValueInline(admin.TabularInline):
    model = DimensionValue
    extra = 0
    raw_id_fields = ("territory",)


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "territory", "about_people")
    raw_id_fields = ("territory",)
    inlines = [DimensionValueInline]


class RecommendationTranslationInline(admin.StackedInline):
    model = RecommendationTranslation
    extra = 0
    # Origins are kept by core.translation; staff see them, the site writes them.
    readonly_fields = ["origins"]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("__str__", "plan", "audience")
    list_filter = ("audience",)
    raw_id_fields = ("plan",)
    inlines = [RecommendationTranslationInline]


@admin.register(PlanChange)
class PlanChangeAdmin(admin.ModelAdmin):
    list_display = ("label", "plan", "user", "created_at", "undone_at")
    raw_id_fields = ("plan", "user")
    readonly_fields = ("rows",)


class ObservationValueInline(admin.TabularInline):
    model = ObservationValue
    extra = 0


@admin.register(Observation)
class ObservationAdmin(admin.ModelAdmin):
    list_display = ("indicator", "period", "value", "status", "reported_at")
    list_filter = ("status",)
    raw_id_fields = ("indicator", "organisation", "reported_by", "validated_by")
    inlines = [ObservationValueInline]


@admin.register(PeriodLock)
class PeriodLockAdmin(admin.ModelAdmin):
    list_display = ("plan", "period", "locked_by", "locked_at")
    raw_id_fields = ("plan", "locked_by")

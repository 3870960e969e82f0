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
from .versioning import plan_touch


class TouchesPlan(admin.ModelAdmin):
    """A fix made here shows at once on the plan's pages, dashboards and reports
    (their caches follow the plan's data version, as after the editor's writes).
    What the services decide (a plan's status, a node's deletion, a value's
    validation) is read-only here: the editor's pages do it with their checks."""

    @staticmethod
    def plan_id_of(obj) -> int | None:
        return obj.pk if isinstance(obj, Plan) else getattr(obj, "plan_id", None)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if (plan_id := self.plan_id_of(form.instance)) is not None:
            plan_touch(plan_id)

    def delete_model(self, request, obj):
        plan_id = self.plan_id_of(obj)
        super().delete_model(request, obj)
        if plan_id is not None and not isinstance(obj, Plan):
            plan_touch(plan_id)

    def delete_queryset(self, request, queryset):
        plan_ids = {
            plan_id for obj in queryset if (plan_id := self.plan_id_of(obj)) is not None
        }
        super().delete_queryset(request, queryset)
        for plan_id in plan_ids:
            if Plan.objects.filter(pk=plan_id).exists():
                plan_touch(plan_id)


class PlanTranslationInline(admin.StackedInline):
    model = PlanTranslation
    extra = 0
    # Origins are kept by core.translation; staff see them, the site writes them.
    readonly_fields = ["origins"]


@admin.register(Plan)
class PlanAdmin(TouchesPlan):
    list_display = ("__str__", "territory", "start_year", "end_year", "status")
    list_filter = ("status", "template")
    search_fields = ("translations__title", "territory__name")
    raw_id_fields = ("territory", "organisation", "previous", "created_by")
    readonly_fields = ("status", "data_version", "created_at", "updated_at")
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
class PlanNodeAdmin(TouchesPlan):
    list_display = ("__str__", "plan", "kind", "status", "deleted_at")
    list_filter = ("kind", "status")
    search_fields = ("code", "translations__title")
    raw_id_fields = ("plan", "parent", "theme")
    readonly_fields = ("version", "deleted_at")
    inlines = [PlanNodeTranslationInline, ResponsibilityInline]


class IndicatorTranslationInline(admin.StackedInline):
    model = IndicatorTranslation
    extra = 0
    # Origins are kept by core.translation; staff see them, the site writes them.
    readonly_fields = ["origins"]


@admin.register(Indicator)
class IndicatorAdmin(TouchesPlan):
    list_display = ("__str__", "plan", "kind", "frequency", "deleted_at")
    list_filter = ("kind", "frequency")
    search_fields = ("code", "translations__name")
    raw_id_fields = ("plan", "node", "reporting_organisation")
    readonly_fields = ("version", "deleted_at")
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
class RecommendationAdmin(TouchesPlan):
    list_display = ("__str__", "plan", "audience")
    list_filter = ("audience",)
    raw_id_fields = ("plan",)
    inlines = [RecommendationTranslationInline]


@admin.register(PlanChange)
class PlanChangeAdmin(admin.ModelAdmin):
    """The editor's undo stack: written by the services only."""

    list_display = ("label", "plan", "user", "created_at", "undone_at")
    raw_id_fields = ("plan", "user")
    readonly_fields = ("rows",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ObservationValueInline(admin.TabularInline):
    model = ObservationValue
    extra = 0


@admin.register(Observation)
class ObservationAdmin(TouchesPlan):
    list_display = ("indicator", "period", "value", "status", "reported_at")
    list_filter = ("status",)
    raw_id_fields = ("indicator", "organisation", "reported_by", "validated_by")
    # Validation and return go through the monitoring services (checked, dated).
    readonly_fields = ("status", "validated_by", "validated_at")

    @staticmethod
    def plan_id_of(obj) -> int | None:
        return obj.indicator.plan_id if obj.indicator_id else None

    inlines = [ObservationValueInline]


@admin.register(PeriodLock)
class PeriodLockAdmin(admin.ModelAdmin):
    list_display = ("plan", "period", "locked_by", "locked_at")
    raw_id_fields = ("plan", "locked_by")

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import (
    Language,
    MachineTranslationBudget,
    MachineTranslationJob,
    Membership,
    Organisation,
    OrganisationMerge,
    OrganisationTranslation,
    Profile,
    TargetGroup,
    Territory,
    TerritoryMerge,
    Theme,
    User,
)
from .services import organisation_approve


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class ConvivioUserAdmin(UserAdmin):
    inlines = [ProfileInline, MembershipInline]


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "iso_code", "country_code", "parent"]
    list_filter = ["kind", "country_code"]
    search_fields = ["name", "iso_code", "nuts_code"]
    autocomplete_fields = ["parent"]


class OrganisationTranslationInline(admin.StackedInline):
    model = OrganisationTranslation
    extra = 0
    # Origins are kept by core.translation; staff see them, the site writes them.
    readonly_fields = ["origins"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "territory"]
    list_filter = ["status", "kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["territory"]
    # Approving and merging go through the services (checked and recorded).
    readonly_fields = ["status", "created_by"]
    inlines = [OrganisationTranslationInline]
    actions = ["approve", "merge"]

    @admin.action(description=_("Approve the selected proposed organisations"))
    def approve(self, request, queryset):
        for organisation in queryset.filter(status=Organisation.Status.PROPOSED):
            organisation_approve(actor=request.user, organisation=organisation)

    @admin.action(description=_("Merge the two selected organisations…"))
    def merge(self, request, queryset):
        """To the moderators' merge page, which shows what would move first:
        the newer of the two is proposed as the duplicate."""
        pair = list(queryset.order_by("id")[:3])
        if len(pair) != 2:
            self.message_user(
                request, _("Select exactly two organisations."), messages.ERROR
            )
            return None
        return redirect(
            f"{reverse('core:organisation_merge')}"
            f"?source={pair[1].pk}&target={pair[0].pk}"
        )


class MergeRecordAdmin(admin.ModelAdmin):
    """The record of merges (read only: they are made by the merge services)."""

    list_display = ["removed_name", "kept", "merged_by", "merged_at"]
    search_fields = ["removed_name", "kept__name"]

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


admin.site.register(OrganisationMerge, MergeRecordAdmin)
admin.site.register(TerritoryMerge, MergeRecordAdmin)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "native_name", "rtl"]
    search_fields = ["code", "name"]


@admin.register(MachineTranslationBudget)
class MachineTranslationBudgetAdmin(admin.ModelAdmin):
    list_display = ["__str__", "characters_per_month", "month", "used"]
    autocomplete_fields = ["organisation", "territory"]
    search_fields = ["organisation__name", "territory__name"]


@admin.register(MachineTranslationJob)
class MachineTranslationJobAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "record_id",
        "language",
        "engine",
        "status",
        "fields_done",
        "fields_total",
        "characters",
        "created_at",
    ]
    list_filter = ["status", "engine", "language"]
    readonly_fields = [field.name for field in MachineTranslationJob._meta.fields]

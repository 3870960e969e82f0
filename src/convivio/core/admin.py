from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import (
    Language,
    Membership,
    Organisation,
    Profile,
    TargetGroup,
    Territory,
    Theme,
    User,
)


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


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "territory"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["territory"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "kind" in form.changed_data:
            # The practice list counts by organisation kind from its facet table.
            from convivio.practices.facets import facets_sync

            for practice_id in obj.practice_roles.values_list(
                "practice_id", flat=True
            ).distinct():
                facets_sync(practice_id)


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

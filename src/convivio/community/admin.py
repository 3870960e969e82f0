from django.contrib import admin

from .models import Member, Network, Report


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "territory", "visibility", "joining")
    list_filter = ("kind", "visibility")


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
    list_display = ("user", "network", "role")
    list_filter = ("role",)
    raw_id_fields = ("user", "network")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("content_type", "object_id", "reason", "status", "created_at")
    list_filter = ("status", "reason")

"""People's pages, notifications and moderation (namespace ``community``)."""

from django.urls import path

from . import moderation_views, people_views

urlpatterns = [
    path("people/me/settings/", people_views.profile_settings, name="profile_settings"),
    path("people/<str:username>/", people_views.person, name="person"),
    path("notifications/", people_views.notification_list, name="notifications"),
    path(
        "notifications/<int:pk>/open/",
        people_views.notification_open,
        name="notification_open",
    ),
    path(
        "notifications/<int:pk>/read/",
        people_views.notification_read,
        name="notification_read",
    ),
    path(
        "notifications/read-all/",
        people_views.notifications_read_all,
        name="notifications_read_all",
    ),
    path(
        "notifications/settings/",
        people_views.notification_settings,
        name="notification_settings",
    ),
    path("notifications/follow/", people_views.follow, name="follow"),
    path(
        "notifications/unsubscribe/<str:token>/",
        people_views.unsubscribe,
        name="unsubscribe",
    ),
    path("moderation/", moderation_views.queue, name="moderation_queue"),
    path(
        "moderation/report/<str:kind>/<int:pk>/",
        moderation_views.report,
        name="report",
    ),
    path(
        "moderation/<str:kind>/<int:pk>/",
        moderation_views.history,
        name="moderation_history",
    ),
    path(
        "moderation/<str:kind>/<int:pk>/act/",
        moderation_views.act,
        name="moderate",
    ),
]

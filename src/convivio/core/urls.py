from django.urls import URLPattern, URLResolver, include, path

from . import (
    history_views,
    language_views,
    machine_translation_views,
    territory_views,
    translation_views,
    views,
)

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/signup/", views.signup, name="signup"),
    path("accounts/profile/", views.profile_edit, name="profile"),
    path("accounts/profile/tokens/", views.token_create, name="token_create"),
    path(
        "accounts/profile/tokens/<int:token_id>/revoke/",
        views.token_revoke,
        name="token_revoke",
    ),
    path(
        "territories/suggestions/",
        views.territory_suggestions,
        name="territory_suggestions",
    ),
    path(
        "translate/<slug:kind>/<int:pk>/<str:lang>/",
        translation_views.translate,
        name="translate",
    ),
    path(
        "translations/request/<slug:kind>/<int:pk>/",
        translation_views.translation_request,
        name="translation_request",
    ),
    path(
        "history/<slug:kind>/<int:pk>/",
        history_views.record_history,
        name="record_history",
    ),
    path(
        "translations/machine/<int:pk>/",
        machine_translation_views.machine_translation_job,
        name="machine_translation_job",
    ),
    path(
        "translations/", translation_views.translation_queue, name="translation_queue"
    ),
    path("territories/merge/", views.territory_merge, name="territory_merge"),
    path("territories/", territory_views.territory_list, name="territory_list"),
    path(
        "territories/<int:pk>/",
        territory_views.territory_detail,
        name="territory",
    ),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path(
        "organisations/suggestions/",
        views.organisation_suggestions,
        name="organisation_suggestions",
    ),
    path(
        "organisations/review/",
        views.organisation_review,
        name="organisation_review",
    ),
    path(
        "organisations/review/<int:pk>/",
        views.organisation_moderate,
        name="organisation_moderate",
    ),
    path("organisations/merge/", views.organisation_merge, name="organisation_merge"),
    path(
        "organisations/<slug:slug>/",
        views.organisation_detail,
        name="organisation_detail",
    ),
]

# Django's own login, logout and password reset views, with our templates; the
# sign-in also brings a person back to the interface language they chose.
auth_urlpatterns: list[URLPattern | URLResolver] = [
    path("accounts/login/", language_views.LoginView.as_view(), name="login"),
    # Throttled per address (core.ratelimit), before Django's own.
    path(
        "accounts/password_reset/",
        views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
]

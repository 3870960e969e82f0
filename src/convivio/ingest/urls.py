"""ingest pages (mounted at /library/ingest/)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "ingest"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.job_detail, name="job"),
    path("<int:pk>/genre/", views.job_genre, name="job_genre"),
    path("<int:pk>/retry/", views.job_retry, name="job_retry"),
    path("<int:pk>/language/", views.job_language, name="job_language"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/review/accept-all/", views.accept_all, name="accept_all"),
    path(
        "<int:pk>/review/unplaced/<int:index>/",
        views.unplaced_place,
        name="unplaced_place",
    ),
    path(
        "<int:pk>/review/<int:draft_pk>/accept/",
        views.draft_accept,
        name="draft_accept",
    ),
    path(
        "<int:pk>/review/<int:draft_pk>/reject/",
        views.draft_reject,
        name="draft_reject",
    ),
]

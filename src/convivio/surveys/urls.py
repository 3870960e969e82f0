"""surveys pages."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_create, name="new"),
    path("import/", views.xlsform_import, name="import"),
    path("<int:pk>/", views.answer, name="answer"),
    path("<int:pk>/i/<str:token>/", views.answer, name="invitation"),
    path("<int:pk>/thanks/", views.thanks, name="thanks"),
    path("<int:pk>/edit/", views.survey_edit, name="edit"),
    path("<int:pk>/invitations/", views.invitations, name="invitations"),
    path("<int:pk>/xlsform.xlsx", views.xlsform_export, name="xlsform"),
]

# Results, downloads, moderation and the issues of a place (results_views).
from . import results_views  # noqa: E402

urlpatterns += [
    path("<int:pk>/results/", results_views.results_page, name="results"),
    path("<int:pk>/results.csv", results_views.results_csv, name="results_csv"),
    path("<int:pk>/results.xlsx", results_views.results_xlsx, name="results_xlsx"),
    path("<int:pk>/answers.csv", results_views.answers_csv, name="answers_csv"),
    path("<int:pk>/answers.xlsx", results_views.answers_xlsx, name="answers_xlsx"),
    path(
        "<int:pk>/answers/<int:answer_pk>/moderate/",
        results_views.answer_moderate,
        name="answer_moderate",
    ),
    path(
        "places/<int:territory>/issues/",
        results_views.place_issues,
        name="place_issues",
    ),
]

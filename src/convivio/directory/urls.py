"""directory pages."""

from __future__ import annotations

from django.urls import path

from . import diagnosis_views, import_views, views

app_name = "directory"

urlpatterns = [
    path("directory/", views.directory_list, name="list"),
    path("directory/map/", views.directory_map, name="map"),
    path("directory/import/", import_views.hsds_import, name="hsds_import"),
    path("directory/locations.geojson", views.locations_geojson, name="geojson"),
    path("directory/services/new/", views.service_create, name="service_create"),
    path("directory/services/<int:pk>/", views.service_detail, name="service"),
    path("directory/services/<int:pk>/edit/", views.service_edit, name="service_edit"),
    path(
        "directory/services/<int:pk>/hours/", views.service_hours, name="service_hours"
    ),
    path(
        "directory/services/<int:pk>/confirm/",
        views.service_confirm,
        name="service_confirm",
    ),
    path(
        "diagnosis/<int:territory>/",
        diagnosis_views.diagnosis_page,
        name="diagnosis",
    ),
    path(
        "diagnosis/<int:territory>/diagnosis.pdf",
        diagnosis_views.diagnosis_pdf_view,
        name="diagnosis_pdf",
    ),
    path(
        "diagnosis/<int:territory>/diagnosis.xlsx",
        diagnosis_views.diagnosis_xlsx_view,
        name="diagnosis_xlsx",
    ),
]

"""library pages."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "library"

urlpatterns = [
    path("", views.library_list, name="list"),
    path("add/", views.document_add, name="add"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/download/", views.document_download, name="download"),
    path("links/add/", views.link_add, name="link_add"),
    path("links/broken/", views.broken_links, name="broken_links"),
    path("links/<int:pk>/edit/", views.link_edit, name="link_edit"),
]

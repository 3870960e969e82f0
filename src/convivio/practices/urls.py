from django.urls import path

from . import booklet_views, views

app_name = "practices"

urlpatterns = [
    path("practices/", views.practice_list, name="list"),
    path("practices/filters/", views.practice_filters, name="filters"),
    path("practices/submit/", views.practice_submit, name="submit"),
    path("practices/review/", views.moderation_queue, name="moderation_queue"),
    path("practices/mine/", views.my_practices, name="mine"),
    path("practices/<int:pk>/", views.practice_detail, name="detail"),
    path("practices/<int:pk>/related/", views.practice_related, name="related"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="edit"),
    path("practices/<int:pk>/status/", views.practice_transition, name="transition"),
    path("practices/<int:pk>/evaluate/", views.practice_evaluate, name="evaluate"),
    path("collections/", views.collection_list, name="collection_list"),
    path("collections/<int:pk>/", views.collection_detail, name="collection_detail"),
    path("collections/<int:pk>/edit/", views.collection_edit, name="collection_edit"),
    path(
        "collections/<int:pk>/publish/",
        views.collection_publish,
        name="collection_publish",
    ),
    path(
        "collections/<int:pk>/booklet/",
        booklet_views.booklet_page,
        name="collection_booklet",
    ),
    path(
        "collections/<int:pk>/booklet.pdf",
        booklet_views.booklet_pdf,
        name="collection_booklet_pdf",
    ),
    path(
        "collections/<int:pk>/booklet.docx",
        booklet_views.booklet_docx,
        name="collection_booklet_docx",
    ),
]

from django.urls import path

from . import views

app_name = "discussions"

urlpatterns = [
    path("networks/<int:pk>/threads/", views.network_threads, name="network_threads"),
    path("networks/<int:pk>/threads/new/", views.network_new, name="network_new"),
    path("discussions/new/practice/<int:pk>/", views.practice_new, name="practice_new"),
    path("discussions/new/plan/<int:pk>/", views.plan_new, name="plan_new"),
    path("discussions/new/measure/<int:pk>/", views.measure_new, name="measure_new"),
    path("discussions/new/service/<int:pk>/", views.service_new, name="service_new"),
    path("threads/<int:pk>/", views.thread_detail, name="thread"),
    path("threads/<int:pk>/reply/", views.reply, name="reply"),
    path("threads/<int:pk>/pin/", views.thread_pin, name="pin"),
    path("threads/<int:pk>/close/", views.thread_close, name="close"),
    path("posts/<int:pk>/", views.post_permalink, name="post"),
    path("posts/<int:pk>/edit/", views.post_edit, name="edit"),
    path("posts/<int:pk>/delete/", views.post_delete, name="delete"),
    path("posts/<int:pk>/react/", views.react, name="react"),
    path(
        "posts/<int:pk>/files/<int:document_pk>/",
        views.attachment,
        name="attachment",
    ),
]

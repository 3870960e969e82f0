from django.urls import path

from . import views

app_name = "chat"

urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("rooms/<int:pk>/", views.room, name="room"),
    path("rooms/<int:pk>/messages/", views.poll, name="poll"),
    path("rooms/<int:pk>/send/", views.send, name="send"),
    path("rooms/<int:pk>/people/", views.participant_add, name="participant_add"),
    path("networks/<int:network>/", views.network_room, name="network_room"),
    path("with/<int:user>/", views.direct, name="direct"),
    path("messages/<int:pk>/delete/", views.message_delete, name="message_delete"),
    path("messages/<int:pk>/report/", views.message_report, name="message_report"),
    path(
        "messages/<int:pk>/moderate/", views.message_moderate, name="message_moderate"
    ),
]

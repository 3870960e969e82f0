from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/registrations/", views.registrations, name="registrations"),
    path("<int:pk>/check-in/", views.check_in, name="check_in"),
    path("<int:pk>/after/", views.report, name="report"),
    path("<int:pk>/booklet/", views.booklet, name="booklet"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
    path("registration/<str:code>/", views.registered, name="registered"),
    path("registration/<str:code>/cancel/", views.cancel, name="cancel"),
    path("network/<int:pk>.ics", views.network_feed, name="network_feed"),
    path("calendar/<str:token>.ics", views.person_feed, name="person_feed"),
]

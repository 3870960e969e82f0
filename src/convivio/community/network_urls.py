"""Networks and local forums (namespace ``community``)."""

from django.urls import path

from . import views

urlpatterns = [
    path("networks/", views.network_list, name="network_list"),
    path("networks/new/", views.network_create, name="network_create"),
    path("networks/<int:pk>/", views.network_detail, name="network"),
    path("networks/<int:pk>/edit/", views.network_edit, name="network_edit"),
    path("networks/<int:pk>/join/", views.network_join, name="network_join"),
    path(
        "networks/<int:pk>/withdraw/", views.network_withdraw, name="network_withdraw"
    ),
    path(
        "networks/<int:pk>/invitation/",
        views.network_invitation,
        name="network_invitation",
    ),
    path("networks/<int:pk>/leave/", views.network_leave, name="network_leave"),
    path("networks/<int:pk>/members/", views.network_members, name="network_members"),
    path(
        "networks/<int:pk>/members/me/",
        views.network_declare,
        name="network_declare",
    ),
    path("networks/<int:pk>/invite/", views.network_invite, name="network_invite"),
    path(
        "networks/<int:pk>/requests/<int:request_id>/",
        views.network_request_decide,
        name="network_request_decide",
    ),
    path(
        "networks/<int:pk>/members/<int:member_id>/role/",
        views.network_member_role,
        name="network_member_role",
    ),
    path("networks/<int:pk>/issues/", views.network_issues, name="network_issues"),
]

from django.urls import path

from . import views

app_name = "feedback_short"

urlpatterns = [
    path("<str:code>", views.go, name="go"),
    path("<str:code>/", views.go, name="go_slash"),
]

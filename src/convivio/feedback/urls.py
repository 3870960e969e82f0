from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("open/<str:kind>/<int:pk>/", views.open_channel, name="open"),
    path("reply/<int:pk>/delete/", views.reply_delete, name="reply_delete"),
    path("<str:code>/", views.form, name="form"),
    path("<str:code>/thanks/", views.thanks, name="thanks"),
    path("<str:code>/poster/", views.poster, name="poster"),
    path("<str:code>/poster.png", views.poster_png, name="poster_png"),
    path("<str:code>/results/", views.results, name="results"),
    path("<str:code>/state/", views.set_state, name="state"),
    path("<str:code>/reply/", views.reply, name="reply"),
]

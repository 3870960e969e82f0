"""Convivio's URLs plus /bench/floor/: the cheapest view behind the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok")


urlpatterns = [
    path("bench/floor/", floor, name="bench-floor"),
    path("", include("convivio.urls")),
]

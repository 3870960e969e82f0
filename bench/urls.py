"""Convivio's URLs plus /bench/floor/: the cheapest view behind the same middleware."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from convivio.urls import urlpatterns as convivio_urlpatterns


def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok")


# Convivio's patterns spread at the root, not included: pages sit under
# i18n_patterns, which Django allows only in the root URLconf.
urlpatterns = [
    path("bench/floor/", floor, name="bench-floor"),
    *convivio_urlpatterns,
]

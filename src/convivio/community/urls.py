"""Networks (``network_urls``) and people, notifications and moderation
(``people_urls``), under one namespace."""

from . import network_urls, people_urls

app_name = "community"

urlpatterns = [*network_urls.urlpatterns, *people_urls.urlpatterns]

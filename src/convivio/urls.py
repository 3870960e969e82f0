import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from convivio.api import api, api_not_found
from convivio.core.urls import auth_urlpatterns
from convivio.library.views import media_file

urlpatterns = [
    path("", include("convivio.core.urls")),
    path("", include("convivio.practices.urls")),
    path("", include("convivio.plans.urls")),
    path("library/ingest/", include("convivio.ingest.urls")),
    path("library/", include("convivio.library.urls")),
    path("", include("convivio.directory.urls")),
    path("surveys/", include("convivio.surveys.urls")),
    path("search/", include("convivio.search.urls")),
    path("api/", api.urls),
    # Anything else under /api/ answers in JSON too, not with the HTML 404 page.
    re_path(r"^api/", api_not_found),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    *auth_urlpatterns,
    # Uploaded files, in the demo and in production alike: each after a permission
    # check (never a plain static folder, where a private file's address would do).
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<name>.+)$",
        media_file,
        name="media",
    ),
]

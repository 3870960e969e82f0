import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from convivio.api import api, api_not_found
from convivio.core import language_views
from convivio.core.urls import auth_urlpatterns
from convivio.library.views import media_file

# Every page's address starts with its interface language (/es/practices/); an
# address without one redirects to the language of the cookie or the browser
# (LocaleMiddleware).  The JSON API, the language switch and files stay unprefixed.
urlpatterns = [
    *i18n_patterns(
        # First: the chat's poll, asked every few seconds by every open room,
        # is found without walking the other apps' patterns.
        path("chat/", include("convivio.chat.urls")),
        path("", include("convivio.core.urls")),
        path("", include("convivio.practices.urls")),
        path("", include("convivio.plans.urls")),
        path("library/ingest/", include("convivio.ingest.urls")),
        path("library/", include("convivio.library.urls")),
        path("", include("convivio.directory.urls")),
        path("surveys/", include("convivio.surveys.urls")),
        path("search/", include("convivio.search.urls")),
        path("", include("convivio.community.urls")),
        path("", include("convivio.discussions.urls")),
        path("events/", include("convivio.events.urls")),
        path("feedback/", include("convivio.feedback.urls")),
        path("codesign/", include("convivio.codesign.urls")),
        path("admin/", admin.site.urls),
        *auth_urlpatterns,
        prefix_default_language=True,
    ),
    path("api/", api.urls),
    # The short address printed on a service's feedback poster (no language
    # prefix: it redirects to the reader's language).
    path("f/", include("convivio.feedback.short_urls")),
    # Anything else under /api/ answers in JSON too, not with the HTML 404 page.
    re_path(r"^api/", api_not_found),
    # Django's set_language, which also remembers a signed-in person's choice.
    path("i18n/setlang/", language_views.set_language, name="set_language"),
    # Uploaded files, in the demo and in production alike: each after a permission
    # check (never a plain static folder, where a private file's address would do).
    re_path(
        rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<name>.+)$",
        media_file,
        name="media",
    ),
]

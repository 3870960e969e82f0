"""WSGI entry point: `gunicorn convivio.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convivio.settings")
application = get_wsgi_application()


def _require_static_manifest() -> None:
    """Refuse to start without collectstatic's manifest rather than serve 500s.

    With the production storage every page names its static files by their hashed
    names, read from the manifest; without it each page fails ("Missing staticfiles
    manifest entry") while the server looks healthy.
    """
    from django.conf import settings
    from django.contrib.staticfiles.storage import (
        ManifestFilesMixin,
        staticfiles_storage,
    )
    from django.core.exceptions import ImproperlyConfigured

    if isinstance(staticfiles_storage, ManifestFilesMixin) and not (
        staticfiles_storage.hashed_files
    ):
        raise ImproperlyConfigured(
            f"No static files manifest in {settings.STATIC_ROOT}: run "
            "`convivio collectstatic --no-input` before starting the server."
        )


_require_static_manifest()

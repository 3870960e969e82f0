"""ASGI entry point (pages are served over WSGI in production; see README.md)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convivio.settings")
application = get_asgi_application()

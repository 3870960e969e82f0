"""Request types for views, as the type checker sees them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``@login_required``: its user is signed in.

    Only an annotation (``request: AuthenticatedHttpRequest``); Django builds the
    request as always.  It tells mypy that ``request.user`` is a ``User``, never
    ``AnonymousUser``, as the decorator guarantees.
    """

    user: User


class HtmxHttpRequest(HttpRequest):
    """A request as ``django_htmx.middleware.HtmxMiddleware`` leaves it.

    Only an annotation (``request: HtmxHttpRequest``) for views that read
    ``request.htmx``; the middleware sets the attribute on every request.
    """

    htmx: HtmxDetails


class AuthenticatedHtmxHttpRequest(AuthenticatedHttpRequest, HtmxHttpRequest):
    """Both: a signed-in user (``@login_required``) and ``request.htmx``."""

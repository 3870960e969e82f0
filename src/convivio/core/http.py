"""Request types for views, as the type checker sees them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from .models import User


class AuthenticatedHttpRequest(HttpRequest):
    """The request of a view behind ``@login_required``: its user is signed in.

    Only an annotation (``request: AuthenticatedHttpRequest``); Django builds the
    request as always.  It tells mypy that ``request.user`` is a ``User``, never
    ``AnonymousUser``, as the decorator guarantees.
    """

    user: User

"""Personal API tokens: create, revoke, and recognise a key sent to the API.

A key is shown once, when it is made; only its SHA-256 and its first characters
are stored. The API reads it from ``Authorization: Bearer <key>``.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja.security import HttpBearer

from .models import ApiToken, User

#: Every key starts with this, so that a leaked key is recognisable in logs.
KEY_PREFIX = "cv_"
#: A person keeps at most this many keys.
MAX_TOKENS_PER_USER = 20
#: ``last_used_at`` is written at most once in this interval.
LAST_USED_PRECISION = timedelta(minutes=1)
_MAX_KEY_LENGTH = 100


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


@transaction.atomic
def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a key for ``user``; returns the row and the key, which is not kept."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(_("Only an active account can have API tokens."))
    name = (name or "").strip()
    if not name:
        raise ValidationError(
            _("Give the token a name, such as the program that will use it.")
        )
    # Lock the user's row so that two requests cannot both pass the limit.
    User.objects.select_for_update().filter(pk=user.pk).first()
    if ApiToken.objects.filter(user=user).count() >= MAX_TOKENS_PER_USER:
        raise ValidationError(
            ngettext(
                "You already have %(limit)d token; revoke it if you no longer use it.",
                "You already have %(limit)d tokens; revoke one you no longer use.",
                MAX_TOKENS_PER_USER,
            )
            % {"limit": MAX_TOKENS_PER_USER}
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, prefix=key[:8], key_hash=_hash(key))
    token.full_clean()
    token.save()
    return token, key


@transaction.atomic
def token_revoke(*, user: User, token: ApiToken) -> None:
    """Delete one of ``user``'s own tokens; the key stops working at once."""
    if not user.is_authenticated or token.user_id != user.pk:
        raise PermissionDenied(_("You can only revoke your own tokens."))
    token.delete()


def token_user(key: str) -> User | None:
    """The active user a key belongs to, or ``None`` for an unknown or revoked key."""
    if (
        not isinstance(key, str)
        or not key.startswith(KEY_PREFIX)
        or len(key) > _MAX_KEY_LENGTH
    ):
        return None
    digest = _hash(key)
    token = ApiToken.objects.select_related("user").filter(key_hash=digest).first()
    if token is None or not hmac.compare_digest(token.key_hash, digest):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


class TokenAuth(HttpBearer):
    """The API's one authentication: "Authorization: Bearer <key>".

    ``auth=TokenAuth()`` (writes): the key is required.  ``TokenAuth(session=True)``
    (reads that show more to a member): a key when one is sent, else the
    browser's session, signed in or not.  A key that is wrong, revoked or of an
    inactive account is refused with the API's one 401 in either case.
    ``request.auth`` and ``request.user`` are the key's user.
    """

    def __init__(self, *, session: bool = False) -> None:
        self.session = session
        super().__init__()

    def __call__(self, request: HttpRequest) -> Any:
        if self.session and self.header not in request.headers:
            # Truthy even when anonymous: reads need no account.
            return request.user
        return super().__call__(request)

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = token_user(token.strip())
        if user is not None:
            request.user = user
        return user

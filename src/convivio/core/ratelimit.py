"""How often one address or one member may create things.

Signing in is throttled by django-axes.  Everything else that creates records
goes through ``check``: from a form, anonymous survey answers, sign-ups and
password-reset mails per address, practices, uploads and the other things a
member creates per account; in the JSON API every write (``WriteThrottle``,
ninja's throttle interface over the same counts).  The rates are settings
(``CONVIVIO_RATE_*``, "count/period" such as ``60/h``; empty or ``0`` turns a
limit off).

Counts live in Django's cache, one counter per (what, who, window of the
period).  With the default per-process memory cache each server process counts
apart; a shared cache (``CACHE_URL``) makes the limit exact.

An address is never kept: it is hashed with the secret key into the cache key,
which expires with its window, and nothing of it reaches the answers.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from ninja.throttling import BaseThrottle

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(text: str | None) -> Rate | None:
    """ "60/h" → 60 per hour, "5/10m" → 5 per 10 minutes; "", "0" → no limit."""
    if not text or text.strip() in {"0", "off"}:
        return None
    match = RATE.match(text)
    if not match:
        raise ValueError(f"A rate is written like 60/h or 5/10m, not {text!r}.")
    count, times, unit = int(match[1]), int(match[2] or 1), match[3]
    if count == 0:
        return None
    return Rate(count, times * UNITS[unit])


class RateLimited(ValidationError):
    """Too many in a short time.  A ValidationError, so that forms show it where
    they show a service's other errors; views answer it with ``STATUS``."""

    STATUS = 429

    def __init__(self, message: str, *, retry_after: int):
        super().__init__(message, code="rate_limited")
        self.retry_after = retry_after


def status_for(error: ValidationError, default: int = 400) -> int:
    """The HTTP status of a page showing ``error``: 429 when it is a limit."""
    return RateLimited.STATUS if isinstance(error, RateLimited) else default


def retry_after(response: HttpResponse, error: ValidationError | None) -> HttpResponse:
    """Tell a refused client when to come back (``Retry-After``), on a page that
    shows ``error`` when it is a limit."""
    if isinstance(error, RateLimited):
        response["Retry-After"] = str(error.retry_after)
    return response


def address_key(request: HttpRequest) -> str:
    """Who sent ``request``, as a keyed hash of their address.

    Behind our reverse proxy (``DJANGO_BEHIND_PROXY``), the address is the last
    one of X-Forwarded-For, the one the proxy saw; earlier ones are the
    client's word and are not trusted.
    """
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "CONVIVIO_TRUST_X_FORWARDED_FOR", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            address = hops[-1]
    digest = hmac.new(
        settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256
    ).hexdigest()
    return "address:" + digest[:32]


def user_key(user) -> str:
    return f"user:{user.pk}"


def wait_text(seconds: int) -> str:
    """ "3 minutes", "1 hour" … how long until the next window."""
    if seconds < 90:
        return ngettext("%(count)d second", "%(count)d seconds", seconds) % {
            "count": seconds
        }
    if seconds < 90 * 60:
        minutes = round(seconds / 60)
        return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {
            "count": minutes
        }
    hours = round(seconds / 3600)
    return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}


def check(scope: str, who: str, setting: str, message: str) -> None:
    """Count one more ``scope`` for ``who``; past the rate of ``setting``, raise
    ``RateLimited`` with ``message`` (its ``%(wait)s`` says how long to wait).

    Call it right before creating, after the input was found valid: a form sent
    back for a mistake does not count.
    """
    rate = parse_rate(getattr(settings, setting, ""))
    if rate is None:
        return
    now = time.time()
    window = int(now // rate.seconds)
    key = f"ratelimit:{scope}:{who}:{window}"
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count > rate.count:
        retry = int(rate.seconds - now % rate.seconds) + 1
        raise RateLimited(message % {"wait": wait_text(retry)}, retry_after=retry)


def check_member(scope: str, user, setting: str = "CONVIVIO_RATE_MEMBER") -> None:
    """``check`` for something a member creates, with the common sentence.

    Administrators are not limited (they load and repair in bulk).
    """
    if user is None or getattr(user, "is_superuser", False):
        return
    check(
        scope,
        user_key(user),
        setting,
        _(
            "You have created a lot in a short time, so this was not saved. "
            "What you entered is kept: please send it again in %(wait)s."
        ),
    )


class WriteThrottle(BaseThrottle):
    """The JSON API's writes, limited by ``check`` (the counts and rules of the
    forms, through ninja's throttle interface): every method but GET, HEAD and
    OPTIONS, per account when the request has one (administrators are not
    limited, as in ``check_member``), else per address.  Reads are not limited.

    Set once on the NinjaAPI, so a new write endpoint is limited without a word.
    Unlike a form, a request is counted before its body is read.
    """

    READS = frozenset({"GET", "HEAD", "OPTIONS"})

    def __init__(
        self, setting: str = "CONVIVIO_RATE_API_WRITES", scope: str = "api-write"
    ) -> None:
        self.setting = setting
        self.scope = scope
        # ``wait`` is asked right after ``allow_request``, on the same thread.
        self._refused = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        if request.method in self.READS:
            return True
        user = getattr(request, "auth", None) or getattr(request, "user", None)
        if getattr(user, "is_superuser", False):
            return True
        if getattr(user, "is_authenticated", False):
            who = user_key(user)
        else:
            who = address_key(request)
        try:
            check(self.scope, who, self.setting, "%(wait)s")
        except RateLimited as error:
            self._refused.retry_after = error.retry_after
            return False
        return True

    def wait(self) -> float | None:
        return getattr(self._refused, "retry_after", None)

"""One way to keep what was computed or rendered from data: versioned keys.

A cached value lives under a key built from a name, the *version tokens* of what
it depends on, the language and the parameters.  A write that changes the data
changes a token, so a key never serves stale content: expiry is by version.
Tokens keep their own meaning and owner:

- a plan's ``data_version`` (``plans.versioning.plan_touch`` on every write);
- a search kind's index version (``search.services.index_version_bump``);
- a row's ``updated_at`` or the hash of what a booklet holds;
- a *named* version held here, for data that has no counter of its own (the code
  lists: themes, target groups, countries, languages), moved on by ``bump()``.

The timeout only gives back the memory of keys nobody asks for any more (old
versions); it never stands in for a version.  Named versions live in the cache
itself: with several processes, the shared cache of docs/operations.md carries a
bump to all of them, as it carries the rate limits' counts.  A per-process cache
(the default) cannot carry a bump made in another process, so there a named
version is renewed every ``LOCAL_VERSION_SECONDS``: an edit of a theme reaches
every worker within five minutes, as the code lists' fixed key allowed before.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

#: Raise when the shape of what is cached changes (a template, a dataclass), so
#: that a shared cache never serves an entry of the old shape after a release.
SCHEMA = 1

#: How long an entry stays when nobody reads it: memory, not freshness.
KEEP_SECONDS = 24 * 3600

#: The named versions of this project, and what bumps them.
CODES = "codes"  # themes, target groups, countries, languages: their rows' writes

#: How long a named version lives in a per-process cache (see the docstring).
LOCAL_VERSION_SECONDS = 300

_MISSING = object()


def _version_timeout() -> int | None:
    return LOCAL_VERSION_SECONDS if isinstance(caches["default"], LocMemCache) else None


def key(
    name: str,
    *,
    versions: Iterable[object] = (),
    language: str | None = None,
    per_language: bool = True,
    params: object = (),
) -> str:
    """The cache key of ``name`` for these versions, language and parameters.

    ``language`` defaults to the active one; ``per_language=False`` for values
    that read the same in every language (counts, ids).
    """
    if per_language:
        language = language or get_language() or ""
    else:
        language = ""
    payload = repr((SCHEMA, tuple(versions), language, params))
    digest = hashlib.blake2b(payload.encode(), digest_size=16).hexdigest()
    return f"convivio:{name}:{digest}"


def get_or_build[T](
    name: str,
    build: Callable[[], T],
    *,
    versions: Iterable[object] = (),
    language: str | None = None,
    per_language: bool = True,
    params: object = (),
) -> T:
    """The value under the key of these arguments, built and kept when missing."""
    k = key(
        name,
        versions=versions,
        language=language,
        per_language=per_language,
        params=params,
    )
    value = cache.get(k, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(k, value, KEEP_SECONDS)
    return value


def lookup(
    name: str,
    *,
    versions: Iterable[object] = (),
    language: str | None = None,
    per_language: bool = True,
    params: object = (),
) -> Any:
    """The value kept under the key of these arguments, or None."""
    k = key(
        name,
        versions=versions,
        language=language,
        per_language=per_language,
        params=params,
    )
    value = cache.get(k, _MISSING)
    return None if value is _MISSING else value


def is_cached(
    name: str,
    *,
    versions: Iterable[object] = (),
    language: str | None = None,
    per_language: bool = True,
    params: object = (),
) -> bool:
    """True when the value of these arguments is kept already."""
    k = key(
        name,
        versions=versions,
        language=language,
        per_language=per_language,
        params=params,
    )
    return k in cache


def render(
    name: str,
    template_name: str,
    context: Callable[[], dict[str, Any]],
    *,
    request: Any = None,
    versions: Iterable[object] = (),
    language: str | None = None,
    params: object = (),
) -> SafeString:
    """A template (or a partial, ``"page.html#part"``) rendered once per version,
    language and parameters.  ``context`` is called only when rendering, so a
    hit runs none of its queries.

    The rendered HTML must not depend on who asks (nor carry a CSRF token): what
    differs per person stays in the page around the fragment.
    """
    html = get_or_build(
        name,
        lambda: render_to_string(template_name, context(), request=request),
        versions=versions,
        language=language or getattr(request, "LANGUAGE_CODE", None),
        params=params,
    )
    return mark_safe(html)  # noqa: S308 - our own template's rendering


def version(name: str) -> str:
    """The current token of a named version (see ``bump``)."""
    k = f"convivio:version:{name}"
    token = cache.get(k)
    if token is None:
        # Never seen, or the cache let it go: a new token, never an old one
        # again, so that no entry kept under an earlier one comes back.
        cache.add(k, uuid.uuid4().hex, _version_timeout())
        token = cache.get(k) or ""
    return token


def bump(*names: str) -> None:
    """Move named versions on: call it from the write that changes their data."""
    for name in names:
        cache.set(f"convivio:version:{name}", uuid.uuid4().hex, _version_timeout())

"""The kinds of record people search for, each registered by the app that owns it.

Search sits below the apps whose records it finds (practices, plans, the
directory, …), so it never imports them: each app describes its kind here from
``AppConfig.ready()``, as models are registered with the admin, and calls
``search.services.index_replace`` / ``index_remove`` from its own services when a
record is saved, published, withdrawn or deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .backends import Document


@dataclass(frozen=True)
class Hit:
    """One search result as the reader sees it, in their language when the
    record has a translation in it (``language`` says which text is shown)."""

    kind: str
    object_id: int
    title: str
    url: str
    summary: str = ""
    language: str = ""
    #: Short labels shown under the title: a place, a status, a progress.
    meta: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchKind:
    """What search needs to know about one kind of record.

    - ``documents(ids)``: the index rows of these records, one per language they
      have (original and translations); a record that must not be found (a draft,
      a withdrawn record) gives none.
    - ``indexable_ids()``: every record that belongs in the index (for rebuilds).
    - ``visible_ids(user, ids)``: of these ids, those this person may open.
    - ``hits(ids, language)``: what to show for these ids, in ``language`` where
      a translation exists (ids missing from the answer are not shown).
    """

    name: str
    #: Plural label of the facet ("Practices"), a lazy translation.
    label: Any
    documents: Callable[[list[int]], list[Document]]
    indexable_ids: Callable[[], Iterable[int]]
    visible_ids: Callable[[Any, list[int]], set[int]]
    hits: Callable[[list[int], str], dict[int, Hit]]
    #: Facets show by order, then by registration.
    order: int = 100


_kinds: dict[str, SearchKind] = {}


def register(kind: SearchKind) -> None:
    """Add (or replace) a searchable kind."""
    _kinds[kind.name] = kind


def kinds() -> list[SearchKind]:
    return sorted(_kinds.values(), key=lambda k: k.order)


def get(name: str) -> SearchKind:
    try:
        return _kinds[name]
    except KeyError:
        raise LookupError(f"No searchable kind {name!r}") from None


def names() -> list[str]:
    return [k.name for k in kinds()]

"""Extension points that apps built on core fill in from ``AppConfig.ready()``.

Core is the bottom layer: it never imports an app built on it (the import-linter
contract in pyproject.toml says so).  Where a lower app shows or checks something
that a higher app holds, the lower app offers a registry here and the higher app
registers itself in it, as models are registered with the admin:

- page sections: a page that gathers several apps (the home page, a place, an
  organisation, a practice, a document) includes the sections the apps
  registered for it (``register_section`` / ``sections`` and the template tag
  ``{% page_sections sections "slot" %}``);
- place records: the models whose rows put a place in the list of places
  (``register_place_records`` / ``place_records``);
- draft sources: who may open a draft made from something they gave (a
  document read by ingestion), beside its author (``register_draft_source`` /
  ``draft_makers`` / ``drafts_made_by``);
- the signal ``before_merge``: an app whose records are found by the place or
  organisation being merged (practices' search index and facets) learns which
  records move, and is called back once they have moved.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.dispatch import Signal
from django.http import HttpRequest

# ------------------------------------------------------------------ page sections


@dataclass(frozen=True)
class Section:
    """What an app adds to a page: its templates by slot (the places the page
    leaves for sections, "main" by default) and the function giving their
    context for a request and the page's object (``None``: nothing to show)."""

    name: str
    templates: Mapping[str, str]
    context: Callable[[HttpRequest, Any], dict[str, Any] | None]
    order: int


@dataclass(frozen=True)
class FilledSection:
    """A section with its context for one request, ready for ``page_sections``."""

    templates: Mapping[str, str]
    context: dict[str, Any]


_sections: dict[str, dict[str, Section]] = {}


def register_section(
    page: str,
    name: str,
    *,
    templates: Mapping[str, str] | str,
    context: Callable[[HttpRequest, Any], dict[str, Any] | None],
    order: int = 100,
) -> None:
    """Add (or replace: ``name`` is unique on a page) an app's section of
    ``page``; sections show by ``order``, then in the order registered."""
    if isinstance(templates, str):
        templates = {"main": templates}
    _sections.setdefault(page, {})[name] = Section(name, templates, context, order)


def sections(page: str, request: HttpRequest, obj: Any = None) -> list[FilledSection]:
    """The sections of ``page`` with something to show for this request."""
    filled = []
    for section in sorted(_sections.get(page, {}).values(), key=lambda s: s.order):
        context = section.context(request, obj)
        if context is not None:
            filled.append(FilledSection(section.templates, context))
    return filled


# ------------------------------------------------------------- page annotations

_annotations: dict[str, dict[str, Callable[[], Any]]] = {}


def register_annotation(page: str, name: str, expression: Callable[[], Any]) -> None:
    """A value a higher app's section of ``page`` needs about the page's record
    (``expression()``: a query expression, such as an ``Exists``), computed in
    the query that loads the record, so that a section with nothing to show
    learns it without a query of its own.  The section reads the attribute
    ``name`` on the record, and queries as usual when it is missing."""
    _annotations.setdefault(page, {})[name] = expression


def page_annotations(page: str) -> dict[str, Any]:
    """The annotations registered for ``page``, for its selector's ``annotate``."""
    return {name: fn() for name, fn in _annotations.get(page, {}).items()}


# ------------------------------------------------------------------ place records

_place_records: dict[str, tuple[type[models.Model], str]] = {}


def register_place_records(model: type[models.Model], field: str = "territory") -> None:
    """Rows of ``model`` (through its foreign key ``field`` to a territory) put
    their place in the list of places."""
    _place_records[model._meta.label] = (model, field)


def place_records() -> Iterable[tuple[type[models.Model], str]]:
    return _place_records.values()


# ------------------------------------------------------------------- draft makers


@dataclass(frozen=True)
class DraftSource:
    """An app that makes draft records from what people give it (ingestion
    reads their documents): ``makers(record)`` gives the ids of the people who
    made ``record`` besides its author; ``made_by(model, people)`` a condition
    on the rows of ``model`` (for ``filter``) holding those ``people`` (user
    ids, or a query of them) made."""

    makers: Callable[[models.Model], set[int]]
    made_by: Callable[[type[models.Model], Any], Any]


_draft_sources: dict[str, DraftSource] = {}


def register_draft_source(
    name: str,
    *,
    makers: Callable[[models.Model], set[int]],
    made_by: Callable[[type[models.Model], Any], Any],
) -> None:
    _draft_sources[name] = DraftSource(makers, made_by)


def draft_makers(record: models.Model) -> set[int]:
    """Who made this draft record besides its author (whoever added the
    document it was read from, …): they may open it while it is a draft."""
    found: set[int] = set()
    for source in _draft_sources.values():
        found |= source.makers(record)
    return found


def drafts_made_by(model: type[models.Model], people: Any) -> Any:
    """A condition (for ``model.objects.filter``) holding the records these
    people made besides those they wrote (read from the documents they added,
    …): one query with the rest of the filter."""
    condition: Any = models.Q(pk__in=[])
    for source in _draft_sources.values():
        condition = condition | source.made_by(model, people)
    return condition


# ------------------------------------------------------------------------- merges

#: Sent by the merges of places and organisations (core.services), inside their
#: transaction, before anything moves: ``sender`` is the model (Territory or
#: Organisation), ``source`` the duplicate removed, ``target`` the one kept.  A
#: receiver may return a function without arguments, called in the same
#: transaction once the records have moved (to count or index them again).
before_merge = Signal()


def merge_followups(sender: type[models.Model], source, target) -> list[Callable]:
    """Send ``before_merge`` and keep what its receivers want called after."""
    followups: list[Callable] = []
    for _receiver, followup in before_merge.send(
        sender=sender, source=source, target=target
    ):
        if callable(followup):
            followups.append(followup)
    return followups

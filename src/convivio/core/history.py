"""Change history of records: who changed what, when (django-simple-history).

One mechanism for every app that keeps one: the record's model and its
translation rows' model each declare ``history = tracked()``; every save then
leaves a historical row.  The acting person is the one the service names
(:func:`attributed`, for work outside a request: imports, ingestion tasks, the
API's tokens), else the signed-in user of the request (simple-history's
``HistoryRequestMiddleware``).

:func:`record_history` reads it back for one record, its translations and its
parts (a service's places, a survey's questions) as a list of :class:`Change`,
in a fixed number of queries whatever the length of the history.

This is not the plans' undo stack (``PlanChange``: what undo needs to reverse an
editor's step, across many rows) nor practices' moderation events
(``PracticeEvent``: a status workflow with comments); both stay as they are.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import get_language_info, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

#: Fields whose change is no change a reader cares about.
IGNORED_FIELDS = ("updated_at", "origins")

_acting: contextvars.ContextVar[Any] = contextvars.ContextVar(
    "convivio_history_user", default=None
)


@contextmanager
def acting(user: Any) -> Iterator[None]:
    """Attribute the saves inside to ``user`` (None or anonymous: nobody)."""
    token = _acting.set(user if getattr(user, "is_authenticated", False) else None)
    try:
        yield
    finally:
        _acting.reset(token)


def attributed[F: Callable[..., Any]](func: F) -> F:
    """A service whose saves are attributed to its ``user=`` (or ``actor=``)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        user = kwargs.get("user", kwargs.get("actor"))
        if user is None:
            return func(*args, **kwargs)
        with acting(user):
            return func(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _history_user(instance: Any, request: Any = None, **kwargs: Any) -> Any:
    user = _acting.get()
    if user is not None:
        return user
    user = getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def tracked(*, excluded_fields: Iterable[str] = ()) -> HistoricalRecords:
    """The ``history`` field of a model whose changes are kept."""
    return HistoricalRecords(
        get_user=_history_user,
        excluded_fields=[*IGNORED_FIELDS, *excluded_fields],
    )


# --- reading ------------------------------------------------------------------------


@dataclass
class Change:
    """One save of one row: a record, one of its translations or one of its parts."""

    when: Any
    user: Any
    #: "created", "changed" or "deleted".
    action: str
    #: What was saved: the record itself (""), its text in a language ("Text in
    #: French"), or a part ("Location"), then the part's own name as people
    #: wrote it ("Rua das Amendoeiras"), shown isolated from the sentence
    #: around it (a Latin name in an Arabic page keeps its punctuation).
    part: str
    part_name: str = ""
    #: Verbose names of the fields that changed (empty for a creation or deletion).
    fields: list[str] = field(default_factory=list)

    @property
    def action_label(self) -> str:
        return str(ACTION_LABELS[self.action])


ACTION_LABELS = {
    "created": pgettext_lazy("change history", "created"),
    "changed": pgettext_lazy("change history", "changed"),
    "deleted": pgettext_lazy("change history", "deleted"),
}
_ACTIONS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class HistorySource:
    """Historical rows of one model to show, and what to call each row's part."""

    rows: models.QuerySet
    #: What each row is ("Location", "Text in French"), in the reader's language.
    part: Callable[[Any], str]
    #: Each row's own name, as its people wrote it (empty for none).
    part_name: Callable[[Any], str] = lambda row: ""


def _verbose(model: type[models.Model], name: str) -> str:
    try:
        return str(cast(models.Field, model._meta.get_field(name)).verbose_name)
    except FieldDoesNotExist:  # a field the model no longer has
        return name


def _changes(source: HistorySource) -> list[Change]:
    rows = list(
        source.rows.select_related("history_user").order_by(
            "history_date", "history_id"
        )
    )
    changes: list[Change] = []
    previous: dict[Any, Any] = {}
    for row in rows:
        action = _ACTIONS.get(row.history_type, "changed")
        before = previous.get(row.id)
        names: list[str] = []
        if action == "changed" and before is not None:
            names = [
                _verbose(row.instance_type, name)
                for name in row.diff_against(before).changed_fields
            ]
            if not names:
                previous[row.id] = row
                continue  # saved as it was: nothing to tell
        previous[row.id] = row
        changes.append(
            Change(
                when=row.history_date,
                user=row.history_user,
                action=action,
                part=source.part(row),
                part_name=source.part_name(row),
                fields=names,
            )
        )
    return changes


def translation_source(record: models.Model) -> HistorySource | None:
    """The historical rows of a translated record's translations."""
    rows = getattr(record, "translations", None)
    if rows is None:
        return None
    row_model = rows.model
    if not hasattr(row_model, "history"):
        return None
    return HistorySource(
        rows=row_model.history.filter(**{f"{row_model.RECORD_FIELD}_id": record.pk}),
        part=lambda row: str(
            _("Text in %(language)s") % {"language": language_name(row.language_id)}
        ),
    )


def language_name(code: str) -> str:
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


def record_history(record: models.Model, *, limit: int = 200) -> list[Change]:
    """The changes of a record, its translations and its parts, newest first.

    A record's model may say which parts' histories go with its own through a
    ``history_parts()`` method returning :class:`HistorySource`\\ s.
    """
    sources = [
        HistorySource(
            rows=type(record).history.filter(id=record.pk),  # type: ignore[attr-defined]
            part=lambda row: "",
        )
    ]
    if (translations := translation_source(record)) is not None:
        sources.append(translations)
    parts = getattr(record, "history_parts", None)
    if parts is not None:
        sources += parts()
    changes = [change for source in sources for change in _changes(source)]
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]


def has_history(model: type[models.Model]) -> bool:
    return isinstance(getattr(model, "history", None), models.Manager)

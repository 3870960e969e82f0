"""The one way content that people write is translated: practices, collections,
plans with their nodes and indicators, organisations, services, documents, surveys.

A record (``TranslatedRecord``) keeps codes, numbers, dates and relations; its text
lives in translation rows (``TranslationRow``), one per language, the original
among them.  Each row remembers, per field, where its text came from (the original,
a person, a machine) and the fingerprint of the original's text it was made from.
Status is derived from that, never stored by hand:

* ``original``  the row in the record's original language;
* ``missing``   the original has text for the field, this language has none;
* ``machine``   made by a machine and not yet reviewed by a person;
* ``reviewed``  written or reviewed by a person (who, when);
* ``outdated``  the original's text changed since the translation was made.

Writes go through the functions below (``save_original``, ``save_translation``,
``mark_reviewed``, ``copy_translations``); each app's services call them after
their own permission checks.  ``register_kind`` tells the translation screen, the
queue, machine translation and search which records can be translated.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, cast

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Language, pick_translation

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db.models.fields.related_descriptors import RelatedManager

    from .models import User


class Origin(models.TextChoices):
    ORIGINAL = "original", _("original")
    PERSON = "person", _("translated by a person")
    MACHINE = "machine", _("machine translation")


class Status(models.TextChoices):
    ORIGINAL = "original", _("original")
    REVIEWED = "reviewed", _("reviewed translation")
    MACHINE = "machine", _("machine translation")
    OUTDATED = "outdated", _("outdated translation")
    MISSING = "missing", _("not translated")


#: Worse statuses rank higher: a row is as good as its worst field.
STATUS_RANK = {
    Status.ORIGINAL: 0,
    Status.REVIEWED: 1,
    Status.MACHINE: 2,
    Status.OUTDATED: 3,
    Status.MISSING: 4,
}


def fingerprint(value: Any) -> str:
    """A short digest of a field's text; empty text has the empty fingerprint.

    Whitespace runs count as one space, so re-wrapping a paragraph does not
    outdate its translations.  Lists and dicts (aims, phases) are hashed as JSON.
    """
    if value in (None, "", [], {}):
        return ""
    text = (
        value
        if isinstance(value, str)
        else json.dumps(value, sort_keys=True, ensure_ascii=False)
    )
    text = " ".join(text.split())
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def is_empty(value: Any) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value in (None, [], {})


class TranslatedRecord(models.Model):
    """A record whose text lives in ``translations`` rows, one per language."""

    original_language = models.ForeignKey(
        Language,
        verbose_name=_("original language"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    if TYPE_CHECKING:
        # What the concrete models have: their manager, and their rows (the
        # ForeignKey of their TranslationRow, related_name="translations").
        objects: ClassVar[models.Manager[Any]]
        translations: RelatedManager[Any]
        #: The row a page shows the reader, set by the selectors that read it.
        shown: Any

    class Meta:
        abstract = True

    def translation_for(self, language: str | None = None) -> Any:
        """The row in ``language``, else the original; uses prefetched rows."""
        return pick_translation(
            list(self.translations.all()), language, self.original_language_id
        )

    def original_translation(self) -> Any:
        return self.translation_for(self.original_language_id)

    def translation_languages(self) -> list[str]:
        """Codes of the languages the record has text in, the original first."""
        codes = [row.language_id for row in self.translations.all()]
        return sorted(codes, key=lambda code: (code != self.original_language_id, code))


class TranslationRow(models.Model):
    """One language's text of a record, with per-field origin and source fingerprint.

    Subclasses add the record's foreign key (``related_name="translations"``), the
    text fields, and say which they are with ``RECORD_FIELD`` and
    ``TRANSLATED_FIELDS``.
    """

    RECORD_FIELD: ClassVar[str] = ""
    TRANSLATED_FIELDS: ClassVar[tuple[str, ...]] = ()

    language = models.ForeignKey(
        Language, verbose_name=_("language"), on_delete=models.PROTECT, related_name="+"
    )
    #: {field: {"origin", "source", "was", "by", "at", "reviewed_by", "reviewed_at"}}
    #: "source" is the fingerprint of the original's text the field was made from,
    #: "was" that text itself (to show what changed since).
    origins = models.JSONField(_("origin of each field"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    if TYPE_CHECKING:
        objects: ClassVar[models.Manager[Any]]  # the concrete models' manager

    class Meta:
        abstract = True

    # -- reading ---------------------------------------------------------------

    @property
    def record(self) -> TranslatedRecord:
        return getattr(self, self.RECORD_FIELD)

    @property
    def record_id(self) -> Any:
        return getattr(self, f"{self.RECORD_FIELD}_id")

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.TRANSLATED_FIELDS}

    def field_meta(self, name: str) -> dict[str, Any]:
        return (self.origins or {}).get(name) or {}

    def field_status(self, name: str, original: TranslationRow | None) -> Status | None:
        """This field's status against the original row; None when there is
        nothing to translate (the original's field is empty too)."""
        if original is None or original.language_id == self.language_id:
            return Status.ORIGINAL
        source = getattr(original, name)
        if is_empty(source):
            return None
        if is_empty(getattr(self, name)):
            return Status.MISSING
        meta = self.field_meta(name)
        # A field with no record of what it was made from cannot be trusted to
        # match the original: it reads as outdated until a person reviews it.
        if not meta or meta.get("source") != fingerprint(source):
            return Status.OUTDATED
        if meta.get("origin") == Origin.MACHINE and not meta.get("reviewed_by"):
            return Status.MACHINE
        return Status.REVIEWED

    def status(self, original: TranslationRow | None) -> Status:
        """The worst status among the fields that have something to translate."""
        statuses = [
            s
            for name in self.TRANSLATED_FIELDS
            if (s := self.field_status(name, original)) is not None
        ]
        if not statuses:
            return Status.ORIGINAL if original is None else Status.REVIEWED
        return max(statuses, key=STATUS_RANK.__getitem__)

    def fields_to_translate(self, original: TranslationRow) -> list[str]:
        """Fields a machine may (re)translate: missing, outdated or machine-made."""
        return [
            name
            for name in self.TRANSLATED_FIELDS
            if self.field_status(name, original)
            in (Status.MISSING, Status.OUTDATED, Status.MACHINE)
        ]


def row_status(
    record: TranslatedRecord,
    language: str,
    rows: Sequence[TranslationRow] | None = None,
) -> Status:
    """The status of ``record`` in ``language``: missing when there is no row."""
    rows = list(record.translations.all()) if rows is None else list(rows)
    by_language = {row.language_id: row for row in rows}
    original = by_language.get(record.original_language_id)
    row = by_language.get(language)
    if row is None:
        return Status.MISSING
    if language == record.original_language_id:
        return Status.ORIGINAL
    return row.status(original)


def field_statuses(record: TranslatedRecord, language: str) -> dict[str, Status | None]:
    """Per-field status of ``record`` in ``language`` (uses prefetched rows)."""
    rows = {row.language_id: row for row in record.translations.all()}
    original = rows.get(record.original_language_id)
    row = rows.get(language)
    row_model = record.translations.model
    if row is None:
        return {
            name: (
                None
                if original is None or is_empty(getattr(original, name))
                else Status.MISSING
            )
            for name in row_model.TRANSLATED_FIELDS
        }
    return {name: row.field_status(name, original) for name in row.TRANSLATED_FIELDS}


def language_statuses(record: TranslatedRecord) -> list[tuple[str, Status]]:
    """(language, status) for every row of the record, the original first."""
    rows = list(record.translations.all())
    return [
        (code, row_status(record, code, rows))
        for code in record.translation_languages()
    ]


# -- writing -------------------------------------------------------------------


def _user_id(user: User | AnonymousUser | None) -> int | None:
    return user.pk if user is not None and user.is_authenticated else None


def _now() -> str:
    return timezone.now().isoformat(timespec="seconds")


def _rows(record: TranslatedRecord) -> models.QuerySet:
    """Fresh rows from the database (never a stale prefetch cache)."""
    row_model = record.translations.model
    return row_model.objects.filter(**{row_model.RECORD_FIELD: record})


def _original_row(record: TranslatedRecord) -> TranslationRow | None:
    return _rows(record).filter(language_id=record.original_language_id).first()


def _check_fields(row_model: type[TranslationRow], values: dict[str, Any]) -> None:
    unknown = set(values) - set(row_model.TRANSLATED_FIELDS)
    if unknown:
        raise ValueError(f"not translated fields of {row_model.__name__}: {unknown}")


@transaction.atomic
def save_original(
    record: TranslatedRecord,
    values: dict[str, Any],
    *,
    user: User | AnonymousUser | None = None,
    minor: bool = False,
) -> TranslationRow:
    """Write the original-language text of ``record``.

    Translations of a field whose text changes become outdated, because their
    fingerprint no longer matches.  With ``minor=True`` (a typo, a broken link)
    translations that were current for a field stay current: their fingerprint
    is moved to the new text.
    """
    row_model = record.translations.model
    _check_fields(row_model, values)
    row = _original_row(record)
    if row is None:
        row = row_model(
            **{row_model.RECORD_FIELD: record},
            language_id=record.original_language_id,
        )
    before = {name: fingerprint(getattr(row, name, None)) for name in values}
    for name, value in values.items():
        setattr(row, name, value)
    origins = dict(row.origins or {})
    for name in values:
        origins[name] = {"origin": Origin.ORIGINAL, "by": _user_id(user), "at": _now()}
    row.origins = origins
    row.save()
    if minor and row.pk:
        changed = {
            name: fingerprint(getattr(row, name))
            for name in values
            if fingerprint(getattr(row, name)) != before[name]
        }
        if changed:
            _carry_fingerprints(record, row, before, changed)
    _clear_prefetch(record)
    return row


def _carry_fingerprints(
    record: TranslatedRecord,
    original: TranslationRow,
    before: dict[str, str],
    after: dict[str, str],
) -> None:
    """Translations current before a minor edit stay current after it."""
    moved = []
    for row in _rows(record).exclude(pk=original.pk):
        origins = dict(row.origins or {})
        touched = False
        for name, new in after.items():
            meta = origins.get(name)
            if meta and meta.get("source") == before[name]:
                origins[name] = {
                    **meta,
                    "source": new,
                    "was": getattr(original, name),
                }
                touched = True
        if touched:
            row.origins = origins
            moved.append(row)
    if moved:
        type(original).objects.bulk_update(moved, ["origins"])


@transaction.atomic
def save_translation(
    record: TranslatedRecord,
    language: str,
    values: dict[str, Any],
    *,
    user: User | AnonymousUser | None = None,
    origin: str = Origin.PERSON,
) -> TranslationRow:
    """Write ``record``'s text in ``language`` (not the original language).

    Only fields whose text changes get a new origin: saving a form unchanged does
    not make an outdated translation current (``mark_reviewed`` does that).
    A machine never overwrites a person's translation that is still current.
    """
    if language == record.original_language_id:
        raise ValueError("use save_original for the original language")
    row_model = record.translations.model
    _check_fields(row_model, values)
    original = _original_row(record)
    row = _rows(record).filter(language_id=language).first()
    if row is None:
        row = row_model(**{row_model.RECORD_FIELD: record}, language_id=language)
    origins = dict(row.origins or {})
    now = _now()
    for name, value in values.items():
        current = getattr(row, name, None)
        if origin == Origin.MACHINE and row.pk:
            if row.field_status(name, original) == Status.REVIEWED:
                continue
        elif row.pk and value == current and name in origins:
            continue
        setattr(row, name, value)
        source = getattr(original, name) if original is not None else None
        meta = {
            "origin": origin,
            "source": fingerprint(source),
            "was": source,
            "by": _user_id(user),
            "at": now,
        }
        if origin == Origin.PERSON:
            meta["reviewed_by"] = _user_id(user)
            meta["reviewed_at"] = now
        origins[name] = meta
    row.origins = origins
    row.save()
    _clear_prefetch(record)
    return row


@transaction.atomic
def mark_reviewed(
    row: TranslationRow,
    *,
    user: User,
    fields: Iterable[str] | None = None,
) -> TranslationRow:
    """A person confirms the translation matches the original as it is now."""
    original = _original_row(row.record)
    names = list(fields) if fields is not None else list(row.TRANSLATED_FIELDS)
    origins = dict(row.origins or {})
    now = _now()
    for name in names:
        if is_empty(getattr(row, name)):
            continue
        source = getattr(original, name) if original is not None else None
        meta = dict(origins.get(name) or {"origin": Origin.PERSON})
        meta.update(
            source=fingerprint(source),
            was=source,
            reviewed_by=user.pk,
            reviewed_at=now,
        )
        origins[name] = meta
    row.origins = origins
    row.save(update_fields=["origins", "updated_at"])
    _clear_prefetch(row.record)
    return row


def copy_translations(
    source: TranslatedRecord, target: TranslatedRecord, *, replace: bool = True
) -> list[TranslationRow]:
    """Copy every row of ``source`` to ``target`` (a duplicate, a new version).

    Origins travel with the text, so a duplicate's statuses equal the source's.
    """
    row_model = source.translations.model
    if replace:
        _rows(target).delete()
    copies = []
    for row in _rows(source):
        copy = row_model(
            **{row_model.RECORD_FIELD: target},
            language_id=row.language_id,
            origins=dict(row.origins or {}),
            **row.values(),
        )
        copies.append(copy)
    row_model.objects.bulk_create(copies)
    _clear_prefetch(target)
    return copies


def original_origins(values: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``origins`` for an original row made in bulk (imports, ingestion, demo)."""
    return {name: {"origin": Origin.ORIGINAL} for name in values}


def translation_origins(
    original_values: dict[str, Any],
    values: dict[str, Any],
    *,
    origin: str = Origin.PERSON,
    reviewed_at: str | None = None,
) -> dict[str, dict[str, Any]]:
    """``origins`` for a translation row made in bulk (an import carrying several
    languages, the demo), current against ``original_values``."""
    result = {}
    for name, value in values.items():
        if is_empty(value):
            continue
        source = original_values.get(name)
        meta: dict[str, Any] = {
            "origin": origin,
            "source": fingerprint(source),
            "was": source,
        }
        if origin == Origin.PERSON and reviewed_at:
            meta["reviewed_at"] = reviewed_at
        result[name] = meta
    return result


def _clear_prefetch(record: TranslatedRecord) -> None:
    cache = getattr(record, "_prefetched_objects_cache", None)
    if cache:
        cache.pop("translations", None)


# -- the kinds of records that can be translated ---------------------------------------


@dataclass(frozen=True)
class TranslatableKind:
    """What the translation screen, the queue and machine translation need to know.

    ``can_translate(user, record)`` says who may write translations (the app's own
    permission module); ``queue(user)`` the records whose translations this person
    looks after (their organisation's, their territory's), as a queryset;
    ``parts(record)`` the translated records inside it (a plan's nodes and
    indicators, a survey's questions and choices), for whole-record machine
    translation.
    """

    key: str
    label: Any
    record_model: type[TranslatedRecord]
    can_translate: Callable[[Any, Any], bool]
    can_view: Callable[[Any, Any], bool]
    queue: Callable[[Any], models.QuerySet] | None = None
    parts: Callable[[Any], Iterable[TranslatedRecord]] | None = None
    title: Callable[[Any, str | None], str] = field(
        default=lambda record, lang: str(record)
    )

    @property
    def row_model(self) -> type[TranslationRow]:
        # The reverse relation of the row's ForeignKey (abstract here, for mypy).
        rows = cast(Any, self.record_model).translations.rel
        return cast(type[TranslationRow], rows.related_model)

    def fields(self) -> list[tuple[str, Any]]:
        """(name, label) of the translated fields, in their model order."""
        meta = self.row_model._meta
        return [
            (name, cast(models.Field, meta.get_field(name)).verbose_name)
            for name in self.row_model.TRANSLATED_FIELDS
        ]


_KINDS: dict[str, TranslatableKind] = {}


def register_kind(kind: TranslatableKind) -> TranslatableKind:
    """Called from each app's ``AppConfig.ready``."""
    _KINDS[kind.key] = kind
    return kind


def kinds() -> list[TranslatableKind]:
    return list(_KINDS.values())


def kind_for(key_or_model: str | type[models.Model] | models.Model) -> TranslatableKind:
    if isinstance(key_or_model, str):
        return _KINDS[key_or_model]
    model = key_or_model if isinstance(key_or_model, type) else type(key_or_model)
    for kind in _KINDS.values():
        if issubclass(model, kind.record_model):
            return kind
    raise LookupError(model)


def interface_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def needs_translation_q(language: str) -> Q:
    """Records that have no row in ``language`` (queue pre-filter; the exact
    status, outdated included, is derived per record)."""
    return ~Q(translations__language_id=language)

"""What readers and translators see of content translations: the note beside a
record shown in another language, the translation screen and the queue.

Reads and writes both go through ``core.translation`` (the one pattern); this
module adds the permission checks, the word diff of a changed original and the
per-language counts.  Apps register their kinds; nothing here names an app.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, get_language_info, gettext

from . import translation as tr
from .models import Language, TranslationRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise

    from .models import User


#: Statuses the queue lists, the most urgent first.
QUEUE_STATUSES = (tr.Status.MISSING, tr.Status.OUTDATED, tr.Status.MACHINE)


#: Interface languages that write a language's name in lower case inside a
#: sentence ("se muestra en rumano"); Django's catalogues give it capitalised.
LOWER_CASE_NAMES = {"es", "it", "pt", "fr", "ro", "el", "uk"}


def language_name(code: str, *, in_sentence: bool = True) -> str:
    """A language's name in the reader's interface language ("rumano" on /es/).

    Django knows the names of the languages it ships catalogues for; the others
    keep core.Language's English name.
    """
    try:
        name = str(get_language_info(code)["name_translated"])
    except KeyError:
        language = Language.objects.filter(code=code).only("name").first()
        return language.name if language else code
    page = (get_language() or "").split("-")[0]
    if in_sentence and page in LOWER_CASE_NAMES and name:
        name = name[0].lower() + name[1:]
    return name


def native_name(code: str) -> str:
    """A language named in itself (Română), for links that lead into it."""
    try:
        return str(get_language_info(code)["name_local"])
    except KeyError:
        return code


# -- permissions -------------------------------------------------------------------


def can_translate(
    user: User | AnonymousUser, kind: tr.TranslatableKind, record
) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(kind.can_translate(user, record))


def require_translate(
    user: User | AnonymousUser, kind: tr.TranslatableKind, record
) -> None:
    if not can_translate(user, kind, record):
        raise PermissionDenied(gettext("You cannot translate this record."))


def check_language(record, language: str) -> Language:
    """The target language, which must exist and differ from the original's."""
    target = Language.objects.filter(code=language).first()
    if target is None:
        raise ValidationError(gettext("There is no language with this code."))
    if target.code == record.original_language_id:
        raise ValidationError(
            gettext("This is the record's original language: edit the record instead.")
        )
    return target


# -- the word diff of a changed original ----------------------------------------------

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def _as_text(value: Any) -> str:
    if value in (None, "", [], {}):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n".join(value)
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        # Phases and the like: one paragraph each, its texts joined.
        return "\n\n".join(
            " — ".join(str(text) for text in item.values() if text) for item in value
        )
    return json.dumps(value, ensure_ascii=False, indent=1)


def word_diff(before: Any, after: Any) -> SafeString:
    """``after`` with the words added since ``before`` in <ins> and the words
    taken out in <del>; whitespace is kept as written.  Changed words separated
    only by spaces read as one change ("<del>two words</del><ins>new ones</ins>")."""
    old = _TOKENS.findall(_as_text(before))
    new = _TOKENS.findall(_as_text(after))
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    opcodes = matcher.get_opcodes()
    # Merge "change, spaces, change" into one change.
    merged: list[list[Any]] = []
    for index, (op, a1, a2, b1, b2) in enumerate(opcodes):
        between = (
            op == "equal"
            and 0 < index < len(opcodes) - 1
            and not "".join(new[b1:b2]).strip()
        )
        if (op != "equal" or between) and merged and merged[-1][0] == "change":
            merged[-1][2], merged[-1][4] = a2, b2
        elif op != "equal":
            merged.append(["change", a1, a2, b1, b2])
        else:
            merged.append([op, a1, a2, b1, b2])
    parts: list[str] = []
    for op, a1, a2, b1, b2 in merged:
        if op == "equal":
            parts.append(escape("".join(new[b1:b2])))
            continue
        if a2 > a1:
            parts.append(f"<del>{escape(''.join(old[a1:a2]))}</del>")
        if b2 > b1:
            parts.append(f"<ins>{escape(''.join(new[b1:b2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped above


# -- the screen --------------------------------------------------------------------


@dataclass
class FieldView:
    """One field of the screen: the original beside the translation."""

    name: str
    label: Any
    original: Any
    value: Any
    status: tr.Status | None
    meta: dict[str, Any]
    diff: SafeString | None = None
    reviewer: str = ""

    @property
    def status_label(self) -> StrOrPromise:
        return self.status.label if self.status else gettext("nothing to translate")

    @property
    def original_text(self) -> str:
        return _as_text(self.original)

    @property
    def reviewed_at(self) -> datetime.datetime | None:
        return _when(self.meta.get("reviewed_at"))

    @property
    def made_at(self) -> datetime.datetime | None:
        return _when(self.meta.get("at"))


def _when(value: str | None) -> datetime.datetime | None:
    """An ISO time kept in ``origins`` as a datetime, for the page's date format."""
    try:
        return datetime.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


def screen_fields(
    kind: tr.TranslatableKind, record, language: str
) -> tuple[Any, list[FieldView]]:
    """The target row (or None) and each translated field side by side."""
    rows = {row.language_id: row for row in record.translations.all()}
    original = rows.get(record.original_language_id)
    row = rows.get(language)
    statuses = tr.field_statuses(record, language)
    reviewer_ids = (
        {
            meta.get("reviewed_by")
            for meta in (row.origins or {}).values()
            if isinstance(meta, dict)
        }
        - {None}
        if row is not None
        else set()
    )
    reviewers: dict[Any, str] = (
        {
            user.pk: user.display_name()
            for user in get_user_model().objects.filter(
                pk__in=cast(set[int], reviewer_ids)
            )
        }
        if reviewer_ids
        else {}
    )
    result = []
    for name, label in kind.fields():
        meta = row.field_meta(name) if row is not None else {}
        source = getattr(original, name) if original is not None else None
        status = statuses.get(name)
        diff = None
        if status == tr.Status.OUTDATED and meta.get("was") is not None:
            diff = word_diff(meta.get("was"), source)
        result.append(
            FieldView(
                name=name,
                label=label,
                original=source,
                value=getattr(row, name) if row is not None else None,
                status=status,
                meta=meta,
                diff=diff,
                reviewer=reviewers.get(meta.get("reviewed_by"), ""),
            )
        )
    return row, result


@transaction.atomic
def save_from_screen(
    *,
    user: User,
    kind: tr.TranslatableKind,
    record,
    language: str,
    values: dict[str, Any],
    reviewed: bool = False,
):
    """Save a person's translation; with ``reviewed`` the fields left as they
    were are confirmed against the original as it is now, too."""
    require_translate(user, kind, record)
    check_language(record, language)
    row = tr.save_translation(record, language, values, user=user)
    if reviewed:
        row = tr.mark_reviewed(row, user=user)
    TranslationRequest.objects.filter(
        kind=kind.key, record_id=record.pk, language_id=language
    ).delete()
    return row


@transaction.atomic
def review_from_screen(
    *,
    user: User,
    kind: tr.TranslatableKind,
    record,
    language: str,
    fields: list[str] | None = None,
):
    """Confirm the translation (or some fields) matches the original as it is."""
    require_translate(user, kind, record)
    check_language(record, language)
    row = tr._rows(record).filter(language_id=language).first()
    if row is None:
        raise ValidationError(gettext("There is no translation to review yet."))
    known = set(row.TRANSLATED_FIELDS)
    if fields is not None and not set(fields) <= known:
        raise ValidationError(gettext("Unknown field."))
    return tr.mark_reviewed(row, user=user, fields=fields)


# -- readers' requests ------------------------------------------------------------


def request_translation(
    *, user: User | AnonymousUser, kind: tr.TranslatableKind, record, language: str
) -> bool:
    """A signed-in reader asks for ``record`` in ``language``; False when they
    had asked already."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied(gettext("Sign in to ask for a translation."))
    if not kind.can_view(user, record):
        raise PermissionDenied(gettext("You cannot see this record."))
    check_language(record, language)
    if language in {row.language_id for row in tr._rows(record)}:
        raise ValidationError(gettext("This record exists in that language already."))
    try:
        with transaction.atomic():
            TranslationRequest.objects.create(
                kind=kind.key,
                record_id=record.pk,
                language_id=language,
                requested_by=user,
            )
    except IntegrityError:
        return False
    return True


def has_requested(user: User | AnonymousUser, kind_key: str, record, language: str):
    if not user.is_authenticated:
        return False
    return TranslationRequest.objects.filter(
        kind=kind_key, record_id=record.pk, language_id=language, requested_by=user
    ).exists()


# -- the queue ---------------------------------------------------------------------


@dataclass
class QueueEntry:
    kind: tr.TranslatableKind
    record: Any
    language: str
    status: tr.Status
    requests: int

    @property
    def original_title(self) -> str:
        return self.kind.title(self.record, self.record.original_language_id)


@dataclass
class QueueLanguage:
    code: str
    name: str
    counts: dict[str, int]
    requests: int
    entries: list[QueueEntry]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class AskedFor:
    """A translation the person asked for, and where it stands now."""

    kind: tr.TranslatableKind
    record: Any
    language: str
    status: tr.Status

    @property
    def original_title(self) -> str:
        return self.kind.title(self.record, self.record.original_language_id)

    @property
    def language_name(self) -> str:
        return language_name(self.language, in_sentence=False)


def my_requests(user: User | AnonymousUser, limit: int = 50) -> list[AskedFor]:
    """The translations this person asked for, the latest first: one query for
    the requests and one per kind for the records and their rows."""
    if not user.is_authenticated:
        return []
    requests = list(
        TranslationRequest.objects.filter(requested_by=user).order_by(
            "-created_at", "-pk"
        )[:limit]
    )
    by_kind: dict[str, set[int]] = {}
    for item in requests:
        by_kind.setdefault(item.kind, set()).add(item.record_id)
    records: dict[tuple[str, int], Any] = {}
    for key, ids in by_kind.items():
        try:
            kind = tr.kind_for(key)
        except KeyError:
            continue
        for record in kind.record_model.objects.filter(pk__in=ids).prefetch_related(
            "translations"
        ):
            if kind.can_view(user, record):
                records[(key, record.pk)] = (kind, record)
    result = []
    for item in requests:
        found = records.get((item.kind, item.record_id))
        if found is None:
            continue
        kind, record = found
        rows = list(record.translations.all())
        result.append(
            AskedFor(
                kind=kind,
                record=record,
                language=item.language_id,
                status=tr.row_status(record, item.language_id, rows),
            )
        )
    return result


def looks_after_translations(user: User | AnonymousUser) -> bool:
    """Whether the queue is for this person: moderators, organisation editors,
    territory teams (one query at most, remembered on the user)."""
    from .models import Membership
    from .permissions import is_moderator

    if not user.is_authenticated or not user.is_active:
        return False
    if is_moderator(user):
        return True
    cached = getattr(user, "_convivio_translates", None)
    if cached is None:
        cached = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .filter(
                Q(memberships__role=Membership.Role.EDITOR)
                | Q(territory_teams__isnull=False)
            )
            .exists()
        )
        user._convivio_translates = cached
    return cached


def translation_queue(user: User | AnonymousUser) -> list[QueueLanguage]:
    """Per platform language: what is missing, outdated or machine-made among
    the records this person looks after, readers' requests first.

    A fixed number of queries: one per kind (with its rows prefetched) and one
    for the requests; statuses are derived in Python.
    """
    if not user.is_authenticated:
        return []
    languages = tr.interface_languages()
    requested: Counter = Counter()
    for item in (
        TranslationRequest.objects.values("kind", "record_id", "language_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        requested[(item["kind"], item["record_id"], item["language_id"])] = item["n"]
    entries: dict[str, list[QueueEntry]] = {code: [] for code in languages}
    for kind in tr.kinds():
        if kind.queue is None:
            continue
        for record in kind.queue(user).prefetch_related("translations"):
            rows = list(record.translations.all())
            for code in languages:
                if code == record.original_language_id:
                    continue
                status = tr.row_status(record, code, rows)
                if status not in QUEUE_STATUSES:
                    continue
                entries[code].append(
                    QueueEntry(
                        kind=kind,
                        record=record,
                        language=code,
                        status=status,
                        requests=requested[(kind.key, record.pk, code)],
                    )
                )
    rank = {status: index for index, status in enumerate(QUEUE_STATUSES)}
    result = []
    for code in languages:
        items = sorted(
            entries[code],
            key=lambda e: (-e.requests, rank[e.status], e.kind.key, e.record.pk),
        )
        counts = Counter(entry.status.value for entry in items)
        result.append(
            QueueLanguage(
                code=code,
                name=language_name(code, in_sentence=False),
                counts={
                    status.value: counts[status.value] for status in QUEUE_STATUSES
                },
                requests=sum(1 for entry in items if entry.requests),
                entries=items,
            )
        )
    return result


@dataclass
class QueuePage:
    """What the queue page shows: the languages, the one chosen, its kinds of
    record (with their counts, when there are several) and its entries."""

    languages: list[QueueLanguage]
    current: QueueLanguage | None
    kinds: list[dict[str, Any]]
    kind: str
    entries: list[QueueEntry]


def translation_queue_page(
    user: User | AnonymousUser, *, wanted: str, reader_language: str, kind: str
) -> QueuePage:
    """The queue of the language ``wanted`` (``?lang=``), else of the reader's
    when it has work, else of the first with work; only records of ``kind``
    when it is one of them."""
    languages = translation_queue(user) if looks_after_translations(user) else []
    current = next((q for q in languages if q.code == wanted), None)
    if current is None:
        current = next(
            (q for q in languages if q.code == reader_language and q.total), None
        ) or next(
            (q for q in languages if q.total), languages[0] if languages else None
        )
    entries = current.entries if current else []
    kinds: dict[str, dict[str, Any]] = {}
    for entry in entries:
        item = kinds.setdefault(
            entry.kind.key, {"key": entry.kind.key, "label": entry.kind.label, "n": 0}
        )
        item["n"] += 1
    if kind in kinds:
        entries = [entry for entry in entries if entry.kind.key == kind]
    else:
        kind = ""
    return QueuePage(
        languages=languages,
        current=current,
        kinds=list(kinds.values()) if len(kinds) > 1 else [],
        kind=kind,
        entries=entries,
    )

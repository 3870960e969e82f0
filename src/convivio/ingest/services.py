"""Writes of the ingestion pipeline: taking a file in (the job itself runs in
``tasks``, which these services queue), and turning reviewed drafts into the
platform's records.

Nothing a parser proposes is published without a person: ``job_run`` only makes
``Draft`` rows; ``draft_accept`` creates the plan, practice or organisation through
the services of their apps, with the provenance of every record
(``source_document``, ``source_locator``, ``source_key``) so that accepting twice
or ingesting the same file again never makes a second copy.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from convivio.core import ratelimit
from convivio.core.models import Language, Organisation, Territory, User
from convivio.core.numbers import megabytes
from convivio.core.organisation_names import infer_kind
from convivio.core.services import organisation_from_import
from convivio.library.models import Document
from convivio.library.services import (
    document_add_for_reading,
    document_text_language_set,
)

from . import permissions, selectors
from .extract import ExtractionError, precheck
from .limits import upload_limit
from .models import Draft, Genre, IngestJob
from .tasks import STAGE_WAITING, enqueue, jobs_recover

logger = logging.getLogger(__name__)

#: What the reviewer may change on each kind of draft (the review forms' fields).
REVIEW_FIELDS: dict[str, tuple[str, ...]] = {
    Draft.Kind.PLAN: (
        "title",
        "territory",
        "organisation",
        "organisation_name",
        "start_year",
        "end_year",
        "themes",
    ),
    Draft.Kind.PRACTICE: (
        "title",
        "country",
        "city",
        "organisation",
        "organisation_name",
        "start_year",
        "end_year",
        "beneficiaries",
        "summary",
        "themes",
        "target_groups",
    ),
    Draft.Kind.ORGANISATION: (
        "name",
        "organisation",
        "kind",
        "country",
        "email",
        "website",
    ),
}

#: The value of an "organisation" choice meaning "create a new one from the name".
NEW = "new"


# ----------------------------------------------------------------------- helpers


def _megabytes(size: int) -> str:
    return megabytes(size)


def check_size(size: int) -> None:
    """Refuse an empty file or one over CONVIVIO_UPLOAD_MAX_BYTES, saying why."""
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = upload_limit()
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s MB; files up to %(limit)s MB can be added.")
            % {"size": _megabytes(size), "limit": _megabytes(limit)},
            code="too_big",
        )


def _title_from(filename: str) -> str:
    stem = os.path.splitext(os.path.basename(filename))[0]
    return re.sub(r"[_\s]+", " ", stem).strip()[:300] or _("Untitled document")


def source_key(job: IngestJob, draft: Draft) -> str:
    return f"ingest:{_key_base(job.document)}:{draft.kind}:{draft.position}"


def _key_base(document: Document) -> str:
    """What the source keys of a document's records start with: its checksum, and
    for another person's copy of the same bytes also the copy's id, so that
    accepting its drafts never gives back records made from the first copy."""
    if "_key_base" not in document.__dict__:
        base = document.checksum[:16]
        first = (
            Document.objects.filter(checksum=document.checksum)
            .order_by("pk")
            .values_list("pk", flat=True)
            .first()
        )
        if first is not None and first != document.pk:
            base = f"{base}-{document.pk}"
        document.__dict__["_key_base"] = base
    return document.__dict__["_key_base"]


def _locator(span: Any) -> str:
    if isinstance(span, list | tuple) and len(span) == 2:
        return f"chars {int(span[0])}–{int(span[1])}"
    return ""


def _whole_span(spans: dict[str, Any]) -> Any:
    """The widest span of a record: its extent in the text."""
    best = None
    for value in (spans or {}).values():
        if isinstance(value, list | tuple) and len(value) == 2:
            if best is None or (value[1] - value[0]) > (best[1] - best[0]):
                best = value
    return best


# ------------------------------------------------------------------------ ingest


def document_ingest(
    *,
    user: User | None,
    data: bytes,
    filename: str,
    title: str | None = None,
    genre: str | None = None,
) -> IngestJob:
    """Keep a file as a library document and queue the job that reads it.

    The same bytes again give back the job made the first time (its
    ``already_ingested`` attribute is then True) and change nothing.
    """
    permissions.require_add_documents(user)
    user = cast(User, user)  # require_add_documents refuses anyone not signed in
    check_size(len(data))
    try:
        # A file we cannot even start to read is refused before anything is kept.
        precheck(data, filename or "")
    except ExtractionError as error:
        raise ValidationError(error.message) from None
    if genre and genre not in Genre.values:
        raise ValidationError({"genre": _("Unknown kind of document.")})
    checksum = hashlib.sha256(data).hexdigest()
    jobs_recover()
    existing = _existing_job(checksum, user)
    if existing is not None:
        return existing
    ratelimit.check_member("upload", user, "CONVIVIO_RATE_UPLOADS")
    name = get_valid_filename(os.path.basename(filename or "")) or "document"
    name = name[-120:]
    # The library keeps the file and its row; if the job cannot be made either,
    # the file is removed again, so that nothing is left half-made.
    document: Document | None = None
    try:
        with transaction.atomic():
            document = document_add_for_reading(
                user=user,
                content=data,
                name=name,
                original_filename=os.path.basename(filename or name),
                checksum=checksum,
                title=(title or "").strip()[:300] or _title_from(filename or name),
            )
            job = IngestJob.objects.create(
                document=document,
                created_by=user,
                genre_override=genre or "",
                stage=STAGE_WAITING,
            )
            transaction.on_commit(lambda: enqueue(job.pk))
    except IntegrityError:
        # The same file uploaded at the same moment by the same person.
        if document is not None:
            document.file.delete(save=False)
        existing = _existing_job(checksum, user)
        if existing is None:
            raise
        return existing
    except Exception:
        if document is not None:
            document.file.delete(save=False)
        raise
    job.already_ingested = False
    return job


def _existing_job(checksum: str, user: User) -> IngestJob | None:
    """The latest job of the document of these bytes that ``user`` can see.  A
    private document someone else added is not found: the person gets a
    document and a job of their own, as for a new file, so that an upload never
    tells them it exists."""
    from convivio.library.services import document_find_by_checksum

    document = document_find_by_checksum(checksum, user=user)
    if document is None:
        return None
    job = document.ingest_jobs.order_by("-created_at", "-id").first()
    if job is None:
        # A library document added without the pipeline: read it now.
        job = IngestJob.objects.create(document=document, created_by=None)
        transaction.on_commit(lambda: enqueue(job.pk))
    job.already_ingested = True
    return job


def job_rerun(
    *,
    user: User | None,
    job: IngestJob,
    genre: str | None = None,
    language: str | None = None,
) -> IngestJob:
    """Parse again, as another genre or in another language.

    Only the drafts still waiting for review are replaced; accepted and rejected
    ones stay as they are.
    """
    permissions.require_review_job(user, job)
    if genre is not None and genre not in ("", *Genre.values):
        raise ValidationError({"genre": _("Unknown kind of document.")})
    if language is not None and not Language.objects.filter(pk=language).exists():
        raise ValidationError({"language": _("Unknown language.")})
    jobs_recover()
    with transaction.atomic():
        job = IngestJob.objects.select_for_update().get(pk=job.pk)
        if job.status in (IngestJob.Status.QUEUED, IngestJob.Status.RUNNING):
            raise ValidationError(
                _("This document is being read; wait until it is done.")
            )
        if genre is not None:
            job.genre_override = "" if genre == job.genre else genre
        if language is not None:
            job.language = language
            document_text_language_set(document=job.document, language=language)
        job.status = IngestJob.Status.QUEUED
        job.progress = 0
        job.stage = STAGE_WAITING
        job.problems = []
        # The new reading lists its own unplaced lines.
        job.unplaced = []
        job.finished_at = None
        # A person asked: the job gets its attempts again.
        job.attempts = 0
        job.heartbeat_at = None
        job.save()
        transaction.on_commit(lambda: enqueue(job.pk))
    return job


def job_retry(*, user: User | None, job: IngestJob) -> IngestJob:
    """Read a failed job's document again, as it was asked the first time."""
    return job_rerun(user=user, job=job)


# ------------------------------------------------------------------------- review


def draft_reject(*, user: User | None, draft: Draft) -> Draft:
    permissions.require_review_job(user, draft.job)
    if draft.status == Draft.Status.ACCEPTED:
        raise ValidationError(_("This draft has already been accepted."))
    draft.status = Draft.Status.REJECTED
    draft.reviewed_by = user
    draft.reviewed_at = timezone.now()
    draft.save(update_fields=["status", "reviewed_by", "reviewed_at"])
    return draft


def draft_accept(
    *, user: User | None, draft: Draft, data: dict | None = None
) -> models.Model:
    """Create the record a draft proposes (with the reviewer's changes in ``data``).

    ``data`` holds the review form's fields (``REVIEW_FIELDS``); missing ones are
    taken from the draft and from matching records already in the platform.
    Everything happens in one transaction; a draft already accepted, or a record
    with the same source key, gives back the record made the first time.
    """
    job = draft.job
    permissions.require_review_job(user, job)
    with transaction.atomic():
        draft = (
            Draft.objects.select_for_update()
            .select_related("job__document")
            .get(pk=draft.pk)
        )
        if draft.status == Draft.Status.ACCEPTED:
            existing = _created(draft.created_object)
            if existing is not None:
                return existing
        values = review_initial(draft)
        values.update(
            {k: v for k, v in (data or {}).items() if k in REVIEW_FIELDS[draft.kind]}
        )
        notes: list[str] = []
        make = ACCEPTORS[draft.kind]
        record = make(user, draft, values, notes)
        label = f"{record._meta.app_label}.{record._meta.model_name}:{record.pk}"
        draft.status = Draft.Status.ACCEPTED
        draft.created_object = label
        draft.reviewed_by = user
        draft.reviewed_at = timezone.now()
        draft.data = {
            **draft.data,
            "review": {k: _jsonable(v) for k, v in values.items()},
            "notes": notes,
        }
        draft.save()
    if draft.kind == Draft.Kind.PRACTICE:
        collection_from_job(user=user, job=job)
    return record


def unplaced_line_place(
    *, user: User | None, job: IngestJob, index: int, draft: Draft, parent: int
) -> Draft:
    """Add line ``index`` of the job's unplaced lines to a pending plan draft, as
    a measure under its node number ``parent`` (an area or an objective), after
    that node's own parts; the line is then marked as placed.  The reviewer
    still accepts the plan as usual."""
    permissions.require_review_job(user, job)
    with transaction.atomic():
        job = IngestJob.objects.select_for_update().get(pk=job.pk)
        draft = Draft.objects.select_for_update().get(pk=draft.pk, job=job)
        lines = list(job.unplaced or [])
        if not (0 <= index < len(lines)) or not isinstance(lines[index], dict):
            raise ValidationError(_("This line is no longer in the list."))
        line = lines[index]
        if line.get("placed"):
            raise ValidationError(_("This line was already added to a draft."))
        if draft.kind != Draft.Kind.PLAN or draft.status != Draft.Status.PENDING:
            raise ValidationError(
                _("Lines can be added only to a plan that is waiting for review.")
            )
        nodes = list((draft.data or {}).get("nodes") or [])
        if (
            not (0 <= parent < len(nodes))
            or not nodes[parent].get("code")
            or nodes[parent].get("kind") == "measure"
        ):
            raise ValidationError(_("Choose the part of the plan it belongs under."))
        text = str(line.get("text") or "").strip()
        if not text:
            raise ValidationError(_("This line is empty."))
        parent_code = nodes[parent]["code"]
        # After the parent's own parts: the nodes that follow it and descend
        # from it (a node's parent chain reaches the parent's code).
        parents = {n.get("code"): n.get("parent") for n in nodes if n.get("code")}
        at = parent + 1
        while at < len(nodes) and _descends(nodes[at], parent_code, parents):
            at += 1
        span = (line.get("spans") or {}).get("line")
        nodes.insert(
            at,
            {
                "code": "",
                "kind": "measure",
                "title": text[:1000],
                "parent": parent_code,
                "text": "",
                "responsible": [],
                "time_frame": None,
                "budget": None,
                "theme": None,
                # Placed by a person: nothing left to doubt.
                "confidence": 1.0,
                "spans": {"title": span} if span else {},
            },
        )
        draft.data = {**draft.data, "nodes": nodes}
        draft.save(update_fields=["data"])
        lines[index] = {**line, "placed": draft.pk}
        job.unplaced = lines
        job.save(update_fields=["unplaced"])
    return draft


def _descends(node: dict, code: str, parents: dict[str | None, str | None]) -> bool:
    seen: set[str | None] = set()
    current = node.get("parent")
    while current and current not in seen:
        if current == code:
            return True
        seen.add(current)
        current = parents.get(current)
    return False


def drafts_accept_all(*, user: User | None, job: IngestJob) -> list[tuple[Draft, str]]:
    """Accept every pending draft that needs no more input.

    Organisations come before practices (which may then use them). Returns the
    drafts left pending with the sentence saying what they need.
    """
    permissions.require_review_job(user, job)
    order: dict[str, int] = {
        Draft.Kind.PLAN: 0,
        Draft.Kind.ORGANISATION: 1,
        Draft.Kind.PRACTICE: 2,
    }
    pending = sorted(
        job.drafts.filter(status=Draft.Status.PENDING).select_related("job__document"),
        key=lambda d: (order[d.kind], d.position),
    )
    left: list[tuple[Draft, str]] = []
    for draft in pending:
        try:
            draft_accept(user=user, draft=draft)
        except ValidationError as error:
            left.append((draft, " ".join(_messages(error))))
    collection_from_job(user=user, job=job)
    return left


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def collection_from_job(*, user: User | None, job: IngestJob):
    """The booklet as a collection: its accepted practices, in their order, with
    the booklet's recommendations ("Audience: text").  Made once per document
    and kept up to date as more of its practices are accepted."""
    from convivio.practices import services as practice_services
    from convivio.practices.models import Collection, Practice

    permissions.require_review_job(user, job)
    drafts = job.drafts.filter(
        kind=Draft.Kind.PRACTICE, status=Draft.Status.ACCEPTED
    ).order_by("position")
    keys = [source_key(job, draft) for draft in drafts]
    by_key = {p.source_key: p for p in Practice.objects.filter(source_key__in=keys)}
    practices = [by_key[key] for key in keys if key in by_key]
    if not practices:
        return None
    key = f"ingest:{_key_base(job.document)}:collection"
    with transaction.atomic():
        collection = Collection.objects.filter(source_key=key).first()
        if collection is None:
            recommendations = [
                f"{_capitalised(item['audience'].rstrip(':'))}: {item['text']}"
                for item in job.recommendations
                if item.get("text")
            ]
            return practice_services.collection_create(
                user=user,
                title=str(job.document)[:300],
                language=_language(job),
                recommendations=recommendations,
                practices=practices,
                source_key=key,
                # The reviewer's acceptance of the practices is the human step.
                by_system=True,
            )
        practice_services.collection_practices_add(
            user=user, collection=collection, practices=practices, by_system=True
        )
    return collection


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, Decimal):
        return str(value)
    return value


def _created(label: str) -> models.Model | None:
    """The record a draft's ``created_object`` ("app.model:pk") names."""
    from django.apps import apps

    try:
        model_label, pk = label.split(":")
        return apps.get_model(model_label).objects.filter(pk=int(pk)).first()
    except (ValueError, LookupError):
        return None


# ----------------------------------------------------------- defaults and matching

_YEAR_RANGE = re.compile(
    r"\b((?:19|20)\d\d)\s*(?:[-–—/]|to|a|al|bis|até|-)\s*((?:19|20)?\d\d)\b"
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def years_guess(*texts: str | None) -> tuple[int | None, int | None]:
    """First and last year of "2018-2020", "2019 – 21", or a lone "2019" in the
    first text."""
    for text in texts:
        if not text:
            continue
        match = _YEAR_RANGE.search(text)
        if match:
            start, end = match.group(1), match.group(2)
            if len(end) == 2:
                end = start[:2] + end
            first, last = int(start), int(end)
            if first <= last <= first + 30:
                return first, last
    # A lone year is trusted in the first text only (a title: "Plan 2019"), not in
    # the body, where it is more often a date than the plan's period.
    match = _YEAR.search(texts[0] or "") if texts else None
    if match:
        return int(match.group(1)), int(match.group(1))
    return None, None


def review_initial(
    draft: Draft, matching: selectors.Matching | None = None
) -> dict[str, Any]:
    """What the review form shows first: the draft's values and the matches found."""
    matching = matching or selectors.Matching()
    data = draft.data
    if draft.kind == Draft.Kind.PLAN:
        text = draft.job.document.extracted_text
        span = _whole_span(data.get("spans"))
        head = text[span[0] : span[0] + 3000] if span else text[:3000]
        start, end = years_guess(data.get("title"), head)
        # A place not known yet stays as the name read, for the reviewer to add.
        territory = matching.territory_id(data.get("territory")) or (
            data.get("territory") or None
        )
        organisation = matching.organisation_ids(data.get("organisation"))
        return {
            "title": data.get("title", ""),
            "territory": territory,
            "organisation": organisation[0]
            if organisation
            else (NEW if data.get("organisation") else ""),
            "organisation_name": data.get("organisation") or "",
            "start_year": start,
            "end_year": end,
            "themes": list(data.get("themes") or []),
        }
    if draft.kind == Draft.Kind.PRACTICE:
        start, end = data.get("start_year"), data.get("end_year")
        if start is None:
            start, end = years_guess(data.get("years"))
        organisation = matching.organisation_ids(data.get("organisation"))
        country = matching.country_code(data.get("country"))
        return {
            "title": data.get("title", ""),
            "country": country or "",
            "city": data.get("city") or "",
            "organisation": organisation[0]
            if organisation
            else (NEW if data.get("organisation") else ""),
            "organisation_name": data.get("organisation") or "",
            "start_year": start,
            "end_year": end if end is not None else start,
            "beneficiaries": data.get("beneficiaries") or "",
            "summary": _summary(data),
            **_practice_topics(draft),
        }
    organisation = matching.organisation_ids(data.get("name"))
    return {
        "name": data.get("name", ""),
        "organisation": organisation[0] if organisation else NEW,
        "kind": infer_kind(data.get("name")) or Organisation.Kind.NGO,
        "country": matching.country_code(data.get("country")) or "",
        "email": data.get("email") or "",
        "website": data.get("website") or "",
    }


def _practice_topics(draft: Draft) -> dict[str, list[str]]:
    """The themes and target groups suggested for a practice draft (drafts made
    before suggestions existed get them from their text now)."""
    data = draft.data
    if "themes" in data:
        return {
            "themes": list(data.get("themes") or []),
            "target_groups": list(data.get("target_groups") or []),
        }
    from .topics import suggest

    body = " ".join(
        str(x)
        for x in (
            data.get("summary"),
            data.get("description"),
            *(data.get("aims") or []),
            data.get("results"),
            data.get("beneficiaries"),
        )
        if x
    )
    return suggest(data.get("title") or "", body, draft.job.language or "en")


def _slugs(values: Any) -> list[str]:
    """The slugs the reviewer kept, once each; the apps' services check them."""
    return list(dict.fromkeys(str(v) for v in values or [] if v))


def _summary(data: dict) -> str:
    summary = (data.get("summary") or "").strip()
    if not summary:
        text = (data.get("description") or data.get("results") or "").strip()
        if not text and data.get("aims"):
            text = " ".join(data["aims"])
        summary = text
    summary = re.sub(r"\s+", " ", summary)
    if len(summary) > 1000:
        summary = summary[:997].rsplit(" ", 1)[0] + "…"
    return summary


def _int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _organisation(
    values: dict, *, user: User | None, country: Territory | None, notes: list[str]
) -> Organisation | None:
    """The organisation the reviewer chose: an existing one, a new one, or none."""
    choice = values.get("organisation")
    name = (values.get("organisation_name") or "").strip()
    if choice in (None, ""):
        return None
    if choice == NEW:
        if not name:
            return None
        return organisation_create_from(
            user=user, name=name, territory=country, notes=notes
        )
    organisation = Organisation.objects.filter(pk=_int(choice)).first()
    if organisation is None:
        raise ValidationError({"organisation": _("Unknown organisation.")})
    return organisation


def organisation_create_from(
    *,
    name: str,
    user: User | None = None,
    territory: Territory | None = None,
    kind: str | None = None,
    email: str = "",
    website: str = "",
    notes: list[str] | None = None,
) -> Organisation:
    """The organisation a document names (called inside ``draft_accept``): the
    one already known by that name, else a new one, through core's service (the
    pickers' matching; a member's new organisation waits for a moderator).  A
    public authority's place is read from its name ("Ayuntamiento de …")."""
    name = re.sub(r"\s+", " ", name).strip()[:200]
    guessed = kind or infer_kind(name) or Organisation.Kind.NGO
    if name and territory is None and guessed == Organisation.Kind.PUBLIC_AUTHORITY:
        territory = selectors.territory_best_match(name)
    return organisation_from_import(
        actor=user,
        name=name,
        kind=kind or "",
        territory=territory,
        email=email,
        website=website,
        notes=notes,
    )


# -------------------------------------------------------------------- acceptors


def _language(job: IngestJob) -> str:
    language = job.language or (
        job.document.text_language_id if job.document.text_language_id else ""
    )
    if not language or not Language.objects.filter(pk=language).exists():
        raise ValidationError(
            {
                "language": _(
                    "The document's language is not known; choose it on the job page."
                )
            }
        )
    return language


def _territory(user, value: Any) -> Territory | None:
    """The place a reviewer chose: an id, or a new place they described
    (``{"name", "kind", "parent"}``), added now unless its name is known there."""
    if isinstance(value, dict):
        from convivio.core.services import territory_create

        place, _created = territory_create(
            actor=user,
            name=value.get("name") or "",
            kind=value.get("kind") or "",
            parent=_territory_by_pk(_int(value.get("parent"))),
        )
        return place
    return _territory_by_pk(_int(value))


def _territory_by_pk(pk: int | None) -> Territory | None:
    return Territory.objects.filter(pk=pk).first() if pk is not None else None


def _accept_plan(user, draft: Draft, values: dict, notes: list[str]):
    from convivio.plans.models import Plan

    job = draft.job
    key = source_key(job, draft)
    existing = Plan.objects.filter(source_key=key).first()
    if existing is not None:
        return existing
    errors: dict[str, str] = {}
    territory = _territory(user, values.get("territory"))
    if territory is None:
        errors["territory"] = _("Choose the territory this plan is for.")
    start, end = _int(values.get("start_year")), _int(values.get("end_year"))
    # A plan may not state its period: both years empty is "period not stated".
    if (start is None) != (end is None):
        errors["start_year"] = _(
            "Give both the first and the last year, or neither when the plan "
            "does not state its period."
        )
    elif start is not None and end is not None and end < start:
        errors["end_year"] = _("The last year cannot be before the first year.")
    title = (values.get("title") or "").strip()
    if not title:
        errors["title"] = _("Give the plan a title.")
    if errors:
        raise ValidationError(errors)
    language = _language(job)
    organisation = _organisation(values, user=user, country=None, notes=notes)
    return _plan_build(
        draft=draft,
        language=language,
        title=title,
        territory=territory,
        organisation=organisation,
        years=(start, end),
        key=key,
        notes=notes,
        user=user,
        themes=_slugs(values.get("themes")),
    )


def _plan_build(
    *,
    draft,
    language,
    title,
    territory,
    organisation,
    years,
    key,
    notes,
    user,
    themes: list[str] | None = None,
):
    from convivio.plans import services as plans
    from convivio.plans.models import PlanNode

    data = draft.data
    document = draft.job.document
    plan = plans.plan_create(
        user=user,
        data=plans.PlanData(
            language=language,
            title=title[:300],
            territory_id=territory.pk,
            start_year=years[0],
            end_year=years[1],
            organisation_id=organisation.pk if organisation else None,
            general_objectives="\n".join(
                f"- {g}" for g in data.get("general_objectives") or []
            ),
            transversal_axes="\n".join(
                f"- {a}" for a in data.get("transversal_axes") or []
            ),
            themes=list(themes or []),
            source_document=str(document)[:255],
            source_key=key,
        ),
        by_system=True,
        source_locator=_locator(_whole_span(data.get("spans")))[:255],
    )
    kinds = {
        "area": PlanNode.Kind.AREA,
        "axis": PlanNode.Kind.AREA,
        "general_objective": PlanNode.Kind.GENERAL_OBJECTIVE,
        "objective": PlanNode.Kind.OBJECTIVE,
        "measure": PlanNode.Kind.MEASURE,
    }
    by_code: dict[str, PlanNode] = {}
    matcher = selectors.Matching()
    for item in data.get("nodes") or []:
        kind = kinds.get(item.get("kind"), PlanNode.Kind.OBJECTIVE)
        code = (item.get("code") or "").strip()[:40]
        parent = by_code.get(item.get("parent") or "")
        if item.get("parent") and parent is None:
            notes.append(
                _("%(code)s: its parent %(parent)s was not found; placed at the top.")
                % {"code": code, "parent": item["parent"]}
            )
        while parent is not None and parent.kind == PlanNode.Kind.MEASURE:
            parent = parent.parent
        text = item.get("text") or ""
        unmatched: list[str] = []
        responsible: list[Organisation] = []
        for name in item.get("responsible") or []:
            organisation = matcher.organisation(name)
            (responsible if organisation else unmatched).append(organisation or name)
        if unmatched and kind == PlanNode.Kind.MEASURE:
            text = (text + "\n\n" if text else "") + _("Responsible: %(names)s") % {
                "names": "; ".join(unmatched)
            }
        node = plans.node_create(
            user=user,
            plan=plan,
            kind=kind,
            parent=parent,
            by_system=True,
            source_locator=_locator(_whole_span(item.get("spans")))[:255],
            data=plans.NodeData(
                title=(item.get("title") or "").strip()[:1000] or code or "—",
                text=text[:50000],
                code=code,
                # An area keeps its suggested theme when the reviewer kept it
                # among the plan's themes; its parts inherit it.
                theme=item.get("theme")
                if item.get("theme") in (themes or [])
                else None,
                duration_note=(item.get("time_frame") or "")[:200]
                if kind == PlanNode.Kind.MEASURE
                else "",
                budget_note=(item.get("budget") or "")[:300]
                if kind == PlanNode.Kind.MEASURE
                else "",
            ),
        )
        if code:
            by_code[code] = node
        if kind == PlanNode.Kind.MEASURE:
            for organisation in dict.fromkeys(responsible):
                plans.responsibility_set(
                    user=user, node=node, organisation=organisation, by_system=True
                )
    _plan_indicators(plan, data, by_code, notes, user)
    _plan_recommendations(plan, data, notes, user)
    return plan


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    text = str(value).strip().replace(" ", "").replace("%", "")
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", text):
        text = re.sub(r"[.,]", "", text)
    text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() and number >= 0 else None


def _plan_indicators(plan, data: dict, by_code: dict, notes: list[str], user) -> None:
    from convivio.plans import services as plans
    from convivio.plans.models import Indicator, PlanNode

    usable = selectors.dimensions_usable(plan.territory)
    missing: dict[str, list[str]] = {}
    for item in data.get("indicators") or []:
        node = by_code.get(item.get("measure") or "")
        if node is None or node.kind == PlanNode.Kind.AREA:
            notes.append(
                _("The indicator “%(name)s” belongs to no measure and was left out.")
                % {"name": (item.get("name") or "")[:80]}
            )
            continue
        kind = (
            Indicator.Kind.QUALITATIVE
            if item.get("kind") == "qualitative"
            else Indicator.Kind.QUANTITATIVE
        )
        dimensions: dict[str, list[str]] = {}
        for slug in item.get("disaggregation") or []:
            if kind == Indicator.Kind.QUALITATIVE:
                break
            if slug in usable:
                dimensions[slug] = []
            else:
                missing.setdefault(slug, []).append(node.code)
        baseline, target = _decimal(item.get("baseline")), _decimal(item.get("target"))
        definition = []
        if item.get("baseline") and baseline is None:
            definition.append(_("Baseline: %(value)s") % {"value": item["baseline"]})
        if item.get("target") and target is None:
            definition.append(_("Target: %(value)s") % {"value": item["target"]})
        plans.indicator_create(
            user=user,
            node=node,
            by_system=True,
            data=plans.IndicatorData(
                name=(item.get("name") or "").strip()[:1000] or "—",
                definition="\n".join(definition),
                kind=kind,
                baseline_value=baseline
                if kind == Indicator.Kind.QUANTITATIVE
                else None,
                target_value=target if kind == Indicator.Kind.QUANTITATIVE else None,
                dimensions=dimensions,
            ),
        )

    for slug, codes in missing.items():
        notes.append(
            _(
                "The breakdown by “%(slug)s” of the indicators of %(codes)s needs "
                "its code list for this territory: add it under “Code lists”, then "
                "add the breakdown to those indicators."
            )
            % {"slug": slug, "codes": ", ".join(dict.fromkeys(codes))}
        )


#: Words of an audience as written → the platform's audience code.
AUDIENCE_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("european_commission", ("europe", "commission", "comisi", "commissione", "comis")),
    ("media", ("media", "medios", "press", "prensa", "stampa", "presa", "comunicaci")),
    (
        "migrant_organisations",
        ("migrant organ", "asociaciones de migr", "diaspora", "migrant"),
    ),
    (
        "state",
        (
            "state",
            "estado",
            "stato",
            "national",
            "nacional",
            "government",
            "guvern",
            "govern",
            "bund",
            "ministr",
        ),
    ),
    ("regional", ("region", "auton", "land", "comunidad")),
    (
        "local",
        (
            "local",
            "municip",
            "city",
            "ayuntamiento",
            "comune",
            "autoritati locale",
            "council",
            "town",
        ),
    ),
    (
        "service_providers",
        ("service", "servic", "provider", "prestador", "professional"),
    ),
    (
        "civil_society",
        ("civil", "ngo", "ong", "associa", "third sector", "tercer sector"),
    ),
    (
        "population",
        ("population", "poblaci", "society", "sociedad", "citizen", "public"),
    ),
]


def audience_code(audience: str) -> str | None:
    words = selectors.fold(audience)
    for code, keys in AUDIENCE_WORDS:
        if any(key in words for key in keys):
            return code
    return None


def _plan_recommendations(plan, data: dict, notes: list[str], user) -> None:
    from convivio.plans import services as plans
    from convivio.plans.models import Recommendation

    for item in data.get("recommendations") or []:
        text = (item.get("text") or "").strip()
        if not text:
            continue
        audience = item.get("audience") or ""
        code = item.get("audience_code")
        if code not in Recommendation.Audience.values:
            code = audience_code(audience)
        if code is None:
            # Kept with the words of the document, for the team to sort out.
            code = Recommendation.Audience.CIVIL_SOCIETY
            text = f"{audience}: {text}" if audience else text
            notes.append(
                _("The audience “%(audience)s” was not recognised: check it.")
                % {"audience": audience[:80]}
            )
        plans.recommendation_create(
            user=user,
            plan=plan,
            audience=code,
            text=text[:10000],
            by_system=True,
            source_locator=_locator(_whole_span(item.get("spans")))[:255],
        )


def _accept_practice(user, draft: Draft, values: dict, notes: list[str]):
    from convivio.practices import services as practices
    from convivio.practices.models import Practice, PracticeOrganisation

    job = draft.job
    key = source_key(job, draft)
    existing = Practice.objects.filter(source_key=key).first()
    if existing is not None:
        return existing
    data = draft.data
    errors: dict[str, str] = {}
    country_code = (values.get("country") or "").strip().upper()
    country = (
        Territory.objects.filter(
            iso_code=country_code, kind=Territory.Kind.COUNTRY
        ).first()
        if country_code
        else None
    )
    if country is None:
        errors["country"] = _("Choose the country of this practice.")
    title = (values.get("title") or "").strip()
    if not title:
        errors["title"] = _("Give the practice a title.")
    summary = (values.get("summary") or "").strip()
    if not summary:
        errors["summary"] = _("Write a short summary of the practice.")
    start, end = _int(values.get("start_year")), _int(values.get("end_year"))
    if start and end and end < start:
        errors["end_year"] = _("The last year cannot be before the first year.")
    if errors or country is None:  # (no country is one of the errors)
        raise ValidationError(errors)
    language = _language(job)
    roles: list[tuple[int, str]] = []
    organisation = _organisation(values, user=user, country=country, notes=notes)
    if organisation is not None:
        roles.append((organisation.pk, PracticeOrganisation.Role.IMPLEMENTING))
    matcher = selectors.Matching()
    for name in data.get("partners") or []:
        partner = matcher.organisation(name)
        if partner is not None and partner.pk not in {o for o, _r in roles}:
            roles.append((partner.pk, PracticeOrganisation.Role.PARTNER))
    territories = []
    city = (values.get("city") or "").strip()
    if city:
        place = selectors.territory_best_match(city, country_code=country.country_code)
        if place is not None and place.kind != Territory.Kind.COUNTRY:
            territories.append(place.pk)
    links, check = [], URLValidator()
    for url in data.get("links") or []:
        try:
            check(url)
            links.append((url[:1000], ""))
        except ValidationError:
            notes.append(_("“%(url)s” is not a web address; left out.") % {"url": url})
    email = ""
    for candidate in data.get("emails") or []:
        try:
            validate_email(candidate)
            email = candidate
            break
        except ValidationError:
            continue
    description = (data.get("description") or "").strip()
    if city and not territories:
        description = (description + "\n\n" if description else "") + _(
            "City: %(city)s"
        ) % {"city": city}
    beneficiaries = (values.get("beneficiaries") or "").strip()
    count = data.get("beneficiaries_count")
    if beneficiaries != (data.get("beneficiaries") or ""):
        digits = re.search(r"\d[\d.,]*", beneficiaries)
        count = _int(re.sub(r"[.,]", "", digits.group())) if digits else None
    practice = practices.practice_create(
        user=user,
        by_system=True,
        source_key=key,
        data=practices.PracticeData(
            language=language,
            title=title[:300],
            summary=summary[:1000],
            country=country.iso_code,
            description=description,
            aims=[a for a in data.get("aims") or [] if a],
            phases=[{"title": "", "text": p} for p in data.get("phases") or [] if p],
            beneficiaries=beneficiaries,
            beneficiaries_count=count,
            results=data.get("results") or "",
            territory_ids=territories,
            start_year=start,
            end_year=end if end is not None else start,
            organisations=roles,
            links=links,
            contact_email=email,
            source_document=str(job.document)[:255],
            source_locator=_locator(_whole_span(data.get("spans")))[:255],
            themes=_slugs(values.get("themes")),
            target_groups=_slugs(values.get("target_groups")),
        ),
    )
    return practice


def _accept_organisation(user, draft: Draft, values: dict, notes: list[str]):
    choice = values.get("organisation")
    if choice not in (None, "", NEW):
        organisation = Organisation.objects.filter(pk=_int(choice)).first()
        if organisation is None:
            raise ValidationError({"organisation": _("Unknown organisation.")})
        return organisation
    name = (values.get("name") or "").strip()
    code = (values.get("country") or "").strip().upper()
    country = (
        Territory.objects.filter(iso_code=code, kind=Territory.Kind.COUNTRY).first()
        if code
        else None
    )
    # A member's document does not list an organisation in public by itself:
    # it waits in the moderators' queue like one added from a form (core's rule).
    return organisation_create_from(
        user=user,
        name=name,
        territory=country,
        kind=values.get("kind") or None,
        email=values.get("email") or "",
        website=values.get("website") or "",
        notes=notes,
    )


ACCEPTORS: dict[str, Callable[[Any, Draft, dict, list[str]], models.Model]] = {
    Draft.Kind.PLAN: _accept_plan,
    Draft.Kind.PRACTICE: _accept_practice,
    Draft.Kind.ORGANISATION: _accept_organisation,
}

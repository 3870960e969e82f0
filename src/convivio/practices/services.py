"""Writes for good practices.  Every write checks the actor's role here, so that
pages, the API and commands share one set of rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from convivio.core import ratelimit
from convivio.core.models import Organisation, TargetGroup, Territory, Theme, User
from convivio.core.translation import save_original, save_translation
from convivio.search.backends import Document
from convivio.search.services import index_remove, index_replace

from . import permissions
from .facets import facets_sync
from .models import (
    Collection,
    CollectionItem,
    CollectionTranslation,
    Practice,
    PracticeEvaluation,
    PracticeEvent,
    PracticeLink,
    PracticeOrganisation,
    PracticeTranslation,
)
from .selectors import SEARCH_KIND

TRANSLATED_FIELDS = PracticeTranslation.TRANSLATED_FIELDS


@dataclass
class PracticeData:
    """Everything a person writes about a practice, in one language."""

    language: str
    title: str
    summary: str
    country: str  # ISO 3166-1 alpha-2
    description: str = ""
    aims: list[str] = field(default_factory=list)
    phases: list[dict[str, str]] = field(default_factory=list)
    activities: str = ""
    beneficiaries: str = ""
    results: str = ""
    success_conditions: str = ""
    difficulties: str = ""
    transferability: str = ""
    territory_ids: list[int] = field(default_factory=list)
    start_year: int | None = None
    end_year: int | None = None
    themes: list[str] = field(default_factory=list)  # slugs
    target_groups: list[str] = field(default_factory=list)  # slugs
    organisations: list[tuple[int, str]] = field(default_factory=list)  # (id, role)
    beneficiaries_count: int | None = None
    funding_programme: str = ""
    funding_amount: Decimal | None = None
    funding_currency: str = "EUR"
    links: list[tuple[str, str]] = field(default_factory=list)  # (url, title)
    contact_name: str = ""
    contact_email: str = ""
    source_document: str = ""
    source_locator: str = ""
    #: An edit of the original that does not outdate its translations (a typo).
    minor: bool = False


MAIN_FIELDS = (
    "start_year",
    "end_year",
    "beneficiaries_count",
    "funding_programme",
    "funding_amount",
    "funding_currency",
    "contact_name",
    "contact_email",
    "source_document",
    "source_locator",
)


def _event(practice: Practice, actor: User | None, action: str, old: str, comment=""):
    PracticeEvent.objects.create(
        practice=practice,
        actor=actor,
        action=action,
        from_status=old,
        to_status=practice.status,
        comment=comment,
    )


def _fill(practice: Practice, data: PracticeData) -> None:
    for name in MAIN_FIELDS:
        setattr(practice, name, getattr(data, name))
    try:
        practice.country = Territory.objects.get(
            iso_code=data.country, kind=Territory.Kind.COUNTRY
        )
    except Territory.DoesNotExist:
        raise ValidationError({"country": _("Unknown country.")}) from None
    practice.original_language_id = practice.original_language_id or data.language
    if data.language == practice.original_language_id:
        practice.sort_title = data.title.strip().lower()[:120]


def _save_relations(practice: Practice, data: PracticeData) -> None:
    themes = list(Theme.objects.filter(slug__in=data.themes))
    if len(themes) != len(set(data.themes)):
        raise ValidationError({"themes": _("Unknown theme.")})
    groups = list(TargetGroup.objects.filter(slug__in=data.target_groups))
    if len(groups) != len(set(data.target_groups)):
        raise ValidationError({"target_groups": _("Unknown target group.")})
    practice.themes.set(themes)
    practice.target_groups.set(groups)
    practice.territories.set(Territory.objects.filter(id__in=data.territory_ids))
    practice.organisation_roles.all().delete()
    known = set(
        Organisation.objects.filter(
            id__in=[o for o, _ in data.organisations]
        ).values_list("id", flat=True)
    )
    roles = []
    for organisation_id, role in dict.fromkeys(data.organisations):
        if organisation_id not in known or role not in PracticeOrganisation.Role.values:
            raise ValidationError({"organisations": _("Unknown organisation or role.")})
        roles.append(
            PracticeOrganisation(
                practice=practice, organisation_id=organisation_id, role=role
            )
        )
    PracticeOrganisation.objects.bulk_create(roles)
    practice.links.all().delete()
    links = [PracticeLink(practice=practice, url=u, title=t) for u, t in data.links]
    for link in links:
        link.full_clean(exclude=["practice"])
    PracticeLink.objects.bulk_create(links)


def _save_translation(
    practice: Practice, data: PracticeData, user: User | None
) -> PracticeTranslation:
    """The text in data.language: the original (other languages become outdated
    unless ``data.minor``) or a person's translation (reviewed by them)."""
    values = {name: getattr(data, name) for name in TRANSLATED_FIELDS}
    check = PracticeTranslation(practice=practice, language_id=data.language, **values)
    # Validates lengths and the language; the (practice, language) constraint
    # is the core functions' business (they update the existing row).
    check.full_clean(exclude=["practice"])
    if data.language == practice.original_language_id:
        row = save_original(practice, values, user=user, minor=data.minor)
    else:
        row = save_translation(practice, data.language, values, user=user)
    return cast(PracticeTranslation, row)


def _write(practice: Practice, data: PracticeData, user: User | None) -> None:
    """Save the main row, its relations, facet rows and the text in data.language."""
    _fill(practice, data)
    practice.full_clean(exclude=["country", "original_language"])
    practice.save()
    _save_relations(practice, data)
    facets_sync(practice.pk)
    _save_translation(practice, data, user)


@transaction.atomic
def practice_create(
    *, user: User | None, data: PracticeData, source_key: str = "", by_system=False
) -> Practice:
    """Create a draft practice with its original text.

    `by_system` is for loaders run by platform staff (demo content, ingestion),
    which record no author.
    """
    if not by_system:
        permissions.require_submit_practice(user)
        ratelimit.check_member("practice", user)
    practice = Practice(created_by=user, source_key=source_key)
    _write(practice, data, user)
    _event(practice, user, PracticeEvent.Action.CREATED, "")
    return practice


@transaction.atomic
def practice_update(*, user: User, practice: Practice, data: PracticeData) -> Practice:
    """Save an edit; with ``data.minor`` (a typo, a link) translations stay current."""
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    permissions.require_edit_practice(user, practice)
    _write(practice, data, user)
    _event(practice, user, PracticeEvent.Action.EDITED, practice.status)
    if practice.status == Practice.Status.PUBLISHED:
        practice_index(practice=practice)
    return practice


# --- Moderation -----------------------------------------------------------------------

Status = Practice.Status
TRANSITIONS: dict[str, tuple[set[str], str]] = {
    PracticeEvent.Action.SUBMITTED: ({Status.DRAFT}, Status.IN_REVIEW),
    PracticeEvent.Action.PUBLISHED: (
        {Status.IN_REVIEW, Status.DRAFT},
        Status.PUBLISHED,
    ),
    PracticeEvent.Action.RETURNED: ({Status.IN_REVIEW, Status.PUBLISHED}, Status.DRAFT),
    PracticeEvent.Action.ARCHIVED: ({Status.PUBLISHED}, Status.ARCHIVED),
}


def _refused_transition(action: str) -> str:
    """Why a practice cannot take ``action`` now: one whole sentence per action,
    as the statuses' words agree differently in each language."""
    Action = PracticeEvent.Action
    sentences: dict[str, str] = {
        Action.SUBMITTED: _("Only a draft practice can be submitted for review."),
        Action.PUBLISHED: _("Only a draft practice or one in review can be published."),
        Action.RETURNED: _(
            "Only a practice in review or published can be returned to draft."
        ),
        Action.ARCHIVED: _("Only a published practice can be archived."),
    }
    return sentences.get(action, _("This practice cannot change status this way."))


@transaction.atomic
def practice_transition(
    *,
    user: User | None,
    practice: Practice,
    action: str,
    comment: str = "",
    by_system: bool = False,
) -> Practice:
    """Move a practice along draft → in review → published → archived."""
    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown action."))
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if not by_system:
        if action == PracticeEvent.Action.SUBMITTED:
            permissions.require_send_for_review(user, practice)
        else:
            permissions.require_moderate_practices(user)
    sources, target = TRANSITIONS[action]
    if practice.status not in sources:
        raise ValidationError(_refused_transition(action))
    if (
        action == PracticeEvent.Action.RETURNED
        and not comment.strip()
        and not by_system
    ):
        raise ValidationError({"comment": _("Say what needs to change.")})
    old = practice.status
    practice.status = target
    if target == Status.PUBLISHED and practice.published_at is None:
        practice.published_at = timezone.now()
    practice.save(update_fields=["status", "published_at", "updated_at"])
    _event(practice, user, action, old, comment)
    facets_sync(practice.pk)
    if target == Status.PUBLISHED:
        practice_index(practice=practice)
    elif old == Status.PUBLISHED:
        index_remove(kind=SEARCH_KIND, object_id=practice.pk)
    return practice


@transaction.atomic
def practice_delete(*, user: User, practice: Practice) -> None:
    permissions.require_moderate_practices(user)
    index_remove(kind=SEARCH_KIND, object_id=practice.pk)
    practice.delete()


# --- Search index ---------------------------------------------------------------------


def practice_documents_build(
    *,
    practice_id: int,
    translations,
    country: str,
    names: list[str],
    funding_programme: str,
) -> list[Document]:
    """One index entry per translation: its text, plus the names of the practice's
    country, places, themes, groups and organisations (so "Greece" finds it)."""
    context = " ".join([country, *names, funding_programme])
    documents = []
    for t in translations:
        parts = [t.summary, t.description, " ".join(t.aims)]
        parts += [f"{p.get('title', '')} {p.get('text', '')}" for p in t.phases]
        parts += [
            t.activities,
            t.beneficiaries,
            t.results,
            t.success_conditions,
            t.difficulties,
            t.transferability,
            context,
        ]
        documents.append(
            Document(
                kind=SEARCH_KIND,
                object_id=practice_id,
                language=t.language_id,
                title=t.title,
                body="\n".join(p for p in parts if p),
            )
        )
    return documents


def practice_documents(practice: Practice) -> list[Document]:
    """What the search index holds for a practice: one entry per translation."""
    return practice_documents_build(
        practice_id=practice.pk,
        translations=practice.translations.all(),
        country=practice.country.name,
        names=[
            *(t.name for t in practice.territories.all()),
            *(t.name for t in practice.themes.all()),
            *(g.name for g in practice.target_groups.all()),
            *(r.organisation.name for r in practice.organisation_roles.all()),
        ],
        funding_programme=practice.funding_programme,
    )


def practice_index(*, practice: Practice) -> None:
    practice = (
        Practice.objects.select_related("country")
        .prefetch_related(
            "translations",
            "territories",
            "themes",
            "target_groups",
            "organisation_roles__organisation",
        )
        .get(pk=practice.pk)
    )
    index_replace(
        kind=SEARCH_KIND, object_id=practice.pk, documents=practice_documents(practice)
    )


def practice_derived_refresh(*, practice: Practice) -> None:
    """Bring the facet rows and the search entry in step with the practice as
    stored, after staff changed its relations in the admin."""
    facets_sync(practice.pk)
    if practice.status == Practice.Status.PUBLISHED:
        practice_index(practice=practice)


def organisation_kind_changed(*, organisation: Organisation) -> None:
    """The practice list counts by organisation kind from its facet table: the
    practices of an organisation whose kind changed are counted again."""
    practice_ids = (
        PracticeOrganisation.objects.filter(organisation=organisation)
        .values_list("practice_id", flat=True)
        .distinct()
    )
    for practice_id in practice_ids:
        facets_sync(practice_id)


# --- Evaluations and collections ------------------------------------------------------


@transaction.atomic
def practice_evaluate(
    *, user: User, practice: Practice, scores: dict[str, int], comment: str = ""
) -> PracticeEvaluation:
    """Record (or replace) the user's evaluation of a practice."""
    permissions.require_moderate_practices(user)
    practice = Practice.objects.get(pk=practice.pk)
    if practice.status != Status.PUBLISHED and practice.status != Status.IN_REVIEW:
        raise ValidationError(_("Only practices in review or published are evaluated."))
    unknown = set(scores) - set(PracticeEvaluation.CRITERIA)
    if unknown or len(scores) != len(PracticeEvaluation.CRITERIA):
        raise ValidationError(_("Give a score for each of the six criteria."))
    evaluation = PracticeEvaluation.objects.filter(
        practice=practice, reviewer=user
    ).first() or PracticeEvaluation(practice=practice, reviewer=user)
    for criterion, score in scores.items():
        setattr(evaluation, criterion, score)
    evaluation.comment = comment
    evaluation.full_clean()
    evaluation.save()
    # The practice's page shows the scores: mark it changed.
    Practice.objects.filter(pk=practice.pk).update(updated_at=timezone.now())
    _event(practice, user, PracticeEvent.Action.EVALUATED, practice.status, comment)
    return evaluation


@transaction.atomic
def collection_create(
    *,
    user: User | None,
    title: str,
    language: str,
    introduction: str = "",
    recommendations: list[str] | None = None,
    practices: list[Practice] | None = None,
    source_key: str = "",
    by_system: bool = False,
    status: str = Collection.Status.PUBLISHED,
) -> Collection:
    """A collection; a draft (``status``) is read by its creator and moderators
    only, and searched once a moderator publishes it."""
    if not by_system:
        permissions.require_moderate_practices(user)
    collection = Collection(
        original_language_id=language,
        created_by=user,
        source_key=source_key,
        status=status,
    )
    collection.full_clean()
    collection.save()
    values = {
        "title": title,
        "introduction": introduction,
        "recommendations": recommendations or [],
    }
    CollectionTranslation(
        collection=collection, language_id=language, **values
    ).full_clean(exclude=["collection"])
    save_original(collection, values, user=user)
    CollectionItem.objects.bulk_create(
        [
            CollectionItem(collection=collection, practice=p, position=i)
            for i, p in enumerate(practices or [])
        ]
    )
    collection_index(collection=collection)
    return collection


@transaction.atomic
def collection_practices_add(
    *,
    user: User | None,
    collection: Collection,
    practices: list[Practice],
    by_system: bool = False,
) -> list[CollectionItem]:
    """Add practices at the end of a collection, in their order; those already
    in it stay where they are."""
    if not by_system:
        permissions.require_moderate_practices(user)
    present = set(collection.items.values_list("practice_id", flat=True))
    start = collection.items.count()
    added = CollectionItem.objects.bulk_create(
        CollectionItem(collection=collection, practice=p, position=start + i)
        for i, p in enumerate(p for p in practices if p.pk not in present)
    )
    if added:  # the titles of its practices are searched with it
        collection_index(collection=collection)
    return added


@transaction.atomic
def collection_update(
    *,
    user: User | None,
    collection: Collection,
    title: str,
    introduction: str = "",
    recommendations: list[str] | None = None,
    practices: list[Practice] | None = None,
) -> Collection:
    """Rewrite a collection's original text and, when ``practices`` is given,
    its practices in that order (moderators; a draft's creator)."""
    collection = Collection.objects.select_for_update().get(pk=collection.pk)
    permissions.require_edit_collection(user, collection)
    values = {
        "title": title.strip(),
        "introduction": introduction.strip(),
        "recommendations": [r.strip() for r in recommendations or [] if r.strip()],
    }
    CollectionTranslation(
        collection=collection, language_id=collection.original_language_id, **values
    ).full_clean(
        exclude=["collection"], validate_unique=False, validate_constraints=False
    )
    save_original(collection, values, user=user)
    if practices is not None:
        collection.items.all().delete()
        unique = list(dict.fromkeys(practices))
        CollectionItem.objects.bulk_create(
            CollectionItem(collection=collection, practice=p, position=i)
            for i, p in enumerate(unique)
        )
    collection_index(collection=collection)
    return collection


@transaction.atomic
def collection_publish(*, user: User | None, collection: Collection) -> Collection:
    """A moderator publishes a draft: everybody reads it, search finds it."""
    collection = Collection.objects.select_for_update().get(pk=collection.pk)
    if collection.status == Collection.Status.PUBLISHED:
        permissions.require_moderate_practices(user)
        return collection  # published twice (two moderators, one click)
    permissions.require_publish_collection(user, collection)
    collection.status = Collection.Status.PUBLISHED
    collection.save(update_fields=["status"])
    collection_index(collection=collection)
    return collection


# --- Collections in the search index --------------------------------------------------

COLLECTION_KIND = "collection"
#: Titles of a collection's practices its index rows hold, at most.
COLLECTION_INDEXED_PRACTICES = 200
#: What ``collection_documents`` reads, prefetched (with the collections, four
#: queries for any number of them).
COLLECTION_INDEX_PREFETCH = (
    "translations",
    Prefetch(
        "items",
        queryset=CollectionItem.objects.select_related("practice").only(
            "id",
            "collection_id",
            "position",
            "practice_id",
            "practice__status",
            "practice__original_language_id",
        ),
    ),
    Prefetch(
        "items__practice__translations",
        queryset=PracticeTranslation.objects.only(
            "id", "practice_id", "language_id", "title"
        ),
    ),
)


def collection_documents(collection: Collection) -> list[Document]:
    """One index entry per translation of a collection: its introduction, its
    recommendations and the titles of its published practices (in that
    language when they have it), so "housing" finds a booklet on housing.
    Reads the relations of ``COLLECTION_INDEX_PREFETCH``."""
    practices = [
        item.practice
        for item in collection.items.all()
        if item.practice.status == Status.PUBLISHED
    ][:COLLECTION_INDEXED_PRACTICES]
    documents = []
    for t in collection.translations.all():
        titles = [
            row.title for p in practices if (row := p.translation_for(t.language_id))
        ]
        parts = [t.introduction, *t.recommendations, *titles]
        documents.append(
            Document(
                kind=COLLECTION_KIND,
                object_id=collection.pk,
                language=t.language_id,
                title=t.title,
                body="\n".join(p for p in parts if p),
            )
        )
    return documents


def collection_index(*, collection: Collection) -> None:
    """Make the search index hold the collection as it is now: nothing for a
    draft (its creator and moderators find it from their pages)."""
    collection = Collection.objects.prefetch_related(*COLLECTION_INDEX_PREFETCH).get(
        pk=collection.pk
    )
    if collection.status != Collection.Status.PUBLISHED:
        index_remove(kind=COLLECTION_KIND, object_id=collection.pk)
        return
    index_replace(
        kind=COLLECTION_KIND,
        object_id=collection.pk,
        documents=collection_documents(collection),
    )

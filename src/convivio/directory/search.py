"""Services and organisations in the one search (``convivio.search``).

The directory registers both kinds: services are its records, and organisations
are listed in public where their services are (their page is core's).

Every write reaches the index through ``changed``.  Signals (``connect``) call it
for writes made anywhere — the directory's services, the translation screen and
machine translation (core), the admin, merges and cascades — so the index never
lags behind a page.  The directory's services wrap their writes in
``indexing()``: what they touch is then indexed once, at the end of the save (or
of a whole HSDS file, in bulk), inside the same transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Model, Prefetch, QuerySet
from django.db.models.signals import ModelSignal, m2m_changed, post_delete, post_save
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from convivio.core.models import (
    Organisation,
    OrganisationTranslation,
    TargetGroup,
    Theme,
)
from convivio.core.selectors import organisation_public
from convivio.search import registry
from convivio.search import services as search_services
from convivio.search.backends import Document
from convivio.search.registry import Hit, SearchKind

from . import permissions
from .models import Location, Service, ServiceAtLocation, ServiceTranslation

SERVICE = "service"
ORGANISATION = "organisation"
#: Characters of a description shown under a result's title.
SUMMARY_CHARS = 200


# ------------------------------------------------------------------ services


def _services(ids: Iterable[int]) -> QuerySet[Service]:
    """Services with what their results show, in three queries."""
    return (
        Service.objects.filter(pk__in=list(ids))
        .select_related("organisation")
        .prefetch_related(
            "translations",
            Prefetch(
                "service_locations",
                queryset=ServiceAtLocation.objects.select_related(
                    "location", "location__territory"
                ).order_by("id"),
            ),
        )
    )


def _places(service: Service) -> list[str]:
    """Place names, towns and territories of the service, once each."""
    names: list[str] = []
    for link in service.service_locations.all():
        location = link.location
        territory = location.territory.name if location.territory else ""
        for name in (location.name, location.city, location.region, territory):
            if name and name not in names:
                names.append(name)
    return names


def _by_service(rows: Iterable[tuple]) -> dict[int, list[tuple]]:
    grouped: dict[int, list[tuple]] = defaultdict(list)
    for service_id, *values in rows:
        grouped[service_id].append(tuple(values))
    return grouped


def service_documents(ids: list[int]) -> list[Document]:
    """One row per language a visible service is written in: its name, then
    what people search by (description, who it is for, the needs it answers and
    the groups it serves in that language, its places, the languages spoken).

    Read as plain values, in eight queries whatever the number of services:
    rebuilding the index of 100,000 services reads no model instance."""
    ids = list(
        Service.objects.filter(
            pk__in=list(ids), status__in=permissions.VISIBLE_STATUSES
        ).values_list("pk", flat=True)
    )
    if not ids:
        return []
    theme_names = dict(Theme.objects.values_list("pk", "name"))
    group_names = dict(TargetGroup.objects.values_list("pk", "name"))
    needs = _by_service(
        Service.themes.through.objects.filter(service_id__in=ids)
        .order_by("theme__slug")
        .values_list("service_id", "theme_id")
    )
    groups = _by_service(
        Service.target_groups.through.objects.filter(service_id__in=ids)
        .order_by("targetgroup__slug")
        .values_list("service_id", "targetgroup_id")
    )
    spoken = _by_service(
        Service.languages.through.objects.filter(service_id__in=ids)
        .order_by("language_id")
        .values_list("service_id", "language__native_name", "language__name")
    )
    places = _by_service(
        ServiceAtLocation.objects.filter(service_id__in=ids)
        .order_by("id")
        .values_list(
            "service_id",
            "location__name",
            "location__city",
            "location__region",
            "location__territory__name",
        )
    )
    documents = []
    for service_id, language, name, description, eligibility in (
        ServiceTranslation.objects.filter(service_id__in=ids)
        .order_by("service_id", "language_id")
        .values_list("service_id", "language_id", "name", "description", "eligibility")
    ):
        with translation.override(language):
            labels = [gettext(theme_names[pk]) for (pk,) in needs[service_id]] + [
                gettext(group_names[pk]) for (pk,) in groups[service_id]
            ]
        body = "\n".join(
            part
            for part in (
                description,
                eligibility,
                " · ".join(labels),
                " · ".join(
                    dict.fromkeys(n for place in places[service_id] for n in place if n)
                ),
                " · ".join(
                    dict.fromkeys(n for names in spoken[service_id] for n in names if n)
                ),
            )
            if part
        )
        documents.append(
            Document(
                kind=SERVICE,
                object_id=service_id,
                language=language,
                title=name,
                body=body,
            )
        )
    return documents


def service_indexable_ids() -> Iterable[int]:
    return (
        Service.objects.filter(status__in=permissions.VISIBLE_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)
        .iterator()
    )


def service_visible_ids(user, ids: list[int]) -> set[int]:
    return set(
        permissions.viewable_services(
            user, Service.objects.filter(pk__in=ids)
        ).values_list("pk", flat=True)
    )


def service_hits(ids: list[int], language: str) -> dict[int, Hit]:
    hits = {}
    for service in _services(ids):
        row = service.translation_for(language)
        if row is None:
            continue
        places = _places(service)
        hits[service.pk] = Hit(
            kind=SERVICE,
            object_id=service.pk,
            title=row.name,
            url=service.get_absolute_url(),
            summary=Truncator(row.description).chars(SUMMARY_CHARS),
            language=row.language_id,
            meta=tuple(
                label
                for label in (
                    places[0] if places else "",
                    service.organisation.name,
                )
                if label
            ),
        )
    return hits


# ------------------------------------------------------------- organisations


def _organisations(ids: Iterable[int]) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(pk__in=list(ids))
        .select_related("territory")
        .prefetch_related("translations")
    )


def organisation_documents(ids: list[int]) -> list[Document]:
    """One row per language of an approved organisation's description (its
    name, a proper name, in each); one in its original language without one."""
    documents = []
    for organisation in _organisations(ids).filter(status=Organisation.Status.APPROVED):
        place = organisation.territory.name if organisation.territory else ""
        rows: list[OrganisationTranslation | None] = list(
            organisation.translations.all()
        ) or [None]
        for row in rows:
            language = row.language_id if row else organisation.original_language_id
            with translation.override(language):
                kind = str(organisation.get_kind_display())
            body = "\n".join(
                part for part in (row.description if row else "", place, kind) if part
            )
            documents.append(
                Document(
                    kind=ORGANISATION,
                    object_id=organisation.pk,
                    language=language,
                    title=organisation.name,
                    body=body,
                )
            )
    return documents


def organisation_indexable_ids() -> Iterable[int]:
    return (
        Organisation.objects.filter(status=Organisation.Status.APPROVED)
        .order_by("pk")
        .values_list("pk", flat=True)
        .iterator()
    )


def organisation_visible_ids(user, ids: list[int]) -> set[int]:
    """Those listed in public (approved, not known only from drafts)."""
    return set(organisation_public().filter(pk__in=ids).values_list("pk", flat=True))


def organisation_hits(ids: list[int], language: str) -> dict[int, Hit]:
    hits = {}
    for organisation in _organisations(ids):
        row = organisation.translation_for(language)
        hits[organisation.pk] = Hit(
            kind=ORGANISATION,
            object_id=organisation.pk,
            title=organisation.name,
            url=organisation.get_absolute_url(),
            summary=Truncator(row.description if row else "").chars(SUMMARY_CHARS),
            language=row.language_id if row else organisation.original_language_id,
            meta=tuple(
                label
                for label in (
                    organisation.territory.label if organisation.territory else "",
                    str(organisation.get_kind_display()),
                )
                if label
            ),
        )
    return hits


def register() -> None:
    """Called from ``DirectoryConfig.ready``."""
    registry.register(
        SearchKind(
            name=SERVICE,
            label=_("Services"),
            documents=service_documents,
            indexable_ids=service_indexable_ids,
            visible_ids=service_visible_ids,
            hits=service_hits,
            order=60,
        )
    )
    registry.register(
        SearchKind(
            name=ORGANISATION,
            label=_("Organisations"),
            documents=organisation_documents,
            indexable_ids=organisation_indexable_ids,
            visible_ids=organisation_visible_ids,
            hits=organisation_hits,
            order=70,
        )
    )


# ------------------------------------------------------------------- writes

DOCUMENTS = {SERVICE: service_documents, ORGANISATION: organisation_documents}

#: Ids written inside ``indexing()``, by kind; None outside it.
_pending: ContextVar[dict[str, set[int]] | None] = ContextVar(
    "directory_search_pending", default=None
)


def reindex(kind: str, ids: Iterable[int]) -> None:
    """Make the index hold exactly what these records give now (nothing for
    a record that is gone, inactive or not approved)."""
    ids = sorted(set(ids))
    if not ids:
        return
    by_record: dict[int, list[Document]] = {object_id: [] for object_id in ids}
    for document in DOCUMENTS[kind](ids):
        by_record[document.object_id].append(document)
    # Record by record: index_replace keeps the vectors of unchanged text.
    for object_id, documents in by_record.items():
        search_services.index_replace(
            kind=kind, object_id=object_id, documents=documents
        )


def changed(*, services: Iterable[int] = (), organisations: Iterable[int] = ()) -> None:
    """These records were written: index them now, or at the end of
    ``indexing()`` when inside it."""
    pending = _pending.get()
    if pending is not None:
        pending[SERVICE].update(services)
        pending[ORGANISATION].update(organisations)
        return
    reindex(SERVICE, services)
    reindex(ORGANISATION, organisations)


@contextmanager
def indexing() -> Iterator[None]:
    """Index what is written inside once, when the outermost block ends well
    (use it inside the transaction, so that the index rolls back with it)."""
    if _pending.get() is not None:
        yield
        return
    pending: dict[str, set[int]] = {SERVICE: set(), ORGANISATION: set()}
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    reindex(SERVICE, pending[SERVICE])
    reindex(ORGANISATION, pending[ORGANISATION])


# ------------------------------------------------------------------ signals


def _service_saved(sender, instance: Service, created: bool, raw=False, **kwargs):
    if not raw and not created:  # a new service has no text yet: its rows follow
        changed(services=[instance.pk])


def _service_deleted(sender, instance: Service, **kwargs):
    changed(services=[instance.pk])


def _service_part_written(sender, instance, raw=False, **kwargs):
    """A translation row, or a link to a place, saved or deleted."""
    if not raw:
        changed(services=[instance.service_id])


def _service_relations_changed(sender, instance, action: str, reverse: bool, **kw):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        changed(services=[instance.pk])
    elif kw.get("pk_set"):  # a theme or language given to services
        changed(services=kw["pk_set"])


def _location_saved(sender, instance: Location, created: bool, raw=False, **kwargs):
    if not raw and not created:
        changed(
            services=ServiceAtLocation.objects.filter(location=instance).values_list(
                "service_id", flat=True
            )
        )


def _organisation_written(sender, instance: Organisation, raw=False, **kwargs):
    if not raw:
        changed(organisations=[instance.pk])


def _organisation_text_written(
    sender, instance: OrganisationTranslation, raw=False, **kwargs
):
    if not raw:
        changed(organisations=[instance.organisation_id])


def connect() -> None:
    """Called from ``DirectoryConfig.ready``."""
    connections: list[tuple[ModelSignal, type[Model], Callable[..., None]]] = [
        (post_save, Service, _service_saved),
        (post_delete, Service, _service_deleted),
        (post_save, Location, _location_saved),
        *(
            (signal, model, _service_part_written)
            for signal in (post_save, post_delete)
            for model in (ServiceTranslation, ServiceAtLocation)
        ),
        *(
            (m2m_changed, relation, _service_relations_changed)
            for relation in (
                Service.themes.through,
                Service.target_groups.through,
                Service.languages.through,
            )
        ),
        *(
            (signal, model, receiver)
            for signal in (post_save, post_delete)
            for model, receiver in (
                (Organisation, _organisation_written),
                (OrganisationTranslation, _organisation_text_written),
            )
        ),
    ]
    for signal, sender, receiver in connections:
        signal.connect(
            receiver,
            sender=sender,
            dispatch_uid=f"directory-search-{receiver.__name__}",
        )

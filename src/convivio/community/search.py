"""Networks as a searchable kind (``search.registry``), registered from
``CommunityConfig.ready()``: a network is found by its name and purpose in each
language it has, and by its place; members-only networks are found by their
members and the platform's moderators only.

The index rows come from the builder the services write with
(``services.network_search_entries``); every function here reads a fixed
number of queries whatever the number of ids.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from convivio.search.backends import Document
from convivio.search.registry import Hit, SearchKind, register
from convivio.search.selectors import ids_subquery

from . import permissions, services
from .models import Network, NetworkTranslation

NETWORK = services.SEARCH_KIND
#: Characters of a purpose a search result shows.
SUMMARY_CHARS = 300


def _networks(ids: list[int]) -> QuerySet[Network]:
    return Network.objects.filter(pk__in=ids_subquery(ids))


def network_documents(ids: list[int]) -> list[Document]:
    networks = (
        _networks(ids)
        .select_related("territory")
        .prefetch_related(*services.SEARCH_PREFETCH)
    )
    return [d for n in networks for d in services.network_search_entries(n)]


def network_indexable_ids() -> list[int]:
    return list(Network.objects.order_by("pk").values_list("pk", flat=True))


def network_visible_ids(user, ids: list[int]) -> set[int]:
    """Of ``ids``, the networks ``user`` may read (one query; the person's
    roles are read once and kept on them)."""
    networks = _networks(ids).only("pk", "visibility")
    return {n.pk for n in networks if permissions.can_view_network(user, n)}


def network_hits(ids: list[int], language: str) -> dict[int, Hit]:
    networks = (
        _networks(ids).select_related("territory").prefetch_related("translations")
    )
    hits: dict[int, Hit] = {}
    with translation.override(language):
        for n in networks:
            row = n.translation_for(language)
            if row is None:
                continue
            hits[n.pk] = Hit(
                kind=NETWORK,
                object_id=n.pk,
                title=row.name,
                url=reverse("community:network", args=[n.pk]),
                summary=Truncator(row.purpose or "").chars(SUMMARY_CHARS),
                language=row.language_id,
                meta=(n.territory.label, str(n.get_kind_display())),
            )
    return hits


def register_kinds() -> None:
    register(
        SearchKind(
            name=NETWORK,
            label=_("Networks"),
            documents=network_documents,
            indexable_ids=network_indexable_ids,
            visible_ids=network_visible_ids,
            hits=network_hits,
            order=72,
        )
    )


# The translation screen writes rows through core.translation, which knows no
# app: a network's row saved or removed indexes the network again.


def text_changed(sender, instance, **kwargs) -> None:
    network = Network.objects.filter(pk=instance.network_id).only("pk").first()
    if network is not None:
        services.network_index(network)


def connect_signals() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            text_changed, sender=NetworkTranslation, dispatch_uid="network-search"
        )

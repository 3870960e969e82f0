"""Reads of networks: the list and its filters, a network's page, its
composition in aggregate and the issues its members rank.

Every function reads a fixed number of queries whatever the number of networks,
members or votes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, prefetch_related_objects
from django.http import QueryDict
from django.utils.translation import gettext as _

from convivio.core.models import Language, Territory, Theme
from convivio.core.selectors import territory_descendant_ids
from convivio.core.suppression import hidden_keys, threshold_for
from convivio.core.text import fold
from convivio.search.selectors import ids_subquery, query_is_searchable, search_match

from . import permissions
from .models import (
    Constituency,
    Gender,
    IssueVote,
    JoinRequest,
    Member,
    Network,
)

SEARCH_KIND = "network"
#: Points of ranks 1, 2 and 3 (Borda count over three places).
POINTS = {1: 3, 2: 2, 3: 1}


# ------------------------------------------------------------------------ list


@dataclass
class NetworkFilters:
    """The list's filters, read from the query string (a wrong value is
    dropped with a message, never an error page)."""

    q: str = ""
    place: int | None = None
    theme: str = ""
    kind: str = ""
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict) -> NetworkFilters:
        filters = cls(q=query.get("q", "").strip()[:200])
        place = query.get("place", "")
        if place:
            if place.isdigit() and Territory.objects.filter(pk=int(place)).exists():
                filters.place = int(place)
            else:
                filters.errors.append(_("Choose a place from the list."))
        theme = query.get("theme", "")
        if theme:
            if Theme.objects.filter(slug=theme).exists():
                filters.theme = theme
            else:
                filters.errors.append(_("Choose a theme from the list."))
        kind = query.get("kind", "")
        if kind:
            if kind in Network.Kind.values:
                filters.kind = kind
            else:
                filters.errors.append(_("Choose a kind from the list."))
        return filters

    def query_string(self) -> str:
        query = QueryDict(mutable=True)
        for key in ("q", "place", "theme", "kind"):
            value = getattr(self, key)
            if value:
                query[key] = str(value)
        return query.urlencode()


def visible(user: Any) -> QuerySet[Network]:
    return permissions.visible_networks(user, Network.objects.all())


def networks_for_list(user: Any, filters: NetworkFilters) -> QuerySet[Network]:
    """The networks ``user`` may read that match the filters other than words,
    with their place and number of members."""
    networks = visible(user)
    if filters.place:
        networks = networks.filter(
            territory_id__in=territory_descendant_ids([filters.place])
        )
    if filters.theme:
        networks = networks.filter(themes__slug=filters.theme)
    if filters.kind:
        networks = networks.filter(kind=filters.kind)
    return (
        networks.select_related("territory")
        .annotate(member_count=Count("members", distinct=True))
        .order_by("-created_at", "-id")
    )


def list_rows(user: Any, filters: NetworkFilters) -> QuerySet[Network] | list[Network]:
    """What the list pages through: the networks newest first, or, when words
    are given, those the search finds, best first (``search_match`` keeps its
    matches few: one query for them whatever their number)."""
    networks = networks_for_list(user, filters)
    if not query_is_searchable(filters.q):
        return networks
    ids = [pk for pk, _score in search_match(kind=SEARCH_KIND, query=filters.q)]
    rows = {n.pk: n for n in networks.filter(pk__in=ids_subquery(ids))}
    return [rows[pk] for pk in ids if pk in rows]


def in_language(networks: Iterable[Network], language: str) -> None:
    """Set ``shown`` (the row in ``language``, else the original) and
    ``theme_list`` on each network (three queries)."""
    networks = list(networks)
    if not networks:
        return
    prefetch_related_objects(networks, "translations", "themes")
    for network in networks:
        network.shown = network.translation_for(language)


def filter_options() -> dict[str, Any]:
    """The places that have networks, every theme, the kinds."""
    return {
        "places": list(
            Territory.objects.filter(networks__isnull=False).distinct().order_by("name")
        ),
        "themes": sorted(Theme.objects.all(), key=lambda t: fold(t.label)),
        "kinds": Network.Kind.choices,
    }


# ------------------------------------------------------------------------ page


def network_for_page(pk: int) -> Network | None:
    return (
        Network.objects.select_related("territory", "organisation")
        .prefetch_related("translations", "themes", "languages")
        .filter(pk=pk)
        .first()
    )


def coordinators(network: Network) -> list[Any]:
    return [
        m.user
        for m in Member.objects.filter(
            network=network, role=Member.Role.COORDINATOR
        ).select_related("user")
    ]


def members(network: Network) -> list[Member]:
    """The members with their names, coordinators first (one query, plus one
    for their languages)."""
    rows = list(
        Member.objects.filter(network=network)
        .select_related("user")
        .prefetch_related("languages")
        .order_by("role", "user__first_name", "user__username")
    )
    order: dict[str, int] = {
        Member.Role.COORDINATOR: 0,
        Member.Role.MEMBER: 1,
        Member.Role.OBSERVER: 2,
    }
    rows.sort(key=lambda m: order.get(m.role, 3))
    return rows


def pending_requests(network: Network) -> list[JoinRequest]:
    return list(
        JoinRequest.objects.filter(
            network=network, status=JoinRequest.Status.PENDING
        ).select_related("user")
    )


def pending_for(user: Any, network: Network) -> JoinRequest | None:
    """The person's open request or invitation, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return JoinRequest.objects.filter(
        network=network, user=user, status=JoinRequest.Status.PENDING
    ).first()


# ----------------------------------------------------------------- composition


@dataclass
class Cell:
    key: str
    label: str
    #: None: hidden (a small group, or one that would give a small one away).
    count: int | None
    #: Percent of the members (None when hidden).
    share: Decimal | None = None
    #: Percent aimed for (None: no aim for this group).
    target: int | None = None

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass
class Breakdown:
    title: str
    cells: list[Cell]


@dataclass
class Composition:
    total: int
    threshold: int
    breakdowns: list[Breakdown]
    #: The sum of the shares aimed for (0: no balance set).
    target_total: int = 0


def _share(count: int | None, total: int) -> Decimal | None:
    if count is None or not total:
        return None
    return (Decimal(100) * count / total).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def breakdown(
    values: Mapping[str, int],
    labels: Mapping[str, str],
    *,
    total: int,
    threshold: int,
    total_published: bool = True,
    targets: Mapping[str, int] | None = None,
) -> list[Cell]:
    """Cells of one breakdown: the counts with small groups hidden
    (``core.suppression.hidden_keys``: where the total is published, as many
    more as keep the hidden ones from being worked out), each with its share of
    the members and the share aimed for."""
    numbers = {key: Decimal(value) for key, value in values.items()}
    hidden = hidden_keys(numbers, threshold, total_published=total_published)
    targets = targets or {}
    cells = []
    for key, label in labels.items():
        count = None if key in hidden else int(values.get(key, 0))
        cells.append(
            Cell(
                key=key,
                label=label,
                count=count,
                share=_share(count, total),
                target=targets.get(key),
            )
        )
    return cells


def composition(network: Network, *, threshold: int | None = None) -> Composition:
    """The members by constituency, gender and language, in aggregate (two
    queries).  "Not said" is a group of its own; the total is shown."""
    threshold = threshold_for(None) if threshold is None else threshold
    rows = list(
        Member.objects.filter(network=network).values_list(
            "pk", "constituency", "gender"
        )
    )
    total = len(rows)
    by_constituency = Counter(c for _pk, c, _g in rows)
    by_gender = Counter(g for _pk, _c, g in rows)
    spoken = list(
        Member.languages.through.objects.filter(member__network=network).values_list(
            "member_id", "language_id"
        )
    )
    by_language = Counter(code for _m, code in spoken)
    silent = total - len({m for m, _code in spoken})
    not_said = _("not said")
    targets = {k: int(v) for k, v in (network.balance_target or {}).items()}
    constituency_labels = {
        key: str(label)
        for key, label in Constituency.choices
        if by_constituency.get(key) or key in targets
    }
    constituency_labels[""] = not_said
    gender_labels = {key: str(label) for key, label in Gender.choices}
    gender_labels[""] = not_said
    names = {
        code: native or name
        for code, name, native in Language.objects.filter(
            code__in=list(by_language)
        ).values_list("code", "name", "native_name")
    }
    language_labels = {
        code: names.get(code, code)
        for code in sorted(by_language, key=lambda c: (-by_language[c], c))
    }
    language_values: dict[str, int] = dict(by_language)
    if silent:
        language_labels[""] = not_said
        language_values[""] = silent
    # Constituencies and genders each add up to the total shown; languages do
    # not (a person speaks several), so no cell follows from their total.
    return Composition(
        total=total,
        threshold=threshold,
        target_total=sum(targets.values()),
        breakdowns=[
            Breakdown(
                _("Taking part as"),
                breakdown(
                    {k: by_constituency.get(k, 0) for k in constituency_labels},
                    constituency_labels,
                    total=total,
                    threshold=threshold,
                    targets=targets,
                ),
            ),
            Breakdown(
                _("Gender"),
                breakdown(
                    {k: by_gender.get(k, 0) for k in gender_labels},
                    gender_labels,
                    total=total,
                    threshold=threshold,
                ),
            ),
            Breakdown(
                _("Languages"),
                breakdown(
                    language_values,
                    language_labels,
                    total=total,
                    threshold=threshold,
                    total_published=False,
                ),
            ),
        ],
    )


# --------------------------------------------------------------------- issues


@dataclass
class IssueRank:
    theme: Theme
    points: int
    firsts: int
    #: How many people ranked it at all.
    mentions: int
    rank: int = 0


@dataclass
class Ranking:
    issues: list[IssueRank]
    voters: int
    networks: int = 1


def rank_issues(
    votes: Iterable[tuple[int, int, int]], themes: Mapping[int, Theme]
) -> list[IssueRank]:
    """Borda count of ``(user id, theme id, rank)`` votes: 3 points for a first
    place, 2 for a second, 1 for a third; ties by the number of first places,
    then by the theme's name in the reader's language."""
    points: Counter[int] = Counter()
    firsts: Counter[int] = Counter()
    mentions: Counter[int] = Counter()
    for _voter, theme_id, rank in votes:
        points[theme_id] += POINTS.get(rank, 0)
        mentions[theme_id] += 1
        if rank == 1:
            firsts[theme_id] += 1
    issues = [
        IssueRank(
            theme=themes[theme_id],
            points=points[theme_id],
            firsts=firsts[theme_id],
            mentions=mentions[theme_id],
        )
        for theme_id in points
        if theme_id in themes
    ]
    issues.sort(key=lambda i: (-i.points, -i.firsts, fold(i.theme.label)))
    for position, issue in enumerate(issues, start=1):
        issue.rank = position
    return issues


def _ranking(votes_qs: QuerySet[IssueVote]) -> Ranking:
    votes = list(votes_qs.values_list("user_id", "theme_id", "rank", "network_id"))
    themes = {t.pk: t for t in Theme.objects.filter(pk__in={v[1] for v in votes})}
    voters = {(v[3], v[0]) for v in votes}
    return Ranking(
        issues=rank_issues([v[:3] for v in votes], themes),
        voters=len(voters),
        networks=len({v[3] for v in votes}),
    )


def network_ranking(network: Network) -> Ranking:
    """The network's issues ranked by its members' votes (two queries)."""
    return _ranking(IssueVote.objects.filter(network=network))


def networks_of_place(user: Any, territory: Territory) -> QuerySet[Network]:
    """The networks ``user`` may read of a place and of the places up to three
    levels inside it (a region, its districts, their towns): one query, where a
    walk of the whole subtree would take a second one on every place's page."""
    return visible(user).filter(
        Q(territory=territory)
        | Q(territory__parent=territory)
        | Q(territory__parent__parent=territory)
        | Q(territory__parent__parent__parent=territory)
    )


def place_ranking(user: Any, territory: Territory) -> Ranking:
    """The issues of a place ranked by the votes of its networks
    (``networks_of_place``): each member's vote in each network counts once."""
    networks = networks_of_place(user, territory).values("pk")
    return _ranking(IssueVote.objects.filter(network_id__in=networks))


def my_votes(user: Any, network: Network) -> list[int | None]:
    """The theme ids the person ranked first, second and third (None: empty)."""
    ranks: dict[int, int] = defaultdict(int)
    if getattr(user, "is_authenticated", False):
        ranks.update(
            IssueVote.objects.filter(network=network, user=user).values_list(
                "rank", "theme_id"
            )
        )
    return [ranks.get(rank) or None for rank in (1, 2, 3)]

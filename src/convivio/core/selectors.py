"""Reads for the shared records."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils.translation import get_language

from .models import (
    Membership,
    Organisation,
    Profile,
    TargetGroup,
    Territory,
    TerritoryMerge,
    Theme,
    User,
)
from .organisation_names import OrganisationIndex, plain_name
from .permissions import is_moderator
from .text import fold


def organisation_list() -> QuerySet[Organisation]:
    """Every organisation (moderators' and staff's view); the public sees
    ``organisation_public``."""
    return Organisation.objects.select_related("territory").order_by("name", "id")


def _draft_only() -> Q:
    """Organisations referred to by drafts only (a draft plan or practice read
    from a document, a private document) and by nothing public.  An
    organisation nothing refers to yet (added by staff, accepted from a
    document on its own) is not draft-only."""
    # Looked up by name: the apps that refer to organisations build on core.
    model = apps.get_model
    role = model("practices", "PracticeOrganisation").objects.filter(
        organisation=OuterRef("pk")
    )
    plans = model("plans", "Plan").objects.filter(organisation=OuterRef("pk"))
    duties = model("plans", "Responsibility").objects.filter(
        organisation=OuterRef("pk")
    )
    indicators = model("plans", "Indicator").objects.filter(
        reporting_organisation=OuterRef("pk")
    )
    documents = model("library", "Document").objects.filter(organisation=OuterRef("pk"))
    # Each kind of record that refers to organisations, and when it is a draft.
    kinds = [
        (role, Q(practice__status__in=("draft", "in_review"))),
        (plans, Q(status="draft")),
        (duties, Q(node__plan__status="draft")),
        (indicators, Q(plan__status="draft")),
        (documents, Q(is_public=False)),
    ]
    drafts = reduce(or_, (Exists(rows.filter(draft)) for rows, draft in kinds))
    # Links and services are never drafts.
    links = model("library", "Link").objects.filter(organisation=OuterRef("pk"))
    services = model("directory", "Service").objects.filter(organisation=OuterRef("pk"))
    public = reduce(
        or_,
        [Exists(rows.exclude(draft)) for rows, draft in kinds]
        + [Exists(links), Exists(services)],
    )
    return drafts & ~public


def organisation_public() -> QuerySet[Organisation]:
    """Organisations listed in public (pages, API, pickers): approved, and not
    known only from drafts."""
    return (
        organisation_list()
        .filter(status=Organisation.Status.APPROVED)
        .exclude(_draft_only())
    )


def organisation_pickable() -> QuerySet[Organisation]:
    """What editors pick among in the plan editor and similar forms: every
    organisation but the proposals members made and no moderator approved yet
    (those are their authors' to use; organisations known only from drafts stay,
    since a draft plan names them)."""
    return Organisation.objects.exclude(status=Organisation.Status.PROPOSED).order_by(
        "name", "id"
    )


def organisation_usable_by(
    user: User | AnonymousUser, keep: Iterable[int] = ()
) -> QuerySet[Organisation]:
    """What a person may pick in a form: the public organisations, those they
    proposed (usable at once, before a moderator approves them), those they
    belong to and ``keep`` (those the record names already); moderators pick
    any."""
    if is_moderator(user):
        return organisation_list()
    mine = Q(pk__in=organisation_public().values("pk")) | Q(pk__in=list(keep))
    if user.is_authenticated:
        mine |= (
            Q(created_by=user)
            | Q(pk__in=Membership.objects.filter(user=user).values("organisation"))
            | Q(pk__in=Profile.objects.filter(user=user).values("organisation"))
        )
    return organisation_list().filter(mine)


def organisation_visible_to(
    user: User | AnonymousUser, organisation: Organisation
) -> bool:
    """A proposed organisation's page is seen by whoever proposed it, its
    members and the moderators until it is approved; every other page by all
    (an organisation known only from drafts is not listed, but its page may be
    linked from its author's draft)."""
    if organisation.status == Organisation.Status.APPROVED or is_moderator(user):
        return True
    return user.is_authenticated and (
        organisation.created_by_id == user.pk
        or organisation.memberships.filter(user=user).exists()
    )


def organisation_proposals() -> QuerySet[Organisation]:
    """Organisations members proposed, waiting for a moderator, oldest first."""
    return (
        Organisation.objects.filter(status=Organisation.Status.PROPOSED)
        .select_related("territory", "created_by")
        .order_by("created_at", "id")
    )


def organisation_matches(
    name: str,
    queryset: QuerySet[Organisation] | None = None,
    *,
    exclude: int | None = None,
    limit: int = 5,
) -> list[Organisation]:
    """The organisations a typed name means, the likeliest first: the same
    name whatever its case, accents or punctuation, its acronym, or the same
    name in another language (``core.organisation_names``)."""
    queryset = organisation_list() if queryset is None else queryset
    index = OrganisationIndex(
        queryset.values_list("id", "name"),
        places=Territory.objects.values_list("name", flat=True),
    )
    ids = index.find(name, exclude=exclude)[:limit]
    found = {o.pk: o for o in organisation_list().filter(pk__in=ids)}
    return [found[pk] for pk in ids if pk in found]


def organisation_best(
    name: str, queryset: QuerySet[Organisation] | None = None
) -> Organisation | None:
    """The one organisation a typed name means, or None when none does or
    several are as likely (``OrganisationIndex.best``)."""
    queryset = organisation_list() if queryset is None else queryset
    index = OrganisationIndex(
        queryset.values_list("id", "name"),
        places=Territory.objects.values_list("name", flat=True),
    )
    pk = index.best(name)
    return organisation_list().filter(pk=pk).first() if pk else None


def organisation_search(
    text: str, queryset: QuerySet[Organisation] | None = None, *, limit: int = 20
) -> list[str]:
    """Names to suggest while one types: the organisations the text means
    (``organisation_matches``), then those whose name holds it, dots and
    accents ignored ("kep" suggests "K.E.P.A. — …"), words that start with it
    first."""
    queryset = organisation_list() if queryset is None else queryset
    wanted = fold(text)
    if not wanted:
        return []
    names = [o.name for o in organisation_matches(text, queryset, limit=limit)]
    found: list[tuple[int, str]] = []
    for name in queryset.values_list("name", flat=True).iterator():
        key = f" {plain_name(name)}"
        at = key.find(f" {wanted}")
        if at >= 0 or wanted in key:
            found.append((0 if at >= 0 else 1, name))
    found.sort(key=lambda row: (row[0], fold(row[1])))
    names += [name for _rank, name in found if name not in names]
    return names[:limit]


def organisation_duplicates(limit: int = 200) -> list[tuple[Organisation, list]]:
    """Organisations that look like others (by the same rules as
    ``organisation_matches``), for moderators to merge: each once, with the
    ones it looks like."""
    rows = list(organisation_list())
    index = OrganisationIndex(
        [(o.pk, o.name) for o in rows],
        places=Territory.objects.values_list("name", flat=True),
    )
    by_id = {o.pk: o for o in rows}
    seen: set[int] = set()
    pairs: list[tuple[Organisation, list[Organisation]]] = []
    for organisation in rows:
        if organisation.pk in seen:
            continue
        alike = [
            by_id[pk] for pk in index.find(organisation.name, exclude=organisation.pk)
        ]
        if alike:
            seen.update(o.pk for o in alike)
            seen.add(organisation.pk)
            pairs.append((organisation, alike))
        if len(pairs) >= limit:
            break
    return pairs


def organisation_get(*, slug: str) -> Organisation:
    return (
        Organisation.objects.select_related("territory")
        .prefetch_related("translations")
        .get(slug=slug)
    )


def territory_list() -> QuerySet[Territory]:
    return Territory.objects.order_by("country_code", "kind", "name")


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.order_by("name")


def target_group_list() -> QuerySet[TargetGroup]:
    return TargetGroup.objects.order_by("name")


# The two walks of the tree of places (country → region → province → municipality
# → …): every app goes down with territory_descendant_ids and up with
# territory_ancestors; none follows parent links itself.


def _subtree_sql(roots: list[int]) -> RawSQL:
    """The ids of ``roots`` and of every place inside them, as a recursive
    subquery (SQLite and PostgreSQL): one round trip at any depth, and UNION
    ends the walk on a loop in the parent links."""
    table = connection.ops.quote_name(Territory._meta.db_table)
    parent = connection.ops.quote_name(Territory._meta.get_field("parent").column)
    marks = ", ".join(["%s"] * len(roots))
    # Names come from the model, values go as parameters.
    sql = (
        f"WITH RECURSIVE inside(id) AS (SELECT id FROM {table} WHERE id IN ({marks})"  # noqa: S608
        f" UNION SELECT t.id FROM {table} t JOIN inside ON t.{parent} = inside.id)"
        " SELECT id FROM inside"
    )
    return RawSQL(sql, roots)  # noqa: S611


def in_territory_tree(roots: Iterable[int], field: str = "territory") -> Q:
    """Records whose ``field`` (a foreign key to Territory) is one of ``roots`` or
    a place inside one, at every level, as a condition of their own query (no
    query of its own)."""
    ids = sorted({int(pk) for pk in roots})
    if not ids:
        return Q(pk__in=[])
    return Q(**{f"{field}__in": _subtree_sql(ids)})


def territory_descendant_ids(roots: Iterable[int]) -> set[int]:
    """The territories given and every place inside them (one query)."""
    ids = sorted({int(pk) for pk in roots})
    if not ids:
        return set()
    return set(
        Territory.objects.filter(pk__in=_subtree_sql(ids)).values_list("id", flat=True)
    )


def territory_ancestors(territory: Territory) -> list[Territory]:
    """The places around ``territory``, nearest first, without itself (one
    query, whatever the depth; a loop in the parent links ends the walk)."""
    if not territory.parent_id:
        return []
    table = Territory._meta.db_table
    # Up the parent links with their depth (at most 32 levels: a loop in the
    # links would otherwise never end); the first visit of a place wins.
    found = Territory.objects.raw(
        f"WITH RECURSIVE up(id, depth) AS ("  # noqa: S608 - our own table name
        f" SELECT parent_id, 1 FROM {table} WHERE id = %s"
        f" UNION ALL SELECT t.parent_id, up.depth + 1 FROM {table} t"
        f" JOIN up ON t.id = up.id WHERE t.parent_id IS NOT NULL AND up.depth < 32)"
        f" SELECT {table}.*, up.depth FROM {table} JOIN up ON {table}.id = up.id"
        " ORDER BY up.depth",
        [territory.pk],
    )
    chain: list[Territory] = []
    seen = {territory.pk}
    for place in found:
        if place.pk in seen:
            break
        seen.add(place.pk)
        chain.append(place)
    return chain


# ------------------------------------------------------------ finding places

#: "Name (Part of)", the way a place is shown in pickers.
_LABELLED = re.compile(r"^(?P<name>.+?)\s*\((?P<parent>[^()]+)\)\s*$")


def territory_label(territory: Territory) -> str:
    """The name with what it is part of, so that places of the same name can be
    told apart in a picker: "Villaverde del Río (Sevilla)".  Countries alone, in
    the reader's language ("Madrid (España)" on /es/)."""
    parent = territory.parent if territory.parent_id else None
    return f"{territory.label} ({parent.label})" if parent else territory.label


def countries_named(key: str, *, exact: bool = True) -> list[int]:
    """The countries whose name in the reader's language, folded, is (or
    contains) ``key``: "espana" is Spain on /es/.  English names are the
    records' own, found by ``name_key``."""
    if not key or (get_language() or "en").startswith("en"):
        return []
    countries = Territory.objects.filter(kind=Territory.Kind.COUNTRY).only(
        "pk", "name", "kind", "iso_code"
    )
    return [
        country.pk
        for country in countries
        if (fold(country.label) == key if exact else key in fold(country.label))
    ]


def territory_find(
    text: str, queryset: QuerySet[Territory] | None = None
) -> list[Territory]:
    """The places a typed name means, ignoring case and accents: a label as
    pickers show it ("Villaverde del Río (Sevilla)") or a bare name, which may
    mean several places."""
    queryset = (
        Territory.objects.all() if queryset is None else queryset
    ).select_related("parent")
    text = (text or "").strip()
    labelled = _LABELLED.match(text)
    if labelled:
        parent = fold(labelled["parent"])
        found = list(
            queryset.filter(
                Q(parent__name_key=parent) | Q(parent__in=countries_named(parent)),
                name_key=fold(labelled["name"]),
            )[:20]
        )
        if found:
            return found
    key = fold(text)
    if not key:
        return []
    return list(queryset.filter(Q(name_key=key) | Q(pk__in=countries_named(key)))[:20])


def territory_search(
    text: str, queryset: QuerySet[Territory] | None = None, *, limit: int = 20
) -> list[Territory]:
    """Places whose name starts with, then contains, what was typed (case and
    accents ignored): the suggestions of a picker as one types."""
    key = fold(text)
    if not key:
        return []
    queryset = Territory.objects.all() if queryset is None else queryset
    return list(
        queryset.filter(
            Q(name_key__contains=key) | Q(pk__in=countries_named(key, exact=False))
        )
        .select_related("parent")
        .annotate(
            starts=Case(
                When(name_key__startswith=key, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("starts", "name", "id")[:limit]
    )


def territory_options(
    queryset: QuerySet[Territory] | None = None, *, limit: int = 500
) -> list[str] | None:
    """Every label a picker offers without asking the server, or ``None`` when
    there are more than ``limit`` (then it suggests as one types)."""
    queryset = Territory.objects.all() if queryset is None else queryset
    rows = list(queryset.select_related("parent").order_by("name", "id")[: limit + 1])
    return None if len(rows) > limit else [territory_label(t) for t in rows]


def territory_merged_into(pk: int) -> Territory | None:
    """The place a removed duplicate was merged into (its old address leads there)."""
    merge = (
        TerritoryMerge.objects.filter(removed_id=pk)
        .select_related("kept")
        .order_by("-merged_at", "-id")
        .first()
    )
    return merge.kept if merge else None


def territory_references(territory: Territory) -> dict[str, int]:
    """How many records of each kind point at a place (what a merge moves)."""
    from .merging import reference_counts

    return reference_counts(territory)

"""Plans, their nodes and indicators in the one search: indexed in every
language they have, on every write, found only by who may read their plan, and
the plans list's search box ranking plans by their own words and their measures'."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from convivio.core.models import User
from convivio.core.translation import save_translation
from convivio.plans import search
from convivio.plans.models import Plan
from convivio.plans.services import (
    IndicatorData,
    NodeData,
    change_undo,
    indicator_create,
    node_create,
    node_delete,
    node_update,
    plan_transition,
)
from convivio.search.models import SearchEntry
from convivio.search.selectors import (
    index_version,
    search_everything,
    search_match,
)
from tests.html import texts_of

from .factories import make_node, make_plan, make_territory

pytestmark = pytest.mark.django_db


def languages(kind: str, pk: int) -> set[str]:
    return set(
        SearchEntry.objects.filter(kind=kind, object_id=pk).values_list(
            "language", flat=True
        )
    )


def found(kind: str, query: str) -> set[int]:
    return {pk for pk, _score in search_match(kind=kind, query=query)}


@pytest.fixture
def classes(team, plan, objective):
    """A measure written through the services, with a Romanian translation made
    on the translation screen's path (core.translation, outside plans)."""
    node = node_create(
        user=team,
        plan=plan,
        kind="measure",
        parent=objective,
        data=NodeData(
            title="Evening classes for carpenters",
            text="Woodworking lessons after work.",
        ),
    )
    save_translation(
        node,
        "ro",
        {"title": "Cursuri de seară pentru tâmplari", "text": "Lecții de tâmplărie."},
    )
    return node


def test_every_language_of_a_node_is_indexed(classes):
    assert languages("node", classes.pk) == {"en", "ro"}
    assert classes.pk in found("node", "carpenters")
    assert classes.pk in found("node", "tâmplari")
    # Found by its plan's place too, in every language.
    assert classes.pk in found("node", "vale novo")


def test_indicators_and_plans_are_indexed_through_the_services(team, classes, plan):
    indicator = indicator_create(
        user=team, node=classes, data=IndicatorData(name="Apprentices certified")
    )
    assert languages("indicator", indicator.pk) == {"en"}
    assert indicator.pk in found("indicator", "apprentices")
    save_translation(plan, "ro", {"title": "Planul municipal de integrare"})
    assert languages("plan", plan.pk) == {"en", "ro"}
    assert plan.pk in found("plan", "municipal")


def test_a_draft_plans_nodes_are_hidden_from_visitors_and_shown_to_its_team(
    team, territory, stranger
):
    draft = make_plan(territory, title="Draft of the new plan", status="draft")
    node = node_create(
        user=team, plan=draft, kind="area", data=NodeData(title="Carpentry workshops")
    )

    def hits(user) -> list[str]:
        results = search_everything(
            query="carpentry", user=user, language="en", kinds=["node"]
        )
        return [hit.url for hit in results.hits]

    url = f"{reverse('plans:detail', args=[draft.pk])}#node-{node.pk}"
    assert hits(AnonymousUser()) == []
    assert hits(stranger) == []
    assert hits(team) == [url]
    # Adopting the plan changes nothing in the index (who sees it is read at
    # search time), but what was cached on the index's version is stale.
    version = index_version(kind="node")
    plan_transition(user=team, plan=draft, status="adopted")
    assert hits(AnonymousUser()) == [url]
    assert index_version(kind="node") > version


def test_a_hit_is_in_the_readers_language_with_its_plan_place_and_progress(classes):
    classes.progress = 40
    classes.status = "in_progress"
    classes.save()
    hit = search.node_hits([classes.pk], "ro")[classes.pk]
    assert hit.title == "Cursuri de seară pentru tâmplari"
    assert hit.language == "ro"
    english = search.node_hits([classes.pk], "en")[classes.pk]
    assert english.title == "Evening classes for carpenters"
    assert english.language == "en"
    assert english.meta[:2] == (
        "Municipal plan for the integration of migrants",
        "Vale Novo",
    )
    assert "in progress" in english.meta and "40%" in english.meta
    # A measure opens its own page (what fits it), followed from the search page.
    assert english.url == reverse("plans:measure", args=[classes.plan_id, classes.pk])
    # No German text: the original is shown, and says so.
    german = search.node_hits([classes.pk], "de")[classes.pk]
    assert german.language == "en"


def test_editing_a_node_reindexes_it(team, classes):
    node_update(
        user=team,
        node=classes,
        data=NodeData(title="Evening classes for plumbers"),
        expected_version=classes.version,
    )
    assert classes.pk in found("node", "plumbers")
    assert classes.pk not in found("node", "carpenters")
    # The Romanian translation stays indexed (now outdated, still its text).
    assert languages("node", classes.pk) == {"en", "ro"}


def test_deleting_a_node_removes_it_and_its_indicators_and_undo_brings_them_back(
    team, plan, classes
):
    indicator = indicator_create(
        user=team, node=classes, data=IndicatorData(name="Apprentices certified")
    )
    node_delete(user=team, node=classes)
    assert languages("node", classes.pk) == set()
    assert languages("indicator", indicator.pk) == set()
    assert found("node", "carpenters") == set()
    change_undo(user=team, plan=plan)
    assert languages("node", classes.pk) == {"en", "ro"}
    assert found("indicator", "apprentices") == {indicator.pk}


def test_a_plan_deleted_in_the_admin_leaves_the_index(plan, classes):
    plan.delete()
    assert not SearchEntry.objects.filter(
        kind__in=["plan", "node"], object_id__in=[plan.pk, classes.pk]
    ).exists()


def test_the_plan_list_finds_a_plan_by_a_word_of_its_measure_in_any_language(
    client, plan, classes, other_plan
):
    def titles(q: str) -> list[str]:
        response = client.get(reverse("plans:list"), {"q": q})
        return texts_of(response, ".plan-table tbody td:nth-child(2) a")

    assert titles("carpenters") == ["Municipal plan for the integration of migrants"]
    assert titles("tâmplari") == ["Municipal plan for the integration of migrants"]
    assert titles("plumbers") == []
    assert titles("...") == []


def test_the_plan_list_ranks_a_plan_named_for_the_words_first(client, team, plan):
    other = make_plan(make_territory("Serra"), title="Carpentry and housing plan")
    make_node(plan, "Carpentry for all", kind="area")
    response = client.get(reverse("plans:list"), {"q": "carpentry"})
    shown = texts_of(response, ".plan-table tbody td:nth-child(2) a")
    assert shown == [
        "Carpentry and housing plan",
        "Municipal plan for the integration of migrants",
    ]
    assert other.pk


def queries(action, *args) -> int:
    with CaptureQueriesContext(connection) as context:
        action(*args)
    return len(context)


def test_the_plan_list_search_costs_the_same_whatever_the_number_of_plans(client):
    def grow(size: int) -> None:
        for i in range(Plan.objects.count(), size):
            plan = make_plan(make_territory(f"Town {i}"), title=f"Plan of town {i}")
            for j in range(3):
                make_node(plan, f"Carpentry workshop {j}", kind="area")

    def page() -> None:
        response = client.get(reverse("plans:list"), {"q": "carpentry"})
        assert len(texts_of(response, ".plan-table tbody td:nth-child(2) a")) == (
            Plan.objects.count()
        )

    grow(2)
    small = queries(page)
    grow(12)
    # The plans' and the nodes' matches, the nodes' plans, the page's plans and
    # their rows, the places of the filter (and what the one search reads once
    # per match: its vector space).
    assert queries(page) == small <= 10


def test_hits_visibility_and_documents_cost_the_same_whatever_the_number_of_ids(
    team, plan
):
    nodes = [make_node(plan, f"Measure {i}") for i in range(12)]
    few, many = [n.pk for n in nodes[:2]], [n.pk for n in nodes]
    for read, bound in (
        (lambda ids: search.node_hits(ids, "en"), 3),
        (search.node_documents, 2),
        (lambda ids: search.plan_hits([plan.pk], "en"), 2),
    ):
        assert queries(read, few) == queries(read, many) <= bound
    # Who reads drafts is remembered on the person for a request: two readers.
    first, second = (User.objects.get(pk=team.pk) for _ in range(2))
    assert (
        queries(search.node_visible_ids, first, few)
        == queries(search.node_visible_ids, second, many)
        <= 5
    )
    assert search.node_visible_ids(team, many) == set(many)
    assert search.node_visible_ids(AnonymousUser(), many) == set(many)
    assert len(search.node_hits(many, "en")) == 12


def test_a_plans_nodes_are_found_by_the_name_of_the_place_merged_into(
    admin_user, territory, plan, classes
):
    from convivio.core.services import territory_merge

    kept = make_territory("Vila Nova de Cima")
    territory_merge(actor=admin_user, source=territory, target=kept)
    assert classes.pk in found("node", "cima")
    assert plan.pk in found("plan", "cima")
    assert classes.pk not in found("node", "vale novo")


def test_a_duplicated_plan_is_indexed_with_its_nodes_in_every_language(
    team, plan, classes
):
    from convivio.plans.services import plan_duplicate

    copy = plan_duplicate(user=team, plan=plan, start_year=2027, end_year=2029)
    twin = copy.nodes.get(translations__title="Evening classes for carpenters")
    assert languages("node", twin.pk) == {"en", "ro"}
    assert found("node", "tâmplari") == {classes.pk, twin.pk}
    assert copy.pk in found("plan", "municipal")

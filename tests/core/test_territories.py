# ruff: noqa: F811 - the fake_plan fixture is imported

"""Places: found ignoring case and accents, added under their parent by members
(from New plan and from the ingestion review page), merged by moderators, and
picked with suggestions that work without JavaScript."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from convivio.core import selectors, services
from convivio.core.models import Territory
from convivio.core.pickers import NewTerritoryField, TerritoriesField, TerritoryField
from convivio.core.services import NewTerritory, territory_team_grant
from convivio.plans.models import Plan
from convivio.practices.models import Practice
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    create_translated,
    make_practice,
)
from tests.ingest.test_services import fake_plan  # noqa: F401 - fixture


@pytest.fixture
def andalucia(db):
    spain = Territory.objects.get(iso_code="ES")
    region = Territory.objects.create(
        name="Andalucía", kind=Territory.Kind.REGION, country_code="ES", parent=spain
    )
    return region


@pytest.fixture
def sevilla(andalucia):
    return Territory.objects.create(
        name="Sevilla",
        kind=Territory.Kind.PROVINCE,
        country_code="ES",
        parent=andalucia,
    )


@pytest.fixture
def villaverde(sevilla):
    return Territory.objects.create(
        name="Villaverde del Río",
        kind=Territory.Kind.MUNICIPALITY,
        country_code="ES",
        parent=sevilla,
    )


@pytest.fixture
def regional_team(andalucia):
    person = UserFactory(username="junta")
    territory_team_grant(actor=None, user=person, territory=andalucia)
    return person


# --------------------------------------------------------------------- finding


def test_a_name_is_found_whatever_its_case_and_accents(villaverde):
    assert villaverde.name_key == "villaverde del rio"
    for typed in ("villaverde del rio", "VILLAVERDE DEL RÍO", " Villaverde  del Rio "):
        assert selectors.territory_find(typed) == [villaverde]
    # The label a picker shows, with what the place is part of.
    assert selectors.territory_label(villaverde) == "Villaverde del Río (Sevilla)"
    assert selectors.territory_find("Villaverde del Río (Sevilla)") == [villaverde]
    assert [t.name for t in selectors.territory_search("rio")] == [villaverde.name]


def test_a_country_is_shown_and_found_in_the_readers_language(andalucia):
    spain = andalucia.parent
    with translation.override("es"):
        assert selectors.territory_label(andalucia) == "Andalucía (España)"
        assert selectors.territory_label(spain) == "España"
        # What a picker shows is what it finds when sent back.
        assert selectors.territory_find("Andalucía (España)") == [andalucia]
        assert selectors.territory_find("espana") == [spain]
        assert spain in selectors.territory_search("espa")
        # The English name, the record's own, is still understood.
        assert selectors.territory_find("Spain") == [spain]
    assert selectors.territory_label(andalucia) == "Andalucía (Spain)"


def test_a_name_shared_by_two_places_asks_which(villaverde, andalucia):
    other = Territory.objects.create(
        name="Villaverde del Rio",
        kind=Territory.Kind.MUNICIPALITY,
        country_code="ES",
        parent=andalucia,
    )
    field = TerritoryField()
    with pytest.raises(ValidationError) as info:
        field.clean("villaverde del rio")
    assert info.value.code == "ambiguous"
    assert "Villaverde del Río (Sevilla)" in info.value.messages[0]
    assert field.clean("Villaverde del Rio (Andalucía)") == other


# --------------------------------------------------------------------- adding


def test_a_member_adds_a_municipality_under_its_province(user, sevilla):
    place, created = services.territory_create(
        actor=user, name="  Gerena ", kind="municipality", parent=sevilla
    )
    assert created
    assert (place.name, place.parent, place.country_code) == ("Gerena", sevilla, "ES")


def test_adding_a_known_name_gives_the_place_back(user, villaverde):
    place, created = services.territory_create(
        actor=user,
        name="villaverde del rio",
        kind="municipality",
        parent=villaverde.parent,
    )
    assert (place, created) == (villaverde, False)
    assert Territory.objects.filter(name_key="villaverde del rio").count() == 1


def test_adding_is_refused_with_a_sentence(client, user, sevilla, villaverde):
    anonymous = client.get("/en/").wsgi_request.user
    with pytest.raises(PermissionDenied, match="Sign in"):
        services.territory_create(
            actor=anonymous, name="Gerena", kind="municipality", parent=sevilla
        )
    with pytest.raises(PermissionDenied, match="under a country"):
        services.territory_create(
            actor=user, name="Barrio", kind="municipality", parent=villaverde
        )
    with pytest.raises(ValidationError) as info:
        services.territory_create(
            actor=user, name="Andalucía Baja", kind="region", parent=sevilla
        )
    assert "cannot be part of a province" in info.value.message_dict["kind"][0]
    assert not Territory.objects.filter(name__in=["Gerena", "Barrio"]).exists()


# --------------------------------------------------------------------- merging


def test_a_merge_moves_every_reference_and_removes_the_duplicate(
    moderator, user, sevilla, villaverde
):
    from convivio.directory.models import Location
    from convivio.plans.models import Dimension
    from convivio.surveys.models import Survey
    from tests.plans.factories import make_plan

    duplicate = Territory.objects.create(
        name="Villaverde",
        kind=Territory.Kind.MUNICIPALITY,
        country_code="ES",
        parent=sevilla,
        latitude=37.59,
        longitude=-6.05,
    )
    inside = Territory.objects.create(
        name="Barrio Alto",
        kind=Territory.Kind.MUNICIPALITY,
        country_code="ES",
        parent=duplicate,
    )
    plan = make_plan(duplicate, title="Plan local")
    organisation = OrganisationFactory(territory=duplicate)
    both = make_practice(country="ES", territory_ids=[duplicate.pk, villaverde.pk])
    only = make_practice(country="ES", territory_ids=[duplicate.pk])
    location = Location.objects.create(
        organisation=organisation, name="Desk", territory=duplicate
    )
    survey = create_translated(
        Survey,
        title="Necesidades",
        territory=duplicate,
        original_language_id="es",
        created_by=user,
    )
    territory_team_grant(actor=None, user=user, territory=duplicate)
    territory_team_grant(actor=None, user=user, territory=villaverde)
    dimension = Dimension.objects.create(
        slug="barrio", name="Barrio", territory=duplicate
    )
    assert selectors.territory_references(duplicate)["Plans"] == 1
    duplicate_id = duplicate.pk

    merge = services.territory_merge(
        actor=moderator, source=duplicate, target=villaverde
    )
    moved = merge.moved
    assert (merge.removed_id, merge.removed_name) == (duplicate_id, "Villaverde")
    assert (merge.kept, merge.merged_by) == (villaverde, moderator)

    assert not Territory.objects.filter(pk=duplicate.pk).exists()
    for record in (plan, organisation, location, survey, dimension):
        record.refresh_from_db()
        assert record.territory == villaverde
    inside.refresh_from_db()
    assert inside.parent == villaverde
    assert set(both.territories.all()) == {villaverde}  # one link, not two
    assert set(only.territories.all()) == {villaverde}
    assert user.territory_teams.get().territory == villaverde
    # Rows re-pointed: `both` already had the place kept, its old link went.
    assert moved["Practices"] == 1 and moved["Plans"] == 1
    # The change history follows the place kept, and is not counted as records.
    assert {row.territory_id for row in location.history.all()} == {villaverde.pk}
    assert {row.territory_id for row in survey.history.all()} == {villaverde.pk}
    assert not [label for label in moved if "istorical" in label]
    villaverde.refresh_from_db()
    assert (villaverde.latitude, villaverde.longitude) == (37.59, -6.05)


def test_a_merge_that_cannot_move_everything_changes_nothing(
    moderator, sevilla, villaverde
):
    from convivio.plans.models import Dimension
    from tests.plans.factories import make_plan

    duplicate = Territory.objects.create(
        name="Villaverde",
        kind=Territory.Kind.MUNICIPALITY,
        country_code="ES",
        parent=sevilla,
    )
    plan = make_plan(duplicate)
    # Both places have their own list "barrio": which one wins is a person's call.
    Dimension.objects.create(slug="barrio", name="Barrio", territory=duplicate)
    Dimension.objects.create(slug="barrio", name="Barrio", territory=villaverde)
    with pytest.raises(ValidationError, match="same code"):
        services.territory_merge(actor=moderator, source=duplicate, target=villaverde)
    plan.refresh_from_db()
    assert plan.territory == duplicate
    assert Territory.objects.filter(pk=duplicate.pk).exists()


def test_only_moderators_merge_and_never_into_a_place_inside(
    user, moderator, sevilla, villaverde
):
    with pytest.raises(PermissionDenied):
        services.territory_merge(actor=user, source=villaverde, target=sevilla)
    with pytest.raises(ValidationError, match="inside"):
        services.territory_merge(actor=moderator, source=sevilla, target=villaverde)
    spain, italy = (Territory.objects.get(iso_code=c) for c in ("ES", "IT"))
    with pytest.raises(ValidationError, match="Countries"):
        services.territory_merge(actor=moderator, source=italy, target=spain)


def test_the_merge_page_shows_what_moves_then_merges(client, moderator, villaverde):
    duplicate = Territory.objects.create(
        name="Villaverde",
        kind=Territory.Kind.MUNICIPALITY,
        country_code="ES",
        parent=villaverde.parent,
    )
    make_practice(country="ES", territory_ids=[duplicate.pk])
    client.force_login(moderator)
    url = reverse("core:territory_merge")
    data = {"source": "villaverde (sevilla)", "target": "villaverde del rio"}
    page = BeautifulSoup(client.post(url, data).content, "html.parser")
    preview = page.select_one(".merge-preview")
    assert "Merge Villaverde into Villaverde del Río?" in preview.h2.text
    assert [li.text for li in preview.select("li")] == ["Practices: 1"]
    assert Territory.objects.filter(pk=duplicate.pk).exists()
    # "Merge" sends the preview's own form.
    form = preview.select_one("form")
    fields = {i["name"]: i["value"] for i in form.select("input[type=hidden]")}
    response = client.post(form["action"], fields)
    assert response.status_code == 302
    assert not Territory.objects.filter(pk=duplicate.pk).exists()
    assert Territory.objects.filter(pk=villaverde.pk).exists()


def test_the_merge_page_is_for_moderators(client, user):
    client.force_login(user)
    assert client.get(reverse("core:territory_merge")).status_code == 403


# -------------------------------------------------------------------- New plan


def _plan_post(territory: str, **extra) -> dict:
    return {
        "title": "Plan de integración",
        "template": "blank",
        "territory": territory,
        "start_year": 2025,
        "end_year": 2028,
        "language": "es",
        **extra,
    }


def test_new_plan_for_a_town_not_yet_known(client, regional_team, sevilla):
    client.force_login(regional_team)
    url = reverse("plans:create")
    # Unknown and nothing said about it: the form says how to add it.
    response = client.post(url, _plan_post("Villaverde del Río"))
    field = BeautifulSoup(response.content, "html.parser").select_one(
        ".field.has-error"
    )
    assert "No place called “Villaverde del Río” is known here" in field.text
    assert not Territory.objects.filter(name="Villaverde del Río").exists()
    # Said what it is and what it is part of: added with the plan.
    response = client.post(
        url,
        _plan_post(
            "Villaverde del Río",
            territory_kind="municipality",
            territory_parent="sevilla (andalucía)",
        ),
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert plan.territory.name == "Villaverde del Río"
    assert plan.territory.parent == sevilla


def test_new_plan_matches_a_known_town_instead_of_adding_it(
    client, regional_team, villaverde
):
    client.force_login(regional_team)
    response = client.post(
        reverse("plans:create"),
        _plan_post(
            "villaverde del rio",
            territory_kind="municipality",
            territory_parent="Sevilla",
        ),
    )
    assert response.status_code == 302
    assert Plan.objects.get().territory == villaverde
    assert Territory.objects.filter(name_key="villaverde del rio").count() == 1


def test_new_plan_adds_nothing_when_the_plan_is_refused(client, regional_team, sevilla):
    client.force_login(regional_team)
    response = client.post(
        reverse("plans:create"),
        _plan_post(
            "Gerena",
            territory_kind="municipality",
            territory_parent="Sevilla",
            language="xx",
        ),
    )
    assert response.status_code == 200
    assert not Territory.objects.filter(name="Gerena").exists()


def test_new_plan_offers_only_the_teams_places(
    client, regional_team, villaverde, django_assert_max_num_queries
):
    client.force_login(regional_team)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("plans:create"))
    page = BeautifulSoup(response.content, "html.parser")
    field = page.select_one("input[name=territory]")
    options = [o["value"] for o in page.select(f"datalist#{field['list']} option")]
    assert options == ["Andalucía (Spain)", "Sevilla (Andalucía)", villaverde_label()]
    parents = page.select_one("input[name=territory_parent]")
    assert [o["value"] for o in page.select(f"datalist#{parents['list']} option")] == [
        "Andalucía (Spain)",
        "Sevilla (Andalucía)",
    ]
    # A person from another region cannot hang a place under this one.
    with pytest.raises(ValidationError):
        NewTerritoryField(roots=[]).clean(("Gerena", "municipality", "Sevilla"))


def villaverde_label() -> str:
    return "Villaverde del Río (Sevilla)"


# ------------------------------------------------------------------- pickers


def test_the_places_picker_works_without_javascript(client, user, villaverde, sevilla):
    client.force_login(user)
    url = reverse("practices:submit")
    page = BeautifulSoup(client.get(url).content, "html.parser")
    inputs = page.select("input[name=places]")
    assert len(inputs) >= 2 and all(i["type"] == "text" for i in inputs)
    assert not page.select("select[name=places]")
    datalist = page.select_one(f"datalist#{inputs[0]['list']}")
    labels = [o["value"] for o in datalist.select("option")]
    assert villaverde_label() in labels and "Spain" not in labels
    data = {
        "language": "es",
        "title": "Mentoría",
        "summary": "Mentores voluntarios.",
        "country": "ES",
        "places": ["villaverde del rio", "", "Sevilla (Andalucía)"],
        "themes": ["employment"],
        "funding_currency": "EUR",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    practice = Practice.objects.get()
    assert set(practice.territories.all()) == {villaverde, sevilla}
    # Editing shows each place in its own box, by label; emptying one removes it.
    edit = reverse("practices:edit", args=[practice.pk])
    page = BeautifulSoup(client.get(edit).content, "html.parser")
    shown = [i.get("value", "") for i in page.select("input[name=places]")]
    assert shown[:2] == ["Sevilla (Andalucía)", villaverde_label()]


def test_an_unknown_place_is_refused_with_what_was_typed_kept(client, user, sevilla):
    client.force_login(user)
    response = client.post(
        reverse("practices:submit"),
        {
            "language": "es",
            "title": "Mentoría",
            "summary": "Mentores voluntarios.",
            "country": "ES",
            "places": ["Atlantis"],
            "themes": ["employment"],
        },
    )
    page = BeautifulSoup(response.content, "html.parser")
    assert (
        "No place called “Atlantis” is known here"
        in page.select_one(".field.has-error").text
    )
    assert page.select_one("input[name=places]")["value"] == "Atlantis"
    assert not Practice.objects.exists()


def test_suggestions_as_one_types(client, villaverde, sevilla):
    url = reverse("core:territory_suggestions")
    page = BeautifulSoup(
        client.get(url, {"field": "places", "places": "RIO"}).content, "html.parser"
    )
    assert [o["value"] for o in page.select("option")] == [villaverde_label()]
    # Narrowed as the picker is: places under a root, no municipalities.
    page = BeautifulSoup(
        client.get(
            url,
            {
                "field": "p",
                "p": "se",
                "under": str(sevilla.parent_id),
                "municipalities": "0",
            },
        ).content,
        "html.parser",
    )
    assert [o["value"] for o in page.select("option")] == ["Sevilla (Andalucía)"]


def test_a_picker_with_too_many_places_asks_the_server(villaverde, monkeypatch):
    from convivio.core import pickers

    monkeypatch.setattr(pickers, "SENT_WITH_PAGE", 0)
    html = TerritoriesField(countries=False).widget.render("places", [villaverde])
    field = BeautifulSoup(html, "html.parser").select_one("input[name=places]")
    assert field["hx-get"] == reverse("core:territory_suggestions")
    assert '"field": "places"' in field["hx-vals"]
    assert field["value"] == villaverde_label()


def test_new_territory_field_cleans_to_a_new_place(sevilla):
    field = NewTerritoryField()
    assert field.clean(("Gerena", "municipality", "sevilla")) == NewTerritory(
        name="Gerena", kind="municipality", parent=sevilla
    )
    with pytest.raises(ValidationError, match="part of"):
        field.clean(("Gerena", "municipality", ""))
    with pytest.raises(ValidationError, match="cannot be part of"):
        field.clean(("Gerena", "region", "Sevilla"))


# ------------------------------------------------------------ ingestion review


def test_a_reviewer_adds_the_town_a_plan_is_for(
    client, user, fake_plan, django_capture_on_commit_callbacks
):
    from convivio.ingest import services as ingest_services
    from tests.ingest.test_services import PLAN_TEXT, ingest

    job = ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    draft = job.drafts.get()
    # Accept all cannot guess a place nobody added: the draft waits, saying so.
    left = ingest_services.drafts_accept_all(user=user, job=job)
    assert [d.pk for d, _message in left] == [draft.pk]
    client.force_login(user)
    review = reverse("ingest:review", args=[job.pk])
    page = BeautifulSoup(client.get(review).content, "html.parser")
    field = page.select_one(f"input[name=d{draft.pk}-territory]")
    assert field["value"] == "Valdoria"  # the name read, ready to be added
    assert page.select_one(f"select[name=d{draft.pk}-territory_kind]")
    response = client.post(
        reverse("ingest:draft_accept", args=[job.pk, draft.pk]),
        {
            f"d{draft.pk}-title": "Valdoria plan",
            f"d{draft.pk}-territory": "Valdoria",
            f"d{draft.pk}-territory_kind": "municipality",
            f"d{draft.pk}-territory_parent": "spain",
            f"d{draft.pk}-start_year": "2021",
            f"d{draft.pk}-end_year": "2024",
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get()
    assert (plan.territory.name, plan.territory.parent.iso_code) == ("Valdoria", "ES")
    assert plan.territory.kind == Territory.Kind.MUNICIPALITY


def test_a_refused_draft_adds_no_place(
    client, user, fake_plan, django_capture_on_commit_callbacks
):
    from tests.ingest.test_services import PLAN_TEXT, ingest

    job = ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    draft = job.drafts.get()
    client.force_login(user)
    response = client.post(
        reverse("ingest:draft_accept", args=[job.pk, draft.pk]),
        {
            f"d{draft.pk}-title": "",  # refused: no title
            f"d{draft.pk}-territory": "Valdoria",
            f"d{draft.pk}-territory_kind": "municipality",
            f"d{draft.pk}-territory_parent": "Spain",
            f"d{draft.pk}-start_year": "2021",
            f"d{draft.pk}-end_year": "2024",
        },
    )
    assert response.status_code == 400
    assert not Territory.objects.filter(name="Valdoria").exists()
    # What was typed is kept, the new-place part open.
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one(f"input[name=d{draft.pk}-territory_parent]")["value"] == (
        "Spain"
    )
    assert page.select_one(f"#draft-{draft.pk} details.picker-new").has_attr("open")


def test_review_page_reads_the_places_once_for_all_plan_drafts(
    client, user, fake_plan, villaverde, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from convivio.ingest.models import Draft
    from tests.ingest.test_services import PLAN_TEXT, ingest

    job = ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    draft = job.drafts.get()
    client.force_login(user)
    url = reverse("ingest:review", args=[job.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add(positions: range) -> None:
        for position in positions:
            Draft.objects.create(
                job=job,
                kind="plan",
                position=position,
                title=f"Plan {position}",
                data={**draft.data, "territory": "Villaverde del Río"},
            )

    add(range(1, 2))
    count()  # the first visit also fills the names of themes (suggestions)
    two = count()
    add(range(2, 7))
    assert count() == two


def test_submit_page_queries_are_bounded(client, user, villaverde, sevilla):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    practice = make_practice(
        user=user, status="draft", country="ES", territory_ids=[villaverde.pk]
    )
    client.force_login(user)
    # The first visit also fills the names of themes (suggestions): not counted.
    client.get(reverse("practices:edit", args=[practice.pk]))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("practices:edit", args=[practice.pk]))
    practice.territories.add(sevilla, sevilla.parent)
    with CaptureQueriesContext(connection) as three:
        client.get(reverse("practices:edit", args=[practice.pk]))
    assert len(three) == len(one)  # the places shown are read at once


def test_the_api_finds_places_ignoring_case_and_accents(client, villaverde):
    data = client.get("/api/territories", {"q": "VILLAVERDE del rio"}).json()
    assert [item["name"] for item in data["items"]] == ["Villaverde del Río"]
    assert data["count"] == 1


def test_suggestions_and_merge_pages_read_a_bounded_number_of_rows(
    client, moderator, villaverde, django_assert_max_num_queries
):
    for number in range(30):
        Territory.objects.create(
            name=f"Río {number}",
            kind=Territory.Kind.MUNICIPALITY,
            country_code="ES",
            parent=villaverde.parent,
        )
    url = reverse("core:territory_suggestions")
    with django_assert_max_num_queries(4):  # under: one query per level
        page = client.get(
            url, {"field": "q", "q": "rio", "under": str(villaverde.parent.parent_id)}
        )
    assert len(BeautifulSoup(page.content, "html.parser").select("option")) == 20
    client.force_login(moderator)
    with django_assert_max_num_queries(6):
        client.get(reverse("core:territory_merge"))
    # The preview counts the rows of each kind pointing at the place: one query
    # per kind of record, whatever their number.
    # (17 with the machine translation budgets, a kind that points at places.)
    with django_assert_max_num_queries(17):
        client.post(
            reverse("core:territory_merge"),
            {"source": "Río 1", "target": "villaverde del rio"},
        )


def test_places_made_in_bulk_are_found_too(db):
    Territory.objects.bulk_create(
        [
            Territory(
                name="São Brás de Alportel",
                kind=Territory.Kind.MUNICIPALITY,
                country_code="PT",
                parent=Territory.objects.get(iso_code="PT"),
            )
        ]
    )
    assert [t.name for t in selectors.territory_find("sao bras de alportel")] == [
        "São Brás de Alportel"
    ]


def test_practices_are_found_by_the_name_of_the_place_kept(moderator, villaverde):
    from convivio.practices.selectors import SEARCH_KIND
    from convivio.search.selectors import search_match

    duplicate = Territory.objects.create(
        name="Vilaverde",
        kind=Territory.Kind.MUNICIPALITY,
        country_code="ES",
        parent=villaverde.parent,
    )
    practice = make_practice(country="ES", territory_ids=[duplicate.pk])

    def found(word: str) -> list[int]:
        return [pk for pk, _score in search_match(kind=SEARCH_KIND, query=word)]

    assert found("Vilaverde") == [practice.pk]
    services.territory_merge(actor=moderator, source=duplicate, target=villaverde)
    assert found("Villaverde") == [practice.pk]
    assert found("Vilaverde") == []


def test_the_address_of_a_merged_place_leads_to_the_place_kept(
    client, moderator, villaverde
):
    duplicate = Territory.objects.create(
        name="Villaverde",
        kind=Territory.Kind.MUNICIPALITY,
        country_code="ES",
        parent=villaverde.parent,
    )
    old = reverse("core:territory", args=[duplicate.pk])
    services.territory_merge(actor=moderator, source=duplicate, target=villaverde)
    response = client.get(old)
    assert response.status_code == 301
    assert response.url == reverse("core:territory", args=[villaverde.pk])
    assert client.get(reverse("core:territory", args=[99999])).status_code == (404)


def test_a_municipality_team_is_not_offered_to_add_places(client, db):
    from tests.plans.factories import make_territory

    officer = UserFactory(username="officer")
    territory_team_grant(
        actor=None, user=officer, territory=make_territory("Vale Novo")
    )
    client.force_login(officer)
    page = BeautifulSoup(client.get(reverse("plans:create")).content, "html.parser")
    field = page.select_one("input[name=territory]")
    assert [o["value"] for o in page.select(f"datalist#{field['list']} option")] == [
        "Vale Novo (Portugal)"
    ]
    assert not field.has_attr("hx-get")
    # Nothing it could hang a new place under: no "Not in the list?".
    assert not page.select("details.picker-new")

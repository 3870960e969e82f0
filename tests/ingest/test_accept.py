"""Accepting drafts: the records made through each app's services, with provenance."""

# ruff: noqa: F811 - fixtures imported from test_services

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from convivio.core.models import Organisation, Territory
from convivio.core.translation import Status, row_status
from convivio.ingest import services
from convivio.ingest.models import Draft
from convivio.plans.models import Indicator, Plan, PlanNode, Recommendation
from convivio.practices.models import Practice

from ..factories import OrganisationFactory
from .test_services import (  # noqa: F401 - fixtures
    BOOKLET_TEXT,
    PLAN_TEXT,
    fake_booklet,
    fake_plan,
    ingest,
    valdoria,
)


@pytest.fixture
def plan_job(user, fake_plan, valdoria, django_capture_on_commit_callbacks):
    return ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)


@pytest.fixture
def booklet_job(user, fake_booklet, django_capture_on_commit_callbacks):
    return ingest(
        user,
        BOOKLET_TEXT,
        filename="booklet.txt",
        capture=django_capture_on_commit_callbacks,
    )


def test_review_initial_matches_territory_and_years(plan_job, valdoria):
    draft = plan_job.drafts.get()
    initial = services.review_initial(draft)
    assert initial["territory"] == valdoria.pk
    assert (initial["start_year"], initial["end_year"]) == (2021, 2024)
    # No such organisation yet: the form offers to create it.
    assert initial["organisation"] == services.NEW
    assert initial["organisation_name"] == "Valdoria Town Council"


def test_accept_a_plan_draft_makes_the_plan_its_tree_indicators_and_recommendations(
    user, plan_job, valdoria
):
    council = OrganisationFactory(name="Valdoria Town Council")
    draft = plan_job.drafts.get()
    plan = services.draft_accept(user=user, draft=draft)

    assert isinstance(plan, Plan)
    assert plan.status == Plan.Status.DRAFT
    assert plan.territory == valdoria
    assert plan.organisation == council  # matched, not duplicated
    assert Organisation.objects.filter(name="Valdoria Town Council").count() == 1
    assert (plan.start_year, plan.end_year) == (2021, 2024)
    assert plan.original_language_id == "en"
    checksum = plan_job.document.checksum
    assert plan.source_key == f"ingest:{checksum[:16]}:plan:0"
    assert plan.source_document == str(plan_job.document)
    assert plan.source_locator.startswith("chars 0–")
    assert str(plan) == "Valdoria Local Integration Plan 2021-2024"

    nodes = {n.code: n for n in plan.nodes.select_related("parent")}
    assert list(nodes) == ["1", "2", "1.1", "2.1", "1.1.1", "1.1.2", "2.1.1"] or set(
        nodes
    ) == {"1", "1.1", "1.1.1", "1.1.2", "2", "2.1", "2.1.1"}
    assert nodes["1"].kind == PlanNode.Kind.AREA and nodes["1"].parent is None
    assert nodes["1.1"].kind == PlanNode.Kind.OBJECTIVE
    assert nodes["1.1"].parent == nodes["1"]
    assert nodes["1.1.2"].kind == PlanNode.Kind.MEASURE
    assert nodes["1.1.2"].parent == nodes["1.1"]
    assert nodes["2.1.1"].parent == nodes["2.1"]
    text = plan_job.document.extracted_text
    start, end = (int(x) for x in nodes["1.1.1"].source_locator[6:].split("–"))
    assert "Open a one-stop desk" in text[start:end]
    # The responsible entity matched an organisation of the platform.
    assert list(nodes["1.1.1"].organisations.all()) == [council]

    indicator = Indicator.objects.get(plan=plan)
    assert indicator.node == nodes["1.1.1"]
    assert str(indicator.translation_for().name) == "people served at the desk"
    slugs = set(
        indicator.indicator_dimensions.values_list("dimension__slug", flat=True)
    )
    assert slugs == {"sex", "age"}
    draft.refresh_from_db()
    # Province has no values for this territory yet: noted for the reviewer.
    assert any("province" in note for note in draft.data["notes"])

    recommendation = Recommendation.objects.get(plan=plan)
    assert recommendation.audience == Recommendation.Audience.MEDIA
    assert draft.status == Draft.Status.ACCEPTED
    assert draft.created_object == f"plans.plan:{plan.pk}"
    assert draft.reviewed_by == user


def test_accepting_twice_never_duplicates(user, plan_job, valdoria):
    draft = plan_job.drafts.get()
    plan = services.draft_accept(user=user, draft=draft)
    counts = (Plan.objects.count(), PlanNode.objects.count(), Indicator.objects.count())
    again = services.draft_accept(user=user, draft=draft)
    assert again.pk == plan.pk
    # A draft that lost its record's link still finds it by its source key.
    Draft.objects.filter(pk=draft.pk).update(status="pending", created_object="")
    draft.refresh_from_db()
    assert services.draft_accept(user=user, draft=draft).pk == plan.pk
    assert (
        Plan.objects.count(),
        PlanNode.objects.count(),
        Indicator.objects.count(),
    ) == counts


def test_a_plan_without_territory_asks_for_it_and_saves_nothing(user, plan_job):
    Territory.objects.filter(name="Valdoria").delete()
    draft = plan_job.drafts.get()
    with pytest.raises(ValidationError) as caught:
        services.draft_accept(user=user, draft=draft)
    assert "territory" in caught.value.message_dict
    assert not Plan.objects.exists()
    assert not PlanNode.objects.exists()
    draft.refresh_from_db()
    assert draft.status == Draft.Status.PENDING


def test_a_failure_in_the_middle_of_a_plan_leaves_nothing(user, plan_job, monkeypatch):
    from convivio.plans import services as plan_services

    def broken(**kwargs):
        raise ValidationError("broken indicator")

    monkeypatch.setattr(plan_services, "indicator_create", broken)
    with pytest.raises(ValidationError):
        services.draft_accept(user=user, draft=plan_job.drafts.get())
    assert not Plan.objects.exists() and not PlanNode.objects.exists()


def test_the_reviewer_edits_fields_before_accepting(user, plan_job):
    spain = Territory.objects.get(iso_code="ES")
    plan = services.draft_accept(
        user=user,
        draft=plan_job.drafts.get(),
        data={
            "title": "Plan de Valdoria",
            "territory": spain.pk,
            "organisation": "",
            "start_year": 2022,
            "end_year": 2025,
            "something": "ignored",
        },
    )
    assert str(plan) == "Plan de Valdoria"
    assert plan.territory == spain and plan.organisation is None
    assert (plan.start_year, plan.end_year) == (2022, 2025)


def test_accept_a_practice_with_an_existing_organisation(user, booklet_job):
    existing = OrganisationFactory(name="Asociación Puentes del Sur")
    draft = booklet_job.drafts.get(kind="practice")
    initial = services.review_initial(draft)
    assert initial["organisation"] == existing.pk  # case and accents ignored
    assert initial["country"] == "ES"
    practice = services.draft_accept(user=user, draft=draft)
    assert isinstance(practice, Practice)
    assert practice.status == Practice.Status.DRAFT
    assert practice.country.iso_code == "ES"
    assert (practice.start_year, practice.end_year) == (2018, 2020)
    assert practice.beneficiaries_count == 300
    assert practice.contact_email == "hola@puentes.example"
    assert list(practice.links.values_list("url", flat=True)) == [
        "https://puentes.example/cocina"
    ]
    assert list(practice.organisation_roles.values_list("organisation", "role")) == [
        (existing.pk, "implementing")
    ]
    assert Organisation.objects.count() == 1
    assert practice.source_key.endswith(":practice:0")
    assert practice.source_document == str(booklet_job.document)
    translation = practice.translations.get()
    assert translation.language_id == "en"
    assert translation.beneficiaries == "more than 300 families"
    draft.refresh_from_db()
    assert any("not a link" in note for note in draft.data["notes"])


def test_a_practice_needs_a_country(user, booklet_job):
    draft = booklet_job.drafts.get(kind="practice")
    with pytest.raises(ValidationError) as caught:
        services.draft_accept(user=user, draft=draft, data={"country": ""})
    assert "country" in caught.value.message_dict
    assert not Practice.objects.exists()


def test_organisation_drafts_use_an_existing_record_or_create_one(user, booklet_job):
    draft = booklet_job.drafts.get(kind="organisation")
    created = services.draft_accept(user=user, draft=draft)
    assert created.name == "Puentes del Sur"
    assert created.email == "hola@puentes.example"
    assert created.territory.iso_code == "ES"
    assert created.slug == "puentes-del-sur"
    # Another draft of the same name is matched, whatever its accents and case.
    other = Draft.objects.create(
        job=booklet_job,
        kind="organisation",
        position=5,
        title="x",
        data={"name": "PUENTES DEL SUR", "spans": {}},
    )
    assert services.draft_accept(user=user, draft=other).pk == created.pk
    # A reviewer may ask for a new record even when the name is taken: new slug.
    third = Draft.objects.create(
        job=booklet_job,
        kind="organisation",
        position=6,
        title="y",
        data={"name": "Puentes", "spans": {}},
    )
    OrganisationFactory(name="Other", slug="puentes")
    made = services.draft_accept(user=user, draft=third)
    assert made.slug == "puentes-2"


def test_only_the_uploader_and_moderators_review(
    user, stranger, moderator, booklet_job
):
    draft = booklet_job.drafts.get(kind="organisation")
    with pytest.raises(PermissionDenied):
        services.draft_accept(user=stranger, draft=draft)
    with pytest.raises(PermissionDenied):
        services.draft_reject(user=stranger, draft=draft)
    with pytest.raises(PermissionDenied):
        services.drafts_accept_all(user=stranger, job=booklet_job)
    assert not Organisation.objects.filter(name="Puentes del Sur").exists()
    services.draft_accept(user=moderator, draft=draft)
    assert Organisation.objects.filter(name="Puentes del Sur").exists()


def test_accept_all_accepts_what_it_can_and_lists_the_rest(user, booklet_job):
    Draft.objects.create(
        job=booklet_job,
        kind="practice",
        position=1,
        title="Sin país",
        data={"title": "Sin país", "summary": "Una práctica sin país.", "spans": {}},
    )
    left = services.drafts_accept_all(user=user, job=booklet_job)
    assert [(d.title, "country" in m.lower()) for d, m in left] == [("Sin país", True)]
    statuses = dict(booklet_job.drafts.values_list("title", "status"))
    assert statuses == {
        "Cooking together": "accepted",
        "Puentes del Sur": "accepted",
        "Sin país": "pending",
    }
    practice = Practice.objects.get()
    # The practice's organisation was new: made from the name the booklet gives.
    assert list(
        practice.organisation_roles.values_list("organisation__name", flat=True)
    ) == ["ASOCIACION PUENTES DEL SUR"]
    assert Organisation.objects.count() == 2


def test_reject(user, booklet_job):
    draft = booklet_job.drafts.get(kind="practice")
    services.draft_reject(user=user, draft=draft)
    draft.refresh_from_db()
    assert draft.status == Draft.Status.REJECTED and draft.reviewed_by == user
    assert not Practice.objects.exists()


BOOKLET = """GOOD PRACTICES FROM PARTNER TOWNS

PRACTICE 1 - ITALY
Neighbourhood language circles
Casa dei Popoli | Torino
Years: 2019-2021
Aims: give newcomers a weekly place to practise Italian with neighbours.
Beneficiaries: 300 adults

PRACTICE 2 - SPAIN
Job mentors for young newcomers
Fundación Camino | Sevilla
Years: 2020-2022
Aims: pair young people with mentors who help them find a first job.
Beneficiaries: 120 young people

RECOMMENDATIONS

To service providers:
- Offer interpreters at every first appointment.

To the media:
- Ask migrant residents to speak for themselves in reports about them.
"""


def test_accepting_a_booklet_makes_a_collection_with_its_recommendations(
    admin_user, django_capture_on_commit_callbacks
):
    from convivio.ingest import services
    from convivio.practices.models import Collection

    with django_capture_on_commit_callbacks(execute=True):
        job = services.document_ingest(
            user=admin_user, data=BOOKLET.encode(), filename="booklet.txt"
        )
    job.refresh_from_db()
    assert job.genre == "practice_collection"
    assert {item["audience_code"] for item in job.recommendations} >= {
        "service_providers",
        "media",
    }
    left = services.drafts_accept_all(user=admin_user, job=job)
    assert left == []
    collection = Collection.objects.get()
    assert [p.translation_for("en").title for p in collection.practices.all()] == [
        "Neighbourhood language circles",
        "Job mentors for young newcomers",
    ]
    assert any(
        r.startswith("Service providers: Offer interpreters")
        for r in collection.original_translation().recommendations
    )
    # The booklet's text is the collection's original, current by construction.
    assert row_status(collection, collection.original_language_id) == Status.ORIGINAL
    assert collection.original_translation().origins["title"]["origin"] == "original"
    # Accepting again (or re-ingesting) changes nothing.
    services.drafts_accept_all(user=admin_user, job=job)
    assert Collection.objects.count() == 1
    assert collection.items.count() == 2


def test_a_plan_that_does_not_state_its_years_is_accepted_without_them(
    user, plan_job, valdoria
):
    plan = services.draft_accept(
        user=user,
        draft=plan_job.drafts.get(),
        data={"start_year": None, "end_year": None},
    )
    assert (plan.start_year, plan.end_year) == (None, None)
    assert plan.period == "period not stated"


def test_one_year_without_the_other_is_refused_and_nothing_made(
    user, plan_job, valdoria
):
    with pytest.raises(ValidationError) as caught:
        services.draft_accept(
            user=user,
            draft=plan_job.drafts.get(),
            data={"start_year": 2022, "end_year": None},
        )
    assert "or neither" in " ".join(caught.value.message_dict["start_year"])
    assert not Plan.objects.exists()


def test_the_review_form_keeps_empty_years_empty(plan_job):
    from convivio.ingest.forms import PlanDraftForm

    draft = plan_job.drafts.get()
    form = PlanDraftForm(
        {f"d{draft.pk}-title": "Plan", f"d{draft.pk}-territory": "Valdoria"},
        draft=draft,
        matches=[],
    )
    form.is_valid()
    values = form.values()
    assert values["start_year"] is None and values["end_year"] is None


def test_accepted_plan_areas_carry_the_themes_the_reviewer_kept(
    user, plan_job, valdoria
):
    draft = plan_job.drafts.get()
    nodes = draft.data["nodes"]
    nodes[0]["theme"], nodes[4]["theme"] = "reception", "employment"
    draft.save(update_fields=["data"])
    plan = services.draft_accept(
        user=user, draft=draft, data={"themes": ["employment"]}
    )
    areas = {n.code: n.theme for n in plan.nodes.filter(kind=PlanNode.Kind.AREA)}
    assert areas["1"] is None
    assert areas["2"].slug == "employment"
    assert list(plan.themes.values_list("slug", flat=True)) == ["employment"]

"""Ingestion matches the organisations a document names with those already
here (acronyms, translations) and types the new ones from their names."""

# ruff: noqa: F811 - fixtures imported from the ingest tests

from __future__ import annotations

import pytest

from convivio.core.models import Organisation
from convivio.ingest import services
from convivio.ingest.models import Draft
from tests.factories import OrganisationFactory
from tests.ingest.test_services import (  # noqa: F401 - fixtures
    BOOKLET_TEXT,
    fake_booklet,
    ingest,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def booklet_job(user, fake_booklet, django_capture_on_commit_callbacks):
    return ingest(
        user,
        BOOKLET_TEXT,
        filename="booklet.txt",
        capture=django_capture_on_commit_callbacks,
    )


def _draft(job, name: str, position: int) -> Draft:
    return Draft.objects.create(
        job=job,
        kind="organisation",
        position=position,
        title=name,
        data={"name": name, "spans": {}},
    )


@pytest.mark.parametrize(
    ("known", "named"),
    [
        ("ELIAMEP — Hellenic Foundation for European and Foreign Policy", "ELIAMEP"),
        ("K.E.P.A. — Center for Business & Cultural Development", "KEPA"),
        ("Solidaridad Sin Fronteras (SSF)", "SSF - Solidaridad Sin Fronteras"),
        ("IOM Netherlands (International Organization for Migration)", "IOM Olanda"),
        ("Junta de Andalucía", "Government of Andalusia"),
        ("Comune di Bologna", "Municipality of Bologna"),
    ],
)
def test_a_document_naming_a_known_organisation_makes_no_duplicate(
    user, booklet_job, known, named
):
    existing = OrganisationFactory(name=known)
    draft = _draft(booklet_job, named, 10)
    assert services.review_initial(draft)["organisation"] == existing.pk
    assert services.draft_accept(user=user, draft=draft) == existing
    assert not Organisation.objects.filter(name=named).exists()


def test_different_country_offices_stay_apart(user, booklet_job):
    OrganisationFactory(name="IOM Slovenia (International Organization for Migration)")
    draft = _draft(booklet_job, "IOM Netherlands", 10)
    made = services.draft_accept(user=user, draft=draft)
    assert made.name == "IOM Netherlands"
    assert made.kind == Organisation.Kind.INTERNATIONAL_BODY


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Government of Navarre", Organisation.Kind.PUBLIC_AUTHORITY),
        ("Primăria Municipiului Brașov", Organisation.Kind.PUBLIC_AUTHORITY),
        ("Universidade de Coimbra", Organisation.Kind.UNIVERSITY),
        ("Asociația Refugiaților din Iași", Organisation.Kind.MIGRANT_ASSOCIATION),
        ("Puentes", Organisation.Kind.NGO),
    ],
)
def test_new_organisations_are_typed_from_their_name(user, booklet_job, name, kind):
    draft = _draft(booklet_job, name, 10)
    assert services.review_initial(draft)["kind"] == kind
    assert services.draft_accept(user=user, draft=draft).kind == kind


def test_a_new_public_authority_gets_the_place_its_name_holds(user, booklet_job):
    from tests.plans.factories import make_territory

    town = make_territory("Valdoria", country="ES")
    plan_issuer = services.organisation_create_from(name="Ayuntamiento de Valdoria")
    assert plan_issuer.kind == Organisation.Kind.PUBLIC_AUTHORITY
    assert plan_issuer.territory == town


def test_an_organisation_from_a_members_document_waits_for_a_moderator(
    user, moderator, booklet_job
):
    made = services.draft_accept(user=user, draft=_draft(booklet_job, "Puentes", 10))
    assert made.status == Organisation.Status.PROPOSED
    assert made.created_by == user
    booklet_job.created_by = moderator
    booklet_job.save()
    by_moderator = services.draft_accept(
        user=moderator, draft=_draft(booklet_job, "Casa Aperta Torino", 11)
    )
    assert by_moderator.status == Organisation.Status.APPROVED

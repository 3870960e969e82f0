"""Organisations' descriptions in several languages (core.translation)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from convivio.core.models import Membership, Organisation, Territory
from convivio.core.services import membership_grant, organisation_merge
from convivio.core.translation import (
    Status,
    kind_for,
    row_status,
    save_original,
    save_translation,
)
from tests.factories import OrganisationFactory, UserFactory
from tests.html import soup_of, text_of
from tests.plans.factories import make_territory

pytestmark = pytest.mark.django_db

PT = "Apoio jurídico e alojamento a famílias recém-chegadas."
EN = "Legal advice and housing for newly arrived families."


@pytest.fixture
def association() -> Organisation:
    organisation = OrganisationFactory(
        name="Associação Vale Novo",
        slug="associacao-vale-novo",
        territory=make_territory("Vale Novo"),
        description=PT,
    )
    save_translation(organisation, "en", {"description": EN})
    return organisation


def test_the_original_language_is_the_place_s_country_language(db):
    portuguese = OrganisationFactory(territory=make_territory("Vale Novo"))
    assert portuguese.original_language_id == "pt"
    belgian = OrganisationFactory(territory=Territory.objects.get(iso_code="BE"))
    assert belgian.original_language_id == "en"
    nowhere = OrganisationFactory(territory=None)
    assert nowhere.original_language_id == "en"


def test_the_description_is_the_original_row(association):
    row = association.translations.get(language_id="pt")
    assert row.description == PT
    assert row.origins["description"]["origin"] == "original"
    assert row_status(association, "en") == Status.REVIEWED
    assert row_status(association, "es") == Status.MISSING


def test_changing_the_description_outdates_its_translation(association):
    save_original(association, {"description": PT + " Também em Lisboa."})
    association = Organisation.objects.get(pk=association.pk)
    assert association.translations.get(language_id="pt").description.endswith(
        "Lisboa."
    )
    assert row_status(association, "en") == Status.OUTDATED


def test_a_minor_edit_keeps_the_translation_current(association):
    fixed = PT.replace("recém-chegadas", "recém chegadas")
    save_original(association, {"description": fixed}, minor=True)
    assert row_status(Organisation.objects.get(pk=association.pk), "en") == (
        Status.REVIEWED
    )


def test_the_page_shows_the_reader_s_language_or_the_original(client, association):
    page = client.get(f"/en/organisations/{association.slug}/")
    lead = soup_of(page).select_one("p.lead")
    assert lead.get_text(strip=True) == EN and not lead.has_attr("lang")
    page = client.get(f"/es/organisations/{association.slug}/")
    lead = soup_of(page).select_one("p.lead")
    assert (lead.get_text(strip=True), lead["lang"]) == (PT, "pt")
    assert text_of(page, ".translation-note .translation-shown")
    page = client.get(f"/en/organisations/{association.slug}/?lang=pt")
    assert text_of(page, "p.lead") == PT


def test_editors_and_moderators_translate_it(association):
    kind = kind_for(association)
    assert kind.key == "organisation"
    editor = UserFactory(username="editor")
    membership_grant(
        actor=None,
        user=editor,
        organisation=association,
        role=Membership.Role.EDITOR,
    )
    moderator = UserFactory(username="moderator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    stranger = UserFactory(username="stranger")
    assert kind.can_translate(editor, association)
    assert kind.can_translate(moderator, association)
    assert not kind.can_translate(stranger, association)
    assert list(kind.queue(editor)) == [association]
    assert list(kind.queue(stranger)) == []


def test_a_merge_carries_the_description_with_its_translations(association):
    moderator = UserFactory(username="moderator")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    kept = OrganisationFactory(
        name="Associacao Vale Novo", territory=None, description=""
    )
    organisation_merge(actor=moderator, source=association, target=kept)
    kept = Organisation.objects.get(pk=kept.pk)
    assert kept.original_language_id == "pt"
    assert kept.original_translation().description == PT
    assert row_status(kept, "en") == Status.REVIEWED
    assert kept.translation_for("en").description == EN


def test_the_demo_s_descriptions_are_english(db):
    from convivio.demo.plans import _organisations, _territories

    organisations = _organisations(_territories())
    assert {o.original_language_id for o in organisations.values()} == {"en"}
    schools = organisations["vn-schools"]
    assert schools.translations.get().language_id == "en"

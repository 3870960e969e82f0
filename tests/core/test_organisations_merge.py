"""Moderators merge a duplicate organisation into another: every reference
moves, in one transaction, and the merge is recorded."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied

from convivio.core.merging import reference_counts, reverse_foreign_keys
from convivio.core.models import (
    MachineTranslationBudget,
    Membership,
    Organisation,
    OrganisationMerge,
    Profile,
)
from convivio.core.services import membership_grant, organisation_merge
from convivio.core.translation import save_original
from convivio.directory.models import Location, Service
from convivio.library.models import Document, Link
from convivio.practices.facets import facets_sync
from convivio.practices.models import PracticeOrganisation
from tests.codesign.factories import make_process
from tests.community.factories import make_network
from tests.events.factories import make_event
from tests.factories import OrganisationFactory, UserFactory, make_practice
from tests.plans.factories import (
    make_indicator,
    make_node,
    make_observation,
    make_plan,
    make_responsibility,
    make_territory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(db):
    kept = OrganisationFactory(
        name="ELIAMEP — Hellenic Foundation for European and Foreign Policy",
        website="",
    )
    duplicate = OrganisationFactory(
        name="ELIAMEP", website="https://www.eliamep.gr", email="info@eliamep.gr"
    )
    return kept, duplicate


def _refer_to_everything(organisation: Organisation, kept: Organisation) -> None:
    """A record of every kind that points at organisations."""
    practice = make_practice(
        title="Welcome desk", organisations=[(organisation.pk, "implementing")]
    )
    # The same practice names both: the duplicate's row is redundant.
    make_practice(
        title="Shared project",
        organisations=[(organisation.pk, "partner"), (kept.pk, "partner")],
    )
    facets_sync(practice.pk)
    # Only the duplicate has a machine translation budget: the kept one takes it.
    MachineTranslationBudget.objects.create(
        organisation=organisation, characters_per_month=1000
    )
    town = make_territory("Vale Novo")
    plan = make_plan(town, organisation=organisation)
    measure = make_node(plan, "Evening classes")
    make_responsibility(measure, organisation)
    indicator = make_indicator(measure, "Learners", reporting_organisation=organisation)
    make_observation(indicator, "2025", 12, organisation=organisation)
    service = Service.objects.create(
        organisation=organisation, original_language_id="en"
    )
    Location.objects.create(organisation=organisation, name="Office")
    report = Document.objects.create(
        url="https://example.org/r", organisation=organisation
    )
    save_original(report, {"title": "Annual report"})
    Link.objects.create(
        url="https://example.org", title="Site", organisation=organisation
    )
    person = UserFactory()
    membership_grant(
        actor=None,
        user=person,
        organisation=organisation,
        role=Membership.Role.EDITOR,
    )
    # Also an editor of the one kept: the duplicate's membership is redundant.
    both = UserFactory()
    for target in (organisation, kept):
        membership_grant(
            actor=None, user=both, organisation=target, role=Membership.Role.EDITOR
        )
    Profile.objects.filter(user=person).update(organisation=organisation)
    organisation.languages.add("el")
    # The exchange: a network it convenes (with its history), an event it
    # organises, a co-design process it convenes.
    network = make_network(place="Vale Novo")
    network.organisation = organisation
    network.save()
    make_event(network, organisation=organisation, by=UserFactory(is_superuser=True))
    make_process(network=network, organisation=organisation)
    assert service.pk


def test_a_merge_leaves_nothing_pointing_at_the_removed_organisation(pair, moderator):
    kept, duplicate = pair
    _refer_to_everything(duplicate, kept)
    removed_id = duplicate.pk
    references = reverse_foreign_keys(Organisation)
    before = {
        f"{f.model._meta.label}.{f.name}": f.model._base_manager.filter(
            **{f.name: removed_id}
        ).count()
        for f in references
    }
    # Every kind of record that can point at an organisation does, so the
    # test would see one the merge forgot.
    missing = [
        label
        for label, count in before.items()
        if count == 0 and not label.startswith("core.OrganisationMerge")
    ]
    assert missing == []

    record = organisation_merge(actor=moderator, source=duplicate, target=kept)

    for field in references:
        assert not field.model._base_manager.filter(
            **{field.name: removed_id}
        ).exists(), field
    assert not Organisation.objects.filter(pk=removed_id).exists()
    kept.refresh_from_db()
    # What the kept one lacked comes from the duplicate.
    assert kept.website == "https://www.eliamep.gr"
    assert kept.email == "info@eliamep.gr"
    assert list(kept.languages.values_list("code", flat=True)) == ["el"]
    assert kept.practice_roles.filter(practice__translations__title="Welcome desk")
    # Its own row on the shared project was redundant and is gone, not doubled.
    assert PracticeOrganisation.objects.filter(organisation=kept).count() == 2
    assert record.removed_name == "ELIAMEP"
    assert record.merged_by == moderator
    assert record.moved["Practice organisations"] == 1
    # Its own languages are added to the kept one's, not counted as organisations.
    assert "Organisations" not in record.moved


def test_the_preview_names_an_organisations_own_languages_as_languages(pair):
    _kept, duplicate = pair
    duplicate.languages.add("el", "en")

    assert reference_counts(duplicate) == {"Languages": 2}


def test_the_address_of_a_merged_organisation_leads_to_the_one_kept(
    client, pair, moderator
):
    kept, duplicate = pair
    organisation_merge(actor=moderator, source=duplicate, target=kept)
    response = client.get(f"/en/organisations/{duplicate.slug}/")
    assert response.status_code == 301
    assert response["Location"] == kept.get_absolute_url()
    assert OrganisationMerge.objects.get().kept == kept


def test_only_moderators_merge(pair, user):
    kept, duplicate = pair
    with pytest.raises(PermissionDenied):
        organisation_merge(actor=user, source=duplicate, target=kept)
    assert Organisation.objects.filter(pk=duplicate.pk).exists()


def test_a_merge_that_fails_changes_nothing(pair, moderator, monkeypatch):
    kept, duplicate = pair
    practice = make_practice(organisations=[(duplicate.pk, "implementing")])

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("convivio.practices.services.practice_index", broken)
    with pytest.raises(RuntimeError):
        organisation_merge(actor=moderator, source=duplicate, target=kept)
    assert Organisation.objects.filter(pk=duplicate.pk).exists()
    assert practice.organisation_roles.get().organisation_id == duplicate.pk
    assert not OrganisationMerge.objects.exists()


def test_moderator_merges_from_the_review_page(client, pair, moderator):
    kept, duplicate = pair
    make_practice(organisations=[(duplicate.pk, "implementing")])
    client.force_login(moderator)

    review = BeautifulSoup(client.get("/en/organisations/review/").text, "html.parser")
    links = [
        a["href"] for a in review.select("a") if "/en/organisations/merge/" in a["href"]
    ]
    wanted = f"/en/organisations/merge/?source={duplicate.pk}&target={kept.pk}"
    assert wanted in links

    preview = client.get(wanted)
    page = BeautifulSoup(preview.text, "html.parser")
    items = [li.get_text(" ", strip=True) for li in page.select(".merge-preview li")]
    assert "Practice organisations: 1" in items

    response = client.post(
        "/en/organisations/merge/",
        {"source": duplicate.pk, "target": kept.pk, "confirm": "1"},
    )
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=duplicate.pk).exists()
    assert kept.practice_roles.count() == 1


def test_members_cannot_open_the_merge_page(client, user):
    client.force_login(user)
    assert client.get("/en/organisations/merge/").status_code == 403
    assert client.get("/en/organisations/review/").status_code == 403


def test_review_page_queries_are_bounded(
    client, moderator, user, django_assert_max_num_queries
):
    from convivio.core.services import organisation_propose

    for n in range(10):
        OrganisationFactory(name=f"Centre for Peace Studies {n} (CPS{n})")
        OrganisationFactory(name=f"CPS{n}")
        organisation_propose(actor=user, name=f"Proposal number {n}")
    client.force_login(moderator)
    with django_assert_max_num_queries(12):
        response = client.get("/en/organisations/review/")
    page = BeautifulSoup(response.text, "html.parser")
    alike = page.select("section[aria-labelledby=duplicates-title] .review-list > li")
    assert len(alike) == 10


def test_the_admin_merge_action_leads_to_the_merge_page(client, admin_user, pair):
    kept, duplicate = pair
    client.force_login(admin_user)
    response = client.post(
        "/en/admin/core/organisation/",
        {"action": "merge", "_selected_action": [kept.pk, duplicate.pk]},
    )
    assert response.status_code == 302
    assert response["Location"] == (
        f"/en/organisations/merge/?source={duplicate.pk}&target={kept.pk}"
    )

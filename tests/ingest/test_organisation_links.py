"""Organisations matched across documents (an acronym in brackets, kind words in
other languages), and a measure's responsible bodies linked to them: on accepting
a plan draft, and as links on the measure's page."""

# ruff: noqa: F811 - fixtures imported from test_services

from __future__ import annotations

import pytest
from django.urls import reverse

from convivio.core.models import Organisation
from convivio.core.organisation_names import OrganisationIndex
from convivio.ingest import pipeline, selectors, services
from convivio.plans.models import Plan, PlanNode

from ..factories import OrganisationFactory
from .test_services import (  # noqa: F401 - fixtures
    PLAN_TEXT,
    fake_plan_result,
    ingest,
    valdoria,
)

# ------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    ("stored", "read"),
    [
        # An acronym in brackets is a name of its own, both ways round.
        ("Servicio Municipal de Acogida (SMA)", "SMA"),
        ("SMA", "Servicio Municipal de Acogida (SMA)"),
        ("Servicio Municipal de Acogida (SMA)", "Servicio Municipal de Acogida"),
        ("Servicio Municipal de Acogida (SMA)", "SMA (Servicio Municipal de Acogida)"),
        # The kind word is the same word in every language.
        ("Asociación Rumiñahui", "Association Rumiñahui"),
        ("Asociación Rumiñahui", "Associazione Rumiñahui"),
        ("Associazione Rumiñahui", "ASOCIACION RUMIÑAHUI"),
        ("Association Rumiñahui", "Associação Rumiñahui"),
    ],
)
def test_a_name_means_the_same_organisation(stored, read):
    index = OrganisationIndex([(1, stored), (2, "Asociación Puentes del Sur")])
    assert index.best(read) == 1


@pytest.mark.parametrize(
    "read",
    [
        "Asociación Puentes del Norte",  # another association
        "Servicio Municipal de Empleo",  # another municipal service
        "Fundación Rumiñahui",  # another kind of body with the same word
        "",
    ],
)
def test_other_names_do_not_match(read):
    index = OrganisationIndex(
        [(1, "Servicio Municipal de Acogida (SMA)"), (2, "Asociación Rumiñahui")]
    )
    assert index.best(read) is None


def test_an_acronym_two_organisations_share_is_not_guessed():
    index = OrganisationIndex(
        [(1, "Servicio Municipal de Acogida (SMA)"), (2, "Sociedad Musical (SMA)")]
    )
    assert set(index.find("SMA")) == {1, 2}
    assert index.best("SMA") is None


def test_the_review_page_matching_reads_the_platform_s_organisations(db):
    sma = OrganisationFactory(name="Servicio Municipal de Acogida (SMA)")
    association = OrganisationFactory(name="Asociación Rumiñahui")
    matching = selectors.Matching()
    assert matching.organisation_ids("SMA") == [sma.pk]
    assert matching.organisation("Associazione Rumiñahui") == association
    assert matching.organisation("Association Rumiñahui") == association


# ------------------------------------------------- responsible bodies as links

RESPONSIBLE = ["SMA", "Associazione Rumiñahui", "Ufficio Sconosciuto", "Casa Proposta"]


def plan_with_bodies(text: str, **kwargs):
    result = fake_plan_result(text, **kwargs)
    for node in result.plans[0].nodes:
        if node.code == "1.1.1":
            node.responsible = list(RESPONSIBLE)
    return result


@pytest.fixture
def bodies(db):
    return {
        "sma": OrganisationFactory(name="Servicio Municipal de Acogida (SMA)"),
        "association": OrganisationFactory(name="Asociación Rumiñahui"),
        # Proposed by a member, not approved: its page is not public.
        "proposed": OrganisationFactory(
            name="Casa Proposta", status=Organisation.Status.PROPOSED
        ),
    }


@pytest.fixture
def accepted_plan(
    user, valdoria, bodies, monkeypatch, django_capture_on_commit_callbacks
) -> Plan:
    monkeypatch.setattr(pipeline, "run", plan_with_bodies)
    job = ingest(user, PLAN_TEXT, capture=django_capture_on_commit_callbacks)
    return services.draft_accept(user=user, draft=job.drafts.get())


def test_accepting_a_plan_links_the_responsible_bodies_that_match(
    accepted_plan, bodies
):
    measure = accepted_plan.nodes.get(code="1.1.1")
    assert set(measure.organisations.all()) == {
        bodies["sma"],
        bodies["association"],
        bodies["proposed"],
    }
    # A body that matches nothing stays in the measure's text, as written.
    assert "Responsible: Ufficio Sconosciuto" in measure.translation_for().text
    assert not Organisation.objects.filter(name="Ufficio Sconosciuto").exists()


def _links(html: str) -> set[str]:
    return {part.split('"')[0] for part in html.split('href="')[1:]}


def test_the_measure_page_links_each_matched_body_to_its_organisation(
    client, user, stranger, accepted_plan, bodies
):
    measure = accepted_plan.nodes.get(code="1.1.1")
    url = reverse("plans:measure", args=[accepted_plan.pk, measure.pk])
    approved = [bodies["sma"], bodies["association"]]
    # Who added the document sees the draft plan, with the links, which open.
    client.force_login(user)
    html = client.get(url).content.decode()
    for organisation in approved:
        assert organisation.get_absolute_url() in _links(html)
        assert client.get(organisation.get_absolute_url()).status_code == 200
    # A proposed organisation is named without a link (its page is not public).
    assert "Casa Proposta" in html
    assert bodies["proposed"].get_absolute_url() not in _links(html)
    # The plan's page shows the same links.
    plan_page = client.get(reverse("plans:detail", args=[accepted_plan.pk]))
    assert bodies["sma"].get_absolute_url() in _links(plan_page.content.decode())
    # Others see the measure once the plan is public, and the links open for them.
    client.logout()
    assert client.get(url).status_code == 404
    Plan.objects.filter(pk=accepted_plan.pk).update(status=Plan.Status.ADOPTED)
    for reader in (None, stranger):
        if reader is not None:
            client.force_login(reader)
        html = client.get(url).content.decode()
        for organisation in approved:
            assert organisation.get_absolute_url() in _links(html)
            assert client.get(organisation.get_absolute_url()).status_code == 200
        assert bodies["proposed"].get_absolute_url() not in _links(html)
        assert client.get(bodies["proposed"].get_absolute_url()).status_code == 404
    assert measure.kind == PlanNode.Kind.MEASURE

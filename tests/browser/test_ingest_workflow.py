"""Ingestion in the browser, JavaScript on.

A territory officer uploads a Spanish municipal plan (a .docx written here), sees
the job done and why it was read as a plan, follows a field of the draft to its
highlighted span in the source text, picks the territory and accepts the plan,
whose page then shows the measures with their codes; the same file again makes
nothing new.  A member uploads a booklet of two practices and accepts them all;
the library finds the booklet by a word of its text.  A binary called .pdf gets a
plain sentence, not an error page, and leaves nothing half-made.

The test settings run django.tasks with the ImmediateBackend: the job reads the
file while the upload request is answered, so its page is already done.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Locator, Page, expect

from convivio.core.services import territory_team_grant
from convivio.ingest.models import Draft, IngestJob
from convivio.library.models import Document
from convivio.plans.models import Plan, PlanNode
from convivio.practices.models import Practice
from tests.factories import UserFactory
from tests.plans.factories import make_territory

from .helpers import field

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct-horse-battery"  # what UserFactory gives everybody
MUNICIPALITY = "Villarosal"
PLAN_TITLE = "PLAN MUNICIPAL DE CONVIVENCIA DE VILLAROSAL 2025-2028"
PLAN_PARAGRAPHS = [
    PLAN_TITLE,
    "El Ayuntamiento de Villarosal presenta este plan, elaborado con las "
    "asociaciones vecinales del municipio.",
    "Eje 1",
    "Acogida y orientación",
    "Objetivo 1.1",
    "Mejorar la primera acogida de las personas recién llegadas.",
    "Medida 1.1.1.",
    "Abrir una oficina municipal de acogida con atención en árabe y francés.",
    "Responsable: Concejalía de Bienestar Social",
    "Plazo: 2025-2026",
    "Indicadores cuantitativos",
    "- Número de personas atendidas en la oficina, desagregado por sexo y edad.",
    "Medida 1.1.2.",
    "Publicar una guía de recursos locales en cinco idiomas.",
    "Eje 2",
    "Empleo y formación",
    "Objetivo 2.1",
    "Facilitar el acceso al empleo local.",
    "Medida 2.1.1.",
    "Organizar itinerarios de inserción laboral con las empresas de la comarca.",
    "Medida 2.1.2.",
    "Acompañar el reconocimiento de títulos obtenidos en el extranjero.",
]
MEASURES = {
    "1.1.1": "Abrir una oficina municipal de acogida con atención en árabe y francés",
    "1.1.2": "Publicar una guía de recursos locales en cinco idiomas",
    "2.1.1": (
        "Organizar itinerarios de inserción laboral con las empresas de la comarca"
    ),
    "2.1.2": "Acompañar el reconocimiento de títulos obtenidos en el extranjero",
}

BOOKLET = """Good practices of welcome in Southern Europe

PRACTICE 1 - ITALY
Tandem language cafés
Associazione Ponti Aperti | Bologna
2019-2022
Weekly conversation evenings where newcomers and long-time residents practise \
Italian together.
Beneficiaries: about 450 adult learners.
More: https://pontiaperti.example.org/tandem

PRACTICE 2 - PORTUGAL
Neighbourhood mentors for newcomer families
Associação Vizinhos Unidos | Porto
2020-2023
Volunteer mentors help newly arrived families with schools, health centres and \
housing.
Beneficiaries: 120 families.
More: https://vizinhosunidos.example.org/mentores
"""


def plan_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading(PLAN_PARAGRAPHS[0], level=1)
    for text in PLAN_PARAGRAPHS[1:]:
        document.add_paragraph(text)
    document.save(path)
    return path


def upload(page: Page, base: str, path: Path) -> None:
    """Choose `path` in the upload form's file input and send it."""
    page.goto(f"{base}/en/library/ingest/")
    expect(page.locator("main h1")).to_have_text("Add documents")
    # ingest.js shows the drop zone and lists the chosen file.
    expect(page.get_by_text("Drop files here, or choose them.")).to_be_visible()
    field(page, "Files").set_input_files(path)
    expect(page.locator("[data-dropzone-list]")).to_contain_text(path.name)
    page.get_by_role("button", name="Read the documents").click()


def targeted_mark(source: Locator) -> Locator:
    """The mark the address's fragment points at: the target itself, or the mark
    right after it when several spans start at the same place (the others then
    get an empty anchor just before the mark)."""
    return source.locator("mark:target, :target:not(mark) + mark")


def job_page_done(page: Page, genre: str) -> None:
    expect(page).to_have_url(re.compile(r"/library/ingest/\d+/$"))
    status = page.locator("#job-status")
    expect(status.locator(".job-status").first).to_have_text("done")
    kind = status.locator("dl.facts dt", has_text="Kind of document").locator("+ dd")
    expect(kind).to_contain_text(genre)


@pytest.fixture
def officer(reference_data):
    territory = make_territory(MUNICIPALITY, country="ES")
    user = UserFactory(username="officer")
    territory_team_grant(actor=None, user=user, territory=territory)
    return user


def test_officer_uploads_a_plan_reviews_it_and_accepts_it(
    live_server, officer, new_page, sign_in, tmp_path
):
    base = live_server.url
    path = plan_docx(tmp_path / "plan-convivencia-villarosal.docx")
    page = new_page()
    sign_in(page, "officer", PASSWORD)

    upload(page, base, path)
    job_page_done(page, "plan")
    evidence = page.locator("#job-status ul.evidence").first
    expect(evidence).to_contain_text("Medida 1.1.1")
    expect(evidence).to_contain_text("Eje 1")
    expect(page.locator("#job-status")).to_contain_text("1 in all: 1 waiting")
    job = IngestJob.objects.get()
    assert job.status == IngestJob.Status.DONE and job.language == "es"

    page.get_by_role("link", name="Review the drafts").click()
    expect(page.locator("main h1")).to_have_text("Review the drafts")
    source = page.get_by_role("region", name="Source text")
    expect(source.locator("mark").first).to_be_visible()
    assert source.locator("mark").count() >= 5  # title, codes and titles, indicator

    draft = Draft.objects.get(kind=Draft.Kind.PLAN)
    card = page.locator(f"#draft-{draft.pk}")
    expect(card.get_by_role("heading", level=3)).to_have_text(PLAN_TITLE)

    # The title's value links to its span: the mark becomes the target, in view.
    card.locator("dl.draft-fields").get_by_role("link", name=PLAN_TITLE).click()
    expect(page).to_have_url(re.compile(rf"#d{draft.pk}-title$"))
    expect(source.locator(":target")).to_have_id(f"d{draft.pk}-title")
    expect(targeted_mark(source)).to_have_text(PLAN_TITLE)
    expect(targeted_mark(source)).to_be_in_viewport()

    # So does a measure's code in the folded tree of the plan.
    card.get_by_text("8 parts of the plan").click()
    card.locator("ol.tree").get_by_role("link", name="2.1.2", exact=True).click()
    expect(targeted_mark(source)).to_contain_text("2.1.2")
    expect(targeted_mark(source)).to_be_in_viewport()
    indicators = card.locator("details.draft-indicators")
    indicators.locator("summary").click()
    expect(indicators).to_contain_text("sex, age")

    # The territory was found already (shown with what it is part of); accept.
    form = card.locator("form.draft-form")
    territory = form.get_by_label("Territory")
    expect(territory).to_have_value(f"{MUNICIPALITY} (Spain)")
    expect(form.get_by_label("First year")).to_have_value("2025")
    expect(form.get_by_label("Last year")).to_have_value("2028")
    form.get_by_role("button", name="Accept", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(f"Accepted: {PLAN_TITLE}.")
    expect(page).to_have_url(re.compile(rf"/review/#draft-{draft.pk}$"))
    plan = Plan.objects.get()
    assert plan.territory.name == MUNICIPALITY
    assert (plan.start_year, plan.end_year) == (2025, 2028)
    assert plan.nodes.filter(kind=PlanNode.Kind.MEASURE).count() == 4

    # The plan's page shows the measures with their codes.
    page.locator(f"#draft-{draft.pk}").get_by_role(
        "link", name="Open the record made from this draft"
    ).click()
    expect(page).to_have_url(f"{base}/en/plans/{plan.pk}/")
    measures = page.locator(".plan-tree .node.kind-measure h3")
    expect(measures).to_have_count(4)
    for code, title in MEASURES.items():
        expect(measures.filter(has_text=title).locator(".node-number")).to_have_text(
            code
        )
    expect(page.locator(".plan-tree")).to_contain_text("Número de personas atendidas")

    # The same file again: said so, and nothing new is made.
    upload(page, base, path)
    expect(page).to_have_url(f"{base}/en/library/ingest/{job.pk}/")
    expect(page.locator(".messages")).to_contain_text(
        f"{path.name} was already ingested: here is what was made of it."
    )
    expect(page.locator("#job-status")).to_contain_text("1 accepted")
    assert Plan.objects.count() == 1
    assert Document.objects.count() == 1
    assert IngestJob.objects.count() == 1


def test_member_accepts_all_practices_of_a_booklet_and_finds_it(
    live_server, reference_data, new_page, sign_in, tmp_path
):
    base = live_server.url
    UserFactory(username="member")
    path = tmp_path / "welcome-booklet.txt"
    path.write_text(BOOKLET, encoding="utf-8")
    page = new_page()
    sign_in(page, "member", PASSWORD)

    upload(page, base, path)
    job_page_done(page, "practice")
    expect(page.locator("#job-status ul.evidence").first).to_contain_text(
        "PRACTICE 1 - ITALY"
    )
    page.get_by_role("link", name="Review the drafts").click()
    cards = page.locator("article.draft")
    expect(cards).to_have_count(2)
    expect(cards.nth(0).get_by_label(re.compile(r"^Country"))).to_have_value("IT")
    expect(cards.nth(1).get_by_label(re.compile(r"^Country"))).to_have_value("PT")

    page.get_by_role("button", name="Accept all").click()
    expect(page.locator(".messages")).to_contain_text("Every draft was accepted.")
    made = page.get_by_role("link", name="Open the record made from this draft")
    expect(made).to_have_count(2)
    expect(page.get_by_role("button", name="Accept all")).to_have_count(0)

    found = {
        p.original_translation().title: (p.status, p.country.iso_code)
        for p in Practice.objects.select_related("country")
    }
    assert found == {
        "Tandem language cafés": (Practice.Status.DRAFT, "IT"),
        "Neighbourhood mentors for newcomer families": (Practice.Status.DRAFT, "PT"),
    }

    # The library's search finds the booklet by a word of its text.
    page.goto(f"{base}/en/library/")
    box = page.get_by_label("Search the library")
    box.fill("mentors")
    box.press("Enter")
    expect(page.locator(".result-count")).to_contain_text("for “mentors”")
    expect(
        page.locator(".results").get_by_role("link", name="welcome-booklet")
    ).to_be_visible()
    page.locator(".results").get_by_role("link", name="welcome-booklet").click()
    expect(page).to_have_url(re.compile(r"/library/\d+/$"))


def test_a_binary_called_pdf_gets_a_plain_message(
    live_server, reference_data, new_page, sign_in, tmp_path
):
    base = live_server.url
    UserFactory(username="member")
    path = tmp_path / "annual-report.pdf"
    path.write_bytes(bytes(range(256)) * 40)
    page = new_page()
    sign_in(page, "member", PASSWORD)

    page.goto(f"{base}/en/library/ingest/")
    field(page, "Files").set_input_files(path)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Read the documents").click()
    assert navigation.value.status < 500
    expect(page.locator(".message.error")).to_contain_text(
        "“annual-report.pdf” is called .pdf but is not a PDF file."
    )
    # Refused before anything is kept: no document, no job, no drafts.
    assert not Document.objects.exists()
    assert not IngestJob.objects.exists() and not Draft.objects.exists()
    assert not Plan.objects.exists() and not Practice.objects.exists()

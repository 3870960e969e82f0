"""Plans in the browser, JavaScript on.

A territory officer builds a plan from the PMII template, adds a measure with a
disaggregated indicator and assigns the entity responsible; a reporter of that
entity submits a value (after the grid refuses a total the cells do not make);
the officer validates it; the public dashboard and the PDF reports show it.
Then the editor's undo, and the plan pages at a phone's width (screenshots).
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

from convivio.core.models import Membership
from convivio.core.services import membership_grant, territory_team_grant
from convivio.plans.models import Observation, Plan, PlanNode
from tests.factories import OrganisationFactory, UserFactory
from tests.plans.factories import (
    make_indicator,
    make_node,
    make_observation,
    make_plan,
    make_responsibility,
    make_territory,
)

from .helpers import DESKTOP, PHONE, field, htmx_settled
from .test_screenshots import assert_fits_width, shoot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "correct-horse-battery"  # what UserFactory gives everybody
PLAN_TITLE = "Plano municipal de integração de migrantes de Vale Verde"
ENTITY = "Casa das Línguas"
OBJECTIVE = "More adults learn Portuguese"
MEASURE = "Evening Portuguese classes in the parish halls"
INDICATOR = "Adults enrolled in the evening classes"


@pytest.fixture
def people(reference_data) -> SimpleNamespace:
    """A municipality of Portugal with its team, an entity and its reporter."""
    territory = make_territory("Vale Verde")
    officer = UserFactory(username="officer")
    territory_team_grant(actor=None, user=officer, territory=territory)
    entity = OrganisationFactory(name=ENTITY, slug="casa-das-linguas")
    reporter = UserFactory(username="reporter")
    membership_grant(
        actor=None, user=reporter, organisation=entity, role=Membership.Role.REPORTER
    )
    return SimpleNamespace(
        territory=territory, officer=officer, entity=entity, reporter=reporter
    )


def sign_out(page: Page) -> None:
    page.locator(".site-header summary").click()
    page.get_by_role("button", name="Sign out").click()
    expect(
        page.get_by_role("banner").get_by_role("link", name="Sign in")
    ).to_be_visible()


def editor_row(page: Page, title: str) -> Locator:
    """The editor's row of the part of the plan titled `title`."""
    return page.locator("#editor li.editor-row").filter(
        has=page.locator(".row-title", has_text=title)
    )


def row_form(page: Page, row: Locator, heading: str) -> Locator:
    """One of the small forms folded under "Add or assign…" in a row."""
    if not row.locator("details.row-more").evaluate("el => el.open"):
        row.get_by_text("Add or assign…").click()
    return row.locator("form").filter(has=page.get_by_text(heading, exact=True))


def add_inside(page: Page, parent: str, kind: str, code: str, title: str) -> None:
    form = row_form(page, editor_row(page, parent), "Add inside")
    form.get_by_label("Kind").select_option(label=kind)
    form.get_by_label("Code").fill(code)
    form.get_by_label("Title").fill(title)
    with htmx_settled(page):
        form.get_by_role("button", name="Add").click()
    expect(editor_row(page, title)).to_contain_text(code)


def pdf_text(path: str | Path) -> str:
    """The PDF's text with its line breaks and runs of spaces made single spaces."""
    reader = PdfReader(path)
    return " ".join(
        " ".join(page.extract_text() or "" for page in reader.pages).split()
    )


def download(page: Page, link: Locator) -> str:
    with page.expect_download() as info:
        link.click()
    return pdf_text(info.value.path())


def test_officer_builds_reporter_submits_officer_validates_public_sees(
    live_server, people, new_page, sign_in
):
    base = live_server.url

    # The officer creates a plan from the thirteen areas of the PMII template.
    officer = new_page()
    sign_in(officer, "officer", PASSWORD)
    officer.get_by_role("banner").get_by_role("link", name="Plans").click()
    officer.get_by_role("link", name="New plan").click()
    expect(officer.locator("main h1")).to_have_text("New plan")
    field(officer, "Title").fill(PLAN_TITLE)
    officer.get_by_role("radio", name="Portuguese municipal plan (13 areas)").check()
    # The territory is typed (capitals and accents do not matter) or picked.
    field(officer, "Territory").fill("vale verde")
    field(officer, "First year").fill("2024")
    field(officer, "Last year").fill("2026")
    officer.get_by_role("button", name="Create the plan").click()
    expect(officer.locator(".messages")).to_contain_text(
        "Your plan was created as a draft."
    )
    expect(officer).to_have_url(re.compile(r"/plans/\d+/edit/$"))
    plan = Plan.objects.get(translations__title=PLAN_TITLE)
    expect(officer.locator("#editor li.editor-row.kind-area")).to_have_count(13)

    # Under area 4 an objective, under it a measure (inline, through HTMX).
    add_inside(
        officer, "Education and language", "specific objective", "4.1", OBJECTIVE
    )
    add_inside(officer, OBJECTIVE, "measure or action", "4.1.1", MEASURE)

    # The entity leads the measure.
    measure = editor_row(officer, MEASURE)
    form = row_form(officer, measure, "Responsible entity")
    form.get_by_label("Entity").fill(ENTITY)
    form.get_by_label("Role").select_option(label="lead")
    with htmx_settled(officer):
        form.get_by_role("button", name="Assign").click()
    expect(measure.locator(".measure-facts")).to_contain_text(f"{ENTITY} (lead)")

    # A yearly indicator of people, by sex.
    row_form(officer, measure, "Responsible entity")  # unfolds the row again
    measure.get_by_role("link", name="Add an indicator").click()
    expect(officer.locator("main h1")).to_have_text("New indicator")
    field(officer, "Name").fill(INDICATOR)
    field(officer, "Unit").fill("people")
    field(officer, "Baseline").fill("10")
    field(officer, "Target").fill("40")
    field(officer, "Reporting frequency").select_option(label="yearly")
    officer.get_by_role("checkbox", name="Sex", exact=True).check()
    officer.get_by_role("button", name="Save the indicator").click()
    expect(officer.locator(".messages")).to_contain_text("The indicator was added.")
    indicators = editor_row(officer, MEASURE).get_by_role("table")
    expect(indicators).to_contain_text(INDICATOR)
    expect(indicators).to_contain_text("Sex")
    # Its "edit" link opens the indicator's own page (not inside the editor).
    indicators.get_by_role("link", name="edit").click()
    expect(officer).to_have_url(re.compile(r"/plans/\d+/indicators/\d+/edit/$"))
    expect(officer.locator("main h1")).to_have_text("Edit indicator")
    expect(officer.locator("#editor")).to_have_count(0)
    officer.get_by_role("link", name="Back to the editor").click()

    # Adopted, then monitored: reporters report the plans being monitored.
    for status in ("adopted", "monitoring"):
        with htmx_settled(officer):
            officer.get_by_role("button", name=f"Mark as {status}").click()
        expect(officer.locator("#editor")).to_contain_text(f"The plan is now {status}.")
    expect(officer.locator(".editor-meta")).to_contain_text("Status: monitoring")
    plan.refresh_from_db()
    assert plan.status == Plan.Status.MONITORING
    sign_out(officer)

    # The reporter opens 2025 among the indicators to report.
    reporter = new_page()
    sign_in(reporter, "reporter", PASSWORD)
    reporter.goto(f"{base}/en/plans/report/")
    group = reporter.get_by_role("region", name=re.compile(re.escape(PLAN_TITLE)))
    item = group.get_by_role("listitem").filter(has_text=INDICATOR)
    expect(item).to_contain_text(MEASURE)
    item.get_by_role("link", name="2025 missing").click()
    expect(reporter.locator("main h1")).to_have_text(INDICATOR)
    expect(reporter.locator(".period-state")).to_contain_text("missing")

    # Cells that do not make the total: a clear message and nothing saved.
    grid = reporter.locator("table.report-grid")
    grid.get_by_label("Women", exact=True).fill("7")
    grid.get_by_label("Men", exact=True).fill("5")
    grid.get_by_label("Other or not stated", exact=True).fill("0")
    field(reporter, "Total").fill("13")
    reporter.get_by_role("button", name="Submit the value").click()
    expect(reporter.locator(".grid-errors")).to_have_text(
        "The cells add up to 12 but the total is 13 — "
        "correct them or tick “not all cells known”."
    )
    expect(reporter.locator(".period-state")).to_contain_text(
        "No value has been entered for this period yet."
    )
    assert not Observation.objects.filter(indicator__plan=plan).exists()
    # What was typed is kept, to be corrected.
    expect(grid.get_by_label("Women", exact=True)).to_have_value("7")

    field(reporter, "Total").fill("12")
    reporter.get_by_role("button", name="Submit the value").click()
    expect(reporter.locator(".messages")).to_contain_text(
        "The value for 2025 was saved and sent to the territory team."
    )
    expect(reporter.locator(".period-state")).to_contain_text("submitted")
    expect(field(reporter, "Total")).to_have_value("12")
    observation = Observation.objects.get(indicator__plan=plan, period="2025")
    assert observation.value == 12
    assert {c.cell: c.value for c in observation.cells.all()} == {
        "sex=F": 7,
        "sex=M": 5,
        "sex=X": 0,
    }
    sign_out(reporter)

    # The officer validates it in the plan's monitoring page.
    sign_in(officer, "officer", PASSWORD)
    officer.goto(f"{base}/en/plans/{plan.pk}/")
    officer.get_by_role("navigation", name="Plan pages").get_by_role(
        "link", name="Monitoring"
    ).click()
    queued = officer.locator("#queue article").filter(has_text=INDICATOR)
    expect(queued).to_contain_text("2025")
    expect(queued.locator(".queue-value")).to_contain_text("12")
    expect(queued.locator(".queue-cells")).to_contain_text("Women: 7")
    expect(queued.locator(".queue-cells")).to_contain_text("Men: 5")
    with htmx_settled(officer):
        queued.get_by_role("button", name="Validate").click()
    expect(officer.locator("#queue")).to_contain_text("2025 validated.")
    observation.refresh_from_db()
    assert observation.status == Observation.Status.VALIDATED
    sign_out(officer)

    # Signed out, the public dashboard shows the value and its breakdown (and
    # no tab to the team's monitoring page).
    officer.goto(f"{base}/en/plans/{plan.pk}/dashboard/")
    tabs = officer.get_by_role("navigation", name="Plan pages")
    expect(tabs.get_by_role("link", name="Dashboard")).to_be_visible()
    expect(tabs.get_by_role("link", name="Monitoring")).to_have_count(0)
    card = officer.locator("article.indicator").filter(
        has=officer.get_by_role("heading", name=INDICATOR)
    )
    expect(card.locator(".latest")).to_contain_text("Latest (2025): 12")
    by_sex = card.get_by_role("table", name="By Sex, 2025")
    expect(by_sex.get_by_role("row", name="Women 7", exact=True)).to_be_visible()
    expect(by_sex.get_by_role("row", name="Men 5", exact=True)).to_be_visible()

    # The plan document and the 2025 monitoring report download as PDFs that
    # name the indicator and give its value.
    # ("… (people) 10 40 12 (2025)": baseline, target, latest.)
    text = download(officer, officer.get_by_role("link", name="plan (PDF)"))
    assert PLAN_TITLE in text
    assert re.search(rf"{re.escape(INDICATOR)}\b.{{0,40}}\b12 \(2025\)", text), text
    # ("… Period Value … 2025 12 10 40 …", then the breakdown by sex.)
    text = download(officer, officer.get_by_role("link", name="2025 (PDF)"))
    assert re.search(rf"{re.escape(INDICATOR)}\b.{{0,200}}\b2025 12\b", text), text
    assert "Women 7 Men 5" in text, text


def test_editor_undo_brings_back_the_title(live_server, people, new_page, sign_in):
    plan = make_plan(people.territory, status=Plan.Status.DRAFT, title=PLAN_TITLE)
    area = make_node(plan, "Education and language", kind=PlanNode.Kind.AREA, code="4")
    make_node(plan, MEASURE, parent=area, code="4.1")

    page = new_page()
    sign_in(page, "officer", PASSWORD)
    page.goto(f"{live_server.url}/en/plans/{plan.pk}/edit/")
    expect(page.locator(".undo-bar")).to_contain_text("Nothing to undo.")

    # "Edit" swaps the row for its form in place; saving swaps the editor back.
    row = editor_row(page, MEASURE)
    with htmx_settled(page):
        row.get_by_role("link", name="Edit").click()
    form = page.locator("form.node-form")
    title = form.get_by_label(re.compile(r"^Title\W*$"))
    expect(title).to_have_value(MEASURE)
    assert page.url.endswith(f"/en/plans/{plan.pk}/edit/")  # still the editor
    title.fill("Weekend Portuguese classes")
    with htmx_settled(page):
        form.get_by_role("button", name="Save").click()
    expect(form).to_have_count(0)
    expect(editor_row(page, "Weekend Portuguese classes")).to_contain_text("4.1")
    expect(editor_row(page, MEASURE)).to_have_count(0)

    # Undo puts the old title back.
    with htmx_settled(page):
        page.get_by_role("button", name=re.compile(r"^Undo: ")).click()
    expect(page.locator("#editor")).to_contain_text("Undone:")
    expect(editor_row(page, MEASURE)).to_contain_text("4.1")
    expect(editor_row(page, "Weekend Portuguese classes")).to_have_count(0)
    page.reload()
    expect(editor_row(page, MEASURE)).to_have_count(1)


def test_editor_asks_before_deleting_an_area_with_measures(
    live_server, people, new_page, sign_in
):
    plan = make_plan(people.territory, status=Plan.Status.DRAFT, title=PLAN_TITLE)
    area = make_node(plan, "Education and language", kind=PlanNode.Kind.AREA, code="4")
    make_node(plan, MEASURE, parent=area, code="4.1")
    make_node(plan, "Childcare during the classes", parent=area, code="4.2")

    page = new_page()
    sign_in(page, "officer", PASSWORD)
    page.goto(f"{live_server.url}/en/plans/{plan.pk}/edit/")
    delete = page.get_by_role(
        "button", name="Delete 4 Education and language and the 2 items under it"
    )

    # Dismissing the question deletes nothing.
    questions: list[str] = []
    page.once("dialog", lambda d: (questions.append(d.message), d.dismiss()))
    delete.click()
    expect(editor_row(page, MEASURE)).to_have_count(1)
    assert questions == ["Delete 4 Education and language and the 2 items under it?"]

    # Accepting it deletes the area with its two measures; Undo is offered.
    page.once("dialog", lambda d: d.accept())
    with htmx_settled(page):
        delete.click()
    expect(editor_row(page, "Education and language")).to_have_count(0)
    expect(editor_row(page, MEASURE)).to_have_count(0)
    expect(
        page.get_by_role("button", name=re.compile(r"^Undo: Deleted 4 "))
    ).to_be_visible()
    assert PlanNode.objects.filter(plan=plan, deleted_at__isnull=True).count() == 0


def monitored_plan(people) -> tuple[Plan, int]:
    """A plan with two areas, measures with their facts, and an indicator by
    sex and age band with two validated years; returns it and the indicator's id."""
    plan = make_plan(people.territory, title=PLAN_TITLE)
    housing = make_node(plan, "Urbanism and housing", kind=PlanNode.Kind.AREA, code="2")
    make_node(
        plan,
        "Mediation between landlords and newly arrived families looking for a home",
        parent=housing,
        code="2.1",
        needs_financing=True,
        financing_rank=1,
        duration_note="up to two years",
    )
    area = make_node(plan, "Education and language", kind=PlanNode.Kind.AREA, code="4")
    objective = make_node(
        plan, OBJECTIVE, kind=PlanNode.Kind.OBJECTIVE, parent=area, code="4.1"
    )
    measure = make_node(
        plan,
        MEASURE,
        parent=objective,
        code="4.1.1",
        priority=1,
        status=PlanNode.Status.IN_PROGRESS,
        progress=40,
        budget_amount=18500,
        budget_currency="EUR",
        funding_source="Asylum, Migration and Integration Fund",
        start_date="2024-01-01",
        end_date="2026-12-31",
    )
    make_responsibility(measure, people.entity)
    indicator = make_indicator(
        measure,
        INDICATOR,
        dimensions={"sex": ["F", "M"], "age": ["18-24", "25-34", "35-44"]},
        baseline_value=10,
        target_value=40,
    )
    for year, scale in (("2024", 1), ("2025", 2)):
        cells = {
            (("age", age), ("sex", sex)): n * scale
            for (age, sex), n in {
                ("18-24", "F"): 3,
                ("18-24", "M"): 2,
                ("25-34", "F"): 6,
                ("25-34", "M"): 4,
                ("35-44", "F"): 5,
                ("35-44", "M"): 1,
            }.items()
        }
        make_observation(
            indicator,
            year,
            sum(cells.values()),
            cells=cells,
            organisation=people.entity,
        )
    return plan, indicator.pk


def test_plan_pages_fit_a_phone_screenshots(
    live_server, people, new_page, sign_in, screenshots
):
    plan, indicator_pk = monitored_plan(people)
    base = live_server.url
    pages = {
        "plan": (f"{base}/en/plans/{plan.pk}/", "officer"),
        "plan-editor": (f"{base}/en/plans/{plan.pk}/edit/", "officer"),
        "plan-report-grid": (
            f"{base}/en/plans/indicators/{indicator_pk}/report/2026/",
            "reporter",
        ),
        "plan-dashboard": (f"{base}/en/plans/{plan.pk}/dashboard/", None),
    }
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        visitors = {None: new_page(viewport=viewport)}
        for username in ("officer", "reporter"):
            visitors[username] = new_page(viewport=viewport)
            sign_in(visitors[username], username, PASSWORD)
        for name, (url, who) in pages.items():
            page = visitors[who]
            page.goto(url)
            expect(page.locator("main h1")).to_be_visible()
            if name == "plan-report-grid":
                expect(page.locator("table.report-grid")).to_be_visible()
            if name == "plan-editor":
                # One row unfolded, so that its forms are measured and seen too.
                row_form(page, editor_row(page, MEASURE), "Responsible entity")
            if viewport is PHONE:
                assert_fits_width(page)
            page.evaluate("window.scrollTo(0, 0)")  # the undo bar is sticky
            shoot(page, screenshots, f"{name}-{label}", viewport)

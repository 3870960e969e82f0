"""Change history of directory, library and survey records (core.history): every
way of writing leaves who, when and which fields; only editors see it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from convivio.core import history
from convivio.core.services import territory_team_grant
from convivio.directory import hsds
from convivio.directory.models import Service
from convivio.library.models import Document
from convivio.surveys import services as survey_services
from convivio.surveys import xlsform
from convivio.surveys.services import QuestionData, SurveyData
from tests.directory.test_hsds_import import example
from tests.directory.test_views import FORM
from tests.factories import UserFactory
from tests.html import soup_of
from tests.library.helpers import add_document
from tests.plans.factories import make_territory
from tests.surveys.test_xlsform import sheet

pytestmark = pytest.mark.django_db


def _entries(record) -> list[history.Change]:
    return history.record_history(record)


def _page(client, kind: str, pk: int):
    return client.get(reverse("core:record_history", args=[kind, pk]))


def _history_link(html: str, kind: str, pk: int) -> bool:
    url = reverse("core:record_history", args=[kind, pk])
    return soup_of(html).find("a", href=url) is not None


# --- directory ----------------------------------------------------------------------


def _service_by_form(client, editor, organisation) -> Service:
    client.force_login(editor)
    client.post(
        reverse("directory:service_create"), {**FORM, "organisation": organisation.pk}
    )
    return Service.objects.get()


def test_a_service_edited_through_the_form_records_who_and_which_fields(
    client, editor, organisation
):
    service = _service_by_form(client, editor, organisation)
    client.post(
        reverse("directory:service_edit", args=[service.pk]),
        {
            **FORM,
            "organisation": organisation.pk,
            "name": "Legal desk",
            "city": "Vila Velha",
        },
    )
    changes = [c for c in _entries(service) if c.action == "changed"]
    assert {c.user for c in changes} == {editor}
    assert any(c.part.startswith("Text in") and "name" in c.fields for c in changes)
    assert any(
        c.part.startswith("location") and "town or city" in c.fields for c in changes
    )
    created = [c for c in _entries(service) if c.action == "created"]
    assert created and {c.user for c in created} == {editor}


def test_an_hsds_import_records_the_moderator_who_imported(moderator):
    result = hsds.import_records(example("service_full"), user=moderator)
    assert result.ok, result.errors
    service = Service.objects.get(
        source_key="hsds:ac148810-d857-441c-9679-408f346de14b"
    )
    changes = _entries(service)
    assert changes and {c.user for c in changes} == {moderator}
    record = example("service_full")
    record["url"] = "https://example.org/counselling"
    assert hsds.import_records(record, user=moderator).ok
    latest = _entries(service)[0]
    assert latest.action == "changed" and latest.user == moderator
    assert latest.fields == ["website"]


def test_the_history_page_is_for_editors_only(client, editor, stranger, organisation):
    service = _service_by_form(client, editor, organisation)
    page = client.get(service.get_absolute_url()).content.decode()
    assert _history_link(page, "service", service.pk)
    response = _page(client, "service", service.pk)
    assert response.status_code == 200
    assert editor.get_username() in response.content.decode()
    client.force_login(stranger)
    page = client.get(service.get_absolute_url()).content.decode()
    assert not _history_link(page, "service", service.pk)
    assert _page(client, "service", service.pk).status_code == 403
    client.logout()
    assert _page(client, "service", service.pk).status_code == 302
    # Kinds without a kept history (practices keep moderation events) are no page.
    client.force_login(editor)
    assert _page(client, "practice", 1).status_code == 404


def test_the_history_page_reads_in_a_fixed_number_of_queries(
    client, editor, organisation
):
    service = _service_by_form(client, editor, organisation)
    edit = reverse("directory:service_edit", args=[service.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert _page(client, "service", service.pk).status_code == 200
        return len(captured)

    client.post(edit, {**FORM, "organisation": organisation.pk, "name": "Desk 1"})
    few = queries()
    for n in range(2, 8):
        client.post(
            edit,
            {
                **FORM,
                "organisation": organisation.pk,
                "name": f"Desk {n}",
                "city": f"T{n}",
            },
        )
    assert len(_entries(service)) > 10
    assert queries() == few


# --- library ------------------------------------------------------------------------


def test_a_document_edited_through_the_form_records_the_author(
    client, author, stranger
):
    document = add_document(author, content=b"authored", title="Authored")
    client.force_login(author)
    response = client.post(
        reverse("library:edit", args=[document.pk]),
        {"title": "Renamed", "kind": "report"},
    )
    assert response.status_code == 302
    changes = _entries(Document.objects.get(pk=document.pk))
    assert all(c.user == author for c in changes)
    assert any("title" in c.fields for c in changes)
    assert any("kind" in c.fields for c in changes)
    page = client.get(document.get_absolute_url()).content.decode()
    assert _history_link(page, "document", document.pk)
    assert _page(client, "document", document.pk).status_code == 200
    client.force_login(stranger)
    assert _page(client, "document", document.pk).status_code == 404  # private
    Document.objects.filter(pk=document.pk).update(is_public=True)
    assert _page(client, "document", document.pk).status_code == 403


# --- surveys ------------------------------------------------------------------------


@pytest.fixture
def team(db):
    territory = make_territory("Vale Novo")
    person = UserFactory(username="officer")
    territory_team_grant(actor=None, user=person, territory=territory)
    person.territory = territory
    return person


def test_a_question_edited_in_the_builder_records_the_team_member(client, team):
    survey = survey_services.survey_create(
        user=team,
        data=SurveyData(title="Needs", territory=team.territory, language="en"),
    )
    question = survey_services.question_add(
        user=team, survey=survey, data=QuestionData(kind="text", label="Why?")
    )
    client.force_login(team)
    client.post(
        reverse("surveys:edit", args=[survey.pk]),
        {
            "action": "question-update",
            "question": question.pk,
            f"q{question.pk}-kind": "text",
            f"q{question.pk}-label": "Why did you come?",
            f"q{question.pk}-required": "on",
        },
    )
    changes = [c for c in _entries(survey) if c.action == "changed"]
    assert {c.user for c in changes} == {team}
    fields = {name for c in changes for name in c.fields}
    assert {"question", "required"} <= fields
    page = client.get(reverse("surveys:edit", args=[survey.pk])).content.decode()
    assert _history_link(page, "survey", survey.pk)
    assert _page(client, "survey", survey.pk).status_code == 200
    # On an Arabic page the question, as its team wrote it, is isolated from the
    # Arabic sentence around it, so its question mark stays at its end.
    arabic = client.get(
        f"/ar{reverse('core:record_history', args=['survey', survey.pk])[3:]}"
    )
    names = [
        bdi.get_text() for bdi in soup_of(arabic.content.decode()).select("td bdi")
    ]
    assert "Why did you come?" in names


def test_an_imported_survey_records_who_imported_it(team, stranger, client):
    data = sheet(
        [["type", "name", "label"], ["text", "why", "Why did you come?"]],
    )
    survey = xlsform.import_survey(user=team, territory=team.territory, upload=data)
    changes = _entries(survey)
    assert changes and {c.user for c in changes} == {team}
    assert {c.action for c in changes} == {"created"}
    client.force_login(stranger)
    assert _page(client, "survey", survey.pk).status_code in (403, 404)

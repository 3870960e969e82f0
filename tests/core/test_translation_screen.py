"""What readers and translators see of content translations: the note beside a
record shown in another language, the translation screen, readers' requests
and the translators' queue (a practice written in Romanian serves as record)."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation as django_translation

from convivio.core import translation as tr
from convivio.core.models import Membership, TranslationRequest
from convivio.core.translation_screen import translation_queue, word_diff
from convivio.practices.models import Practice
from tests.factories import OrganisationFactory, UserFactory, make_practice
from tests.html import soup_of, text_of, texts_of

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"

ROMANIAN = {
    "language": "ro",
    "title": "Mentorat pentru antreprenori migranți",
    "summary": "Voluntari ajută nou-veniții să înceapă o afacere.",
    "description": "Mentorii se întâlnesc în fiecare săptămână.",
}


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Asociația Casa")


@pytest.fixture
def editor(organisation):
    person = UserFactory(username="editor")
    Membership.objects.create(
        user=person, organisation=organisation, role=Membership.Role.EDITOR
    )
    return person


@pytest.fixture
def practice(organisation) -> Practice:
    return make_practice(organisations=[(organisation.pk, "implementing")], **ROMANIAN)


def fresh(practice: Practice) -> Practice:
    return Practice.objects.prefetch_related("translations").get(pk=practice.pk)


def screen_url(practice: Practice, language: str, page: str = "en") -> str:
    with django_translation.override(page):
        return reverse("core:translate", args=["practice", practice.pk, language])


def detail_url(practice: Practice, page: str) -> str:
    with django_translation.override(page):
        return reverse("practices:detail", args=[practice.pk])


# -- the reader's note -----------------------------------------------------------------


def test_reader_of_spanish_page_sees_the_original_with_a_note(client, practice):
    response = client.get(detail_url(practice, "es"))
    assert response.status_code == 200
    page = soup_of(response)
    assert page.html["lang"] == "es"
    # The Romanian text says it is Romanian, the note names it in Spanish.
    assert page.select_one("article.practice h1")["lang"] == "ro"
    assert "rumano" in text_of(response, ".translation-shown")
    assert page.select_one(".translation-note").get("lang") is None


def test_a_record_in_the_page_language_has_no_note(client, practice):
    response = client.get(detail_url(practice, "ro"))
    assert not soup_of(response).select(".translation-shown")
    assert soup_of(response).select_one("article.practice h1").get("lang") is None


def test_links_to_the_other_languages_keep_the_page(client, practice):
    tr.save_translation(
        practice, "en", {"title": "Mentoring migrant entrepreneurs"}, origin="machine"
    )
    tr.save_translation(practice, "it", {"title": "Tutoraggio"})
    response = client.get(detail_url(practice, "en") + "?lang=en")
    assert text_of(response, "h1") == "Mentoring migrant entrepreneurs"
    # The English row is a machine's and says so; it is not the page's note.
    assert soup_of(response).select(".badge.translation-machine")
    assert not soup_of(response).select(".translation-shown")
    links = soup_of(response).select(".translation-links a")
    assert [(a["hreflang"], a["href"], a.get("lang")) for a in links] == [
        ("ro", "?lang=ro", "ro"),
        ("it", "?lang=it", "it"),
    ]
    # Each named in itself, as in the language switch.
    assert [a.get_text() for a in links] == ["Română", "italiano"]


def test_an_outdated_translation_is_labelled(client, practice):
    tr.save_translation(practice, "en", {"title": "Mentoring"})
    tr.save_original(practice, {"title": "Mentorat pentru antreprenoare"})
    response = client.get(detail_url(practice, "en"))
    assert soup_of(response).select(".badge.translation-outdated")


def test_a_reader_asks_for_a_translation_once(client, practice):
    reader = UserFactory(username="reader")
    client.force_login(reader)
    response = client.get(detail_url(practice, "es"))
    form = soup_of(response).select_one(".translation-note form")
    assert form is not None
    assert form.select_one("input[name=lang]")["value"] == "es"
    for _ in range(2):
        client.post(
            form["action"],
            {"lang": "es", "next": detail_url(practice, "es")},
        )
    assert (
        TranslationRequest.objects.filter(
            kind="practice", record_id=practice.pk, language_id="es"
        ).count()
        == 1
    )
    again = client.get(detail_url(practice, "es"))
    assert not soup_of(again).select(".translation-note form")


def test_an_editor_is_offered_the_screen_not_a_request(client, practice, editor):
    client.force_login(editor)
    response = client.get(detail_url(practice, "es"))
    hrefs = [a["href"] for a in soup_of(response).select(".translation-note a")]
    assert screen_url(practice, "es", page="es") in hrefs
    assert not soup_of(response).select(".translation-note form")


# -- the translation screen ----------------------------------------------------------


def test_a_stranger_cannot_open_the_screen(client, practice):
    assert client.get(screen_url(practice, "en")).status_code == 302  # sign in
    client.force_login(UserFactory(username="stranger"))
    assert client.get(screen_url(practice, "en")).status_code == 403
    response = client.post(screen_url(practice, "en"), {"t-title": "Mine"})
    assert response.status_code == 403
    assert not fresh(practice).translations.filter(language_id="en").exists()


def test_the_screen_shows_original_and_translation_side_by_side(
    client, practice, editor
):
    tr.save_translation(practice, "en", {"title": "Mentoring"}, origin="machine")
    client.force_login(editor)
    response = client.get(screen_url(practice, "en"))
    assert response.status_code == 200
    sections = soup_of(response).select(".translate-field")
    by_field = {s["id"]: s for s in sections}
    title = by_field["field-title"]
    assert title.select_one(".translate-original")["lang"] == "ro"
    assert title.select_one(".translate-original").get_text() == ROMANIAN["title"]
    assert title.select_one("input[name=t-title]")["value"] == "Mentoring"
    assert "status-machine" in title.select_one(".field-status")["class"]
    summary = by_field["field-summary"]
    assert "status-missing" in summary.select_one(".field-status")["class"]


def test_an_editor_saves_a_translation(client, practice, editor):
    client.force_login(editor)
    response = client.post(
        screen_url(practice, "en"),
        {
            "action": "save",
            "t-title": "Mentoring migrant entrepreneurs",
            "t-summary": "Volunteers help newcomers start a business.",
        },
    )
    assert response.status_code == 302
    record = fresh(practice)
    row = record.translation_for("en")
    assert row.language_id == "en"
    assert row.title == "Mentoring migrant entrepreneurs"
    statuses = tr.field_statuses(record, "en")
    assert statuses["title"] == tr.Status.REVIEWED
    assert statuses["summary"] == tr.Status.REVIEWED
    assert statuses["description"] == tr.Status.MISSING
    assert row.field_meta("title")["by"] == editor.pk


def test_bad_input_saves_nothing(client, practice, editor):
    tr.save_original(practice, {"phases": [{"title": "Pas 1", "text": "Întâlnire"}]})
    client.force_login(editor)
    response = client.post(
        screen_url(practice, "en"),
        {"action": "save", "t-title": "Mentoring", "t-phases": "[{not json"},
    )
    assert response.status_code == 400
    assert soup_of(response).select(".form-errors")
    assert texts_of(response, "#field-phases .errorlist li")
    assert not fresh(practice).translations.filter(language_id="en").exists()
    too_long = client.post(
        screen_url(practice, "en"), {"action": "save", "t-title": "x" * 1000}
    )
    assert too_long.status_code == 400
    assert not fresh(practice).translations.filter(language_id="en").exists()


def test_structured_fields_start_from_the_original_and_save_only_if_changed(
    client, practice, editor
):
    phases = [{"title": "Pas 1", "text": "Întâlnire"}]
    tr.save_original(practice, {"phases": phases})
    client.force_login(editor)
    page = client.get(screen_url(practice, "en"))
    box = soup_of(page).select_one("textarea[name=t-phases]")
    assert json.loads(box.get_text()) == phases
    assert box["lang"] == "en"
    client.post(
        screen_url(practice, "en"),
        {"action": "save", "t-title": "Mentoring", "t-phases": box.get_text()},
    )
    statuses = tr.field_statuses(fresh(practice), "en")
    assert statuses["phases"] == tr.Status.MISSING
    translated = [{"title": "Step 1", "text": "Meeting"}]
    client.post(
        screen_url(practice, "en"),
        {"action": "save", "t-title": "Mentoring", "t-phases": json.dumps(translated)},
    )
    row = fresh(practice).translation_for("en")
    assert row.phases == translated


def test_the_original_language_has_no_screen(client, practice, editor):
    client.force_login(editor)
    assert client.get(screen_url(practice, "ro")).status_code == 404
    assert client.get(screen_url(practice, "xx")).status_code == 404


def test_after_the_original_changed_the_editor_sees_what_changed_and_reviews(
    client, practice, editor
):
    tr.save_translation(
        practice, "en", {"title": "Mentoring migrant entrepreneurs"}, user=editor
    )
    tr.save_original(practice, {"title": "Mentorat pentru antreprenoare migrante"})
    assert tr.field_statuses(fresh(practice), "en")["title"] == tr.Status.OUTDATED
    client.force_login(editor)
    response = client.get(screen_url(practice, "en"))
    diff = soup_of(response).select_one("#field-title .translate-diff div")
    assert diff["lang"] == "ro"
    assert [d.get_text() for d in diff.select("del")] == ["antreprenori migranți"]
    assert [i.get_text() for i in diff.select("ins")] == ["antreprenoare migrante"]
    response = client.post(screen_url(practice, "en"), {"action": "review:title"})
    assert response.status_code == 302
    record = fresh(practice)
    assert tr.field_statuses(record, "en")["title"] == tr.Status.REVIEWED
    assert record.translation_for("en").field_meta("title")["reviewed_by"] == editor.pk


def test_mark_all_reviewed_confirms_a_machine_translation(client, practice, editor):
    tr.save_translation(
        practice, "en", {"title": "Mentoring", "summary": "Help"}, origin="machine"
    )
    client.force_login(editor)
    client.post(screen_url(practice, "en"), {"action": "review"})
    statuses = tr.field_statuses(fresh(practice), "en")
    assert statuses["title"] == statuses["summary"] == tr.Status.REVIEWED


def test_saving_answers_the_readers_requests(client, practice, editor):
    TranslationRequest.objects.create(
        kind="practice",
        record_id=practice.pk,
        language_id="en",
        requested_by=UserFactory(username="reader"),
    )
    client.force_login(editor)
    client.post(screen_url(practice, "en"), {"action": "save", "t-title": "Mentoring"})
    assert not TranslationRequest.objects.exists()


def test_word_diff_escapes_and_marks_words():
    html = word_diff("Meet <b>each</b> week.", "Meet every week, online.")
    assert html == (
        "Meet <del>&lt;b&gt;each&lt;/b&gt;</del><ins>every</ins> week"
        "<ins>, online</ins>."
    )


# -- the queue ----------------------------------------------------------------------


def make_queue(organisation, editor):
    """Three Romanian practices of the editor's organisation and one elsewhere:

    * first: English reviewed, Spanish by machine, Greek outdated;
    * second: nothing translated; two readers asked for Spanish;
    * third: English by machine;
    * another organisation's: nothing translated (not in this queue).
    """
    first = make_practice(organisations=[(organisation.pk, "implementing")], **ROMANIAN)
    second = make_practice(
        organisations=[(organisation.pk, "implementing")],
        **{**ROMANIAN, "title": "Doi"},
    )
    third = make_practice(
        organisations=[(organisation.pk, "implementing")],
        **{**ROMANIAN, "title": "Trei"},
    )
    make_practice(
        organisations=[(OrganisationFactory().pk, "implementing")], **ROMANIAN
    )
    every = {"title": "T", "summary": "S", "description": "D"}
    tr.save_translation(first, "en", every, user=editor)
    tr.save_translation(first, "es", every, origin="machine")
    tr.save_translation(first, "el", every, user=editor)
    tr.save_original(first, {"summary": "Alt rezumat."})
    tr.save_translation(third, "en", every, origin="machine")
    for name in ("ana", "ion"):
        TranslationRequest.objects.create(
            kind="practice",
            record_id=second.pk,
            language_id="es",
            requested_by=UserFactory(username=name),
        )
    return first, second, third


def test_queue_counts_per_language(organisation, editor):
    _first, second, _third = make_queue(organisation, editor)
    with django_translation.override("en"):
        queue = {q.code: q for q in translation_queue(editor)}
    # English: second missing, third machine; first reviewed until its summary
    # changed: outdated.
    assert queue["en"].counts == {"missing": 1, "outdated": 1, "machine": 1}
    # Spanish: first outdated (its machine summary is older than the original),
    # second and third missing.
    assert queue["es"].counts == {"missing": 2, "outdated": 1, "machine": 0}
    assert queue["el"].counts == {"missing": 2, "outdated": 1, "machine": 0}
    assert queue["de"].counts == {"missing": 3, "outdated": 0, "machine": 0}
    assert "ro" not in {code for code, q in queue.items() if q.total}
    # Readers' requests first.
    assert queue["es"].entries[0].record.pk == second.pk
    assert queue["es"].entries[0].requests == 2
    assert queue["es"].requests == 1


def test_queue_page_for_editors_and_a_readers_requests(client, organisation, editor):
    _first, second, _third = make_queue(organisation, editor)
    reader = UserFactory(username="reader")
    TranslationRequest.objects.create(
        kind="practice", record_id=second.pk, language_id="de", requested_by=reader
    )
    client.force_login(reader)
    home = client.get(reverse("core:home"))
    assert reverse("core:translation_queue") in [
        a["href"] for a in soup_of(home).select(".account .menu a")
    ]
    mine = client.get(reverse("core:translation_queue"))
    assert not soup_of(mine).select(".queue-table")
    asked = soup_of(mine).select(".asked-for li")
    assert len(asked) == 1
    assert asked[0].select_one("a")["lang"] == "ro"
    assert asked[0].select_one("a").get_text() == "Doi"
    client.force_login(editor)
    response = client.get(reverse("core:translation_queue") + "?lang=es")
    rows = soup_of(response).select(".queue-table tbody tr")
    assert len(rows) == 3
    first_row_link = rows[0].select_one("a")["href"]
    assert first_row_link == screen_url(second, "es")
    assert rows[0].select("td")[3].get_text(strip=True) == "2"
    only = client.get(reverse("core:translation_queue") + "?lang=es&kind=practice")
    assert len(soup_of(only).select(".queue-table tbody tr")) == 3


@pytest.mark.parametrize("size", [3, 30])
def test_queue_queries_stay_bounded(
    client, organisation, editor, size, django_assert_max_num_queries
):
    for n in range(size):
        practice = make_practice(
            organisations=[(organisation.pk, "implementing")],
            **{**ROMANIAN, "title": f"P{n}"},
        )
        for code in ("en", "es", "it", "de"):
            tr.save_translation(practice, code, {"title": f"{code} {n}"})
    client.force_login(editor)
    # The session, the user, their roles, the requests; then per kind its
    # records and their rows: never per record nor per language.
    with django_assert_max_num_queries(6 + 2 * len(tr.kinds())):
        response = client.get(reverse("core:translation_queue") + "?lang=fr")
    assert len(soup_of(response).select(".queue-table tbody tr")) == size


def test_detail_page_queries_do_not_grow_with_languages(client, organisation, editor):
    alone = make_practice(organisations=[(organisation.pk, "implementing")], **ROMANIAN)
    many = make_practice(organisations=[(organisation.pk, "implementing")], **ROMANIAN)
    for code in ("en", "es", "it", "de"):
        tr.save_translation(many, code, {"title": f"{code} title"}, user=editor)
    client.force_login(editor)
    counts = []
    for practice in (alone, many):
        client.get(detail_url(practice, "fr"))  # warm the caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(detail_url(practice, "fr"))
        counts.append(len(queries))
    assert len(soup_of(response).select(".translation-links a")) == 4
    assert counts[1] == counts[0]

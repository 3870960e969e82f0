"""Machine translation: the HTTP backends against a local fake server, Apertium
for real, Markdown kept intact, errors as sentences, the budget, and the task
that sends only missing or outdated fields."""

from __future__ import annotations

import shutil

import pytest
from django.core.exceptions import PermissionDenied

from convivio.core import translation
from convivio.core.machine_translation import (
    Apertium,
    DeepL,
    LibreTranslate,
    MachineTranslationError,
    get_translator,
    protect,
    restore,
)
from convivio.core.machine_translation_services import (
    BudgetExceeded,
    budget_for,
    charge,
    request_machine_translation,
)
from convivio.core.models import (
    MachineTranslationBudget,
    MachineTranslationJob,
    Territory,
)
from tests.factories import create_translated

from .. import machine_translation_fake as fake
from ..machine_translation_fake import upper_html

MARKDOWN = """## 3.1 Housing for new families

1. Read the [plan M1.2](https://example.org/plan?id=3) before **Monday**.
- Ask @maria.lopez or mail info@vale-novo.pt about `code_x`, *free courses* #housing
> The volunteers of Vale Novo help families since 2019 (see https://example.org/a_b).

| Measure | Budget |
|---|---|
| Courses | 10,000 |

```
not translated
```"""

#: What must come back exactly as written, whatever the language.
KEPT = [
    "## 3.1 ",
    "1. ",
    "](https://example.org/plan?id=3)",
    "[",
    "M1.2",
    "**",
    "\n- ",
    "@maria.lopez",
    "#housing",
    "info@vale-novo.pt",
    "`code_x`",
    "\n> ",
    "Vale Novo",
    "2019",
    "https://example.org/a_b",
    "|---|---|",
    "10,000",
    "```\nnot translated\n```",
]


@pytest.fixture
def fake_service():
    service = fake.start()
    yield service
    fake.stop(service)


def assert_kept(original: str, translated: str) -> None:
    for piece in KEPT:
        assert piece in original
        assert piece in translated, piece
    assert translated.count("\n") == original.count("\n")


# -- protection ----------------------------------------------------------------------


def test_protected_pieces_are_sent_as_translate_no_spans():
    protected = protect(MARKDOWN, keep=["Vale Novo"])
    assert '<span translate="no" class="notranslate" data-k="' in protected.html
    assert ">Vale Novo</span>" in protected.html
    assert ">M1.2</span>" in protected.html
    # An @mention is sent as a neutral word: rule-based translators split it.
    assert "@maria.lopez" not in protected.html
    # The code block, the table border and the URL of the link are not sent.
    assert "not translated" not in protected.html
    assert "|---|" not in protected.html
    assert "plan?id=3" not in protected.html
    assert "<b>Monday</b>" in protected.html


def test_protection_survives_a_translation_that_changes_every_word():
    protected = protect(MARKDOWN, keep=["Vale Novo"])
    back = restore(protected, upper_html(protected.html))
    assert_kept(MARKDOWN, back)
    assert "READ THE [PLAN M1.2](https://example.org/plan?id=3)" in back
    assert "| MEASURE | BUDGET |" in back


def test_an_answer_that_lost_a_link_is_refused_with_a_sentence():
    protected = protect("See the [plan](https://example.org/plan) now.")
    with pytest.raises(MachineTranslationError) as caught:
        restore(protected, "<p>See the plan now.</p>")
    assert "links or numbers missing" in caught.value.message


# -- LibreTranslate --------------------------------------------------------------------


def test_libretranslate_sends_html_with_key_and_keeps_markdown(fake_service):
    translator = LibreTranslate(fake_service.url, api_key="secret")
    result = translator.translate(
        [MARKDOWN, "Plain words."], "en", "es", keep=["Vale Novo"]
    )
    post = next(r for r in fake_service.requests if r["method"] == "POST")
    assert post["path"] == "/translate"
    assert post["body"]["source"] == "en"
    assert post["body"]["target"] == "es"
    assert post["body"]["format"] == "html"
    assert post["body"]["api_key"] == "secret"
    assert len(post["body"]["q"]) == 2
    assert_kept(MARKDOWN, result[0])
    assert result[1] == "PLAIN WORDS."


def test_libretranslate_supports_what_its_languages_list_says(fake_service):
    translator = LibreTranslate(fake_service.url)
    assert translator.supports("en", "es")
    assert translator.supports("en", "pt-PT")
    assert not translator.supports("es", "ar")
    with pytest.raises(MachineTranslationError) as caught:
        translator.translate(["Hello"], "es", "ar")
    assert caught.value.message == (
        "The machine translation service (LibreTranslate) cannot translate from "
        "es into ar."
    )


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (403, "refused this site's key"),
        (429, "too many requests"),
        (500, "had an error of its own"),
        (400, "refused the request"),
    ],
)
def test_libretranslate_errors_become_sentences(fake_service, status, words):
    fake_service.fail_with = status
    with pytest.raises(MachineTranslationError) as caught:
        LibreTranslate(fake_service.url).translate(["Hello"], "en", "es")
    assert words in caught.value.message
    assert "Traceback" not in caught.value.message


def test_a_service_that_does_not_answer_gives_a_sentence(settings):
    settings.CONVIVIO_MACHINE_TRANSLATION_TIMEOUT = 2
    # A port nobody listens on: bind one, close it, then ask it.
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    with pytest.raises(MachineTranslationError) as caught:
        LibreTranslate(f"http://127.0.0.1:{port}").translate(["Hello"], "en", "es")
    assert caught.value.message == (
        "The machine translation service (LibreTranslate) did not answer. Nothing "
        "was translated; try again later."
    )


# -- DeepL ---------------------------------------------------------------------------


def test_deepl_sends_its_key_in_the_header_and_html_tag_handling(fake_service):
    translator = DeepL("abc:fx", url=fake_service.url)
    result = translator.translate([MARKDOWN], "en", "pt", keep=["Vale Novo"])
    post = next(r for r in fake_service.requests if r["method"] == "POST")
    assert post["path"] == "/v2/translate"
    assert post["headers"]["Authorization"] == "DeepL-Auth-Key abc:fx"
    assert post["body"]["tag_handling"] == "html"
    assert post["body"]["source_lang"] == "EN"
    assert post["body"]["target_lang"] == "PT-PT"
    assert_kept(MARKDOWN, result[0])
    languages = [r for r in fake_service.requests if r["path"] == "/v2/languages"]
    assert {r["query"]["type"][0] for r in languages} == {"source", "target"}
    assert all(
        r["headers"]["Authorization"] == "DeepL-Auth-Key abc:fx" for r in languages
    )


def test_deepl_free_and_pro_keys_use_their_hosts():
    assert DeepL("abc:fx").url == "https://api-free.deepl.com"
    assert DeepL("abc").url == "https://api.deepl.com"


def test_deepl_quota_used_up_is_a_sentence(fake_service):
    fake_service.fail_with = 456
    with pytest.raises(MachineTranslationError) as caught:
        DeepL("abc", url=fake_service.url).translate(["Hello"], "en", "es")
    assert caught.value.message == (
        "This site's quota with the machine translation service (DeepL) is used "
        "up. Nothing was translated."
    )


# -- settings ------------------------------------------------------------------------


def test_no_backend_by_default(settings):
    settings.CONVIVIO_MACHINE_TRANSLATION = "none"
    assert get_translator() is None


def test_settings_choose_the_backend(settings, fake_service):
    settings.CONVIVIO_MACHINE_TRANSLATION = "libretranslate"
    settings.CONVIVIO_LIBRETRANSLATE_URL = fake_service.url
    assert isinstance(get_translator(), LibreTranslate)
    settings.CONVIVIO_MACHINE_TRANSLATION = "deepl"
    settings.CONVIVIO_DEEPL_API_KEY = "k:fx"
    assert get_translator().url == "https://api-free.deepl.com"
    settings.CONVIVIO_MACHINE_TRANSLATION = "apertium"
    assert isinstance(get_translator(), Apertium)


# -- Apertium, for real (the Makefile installs it) -----------------------------------


def test_apertium_is_installed_with_the_pairs_among_our_languages():
    assert shutil.which("apertium"), "make system-packages installs apertium"
    modes = Apertium().modes()
    for pair in [("en", "es"), ("es", "en"), ("pt", "es"), ("ro", "es"), ("it", "es")]:
        assert pair in modes


def test_apertium_translates_english_into_spanish_keeping_markdown():
    result = Apertium().translate(
        [MARKDOWN, "The volunteers help new families."], "en", "es", keep=["Vale Novo"]
    )
    assert_kept(MARKDOWN, result[0])
    assert "Alojamiento para familias nuevas" in result[0]
    assert "| Medida | Presupuesto |" in result[0]
    assert result[1] == "Los voluntarios ayudan familias nuevas."


def test_apertium_without_a_pair_or_a_command_says_so():
    with pytest.raises(MachineTranslationError) as caught:
        Apertium().translate(["Hello"], "en", "ar")
    assert "cannot translate from en into ar" in caught.value.message
    with pytest.raises(MachineTranslationError) as caught:
        Apertium("no-such-apertium").translate(["Hello"], "en", "es")
    assert "Apertium is not installed on the server" in caught.value.message


# -- the budget ------------------------------------------------------------------------


@pytest.fixture
def place(db):
    return Territory.objects.create(
        name="Vale Novo", kind=Territory.Kind.PROVINCE, country_code="PT"
    )


def test_budget_counts_characters_and_refuses_what_does_not_fit(place):
    budget = MachineTranslationBudget.objects.create(
        territory=place, characters_per_month=100
    )
    charge(budget, 60)
    budget.refresh_from_db()
    assert budget.used == 60
    with pytest.raises(BudgetExceeded) as caught:
        charge(budget, 50)
    assert caught.value.message == (
        "This needs 50 characters of machine translation, but Vale Novo has only 40 "
        "left of its 100 this month. Nothing was sent; translate the rest yourself "
        "or wait for next month."
    )
    budget.refresh_from_db()
    assert budget.used == 60


def test_a_territory_budget_covers_places_inside_it(place):
    budget = MachineTranslationBudget.objects.create(
        territory=place, characters_per_month=100
    )
    district = Territory.objects.create(
        name="Centro", kind=Territory.Kind.MUNICIPALITY, country_code="PT", parent=place
    )

    class Record:
        organisation_id = None
        territory_id = district.pk

    assert budget_for(Record()) == budget


# -- the background task -------------------------------------------------------------


@pytest.fixture
def survey(db, place):
    from convivio.surveys.models import Survey

    record = create_translated(
        Survey,
        title="Needs of new families",
        territory=place,
        original_language_id="en",
    )
    translation.save_original(
        record,
        {
            "title": "Needs of new families",
            "introduction": "Tell us about housing in Vale Novo (see M1.2).",
        },
    )
    return record


@pytest.fixture
def libretranslate(settings, fake_service):
    settings.CONVIVIO_MACHINE_TRANSLATION = "libretranslate"
    settings.CONVIVIO_LIBRETRANSLATE_URL = fake_service.url
    return fake_service


def sent_texts(service) -> list[str]:
    return [
        text
        for request in service.requests
        if request["method"] == "POST"
        for text in request["body"]["q"]
    ]


def test_task_translates_missing_fields_labelled_as_machine(
    libretranslate, survey, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = request_machine_translation(moderator, "survey", survey.pk, "es")
    job.refresh_from_db()
    assert job.status == MachineTranslationJob.Status.DONE
    assert (job.fields_done, job.fields_total) == (2, 2)
    assert job.characters == len("Needs of new families") + len(
        "Tell us about housing in Vale Novo (see M1.2)."
    )
    row = survey.translations.get(language_id="es")
    assert row.title == "NEEDS OF NEW FAMILIES"
    assert row.introduction == "TELL US ABOUT HOUSING IN Vale Novo (SEE M1.2)."
    assert row.field_meta("title")["origin"] == "machine"
    assert row.field_meta("title")["engine"] == "LibreTranslate"
    assert translation.row_status(survey, "es") == translation.Status.MACHINE


def test_task_sends_only_missing_or_outdated_and_leaves_a_person_alone(
    libretranslate, survey, moderator, django_capture_on_commit_callbacks
):
    # A person translated the title; the introduction was machine-made and is
    # outdated since the original changed.
    translation.save_translation(
        survey, "es", {"title": "Necesidades de las familias"}, user=moderator
    )
    translation.save_translation(
        survey, "es", {"introduction": "OLD"}, origin=translation.Origin.MACHINE
    )
    translation.save_original(
        survey,
        {"title": "Needs of families", "introduction": "Housing in Vale Novo."},
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = request_machine_translation(moderator, "survey", survey.pk, "es")
    job.refresh_from_db()
    assert (job.fields_done, job.fields_total) == (1, 1)
    # Only the machine's outdated introduction was sent, not the person's title.
    sent = sent_texts(libretranslate)
    assert len(sent) == 1
    assert sent[0].startswith("<p>Housing in <span")
    row = survey.translations.get(language_id="es")
    # The person's title stays, outdated, for them to update.
    assert row.title == "Necesidades de las familias"
    assert row.field_status("title", survey.original_translation()) == (
        translation.Status.OUTDATED
    )
    assert row.introduction == "HOUSING IN Vale Novo."

    # Asked again, nothing is sent: everything is translated.
    before = len(sent_texts(libretranslate))
    with django_capture_on_commit_callbacks(execute=True):
        job = request_machine_translation(moderator, "survey", survey.pk, "es")
    job.refresh_from_db()
    assert len(sent_texts(libretranslate)) == before
    assert job.message == (
        "Nothing needed translating: every field is translated already."
    )


def test_task_stops_before_sending_when_over_budget(
    libretranslate, survey, place, moderator, django_capture_on_commit_callbacks
):
    MachineTranslationBudget.objects.create(territory=place, characters_per_month=10)
    with django_capture_on_commit_callbacks(execute=True):
        job = request_machine_translation(moderator, "survey", survey.pk, "es")
    job.refresh_from_db()
    assert job.status == MachineTranslationJob.Status.FAILED
    assert job.message.startswith("This needs 67 characters of machine translation")
    assert sent_texts(libretranslate) == []
    assert not survey.translations.filter(language_id="es").exists()


def test_task_failure_is_a_sentence_on_the_job(
    libretranslate, survey, moderator, django_capture_on_commit_callbacks
):
    libretranslate.fail_with = 503
    with django_capture_on_commit_callbacks(execute=True):
        job = request_machine_translation(moderator, "survey", survey.pk, "es")
    job.refresh_from_db()
    assert job.status == MachineTranslationJob.Status.FAILED
    assert job.message == (
        "The machine translation service (LibreTranslate) had an error of its own. "
        "Nothing was translated; try again later."
    )


def test_only_who_may_translate_the_record_may_ask(libretranslate, survey, stranger):
    with pytest.raises(PermissionDenied):
        request_machine_translation(stranger, "survey", survey.pk, "es")


def test_no_backend_means_no_machine_translation(settings, survey, moderator):
    settings.CONVIVIO_MACHINE_TRANSLATION = "none"
    with pytest.raises(MachineTranslationError) as caught:
        request_machine_translation(moderator, "survey", survey.pk, "es")
    assert caught.value.message == (
        "Machine translation is not set up on this site: people translate."
    )


def test_apertium_task_translates_a_survey_for_real(
    settings, survey, moderator, django_capture_on_commit_callbacks
):
    settings.CONVIVIO_MACHINE_TRANSLATION = "apertium"
    with django_capture_on_commit_callbacks(execute=True):
        job = request_machine_translation(moderator, "survey", survey.pk, "es")
    job.refresh_from_db()
    assert job.status == MachineTranslationJob.Status.DONE, job.message
    row = survey.translations.get(language_id="es")
    assert "familias" in row.title
    assert "Vale Novo" in row.introduction
    assert "M1.2" in row.introduction


def test_progress_is_shown_to_who_asked_and_nobody_else(
    client,
    libretranslate,
    survey,
    moderator,
    stranger,
    django_capture_on_commit_callbacks,
):
    from django.urls import reverse

    with django_capture_on_commit_callbacks(execute=True):
        job = request_machine_translation(moderator, "survey", survey.pk, "es")
    url = reverse("core:machine_translation_job", args=[job.pk])
    client.force_login(moderator)
    answer = client.get(url).json()
    assert answer["status"] == "done"
    assert (answer["fields_done"], answer["fields_total"]) == (2, 2)
    assert answer["message"] == (
        "2 fields translated by machine; they read as a machine translation until "
        "a person reviews them."
    )
    client.force_login(stranger)
    assert client.get(url).status_code == 404


def test_asking_twice_while_the_machine_works_queues_one_job(
    libretranslate, survey, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first = request_machine_translation(moderator, "survey", survey.pk, "es")
        second = request_machine_translation(moderator, "survey", survey.pk, "es")
    assert first == second
    assert MachineTranslationJob.objects.count() == 1


def test_a_job_whose_worker_died_does_not_block_a_new_one(
    libretranslate, survey, moderator, django_capture_on_commit_callbacks
):
    import datetime

    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=False):
        lost = request_machine_translation(moderator, "survey", survey.pk, "es")
    MachineTranslationJob.objects.filter(pk=lost.pk).update(
        status=MachineTranslationJob.Status.RUNNING,
        created_at=timezone.now() - datetime.timedelta(hours=3),
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = request_machine_translation(moderator, "survey", survey.pk, "es")
    assert job != lost
    lost.refresh_from_db()
    assert lost.status == MachineTranslationJob.Status.FAILED
    assert "stopped without finishing" in lost.message
    job.refresh_from_db()
    assert job.status == MachineTranslationJob.Status.DONE


def test_pages_stop_asking_a_service_that_is_down(settings):
    from convivio.core.machine_translation import available

    settings.CONVIVIO_MACHINE_TRANSLATION = "libretranslate"
    settings.CONVIVIO_LIBRETRANSLATE_URL = "http://127.0.0.1:9"  # discard port
    assert available("en", "es") is None
    # Even once the service is back, pages wait a minute before asking again.
    service = fake.start()
    try:
        settings.CONVIVIO_LIBRETRANSLATE_URL = service.url
        assert available("en", "es") is None
        assert service.requests == []
    finally:
        fake.stop(service)


def test_the_translation_screen_starts_the_machine_and_shows_how_it_went(
    client, libretranslate, survey, moderator, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from ..html import soup_of, text_of

    url = reverse("core:translate", args=["survey", survey.pk, "es"])
    client.force_login(moderator)
    page = soup_of(client.get(url))
    assert page.select_one("button[name=action][value=machine]") is not None
    assert page.select_one(".machine-job") is None
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "machine"})
    assert response.status_code == 302
    response = client.get(url)
    assert text_of(response, ".machine-job") == (
        "2 fields translated by machine; they read as a machine translation until "
        "a person reviews them."
    )
    assert survey.translations.get(language_id="es").title == "NEEDS OF NEW FAMILIES"


def test_without_a_backend_the_screen_offers_no_machine(
    client, settings, survey, moderator
):
    from django.urls import reverse

    from ..html import soup_of

    settings.CONVIVIO_MACHINE_TRANSLATION = "none"
    client.force_login(moderator)
    page = soup_of(
        client.get(reverse("core:translate", args=["survey", survey.pk, "es"]))
    )
    assert page.select_one("button[name=action][value=machine]") is None


def test_a_whole_survey_is_translated_with_its_questions_and_choices(
    libretranslate, survey, moderator, django_capture_on_commit_callbacks
):
    from convivio.surveys.models import Choice, Question

    question = create_translated(
        Question,
        survey=survey,
        name="housing",
        kind=Question.Kind.SINGLE,
        label="Where do you live?",
        original_language_id="en",
    )
    translation.save_original(question, {"label": "Where do you live?"})
    choice = create_translated(
        Choice,
        question=question,
        value="rent",
        label="A rented flat",
        original_language_id="en",
    )
    translation.save_original(choice, {"label": "A rented flat"})
    # A person already translated the choice: it is not sent again.
    translation.save_translation(choice, "es", {"label": "Un piso alquilado"})

    with django_capture_on_commit_callbacks(execute=True):
        job = request_machine_translation(moderator, "survey", survey.pk, "es")
    job.refresh_from_db()
    assert (job.fields_done, job.fields_total) == (3, 3)
    assert question.translations.get(language_id="es").label == "WHERE DO YOU LIVE?"
    assert choice.translations.get(language_id="es").label == "Un piso alquilado"
    assert "A rented flat" not in " ".join(sent_texts(libretranslate))
    # The survey and its question went in one request.
    posts = [r for r in libretranslate.requests if r["method"] == "POST"]
    assert len(posts) == 1


def test_a_whole_collection_is_translated_with_its_practices(
    libretranslate, moderator, django_capture_on_commit_callbacks
):
    from convivio.practices import services as practice_services

    from ..factories import make_practice

    practice = make_practice(title="Mentors for newcomers", summary="Pairs of people.")
    reviewed = make_practice(title="Language cafés", summary="Talk over coffee.")
    translation.save_translation(
        reviewed,
        "es",
        {"title": "Cafés de idiomas", "summary": "Charlar con un café."},
        user=moderator,
    )
    collection = practice_services.collection_create(
        user=moderator, title="Welcome", language="en", practices=[practice, reviewed]
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = request_machine_translation(moderator, "collection", collection.pk, "es")
    job.refresh_from_db()
    assert job.status == MachineTranslationJob.Status.DONE, job.message
    assert collection.translations.get(language_id="es").title == "WELCOME"
    assert practice.translations.get(language_id="es").title == "MENTORS FOR NEWCOMERS"
    # The practice a person already translated is left as it is, and not sent.
    assert reviewed.translations.get(language_id="es").title == "Cafés de idiomas"
    assert "Language cafés" not in sent_texts(libretranslate)


def test_a_practice_is_paid_for_by_the_first_of_its_organisations_with_a_budget(
    db,
):
    from ..factories import OrganisationFactory, make_practice

    practice = make_practice()
    without, paying = OrganisationFactory(), OrganisationFactory()
    practice.organisations.add(without, paying)
    budget = MachineTranslationBudget.objects.create(
        organisation=paying, characters_per_month=1000
    )
    assert budget_for(practice) == budget


def test_an_organisation_without_a_budget_is_covered_by_its_place(db, place):
    from ..factories import OrganisationFactory

    budget = MachineTranslationBudget.objects.create(
        territory=place, characters_per_month=1000
    )
    organisation = OrganisationFactory(territory=place)

    class Record:
        organisation_id = organisation.pk
        territory_id = None

    assert budget_for(Record()) == budget

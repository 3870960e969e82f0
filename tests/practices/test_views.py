"""Pages of the practice library: list, detail, forms, moderation, collections."""

from __future__ import annotations

import re

import pytest

from convivio.practices import services
from convivio.practices.models import Practice, PracticeEvent
from tests.factories import UserFactory, make_practice
from tests.html import soup_of, texts_of

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def housing(db):
    make_practice(title="Housing desk", country="ES", themes=["housing"])
    make_practice(title="Casa comune", country="IT", themes=["housing"])
    make_practice(title="Business mentors", country="ES", themes=["entrepreneurship"])


def _facet_count(html: str, name: str, value: str) -> int:
    match = re.search(
        rf'name="{name}" value="{re.escape(value)}"[^>]*>'
        r'[^<]*<span class="count">(\d+)',
        html,
    )
    assert match, f"no {name}={value} facet"
    return int(match.group(1))


# --- The list page ----------


def test_list_page_shows_practices_with_facets_and_counts(client, housing):
    response = client.get("/en/practices/")
    assert response.status_code == 200
    html = response.text
    assert "3 practices" in html
    for title in ("Housing desk", "Casa comune", "Business mentors"):
        assert title in html
    assert _facet_count(html, "theme", "housing") == 2
    assert _facet_count(html, "theme", "entrepreneurship") == 1
    assert _facet_count(html, "country", "ES") == 2
    assert _facet_count(html, "country", "IT") == 1


def test_filtering_by_facet_narrows_the_list_and_keeps_other_counts(client, housing):
    html = client.get("/en/practices/?theme=housing").text
    assert "2 practices" in html
    assert "Business mentors" not in html
    assert re.search(r'name="theme" value="housing" checked', html)
    # The theme facet is counted without the theme filter.
    assert _facet_count(html, "theme", "entrepreneurship") == 1
    assert _facet_count(html, "country", "ES") == 1


def test_htmx_request_gets_only_the_results_fragment(client, housing):
    response = client.get("/en/practices/?theme=housing", **HTMX)
    assert response.status_code == 200
    html = response.text
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html
    assert 'id="practice-filters"' not in html
    assert "Housing desk" in html
    assert "Business mentors" not in html


def test_the_same_request_without_javascript_gets_the_whole_page(client, housing):
    html = client.get("/en/practices/?theme=housing").text
    assert "<html" in html
    assert 'id="practice-filters"' in html
    assert 'id="results"' in html
    assert "Housing desk" in html


def test_shareable_url_restores_every_choice(client, housing):
    url = "/en/practices/?q=housing&theme=housing&country=ES&year_from=2019&sort=title"
    html = client.get(url).text
    assert re.search(r'<input id="q"[^>]*value="housing"', html)
    assert re.search(r'name="theme" value="housing" checked', html)
    assert re.search(r'name="country" value="ES" checked', html)
    assert 'name="year_from" min="1945" max="2100" value="2019"' in html
    assert '<option value="title" selected>' in html
    assert "1 practice " in html
    assert "Housing desk" in html


def test_pagination_links_keep_the_filters(client, settings):
    settings.CONVIVIO_PAGE_SIZE = 2
    for n in range(3):
        make_practice(title=f"Garden {n}", themes=["housing"])
    html = client.get("/en/practices/?theme=housing&sort=title").text
    assert "Page 1 of 2" in html
    next_link = re.search(r'<a rel="next" href="\?([^"]+)"', html).group(1)
    assert "theme=housing" in next_link
    assert "sort=title" in next_link
    assert "page=2" in next_link
    html = client.get(f"/en/practices/?{next_link.replace('&amp;', '&')}").text
    assert "Garden 2" in html
    assert "Garden 0" not in html


def test_unknown_facet_values_are_dropped_with_a_visible_note(client, housing):
    response = client.get(
        "/en/practices/?theme=nope&theme=housing&country=zz&sort=best"
    )
    assert response.status_code == 200
    html = response.text
    assert "Ignored unknown theme: nope." in html
    assert "Ignored unknown country: ZZ." in html
    assert "Ignored unknown sort order." in html
    assert "2 practices" in html  # the known theme still applies


@pytest.mark.parametrize("param", ["year_from", "year_to"])
@pytest.mark.parametrize("value", ["abc", "1200", "99999999999999999999", "20.5"])
def test_bad_year_is_ignored_with_a_note(client, housing, param, value):
    response = client.get(f"/en/practices/?{param}={value}")
    assert response.status_code == 200
    label = param.replace("_", " ")
    assert f"Ignored {label}: give a year between 1945 and 2100." in response.text
    assert "3 practices" in response.text


def test_reversed_years_are_ignored_with_a_note(client, housing):
    response = client.get("/en/practices/?year_from=2020&year_to=2010")
    assert response.status_code == 200
    assert "Ignored the years: 2020 is after 2010." in response.text
    assert "3 practices" in response.text


def test_overlong_query_is_shortened_with_a_note(client, housing):
    response = client.get("/en/practices/", {"q": "housing " * 40})
    assert response.status_code == 200
    assert "The search was shortened to 200 characters." in response.text


@pytest.mark.parametrize(
    "q",
    [
        '"unbalanced',
        "*",
        "-",
        "NEAR(",
        "(",
        ")",
        "AND",
        "OR NOT",
        "housing AND",
        "housing OR NOT desk",
        "hous*",
        '"housing desk"',
        "title:housing",
        "-housing",
        "^housing",
        "housing NEAR(desk, 2)",
        "' OR 1=1 --",
        "\\",
        "%",
        "\x00",
        "🏠 housing",
    ],
)
def test_fts_syntax_in_a_query_is_read_as_plain_words(client, housing, q):
    response = client.get("/en/practices/", {"q": q})
    assert response.status_code == 200
    assert re.search(r"\d+ practices?", response.text)


@pytest.mark.parametrize("q", ["desk OR cafe", "desk | cafe", "desk -cafe"])
def test_fts_operators_are_plain_words_not_operators(client, q):
    make_practice(title="Housing desk", summary="Rent advice.")
    make_practice(title="Language cafe", summary="Conversation evenings.")
    html = client.get("/en/practices/", {"q": q}).text
    # Read as words that must all match, not as "desk or cafe" / "desk not cafe".
    assert "0 practices" in html


def test_an_unbalanced_quote_still_finds_the_words(client, housing):
    html = client.get("/en/practices/", {"q": '"housing desk'}).text
    assert "1 practice " in html
    assert "Housing desk" in html


def test_the_search_page_finds_practices(client, housing):
    response = client.get("/en/search/?q=housing+desk")
    assert response.status_code == 200
    assert "Housing desk" in texts_of(response, ".search-hit h2")


# --- The detail page ----------


def test_detail_page_shows_the_practice(client, organisation):
    practice = make_practice(
        title="Housing desk",
        summary="Advice on rent contracts.",
        description="## How\n\nVolunteers **explain** contracts.",
        organisations=[(organisation.id, "implementing")],
        links=[("https://example.org/desk", "Desk website")],
        beneficiaries_count=340,
    )
    response = client.get(practice.get_absolute_url())
    assert response.status_code == 200
    html = response.text
    assert "<h1>Housing desk</h1>" in html
    assert "Advice on rent contracts." in html
    assert "<h3>How</h3>" in html
    assert "<strong>explain</strong>" in html
    assert "Associazione Ponti" in html
    assert 'href="https://example.org/desk"' in html
    # The figure in the element that holds it ("340" could be in a random
    # CSP nonce or CSRF token anywhere in the page).
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in soup_of(response).select("dl dt")
    }
    assert facts["Beneficiaries"] == "340"
    assert "Spain" in html


def test_unknown_practice_is_404(client):
    assert client.get("/en/practices/999999/").status_code == 404


@pytest.mark.parametrize("status", ["draft", "in_review", "archived"])
def test_unpublished_practice_is_hidden_from_visitors_and_other_users(
    client, author, stranger, status
):
    practice = make_practice(user=author, status=status)
    assert client.get(practice.get_absolute_url()).status_code == 404
    client.force_login(stranger)
    assert client.get(practice.get_absolute_url()).status_code == 404


def test_draft_is_shown_to_its_author_and_moderators_with_a_banner(
    client, author, moderator
):
    practice = make_practice(user=author, status="draft")
    for person in (author, moderator):
        client.force_login(person)
        response = client.get(practice.get_absolute_url())
        assert response.status_code == 200
        assert (
            "This practice is draft: only its authors and the moderators see it."
            in (response.text)
        )


# --- Submitting ----------


def _form(**overrides):
    data = {
        "language": "en",
        "title": "Neighbourhood welcome walks",
        "summary": "Residents show newcomers around their district.",
        "description": "Walks every **Saturday**.",
        "country": "IT",
        "themes": ["reception", "participation"],
        "target_groups": ["migrants"],
        "start_year": "2020",
        "end_year": "2023",
        "aims": "Know the district\nMeet neighbours",
        "phases": "Planning\nPick routes.\n\nWalking\nEvery Saturday.",
        "links": "https://example.org/walks Walks website",
        "funding_currency": "eur",
    }
    data.update(overrides)
    return data


def test_submit_form_needs_an_account(client):
    response = client.get("/en/practices/submit/")
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")


def test_submitting_a_valid_form_saves_a_draft_with_its_history(client, user):
    client.force_login(user)
    assert client.get("/en/practices/submit/").status_code == 200
    response = client.post("/en/practices/submit/", _form(), follow=True)
    assert response.status_code == 200
    assert "Your practice was saved as a draft." in response.text
    practice = Practice.objects.get()
    assert response.redirect_chain[-1][0] == practice.get_absolute_url()
    assert practice.status == Practice.Status.DRAFT
    assert practice.created_by == user
    assert practice.funding_currency == "EUR"
    translation = practice.translations.get()
    assert translation.aims == ["Know the district", "Meet neighbours"]
    assert translation.phases == [
        {"title": "Planning", "text": "Pick routes."},
        {"title": "Walking", "text": "Every Saturday."},
    ]
    assert [(x.url, x.title) for x in practice.links.all()] == [
        ("https://example.org/walks", "Walks website")
    ]
    assert list(practice.events.values_list("action", "actor")) == [
        ("created", user.id)
    ]


def test_send_for_review_puts_the_practice_in_the_queue(client, user):
    client.force_login(user)
    response = client.post(
        "/en/practices/submit/", _form(send_for_review="1"), follow=True
    )
    assert "Your practice was sent to the moderators." in response.text
    practice = Practice.objects.get()
    assert practice.status == Practice.Status.IN_REVIEW
    assert set(practice.events.values_list("action", flat=True)) == {
        "created",
        "submitted",
    }


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"themes": []}, "This field is required."),
        ({"title": "x" * 301}, "Ensure this value has at most 300 characters"),
        ({"summary": "s" * 1001}, "Ensure this value has at most 1000 characters"),
        (
            {"description": "d" * 50001},
            "Ensure this value has at most 50000 characters",
        ),
        ({"links": "javascript:alert(1)"}, "Line 1 is not a web address"),
        (
            {"links": "https://ok.example\ndata:text/html,x"},
            "Line 2 is not a web address",
        ),
        ({"themes": ["nope"]}, "Select a valid choice. nope is not one of"),
        ({"country": "XX"}, "Select a valid choice."),
        ({"language": "xx"}, "Select a valid choice."),
        ({"start_year": "2020", "end_year": "2019"}, "end year cannot be before"),
        ({"start_year": "abc"}, "Enter a whole number."),
        ({"start_year": "1800"}, "greater than or equal to 1945"),
        ({"funding_currency": "E1R"}, "Use a three-letter code such as EUR."),
        ({"contact_email": "not-an-address"}, "Enter a valid email address."),
        ({"beneficiaries_count": "-5"}, "greater than or equal to 0"),
    ],
)
def test_invalid_submission_shows_errors_and_saves_nothing(
    client, user, overrides, message
):
    client.force_login(user)
    response = client.post("/en/practices/submit/", _form(**overrides))
    assert response.status_code == 200
    assert message in response.text.replace("&#x27;", "'")
    assert Practice.objects.count() == 0
    assert PracticeEvent.objects.count() == 0


def test_invalid_submission_keeps_what_was_typed(client, user):
    client.force_login(user)
    response = client.post(
        "/en/practices/submit/", _form(title="", summary="Kept text")
    )
    assert "Kept text" in response.text


def test_hostile_markdown_and_html_are_inert_on_the_detail_page(
    client, user, moderator
):
    client.force_login(user)
    hostile = (
        "<script>alert('desc')</script>\n\n"
        '<img src=x onerror="alert(1)">\n\n'
        "[click me](javascript:alert(2))\n\n"
        '<a href="javascript:alert(3)">raw link</a>\n\n'
        "# Big heading"
    )
    client.post(
        "/en/practices/submit/",
        _form(
            title="<script>alert('title')</script>Walks",
            summary='<b onmouseover="alert(4)">bold</b>',
            description=hostile,
            results="<iframe src='https://evil.example'></iframe>",
        ),
    )
    practice = Practice.objects.get()
    services.practice_transition(user=moderator, practice=practice, action="published")
    client.logout()
    for url in (practice.get_absolute_url(), "/en/practices/", "/en/"):
        html = client.get(url).text
        body = html.split("<body", 1)[1]
        assert "<script>alert" not in body
        assert re.search(r"<[^>]*\son\w+=", body) is None, url
        assert re.search(r"<a[^>]*href=[\"']?\s*javascript", body, re.I) is None
        assert "<iframe" not in body
    detail = client.get(practice.get_absolute_url()).text
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;Walks" in detail
    assert "<h3>Big heading</h3>" in detail
    assert "<h1>Big heading" not in detail


# --- Editing ----------


def test_edit_form_is_filled_in_and_saves_changes(client, author, organisation):
    practice = make_practice(
        user=author, status="draft", organisations=[(organisation.id, "implementing")]
    )
    client.force_login(author)
    html = client.get(f"/en/practices/{practice.pk}/edit/").text
    assert 'value="Mentoring migrant entrepreneurs"' in html
    response = client.post(
        f"/en/practices/{practice.pk}/edit/",
        _form(title="Mentoring, second edition", implementing=[organisation.id]),
        follow=True,
    )
    assert "Your changes were saved." in response.text
    assert "<h1>Mentoring, second edition</h1>" in response.text
    assert practice.events.first().action == "edited"


def test_invalid_edit_changes_nothing(client, author):
    practice = make_practice(user=author, status="draft")
    client.force_login(author)
    response = client.post(f"/en/practices/{practice.pk}/edit/", _form(title="x" * 301))
    assert "Ensure this value has at most 300 characters" in response.text
    assert practice.translations.get().title == "Mentoring migrant entrepreneurs"


def test_edit_is_refused_to_other_users(client, stranger, author):
    published = make_practice(user=author)
    draft = make_practice(user=author, status="draft")
    client.force_login(stranger)
    response = client.get(f"/en/practices/{published.pk}/edit/")
    assert response.status_code == 403
    assert "You cannot edit this practice." in response.text
    response = client.post(f"/en/practices/{published.pk}/edit/", _form(title="Mine"))
    assert response.status_code == 403
    assert client.get(f"/en/practices/{draft.pk}/edit/").status_code == 404
    assert published.translations.get().title == "Mentoring migrant entrepreneurs"


def test_organisation_editor_may_edit_its_practices(client, editor, organisation):
    practice = make_practice(
        status="draft", organisations=[(organisation.id, "implementing")]
    )
    client.force_login(editor)
    assert client.get(f"/en/practices/{practice.pk}/edit/").status_code == 200


# --- Moderation ----------


def test_moderation_queue_is_for_moderators_only(client, user, moderator):
    waiting = make_practice(title="Waiting walks", status="in_review")
    make_practice(title="Draft walks", status="draft")
    client.force_login(user)
    response = client.get("/en/practices/review/")
    assert response.status_code == 403
    assert "Only moderators see the review queue." in response.text
    client.force_login(moderator)
    response = client.get("/en/practices/review/")
    assert response.status_code == 200
    assert "Waiting walks" in response.text
    assert waiting.get_absolute_url() in response.text
    assert "Draft walks" not in response.text


def test_moderation_queue_asks_anonymous_visitors_to_sign_in(client):
    response = client.get("/en/practices/review/")
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")


def test_author_submits_and_moderator_publishes_through_the_pages(
    client, author, moderator
):
    practice = make_practice(user=author, status="draft")
    url = f"/en/practices/{practice.pk}/status/"
    client.force_login(author)
    response = client.post(url, {"action": "submitted"}, follow=True)
    assert "The practice is now in review." in response.text
    response = client.post(url, {"action": "published"})
    assert response.status_code == 403
    client.force_login(moderator)
    response = client.post(url, {"action": "published"}, follow=True)
    assert "The practice is now published." in response.text
    client.logout()
    assert "Mentoring migrant entrepreneurs" in client.get("/en/practices/").text


def test_illegal_transition_through_the_page_shows_the_reason(client, moderator):
    practice = make_practice(status="draft")
    client.force_login(moderator)
    response = client.post(
        f"/en/practices/{practice.pk}/status/", {"action": "archived"}, follow=True
    )
    assert response.status_code == 200
    assert "Only a published practice can be archived." in response.text
    response = client.post(
        f"/en/practices/{practice.pk}/status/", {"action": "explode"}, follow=True
    )
    assert "That action is not available." in response.text
    practice.refresh_from_db()
    assert practice.status == "draft"


def test_returning_without_a_comment_is_refused_on_the_page(client, moderator):
    practice = make_practice(status="in_review")
    client.force_login(moderator)
    response = client.post(
        f"/en/practices/{practice.pk}/status/", {"action": "returned"}, follow=True
    )
    assert "Say what needs to change." in response.text
    practice.refresh_from_db()
    assert practice.status == "in_review"


# --- Evaluation ----------

SCORES = {
    "relevance": "5",
    "effectiveness": "4",
    "sustainability": "3",
    "transferability": "4",
    "participation": "2",
    "gender_perspective": "1",
}


def test_evaluation_form_is_for_moderators_only(client, user):
    practice = make_practice()
    client.force_login(user)
    response = client.get(f"/en/practices/{practice.pk}/evaluate/")
    assert response.status_code == 403
    assert "Only moderators evaluate practices." in response.text
    assert (
        client.post(f"/en/practices/{practice.pk}/evaluate/", SCORES).status_code == 403
    )


def test_evaluations_are_saved_and_their_averages_shown(client, admin_user, moderator):
    practice = make_practice()
    client.force_login(moderator)
    assert client.get(f"/en/practices/{practice.pk}/evaluate/").status_code == 200
    response = client.post(
        f"/en/practices/{practice.pk}/evaluate/",
        {**SCORES, "comment": "Strong local ownership."},
        follow=True,
    )
    assert "Thank you: your evaluation was saved." in response.text
    second = UserFactory(username="mod2")
    from convivio.core.services import moderator_grant

    moderator_grant(actor=admin_user, user=second)
    client.force_login(second)
    client.post(
        f"/en/practices/{practice.pk}/evaluate/",
        {**SCORES, "relevance": "4", "gender_perspective": "2"},
    )
    client.logout()
    html = client.get(practice.get_absolute_url()).text
    assert "2 evaluations" in html
    assert 'value="4.5"></meter> 4.5' in html  # relevance (5 + 4) / 2
    assert 'value="1.5"></meter> 1.5' in html  # gender perspective (1 + 2) / 2
    assert 'value="4.0"></meter> 4.0' in html  # effectiveness
    assert "Strong local ownership." in html


def test_incomplete_evaluation_shows_errors_and_saves_nothing(client, moderator):
    practice = make_practice()
    client.force_login(moderator)
    response = client.post(
        f"/en/practices/{practice.pk}/evaluate/", {**SCORES, "relevance": "9"}
    )
    assert response.status_code == 200
    assert "Select a valid choice. 9 is not one of the available choices." in (
        response.text
    )
    assert practice.evaluations.count() == 0


# --- Collections and personal pages ----------


def test_collection_pages_list_its_published_practices_in_order(client, moderator):
    first = make_practice(title="First walk")
    second = make_practice(title="Second walk")
    hidden = make_practice(title="Draft walk", status="draft")
    collection = services.collection_create(
        user=moderator,
        title="Welcoming neighbourhoods",
        language="en",
        introduction="Why **walks** work.",
        recommendations=["Start with volunteers"],
        practices=[second, hidden, first],
    )
    html = client.get("/en/collections/").text
    assert "Welcoming neighbourhoods" in html
    assert collection.get_absolute_url() in html
    html = client.get(collection.get_absolute_url()).text
    assert "<strong>walks</strong>" in html
    assert "Start with volunteers" in html
    assert "Draft walk" not in html
    assert html.index("Second walk") < html.index("First walk")


def test_unknown_collection_is_404(client):
    assert client.get("/en/collections/424242/").status_code == 404


def test_my_practices_lists_the_users_own_records_in_every_status(client, author):
    make_practice(user=author, title="My draft", status="draft")
    make_practice(user=author, title="My published")
    make_practice(title="Not mine")
    client.force_login(author)
    html = client.get("/en/practices/mine/").text
    assert "My draft" in html
    assert "My published" in html
    assert "Not mine" not in html


def test_home_page_shows_latest_published_practices(client):
    make_practice(title="Fresh practice")
    make_practice(title="Unfinished practice", status="draft")
    html = client.get("/en/").text
    assert "Fresh practice" in html
    assert "Unfinished practice" not in html

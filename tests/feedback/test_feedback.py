"""Feedback from service users: channels, the short address, the anonymous
form, the poster, results over time with small groups hidden, public replies,
and what a service's page and a place's page show."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import segno
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from convivio.feedback import selectors, services
from convivio.feedback.models import Channel, FeedbackReply
from convivio.feedback.views import qr_svg
from convivio.surveys.models import (
    Answer,
    ChoiceTranslation,
    QuestionTranslation,
    Response,
    Survey,
)
from convivio.surveys.permissions import can_see_all_answers
from tests.community.factories import add_member, make_network
from tests.factories import UserFactory
from tests.html import soup_of, table_of, text_of, texts_of

from .factories import answer, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    return make_service()


@pytest.fixture
def channel(service) -> Channel:
    return services.channel_open(user=service.editor, target=service)


# ------------------------------------------------------------------ channels


def test_an_editor_opens_a_channel_in_the_services_languages(service, channel):
    survey = channel.survey
    assert channel.service == service and channel.is_open
    assert len(channel.code) == 6
    assert survey.status == Survey.Status.OPEN
    # Never among the open surveys, never answered through the surveys' pages.
    assert survey.access == Survey.Access.INVITATION
    assert survey.original_language_id == "pt"
    # The manager does not read the answers one by one on the surveys' pages.
    assert channel.created_by == service.editor and survey.created_by is None
    assert not can_see_all_answers(service.editor, survey)
    assert sorted(survey.translation_languages()) == ["ar", "en", "pt"]
    rating = survey.questions.get(name="rating")
    assert (rating.kind, rating.scale_min, rating.scale_max) == ("scale", 1, 5)
    labels = dict(
        QuestionTranslation.objects.filter(question=rating).values_list(
            "language_id", "label"
        )
    )
    assert set(labels) == {"pt", "ar", "en"}
    for code, label in labels.items():
        with translation.override(code):
            assert label == translation.gettext(services.RATING_LABEL)
    words = list(
        ChoiceTranslation.objects.filter(choice__question=rating, language_id="en")
        .order_by("choice__position")
        .values_list("choice__value", "label")
    )
    assert words == [
        ("1", "Very bad"),
        ("2", "Bad"),
        ("3", "So-so"),
        ("4", "Good"),
        ("5", "Very good"),
    ]


def test_languages_outside_the_platform_are_left_out():
    service = make_service(languages=("pt", "wo", "ar"))
    assert services.offered_languages(service) == ["pt", "ar"]


def test_a_stranger_cannot_open_a_channel(service):
    with pytest.raises(PermissionDenied):
        services.channel_open(user=UserFactory(), target=service)
    assert not Channel.objects.exists() and not Survey.objects.exists()


def test_network_coordinators_open_channels_members_do_not():
    network = make_network()
    member = add_member(network)
    with pytest.raises(PermissionDenied):
        services.channel_open(user=member, target=network)
    coordinator = network.members.get(role="coordinator").user
    channel = services.channel_open(user=coordinator, target=network)
    assert channel.network == network and channel.service is None


def test_a_channel_has_exactly_one_target(service, channel):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Channel.objects.filter(pk=channel.pk).update(network=make_network())
    with pytest.raises(IntegrityError), transaction.atomic():
        Channel.objects.filter(pk=channel.pk).update(service=None)


def test_opening_again_shows_the_open_channels_poster(client, service, channel):
    client.force_login(service.editor)
    response = client.post(reverse("feedback:open", args=["service", service.pk]))
    assert response.url == reverse("feedback:poster", args=[channel.code])
    assert Channel.objects.count() == 1


def test_open_with_a_wrong_kind_or_id(client, service):
    client.force_login(service.editor)
    assert (
        client.post(reverse("feedback:open", args=["plan", service.pk])).status_code
        == 404
    )
    assert (
        client.post(reverse("feedback:open", args=["service", 999999])).status_code
        == 404
    )
    assert not Channel.objects.exists()


# ------------------------------------------------------------ short address


def test_the_short_address_follows_the_browser(client, channel):
    path = reverse("feedback_short:go", args=[channel.code])
    assert path == f"/f/{channel.code}"
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    assert response.status_code == 302
    assert response.url == f"/ar/feedback/{channel.code}/"
    # German is not offered: the service's first language.
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="de")
    assert response.url == f"/pt/feedback/{channel.code}/"
    # The language chosen on the site beats the browser's.
    client.cookies["django_language"] = "en"
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="ar")
    assert response.url == f"/en/feedback/{channel.code}/"


def test_the_short_address_takes_any_case_and_refuses_nonsense(client, channel):
    response = client.get(f"/f/{channel.code.upper()}", HTTP_ACCEPT_LANGUAGE="pt")
    assert response.url == f"/pt/feedback/{channel.code}/"
    for wrong in ("000000", "<script>", "x" * 300, "abcdef"):
        assert client.get(f"/f/{wrong}").status_code == 404


def test_a_language_not_offered_shows_the_first_one(client, channel):
    response = client.get(f"/de/feedback/{channel.code}/")
    assert response.url == f"/pt/feedback/{channel.code}/"


# ---------------------------------------------------------------------- form


def test_the_form_in_arabic_is_right_to_left_and_offers_the_others(client, channel):
    response = client.get(f"/ar/feedback/{channel.code}/")
    assert response.status_code == 200
    page = soup_of(response)
    assert page.html["dir"] == "rtl" and page.html["lang"] == "ar"
    with translation.override("ar"):
        assert translation.gettext(services.RATING_LABEL) in text_of(response, "legend")
    links = {a["hreflang"]: a["href"] for a in page.select(".survey-languages a")}
    assert links == {
        "pt": f"/pt/feedback/{channel.code}/",
        "en": f"/en/feedback/{channel.code}/",
    }
    assert len(page.select("input[name=rating]")) == 5


def test_an_answer_is_stored_anonymously_with_its_language(client, channel):
    response = client.post(
        f"/ar/feedback/{channel.code}/",
        {"rating": "4", "comment": "شكرا على المساعدة"},
    )
    assert response.url == f"/ar/feedback/{channel.code}/thanks/"
    stored = Response.objects.get(survey=channel.survey)
    assert stored.language_id == "ar"
    answers = {a.question.name: a for a in stored.answers.select_related("question")}
    assert answers["rating"].number == Decimal(4)
    assert answers["comment"].text == "شكرا على المساعدة"
    thanks = client.get(response.url)
    assert thanks.status_code == 200 and soup_of(thanks).html["dir"] == "rtl"


@pytest.mark.parametrize(
    "data",
    [
        {"rating": "9"},
        {"rating": "<script>alert(1)</script>"},
        {"comment": "no rating"},
        {"rating": "3", "comment": "x" * 10_000},
        {"rating": "3", "website": "https://spam.example"},
    ],
)
def test_wrong_answers_are_refused_and_nothing_is_stored(client, channel, data):
    response = client.post(f"/en/feedback/{channel.code}/", data)
    assert response.status_code == 400
    assert soup_of(response).select(".form-errors li")
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_a_closed_channel_takes_no_answer(client, service, channel):
    services.channel_set_open(user=service.editor, channel=channel, is_open=False)
    assert client.get(f"/en/feedback/{channel.code}/").status_code == 200
    response = client.post(f"/en/feedback/{channel.code}/", {"rating": "5"})
    assert response.status_code == 410
    assert not Response.objects.exists()
    with pytest.raises(ValidationError):
        answer(channel, 5)
    assert Survey.objects.get().status == Survey.Status.CLOSED


def test_answers_from_one_address_are_limited(client, settings, channel):
    settings.CONVIVIO_RATE_FEEDBACK = "2/h"
    url = f"/en/feedback/{channel.code}/"
    for _ in range(2):
        assert client.post(url, {"rating": "5"}).status_code == 302
    response = client.post(url, {"rating": "5", "comment": "kept"})
    assert response.status_code == 429 and response["Retry-After"]
    assert "kept" in response.content.decode()
    assert Response.objects.count() == 2


# -------------------------------------------------------------------- poster


def test_the_poster_carries_the_short_address_as_a_qr_code(client, service, channel):
    client.force_login(service.editor)
    response = client.get(reverse("feedback:poster", args=[channel.code]))
    assert response.status_code == 200
    url = f"http://testserver/f/{channel.code}"
    html = response.content.decode()
    # The same SVG as segno makes for the short address, and nothing else.
    assert qr_svg(url) in html
    assert qr_svg(url) != qr_svg(url + "x")
    assert segno.make(url, error="m").designator  # a code segno can make
    page = soup_of(response)
    assert text_of(response, ".poster-address") == f"testserver/f/{channel.code}"
    sentences = {
        li["lang"]: li.get_text() for li in page.select(".poster-sentences li")
    }
    assert set(sentences) == {"pt", "ar", "en"}
    assert sentences["en"] == "Tell us how we did"
    assert page.select_one(".poster-sentences li[lang=ar]")["dir"] == "rtl"
    png = client.get(reverse("feedback:poster_png", args=[channel.code]))
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")


def test_only_managers_print_the_poster(client, channel):
    client.force_login(UserFactory())
    assert (
        client.get(reverse("feedback:poster", args=[channel.code])).status_code == 403
    )


# ------------------------------------------------------------------- results


def _answers(channel, month: dt.date, ratings: list[int]) -> None:
    for rating in ratings:
        answer(channel, rating, on=month.replace(day=10))


def test_results_per_month_hide_small_groups(settings, channel):
    """Computed by hand (threshold 5):

    January 5 5 4 4 3 1 (6 answers, 22 points), February 2 2 3 (3, 7 points),
    March 5 5 5 5 5 4 4 (7, 33 points), nothing in April.
    February is below 5: hidden.  The months add up to the published total (16),
    so one more is hidden, the smallest above zero: January (6).  April shows 0.
    March: 33 / 7 = 4.714 → 4.7; its spread 5×5, 4×2: the 2 is small,
    the 5 goes too (else 7 − 5 gives it), and with the average published (the
    sum 33) two hidden counts are fixed by two lines, so a third, the first zero
    ("1"), is hidden.  Overall 62 / 16 = 3.875 → 3.9.
    """
    settings.CONVIVIO_SMALL_CELL_THRESHOLD = 5
    _answers(channel, dt.date(2026, 1, 1), [5, 5, 4, 4, 3, 1])
    _answers(channel, dt.date(2026, 2, 1), [2, 2, 3])
    _answers(channel, dt.date(2026, 3, 1), [5, 5, 5, 5, 5, 4, 4])
    found = selectors.results(channel.service, today=dt.date(2026, 4, 20))
    assert found.count == 16 and found.average == Decimal("3.9")
    months = {row.month: row for row in found.months}
    assert [row.month.month for row in found.months] == [4, 3, 2, 1]
    assert months[dt.date(2026, 2, 1)].hidden
    assert months[dt.date(2026, 1, 1)].hidden
    assert months[dt.date(2026, 1, 1)].count_display == "hidden"
    assert months[dt.date(2026, 1, 1)].average is None
    assert months[dt.date(2026, 1, 1)].points == []
    april = months[dt.date(2026, 4, 1)]
    assert not april.hidden and april.count_display == "0"
    march = months[dt.date(2026, 3, 1)]
    assert not march.hidden and march.count == 7
    assert march.average == Decimal("4.7")
    assert [(p.value, p.display) for p in march.points] == [
        ("1", "hidden"),
        ("2", "0"),
        ("3", "0"),
        ("4", "hidden"),
        ("5", "hidden"),
    ]


def test_a_large_month_shows_its_spread(settings, channel):
    """10 answers: 5 fives, 5 fours → average 4.5, nothing hidden."""
    settings.CONVIVIO_SMALL_CELL_THRESHOLD = 5
    _answers(channel, dt.date(2026, 5, 1), [5] * 5 + [4] * 5)
    found = selectors.results(channel.service, today=dt.date(2026, 5, 2))
    (may,) = found.months
    assert (may.count, may.average) == (10, Decimal("4.5"))
    assert [p.display for p in may.points] == ["0", "0", "0", "5", "5"]


def test_too_few_answers_show_no_average(settings, client, channel):
    settings.CONVIVIO_SMALL_CELL_THRESHOLD = 5
    _answers(channel, dt.date(2026, 1, 1), [1, 2, 5, 5])
    found = selectors.results(channel.service, today=dt.date(2026, 1, 20))
    assert found.average is None and found.months[0].hidden
    page = client.get(reverse("feedback:results", args=[channel.code]))
    assert table_of(page, ".feedback-months")[1][1] == "hidden"
    assert "out of 5" not in text_of(page, ".feedback-results")


def test_comments_are_for_managers_only_and_never_run(client, service, channel):
    answer(channel, 1, "<script>alert('x')</script><a href='javascript:x'>y</a>")
    url = reverse("feedback:results", args=[channel.code])
    public = client.get(url).content.decode()
    assert "alert" not in public
    client.force_login(service.editor)
    page = client.get(url)
    html = page.content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "javascript:x'" not in html
    assert "<a href='javascript" not in html
    assert texts_of(page, ".feedback-comments blockquote")


# ------------------------------------------------------------------- replies


def test_the_organisation_replies_publicly(client, service, channel):
    client.force_login(service.editor)
    month = dt.date.today().strftime("%Y-%m")
    response = client.post(
        reverse("feedback:reply", args=[channel.code]),
        {"month": month, "text": "Obrigado! <script>alert(1)</script>"},
    )
    assert response.status_code == 302
    reply = FeedbackReply.objects.get()
    assert reply.by == service.editor and reply.month.day == 1
    client.logout()
    page = client.get(service.get_absolute_url())
    assert "Obrigado!" in text_of(page, ".feedback-replies")
    assert "<script>alert(1)" not in page.content.decode()


def test_a_reply_to_a_comment_takes_its_month(client, service, channel):
    given = answer(channel, 2, "Esperei muito", on=dt.date(2026, 2, 14))
    comment = given.answers.get(question__name="comment")
    reply = services.reply_add(
        user=service.editor, channel=channel, text="Vamos melhorar.", answer=comment
    )
    assert reply.month == dt.date(2026, 2, 1) and reply.answer == comment


def test_replies_are_refused_to_others_and_to_wrong_input(client, service, channel):
    other = make_service(name="Outro")
    other_channel = services.channel_open(user=other.editor, target=other)
    alien = answer(other_channel, 3, "noutro sítio").answers.get(
        question__name="comment"
    )
    client.force_login(UserFactory())
    url = reverse("feedback:reply", args=[channel.code])
    assert client.post(url, {"month": "2026-01", "text": "x"}).status_code == 403
    client.force_login(service.editor)
    for data in (
        {"month": "2026-13", "text": "x"},
        {"month": "2026-01", "text": "   "},
        {"text": "no month"},
        {"answer": str(alien.pk), "text": "not ours"},
        {"answer": "999999", "text": "gone"},
        {"month": "2026-01", "text": "x" * 10_000},
    ):
        assert client.post(url, data).status_code == 400, data
    assert not FeedbackReply.objects.exists()


def test_a_manager_takes_a_reply_down(client, service, channel):
    reply = services.reply_add(
        user=service.editor, channel=channel, text="Old", month=dt.date(2026, 1, 1)
    )
    client.force_login(UserFactory())
    assert (
        client.post(reverse("feedback:reply_delete", args=[reply.pk])).status_code
        == 403
    )
    client.force_login(service.editor)
    client.post(reverse("feedback:reply_delete", args=[reply.pk]))
    reply.refresh_from_db()
    assert reply.state == FeedbackReply.State.DELETED
    assert selectors.replies(service) == []


def test_closing_and_reopening(client, service, channel):
    client.force_login(service.editor)
    url = reverse("feedback:state", args=[channel.code])
    client.post(url, {"open": "0"})
    channel.refresh_from_db()
    assert not channel.is_open
    assert client.post(url, {"open": "maybe"}).status_code == 302
    channel.refresh_from_db()
    assert not channel.is_open
    client.post(url, {"open": "1"})
    channel.refresh_from_db()
    assert channel.is_open


# ------------------------------------------------------------ other pages


def test_the_service_page_section(
    client, settings, service, channel, django_assert_max_num_queries
):
    settings.CONVIVIO_SMALL_CELL_THRESHOLD = 5
    for rating in (5, 4, 4, 3, 2):
        answer(channel, rating)
    with django_assert_max_num_queries(25):
        page = client.get(service.get_absolute_url())
    section = text_of(page, ".feedback-section")
    assert "3.6 out of 5" in section  # 18 / 5
    assert "from 5 answers" in section
    give = soup_of(page).select_one(".feedback-section a.button")
    assert give["href"] == reverse("feedback:form", args=[channel.code])
    assert "Poster for the door" not in section
    client.force_login(service.editor)
    with django_assert_max_num_queries(30):
        page = client.get(service.get_absolute_url())
    assert "Poster for the door" in text_of(page, ".feedback-section")


def test_a_service_without_feedback_shows_the_button_to_its_editors(client):
    service = make_service()
    page = client.get(service.get_absolute_url())
    assert not soup_of(page).select(".feedback-section")
    client.force_login(service.editor)
    page = client.get(service.get_absolute_url())
    action = reverse("feedback:open", args=["service", service.pk])
    assert soup_of(page).select_one(f".feedback-section form[action='{action}']")


def test_what_service_users_say_on_the_place_page(
    client, settings, django_assert_max_num_queries
):
    """Hand-computed: A 5 answers 3 3 3 2 2 → 2.6; B 6 answers 5 5 4 4 4 3 →
    25 / 6 = 4.17 → 4.2; C 4 answers (too few): not listed.  Lowest first."""
    settings.CONVIVIO_SMALL_CELL_THRESHOLD = 5
    rated = {}
    for name, ratings in (
        ("Serviço A", [3, 3, 3, 2, 2]),
        ("Serviço B", [5, 5, 4, 4, 4, 3]),
        ("Serviço C", [1, 1, 1, 1]),
    ):
        service = make_service(name=name)
        channel = services.channel_open(user=service.editor, target=service)
        for rating in ratings:
            answer(channel, rating)
        rated[name] = service
    town = rated["Serviço A"].service_locations.get().location.territory
    found = selectors.place_ratings(town)
    assert [(r.service.pk, r.count, r.average) for r in found] == [
        (rated["Serviço A"].pk, 5, Decimal("2.6")),
        (rated["Serviço B"].pk, 6, Decimal("4.2")),
    ]
    with django_assert_max_num_queries(40):
        page = client.get(reverse("core:territory", args=[town.pk]))
    assert table_of(page, ".feedback-ratings")[1:] == [
        ["Serviço A", "2.6", "5"],
        ["Serviço B", "4.2", "6"],
    ]


# -------------------------------------------------------------------- events


def test_an_events_organisers_ask_for_feedback_on_it(client):
    from tests.events.factories import past_event

    network = make_network()
    event = past_event(network, title="Oficina sobre habitação")
    with pytest.raises(PermissionDenied):
        services.channel_open(user=add_member(network), target=event)
    coordinator = network.members.get(role="coordinator").user
    channel = services.channel_open(user=coordinator, target=event)
    assert channel.event == event and channel.target == event
    assert channel.survey.territory == network.territory
    answer(channel, 4, "Gostei muito.")
    page = client.get(f"/pt/feedback/{channel.code}/")
    assert text_of(page, "h1") == "Oficina sobre habitação"
    assert selectors.results(event).count == 1
    event_page = client.get(event.get_absolute_url())
    give = soup_of(event_page).select_one(".feedback-section a.button")
    assert give["href"] == reverse("feedback:form", args=[channel.code])


def test_the_results_page_reads_a_bounded_number_of_times(
    client, settings, service, channel, django_assert_max_num_queries
):
    settings.CONVIVIO_SMALL_CELL_THRESHOLD = 5
    for month in range(1, 13):
        for rating in (1, 3, 5, 5, 4, 2):
            answer(channel, rating, f"Comentário {rating}", on=dt.date(2025, month, 3))
    services.reply_add(
        user=service.editor, channel=channel, text="Obrigado", month=dt.date(2025, 5, 1)
    )
    url = reverse("feedback:results", args=[channel.code])
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert len(table_of(page, ".feedback-months")) > 12
    client.force_login(service.editor)
    with django_assert_max_num_queries(25):
        page = client.get(url)
    assert texts_of(page, ".feedback-comments blockquote")

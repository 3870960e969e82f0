"""Limits on how often one address or member creates things (core.ratelimit).

Each test sets a tiny limit; the cache (where counts live) is emptied around
every test by the autouse fixture of tests/conftest.py.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from convivio.core import ratelimit
from convivio.core.models import Organisation, User
from convivio.core.ratelimit import Rate, RateLimited, parse_rate
from convivio.core.services import organisation_propose
from convivio.ingest.models import IngestJob
from convivio.library.models import Link
from convivio.library.services import LinkData, link_create
from convivio.practices.models import Practice
from convivio.surveys.models import Response
from tests.factories import UserFactory
from tests.html import text_of
from tests.practices.test_views import _form
from tests.surveys.test_answering import GOOD, build, post_data
from tests.surveys.test_answering import team as team


def test_rates_are_written_count_slash_period():
    assert parse_rate("60/h") == Rate(60, 3600)
    assert parse_rate("5/10m") == Rate(5, 600)
    assert parse_rate(" 3 / d ") == Rate(3, 86400)
    assert parse_rate("") is None and parse_rate("0") is None
    assert parse_rate("0/h") is None
    with pytest.raises(ValueError):
        parse_rate("sixty an hour")


def test_the_count_restarts_with_the_next_window(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(ratelimit.time, "time", lambda: now[0])
    with override_settings(CONVIVIO_RATE_MEMBER="2/m"):
        for _ in range(2):
            ratelimit.check("thing", "someone", "CONVIVIO_RATE_MEMBER", "%(wait)s")
        with pytest.raises(RateLimited) as refused:
            ratelimit.check("thing", "someone", "CONVIVIO_RATE_MEMBER", "%(wait)s")
        # 1,000,000 s is 40 s into its minute: 20 s (and one) to wait.
        assert refused.value.retry_after == 21
        assert refused.value.messages == ["21 seconds"]
        # Someone else, or something else, counts apart.
        ratelimit.check("thing", "another", "CONVIVIO_RATE_MEMBER", "%(wait)s")
        ratelimit.check("other", "someone", "CONVIVIO_RATE_MEMBER", "%(wait)s")
        now[0] += 21
        ratelimit.check("thing", "someone", "CONVIVIO_RATE_MEMBER", "%(wait)s")


def test_no_limit_when_the_setting_is_empty():
    with override_settings(CONVIVIO_RATE_MEMBER=""):
        for _ in range(50):
            ratelimit.check("thing", "someone", "CONVIVIO_RATE_MEMBER", "%(wait)s")


def test_an_address_is_kept_only_as_a_keyed_hash(rf, settings):
    request = rf.get("/", REMOTE_ADDR="203.0.113.9")
    key = ratelimit.address_key(request)
    assert "203.0.113.9" not in key and key.startswith("address:")
    assert key == ratelimit.address_key(rf.get("/", REMOTE_ADDR="203.0.113.9"))
    assert key != ratelimit.address_key(rf.get("/", REMOTE_ADDR="203.0.113.10"))
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789"
    assert key != ratelimit.address_key(request)


def test_behind_the_proxy_the_address_it_saw_counts(rf, settings):
    forged = rf.get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9"
    )
    direct = rf.get("/", REMOTE_ADDR="203.0.113.9")
    settings.CONVIVIO_TRUST_X_FORWARDED_FOR = False
    assert ratelimit.address_key(forged) != ratelimit.address_key(direct)
    settings.CONVIVIO_TRUST_X_FORWARDED_FOR = True
    # The last hop is the one our proxy added; the first is the client's word.
    assert ratelimit.address_key(forged) == ratelimit.address_key(direct)


# ------------------------------------------------------------------ survey answers


@override_settings(CONVIVIO_RATE_ANSWERS="2/h")
def test_survey_answers_from_one_address_are_limited(client, team):
    survey = build(team)
    url = reverse("surveys:answer", args=[survey.pk])
    for _ in range(2):
        sent = client.post(url, post_data(GOOD), REMOTE_ADDR="203.0.113.9")
        assert sent.status_code == 302
    refused = client.post(url, post_data(GOOD), REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3601
    assert "Many answers have come from your connection" in text_of(
        refused, "[role=alert]"
    )
    # Nothing saved, nothing lost: the answers are still in the form.
    assert Response.objects.count() == 2
    html = refused.content.decode()
    assert 'value="health" checked' in html and 'value="work" checked' in html
    assert 'value="2,5"' in html
    # Another address is counted apart.
    other = client.post(url, post_data(GOOD), REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302
    assert Response.objects.count() == 3


@override_settings(CONVIVIO_RATE_ANSWERS="1/h")
def test_a_form_sent_back_for_a_mistake_does_not_count(client, team):
    survey = build(team)
    url = reverse("surveys:answer", args=[survey.pk])
    wrong = client.post(url, post_data({**GOOD, "interpreter": ""}))
    assert wrong.status_code == 400
    assert client.post(url, post_data(GOOD)).status_code == 302


@override_settings(CONVIVIO_RATE_ANSWERS="1/h")
def test_invitation_links_are_not_limited(client, team):
    from convivio.surveys import services
    from convivio.surveys.models import Survey

    survey = build(team, access=Survey.Access.INVITATION)
    invitations = services.invitations_create(user=team, survey=survey, n=3)
    for invitation in invitations:
        url = reverse("surveys:invitation", args=[survey.pk, invitation.token])
        assert client.post(url, post_data(GOOD)).status_code == 302
    assert Response.objects.count() == 3


# ------------------------------------------------------------------ members


@override_settings(CONVIVIO_RATE_MEMBER="2/h")
def test_practices_one_member_submits_are_limited(client, user):
    client.force_login(user)
    for index in range(2):
        sent = client.post("/en/practices/submit/", _form(title=f"Walks {index}"))
        assert sent.status_code == 302
    refused = client.post("/en/practices/submit/", _form(title="Walks again"))
    assert refused.status_code == 429
    assert "You have created a lot in a short time" in text_of(refused, ".form-errors")
    assert Practice.objects.count() == 2
    # What they typed is still in the form.
    assert 'value="Walks again"' in refused.content.decode()
    # Another member is counted apart.
    client.force_login(UserFactory(username="other"))
    assert client.post("/en/practices/submit/", _form()).status_code == 302
    assert Practice.objects.count() == 3


@override_settings(CONVIVIO_RATE_MEMBER="1/h")
def test_administrators_are_not_limited(client, admin_user):
    client.force_login(admin_user)
    for index in range(3):
        sent = client.post("/en/practices/submit/", _form(title=f"Walks {index}"))
        assert sent.status_code == 302
    assert Practice.objects.count() == 3


@override_settings(CONVIVIO_RATE_UPLOADS="1/h")
def test_uploads_are_limited_and_the_rest_is_not_read(client, user):
    client.force_login(user)
    files = [
        SimpleUploadedFile("a.txt", b"Notes of the first meeting.\n" * 20),
        SimpleUploadedFile("b.txt", b"Notes of the second meeting.\n" * 20),
    ]
    refused = client.post(reverse("ingest:upload"), {"files": files})
    assert refused.status_code == 429
    assert "You have created a lot in a short time" in text_of(refused, ".form-errors")
    assert IngestJob.objects.count() == 1


@override_settings(CONVIVIO_RATE_MEMBER="1/h")
def test_links_and_organisations_are_limited(user):
    link_create(user=user, data=LinkData(title="Guide", url="https://example.org/a"))
    with pytest.raises(RateLimited):
        link_create(user=user, data=LinkData(title="Map", url="https://example.org/b"))
    assert Link.objects.count() == 1
    organisation_propose(actor=user, name="Casa Aperta")
    with pytest.raises(RateLimited):
        organisation_propose(actor=user, name="Porta Aperta")
    assert not Organisation.objects.filter(name="Porta Aperta").exists()


def test_signups_from_one_address_are_limited(client, settings, db):
    settings.CONVIVIO_RATE_SIGNUPS = "1/h"

    def sign_up(name: str):
        client.logout()
        return client.post(
            reverse("core:signup"),
            {
                "username": name,
                "email": f"{name}@example.org",
                "password1": "a long enough pass phrase",
                "password2": "a long enough pass phrase",
            },
            REMOTE_ADDR="203.0.113.9",
        )

    assert sign_up("first").status_code == 302
    refused = sign_up("second")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3601
    assert "Many accounts have been created" in text_of(refused, ".form-errors")
    assert not User.objects.filter(username="second").exists()


def test_password_reset_mails_from_one_address_are_limited(client, settings, user):
    settings.CONVIVIO_RATE_PASSWORD_RESETS = "2/h"
    user.email = "someone@example.org"
    user.save()

    def ask(address: str):
        return client.post(
            reverse("password_reset"), {"email": user.email}, REMOTE_ADDR=address
        )

    for _ in range(2):
        assert ask("203.0.113.9").status_code == 302
    assert len(mail.outbox) == 2
    refused = ask("203.0.113.9")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 3601
    assert "Many password reset mails have been asked" in text_of(
        refused, ".form-errors"
    )
    assert len(mail.outbox) == 2  # no third mail
    # Another address is counted apart; reading the form is never limited.
    assert ask("198.51.100.7").status_code == 302
    assert client.get(reverse("password_reset")).status_code == 200

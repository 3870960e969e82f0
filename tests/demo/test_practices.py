"""The hand-written practices demo (the browser tests' content): 22 practices in
English and Romanian, loadable twice; and the accounts `load_demo` prints."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from convivio.core.models import Organisation, Territory, User
from convivio.core.translation import Status, language_statuses
from convivio.demo import community as community_demo
from convivio.practices.models import (
    Collection,
    CollectionItem,
    Practice,
    PracticeEvaluation,
    PracticeEvent,
    PracticeLink,
    PracticeTranslation,
)
from convivio.practices.selectors import PracticeFilters, practice_search
from convivio.search.models import SearchEntry
from tests.demo import demo_load

pytestmark = pytest.mark.django_db

MODELS = (
    Practice,
    PracticeTranslation,
    PracticeEvent,
    PracticeLink,
    PracticeEvaluation,
    Collection,
    CollectionItem,
    Organisation,
    Territory,
    User,
    SearchEntry,
)


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_demo_loads_twice_without_duplicating_anything():
    loaded = demo_load()
    first = _counts()
    assert (loaded["practices"], loaded["created"]) == (22, 22)
    assert {username for username, _p, _r in loaded["accounts"]} == {
        "admin",
        "moderator",
        "member",
    }
    again = demo_load()
    assert _counts() == first
    assert (again["practices"], again["created"]) == (22, 0)


def test_demo_content_is_published_searchable_and_in_its_languages():
    demo_load()
    assert Practice.objects.count() == 22
    assert Practice.objects.filter(status="published").count() == 22
    romanian = Practice.objects.filter(original_language_id="ro")
    assert romanian.count() == 11
    assert {
        (code, status)
        for practice in romanian.prefetch_related("translations")
        for code, status in language_statuses(practice)
    } == {("ro", Status.ORIGINAL)}
    assert Practice.objects.filter(original_language_id="en").count() == 11
    assert SearchEntry.objects.filter(kind="practice").count() == 22
    assert Collection.objects.count() == 1
    assert Collection.objects.get().items.count() >= 2
    assert PracticeEvaluation.objects.count() == 1
    results = practice_search(filters=PracticeFilters(languages=("ro",)), language="en")
    assert results.total == 11


def test_demo_accounts_can_sign_in_with_the_printed_passwords(client, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    lines = out[out.index("Sign in at") :].splitlines()[1:]
    accounts = {
        parts[0]: parts[1]
        for parts in (line.split() for line in lines if line.startswith("  "))
    }
    # The platform's roles, then the people of Vale Novo's networks.
    networks_people = {person[1] for person in community_demo.PEOPLE}
    assert len(networks_people) == 14
    assert set(accounts) == {
        "admin",
        "moderator",
        "member",
        "officer",
        "reporter",
        *networks_people,
    }
    for username, password in accounts.items():
        response = client.post(
            "/en/accounts/login/",
            {"username": username, "password": password},
            REMOTE_ADDR="10.2.2.2",
        )
        assert response.status_code == 302, username
        assert client.session["_auth_user_id"] == str(
            User.objects.get(username=username).pk
        )
        client.post("/en/accounts/logout/")
    assert User.objects.get(username="admin").is_superuser

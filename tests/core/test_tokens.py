"""Personal API tokens: made on the profile page, shown once, stored hashed."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from convivio.core import tokens
from convivio.core.models import ApiToken
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_key_is_shown_once_and_only_its_hash_is_stored(user):
    token, key = tokens.token_create(user=user, name=" import script ")
    assert key.startswith("cv_") and len(key) > 40
    assert token.name == "import script"
    assert token.prefix == key[:8]
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {token.key_hash, token.prefix}
    assert tokens.token_user(key) == user


def test_each_key_is_different(user):
    _, first = tokens.token_create(user=user, name="a")
    _, second = tokens.token_create(user=user, name="b")
    assert first != second


def test_a_token_needs_a_name(user):
    with pytest.raises(ValidationError, match="Give the token a name"):
        tokens.token_create(user=user, name="   ")
    assert not ApiToken.objects.exists()


def test_a_person_keeps_a_bounded_number_of_tokens(user):
    for number in range(tokens.MAX_TOKENS_PER_USER):
        tokens.token_create(user=user, name=f"t{number}")
    with pytest.raises(ValidationError, match="revoke one"):
        tokens.token_create(user=user, name="one too many")
    assert ApiToken.objects.count() == tokens.MAX_TOKENS_PER_USER


@pytest.mark.parametrize(
    "key",
    ["", "cv_", "cv_nope", "not-a-key", "cv_" + "x" * 500, "Bearer cv_x", None, 12],
)
def test_unknown_or_malformed_keys_belong_to_nobody(user, key):
    tokens.token_create(user=user, name="real")
    assert tokens.token_user(key) is None


def test_an_inactive_account_cannot_use_its_keys(user):
    _, key = tokens.token_create(user=user, name="script")
    user.is_active = False
    user.save()
    assert tokens.token_user(key) is None


def test_revoked_key_stops_working(user):
    token, key = tokens.token_create(user=user, name="script")
    tokens.token_revoke(user=user, token=token)
    assert tokens.token_user(key) is None
    assert not ApiToken.objects.exists()


def test_nobody_revokes_someone_elses_token(user):
    token, key = tokens.token_create(user=user, name="script")
    with pytest.raises(PermissionDenied, match="only revoke your own"):
        tokens.token_revoke(user=UserFactory(), token=token)
    assert tokens.token_user(key) == user


def test_last_used_is_written_at_most_once_a_minute(user, django_assert_num_queries):
    token, key = tokens.token_create(user=user, name="script")
    with django_assert_num_queries(2):  # look-up, first use written
        tokens.token_user(key)
    token.refresh_from_db()
    first_use = token.last_used_at
    assert first_use is not None
    with django_assert_num_queries(1):  # look-up only
        tokens.token_user(key)
    token.refresh_from_db()
    assert token.last_used_at == first_use
    ApiToken.objects.filter(pk=token.pk).update(
        last_used_at=timezone.now() - timedelta(minutes=2)
    )
    tokens.token_user(key)
    token.refresh_from_db()
    assert token.last_used_at > first_use


# The profile page's "API tokens" section.


def test_profile_page_lists_my_tokens_only(client, user):
    tokens.token_create(user=user, name="my script")
    tokens.token_create(user=UserFactory(), name="their script")
    client.force_login(user)
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 200
    assert "API tokens" in response.text
    assert "my script" in response.text
    assert "their script" not in response.text


def test_profile_page_creates_a_token_and_shows_the_key_once(client, user):
    client.force_login(user)
    response = client.post("/en/accounts/profile/tokens/", {"name": "monthly import"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    key = response.context["new_key"]
    assert key.startswith(token.prefix)
    assert key in response.text
    assert "will not be shown again" in response.text
    assert tokens.token_user(key) == user
    # Never again.
    assert key not in client.get("/en/accounts/profile/").text


def test_profile_page_refuses_a_token_without_a_name(client, user):
    client.force_login(user)
    response = client.post("/en/accounts/profile/tokens/", {"name": ""})
    assert response.status_code == 400
    assert "This field is required." in response.text
    assert not ApiToken.objects.exists()


def test_profile_page_revokes_my_token(client, user):
    token, key = tokens.token_create(user=user, name="old script")
    client.force_login(user)
    response = client.post(
        f"/en/accounts/profile/tokens/{token.id}/revoke/", follow=True
    )
    assert response.status_code == 200
    assert "revoked" in response.text
    assert tokens.token_user(key) is None


def test_profile_page_does_not_revoke_someone_elses_token(client, user):
    token, key = tokens.token_create(user=UserFactory(), name="their script")
    client.force_login(user)
    response = client.post(f"/en/accounts/profile/tokens/{token.id}/revoke/")
    assert response.status_code == 404
    assert tokens.token_user(key) is not None


def test_token_pages_need_an_account_and_a_post(client, user):
    response = client.post("/en/accounts/profile/tokens/", {"name": "x"})
    assert response.status_code == 302
    assert not ApiToken.objects.exists()
    client.force_login(user)
    assert client.get("/en/accounts/profile/tokens/").status_code == 405

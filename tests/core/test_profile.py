import pytest
from django.core.exceptions import PermissionDenied

from convivio.core.services import profile_update
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_profile_page_saves_name_presentation_and_languages(client, user):
    client.force_login(user)
    assert client.get("/en/accounts/profile/").status_code == 200
    response = client.post(
        "/en/accounts/profile/",
        {
            "first_name": " Amina ",
            "last_name": "Diallo",
            "bio": "I coordinate language cafés.",
            "languages": ["fr", "wo"],
        },
        follow=True,
    )
    assert "Your profile was saved." in response.text
    user.refresh_from_db()
    assert user.get_full_name() == "Amina Diallo"
    assert user.profile.bio == "I coordinate language cafés."
    assert set(user.profile.languages.values_list("code", flat=True)) == {"fr", "wo"}


def test_profile_page_needs_an_account(client):
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302
    assert "/en/accounts/login/" in response["Location"]


def test_nobody_changes_someone_elses_profile(user):
    other = UserFactory()
    with pytest.raises(PermissionDenied, match="only change your own profile"):
        profile_update(
            actor=other,
            user=user,
            first_name="X",
            last_name="Y",
            bio="",
            languages=[],
        )
    user.refresh_from_db()
    assert user.first_name == ""

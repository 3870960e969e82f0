"""Sign-up, login, logout, password reset and login throttling."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
STRONG = "Quiet-river-lantern-42"


def _signup(client, **overrides):
    data = {
        "username": "amina",
        "email": "Amina@Example.org",
        "password1": STRONG,
        "password2": STRONG,
        **overrides,
    }
    return client.post("/en/accounts/signup/", data, follow=True)


def test_signup_creates_an_account_with_profile_and_signs_in(client):
    response = _signup(client)
    assert response.status_code == 200
    assert "Your account is ready" in response.text
    user = User.objects.get(username="amina")
    assert user.email == "amina@example.org"
    assert user.profile is not None
    assert response.context["user"] == user
    assert user.password.startswith("md5$")  # hashed, never stored as written


def test_signup_refuses_an_e_mail_already_in_use_whatever_its_case(client):
    UserFactory(username="first", email="amina@example.org")
    response = _signup(client, email="AMINA@example.org")
    assert "An account with this e-mail already exists." in response.text
    assert not User.objects.filter(username="amina").exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short1", "This password is too short."),
        ("password123", "This password is too common."),
        ("83749284619283", "This password is entirely numeric."),
    ],
)
def test_signup_refuses_a_weak_password_and_says_why(client, password, message):
    response = _signup(client, password1=password, password2=password)
    assert message in response.text
    assert not User.objects.filter(username="amina").exists()


def test_signup_refuses_mismatched_passwords(client):
    response = _signup(client, password2="Another-river-lantern-42")
    assert "fields didn\u2019t match" in response.text
    assert not User.objects.filter(username="amina").exists()


def test_login_with_right_password_signs_in(client, user):
    response = client.post(
        "/en/accounts/login/",
        {"username": user.username, "password": "correct-horse-battery"},
        REMOTE_ADDR="10.1.1.1",
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_login_with_wrong_password_explains_and_stays_anonymous(client, user):
    response = client.post(
        "/en/accounts/login/",
        {"username": user.username, "password": "wrong-password"},
        REMOTE_ADDR="10.1.1.2",
    )
    assert response.status_code == 200
    assert "enter a correct username and password" in response.text
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client, user):
    client.force_login(user)
    assert client.get("/en/accounts/logout/").status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_mails_a_link_that_sets_a_new_password(client, user):
    response = client.post("/en/accounts/password_reset/", {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    link = re.search(r"https?://[^/\s]+(/en/accounts/reset/\S+/)", message.body).group(
        1
    )

    response = client.get(link, follow=True)
    assert response.status_code == 200
    set_password_url = response.redirect_chain[-1][0]
    assert set_password_url.endswith("/set-password/")
    response = client.post(
        set_password_url,
        {
            "new_password1": "Brand-new-lantern-77",
            "new_password2": "Brand-new-lantern-77",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Brand-new-lantern-77")
    assert not user.check_password("correct-horse-battery")


def test_password_reset_for_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post(
        "/en/accounts/password_reset/", {"email": "nobody@example.org"}
    )
    assert response.status_code == 302  # same answer as for a known address
    assert mail.outbox == []


def test_login_is_locked_after_five_failures_even_with_the_right_password(client, user):
    for _ in range(4):
        response = client.post(
            "/en/accounts/login/",
            {"username": user.username, "password": "wrong"},
            REMOTE_ADDR="10.9.9.9",
        )
        assert response.status_code == 200
    response = client.post(
        "/en/accounts/login/",
        {"username": user.username, "password": "wrong"},
        REMOTE_ADDR="10.9.9.9",
    )
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.text

    response = client.post(
        "/en/accounts/login/",
        {"username": user.username, "password": "correct-horse-battery"},
        REMOTE_ADDR="10.9.9.9",
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, user):
    for _ in range(5):
        client.post(
            "/en/accounts/login/",
            {"username": user.username, "password": "wrong"},
            REMOTE_ADDR="10.9.9.10",
        )
    # The same account from another address still signs in.
    response = client.post(
        "/en/accounts/login/",
        {"username": user.username, "password": "correct-horse-battery"},
        REMOTE_ADDR="10.9.9.11",
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import translation

from convivio.core.models import Membership
from convivio.core.services import membership_grant, moderator_grant
from convivio.search import vectors

from .factories import OrganisationFactory, UserFactory


def pytest_configure(config):
    # WhiteNoise warns that var/static/ is missing: tests serve static files from
    # the app folders (WHITENOISE_USE_FINDERS) and never run collectstatic.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Each test gets its own media folder, an empty cache and English active
    (a request leaves its language active in the thread, for reverse() too),
    and no vectors held in memory from another test's rolled-back rows."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    vectors.forget()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    cache.clear()
    vectors.forget()
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root", is_staff=True, is_superuser=True)


@pytest.fixture
def moderator(db, admin_user):
    person = UserFactory(username="mod")
    moderator_grant(actor=admin_user, user=person)
    return person


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Associazione Ponti")


@pytest.fixture
def author(db):
    return UserFactory(username="author")


@pytest.fixture
def editor(db, organisation):
    """An editor of `organisation` (which implements the practices under test)."""
    person = UserFactory(username="editor")
    membership_grant(
        actor=None, user=person, organisation=organisation, role=Membership.Role.EDITOR
    )
    return person


@pytest.fixture
def stranger(db):
    return UserFactory(username="stranger")

"""The permission matrix of the exchange apps (networks, discussions, chat,
events, feedback, co-design), in the shape of ``tests/test_permission_matrix.py``
but with the roles a network has:

    visitor, signed_in (in no network), observer, member, coordinator,
    other (a member of another network), moderator (platform)

Each app keeps its rows in ``tests/<app>/matrix_rows.py``: ``build(world)`` adds
the records its routes are asked about, ``PAGES`` and ``API`` say what each role
gets.  The routes of the main matrix's completeness test include these, so a new
page or endpoint of an exchange app fails there until its row is written here.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from convivio.community.models import Member, Network
from convivio.core.services import moderator_grant
from tests.community.factories import add_member, make_network
from tests.factories import UserFactory
from tests.test_permission_matrix import LOGIN, SKIP, Case, World, _outcome

__all__ = ["LOGIN", "SKIP", "Case", "World"]

ROLES = (
    "visitor",
    "signed_in",
    "observer",
    "member",
    "coordinator",
    "other",
    "moderator",
)

#: The modules of rows gathered here, in layer order (networks, then people,
#: notifications and moderation, then the apps built on networks).
ROW_MODULES = (
    "community.matrix_rows",
    "community.matrix_rows_people",
    "discussions.matrix_rows",
    "chat.matrix_rows",
    "events.matrix_rows",
    "feedback.matrix_rows",
    "codesign.matrix_rows",
)

EVERYONE = (200,) * 7
SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200, 200)
#: Readers of a members-only network: its people and the platform's moderators.
NETWORK_READERS = (LOGIN, 403, 200, 200, 200, 403, 200)
#: Writers in a network: members and coordinators.
NETWORK_WRITERS = (LOGIN, 403, 403, 200, 200, 403, 403)
COORDINATORS = (LOGIN, 403, 403, 403, 200, 403, 403)
#: Coordinators of the network and platform moderators.
MODERATORS = (LOGIN, 403, 403, 403, 200, 403, 200)
POST_ONLY = (LOGIN, 405, 405, 405, 405, 405, 405)
SKIP_ALL = (SKIP,) * 7


def _rows(module: str) -> Any:
    return importlib.import_module(f"tests.{module}")


def all_pages() -> dict[str, list[Case]]:
    pages: dict[str, list[Case]] = {}
    for module in ROW_MODULES:
        pages.update(_rows(module).PAGES)
    return pages


def all_api() -> dict[str, list[Case]]:
    found: dict[str, list[Case]] = {}
    for module in ROW_MODULES:
        found.update(getattr(_rows(module), "API", {}))
    return found


def _build() -> World:
    w = World()
    moderator = UserFactory(username="netmod", is_superuser=False)
    admin = UserFactory(username="netadmin", is_superuser=True, is_staff=True)
    moderator_grant(actor=admin, user=moderator)
    coordinator = UserFactory(username="coord")
    forum = make_network(coordinator, name="Fórum de Vale Novo")
    closed = make_network(
        coordinator,
        name="Grupo de trabalho",
        visibility=Network.Visibility.MEMBERS,
        joining=Network.Joining.INVITATION,
    )
    elsewhere = make_network(name="Rede de Ribeira", place="Ribeira Alta")
    people = {
        "visitor": None,
        "signed_in": UserFactory(username="outsider"),
        "observer": UserFactory(username="observer"),
        "member": UserFactory(username="netmember"),
        "coordinator": coordinator,
        "other": UserFactory(username="othermember"),
        "moderator": moderator,
    }
    for network in (forum, closed):
        add_member(network, people["observer"], Member.Role.OBSERVER)
        add_member(network, people["member"], Member.Role.MEMBER)
    add_member(elsewhere, people["other"], Member.Role.MEMBER)
    w.people.update(people)
    for role, person in people.items():
        if person is not None:
            client = Client()
            client.force_login(person)
            w.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    w.objects.update(
        forum=forum, closed=closed, elsewhere=elsewhere, place=forum.territory
    )
    for module in ROW_MODULES:
        _rows(module).build(w)
    return w


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build()
        transaction.set_rollback(True)


#: Tables a refused write must leave alone.
OUR_TABLES = re.compile(
    r"^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+\"?"
    r"(core|practices|plans|directory|library|ingest|surveys|search|community"
    r"|discussions|chat|events|feedback|codesign)_",
    re.IGNORECASE,
)


class _Writes:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if OUR_TABLES.match(sql):
            self.seen.append(sql[:80])
        return execute(sql, params, many, context)


def _client(world: World, role: str) -> Client:
    client = Client()
    if role in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def _check(world: World, label: str, url: str, case: Case, method: str = "GET"):
    expected = case.get if method == "GET" else case.post
    assert expected is not None
    got = {}
    for role, want in zip(ROLES, expected, strict=True):
        if want == SKIP:
            continue
        client = _client(world, role)
        writes = _Writes()
        with connection.execute_wrapper(writes):
            if method == "GET":
                response = client.get(url)
            elif case.body is None:
                response = client.post(url)
            else:
                response = client.post(url, case.body)
        got[role] = _outcome(response)
        if method == "POST":
            assert writes.seen == [], f"{method} {label} as {role} wrote {writes.seen}"
    wanted = {
        role: want for role, want in zip(ROLES, expected, strict=True) if want != SKIP
    }
    assert got == wanted, f"{method} {label}"


PAGES = all_pages()
API = all_api()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page(world, db, name):
    for case in PAGES[name]:
        url = reverse(name, args=case.args(world))
        label = f"{name} ({case.state})" if case.state else name
        _check(world, label, url, case)
        if case.post is not None:
            _check(world, label, url, case, "POST")


# The exchange apps have no API routes of their own yet: the test is defined once
# one of them has.
@pytest.mark.parametrize("operation", sorted(API))
def _test_api(world, db, operation):
    method, path = operation.split(" ", 1)
    for case in API[operation]:
        url = path.replace("{int:", "{").format(**case.args(world))
        label = f"{operation} ({case.state})" if case.state else operation
        _check(world, label, url, case, method)


if API:
    test_api = _test_api

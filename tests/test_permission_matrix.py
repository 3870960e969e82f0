# ruff: noqa: E501 (the tables below keep one case a line)
"""One permission matrix for every page and every API endpoint.

The routes are read from the URL configuration (every named pattern under every
prefix, ``convivio.urls``) and from the NinjaAPI's routers (every path and
method).  ``PAGES`` and ``API`` below say, for each of them, what each role gets
(and, where the object's state matters, for each state): a status code, ``LOGIN``
(a redirect to the sign-in page) or ``SKIP`` (not asked here: an allowed write,
covered by the app's own tests).  A route without an entry fails
``test_every_route_has_a_rule``, so a new view or endpoint needs its rule written
down; an entry naming a route that no longer exists fails too.

Reads are asked with GET.  Writes (POST) are asked of the roles that may not
write, and the database must be the same afterwards.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from django.conf import settings
from django.contrib.admin import site as admin_site
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from convivio.api import api
from convivio.core.models import Language, MachineTranslationJob, Membership
from convivio.core.services import (
    membership_grant,
    moderator_grant,
    territory_team_grant,
)
from convivio.core.tokens import token_create
from convivio.core.translation import save_original
from convivio.directory import hsds
from convivio.directory.models import Location, Service, ServiceAtLocation
from convivio.ingest.models import Draft, IngestJob
from convivio.library.models import Document, Link
from convivio.plans.models import (
    MeasurePractice,
    Observation,
    PeriodLock,
    Plan,
    Recommendation,
    RecommendationTranslation,
)
from convivio.practices.models import Collection
from convivio.surveys.models import (
    Answer,
    Invitation,
    Question,
    Response,
    Survey,
)
from tests.factories import (
    OrganisationFactory,
    UserFactory,
    create_translated,
    make_practice,
)
from tests.plans.factories import (
    make_indicator,
    make_node,
    make_observation,
    make_plan,
    make_responsibility,
    make_territory,
)

ROLES = ("anonymous", "member", "reporter", "editor", "team", "moderator", "admin")

#: A redirect to the sign-in page.
LOGIN = "login"
#: Not asked here (an allowed write: the app's own tests make it).
SKIP = "skip"


# ----------------------------------------------------------------------- world


@dataclass
class World:
    people: dict[str, Any] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    objects: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.objects[name]
        except KeyError:
            raise AttributeError(name) from None


def _build() -> World:
    w = World()
    place = make_territory("Vale Novo")
    elsewhere = make_territory("Ribeira Alta")
    organisation = OrganisationFactory(name="Casa das Línguas", territory=place)
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    author = UserFactory(username="author")
    people = {
        "anonymous": None,
        "member": UserFactory(username="member"),
        "reporter": UserFactory(username="reporter"),
        "editor": UserFactory(username="editor"),
        "team": UserFactory(username="officer"),
        "moderator": UserFactory(username="mod"),
        "admin": admin,
    }
    membership_grant(
        actor=None,
        user=people["reporter"],
        organisation=organisation,
        role=Membership.Role.REPORTER,
    )
    membership_grant(
        actor=None,
        user=people["editor"],
        organisation=organisation,
        role=Membership.Role.EDITOR,
    )
    territory_team_grant(actor=None, user=people["team"], territory=place)
    moderator_grant(actor=admin, user=people["moderator"])
    w.people = people
    for role, person in people.items():
        if person is not None:
            client = Client()
            client.force_login(person)
            w.sessions[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
            w.tokens[role] = token_create(user=person, name="matrix")[1]
    o = w.objects
    o.update(place=place, elsewhere=elsewhere, organisation=organisation)
    o["proposed"] = OrganisationFactory(name="Proposed club", status="proposed")
    o["token"], _key = token_create(user=people["member"], name="matrix")

    # Practices: one published, one draft of an author outside every role.
    o["practice"] = make_practice(user=author, status="published")
    o["practice_draft"] = make_practice(user=author, status="draft", title="Draft")
    o["collection"] = create_translated(
        Collection, title="Collection", original_language_id="en"
    )
    o["collection"].practices.add(o["practice"])
    # A draft collection (a booklet made from an event): its creator is the
    # member, who reads and edits it; moderators read, edit and publish it.
    o["collection_draft"] = create_translated(
        Collection,
        title="Draft collection",
        original_language_id="en",
        status="draft",
        created_by=people["member"],
    )
    o["collection_draft"].practices.add(o["practice"])

    # Plans: the team's public plan with a measure the organisation answers
    # for, and a draft plan of another place.
    plan = make_plan(place, organisation=organisation)
    area = make_node(plan, "Area", kind="area")
    measure = make_node(plan, "Measure", parent=area)
    o["responsibility"] = make_responsibility(measure, organisation)
    indicator = make_indicator(
        measure, "People reached", reporting_organisation=organisation
    )
    o["observation"] = make_observation(
        indicator, "2025", 10, status=Observation.Status.SUBMITTED
    )
    make_observation(indicator, "2024", 8)  # validated: 2024 has a report
    o["lock"] = PeriodLock.objects.create(
        plan=plan, period="2024", start=date(2024, 1, 1), end=date(2024, 12, 31)
    )
    recommendation = Recommendation.objects.create(
        plan=plan, audience="local", original_language_id="en"
    )
    RecommendationTranslation.objects.create(
        recommendation=recommendation, language_id="en", text="Open a desk."
    )
    o["practice_link"] = MeasurePractice.objects.create(
        node=measure, practice=o["practice"]
    )
    o.update(
        plan=plan, measure=measure, indicator=indicator, recommendation=recommendation
    )
    o["plan_draft"] = make_plan(elsewhere, status=Plan.Status.DRAFT, title="Draft plan")
    o["measure_draft"] = make_node(o["plan_draft"], "Draft measure")

    # Library: a public document, a private one of the author, a link.
    public = Document.objects.create(
        file="library/a/public.txt", checksum="a" * 64, is_public=True
    )
    save_original(public, {"title": "Public guide"})
    private = Document.objects.create(
        file="library/b/private.txt", checksum="b" * 64, uploaded_by=author
    )
    save_original(private, {"title": "Private notes"})
    o.update(document=public, document_private=private)
    o["link"] = Link.objects.create(
        url="https://example.org/guide", title="Guide", created_by=author
    )

    # Ingestion: the author's job with a pending draft.
    job = IngestJob.objects.create(document=private, created_by=author, status="done")
    o["job"] = job
    o["draft"] = Draft.objects.create(
        job=job, kind="practice", title="A practice", data={"title": "A practice"}
    )

    # Directory: the organisation's active service at a place.
    service = create_translated(
        Service,
        organisation=organisation,
        name="Language café",
        original_language_id="en",
        status=Service.Status.ACTIVE,
    )
    location = Location.objects.create(organisation=organisation, name="Centre")
    ServiceAtLocation.objects.create(service=service, location=location)
    o["service"] = service

    # Surveys of the team's place: open, draft, closed with public results.
    english = Language.objects.get(code="en")

    def survey(status: str, **extra: Any) -> Survey:
        record = create_translated(
            Survey,
            title=f"Survey {status}",
            original_language=english,
            territory=place,
            status=status,
            **extra,
        )
        question = create_translated(
            Question,
            survey=record,
            position=1,
            name="comment",
            kind="text",
            label="Comment?",
        )
        response = Response.objects.create(
            survey=record, submitted_on=date(2026, 1, 1), language=english
        )
        Answer.objects.create(response=response, question=question, text="Hello")
        return record

    o["survey"] = survey(Survey.Status.OPEN)
    o["survey_draft"] = survey(Survey.Status.DRAFT)
    o["survey_closed"] = survey(Survey.Status.CLOSED, results_public=True)
    o["answer"] = Answer.objects.filter(response__survey=o["survey"]).get()
    o["invitation"] = Invitation.objects.create(survey=o["survey"])
    o["translation_job"] = MachineTranslationJob.objects.create(
        kind="practice",
        record_id=o["practice"].pk,
        language_id="es",
        requested_by=author,
    )
    return w


#: The files of the world's documents (each test has its own media folder).
FILES = {"library/a/public.txt": b"A public guide.", "library/b/private.txt": b"Notes."}


@pytest.fixture(autouse=True)
def _files(world):
    for name, content in FILES.items():
        default_storage.save(name, ContentFile(content))


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The people and records every route is asked about, made once for the
    module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _build()
        transaction.set_rollback(True)


# ---------------------------------------------------------------------- routes


@dataclass(frozen=True)
class Case:
    """One object state of a route: its arguments and what each role gets."""

    args: Callable[[World], list[Any]]
    get: tuple[int | str, ...]
    post: tuple[int | str, ...] | None = None
    state: str = ""
    #: Send the role's personal API token (``Authorization: Bearer``).
    token: bool = False
    #: The JSON body of a POST (else an empty form).
    body: dict[str, Any] | None = None


def _no_args(w: World) -> list[Any]:
    return []


def _no_kwargs(w: World) -> dict[str, Any]:
    return {}


EVERYONE = (200, 200, 200, 200, 200, 200, 200)
SIGNED_IN = (LOGIN, 200, 200, 200, 200, 200, 200)
MODERATORS = (LOGIN, 403, 403, 403, 403, 200, 200)
#: The territory team of the plan's place, and administrators.
PLAN_TEAM = (LOGIN, 403, 403, 403, 200, 403, 200)
#: A write: GET is refused once signed in.
POST_ONLY = (LOGIN, 405, 405, 405, 405, 405, 405)
SKIP_ALL = (SKIP, SKIP, SKIP, SKIP, SKIP, SKIP, SKIP)
#: The admin's pages: platform administrators; the others go to its sign-in.
ADMIN = (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 200)


# ------------------------------------------------------------------- requests


def _client(world: World, role: str) -> Client:
    """A client signed in as ``role`` (its session made once, with the world)."""
    client = Client()
    if role in world.sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    return client


def _outcome(response) -> int | str:
    """The status, or ``LOGIN`` for a redirect to the sign-in page."""
    if response.status_code in (301, 302):
        target = response.headers.get("Location", "")
        if "/accounts/login/" in target or "/admin/login/" in target:
            return LOGIN
    return response.status_code


#: Tables a refused write must leave alone: every table of our apps (a token's
#: "last used" stamp aside).
OUR_TABLES = re.compile(
    r"^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+\"?"
    r"(core|practices|plans|directory|library|ingest|surveys|search)_(?!apitoken\b)",
    re.IGNORECASE,
)


class _Writes:
    """Records the statements that write to our tables (a database wrapper)."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, execute, sql, params, many, context):
        if OUR_TABLES.match(sql):
            self.seen.append(sql[:80])
        return execute(sql, params, many, context)


# The table: for each route, its cases (object states), each with what the
# roles get, in the order of ROLES:
#   anonymous, member, reporter, editor, team, moderator, admin
# fmt: off
PAGES: dict[str, list[Case]] = {
    'core:home': [
        Case(_no_args, EVERYONE),
    ],
    'core:signup': [
        Case(_no_args, (200, 302, 302, 302, 302, 302, 302)),
    ],
    'core:profile': [
        Case(_no_args, SIGNED_IN),
    ],
    'core:token_create': [
        Case(_no_args, POST_ONLY, post=(LOGIN, SKIP, SKIP, SKIP, SKIP, SKIP, SKIP)),
    ],
    'core:token_revoke': [
        Case(lambda w: [w.token.pk], POST_ONLY, post=(LOGIN, SKIP, 404, 404, 404, 404, 404)),
    ],
    'core:territory_suggestions': [
        Case(_no_args, EVERYONE),
    ],
    'core:translate': [
        Case(lambda w: ["practice", w.practice.pk, "es"], MODERATORS, post=(LOGIN, 403, 403, 403, 403, SKIP, SKIP), state='public'),
        Case(lambda w: ["practice", w.practice_draft.pk, "es"], (LOGIN, 404, 404, 404, 404, 200, 200), post=(LOGIN, 404, 404, 404, 404, SKIP, SKIP), state='draft'),
    ],
    'core:translation_request': [
        Case(lambda w: ["practice", w.practice.pk], POST_ONLY, post=(LOGIN, SKIP, SKIP, SKIP, SKIP, SKIP, SKIP)),
    ],
    'core:record_history': [
        Case(lambda w: ["service", w.service.pk], (LOGIN, 403, 403, 200, 403, 200, 200), state='public'),
        Case(lambda w: ["document", w.document_private.pk], (LOGIN, 404, 404, 404, 404, 200, 200), state='private'),
    ],
    'core:machine_translation_job': [
        Case(lambda w: [w.translation_job.pk], (LOGIN, 404, 404, 404, 404, 404, 200)),
    ],
    'core:translation_queue': [
        Case(_no_args, SIGNED_IN),
    ],
    'core:territory_merge': [
        Case(_no_args, MODERATORS, post=(LOGIN, 403, 403, 403, 403, SKIP, SKIP)),
    ],
    'core:territory_list': [
        Case(_no_args, EVERYONE),
    ],
    'core:territory': [
        Case(lambda w: [w.place.pk], EVERYONE),
    ],
    'core:organisation_list': [
        Case(_no_args, EVERYONE),
    ],
    'core:organisation_suggestions': [
        Case(_no_args, EVERYONE),
    ],
    'core:organisation_review': [
        Case(_no_args, MODERATORS),
    ],
    'core:organisation_moderate': [
        Case(lambda w: [w.proposed.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, 403, SKIP, SKIP)),
    ],
    'core:organisation_merge': [
        Case(_no_args, MODERATORS, post=(LOGIN, 403, 403, 403, 403, SKIP, SKIP)),
    ],
    'core:organisation_detail': [
        Case(lambda w: [w.organisation.slug], EVERYONE, state='approved'),
        Case(lambda w: [w.proposed.slug], (404, 404, 404, 404, 404, 200, 200), state='proposed'),
    ],
    'practices:list': [
        Case(_no_args, EVERYONE),
    ],
    'practices:filters': [
        Case(_no_args, EVERYONE),
    ],
    'practices:submit': [
        Case(_no_args, SIGNED_IN),
    ],
    'practices:moderation_queue': [
        Case(_no_args, MODERATORS),
    ],
    'practices:mine': [
        Case(_no_args, SIGNED_IN),
    ],
    'practices:detail': [
        Case(lambda w: [w.practice.pk], EVERYONE, state='published'),
        Case(lambda w: [w.practice_draft.pk], (404, 404, 404, 404, 404, 200, 200), state='draft'),
    ],
    'practices:related': [
        Case(lambda w: [w.practice.pk], EVERYONE, state='published'),
        Case(lambda w: [w.practice_draft.pk], (404, 404, 404, 404, 404, 200, 200), state='draft'),
    ],
    'practices:edit': [
        Case(lambda w: [w.practice.pk], MODERATORS, post=(LOGIN, 403, 403, 403, 403, SKIP, SKIP), state='published'),
        Case(lambda w: [w.practice_draft.pk], (LOGIN, 404, 404, 404, 404, 200, 200), post=(LOGIN, 404, 404, 404, 404, SKIP, SKIP), state='draft'),
    ],
    'practices:transition': [
        Case(lambda w: [w.practice_draft.pk], POST_ONLY, post=(LOGIN, 404, 404, 404, 404, SKIP, SKIP)),
    ],
    'practices:evaluate': [
        Case(lambda w: [w.practice.pk], MODERATORS, post=(LOGIN, 403, 403, 403, 403, SKIP, SKIP)),
    ],
    'practices:collection_list': [
        Case(_no_args, EVERYONE),
    ],
    'practices:collection_detail': [
        Case(lambda w: [w.collection.pk], EVERYONE),
        Case(lambda w: [w.collection_draft.pk], (404, 200, 404, 404, 404, 200, 200), state='draft'),
    ],
    'practices:collection_edit': [
        Case(lambda w: [w.collection.pk], MODERATORS, post=(LOGIN, 403, 403, 403, 403, SKIP, SKIP), state='published'),
        Case(lambda w: [w.collection_draft.pk], (LOGIN, 200, 404, 404, 404, 200, 200), post=(LOGIN, SKIP, 404, 404, 404, SKIP, SKIP), state='draft'),
    ],
    'practices:collection_publish': [
        Case(lambda w: [w.collection.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, 403, SKIP, SKIP), state='published'),
        Case(lambda w: [w.collection_draft.pk], POST_ONLY, post=(LOGIN, 403, 404, 404, 404, SKIP, SKIP), state='draft'),
    ],
    'practices:collection_booklet': [
        Case(lambda w: [w.collection.pk], EVERYONE),
        Case(lambda w: [w.collection_draft.pk], (404, 200, 404, 404, 404, 200, 200), state='draft'),
    ],
    'practices:collection_booklet_pdf': [
        Case(lambda w: [w.collection.pk], EVERYONE),
        Case(lambda w: [w.collection_draft.pk], (404, 200, 404, 404, 404, 200, 200), state='draft'),
    ],
    'practices:collection_booklet_docx': [
        Case(lambda w: [w.collection.pk], EVERYONE),
        Case(lambda w: [w.collection_draft.pk], (404, 200, 404, 404, 404, 200, 200), state='draft'),
    ],
    'plans:list': [
        Case(_no_args, EVERYONE),
    ],
    'plans:create': [
        Case(_no_args, PLAN_TEAM, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:compare': [
        Case(_no_args, EVERYONE),
    ],
    'plans:dimensions': [
        Case(_no_args, EVERYONE, post=(403, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:detail': [
        Case(lambda w: [w.plan.pk], EVERYONE, state='public'),
        Case(lambda w: [w.plan_draft.pk], (404, 404, 404, 404, 404, 200, 200), state='draft'),
    ],
    'plans:print': [
        Case(lambda w: [w.plan.pk], EVERYONE, state='public'),
        Case(lambda w: [w.plan_draft.pk], (404, 404, 404, 404, 404, 200, 200), state='draft'),
    ],
    'plans:measure': [
        Case(lambda w: [w.plan.pk, w.measure.pk], EVERYONE, state='public'),
        Case(lambda w: [w.plan_draft.pk, w.measure_draft.pk], (404, 404, 404, 404, 404, 200, 200), state='draft'),
        Case(lambda w: [w.plan.pk, w.measure_draft.pk], (404, 404, 404, 404, 404, 404, 404), state='another plan'),
    ],
    'plans:editor': [
        Case(lambda w: [w.plan.pk], PLAN_TEAM),
    ],
    'plans:edit_meta': [
        Case(lambda w: [w.plan.pk], PLAN_TEAM, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:status': [
        Case(lambda w: [w.plan.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:undo': [
        Case(lambda w: [w.plan.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:duplicate': [
        Case(lambda w: [w.plan.pk], PLAN_TEAM, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:node_add': [
        Case(lambda w: [w.plan.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:node_edit': [
        Case(lambda w: [w.plan.pk, w.measure.pk], PLAN_TEAM, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:node_move': [
        Case(lambda w: [w.plan.pk, w.measure.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:node_delete': [
        Case(lambda w: [w.plan.pk, w.measure.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:node_entity': [
        Case(lambda w: [w.plan.pk, w.measure.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:entity_remove': [
        Case(lambda w: [w.plan.pk, w.responsibility.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:node_practice': [
        Case(lambda w: [w.plan.pk, w.measure.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:practice_unlink': [
        Case(lambda w: [w.plan.pk, w.practice_link.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:indicator_add': [
        Case(lambda w: [w.plan.pk, w.measure.pk], PLAN_TEAM, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:indicator_edit': [
        Case(lambda w: [w.plan.pk, w.indicator.pk], PLAN_TEAM, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:target_set': [
        Case(lambda w: [w.plan.pk, w.indicator.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:indicator_delete': [
        Case(lambda w: [w.plan.pk, w.indicator.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:recommendation_add': [
        Case(lambda w: [w.plan.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:recommendation_edit': [
        Case(lambda w: [w.plan.pk, w.recommendation.pk], PLAN_TEAM, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:recommendation_delete': [
        Case(lambda w: [w.plan.pk, w.recommendation.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:monitoring': [
        Case(lambda w: [w.plan.pk], PLAN_TEAM, state='public'),
        Case(lambda w: [w.plan_draft.pk], (LOGIN, 403, 403, 403, 403, 403, 200), state='draft'),
    ],
    'plans:my_indicators': [
        Case(_no_args, SIGNED_IN),
    ],
    'plans:report_value': [
        Case(lambda w: [w.indicator.pk, "2026"], (LOGIN, 403, 200, 403, 200, 403, 200), post=(LOGIN, 403, SKIP, 403, SKIP, 403, SKIP)),
    ],
    'plans:indicator_history': [
        Case(lambda w: [w.indicator.pk], (LOGIN, 403, 200, 403, 200, 403, 200)),
    ],
    'plans:observations_export': [
        Case(lambda w: [w.plan.pk, "xlsx"], (LOGIN, 403, 200, 403, 200, 403, 200)),
    ],
    'plans:observations_import': [
        Case(lambda w: [w.plan.pk], (LOGIN, 403, 200, 403, 200, 403, 200), post=(LOGIN, 403, SKIP, 403, SKIP, 403, SKIP)),
    ],
    'plans:observation_validate': [
        Case(lambda w: [w.observation.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:observation_return': [
        Case(lambda w: [w.observation.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:period_lock': [
        Case(lambda w: [w.plan.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:period_unlock': [
        Case(lambda w: [w.lock.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, 403, SKIP)),
    ],
    'plans:dashboard': [
        Case(lambda w: [w.plan.pk], EVERYONE, state='public'),
        Case(lambda w: [w.plan_draft.pk], (404, 404, 404, 404, 404, 200, 200), state='draft'),
    ],
    'plans:report_pdf': [
        Case(lambda w: [w.plan.pk], EVERYONE, state='public'),
        Case(lambda w: [w.plan_draft.pk], (404, 404, 404, 404, 404, 200, 200), state='draft'),
    ],
    'plans:report_docx': [
        Case(lambda w: [w.plan.pk], EVERYONE, state='public'),
        Case(lambda w: [w.plan_draft.pk], (404, 404, 404, 404, 404, 200, 200), state='draft'),
    ],
    'plans:monitoring_report_pdf': [
        Case(lambda w: [w.plan.pk, 2024], EVERYONE, state='public'),
        # The draft has no monitoring year 2024: 404 for those who may see it too.
        Case(lambda w: [w.plan_draft.pk, 2024], (404, 404, 404, 404, 404, 404, 404), state='draft'),
    ],
    'plans:monitoring_report_docx': [
        Case(lambda w: [w.plan.pk, 2024], EVERYONE, state='public'),
        # The draft has no monitoring year 2024: 404 for those who may see it too.
        Case(lambda w: [w.plan_draft.pk, 2024], (404, 404, 404, 404, 404, 404, 404), state='draft'),
    ],
    'plans:plan_xlsx': [
        Case(lambda w: [w.plan.pk], EVERYONE, state='public'),
        Case(lambda w: [w.plan_draft.pk], (404, 404, 404, 404, 404, 200, 200), state='draft'),
    ],
    'plans:results_json': [
        Case(lambda w: [w.plan.pk], EVERYONE, state='public'),
        Case(lambda w: [w.plan_draft.pk], (404, 404, 404, 404, 404, 200, 200), state='draft'),
    ],
    'ingest:upload': [
        Case(_no_args, SIGNED_IN),
    ],
    'ingest:job': [
        Case(lambda w: [w.job.pk], (LOGIN, 404, 404, 404, 404, 200, 200)),
    ],
    'ingest:job_genre': [
        Case(lambda w: [w.job.pk], POST_ONLY, post=(LOGIN, 404, 404, 404, 404, SKIP, SKIP)),
    ],
    'ingest:job_retry': [
        Case(lambda w: [w.job.pk], POST_ONLY, post=(LOGIN, 404, 404, 404, 404, SKIP, SKIP)),
    ],
    'ingest:job_language': [
        Case(lambda w: [w.job.pk], POST_ONLY, post=(LOGIN, 404, 404, 404, 404, SKIP, SKIP)),
    ],
    'ingest:review': [
        Case(lambda w: [w.job.pk], (LOGIN, 404, 404, 404, 404, 200, 200)),
    ],
    'ingest:accept_all': [
        Case(lambda w: [w.job.pk], POST_ONLY, post=(LOGIN, 404, 404, 404, 404, SKIP, SKIP)),
    ],
    'ingest:draft_accept': [
        Case(lambda w: [w.job.pk, w.draft.pk], POST_ONLY, post=(LOGIN, 404, 404, 404, 404, SKIP, SKIP)),
    ],
    'ingest:draft_reject': [
        Case(lambda w: [w.job.pk, w.draft.pk], POST_ONLY, post=(LOGIN, 404, 404, 404, 404, SKIP, SKIP)),
    ],
    'ingest:unplaced_place': [
        Case(lambda w: [w.job.pk, 0], POST_ONLY, post=(LOGIN, 404, 404, 404, 404, SKIP, SKIP)),
    ],
    'library:list': [
        Case(_no_args, EVERYONE),
    ],
    'library:add': [
        Case(_no_args, SIGNED_IN),
    ],
    'library:detail': [
        Case(lambda w: [w.document.pk], EVERYONE, state='public'),
        Case(lambda w: [w.document_private.pk], (404, 404, 404, 404, 404, 200, 200), state='private'),
    ],
    'library:edit': [
        Case(lambda w: [w.document.pk], MODERATORS, post=(LOGIN, 403, 403, 403, 403, SKIP, SKIP), state='public'),
        Case(lambda w: [w.document_private.pk], (LOGIN, 404, 404, 404, 404, 200, 200), post=(LOGIN, 404, 404, 404, 404, SKIP, SKIP), state='private'),
    ],
    'library:download': [
        Case(lambda w: [w.document.pk], EVERYONE, state='public'),
        Case(lambda w: [w.document_private.pk], (404, 404, 404, 404, 404, 200, 200), state='private'),
    ],
    'library:link_add': [
        Case(_no_args, SIGNED_IN),
    ],
    'library:broken_links': [
        Case(_no_args, SIGNED_IN),
    ],
    'library:link_edit': [
        Case(lambda w: [w.link.pk], MODERATORS, post=(LOGIN, 403, 403, 403, 403, SKIP, SKIP)),
    ],
    'directory:list': [
        Case(_no_args, EVERYONE),
    ],
    'directory:map': [
        Case(_no_args, EVERYONE),
    ],
    'directory:hsds_import': [
        Case(_no_args, MODERATORS, post=(LOGIN, 403, 403, 403, 403, SKIP, SKIP)),
    ],
    'directory:geojson': [
        Case(_no_args, EVERYONE),
    ],
    'directory:service_create': [
        Case(_no_args, (LOGIN, 403, 403, 200, 403, 200, 200), post=(LOGIN, 403, 403, SKIP, 403, SKIP, SKIP)),
    ],
    'directory:service': [
        Case(lambda w: [w.service.pk], EVERYONE),
    ],
    'directory:service_edit': [
        Case(lambda w: [w.service.pk], (LOGIN, 403, 403, 200, 403, 200, 200), post=(LOGIN, 403, 403, SKIP, 403, SKIP, SKIP)),
    ],
    'directory:service_hours': [
        Case(lambda w: [w.service.pk], (LOGIN, 403, 403, 200, 403, 200, 200), post=(LOGIN, 403, 403, SKIP, 403, SKIP, SKIP)),
    ],
    'directory:service_confirm': [
        Case(lambda w: [w.service.pk], POST_ONLY, post=(LOGIN, 403, 403, SKIP, 403, SKIP, SKIP)),
    ],
    'directory:diagnosis': [
        Case(lambda w: [w.place.pk], EVERYONE),
    ],
    'directory:diagnosis_pdf': [
        Case(lambda w: [w.place.pk], EVERYONE),
    ],
    'directory:diagnosis_xlsx': [
        Case(lambda w: [w.place.pk], EVERYONE),
    ],
    'surveys:list': [
        Case(_no_args, EVERYONE),
    ],
    'surveys:new': [
        Case(_no_args, (LOGIN, 403, 403, 403, 200, 200, 200), post=(LOGIN, 403, 403, 403, SKIP, SKIP, SKIP)),
    ],
    'surveys:import': [
        Case(_no_args, (LOGIN, 403, 403, 403, 200, 200, 200), post=(LOGIN, 403, 403, 403, SKIP, SKIP, SKIP)),
    ],
    'surveys:answer': [
        Case(lambda w: [w.survey.pk], EVERYONE, state='open'),
        Case(lambda w: [w.survey_draft.pk], (404, 404, 404, 404, 200, 200, 200), post=(404, 404, 404, 404, SKIP, SKIP, SKIP), state='draft'),
        Case(lambda w: [w.survey_closed.pk], (410, 410, 410, 410, 200, 200, 200), post=(410, 410, 410, 410, SKIP, SKIP, SKIP), state='closed'),
    ],
    'surveys:invitation': [
        Case(lambda w: [w.survey.pk, w.invitation.token], EVERYONE),
    ],
    'surveys:thanks': [
        Case(lambda w: [w.survey.pk], EVERYONE),
    ],
    'surveys:edit': [
        Case(lambda w: [w.survey_draft.pk], (LOGIN, 403, 403, 403, 200, 200, 200), post=(LOGIN, 403, 403, 403, SKIP, SKIP, SKIP)),
    ],
    'surveys:invitations': [
        Case(lambda w: [w.survey.pk], (LOGIN, 403, 403, 403, 200, 200, 200), post=(LOGIN, 403, 403, 403, SKIP, SKIP, SKIP)),
    ],
    'surveys:xlsform': [
        Case(lambda w: [w.survey.pk], (LOGIN, 403, 403, 403, 200, 200, 200)),
    ],
    'surveys:results': [
        Case(lambda w: [w.survey.pk], (403, 403, 403, 403, 200, 200, 200), post=(403, 403, 403, 403, SKIP, SKIP, SKIP), state='unpublished'),
        Case(lambda w: [w.survey_closed.pk], EVERYONE, state='published'),
    ],
    'surveys:results_csv': [
        Case(lambda w: [w.survey.pk], (403, 403, 403, 403, 200, 200, 200), post=(403, 403, 403, 403, SKIP, SKIP, SKIP), state='unpublished'),
        Case(lambda w: [w.survey_closed.pk], EVERYONE, state='published'),
    ],
    'surveys:results_xlsx': [
        Case(lambda w: [w.survey_closed.pk], EVERYONE),
    ],
    'surveys:answers_csv': [
        Case(lambda w: [w.survey.pk], (LOGIN, 403, 403, 403, 200, 200, 200), post=(LOGIN, 403, 403, 403, SKIP, SKIP, SKIP)),
    ],
    'surveys:answers_xlsx': [
        Case(lambda w: [w.survey.pk], (LOGIN, 403, 403, 403, 200, 200, 200), post=(LOGIN, 403, 403, 403, SKIP, SKIP, SKIP)),
    ],
    'surveys:answer_moderate': [
        Case(lambda w: [w.survey.pk, w.answer.pk], POST_ONLY, post=(LOGIN, 403, 403, 403, SKIP, SKIP, SKIP)),
    ],
    'surveys:place_issues': [
        Case(lambda w: [w.place.pk], EVERYONE),
    ],
    'search:search': [
        Case(_no_args, EVERYONE),
    ],
    'login': [
        Case(_no_args, EVERYONE),
    ],
    'logout': [
        Case(_no_args, (405, 405, 405, 405, 405, 405, 405)),
    ],
    'password_change': [
        Case(_no_args, SIGNED_IN),
    ],
    'password_change_done': [
        Case(_no_args, SIGNED_IN),
    ],
    'password_reset': [
        Case(_no_args, EVERYONE),
    ],
    'password_reset_done': [
        Case(_no_args, EVERYONE),
    ],
    'password_reset_confirm': [
        Case(lambda w: ["MQ", "set-password"], EVERYONE),
    ],
    'password_reset_complete': [
        Case(_no_args, EVERYONE),
    ],
    'set_language': [
        Case(_no_args, (405, 405, 405, 405, 405, 405, 405)),
    ],
    'media': [
        Case(lambda w: ["library/a/public.txt"], EVERYONE, state='public'),
        Case(lambda w: ["library/b/private.txt"], (404, 404, 404, 404, 404, 200, 200), state='private'),
    ],
}


API: dict[str, list[Case]] = {
    'GET /api/organisations': [
        Case(_no_kwargs, EVERYONE),
    ],
    'GET /api/organisations/{slug}': [
        Case(lambda w: {"slug": w.organisation.slug}, EVERYONE, state='approved'),
        Case(lambda w: {"slug": w.proposed.slug}, (404, 404, 404, 404, 404, 404, 404), state='proposed'),
    ],
    'GET /api/themes': [
        Case(_no_kwargs, EVERYONE),
    ],
    'GET /api/target-groups': [
        Case(_no_kwargs, EVERYONE),
    ],
    'GET /api/territories': [
        Case(_no_kwargs, EVERYONE),
    ],
    'GET /api/search': [
        Case(_no_kwargs, EVERYONE),
    ],
    'GET /api/practices': [
        Case(_no_kwargs, EVERYONE),
    ],
    'GET /api/practices/{int:practice_id}': [
        Case(lambda w: {"practice_id": w.practice.pk}, EVERYONE, state='published'),
        Case(lambda w: {"practice_id": w.practice_draft.pk}, (404, 404, 404, 404, 404, 404, 404), state='draft'),
    ],
    'GET /api/plans': [
        Case(_no_kwargs, EVERYONE),
    ],
    'GET /api/plans/{int:plan_id}': [
        Case(lambda w: {"plan_id": w.plan.pk}, EVERYONE, state='public'),
        Case(lambda w: {"plan_id": w.plan_draft.pk}, (404, 404, 404, 404, 404, 200, 200), state='draft'),
    ],
    'GET /api/plans/{int:plan_id}/indicators': [
        Case(lambda w: {"plan_id": w.plan.pk}, EVERYONE, state='public'),
        Case(lambda w: {"plan_id": w.plan_draft.pk}, (404, 404, 404, 404, 404, 200, 200), state='draft'),
    ],
    'GET /api/indicators/{int:indicator_id}': [
        Case(lambda w: {"indicator_id": w.indicator.pk}, EVERYONE),
    ],
    'GET /api/indicators/{int:indicator_id}/observations': [
        Case(lambda w: {"indicator_id": w.indicator.pk}, EVERYONE),
    ],
    'POST /api/indicators/{int:indicator_id}/observations': [
        Case(lambda w: {"indicator_id": w.indicator.pk}, SKIP_ALL, post=(401, 401, 401, 401, 401, 401, 401), state="session"),
        Case(lambda w: {"indicator_id": w.indicator.pk}, SKIP_ALL, post=(401, 403, SKIP, 403, SKIP, 403, SKIP), state="token", token=True, body={"period": "2026", "value": 5}),
    ],
    'GET /api/plans/{int:plan_id}/observations': [
        Case(lambda w: {"plan_id": w.plan.pk}, EVERYONE, state='public'),
        Case(lambda w: {"plan_id": w.plan_draft.pk}, (404, 404, 404, 404, 404, 200, 200), state='draft'),
    ],
    'GET /api/hsds/': [
        Case(_no_kwargs, EVERYONE),
    ],
    'GET /api/hsds/services': [
        Case(_no_kwargs, EVERYONE),
    ],
    'GET /api/hsds/services/{id}': [
        Case(lambda w: {"id": w.service.hsds_id}, EVERYONE),
    ],
    'GET /api/hsds/organizations': [
        Case(_no_kwargs, EVERYONE),
    ],
    'GET /api/hsds/organizations/{id}': [
        Case(lambda w: {"id": hsds.organisation_uuid(w.organisation.pk)}, EVERYONE),
    ],
    'GET /api/hsds/service_at_locations': [
        Case(_no_kwargs, EVERYONE),
    ],
    'GET /api/hsds/service_at_locations/{id}': [
        Case(lambda w: {"id": w.service.service_locations.get().hsds_id}, EVERYONE),
    ],
    'GET /api/hsds/taxonomies': [
        Case(_no_kwargs, EVERYONE),
    ],
    'GET /api/hsds/taxonomies/{id}': [
        Case(lambda w: {"id": hsds.taxonomy_records()[0]["id"]}, EVERYONE),
    ],
    'GET /api/hsds/taxonomy_terms': [
        Case(_no_kwargs, EVERYONE),
    ],
    'GET /api/hsds/taxonomy_terms/{id}': [
        Case(lambda w: {"id": hsds.taxonomy_term_records()[0]["id"]}, EVERYONE),
    ],
    'GET /api/hsds/datapackage.zip': [
        Case(_no_kwargs, EVERYONE),
    ],
}
# fmt: on


#: Patterns without a name: the address each is asked at, and the rule.
UNNAMED: dict[str, tuple[str, Case]] = {
    "^api/": ("/api/no-such-thing", Case(_no_args, (404,) * 7)),
}


# ------------------------------------------------------------------ the tests


def _page_names() -> tuple[set[str], set[str]]:
    """Every named pattern of the URL configuration (``namespace:name``), and
    the regular expressions of the unnamed ones.  The API's operations and the
    admin are walked apart (below)."""
    named: set[str] = set()
    unnamed: set[str] = set()

    def walk(resolver: URLResolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                walk(pattern, inner)
            elif isinstance(pattern, URLPattern):
                if namespace.split(":")[0] in ("admin", api.urls_namespace):
                    continue  # walked apart
                if pattern.name is None:
                    unnamed.add(str(pattern.pattern))
                else:
                    named.add(
                        f"{namespace}:{pattern.name}" if namespace else pattern.name
                    )

    walk(get_resolver(), "")
    return named, unnamed


def _api_operations() -> set[str]:
    """Every method and path the NinjaAPI answers (``"GET /api/plans"``)."""
    found = set()
    for prefix, router in api._routers:
        for path, operations in router.path_operations.items():
            for operation in operations.operations:
                for method in operation.methods:
                    found.add(f"{method} /api{prefix.rstrip('/')}{path}")
    return found


def test_every_route_has_a_rule():
    """A new page or endpoint fails here until its row is written above; a row
    whose route is gone fails too."""
    # The exchange apps' routes have their own matrix, with a network's roles.
    from tests.community.test_permission_matrix import all_api, all_pages

    pages = set(PAGES) | set(all_pages())
    api_rules = set(API) | set(all_api())
    named, unnamed = _page_names()
    assert named - pages == set(), "pages without a rule in PAGES"
    assert pages - named == set(), "rules in PAGES for pages that are gone"
    assert unnamed == set(UNNAMED), "unnamed patterns: name them or list them"
    operations = _api_operations()
    assert operations - api_rules == set(), "API operations without a rule in API"
    assert api_rules - operations == set(), "rules in API for operations that are gone"


RECORD = os.environ.get("MATRIX_RECORD")


def _ask(world: World, role: str, method: str, url: str, **extra: Any) -> int | str:
    client = _client(world, role)
    response = getattr(client, method.lower())(url, **extra)
    return _outcome(response)


def _check(world: World, label: str, url: str, case: Case, method: str = "GET"):
    expected = case.get if method == "GET" else case.post
    got = {}
    for role, want in zip(ROLES, expected, strict=True):
        if want == SKIP:
            continue
        if method == "GET":
            got[role] = _ask(world, role, "GET", url)
            continue
        client = _client(world, role)
        headers = {}
        if case.token and role in world.tokens:
            client = Client()
            headers["Authorization"] = f"Bearer {world.tokens[role]}"
        writes = _Writes()
        with connection.execute_wrapper(writes):
            if case.body is None:
                response = client.post(url, headers=headers)
            else:
                response = client.post(
                    url, case.body, content_type="application/json", headers=headers
                )
            got[role] = _outcome(response)
        if RECORD and writes.seen:
            got[role] = f"{got[role]}*"
            continue
        assert writes.seen == [], f"{method} {label} as {role} wrote {writes.seen}"
    wanted = {
        role: want for role, want in zip(ROLES, expected, strict=True) if want != SKIP
    }
    if RECORD:
        with open(RECORD, "a") as out:
            out.write(f"{method}|{label}|{[got.get(r, SKIP) for r in ROLES]}\n")
        return
    assert got == wanted, f"{method} {label}"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page(world, db, name):
    for case in PAGES[name]:
        url = reverse(name, args=case.args(world))
        label = f"{name} ({case.state})" if case.state else name
        _check(world, label, url, case)
        if case.post is not None:
            _check(world, label, url, case, "POST")


@pytest.mark.parametrize("pattern", sorted(UNNAMED))
def test_unnamed_pattern(world, db, pattern):
    url, case = UNNAMED[pattern]
    _check(world, pattern, url, case)


@pytest.mark.parametrize("operation", sorted(API))
def test_api(world, db, operation):
    method, path = operation.split(" ", 1)
    for case in API[operation]:
        url = path.replace("{int:", "{").format(**case.args(world))
        label = f"{operation} ({case.state})" if case.state else operation
        _check(world, label, url, case, method)


def test_admin(world, db):
    """The admin is for platform staff: its index and every registered model's
    list answer administrators and send everybody else to the admin's sign-in."""
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin_site._registry
    ]
    for url in urls:
        got = tuple(_ask(world, role, "GET", url) for role in ROLES)
        assert got == ADMIN, url

"""Factories shared by the app tests (factory_boy).

Records with a service are made through it (``_create`` calls the service), so a
test sees what a user's record has: its original translation row, its search entry,
its change history.  Who acts: nobody (``by_system``) where the service allows it,
else one platform administrator (``admin_user``).  Organisations are written
directly: the only service that makes one (``organisation_propose``) makes a
proposed organisation for its member, with a slug from its name, and refuses names
like a known one; tests need listed organisations with the slug they give.
"""

from __future__ import annotations

from decimal import Decimal

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from convivio.core.models import Organisation, Territory, User
from convivio.core.services import user_create
from convivio.core.translation import save_original
from convivio.directory import services as directory_services
from convivio.directory.models import Service
from convivio.library import services as library_services
from convivio.library.models import Document
from convivio.plans import services as plan_services
from convivio.plans.models import Indicator, Plan, PlanNode
from convivio.practices import services as practice_services
from convivio.practices.models import Practice
from convivio.surveys import services as survey_services
from convivio.surveys.models import Survey


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return user_create(
            username=kwargs.pop("username"),
            email=kwargs.pop("email"),
            password=kwargs.pop("password", "correct-horse-battery"),
            **kwargs,
        )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.NGO
    territory = factory.LazyFunction(lambda: Territory.objects.get(iso_code="IT"))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # The description is text people write: it lives in the original row.
        description = kwargs.pop("description", "")
        organisation = super()._create(model_class, *args, **kwargs)
        save_original(organisation, {"description": description})
        return organisation


def practice_data(**overrides) -> practice_services.PracticeData:
    values = {
        "language": "en",
        "title": "Mentoring migrant entrepreneurs",
        "summary": "Volunteer mentors help newcomers start a business.",
        "description": "Mentors meet *each week* with a mentee.",
        "country": "ES",
        "start_year": 2019,
        "end_year": 2021,
        "themes": ["entrepreneurship"],
        "target_groups": ["migrants"],
    }
    values.update(overrides)
    return practice_services.PracticeData(**values)


def make_practice(
    *, user: User | None = None, status: str = "published", **overrides
) -> Practice:
    """Create a practice through the services and bring it to `status`."""
    practice = practice_services.practice_create(
        user=user, data=practice_data(**overrides), by_system=user is None
    )
    steps = {
        "draft": [],
        "in_review": ["submitted"],
        "published": ["published"],
        "archived": ["published", "archived"],
    }[status]
    for action in steps:
        practice = practice_services.practice_transition(
            user=None, practice=practice, action=action, by_system=True
        )
    return practice


def create_translated(model, **fields):
    """A translated record made directly (not through its services): its text
    (``title``, ``label``…) goes to its original row, as a service would write it."""
    row_model = model.translations.rel.related_model
    text = {
        name: fields.pop(name) for name in row_model.TRANSLATED_FIELDS if name in fields
    }
    record = model.objects.create(**fields)
    save_original(record, text)
    return record


def admin_user() -> User:
    """The platform administrator the factories act as where a service needs
    someone (made once per test database, through user_create)."""
    found = User.objects.filter(username="factory-admin").first()
    return found or user_create(
        username="factory-admin",
        email="factory-admin@example.org",
        password="correct-horse-battery",
        is_staff=True,
        is_superuser=True,
    )


def municipality(name: str = "Vale Novo", country: str = "PT") -> Territory:
    """A municipality (reference data, looked up or made)."""
    territory, _created = Territory.objects.get_or_create(
        name=name,
        country_code=country,
        kind=Territory.Kind.MUNICIPALITY,
        defaults={"parent": Territory.objects.get(iso_code=country)},
    )
    return territory


class PracticeFactory(factory.django.DjangoModelFactory):
    """A practice through practice_create and practice_transition (make_practice);
    any PracticeData field may be given, and ``status``."""

    class Meta:
        model = Practice

    title = factory.Sequence(lambda n: f"Mentoring migrant entrepreneurs {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return make_practice(**kwargs)


class PlanFactory(factory.django.DjangoModelFactory):
    """A draft plan through plan_create (by the system); ``template`` "pmii" or
    "enfem" gives it its areas."""

    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Municipal plan for the integration {n}")
    language = "en"
    territory = factory.LazyFunction(municipality)
    start_year = 2024
    end_year = 2026

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        template = kwargs.pop("template", "blank")
        territory = kwargs.pop("territory")
        return plan_services.plan_create(
            user=None,
            data=plan_services.PlanData(territory_id=territory.pk, **kwargs),
            template=template,
            by_system=True,
        )


class PlanNodeFactory(factory.django.DjangoModelFactory):
    """A part of a plan through node_create (by the system): a measure unless
    ``kind`` says otherwise, last under ``parent``."""

    class Meta:
        model = PlanNode

    plan = factory.SubFactory(PlanFactory)
    kind = PlanNode.Kind.MEASURE
    parent = None
    title = factory.Sequence(lambda n: f"Evening language classes {n}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        plan, kind, parent = (
            kwargs.pop("plan"),
            kwargs.pop("kind"),
            kwargs.pop("parent"),
        )
        return plan_services.node_create(
            user=None,
            plan=plan,
            kind=kind,
            parent=parent,
            data=plan_services.NodeData(**kwargs),
            by_system=True,
        )


class IndicatorFactory(factory.django.DjangoModelFactory):
    """An indicator of a measure through indicator_create (by the system);
    ``dimensions`` maps a dimension slug to value codes."""

    class Meta:
        model = Indicator

    node = factory.SubFactory(PlanNodeFactory)
    name = factory.Sequence(lambda n: f"Learners enrolled {n}")
    unit = "people"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        node = kwargs.pop("node")
        for name in ("baseline_value", "target_value"):
            if kwargs.get(name) is not None:
                kwargs[name] = Decimal(kwargs[name])
        return plan_services.indicator_create(
            user=None,
            node=node,
            data=plan_services.IndicatorData(**kwargs),
            by_system=True,
        )


class ServiceFactory(factory.django.DjangoModelFactory):
    """A directory service through service_create, by ``user`` (default: the
    platform administrator); any ServiceData field may be given."""

    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Health desk {n}")
    language = "en"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        organisation = kwargs.pop("organisation")
        user = kwargs.pop("user", None) or admin_user()
        return directory_services.service_create(
            user=user,
            organisation=organisation,
            data=directory_services.ServiceData(**kwargs),
        )


class DocumentFactory(factory.django.DjangoModelFactory):
    """A library document (an uploaded text file) through document_create, by the
    system unless ``user`` is given; any DocumentData field may be given."""

    class Meta:
        model = Document

    title = factory.Sequence(lambda n: f"Local integration plan {n}")
    kind = "plan"
    content = factory.LazyAttribute(lambda o: f"Text of {o.title}".encode())
    filename = "document.txt"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        user = kwargs.pop("user", None)
        file = SimpleUploadedFile(kwargs.pop("filename"), kwargs.pop("content"))
        document, _created = library_services.document_create(
            user=user,
            data=library_services.DocumentData(**kwargs),
            file=file,
            by_system=user is None,
        )
        return document


class SurveyFactory(factory.django.DjangoModelFactory):
    """A draft survey through survey_create, by ``user`` (default: the platform
    administrator); any SurveyData field may be given."""

    class Meta:
        model = Survey

    title = factory.Sequence(lambda n: f"Needs of newcomers {n}")
    territory = factory.LazyFunction(municipality)
    language = "en"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        user = kwargs.pop("user", None) or admin_user()
        return survey_services.survey_create(
            user=user, data=survey_services.SurveyData(**kwargs)
        )

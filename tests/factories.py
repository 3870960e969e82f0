"""Factories shared by the app tests (factory_boy)."""

from __future__ import annotations

import factory

from convivio.core.models import Organisation, Territory, User
from convivio.core.services import user_create
from convivio.core.translation import save_original
from convivio.practices import services as practice_services
from convivio.practices.models import Practice


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

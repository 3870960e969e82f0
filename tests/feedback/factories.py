"""Services with an organisation editor, channels and answers for the feedback
tests, made through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from convivio.core.models import Membership
from convivio.core.services import membership_grant
from convivio.directory import services as directory_services
from convivio.feedback import services
from convivio.feedback.models import Channel
from convivio.surveys.models import Response
from tests.factories import (
    OrganisationFactory,
    ServiceFactory,
    UserFactory,
    admin_user,
)
from tests.plans.factories import make_territory


def make_service(
    *,
    name: str = "Consulta com mediação",
    languages: tuple[str, ...] = ("pt", "ar", "en"),
    place: str = "Vale Novo",
    editor: Any = None,
) -> Any:
    """A service in Portuguese at a place of ``place``; ``service.editor`` is
    an editor of its organisation."""
    town = make_territory(place)
    organisation = OrganisationFactory(territory=town)
    service = ServiceFactory(
        organisation=organisation,
        name=name,
        language="pt",
        language_ids=list(languages),
    )
    location = directory_services.location_create(
        user=admin_user(),
        organisation=organisation,
        data=directory_services.LocationData(address="Rua 1", territory_id=town.pk),
    )
    directory_services.service_location_add(
        user=admin_user(), service=service, location=location
    )
    editor = editor or UserFactory()
    membership_grant(
        actor=None, user=editor, organisation=organisation, role=Membership.Role.EDITOR
    )
    service.editor = editor
    return service


def answer(
    channel: Channel,
    rating: int,
    comment: str = "",
    *,
    language: str = "pt",
    on: dt.date | None = None,
) -> Response:
    response = services.feedback_submit(
        channel=channel,
        answers={"rating": str(rating), "comment": comment},
        language=language,
    )
    if on is not None:
        Response.objects.filter(pk=response.pk).update(submitted_on=on)
    return response

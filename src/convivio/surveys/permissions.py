"""Who may do what with surveys and their answers.

- Anybody answers an open survey (an invitation-only one with its invitation).
- A territory team builds, edits, translates, opens and closes the surveys of its
  territory and of the places inside; moderators and administrators those of
  every place.  They also preview a survey that is not open.
- Who may edit a survey, and who made it, see every count and every free-text
  answer and moderate the texts; everybody else sees published results only,
  small counts hidden.
- The issues people raised in a place: its territory team and moderators see
  the small counts.

Built on core's roles (territory teams, moderators), not on any other app's.
Services call the ``require_*`` functions, which raise ``PermissionDenied`` with a
sentence a person understands; views and templates use the ``can_*`` ones.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from convivio.core.models import Territory
from convivio.core.permissions import (
    AnyUser,
    is_moderator,
    is_platform_admin,
    is_signed_in,
    team_territory_ids,
)

from .models import Survey


def _for_every_place(user: AnyUser) -> bool:
    return is_platform_admin(user) or is_moderator(user)


def can_build_survey(user: AnyUser, territory: Territory | int | None = None) -> bool:
    """Territory teams (for their places), moderators and administrators; with
    no territory, whether the user may build a survey for some place."""
    if not is_signed_in(user):
        return False
    if _for_every_place(user):
        return True
    teams = team_territory_ids(user)
    if territory is None:
        return bool(teams)
    territory_id = territory if isinstance(territory, int) else territory.pk
    return territory_id in teams


def can_edit_survey(user: AnyUser, survey: Survey) -> bool:
    return can_build_survey(user, survey.territory_id)


def can_translate_survey(user: AnyUser, survey: Survey) -> bool:
    """Who may edit a survey may translate it (its territory team, moderators)."""
    return can_edit_survey(user, survey)


def can_view_survey(user: AnyUser, survey: Survey) -> bool:
    """A survey once out of draft for everybody; a draft for who may edit it."""
    return survey.status != Survey.Status.DRAFT or can_edit_survey(user, survey)


def can_see_all_answers(user: AnyUser, survey: Survey) -> bool:
    """The survey's team, who made it, moderators and administrators: every
    number, every text."""
    if not is_signed_in(user):
        return False
    if _for_every_place(user):
        return True
    if survey.created_by_id and survey.created_by_id == user.pk:
        return True
    return survey.territory_id in team_territory_ids(user)


def can_see_all_issues(user: AnyUser, territory: Territory) -> bool:
    """The place's territory team and moderators see the issues' small counts."""
    if not is_signed_in(user):
        return False
    if _for_every_place(user):
        return True
    return territory.pk in team_territory_ids(user)


def can_view_results(user: AnyUser, survey: Survey) -> bool:
    return survey.results_public or can_see_all_answers(user, survey)


def require_build_survey(user: AnyUser, territory: Territory) -> None:
    if not can_build_survey(user, territory):
        raise PermissionDenied(
            _("Only the territory team of %(territory)s can create its surveys.")
            % {"territory": territory}
        )


def require_create_surveys(user: AnyUser) -> None:
    """The builder's page: whoever may build a survey for some place."""
    if not can_build_survey(user):
        raise PermissionDenied(
            _("Only territory teams and moderators can create surveys.")
        )


def require_import_surveys(user: AnyUser) -> None:
    if not can_build_survey(user):
        raise PermissionDenied(
            _("Only territory teams and moderators can import surveys.")
        )


def require_edit_survey(user: AnyUser, survey: Survey) -> None:
    if not can_edit_survey(user, survey):
        raise PermissionDenied(
            _("Only the territory team of %(territory)s can change this survey.")
            % {"territory": survey.territory}
        )


def require_view_results(user: AnyUser, survey: Survey) -> None:
    if not can_view_results(user, survey):
        raise PermissionDenied(
            _(
                "The results of this survey are not published yet; only its team "
                "and moderators can see them."
            )
        )


def require_see_all_answers(user: AnyUser, survey: Survey) -> None:
    if not can_see_all_answers(user, survey):
        raise PermissionDenied(
            _(
                "Only the survey's team and moderators can see every answer and "
                "moderate free text."
            )
        )


def editable_surveys(user: AnyUser, qs: QuerySet[Survey]) -> QuerySet[Survey]:
    """Of ``qs``, the surveys the user may edit (every status)."""
    if not is_signed_in(user):
        return qs.none()
    if _for_every_place(user):
        return qs
    return qs.filter(territory_id__in=team_territory_ids(user))


def builder_territories(user: AnyUser, qs: QuerySet[Territory]) -> QuerySet[Territory]:
    """Of ``qs``, the places the user may build surveys for."""
    if _for_every_place(user):
        return qs
    return qs.filter(pk__in=team_territory_ids(user))

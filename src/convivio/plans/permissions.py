"""Who may do what with plans, indicators and observations.

- A territory team owns the plans of its territory and of the places inside it:
  it edits them, validates and returns values, locks periods and sees small cells.
- A reporter of an organisation submits values for the indicators of measures
  whose responsible entity is that organisation (or that name it as reporter).
- Platform administrators may do everything; everybody reads public plans.
- A draft plan is also read by whoever made it (an ingested document's
  reviewer, say), by the editors of their organisation and by moderators.
- One rule for who reads a draft, ``visible_plans``: lists and single plans,
  pages and API alike, ask it (``can_view_plan`` for one plan).

Services call the ``require_*`` functions, which raise ``PermissionDenied`` with a
sentence a person understands; views and templates use the ``can_*`` ones.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from convivio.core import hooks
from convivio.core.models import Membership, Territory, User
from convivio.core.permissions import AnyUser, is_moderator

# The roles plans' rules are made of live in core (surveys use them too); they
# are named here as well for plans' views, forms and templates.
from convivio.core.permissions import (
    is_platform_admin as is_platform_admin,
)
from convivio.core.permissions import (
    is_territory_team_member as is_territory_team_member,
)
from convivio.core.permissions import (
    reporter_organisation_ids as reporter_organisation_ids,
)
from convivio.core.permissions import team_territory_ids as team_territory_ids

from .models import Indicator, Plan, PlanNode


def can_create_plan(user: AnyUser | None, territory: Territory | None = None) -> bool:
    # None: no one signed in (services take it for a visitor).
    if user is None:
        return False
    if is_platform_admin(user):
        return True
    if territory is None:
        return bool(team_territory_ids(user))
    return territory.pk in team_territory_ids(user)


def can_edit_plan(user: AnyUser | None, plan: Plan) -> bool:
    """Territory team of the plan (or an administrator): edit, validate, lock."""
    if user is None:  # a visitor
        return False
    return is_platform_admin(user) or plan.territory_id in team_territory_ids(user)


#: Every plan but a draft is public.
PUBLIC_PLANS = ~Q(status=Plan.Status.DRAFT)


def _draft_authors(user: User) -> QuerySet[User, Mapping[str, object]]:
    """Whose drafts the user opens (``core.permissions.can_open_draft_record``):
    their own, and those of the people of the organisations they edit (their
    primary keys, for a subquery)."""
    editor_of = Membership.objects.filter(
        user=user, role=Membership.Role.EDITOR
    ).values("organisation_id")
    return User.objects.filter(
        Q(pk=user.pk)
        | Q(memberships__organisation_id__in=editor_of)
        | Q(profile__organisation_id__in=editor_of)
    ).values("pk")


def visible_plans(user: AnyUser, plans: QuerySet[Plan] | None = None) -> QuerySet[Plan]:
    """The plans ``user`` may read: the one rule for who sees a draft, used by the
    pages, the API, dashboards, reports and search (``can_view_plan`` asks it).

    Everybody reads every plan that is not a draft. A draft is read by platform
    administrators and moderators (who review ingested documents), by the
    territory team of its place (or of a place around it), by the person who made
    it (in a form, or by adding the document it was read from) and the editors
    of that person's organisations, and by the reporters of the organisations
    named on its indicators or measures. Subqueries, so that a list costs no
    query more than the team's places (which the pages read anyway).
    """
    plans = Plan.objects.all() if plans is None else plans
    if is_moderator(user):  # administrators are moderators
        return plans
    if not user.is_authenticated or not user.is_active:
        return plans.filter(PUBLIC_PLANS)
    authors = _draft_authors(user)
    reports_for = Membership.objects.filter(
        user=user, role=Membership.Role.REPORTER
    ).values("organisation_id")
    seen = (
        PUBLIC_PLANS
        | Q(territory_id__in=team_territory_ids(user))
        | Q(created_by__in=authors)
        # A draft read from a document: who added the document opens it too.
        | hooks.drafts_made_by(Plan, authors)
        | Exists(
            Indicator.objects.filter(
                plan=OuterRef("pk"), reporting_organisation_id__in=reports_for
            )
        )
        | Exists(
            PlanNode.objects.filter(
                plan=OuterRef("pk"), responsibilities__organisation_id__in=reports_for
            )
        )
    )
    return plans.filter(seen)


def can_view_plan(user: AnyUser, plan: Plan) -> bool:
    """Whether ``user`` may read ``plan``: ``visible_plans``'s rule for one plan."""
    if plan.is_public or can_edit_plan(user, plan) or is_moderator(user):
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    return visible_plans(user, Plan.objects.filter(pk=plan.pk)).exists()


def can_see_small_cells(user: AnyUser, plan: Plan) -> bool:
    """Only the team sees cells below the threshold; the public sees them hidden."""
    return can_edit_plan(user, plan)


def indicator_organisation_ids(indicator: Indicator) -> set[int]:
    """Organisations whose reporters may report this indicator.

    The reporting organisation when the indicator names one, otherwise the
    responsible entities of its measure.  Uses prefetched rows where present.
    """
    if indicator.reporting_organisation_id:
        return {indicator.reporting_organisation_id}
    return {r.organisation_id for r in indicator.node.responsibilities.all()}


def reporting_organisations_for(user: AnyUser, indicator: Indicator) -> set[int]:
    """The user's organisations that may report this indicator (empty: none)."""
    return reporter_organisation_ids(user) & indicator_organisation_ids(indicator)


def can_report(user: AnyUser, indicator: Indicator) -> bool:
    if can_edit_plan(user, indicator.plan):
        return True
    return bool(reporting_organisations_for(user, indicator))


def require_create_plan(user: AnyUser | None, territory: Territory) -> None:
    if not can_create_plan(user, territory):
        raise PermissionDenied(
            _("Only the territory team of %(territory)s can create its plans.")
            % {"territory": territory}
        )


def require_edit_plan(user: AnyUser | None, plan: Plan) -> None:
    if not can_edit_plan(user, plan):
        raise PermissionDenied(
            _("Only the territory team of %(territory)s can change this plan.")
            % {"territory": plan.territory}
        )


def require_report(user: AnyUser, indicator: Indicator) -> None:
    if not can_report(user, indicator):
        raise PermissionDenied(
            _(
                "You can report values only for the indicators of measures your "
                "organisation is responsible for."
            )
        )

"""Template filters for the plans pages and the site menu."""

from __future__ import annotations

from django import template

from convivio.plans import permissions

register = template.Library()


@register.filter
def reports_indicators(user) -> bool:
    """Whether the menu offers "Indicators to report" (reporters and teams)."""
    return bool(
        permissions.reporter_organisation_ids(user)
        or permissions.is_territory_team_member(user)
    )

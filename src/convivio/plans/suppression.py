"""Small-cell suppression: published figures never single out a person.

Disaggregated values that count people are hidden from the public when they are
above zero and below the plan's threshold (``Plan.small_cell_threshold``, or the
``CONVIVIO_SMALL_CELL_THRESHOLD`` setting, 5 by default).  When a group's total is
published and exactly one of its values is hidden, that value could be worked out
by subtracting the others from the total: the next smallest value of the group is
then hidden too (complementary suppression).

The public sees, for a disaggregated indicator, its total and one breakdown per
dimension (each summed over the other dimensions) — never the crossed cells — so
that no cell can be rebuilt by crossing two breakdowns.  The plan's territory team
sees every value (``permissions.can_see_small_cells``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from .models import Dimension, Plan


def threshold_for(plan: Plan) -> int:
    """The smallest value of a people-counting cell the public may see."""
    if plan.small_cell_threshold is not None:
        return int(plan.small_cell_threshold)
    return int(settings.CONVIVIO_SMALL_CELL_THRESHOLD)


def hidden_keys(
    values: Mapping[str, Decimal | None],
    threshold: int,
    *,
    total_published: bool = True,
) -> set[str]:
    """The keys ``suppress`` hides: the small values and, where one alone is
    hidden and the total is known, the next smallest one."""
    hidden = {
        key
        for key, value in values.items()
        if value is not None and Decimal(0) < value < threshold
    }
    if total_published and len(hidden) == 1:
        rest = sorted(
            (value, key)
            for key, value in values.items()
            if value is not None and key not in hidden
        )
        if rest:
            hidden.add(rest[0][1])
    return hidden


def suppress(
    values: Mapping[str, Decimal | None],
    threshold: int,
    *,
    total_published: bool = True,
) -> dict[str, Decimal | None]:
    """``values`` with every hidden value replaced by ``None``.

    ``values`` is one group (the cells that add up to a published total).
    """
    hidden = hidden_keys(values, threshold, total_published=total_published)
    return {key: None if key in hidden else value for key, value in values.items()}


def counts_people(dimensions: Iterable[Dimension]) -> bool:
    """Whether an indicator disaggregated by these dimensions counts people."""
    return any(dimension.about_people for dimension in dimensions)


def hidden_label(threshold: int) -> str:
    """How a hidden value is shown in pages and exports: "< 5"."""
    return _("< %(threshold)s") % {"threshold": threshold}


def format_number(value: Decimal | int | float | None) -> str:
    """A number as people read it: no trailing zeros, thousands unseparated."""
    if value is None:
        return "–"
    number = Decimal(value)
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def display(value: Decimal | None, *, hidden: bool = False, threshold: int = 5) -> str:
    """A cell as shown: its number, "< 5" when hidden, "–" when unknown."""
    if hidden:
        return hidden_label(threshold)
    return format_number(value)

"""Small-cell suppression: published figures never single out a person.

Disaggregated values that count people are hidden from the public when they are
above zero and below the plan's threshold (``Plan.small_cell_threshold``, or the
``CONVIVIO_SMALL_CELL_THRESHOLD`` setting, 5 by default).  When a group's total is
published and exactly one of its values is hidden, that value could be worked out
by subtracting the others from the total: the smallest value above zero of the
group is then hidden too (complementary suppression), and so is one more where the
hidden values add up to less than the threshold (1 + 1 = 2 gives both away).
Tables tied by several totals (survey results) use ``protect`` below.

The public sees, for a disaggregated indicator, its total and one breakdown per
dimension (each summed over the other dimensions) — never the crossed cells — so
that no cell can be rebuilt by crossing two breakdowns.  The plan's territory team
sees every value (``permissions.can_see_small_cells``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Protocol

from django.conf import settings
from django.utils.translation import gettext as _

from .numbers import readable_number


class _WithThreshold(Protocol):
    small_cell_threshold: int | None


class _Dimension(Protocol):
    about_people: bool


def threshold_for(record: _WithThreshold | None = None) -> int:
    """The smallest value of a people-counting cell the public may see: the
    record's own threshold (a plan's) when it has one, else the setting's."""
    own = getattr(record, "small_cell_threshold", None)
    if own is not None:
        return int(own)
    return int(settings.CONVIVIO_SMALL_CELL_THRESHOLD)


def hidden_keys(
    values: Mapping[str, Decimal | None],
    threshold: int,
    *,
    total_published: bool = True,
) -> set[str]:
    """The keys ``suppress`` hides: the small values and, where the total is
    known, as many more as ``protect`` needs (where one alone is hidden, the
    smallest value above zero; where the hidden ones add up to less than the
    threshold, one more)."""
    # In the order of the keys, not of the caller's dict: the dashboard ("F")
    # and the API ("sex=F") then pick the same complement between equal values.
    known = {key: value for key, value in sorted(values.items()) if value is not None}
    lines = [[(key, 1) for key in known] + [(_TOTAL, -1)]] if total_published else []
    return protect(known, lines, threshold)


#: The published total of a group, in ``hidden_keys``'s line.
_TOTAL = ("total",)


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


def counts_people(dimensions: Iterable[_Dimension]) -> bool:
    """Whether an indicator disaggregated by these dimensions counts people."""
    return any(dimension.about_people for dimension in dimensions)


def hidden_text() -> str:
    """How a hidden value is shown in pages and exports.  Not "< 5": a value
    hidden so that another cannot be worked out from the total may be large, and
    marking the small ones apart would tell which is which."""
    return _("hidden")


def hidden_label(threshold: int) -> str:
    """ "< 5": only where a count is below the threshold for certain (a survey
    question answered by fewer people)."""
    return _("< %(threshold)s") % {"threshold": threshold}


def format_number(value: Decimal | int | float | None) -> str:
    """A number as files carry it (CSV cells): no trailing zeros, a decimal
    point, thousands unseparated.  Pages and documents take ``readable_number``."""
    if value is None:
        return "–"
    number = Decimal(value)
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")


def display(value: Decimal | None, *, hidden: bool = False, threshold: int = 5) -> str:
    """A cell as shown: its number, "hidden" when hidden, "–" when unknown."""
    if hidden:
        return hidden_text()
    return readable_number(value)


# Tables whose cells are tied by published totals (survey results)
#
# ``hidden_keys`` protects one group against one published total.  A table
# published beside its totals, and beside other tables of the same people (a
# cross-tabulation beside the one-way counts of both questions), ties every cell
# to several totals at once: a row total, a column total, and the totals of the
# totals.  ``protect`` hides cells until no hidden one can be worked out from
# everything published by adding and subtracting (any linear combination of the
# lines), and no line's hidden cells add up to a small count themselves.

#: Any hashable key: a row's value, a (row, column) pair, the total.  Typed Any,
#: not Hashable: a Mapping is invariant in its keys, so dict[str, int] would not
#: pass as Mapping[Hashable, int], and the cells of one table mix kinds.
Cell = Any
#: A count of people, whole (answers) or as the decimal an indicator stores.
Count = int | Decimal
#: Cells that add up to zero with their signs: ``[(cell, 1), …, (total, -1)]``.
Line = Sequence[tuple[Cell, int]]


def recoverable(lines: Iterable[Line], hidden: Iterable[Cell]) -> set[Cell]:
    """The hidden cells whose value follows from the shown ones and ``lines``.

    Gauss-Jordan elimination over the hidden cells (exact fractions): a hidden
    cell is fixed when its row of the reduced system has no free cell left.
    """
    secret = set(hidden)
    columns: dict[Cell, int] = {}
    rows: list[dict[int, Fraction]] = []
    for line in lines:
        row: dict[int, Fraction] = {}
        for cell, sign in line:
            if cell in secret:
                column = columns.setdefault(cell, len(columns))
                row[column] = row.get(column, Fraction(0)) + sign
        row = {column: value for column, value in row.items() if value}
        if row:
            rows.append(row)
    pivots: dict[int, dict[int, Fraction]] = {}
    for row in rows:
        for column in [c for c in row if c in pivots]:
            factor = row.get(column)
            if factor:
                _subtract(row, pivots[column], factor)
        if not row:
            continue
        pivot = min(row)
        scale = row[pivot]
        row = {column: value / scale for column, value in row.items()}
        for other in pivots.values():
            factor = other.get(pivot)
            if factor:
                _subtract(other, row, factor)
        pivots[pivot] = row
    names = {index: cell for cell, index in columns.items()}
    return {names[pivot] for pivot, row in pivots.items() if len(row) == 1}


def _subtract(row: dict[int, Fraction], other: dict[int, Fraction], factor) -> None:
    """``row -= factor × other`` in place, dropping zeros."""
    for column, value in other.items():
        result = row.get(column, Fraction(0)) - factor * value
        if result:
            row[column] = result
        else:
            row.pop(column, None)


def weak_lines(
    lines: Iterable[Line],
    values: Mapping[Cell, Count],
    hidden: set[Cell],
    threshold: int,
) -> list[Line]:
    """Lines whose total is shown and whose hidden cells add up to less than
    the threshold.

    Their sum is published in effect (the total minus the shown cells), so it
    must not be a small count: two hidden cells adding up to 2 are both 1, and
    hidden cells adding up to 0 are all 0.
    """
    weak = []
    for line in lines:
        secret = [(cell, sign) for cell, sign in line if cell in hidden]
        if not secret or any(sign < 0 for _cell, sign in secret):
            continue
        total = sum(values.get(cell, 0) for cell, _sign in secret)
        if total < threshold:
            weak.append(line)
    return weak


def protect(
    values: Mapping[Cell, Count],
    lines: Sequence[Line],
    threshold: int,
    *,
    hidden: Iterable[Cell] = (),
    fixed: Iterable[Cell] = (),
) -> set[Cell]:
    """The cells to hide among ``values`` so that nothing hidden can be rebuilt.

    Hidden at first: every count from 1 to ``threshold`` − 1 and ``hidden``
    (cells another table already hides, such as a total).  Then, while a hidden
    cell can be worked out (``recoverable``) or a line's hidden cells add up to
    a small count (``weak_lines``), one more cell of such a line is hidden: the
    smallest count above zero (a hidden zero can be pinned by the others), in
    the order of ``values``.  ``fixed`` cells (totals decided elsewhere) keep
    their state.  Deterministic: the same table gives the same cells.
    """
    fixed = set(fixed)
    order = {cell: index for index, cell in enumerate(values)}
    secret = set(hidden) | {
        cell
        for cell, value in values.items()
        if cell not in fixed and 0 < value < threshold
    }

    def lines_of(cell: Cell) -> list[Line]:
        return [line for line in lines if any(c == cell for c, _sign in line)]

    def opened(cell: Cell) -> int:
        """Lines through ``cell`` with nothing hidden yet: hiding it there
        would leave it alone in them."""
        return sum(
            1 for line in lines_of(cell) if not any(c in secret for c, _sign in line)
        )

    def candidate(cells: Iterable[Cell]) -> Cell | None:
        free = {c for c in cells if c in order and c not in secret and c not in fixed}
        if not free:
            return None
        return min(free, key=lambda c: (values[c] <= 0, opened(c), values[c], order[c]))

    while True:
        # Lines with one hidden cell first (plain subtraction), then lines whose
        # hidden cells add up to a small count, then cells fixed by combining
        # several lines.
        problems: list[list[Cell]] = [
            [cell for cell, _sign in line]
            for line in lines
            if sum(1 for cell, _sign in line if cell in secret) == 1
        ]
        problems.extend(
            [cell for cell, _sign in line]
            for line in weak_lines(lines, values, secret, threshold)
        )
        for cell in sorted(
            recoverable(lines, secret), key=lambda c: order.get(c, len(order))
        ):
            problems.append([other for line in lines_of(cell) for other, _s in line])
        if not problems:
            return secret
        for cells in problems:
            chosen = candidate(cells)
            if chosen is not None:
                secret.add(chosen)
                break
        else:
            # Nothing left to hide beside them (a table of one row, say).
            return secret

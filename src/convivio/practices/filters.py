"""Turn query parameters (page or API) into validated PracticeFilters.

The page drops values it does not know and says so; the API answers 422.
"""

from __future__ import annotations

from django.http import QueryDict
from django.utils.translation import gettext as _
from ninja.errors import HttpError

from .selectors import PracticeFilters, Sort, code_lists

#: Parameter name → PracticeFilters field and the label used in messages.
FACET_PARAMS = {
    "theme": "themes",
    "target_group": "target_groups",
    "country": "countries",
    "language": "languages",
    "organisation_kind": "organisation_kinds",
}
MAX_QUERY_LENGTH = 200
MAX_VALUES = 30


def _year(raw: str | None) -> int | None:
    if raw in (None, ""):
        return None
    value = int(raw)  # ValueError is handled by the caller
    if not 1945 <= value <= 2100:
        raise ValueError
    return value


def filters_from_query(params: QueryDict) -> tuple[PracticeFilters, list[str]]:
    """Read the list page's GET parameters; unknown values are dropped with a note."""
    notes: list[str] = []
    lists = code_lists()
    values: dict[str, tuple[str, ...]] = {}
    for param, name in FACET_PARAMS.items():
        known = {v for v, _label in lists[name]}
        given = [v.strip() for v in params.getlist(param) if v.strip()][:MAX_VALUES]
        if name == "countries":
            given = [v.upper() for v in given]
        unknown = [v for v in given if v not in known]
        if unknown:
            notes.append(
                _("Ignored unknown %(facet)s: %(values)s.")
                % {"facet": param.replace("_", " "), "values": ", ".join(unknown)}
            )
        values[name] = tuple(dict.fromkeys(v for v in given if v in known))
    years: dict[str, int | None] = {}
    for param in ("year_from", "year_to"):
        try:
            years[param] = _year(params.get(param))
        except ValueError:
            notes.append(
                _("Ignored %(param)s: give a year between 1945 and 2100.")
                % {"param": param.replace("_", " ")}
            )
            years[param] = None
    start, end = years["year_from"], years["year_to"]
    if start is not None and end is not None and start > end:
        notes.append(
            _("Ignored the years: %(start)d is after %(end)d.")
            % {"start": years["year_from"], "end": years["year_to"]}
        )
        years = {"year_from": None, "year_to": None}
    q = params.get("q", "")
    if len(q) > MAX_QUERY_LENGTH:
        notes.append(
            _("The search was shortened to %(n)d characters.") % {"n": MAX_QUERY_LENGTH}
        )
        q = q[:MAX_QUERY_LENGTH]
    sort = params.get("sort", "")
    if sort and sort not in Sort.CHOICES:
        notes.append(_("Ignored unknown sort order."))
        sort = ""
    filters = PracticeFilters(
        q=q,
        sort=sort,
        year_from=years["year_from"],
        year_to=years["year_to"],
        **values,
    )
    return filters, notes


def filters_from_api(query) -> PracticeFilters:
    """Validate the API's parameters against the code lists (422 when unknown)."""
    lists = code_lists()
    values: dict[str, tuple[str, ...]] = {}
    for param, name in FACET_PARAMS.items():
        known = {v for v, _label in lists[name]}
        given = list(getattr(query, param))
        if name == "countries":
            given = [v.upper() for v in given]
        unknown = [v for v in given if v not in known]
        if unknown:
            raise HttpError(
                422,
                _("Unknown value for %(param)s: %(values)s. See %(where)s.")
                % {
                    "param": param,
                    "values": ", ".join(unknown),
                    "where": "/api/docs",
                },
            )
        values[name] = tuple(dict.fromkeys(given))
    if (
        query.year_from is not None
        and query.year_to is not None
        and query.year_from > query.year_to
    ):
        raise HttpError(
            422,
            _("year_from (%(start)d) is after year_to (%(end)d).")
            % {"start": query.year_from, "end": query.year_to},
        )
    return PracticeFilters(
        q=query.q,
        sort=query.sort.value if query.sort else "",
        year_from=query.year_from,
        year_to=query.year_to,
        **values,
    )

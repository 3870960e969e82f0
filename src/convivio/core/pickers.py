"""Pickers that suggest as one types and work without JavaScript.

A picker is a text input tied to a ``<datalist>``: the browser filters the
suggestions by itself while one types, with or without JavaScript.  When there
are too many records to send with the page, the list starts empty and HTMX
fills it from the server as one types; without JavaScript a typed name still
works, since the server reads names (case and accents ignored) and says when
one is unknown or means several records.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Territory
from .selectors import (
    territory_descendant_ids,
    territory_find,
    territory_label,
    territory_options,
)
from .services import NewTerritory, territory_nesting_error

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _territory_queryset(
    inside: set[int] | None, *, countries: bool = True, municipalities: bool = True
) -> QuerySet[Territory]:
    """Places among ``inside`` (every place when ``None``), of the kinds asked."""
    queryset = Territory.objects.all()
    if inside is not None:
        queryset = queryset.filter(pk__in=inside)
    if not countries:
        queryset = queryset.exclude(kind=Territory.Kind.COUNTRY)
    if not municipalities:
        queryset = queryset.exclude(kind=Territory.Kind.MUNICIPALITY)
    return queryset


def _search_params(
    roots: Iterable[int] | None, *, countries: bool, municipalities: bool
) -> dict[str, str]:
    """What the suggestions endpoint needs to offer the same places."""
    params = {}
    if roots is not None:
        params["under"] = ",".join(str(pk) for pk in sorted(roots)) or "0"
    if not countries:
        params["countries"] = "0"
    if not municipalities:
        params["municipalities"] = "0"
    return params


#: Up to this many places are sent with the page in the datalist; with more, the
#: list is filled from the server as one types.
SENT_WITH_PAGE = 500


class PickerInput(forms.TextInput):
    """One record: a text input with suggestions.  A kind of record says its
    ``model``, how a record reads (``record_label``), what goes with the page
    (``options``) and which view suggests as one types (``suggestions_url``)."""

    template_name = "core/widgets/picker_input.html"
    model: type[models.Model]
    #: The URL name of the view suggesting as one types (with HTMX).
    suggestions_url: str
    placeholder: StrOrPromise | None = None

    def __init__(self, attrs: dict | None = None) -> None:
        defaults: dict[str, Any] = {"autocomplete": "off", "spellcheck": "false"}
        if self.placeholder:
            defaults["placeholder"] = self.placeholder
        super().__init__({**defaults, **(attrs or {})})
        self.queryset: QuerySet = self.model._default_manager.all()
        #: What the suggestions view needs to offer the same records.
        self.search_params: dict[str, str] = {}
        #: Suggestions already read, by query: pickers of one page share it.
        self.memo: dict[str, list[str] | None] | None = None

    def options(self) -> list[str] | None:
        """Every label offered with the page, or ``None`` when there are too
        many (then the server suggests as one types)."""
        raise NotImplementedError

    def records(self) -> QuerySet:
        """Where a record given by its id is looked up to be shown."""
        return self.model._default_manager.all()

    def record_label(self, record: Any) -> str:
        return str(record)

    def label(self, value: Any) -> str:
        """What an input shows for a value: a record's label, a typed text as it is."""
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            value = self.records().filter(pk=value).first()
            if value is None:
                return ""
        if isinstance(value, self.model):
            return self.record_label(value)
        return "" if value is None else str(value)

    def format_value(self, value: Any) -> str:
        return self.label(value)

    def _suggestions(self, name: str, attrs: dict) -> dict:
        list_id = f"{attrs.get('id') or name}-options"
        if self.memo is None:
            options = self.options()
        else:
            key = str(self.queryset.query)
            if key not in self.memo:
                self.memo[key] = self.options()
            options = self.memo[key]
        htmx = {}
        if options is None:
            # Too many to send: the server suggests as one types (with HTMX).
            options = []
            htmx = {
                "hx-get": reverse(self.suggestions_url),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": f"#{list_id}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
                "hx-vals": json.dumps({"field": name, **self.search_params}),
            }
        return {"list_id": list_id, "options": options, "htmx": htmx}

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        suggestions = self._suggestions(name, widget["attrs"])
        widget.update(suggestions)
        widget["attrs"].update({"list": suggestions["list_id"], **suggestions["htmx"]})
        return context


class PickerListInput(PickerInput):
    """Several records: one input per record chosen and a few empty ones,
    sharing one list of suggestions.  Emptying an input removes its record.
    With ``add_label``, a button (JavaScript) adds one more input."""

    template_name = "core/widgets/pickers_input.html"
    #: Empty inputs offered after the records already chosen.
    extra = 2
    #: The accessible name of the second, third, … input ("Place %(n)s").
    input_label: StrOrPromise
    add_label: StrOrPromise | None = None

    def value_from_datadict(self, data, files, name: str) -> list[str]:
        getter = getattr(data, "getlist", None)
        values = getter(name) if getter else data.get(name) or []
        return [values] if isinstance(values, str) else list(values)

    def value_omitted_from_data(self, data, files, name: str) -> bool:
        return name not in data

    def format_value(self, value: Any) -> list[str]:  # type: ignore[override]
        if value is None or isinstance(value, str | int | self.model):
            value = [] if value in (None, "") else [value]
        return [label for label in (self.label(v) for v in value) if label]

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        base_id = widget["attrs"].get("id") or name
        values = [*widget["value"], *[""] * self.extra]
        widget["inputs"] = [
            {
                "id": base_id if i == 0 else f"{base_id}_{i}",
                "value": v,
                "label": str(self.input_label) % {"n": i + 1} if i else "",
            }
            for i, v in enumerate(values)
        ]
        widget["input_label"] = self.input_label
        widget["add_label"] = self.add_label
        return context


class TerritoryInput(PickerInput):
    """One place: a text input with suggestions."""

    model = Territory
    suggestions_url = "core:territory_suggestions"
    placeholder = _("Type a few letters…")

    def options(self) -> list[str] | None:
        return territory_options(self.queryset, limit=SENT_WITH_PAGE)

    def records(self) -> QuerySet[Territory]:
        return Territory.objects.select_related("parent")

    def record_label(self, record: Territory) -> str:
        return territory_label(record)

    def label(self, value: Any) -> str:
        if isinstance(value, NewTerritory):
            return value.name
        return super().label(value)


class TerritoriesInput(PickerListInput, TerritoryInput):
    """Several places."""

    input_label = _("Place %(n)s")
    add_label = _("Add another place")


class NewTerritoryInput(TerritoryInput):
    """One place, or a new one: under the input, "Not in the list?" asks what
    kind of place it is and what it is part of."""

    template_name = "core/widgets/territory_or_new_input.html"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.parent_widget = TerritoryInput()

    def __deepcopy__(self, memo: dict) -> NewTerritoryInput:
        # Each form gets its own parent picker (its places depend on the user).
        copied = super().__deepcopy__(memo)
        copied.parent_widget = copy.deepcopy(self.parent_widget, memo)
        return copied

    def value_from_datadict(self, data, files, name: str) -> tuple[str, str, str]:
        return (
            data.get(name, ""),
            data.get(f"{name}_kind", ""),
            data.get(f"{name}_parent", ""),
        )

    def value_omitted_from_data(self, data, files, name: str) -> bool:
        return name not in data

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        kind: str = ""
        parent: Territory | str = ""
        if isinstance(value, tuple | list):
            value, kind, parent = [*value, "", "", ""][:3]
        elif isinstance(value, NewTerritory):
            kind, parent = value.kind, value.parent
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        base_id = widget["attrs"].get("id") or name
        parent_attrs = {"id": f"{base_id}_parent"}
        if widget["attrs"].get("aria-invalid"):
            parent_attrs["aria-invalid"] = "true"
        widget["parent"] = self.parent_widget.get_context(
            f"{name}_parent", parent, parent_attrs
        )["widget"]
        widget["kind"] = {
            "name": f"{name}_kind",
            "id": f"{base_id}_kind",
            "value": kind,
            "choices": [
                (k, label)
                for k, label in Territory.Kind.choices
                if k != Territory.Kind.COUNTRY
            ],
        }
        # Open when the person started describing a new place, or the name
        # typed was refused (the error says to add it here).
        widget["open"] = bool(kind or parent or widget["attrs"].get("aria-invalid"))
        return context


class PickerField(forms.Field):
    """One record, typed or picked among ``queryset``: an id (from a link) or
    a name the kind's ``find`` reads.  Cleans to a record or ``None``."""

    model: type[models.Model]
    queryset: QuerySet

    def find(self, text: str) -> Any:
        """The one record ``text`` names; a ValidationError says why not."""
        raise NotImplementedError

    def to_python(self, value: Any) -> Any:
        if isinstance(value, self.model):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        if isinstance(value, int) or str(value).isdigit():
            found = self.queryset.filter(pk=value).first()
            if found is not None:
                return found
        return self.find(value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        widget = self.widget
        return widget.format_value(initial) != widget.format_value(data)


class PickerListField(PickerField):
    """Several records (inputs left empty are ignored).  Cleans to a list."""

    def to_python(self, value: Any) -> list:
        found: list = []
        errors: list[ValidationError] = []
        for item in value or []:
            try:
                record = super().to_python(item)
            except ValidationError as error:
                errors.append(error)
                continue
            if record is not None and record not in found:
                found.append(record)
        if errors:
            raise ValidationError(errors)
        return found

    def validate(self, value: list) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")


class TerritoryField(PickerField):
    """One place, typed or picked, within ``roots`` (and the places inside them;
    every place when ``None``).  Cleans to a ``Territory``."""

    model = Territory
    widget = TerritoryInput
    default_error_messages = {
        "unknown": _("No place called “%(name)s” is known here: pick one of the list."),
        "ambiguous": _(
            "Several places are called “%(name)s”: %(places)s. Pick one of the list."
        ),
    }

    def __init__(
        self,
        *,
        roots: Iterable[int] | None = None,
        countries: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.countries = countries
        self.limit_to(roots)

    def limit_to(
        self, roots: Iterable[int] | None, *, inside: set[int] | None = None
    ) -> None:
        """Offer and accept only these places and those inside them (``inside``
        when the caller knows them already)."""
        roots = None if roots is None else list(roots)
        if roots is None:
            self.inside = None
        else:
            self.inside = territory_descendant_ids(roots) if inside is None else inside
        self.queryset = _territory_queryset(self.inside, countries=self.countries)
        self.widget.queryset = self.queryset
        self.widget.search_params = _search_params(
            roots, countries=self.countries, municipalities=True
        )

    def share_suggestions(self, memo: dict[str, list[str] | None]) -> None:
        """Read the suggestions once for every picker of a page given ``memo``."""
        self.widget.memo = memo
        parent = getattr(self.widget, "parent_widget", None)
        if parent is not None:
            parent.memo = memo

    def find(self, text: str, queryset: QuerySet[Territory] | None = None) -> Territory:
        text = " ".join(str(text).split())
        found = territory_find(text, self.queryset if queryset is None else queryset)
        if len(found) == 1:
            return found[0]
        if found:
            raise ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={
                    "name": text,
                    "places": "; ".join(territory_label(t) for t in found),
                },
            )
        raise ValidationError(
            self.error_messages["unknown"], code="unknown", params={"name": text}
        )


class TerritoriesField(PickerListField, TerritoryField):
    """Several places (inputs left empty are ignored).  Cleans to a list."""

    widget = TerritoriesInput


class NewTerritoryField(TerritoryField):
    """One place, or a new one the person describes (name, kind, part of):
    cleans to a ``Territory`` or a ``NewTerritory`` for ``territory_obtain``.
    A name already known is never added again: it means that place."""

    widget = NewTerritoryInput
    default_error_messages = {
        "unknown": _(
            "No place called “%(name)s” is known here. Pick one of the list, or "
            "add it: under “Not in the list?”, say what kind of place it is and "
            "what it is part of."
        ),
        "parent": _("Say what “%(name)s” is part of."),
        "kind": _("Say what kind of place “%(name)s” is."),
    }

    def limit_to(
        self, roots: Iterable[int] | None, *, inside: set[int] | None = None
    ) -> None:
        super().limit_to(roots, inside=inside)
        roots = None if roots is None else list(roots)
        # New places go under a country, region or province of the same scope.
        self.parent_queryset = _territory_queryset(self.inside, municipalities=False)
        parent_widget = cast(NewTerritoryInput, self.widget).parent_widget
        parent_widget.queryset = self.parent_queryset
        parent_widget.search_params = _search_params(
            roots, countries=True, municipalities=False
        )

    def to_python(self, value: Any) -> Territory | NewTerritory | None:
        if not isinstance(value, tuple | list):
            return super().to_python(value)
        text, kind, parent_text = [*value, "", "", ""][:3]
        try:
            return super().to_python(text)
        except ValidationError as error:
            if error.code != "unknown" or not (kind or parent_text):
                raise
        name = " ".join(str(text).split())
        if not str(parent_text).strip():
            raise ValidationError(
                self.error_messages["parent"], code="parent", params={"name": name}
            )
        if kind not in Territory.Kind.values or kind == Territory.Kind.COUNTRY:
            raise ValidationError(
                self.error_messages["kind"], code="kind", params={"name": name}
            )
        parent = self.find(parent_text, self.parent_queryset)
        if kind not in Territory.CHILD_KINDS.get(parent.kind, ()):
            raise ValidationError(
                territory_nesting_error(kind, parent.kind), code="nesting"
            )
        return NewTerritory(name=name[:200], kind=kind, parent=parent)

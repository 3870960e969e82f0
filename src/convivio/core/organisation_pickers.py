"""Organisation pickers: the pickers of ``core.pickers`` for organisations.

A picker is a text input tied to a ``<datalist>`` of the organisations the
person may pick: the browser filters them while one types.  When there are too
many to send with the page, the list starts empty and HTMX fills it from
``core:organisation_suggestions``.  Without JavaScript a typed name still works:
the server reads it with the matching of ``core.organisation_names`` ("KEPA",
"K.E.P.A." and "Center for Business & Cultural Development (K.E.P.A.)" are one
organisation) and says when a name is unknown or means several.
"""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Organisation
from .pickers import PickerListField, PickerListInput, TerritoryField, TerritoryInput
from .selectors import organisation_best, organisation_list, organisation_matches
from .services import NewOrganisation
from .text import fold

#: Up to this many organisations go with the page; more are suggested by the
#: server as one types.
OPTIONS_LIMIT = 400


def organisation_options(queryset: QuerySet[Organisation]) -> list[str] | None:
    """Every name a picker offers without asking the server, or ``None`` when
    there are more than ``OPTIONS_LIMIT``."""
    names = list(queryset.values_list("name", flat=True)[: OPTIONS_LIMIT + 1])
    return None if len(names) > OPTIONS_LIMIT else sorted(set(names), key=fold)


class OrganisationsInput(PickerListInput):
    """Several organisations (the ``core.pickers`` machinery)."""

    model = Organisation
    suggestions_url = "core:organisation_suggestions"
    extra = 1
    input_label = _("Organisation %(n)s")

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.queryset = organisation_list()

    def options(self) -> list[str] | None:
        return organisation_options(self.queryset)

    def record_label(self, record: Organisation) -> str:
        return record.name


class OrganisationsField(PickerListField):
    """Organisations typed or picked among ``queryset`` (inputs left empty are
    ignored).  Cleans to a list of ``Organisation``."""

    model = Organisation
    widget = OrganisationsInput
    default_error_messages = {
        "unknown": _(
            "No organisation called “%(name)s” is known here: pick one of the "
            "list, or add yours under “Your organisation is not in the list?”."
        ),
        "ambiguous": _(
            "“%(name)s” may be any of: %(names)s. Type the full name of the one "
            "you mean."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.limit_to(organisation_list())

    def limit_to(self, queryset: QuerySet[Organisation]) -> None:
        """Offer and accept only these organisations."""
        self.queryset = queryset
        self.widget.queryset = queryset

    def find(self, text: str) -> Organisation:
        text = " ".join(str(text).split())
        exact = list(self.queryset.filter(name__iexact=text)[:2])
        if len(exact) == 1:
            return exact[0]
        best = organisation_best(text, self.queryset)
        if best is not None:
            return best
        found = organisation_matches(text, self.queryset)
        if found:
            raise ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={"name": text, "names": "; ".join(o.name for o in found)},
            )
        raise ValidationError(
            self.error_messages["unknown"], code="unknown", params={"name": text}
        )


#: The roles an organisation added in place may have in a practice.
NEW_ROLES = [
    ("implementing", _("implementing")),
    ("partner", pgettext_lazy("role in a practice", "partner")),
]


class NewOrganisationInput(forms.Widget):
    """ "Not in the list? Add yours": name, kind, place, website and its part,
    in a ``<details>`` that stays open when something was typed in it.  When the
    name looks like organisations already known, they are offered as choices
    ("use it") beside "no, add mine"."""

    template_name = "core/widgets/new_organisation_input.html"
    PARTS = ("name", "kind", "territory", "website", "role", "choice")

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs)
        self.territory_widget = TerritoryInput()
        #: Organisations the name looked like when the form was last checked.
        self.matches: list[Organisation] = []

    def __deepcopy__(self, memo: dict) -> NewOrganisationInput:
        copied = super().__deepcopy__(memo)
        copied.territory_widget = copy.deepcopy(self.territory_widget, memo)
        copied.matches = []
        return copied

    def value_from_datadict(self, data, files, name: str) -> dict[str, str]:
        return {part: data.get(f"{name}_{part}", "") for part in self.PARTS}

    def value_omitted_from_data(self, data, files, name: str) -> bool:
        return f"{name}_name" not in data

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        value = value if isinstance(value, dict) else {}
        base_id = widget["attrs"].get("id") or name
        widget["parts"] = {
            part: {
                "name": f"{name}_{part}",
                "id": f"{base_id}_{part}",
                "value": value.get(part, ""),
            }
            for part in self.PARTS
        }
        widget["kinds"] = Organisation.Kind.choices
        widget["roles"] = NEW_ROLES
        widget["territory"] = self.territory_widget.get_context(
            f"{name}_territory",
            value.get("territory", ""),
            {"id": f"{base_id}_territory"},
        )["widget"]
        widget["matches"] = self.matches
        widget["invalid"] = bool(widget["attrs"].get("aria-invalid"))
        widget["open"] = any(value.get(p) for p in ("name", "website", "territory"))
        return context


class NewOrganisationField(forms.Field):
    """Cleans to ``None`` (nothing typed), an existing ``Organisation`` (the
    person chose one it looks like) with its role, or a ``NewOrganisation``."""

    widget = NewOrganisationInput
    default_error_messages = {
        "similar": _(
            "“%(name)s” looks like an organisation already here: use it, or say "
            "that yours is another one."
        ),
        "role": _("Say what part the organisation has in the practice."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.queryset: QuerySet[Organisation] = organisation_list()
        self.territories = TerritoryField(required=False)

    def limit_to(self, queryset: QuerySet[Organisation]) -> None:
        """Compare the new name with these organisations (those the person may
        pick)."""
        self.queryset = queryset

    def __deepcopy__(self, memo: dict) -> NewOrganisationField:
        copied = super().__deepcopy__(memo)
        copied.territories = copy.deepcopy(self.territories, memo)
        return copied

    def clean(self, value: Any) -> tuple[Organisation | NewOrganisation, str] | None:
        value = value if isinstance(value, dict) else {}
        name = " ".join(str(value.get("name", "")).split())[:200]
        if not name:
            return None
        role = value.get("role") or "implementing"
        if role not in dict(NEW_ROLES):
            raise ValidationError(self.error_messages["role"], code="role")
        kind = value.get("kind") or ""
        if kind and kind not in Organisation.Kind.values:
            raise ValidationError(_("Choose a kind of organisation."), code="kind")
        website = (value.get("website") or "").strip()
        if website:
            website = forms.URLField(assume_scheme="https").clean(website)
        territory = self.territories.clean(value.get("territory") or "")
        choice = str(value.get("choice") or "")
        matches = organisation_matches(name, self.queryset)
        if choice.isdigit():
            chosen = self.queryset.filter(pk=int(choice)).first()
            if chosen is not None:
                return chosen, role
        if matches and choice != "new":
            self.widget.matches = matches
            raise ValidationError(
                self.error_messages["similar"], code="similar", params={"name": name}
            )
        return (
            NewOrganisation(
                name=name,
                kind=kind,
                territory=territory,
                website=website,
                role=role,
                allow_similar=bool(matches),
            ),
            role,
        )

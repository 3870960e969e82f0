"""Forms of networks; each hands what it read to a service (``services``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from convivio.core.models import Language, Theme
from convivio.core.pickers import TerritoryField

from .models import Constituency, Gender, IssueVote, Member, Network


def _languages() -> Any:
    return Language.objects.order_by("name")


class NetworkForm(forms.Form):
    """A network's details, and the balance its coordinators aim for: a share
    of the members per constituency (blank: no aim)."""

    required_css_class = "required"

    name = forms.CharField(label=_("Name"), max_length=200)
    purpose = forms.CharField(
        label=_("Purpose"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    language = forms.ModelChoiceField(
        Language.objects.all(),
        label=_("Language of the name and purpose"),
        to_field_name="code",
        empty_label=None,
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Network.Kind.choices)
    territory = TerritoryField(label=_("Place"))
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.all(),
        label=_("Themes"),
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.ModelMultipleChoiceField(
        _languages(),
        label=_("Working languages"),
        required=False,
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it"),
        choices=Network.Visibility.choices,
        widget=forms.RadioSelect,
    )
    joining = forms.ChoiceField(
        label=_("How people join"),
        choices=Network.Joining.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in Constituency.choices:
            self.fields[f"balance_{key}"] = forms.IntegerField(
                label=label, min_value=0, max_value=100, required=False
            )
        if editing:
            # The original language stays; translations are made elsewhere.
            del self.fields["language"]

    def main_fields(self) -> list[forms.BoundField]:
        return [f for f in self.visible_fields() if not f.name.startswith("balance_")]

    def balance_fields(self) -> list[forms.BoundField]:
        return [self[f"balance_{key}"] for key in Constituency.values]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        shares = [data.get(f"balance_{key}") or 0 for key in Constituency.values]
        if sum(shares) > 100:
            raise forms.ValidationError(
                _("The shares aimed for add up to more than 100%.")
            )
        return data

    @classmethod
    def initial_for(cls, network: Network) -> dict[str, Any]:
        original = network.original_translation()
        initial: dict[str, Any] = {
            "name": original.name if original else "",
            "purpose": original.purpose if original else "",
            "kind": network.kind,
            "territory": network.territory,
            "themes": list(network.themes.all()),
            "languages": list(network.languages.all()),
            "visibility": network.visibility,
            "joining": network.joining,
        }
        for key, share in (network.balance_target or {}).items():
            initial[f"balance_{key}"] = share
        return initial

    def to_kwargs(self) -> dict[str, Any]:
        d = self.cleaned_data
        kwargs = {
            "name": d["name"],
            "purpose": d["purpose"],
            "kind": d["kind"],
            "territory": d["territory"],
            "themes": d["themes"],
            "languages": d["languages"],
            "visibility": d["visibility"],
            "joining": d["joining"],
            "balance_target": {
                key: d[f"balance_{key}"]
                for key in Constituency.values
                if d.get(f"balance_{key}")
            },
        }
        if "language" in d:
            kwargs["language"] = d["language"].code
        return kwargs


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("A few words for the coordinators (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
    who = forms.CharField(
        label=_("Username or e-mail address"),
        max_length=254,
        help_text=_("The person needs an account on Convivio."),
    )
    message = forms.CharField(
        label=_("Message"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Member.Role.choices)


class DeclareForm(forms.Form):
    """What a member chooses to say about themselves (none of it required)."""

    constituency = forms.ChoiceField(
        label=_("I take part as"),
        choices=[("", _("I prefer not to say")), *Constituency.choices],
        required=False,
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=[("", _("I prefer not to say")), *Gender.choices],
        required=False,
    )
    languages = forms.ModelMultipleChoiceField(
        _languages(),
        label=_("Languages I speak"),
        required=False,
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )


class IssuesForm(forms.Form):
    """The three most relevant issues of the place, first the most relevant."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = [_("Most relevant"), _("Second"), _("Third")]
        for rank in range(1, IssueVote.RANKS + 1):
            self.fields[f"rank_{rank}"] = forms.ModelChoiceField(
                Theme.objects.all(),
                label=labels[rank - 1],
                required=False,
                to_field_name="slug",
                empty_label="—",
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        chosen = [data.get(f"rank_{r}") for r in range(1, IssueVote.RANKS + 1)]
        picked = [theme for theme in chosen if theme is not None]
        if len({t.pk for t in picked}) != len(picked):
            raise forms.ValidationError(_("Rank each issue once."))
        return data

    def themes(self) -> list[Theme | None]:
        return [
            self.cleaned_data.get(f"rank_{r}") for r in range(1, IssueVote.RANKS + 1)
        ]

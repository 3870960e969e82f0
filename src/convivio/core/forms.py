from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from . import languages
from .models import Language, Organisation, User
from .organisation_pickers import OrganisationsField
from .pickers import TerritoryField


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message on its field
    when the form has that field, the others at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class HoneypotForm(forms.Form):
    """A form anonymous visitors send (feedback, an event's registration): a
    field people never see and robots fill in.  Place it with
    ``{% include "core/includes/honeypot.html" with field=form.website %}``."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise ValidationError(_("This form could not be sent. Please try again."))
        return ""


#: The largest page number a list page or the API accepts: beyond it, SQLite's
#: OFFSET overflows and no list is that long anyway.
MAX_PAGE_NUMBER = 100_000


def page_number(request: HttpRequest) -> int:
    """The ?page= of a list: 1 when missing or not a number, never absurdly large."""
    try:
        return max(1, min(int(request.GET.get("page", 1)), MAX_PAGE_NUMBER))
    except ValueError:
        return 1


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("Used to reset your password; never shown to others."),
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this e-mail already exists.")
            )
        return email


class ProfileForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    bio = forms.CharField(
        label=_("About me"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on your contributions; say what you work on."),
    )
    languages = forms.ModelMultipleChoiceField(
        Language.objects.all(),
        label=_("Languages I read"),
        to_field_name="code",
        required=False,
    )
    interface_language = forms.ChoiceField(
        label=_("Language of the interface"),
        required=False,
        help_text=_("Convivio's menus and messages, after you sign in."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["interface_language"]).choices = [
            ("", _("As my browser asks")),
            *languages.name_choices(),
        ]


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("Say what will use it, such as “monthly import script”."),
    )


class TerritoryMergeForm(forms.Form):
    """Two places, the duplicate and the one kept (moderators)."""

    source = TerritoryField(
        countries=False,
        label=_("Duplicate to remove"),
        help_text=_("Everything that points at it moves to the place kept."),
    )
    target = TerritoryField(countries=False, label=_("Place to keep"))
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("source") and data.get("source") == data.get("target"):
            self.add_error("target", _("Choose two different places."))
        return data


class OrganisationMergeForm(forms.Form):
    """Two organisations, the duplicate and the one kept (moderators)."""

    source = OrganisationsField(
        label=_("Duplicate to remove"),
        help_text=_("Everything that points at it moves to the organisation kept."),
    )
    target = OrganisationsField(label=_("Organisation to keep"))
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("source", "target"):
            self.fields[name].widget.extra = 0

    def _one(self, name: str) -> Organisation | None:
        found = self.cleaned_data.get(name) or []
        if len(found) > 1:
            self.add_error(name, _("Name one organisation."))
        return found[0] if found else None

    def clean_source(self) -> Organisation | None:
        return self._one("source")

    def clean_target(self) -> Organisation | None:
        return self._one("target")

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("source") and data.get("source") == data.get("target"):
            self.add_error("target", _("Choose two different organisations."))
        return data


def minor_fix_field() -> forms.BooleanField:
    """The box of every edit form of a record with translations: a minor fix
    (``core.translation.save_original(minor=True)``) leaves them current."""
    return forms.BooleanField(
        label=_("Minor fix (does not outdate translations)"),
        help_text=_(
            "Tick for a typo or a broken link: the translations stay current. "
            "Leave it unticked when the meaning changes, so they show as outdated."
        ),
        required=False,
    )

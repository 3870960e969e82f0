"""Forms of the ingestion pages: upload, genre and language, and the review forms."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from convivio.core.models import Language, Organisation, TargetGroup, Territory, Theme
from convivio.core.pickers import NewTerritoryField
from convivio.core.services import NewTerritory
from convivio.core.text import fold

from .models import Draft, Genre
from .services import NEW, check_size

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else single(data, initial)


ACCEPTED_TYPES = ".txt,.md,.markdown,.html,.htm,.pdf,.docx,.png,.jpg,.jpeg,.tif,.tiff"


class UploadForm(forms.Form):
    # A declared field, not Form.files (the metaclass takes fields off the class).
    files = MultipleFileField(  # type: ignore[assignment]
        label=_("Files"),
        help_text=_(
            "Plans and good-practice booklets: .txt, .md, .html, .pdf or .docx; "
            "scans (.pdf, .png, .jpg, .tif) are read by text recognition (OCR). You "
            "can choose several files."
        ),
    )
    genre = forms.ChoiceField(
        label=_("Kind of document"),
        required=False,
        choices=[("", _("Recognise it for me")), *Genre.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].widget.attrs.update(
            {"accept": ACCEPTED_TYPES, "data-dropzone-input": ""}
        )

    def clean_files(self) -> list:
        files = self.cleaned_data["files"]
        problems = []
        for upload in files:
            try:
                check_size(upload.size)
            except ValidationError as error:
                problems.append(f"{upload.name}: {' '.join(error.messages)}")
        if problems:
            raise ValidationError(problems)
        return files


class GenreForm(forms.Form):
    genre = forms.ChoiceField(label=_("This document is"), choices=Genre.choices)


class LanguageForm(forms.Form):
    language = forms.ModelChoiceField(
        label=_("Language of the text"),
        queryset=Language.objects.order_by("name"),
        to_field_name="code",
    )


def _organisation_choices(matches: list[Organisation], parsed: str) -> list:
    choices: list[tuple[str, StrOrPromise]] = [("", _("No organisation"))]
    for organisation in matches:
        choices.append(
            (str(organisation.pk), _("Use existing: %(name)s") % {"name": organisation})
        )
    label = (
        _("Create new: %(name)s") % {"name": parsed}
        if parsed
        else _("Create new (give the name below)")
    )
    choices.append((NEW, label))
    return choices


def _reviewed_place(value):
    """A place as the draft's review keeps it: its id, or what describes a new
    one (made when the draft is accepted, in the same transaction)."""
    if isinstance(value, Territory):
        return value.pk
    if isinstance(value, NewTerritory):
        return {"name": value.name, "kind": value.kind, "parent": value.parent.pk}
    return value


class DraftForm(forms.Form):
    """Base of the review forms: one per draft, prefixed with the draft's id."""

    def __init__(
        self,
        *args,
        draft: Draft,
        matches: list[Organisation],
        countries: list | None = None,
        **kwargs,
    ):
        kwargs.setdefault("prefix", f"d{draft.pk}")
        super().__init__(*args, **kwargs)
        self.draft = draft
        if "organisation" in self.fields:
            parsed = draft.data.get("organisation") or draft.data.get("name") or ""
            organisation = cast(forms.ChoiceField, self.fields["organisation"])
            organisation.choices = _organisation_choices(matches, parsed)
        if "country" in self.fields:
            country = cast(forms.ChoiceField, self.fields["country"])
            country.choices = [("", "—"), *(countries or [])]
        # What the reader filled in is in the document's language: each box takes
        # the direction of its own text (a French title on the Arabic page).
        for field in self.fields.values():
            if isinstance(field.widget, (forms.TextInput, forms.Textarea)):
                field.widget.attrs.setdefault("dir", "auto")

    def values(self) -> dict:
        return {
            k: _reviewed_place(v) for k, v in self.cleaned_data.items() if v is not None
        }


class TopicsField(forms.MultipleChoiceField):
    """Theme or target-group slugs, ticked first with what the text suggests."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, model, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text",
            _("Ticked: suggested from the words of the text. Confirm or change."),
        )
        super().__init__(**kwargs)
        self.model = model


def topic_choices() -> dict[type, list[tuple[str, str]]]:
    """(slug, name in the page's language) of every theme and target group:
    read once per page and given to each draft's form (``topics=``)."""
    return {
        model: sorted(
            ((o.slug, o.label) for o in model.objects.only("slug", "name")),
            key=lambda pair: fold(pair[1]),
        )
        for model in (Theme, TargetGroup)
    }


def _topic_fields(form: forms.Form, topics: dict | None) -> None:
    topics = topics or topic_choices()
    for field in form.fields.values():
        if isinstance(field, TopicsField):
            field.choices = topics[field.model]


class PlanDraftForm(DraftForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    territory = NewTerritoryField(
        label=_("Territory"),
        help_text=_(
            "Where the plan applies: type a few letters and pick it, or add a place "
            "not yet known."
        ),
    )
    organisation = forms.ChoiceField(label=_("Issuing organisation"), required=False)
    organisation_name = forms.CharField(
        label=_("Name of a new organisation"), max_length=200, required=False
    )
    start_year = forms.IntegerField(
        label=_("First year"),
        min_value=1900,
        max_value=2100,
        required=False,
        help_text=_("Leave both years empty when the plan does not state its period."),
    )
    end_year = forms.IntegerField(
        label=_("Last year"), min_value=1900, max_value=2100, required=False
    )

    themes = TopicsField(Theme, label=_("Themes"))

    def __init__(self, *args, topics: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _topic_fields(self, topics)

    def values(self) -> dict:
        # Years left empty mean "period not stated", not "use the guess".
        values = super().values()
        for name in ("start_year", "end_year"):
            values.setdefault(name, None)
        return values


class PracticeDraftForm(DraftForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    country = forms.ChoiceField(label=_("Country"))
    city = forms.CharField(label=_("City"), max_length=200, required=False)
    organisation = forms.ChoiceField(label=_("Organisation"), required=False)
    organisation_name = forms.CharField(
        label=_("Name of a new organisation"), max_length=200, required=False
    )
    start_year = forms.IntegerField(
        label=_("First year"), min_value=1900, max_value=2100, required=False
    )
    end_year = forms.IntegerField(
        label=_("Last year"), min_value=1900, max_value=2100, required=False
    )
    beneficiaries = forms.CharField(
        label=_("Beneficiaries"), max_length=500, required=False
    )
    summary = forms.CharField(
        label=_("Summary"), max_length=1000, widget=forms.Textarea(attrs={"rows": 4})
    )
    themes = TopicsField(Theme, label=_("Themes"))
    target_groups = TopicsField(TargetGroup, label=_("Target groups"))

    def __init__(self, *args, topics: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _topic_fields(self, topics)


class OrganisationDraftForm(DraftForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.ChoiceField(label=_("Organisation to use"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    country = forms.ChoiceField(label=_("Country"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")


FORMS: dict[str, type[DraftForm]] = {
    Draft.Kind.PLAN: PlanDraftForm,
    Draft.Kind.PRACTICE: PracticeDraftForm,
    Draft.Kind.ORGANISATION: OrganisationDraftForm,
}

"""Forms of the co-design pages.  The small forms of the process page (an
insight, a comment, an answer) are written out in its templates with one list
of languages for the page; these classes check what they send."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from convivio.community.models import Network
from convivio.core.models import Language

from .models import (
    PHASES,
    TEXT_MAX,
    Evidence,
    Meeting,
    Participant,
    PhaseKind,
    Prototype,
)
from .services import Dates


def language_choices() -> list[tuple[str, str]]:
    return list(Language.objects.order_by("name").values_list("code", "name"))


class LanguageForm(forms.Form):
    language = forms.CharField(label=_("Language of this text"), max_length=16)


class WrittenForm(LanguageForm):
    text = forms.CharField(
        label=_("Text"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class CandidateForm(LanguageForm):
    text = forms.CharField(label=_("How might we …?"), max_length=500)


class IdeaForm(WrittenForm):
    title = forms.CharField(label=_("Title"), max_length=200)


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Evidence.Kind.choices)
    object_id = forms.IntegerField(label=_("Number"), min_value=1, max_value=2**53)
    note = forms.CharField(label=_("Why it matters"), max_length=500, required=False)


class CloseVoteForm(forms.Form):
    choice = forms.IntegerField(required=False, min_value=1, max_value=2**53)


class PrototypeForm(LanguageForm):
    idea = forms.IntegerField(label=_("Idea"), min_value=1, max_value=2**53)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), max_length=TEXT_MAX, widget=forms.Textarea
    )


class RoundForm(LanguageForm):
    question = forms.CharField(label=_("Question"), max_length=500)
    link_kind = forms.ChoiceField(
        label=_("Answered through"),
        choices=[("", "—"), *Evidence.Kind.choices],
        required=False,
    )
    link_id = forms.IntegerField(
        label=_("Number"), required=False, min_value=1, max_value=2**53
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Prototype.Decision.ADOPTED, Prototype.Decision.ADOPTED.label),
            (Prototype.Decision.DROPPED, Prototype.Decision.DROPPED.label),
        ],
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)


class InviteForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Participant.Role.choices)


class _PhaseDates(forms.Form):
    """A start and an end date for each phase."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in PHASES:
            label = PhaseKind(kind).label
            self.fields[f"{kind}_starts"] = forms.DateField(
                label=_("%(phase)s: starts") % {"phase": label},
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )
            self.fields[f"{kind}_ends"] = forms.DateField(
                label=_("%(phase)s: ends") % {"phase": label},
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )

    def dates(self) -> Dates:
        data = self.cleaned_data
        return {k: (data.get(f"{k}_starts"), data.get(f"{k}_ends")) for k in PHASES}


class ProcessEditForm(_PhaseDates):
    title = forms.CharField(label=_("Title"), max_length=200)
    challenge = forms.CharField(
        label=_("Challenge"),
        max_length=500,
        required=False,
        help_text=_("How might we …?"),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    idea_votes = forms.IntegerField(
        label=_("Votes per participant for ideas"),
        min_value=1,
        max_value=20,
        initial=3,
    )


class ProcessForm(ProcessEditForm):
    network = forms.ModelChoiceField(
        queryset=Network.objects.none(), label=_("Network"), empty_label=None
    )
    language = forms.ModelChoiceField(
        Language.objects.all(),
        label=_("Language of this text"),
        to_field_name="code",
        empty_label=None,
    )
    field_order = ["network", "language", "title", "challenge", "description"]

    def __init__(self, *args: Any, networks: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = networks  # type: ignore[attr-defined]
        self.order_fields(self.field_order)


class MeetingForm(forms.ModelForm):
    starts_at = forms.DateTimeField(
        label=_("When"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    class Meta:
        model = Meeting
        fields = [
            "phase",
            "starts_at",
            "place",
            "online_url",
            "interpretation",
            "childcare",
            "schedule_notes",
            "event",
        ]
        widgets = {"interpretation": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, events: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = events  # type: ignore[attr-defined]

"""Forms of the survey builder; each turns into the data a service takes."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from convivio.core.forms import minor_fix_field
from convivio.core.models import Language, Territory

from . import permissions
from .models import Question, Survey
from .services import QuestionData, SurveyData


def builder_territories(user):
    return permissions.builder_territories(user, Territory.objects.order_by("name"))


class SurveyForm(forms.Form):
    required_css_class = "required"

    title = forms.CharField(label=_("Title"), max_length=300)
    introduction = forms.CharField(
        label=_("Introduction"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who asks, why, and that answers are anonymous."),
    )
    territory = forms.ModelChoiceField(Territory.objects.none(), label=_("Place"))
    language = forms.ModelChoiceField(
        Language.objects.all(),
        label=_("Language of the questions"),
        to_field_name="code",
        empty_label=None,
    )
    access = forms.ChoiceField(
        label=_("Who can answer"),
        choices=Survey.Access.choices,
        widget=forms.RadioSelect,
        initial=Survey.Access.ANYONE,
    )
    results_public = forms.BooleanField(
        label=_("Publish the results once the survey is closed"), required=False
    )
    minor = minor_fix_field()

    def __init__(self, *args, user, editing: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["territory"]
        ).queryset = builder_territories(user)
        if not editing:
            del self.fields["minor"]

    @classmethod
    def initial_for(cls, survey: Survey) -> dict:
        original = survey.original_translation()
        return {
            "title": original.title if original else "",
            "introduction": original.introduction if original else "",
            "territory": survey.territory_id,
            "language": survey.original_language_id,
            "access": survey.access,
            "results_public": survey.results_public,
        }

    def to_data(self) -> SurveyData:
        d = self.cleaned_data
        return SurveyData(
            title=d["title"],
            introduction=d["introduction"],
            territory=d["territory"],
            language=d["language"],
            access=d["access"],
            results_public=d["results_public"],
            minor=bool(d.get("minor")),
        )


class QuestionForm(forms.Form):
    required_css_class = "required"

    kind = forms.ChoiceField(label=_("Kind"), choices=Question.Kind.choices)
    label = forms.CharField(label=_("Question"), max_length=1000)
    name = forms.SlugField(
        label=_("Short name"),
        max_length=60,
        required=False,
        help_text=_(
            "Used in exports (XLSForm “name”); made from the question if empty."
        ),
    )
    help_text = forms.CharField(label=_("Help"), max_length=1000, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    scale_min = forms.IntegerField(
        label=_("Scale from"), required=False, min_value=-100, max_value=100
    )
    scale_max = forms.IntegerField(
        label=_("Scale to"), required=False, min_value=-100, max_value=100
    )
    rank_count = forms.IntegerField(
        label=_("How many to rank"), required=False, min_value=1, max_value=20
    )
    condition_question = forms.ModelChoiceField(
        Question.objects.none(),
        label=_("Ask only when the question"),
        required=False,
        empty_label=_("— always ask —"),
    )
    condition_value = forms.CharField(
        label=_("is answered with (choice value)"), max_length=100, required=False
    )
    ranks_issues = forms.BooleanField(
        label=_("Its answers rank the place's most relevant issues"), required=False
    )
    choices = forms.CharField(
        label=_("Choices, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For choice and ranking questions. “value | label” or just the label."
        ),
    )

    minor = minor_fix_field()

    def __init__(self, *args, survey: Survey, question: Question | None = None, **kw):
        super().__init__(*args, **kw)
        candidates = survey.questions.filter(
            kind__in=[Question.Kind.SINGLE, Question.Kind.MULTIPLE]
        )
        if question is not None:
            candidates = candidates.filter(position__lt=question.position)
            del self.fields["choices"]
        else:
            del self.fields["minor"]
        # Its choices name each question by its original text.
        condition = cast(forms.ModelChoiceField, self.fields["condition_question"])
        condition.queryset = candidates.prefetch_related("translations").order_by(
            "position"
        )

    @classmethod
    def initial_for(cls, question: Question) -> dict:
        original = question.original_translation()
        return (
            {
                "label": original.label if original else "",
                "help_text": original.help_text if original else "",
            }
            | {
                f: getattr(question, f)
                for f in (
                    "kind",
                    "name",
                    "required",
                    "scale_min",
                    "scale_max",
                    "rank_count",
                    "condition_value",
                    "ranks_issues",
                )
            }
            | {"condition_question": question.condition_question_id}
        )

    def to_data(self) -> QuestionData:
        d = self.cleaned_data
        choices = []
        for line in (d.get("choices") or "").splitlines():
            if not line.strip():
                continue
            value, sep, label = line.partition("|")
            choices.append(
                (value.strip(), label.strip()) if sep else ("", value.strip())
            )
        return QuestionData(
            kind=d["kind"],
            label=d["label"],
            name=d["name"],
            help_text=d["help_text"],
            required=d["required"],
            scale_min=d["scale_min"],
            scale_max=d["scale_max"],
            rank_count=d["rank_count"],
            condition_question=d["condition_question"],
            condition_value=d["condition_value"],
            ranks_issues=d["ranks_issues"],
            choices=choices,
            minor=bool(d.get("minor")),
        )


class ChoiceForm(forms.Form):
    label = forms.CharField(label=_("New choice"), max_length=500)
    value = forms.SlugField(label=_("Value"), max_length=100, required=False)


class InvitationForm(forms.Form):
    n = forms.IntegerField(
        label=_("How many links"), min_value=1, max_value=1000, initial=10
    )
    label = forms.CharField(
        label=_("Note for the team (a group, a place)"), max_length=200, required=False
    )


class ImportForm(forms.Form):
    territory = forms.ModelChoiceField(Territory.objects.none(), label=_("Place"))
    upload = forms.FileField(
        label=_("XLSForm spreadsheet (.xlsx)"),
        help_text=_("Designed in KoboToolbox, ODK or a spreadsheet."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["territory"]
        ).queryset = builder_territories(user)

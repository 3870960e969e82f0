"""Forms of the plan pages; each turns into the data a service takes."""

from __future__ import annotations

import re
from typing import cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from convivio.core.forms import minor_fix_field
from convivio.core.models import (
    Language,
    Organisation,
    Territory,
    TerritoryTeamMembership,
    Theme,
)
from convivio.core.pickers import NewTerritoryField, TerritoryField
from convivio.core.selectors import organisation_pickable
from convivio.practices.models import Practice

from .. import permissions
from ..models import (
    Indicator,
    MeasurePractice,
    Plan,
    PlanNode,
    PlanTemplate,
    Recommendation,
    Responsibility,
)
from ..services import IndicatorData, NodeData, PlanData

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, lists with - or 1., links [text](https://…)."
)


def _team_roots(user) -> list[int] | None:
    """The places of the user's teams, whose plans (and those of the places
    inside) the user may write; ``None``: every place."""
    if permissions.is_platform_admin(user):
        return None
    return sorted(
        TerritoryTeamMembership.objects.filter(user=user).values_list(
            "territory_id", flat=True
        )
    )


def _team_territories(user) -> QuerySet[Territory]:
    if permissions.is_platform_admin(user):
        queryset = Territory.objects.all()
    else:
        queryset = Territory.objects.filter(pk__in=permissions.team_territory_ids(user))
    return queryset.order_by("name")


class PlanForm(forms.Form):
    required_css_class = "required"

    title = forms.CharField(label=_("Title"), max_length=300)
    territory = NewTerritoryField(
        label=_("Territory"),
        help_text=_(
            "Type a few letters of the municipality or region and pick it; a place "
            "not yet known can be added."
        ),
    )
    organisation = forms.ModelChoiceField(
        organisation_pickable(),
        label=_("Issuing organisation"),
        required=False,
    )
    start_year = forms.IntegerField(
        label=_("First year"),
        min_value=1945,
        max_value=2100,
        required=False,
        help_text=_("Leave both years empty when the plan does not state its period."),
    )
    end_year = forms.IntegerField(
        label=_("Last year"), min_value=1945, max_value=2100, required=False
    )
    language = forms.ModelChoiceField(
        Language.objects.all(),
        label=_("Language of this text"),
        to_field_name="code",
        empty_label=None,
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    general_objectives = forms.CharField(
        label=_("General objectives"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HELP,
    )
    transversal_axes = forms.CharField(
        label=_("Transversal axes"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        # Lazy both, joined when shown: "+" would fix the English at import.
        help_text=format_lazy(
            "{} {}", _("Such as territory, gender and youth."), MARKDOWN_HELP
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.all(),
        label=_("Themes"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    source_document = forms.CharField(
        label=_("Source document"), max_length=255, required=False
    )

    minor = minor_fix_field()

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The places inside the teams' are known already (and cached).
        cast(TerritoryField, self.fields["territory"]).limit_to(
            _team_roots(user), inside=permissions.team_territory_ids(user)
        )

    def clean(self):
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start_year"), data.get("end_year")
        if (start is None) != (end is None) and not self.has_error("start_year"):
            if not self.has_error("end_year"):
                self.add_error(
                    "end_year" if end is None else "start_year",
                    _(
                        "Give both the first and the last year, or neither when "
                        "the plan does not state its period."
                    ),
                )
        if (
            data.get("start_year")
            and data.get("end_year")
            and data["end_year"] < data["start_year"]
        ):
            self.add_error(
                "end_year", _("The last year cannot be before the first year.")
            )
        return data

    def to_data(self, territory: Territory | None = None) -> PlanData:
        """The plan's data; ``territory`` is the place made of a new one the
        person described (``core.services.territory_obtain``)."""
        d = self.cleaned_data
        return PlanData(
            language=d["language"].code,
            title=d["title"],
            territory_id=(territory or d["territory"]).pk,
            start_year=d["start_year"],
            end_year=d["end_year"],
            organisation_id=d["organisation"].pk if d["organisation"] else None,
            summary=d["summary"],
            general_objectives=d["general_objectives"],
            transversal_axes=d["transversal_axes"],
            themes=[t.slug for t in d["themes"]],
            source_document=d["source_document"],
            minor=d.get("minor", False),
        )

    @staticmethod
    def initial_from(plan: Plan) -> dict:
        row = plan.translation_for(plan.original_language_id)
        return {
            "title": row.title if row else "",
            "territory": plan.territory_id,
            "organisation": plan.organisation_id,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "language": plan.original_language_id,
            "summary": row.summary if row else "",
            "general_objectives": row.general_objectives if row else "",
            "transversal_axes": row.transversal_axes if row else "",
            "themes": [t.slug for t in plan.themes.all()],
            "source_document": plan.source_document,
        }


class PlanCreateForm(PlanForm):
    template = forms.ChoiceField(
        label=_("Start from"),
        choices=PlanTemplate.choices,
        initial=PlanTemplate.BLANK,
        widget=forms.RadioSelect,
    )

    field_order = ["title", "template", "territory", "organisation", "start_year"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["minor"]  # a new plan has no translations yet


class TransitionForm(forms.Form):
    status = forms.ChoiceField(choices=Plan.Status.choices)


class NodeAddForm(forms.Form):
    required_css_class = "required"

    kind = forms.ChoiceField(label=_("Kind"), choices=PlanNode.Kind.choices)
    code = forms.CharField(label=_("Code"), max_length=40, required=False)
    title = forms.CharField(label=_("Title"), max_length=1000)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    after = forms.IntegerField(required=False, widget=forms.HiddenInput)


class NodeForm(forms.Form):
    required_css_class = "required"

    version = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanNode.Kind.choices)
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        required=False,
        help_text=_("As the plan writes it: 2.11.3, Action 2, AXIS 1."),
    )
    title = forms.CharField(label=_("Title"), max_length=1000)
    text = forms.CharField(
        label=_("Text"),
        max_length=50000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=MARKDOWN_HELP,
    )
    theme = forms.ModelChoiceField(
        Theme.objects.all(), label=_("Theme"), to_field_name="slug", required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", "—"), *PlanNode.Status.choices],
        required=False,
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"), min_value=0, max_value=100, required=False
    )
    priority = forms.TypedChoiceField(
        label=_("Priority level"),
        choices=[("", "—"), (1, _("level 1")), (2, _("level 2"))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    needs_financing = forms.BooleanField(label=_("Needs financing"), required=False)
    financing_rank = forms.IntegerField(
        label=_("Financing rank"),
        min_value=1,
        required=False,
        help_text=_("Its place among the measures that need financing."),
    )
    budget_amount = forms.DecimalField(
        label=_("Budget"), min_value=0, max_digits=14, decimal_places=2, required=False
    )
    budget_currency = forms.CharField(
        label=_("Currency"), max_length=3, initial="EUR", required=False
    )
    funding_source = forms.CharField(
        label=_("Funding source"), max_length=200, required=False
    )
    budget_note = forms.CharField(
        label=_("Budget note"),
        max_length=300,
        required=False,
        help_text=_("Such as “mainly external funds”."),
    )
    start_date = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    duration_note = forms.CharField(
        label=_("Stated duration"),
        max_length=200,
        required=False,
        help_text=_("Such as “up to two years”."),
    )

    minor = minor_fix_field()

    MEASURE_ONLY = PlanNode.MEASURE_FIELDS

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if data.get("financing_rank") and not data.get("needs_financing"):
            self.add_error(
                "financing_rank",
                _("Only a measure that needs financing has a financing rank."),
            )
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        return data

    def to_data(self) -> NodeData:
        d = self.cleaned_data
        return NodeData(
            title=d["title"],
            text=d["text"],
            code=d["code"],
            kind=d["kind"],
            theme=d["theme"].slug if d["theme"] else None,
            priority=d["priority"],
            needs_financing=d["needs_financing"],
            financing_rank=d["financing_rank"],
            budget_amount=d["budget_amount"],
            budget_currency=d["budget_currency"] or "EUR",
            funding_source=d["funding_source"],
            budget_note=d["budget_note"],
            start_date=d["start_date"],
            end_date=d["end_date"],
            duration_note=d["duration_note"],
            status=d["status"] if d["kind"] == PlanNode.Kind.MEASURE else "",
            progress=d["progress"],
            minor=d.get("minor", False),
        )

    @staticmethod
    def initial_from(node: PlanNode) -> dict:
        row = node.translation_for(node.original_language_id)
        initial = {
            name: getattr(node, name)
            for name in (
                "version",
                "kind",
                "code",
                "status",
                "progress",
                "priority",
                "needs_financing",
                "financing_rank",
                "budget_amount",
                "budget_currency",
                "funding_source",
                "budget_note",
                "start_date",
                "end_date",
                "duration_note",
            )
        }
        initial["theme"] = node.theme.slug if node.theme else None
        initial["title"] = row.title if row else ""
        initial["text"] = row.text if row else ""
        return initial


def _pick(model, text: str, label_field: str, queryset):
    """A row named "Title (#12)", "#12", "12" or by its exact name."""
    text = (text or "").strip()
    match = re.search(r"#?(\d+)\)?$", text)
    if match:
        row = queryset.filter(pk=int(match[1])).first()
        if row is not None:
            return row
    rows = list(queryset.filter(**{f"{label_field}__iexact": text})[:2])
    if len(rows) == 1:
        return rows[0]
    if len(rows) > 1:
        raise forms.ValidationError(
            _("Several match “%(text)s”: choose one from the list.") % {"text": text}
        )
    raise forms.ValidationError(
        _("Nothing matches “%(text)s”: choose one from the list.") % {"text": text}
    )


class ResponsibilityForm(forms.Form):
    organisation = forms.CharField(label=_("Entity"), max_length=300)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Responsibility.Role.choices,
        initial=Responsibility.Role.LEAD,
    )
    competences = forms.CharField(
        label=_("Competences"), max_length=500, required=False
    )

    def clean_organisation(self) -> Organisation:
        return _pick(
            Organisation,
            self.cleaned_data["organisation"],
            "name",
            Organisation.objects,
        )


class PracticeLinkForm(forms.Form):
    practice = forms.CharField(label=_("Practice"), max_length=500)
    relation = forms.ChoiceField(
        label=_("Relation"),
        choices=MeasurePractice.Relation.choices,
        initial=MeasurePractice.Relation.INSPIRES,
    )

    def clean_practice(self) -> Practice:
        return _pick(
            Practice,
            self.cleaned_data["practice"],
            "translations__title",
            Practice.objects.filter(status=Practice.Status.PUBLISHED),
        )


class IndicatorForm(forms.Form):
    required_css_class = "required"

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label=_("Name"), max_length=1000)
    definition = forms.CharField(
        label=_("Definition"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("How it is measured, its source, what counts."),
    )
    code = forms.CharField(label=_("Code"), max_length=40, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=Indicator.Kind.choices,
        initial=Indicator.Kind.QUANTITATIVE,
    )
    unit = forms.CharField(label=_("Unit"), max_length=60, required=False)
    baseline_value = forms.DecimalField(
        label=_("Baseline"), max_digits=16, decimal_places=4, required=False
    )
    baseline_date = forms.DateField(
        label=_("Baseline date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    target_value = forms.DecimalField(
        label=_("Target"), max_digits=16, decimal_places=4, required=False
    )
    target_date = forms.DateField(
        label=_("Target date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Indicator.Direction.choices
    )
    frequency = forms.ChoiceField(
        label=_("Reporting frequency"), choices=Indicator.Frequency.choices
    )
    reporting_organisation = forms.ModelChoiceField(
        organisation_pickable(),
        label=_("Reporting organisation"),
        required=False,
        help_text=_("Leave empty: the entities responsible for the measure report."),
    )
    dimensions = forms.MultipleChoiceField(
        label=_("Disaggregated by"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each value of the chosen lists gets its own cell."),
    )

    minor = minor_fix_field()

    def __init__(self, *args, plan: Plan, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from ..services import dimensions_for

        cast(forms.ChoiceField, self.fields["dimensions"]).choices = [
            (d.slug, d.name) for d in dimensions_for(plan.territory)
        ]

    def to_data(self, keep: dict[str, list[str]] | None = None) -> IndicatorData:
        """``keep``: the value lists chosen before, kept for dimensions still ticked."""
        d = self.cleaned_data
        keep = keep or {}
        return IndicatorData(
            name=d["name"],
            definition=d["definition"],
            code=d["code"],
            kind=d["kind"],
            unit=d["unit"],
            baseline_value=d["baseline_value"],
            baseline_date=d["baseline_date"],
            target_value=d["target_value"],
            target_date=d["target_date"],
            direction=d["direction"],
            frequency=d["frequency"],
            reporting_organisation_id=d["reporting_organisation"].pk
            if d["reporting_organisation"]
            else None,
            dimensions={slug: keep.get(slug, []) for slug in d["dimensions"]},
            minor=d.get("minor", False),
        )

    @staticmethod
    def initial_from(indicator: Indicator) -> dict:
        row = indicator.translation_for(indicator.original_language_id)
        return {
            "version": indicator.version,
            "name": row.name if row else "",
            "definition": row.definition if row else "",
            "code": indicator.code,
            "kind": indicator.kind,
            "unit": indicator.unit,
            "baseline_value": indicator.baseline_value,
            "baseline_date": indicator.baseline_date,
            "target_value": indicator.target_value,
            "target_date": indicator.target_date,
            "direction": indicator.direction,
            "frequency": indicator.frequency,
            "reporting_organisation": indicator.reporting_organisation_id,
            "dimensions": [
                link.dimension.slug
                for link in indicator.indicator_dimensions.select_related("dimension")
            ],
        }


class RecommendationForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Addressed to"), choices=Recommendation.Audience.choices
    )
    text = forms.CharField(
        label=_("Recommendation"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    minor = minor_fix_field()

    @staticmethod
    def initial_from(recommendation: Recommendation) -> dict:
        """The audience and the original's text (translations have their screen)."""
        original = recommendation.original_translation()
        return {
            "audience": recommendation.audience,
            "text": original.text if original else "",
        }


class DuplicateForm(forms.Form):
    required_css_class = "required"

    title = forms.CharField(label=_("Title of the new plan"), max_length=300)
    start_year = forms.IntegerField(
        label=_("First year"), min_value=1945, max_value=2100
    )
    end_year = forms.IntegerField(label=_("Last year"), min_value=1945, max_value=2100)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if (
            data.get("start_year")
            and data.get("end_year")
            and data["end_year"] < data["start_year"]
        ):
            self.add_error(
                "end_year", _("The last year cannot be before the first year.")
            )
        return data


class DimensionForm(forms.Form):
    required_css_class = "required"

    territory = forms.ModelChoiceField(Territory.objects.none(), label=_("Territory"))
    name = forms.CharField(label=_("Name of the list"), max_length=100)
    values = forms.CharField(
        label=_("Values"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        help_text=_("One a line: the code, a space, then the label (N1 Old town)."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(
            forms.ModelChoiceField, self.fields["territory"]
        ).queryset = _team_territories(user)

    def clean_values(self) -> list[tuple[str, str]]:
        pairs = []
        for line in self.cleaned_data["values"].splitlines():
            line = line.strip()
            if not line:
                continue
            code, _sep, label = line.partition(" ")
            pairs.append((code.strip(), label.strip() or code.strip()))
        if not pairs:
            raise forms.ValidationError(_("Give the list at least one value."))
        if len(pairs) > 500:
            raise forms.ValidationError(_("A list has at most 500 values."))
        return pairs


class DimensionValueForm(forms.Form):
    required_css_class = "required"

    territory = forms.ModelChoiceField(Territory.objects.none(), label=_("Territory"))
    dimension = forms.ModelChoiceField(Territory.objects.none(), label=_("List"))
    code = forms.CharField(label=_("Code"), max_length=20)
    label = forms.CharField(label=_("Label"), max_length=200)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from ..models import Dimension

        territories = _team_territories(user)
        cast(forms.ModelChoiceField, self.fields["territory"]).queryset = territories
        cast(
            forms.ModelChoiceField, self.fields["dimension"]
        ).queryset = Dimension.objects.filter(
            Q(territory__isnull=True) | Q(territory__in=territories)
        )


class TargetForm(forms.Form):
    """A target for one period of the plan and, where wanted, one cell."""

    period = forms.ChoiceField(label=_("Period"))
    cell = forms.ChoiceField(
        label=pgettext_lazy("breakdown cell a target is for", "For"), required=False
    )
    value = forms.DecimalField(label=_("Target"), max_digits=16, decimal_places=4)

    def __init__(self, *args, periods: list[str], cells: list[tuple[str, str]], **kw):
        super().__init__(*args, **kw)
        cast(forms.ChoiceField, self.fields["period"]).choices = [
            (key, key) for key in periods
        ]
        cast(forms.ChoiceField, self.fields["cell"]).choices = [
            ("", _("the total")),
            *cells,
        ]
        if not cells:
            del self.fields["cell"]

from __future__ import annotations

from typing import cast

from django import forms
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from convivio.core.forms import minor_fix_field
from convivio.core.models import Language, TargetGroup, Territory, Theme
from convivio.core.organisation_pickers import NewOrganisationField, OrganisationsField
from convivio.core.pickers import TerritoriesField
from convivio.core.selectors import organisation_usable_by

from .models import EVALUATION_CRITERIA, Practice, PracticeEvaluation
from .services import PracticeData

_http_url = URLValidator(schemes=["http", "https"])


class PracticeForm(forms.Form):
    required_css_class = "required"

    language = forms.ModelChoiceField(
        Language.objects.all(),
        label=_("Language of this text"),
        to_field_name="code",
        empty_label=None,
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One or two sentences shown in lists and search results."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=50000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Markdown: **bold**, *italic*, lists with -, links [text](https://…)."
        ),
    )
    country = forms.ModelChoiceField(
        Territory.objects.filter(kind=Territory.Kind.COUNTRY),
        label=_("Country"),
        to_field_name="iso_code",
    )
    places = TerritoriesField(
        countries=False,
        label=_("Places"),
        required=False,
        help_text=_(
            "Regions or municipalities where it happens: type a few letters and "
            "pick one; empty a box to remove its place."
        ),
    )
    start_year = forms.IntegerField(
        label=_("Start year"), required=False, min_value=1945, max_value=2100
    )
    end_year = forms.IntegerField(
        label=_("End year"), required=False, min_value=1945, max_value=2100
    )
    themes = forms.ModelMultipleChoiceField(
        Theme.objects.all(),
        label=_("Themes"),
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.ModelMultipleChoiceField(
        TargetGroup.objects.all(),
        label=_("Target groups"),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    implementing = OrganisationsField(
        label=_("Implementing organisations"),
        required=False,
        help_text=_(
            "Type a few letters, an acronym or the name in any language and pick "
            "one; empty a box to remove its organisation."
        ),
    )
    partners = OrganisationsField(label=_("Partner organisations"), required=False)
    # No label of its own: its <summary> says what it is.
    new_organisation = NewOrganisationField(label="")
    aims = forms.CharField(
        label=_("Aims"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One aim per line."),
    )
    phases = forms.CharField(
        label=_("Methodology, phase by phase"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One phase per paragraph: its name on the first line, what happens "
            "below. Leave a blank line between phases."
        ),
    )
    activities = forms.CharField(
        label=_("Activities"), required=False, max_length=20000, widget=forms.Textarea
    )
    beneficiaries_count = forms.IntegerField(
        label=_("Number of beneficiaries"),
        required=False,
        min_value=0,
        max_value=100_000_000,
    )
    beneficiaries = forms.CharField(
        label=_("Who benefited"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    results = forms.CharField(
        label=_("Results"), required=False, max_length=20000, widget=forms.Textarea
    )
    success_conditions = forms.CharField(
        label=_("Conditions for success"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    difficulties = forms.CharField(
        label=_("Difficulties and lessons (good and bad experiences)"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    transferability = forms.CharField(
        label=_("Transferability"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What another city would need to do the same."),
    )
    funding_programme = forms.CharField(
        label=_("Funding programme"), required=False, max_length=200
    )
    funding_amount = forms.DecimalField(
        label=_("Funding amount"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    funding_currency = forms.CharField(
        label=_("Currency"), required=False, max_length=3, initial="EUR"
    )
    links = forms.CharField(
        label=_("Links"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: the address, then optionally a title."),
    )
    contact_name = forms.CharField(
        label=_("Contact person"), required=False, max_length=200
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    minor = minor_fix_field()

    def limit_organisations(self, user, keep: list[int] | None = None) -> None:
        """Offer the organisations this person may pick: the public ones, those
        they proposed and those they belong to (and ``keep``, those the practice
        names already)."""
        usable = organisation_usable_by(user, keep=keep or ())
        for name in ("implementing", "partners", "new_organisation"):
            field = self.fields[name]
            if isinstance(field, OrganisationsField | NewOrganisationField):
                field.limit_to(usable)

    def clean_links(self) -> list[tuple[str, str]]:
        links = []
        for number, line in enumerate(self.cleaned_data["links"].splitlines(), 1):
            if not line.strip():
                continue
            url, _sep, title = line.strip().partition(" ")
            try:
                _http_url(url)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Line %(n)d is not a web address (http:// or https://).")
                    % {"n": number}
                ) from None
            links.append((url, title.strip()[:200]))
        return links

    def clean_funding_currency(self) -> str:
        currency = self.cleaned_data["funding_currency"].strip().upper()
        if currency and (len(currency) != 3 or not currency.isalpha()):
            raise forms.ValidationError(_("Use a three-letter code such as EUR."))
        return currency

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("start_year"), data.get("end_year")
        if start and end and end < start:
            self.add_error(
                "end_year", _("The end year cannot be before the start year.")
            )
        return data

    def to_data(self) -> PracticeData:
        d = self.cleaned_data
        phases = []
        for block in d["phases"].replace("\r\n", "\n").split("\n\n"):
            lines = [
                line.strip() for line in block.strip().splitlines() if line.strip()
            ]
            if lines:
                phases.append({"title": lines[0], "text": " ".join(lines[1:])})
        organisations = [(o.id, "implementing") for o in d["implementing"]]
        organisations += [(o.id, "partner") for o in d["partners"]]
        return PracticeData(
            language=d["language"].code,
            title=d["title"].strip(),
            summary=d["summary"].strip(),
            description=d["description"],
            country=d["country"].iso_code,
            territory_ids=[t.id for t in d["places"]],
            start_year=d["start_year"],
            end_year=d["end_year"],
            themes=[t.slug for t in d["themes"]],
            target_groups=[g.slug for g in d["target_groups"]],
            organisations=organisations,
            aims=[a.strip() for a in d["aims"].splitlines() if a.strip()],
            phases=phases,
            activities=d["activities"],
            beneficiaries_count=d["beneficiaries_count"],
            beneficiaries=d["beneficiaries"],
            results=d["results"],
            success_conditions=d["success_conditions"],
            difficulties=d["difficulties"],
            transferability=d["transferability"],
            funding_programme=d["funding_programme"],
            funding_amount=d["funding_amount"],
            funding_currency=d["funding_currency"] or "EUR",
            minor=d.get("minor", False),
            links=d["links"],
            contact_name=d["contact_name"],
            contact_email=d["contact_email"],
        )

    @classmethod
    def initial_from(cls, practice, translation) -> dict:
        roles = list(practice.organisation_roles.all())
        return {
            "language": translation.language_id,
            "title": translation.title,
            "summary": translation.summary,
            "description": translation.description,
            "country": practice.country.iso_code,
            "places": list(practice.territories.select_related("parent")),
            "start_year": practice.start_year,
            "end_year": practice.end_year,
            "themes": list(practice.themes.all()),
            "target_groups": list(practice.target_groups.all()),
            "implementing": [r.organisation for r in roles if r.role == "implementing"],
            "partners": [r.organisation for r in roles if r.role == "partner"],
            "aims": "\n".join(translation.aims),
            "phases": "\n\n".join(
                f"{p.get('title', '')}\n{p.get('text', '')}" for p in translation.phases
            ),
            "activities": translation.activities,
            "beneficiaries_count": practice.beneficiaries_count,
            "beneficiaries": translation.beneficiaries,
            "results": translation.results,
            "success_conditions": translation.success_conditions,
            "difficulties": translation.difficulties,
            "transferability": translation.transferability,
            "funding_programme": practice.funding_programme,
            "funding_amount": practice.funding_amount,
            "funding_currency": practice.funding_currency,
            "links": "\n".join(
                f"{x.url} {x.title}".strip() for x in practice.links.all()
            ),
            "contact_name": practice.contact_name,
            "contact_email": practice.contact_email,
        }


SCORE_CHOICES = [(i, str(i)) for i in range(1, 6)]


class EvaluationForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=5000, widget=forms.Textarea
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for criterion in EVALUATION_CRITERIA:
            self.fields[criterion] = forms.TypedChoiceField(
                label=cast(
                    models.Field, PracticeEvaluation._meta.get_field(criterion)
                ).verbose_name,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("1 = weak, 5 = excellent"),
            )
        self.order_fields([*EVALUATION_CRITERIA, "comment"])

    def scores(self) -> dict[str, int]:
        return {c: self.cleaned_data[c] for c in EVALUATION_CRITERIA}


class TransitionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("submitted", _("Submit for review")),
            ("published", _("Publish")),
            ("returned", _("Return to draft")),
            ("archived", _("Archive")),
        ]
    )
    comment = forms.CharField(required=False, max_length=5000, label=_("Comment"))


class CollectionForm(forms.Form):
    """A collection's original text and its practices: those it has (untick to
    remove) and published ones added by their number."""

    required_css_class = "required"

    title = forms.CharField(label=_("Title"), max_length=300)
    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    recommendations = forms.CharField(
        label=_("Recommendations"),
        required=False,
        max_length=50000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One recommendation per line."),
    )
    keep = forms.TypedMultipleChoiceField(
        label=_("Practices"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Untick a practice to remove it."),
    )
    add = forms.CharField(
        label=_("Add practices"),
        required=False,
        max_length=2000,
        help_text=_("The numbers of published practices, separated by spaces."),
    )

    def __init__(self, *args, choices: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["keep"]).choices = choices

    def clean_add(self) -> list[int]:
        numbers = self.cleaned_data["add"].replace(",", " ").split()
        if not all(n.isdigit() and len(n) < 10 for n in numbers):
            raise forms.ValidationError(
                _("Write the numbers of the practices, separated by spaces.")
            )
        found = set(
            Practice.objects.filter(
                pk__in=[int(n) for n in numbers], status=Practice.Status.PUBLISHED
            ).values_list("pk", flat=True)
        )
        unknown = [n for n in numbers if int(n) not in found]
        if unknown:
            raise forms.ValidationError(
                _("No published practice has the number %(numbers)s.")
                % {"numbers": ", ".join(unknown)}
            )
        return [int(n) for n in numbers]

    def recommendation_list(self) -> list[str]:
        lines = self.cleaned_data["recommendations"].splitlines()
        return [line.strip() for line in lines if line.strip()]

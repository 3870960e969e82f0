"""Forms of the directory editor pages: a service with its main place, its hours."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from convivio.core.forms import minor_fix_field
from convivio.core.models import Language, Organisation, TargetGroup, Territory, Theme

from .models import Service
from .services import LocationData, ScheduleRow, ServiceData


class ServiceForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    language = forms.ModelChoiceField(
        label=_("Language of this text"), queryset=Language.objects.all()
    )
    name = forms.CharField(label=_("Name"), max_length=300)
    description = forms.CharField(
        label=_("What it offers"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Needs it answers"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("For whom"),
        queryset=TargetGroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages spoken"), queryset=Language.objects.all(), required=False
    )
    eligibility = forms.CharField(
        label=_("Who can use it"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    fees = forms.CharField(label=_("Cost"), max_length=500, required=False)
    application_process = forms.CharField(
        label=_("How to apply"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    required_documents = forms.CharField(
        label=_("What to bring"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    url = forms.CharField(label=_("Website"), max_length=500, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Service.Status.choices)
    # The main place.
    place_name = forms.CharField(
        label=_("Name of the place"), max_length=300, required=False
    )
    address = forms.CharField(
        label=_("Street and number"), max_length=300, required=False
    )
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    city = forms.CharField(label=_("Town or city"), max_length=200, required=False)
    country = forms.CharField(label=_("Country code"), max_length=2, required=False)
    territory = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Territory.objects.filter(kind=Territory.Kind.MUNICIPALITY),
        required=False,
    )
    latitude = forms.FloatField(label=_("Latitude"), required=False)
    longitude = forms.FloatField(label=_("Longitude"), required=False)
    accessibility = forms.CharField(
        label=_("Accessibility"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    transportation = forms.CharField(
        label=_("How to get there"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    minor = minor_fix_field()

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The field is the ModelChoiceField declared above.
        cast(forms.ModelChoiceField, self.fields["organisation"]).queryset = (
            organisations or Organisation.objects.none()
        )

    def service_data(self) -> ServiceData:
        data = self.cleaned_data
        return ServiceData(
            name=data["name"],
            language=data["language"].code,
            description=data["description"],
            eligibility=data["eligibility"],
            fees=data["fees"],
            application_process=data["application_process"],
            required_documents=data["required_documents"],
            status=data["status"],
            url=data["url"].strip(),
            email=data["email"].strip(),
            theme_ids=[t.pk for t in data["themes"]],
            target_group_ids=[t.pk for t in data["target_groups"]],
            language_ids=[lang.code for lang in data["languages"]],
            minor=data.get("minor", False),
        )

    def has_place(self) -> bool:
        data = self.cleaned_data
        return any(
            data.get(name) not in (None, "")
            for name in ("place_name", "address", "city", "latitude", "longitude")
        )

    def location_data(self) -> LocationData:
        data = self.cleaned_data
        return LocationData(
            name=data["place_name"],
            address=data["address"],
            postal_code=data["postal_code"],
            city=data["city"],
            country=data["country"],
            territory_id=data["territory"].pk if data["territory"] else None,
            latitude=data["latitude"],
            longitude=data["longitude"],
            accessibility=data["accessibility"],
            transportation=data["transportation"],
        )


WEEKDAY_CHOICES = [
    ("", "—"),
    (1, _("Monday")),
    (2, _("Tuesday")),
    (3, _("Wednesday")),
    (4, _("Thursday")),
    (5, _("Friday")),
    (6, _("Saturday")),
    (7, _("Sunday")),
]


class ScheduleRowForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Day"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
    )
    date = forms.DateField(
        label=_("or date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    closed = forms.BooleanField(label=_("Closed"), required=False)
    opens_at = forms.TimeField(
        label=_("Opens"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    closes_at = forms.TimeField(
        label=_("Closes"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    notes = forms.CharField(label=_("Notes"), max_length=300, required=False)

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(
            data.get(name) not in (None, "", False)
            for name in ("weekday", "date", "closed", "opens_at", "closes_at", "notes")
        )

    def row(self) -> ScheduleRow:
        data = self.cleaned_data
        return ScheduleRow(
            weekday=data.get("weekday"),
            date=data.get("date"),
            closed=bool(data.get("closed")),
            opens_at=data.get("opens_at"),
            closes_at=data.get("closes_at"),
            notes=data.get("notes") or "",
        )


ScheduleFormSet = forms.formset_factory(
    ScheduleRowForm, extra=3, max_num=60, validate_max=True
)

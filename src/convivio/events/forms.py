from __future__ import annotations

import zoneinfo
from datetime import datetime
from functools import cache
from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from convivio.community.models import Network
from convivio.core.forms import HoneypotForm
from convivio.core.models import Language, Organisation
from convivio.core.permissions import editable_organisation_ids, is_platform_admin
from convivio.core.pickers import TerritoryField
from convivio.plans.models import Plan, Recommendation
from convivio.practices.models import Practice

from . import permissions
from .models import Event

LOCAL = "%Y-%m-%dT%H:%M"


@cache
def zone_choices() -> list[tuple[str, str]]:
    return [(z, z) for z in sorted(zoneinfo.available_timezones()) if "/" in z] + [
        ("UTC", "UTC")
    ]


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=LOCAL)


class EventForm(forms.Form):
    required_css_class = "required"

    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    network = forms.ModelChoiceField(
        Network.objects.none(), label=_("Network"), required=False
    )
    organisation = forms.ModelChoiceField(
        Organisation.objects.none(), label=_("Organisation"), required=False
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        max_length=20000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=LocalDateTimeInput(), input_formats=[LOCAL]
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=LocalDateTimeInput(), input_formats=[LOCAL]
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=zone_choices, initial="Europe/Lisbon"
    )
    format = forms.ChoiceField(
        label=_("Format"), choices=Event.Format.choices, widget=forms.RadioSelect
    )
    address = forms.CharField(label=_("Address"), max_length=500, required=False)
    territory = TerritoryField(label=_("Place"), required=False)
    link = forms.URLField(
        label=_("Link to join online"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )
    languages = forms.ModelMultipleChoiceField(
        Language.objects.all(),
        label=_("Languages spoken"),
        to_field_name="code",
        required=False,
    )
    interpretation = forms.ModelMultipleChoiceField(
        Language.objects.all(),
        label=_("Interpretation into"),
        to_field_name="code",
        required=False,
    )
    childcare = forms.BooleanField(label=_("Childcare offered"), required=False)
    accessibility = forms.CharField(
        label=_("Accessibility"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("Empty: no limit."),
    )
    registration_open = forms.BooleanField(
        label=_("Registration open"), required=False, initial=True
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=Event.Status.choices, initial=Event.Status.PUBLISHED
    )
    language = forms.ModelChoiceField(
        Language.objects.all(),
        label=_("Language of the text"),
        to_field_name="code",
        empty_label=None,
    )

    def __init__(
        self, *args: Any, user: Any, event: Event | None = None, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        networks = Network.objects.prefetch_related("translations")
        organisations = Organisation.objects.all()
        if not is_platform_admin(user):
            networks = networks.filter(pk__in=permissions.coordinated_network_ids(user))
            organisations = organisations.filter(pk__in=editable_organisation_ids(user))
        if event is not None:  # the event's own organisers stay choosable
            networks = Network.objects.prefetch_related("translations").filter(
                Q(pk__in=networks.values("pk")) | Q(pk=event.network_id)
            )
            organisations = Organisation.objects.filter(
                Q(pk__in=organisations.values("pk")) | Q(pk=event.organisation_id)
            )
            del self.fields["language"]
        cast(forms.ModelChoiceField, self.fields["network"]).queryset = networks
        cast(
            forms.ModelChoiceField, self.fields["organisation"]
        ).queryset = organisations

    @classmethod
    def initial_for(cls, event: Event) -> dict[str, Any]:
        row = event.original_translation()
        return {
            "title": row.title if row else "",
            "description": row.description if row else "",
            "agenda": row.agenda if row else "",
            "kind": event.kind,
            "network": event.network_id,
            "organisation": event.organisation_id,
            "starts_at": event.local_start.replace(tzinfo=None),
            "ends_at": event.local_end.replace(tzinfo=None),
            "time_zone": event.time_zone,
            "format": event.format,
            "address": event.address,
            "territory": event.territory,
            "link": event.link,
            "languages": [lang.code for lang in event.languages.all()],
            "interpretation": [lang.code for lang in event.interpretation.all()],
            "childcare": event.childcare,
            "accessibility": event.accessibility,
            "capacity": event.capacity,
            "registration_open": event.registration_open,
            "status": event.status,
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The times are written as the clock reads in the event's time zone.
        zone_name = data.get("time_zone")
        if zone_name:
            zone = zoneinfo.ZoneInfo(zone_name)
            for name in ("starts_at", "ends_at"):
                value = data.get(name)
                if isinstance(value, datetime):
                    data[name] = value.replace(tzinfo=None).replace(tzinfo=zone)
        if not data.get("network") and not data.get("organisation"):
            self.add_error(
                "network", _("Say which network or organisation holds the event.")
            )
        return data

    def to_kwargs(self) -> dict[str, Any]:
        d = dict(self.cleaned_data)
        if "language" in d:
            d["language"] = d["language"].code
        return d


class RegistrationForm(HoneypotForm):
    """Sign-in people give their needs; visitors their name and e-mail too."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    needs_interpretation = forms.ModelChoiceField(
        Language.objects.none(),
        label=_("I need interpretation into"),
        to_field_name="code",
        required=False,
    )
    needs_childcare = forms.BooleanField(label=_("I need childcare"), required=False)
    needs_note = forms.CharField(
        label=_("Accessibility or other needs"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    show_in_public_list = forms.BooleanField(
        label=_("Show my name in the public list of participants"), required=False
    )

    def __init__(self, *args: Any, event: Event, signed_in: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["name"], self.fields["email"]
        interpretation = list(event.interpretation.all())
        if interpretation:
            field = cast(forms.ModelChoiceField, self.fields["needs_interpretation"])
            field.queryset = Language.objects.filter(
                code__in=[lang.code for lang in interpretation]
            )
        else:
            del self.fields["needs_interpretation"]
        if not event.childcare:
            del self.fields["needs_childcare"]


class CheckInForm(forms.Form):
    code = forms.CharField(label=_("Registration code"), max_length=20)


class ReportForm(forms.Form):
    """After the event: minutes, outcomes and what they link to."""

    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=50000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    outcomes = forms.CharField(
        label=_("Outcomes"),
        max_length=50000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Good and bad experiences, what was agreed. Markdown."),
    )
    organisations_present = forms.CharField(
        label=_("Other organisations present, one a line"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    practices = forms.ModelMultipleChoiceField(
        Practice.objects.filter(status=Practice.Status.PUBLISHED),
        label=_("Practices"),
        required=False,
    )
    recommendations = forms.ModelMultipleChoiceField(
        Recommendation.objects.none(), label=_("Recommendations"), required=False
    )
    plans = forms.ModelMultipleChoiceField(
        Plan.objects.none(), label=_("Plans"), required=False
    )

    def __init__(self, *args: Any, plans: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        practices = cast(forms.ModelMultipleChoiceField, self.fields["practices"])
        practices.queryset = Practice.objects.filter(
            status=Practice.Status.PUBLISHED
        ).prefetch_related("translations")
        cast(
            forms.ModelMultipleChoiceField, self.fields["plans"]
        ).queryset = plans.prefetch_related("translations")
        cast(
            forms.ModelMultipleChoiceField, self.fields["recommendations"]
        ).queryset = Recommendation.objects.filter(
            plan__in=plans.values("pk")
        ).prefetch_related("translations")

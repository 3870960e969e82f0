"""Forms of the people, notifications and moderation pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from convivio.core.models import Theme

from .models import PublicProfile, Report, Subscription


class PublicProfileForm(forms.ModelForm):
    """What a person shows on their page (``community:profile_settings``)."""

    expertise = forms.ModelMultipleChoiceField(
        Theme.objects.all(),
        label=_("themes of expertise"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PublicProfile
        fields = [
            "display_name",
            "public",
            "show_organisation",
            "show_languages",
            "show_bio",
            "show_expertise",
            "expertise",
            "show_practices",
            "show_posts",
            "show_networks",
        ]

    def clean_display_name(self) -> str:
        return " ".join(self.cleaned_data["display_name"].split())


class FollowForm(forms.Form):
    """Follow a topic in a mode, or stop (``mode`` "off")."""

    topic = forms.CharField(max_length=40)
    mode = forms.ChoiceField(label=_("notify me"), choices=Subscription.Mode.choices)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("reason"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ModerateForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("hide", _("hide")),
            ("restore", _("restore")),
            ("dismiss", _("dismiss")),
        ]
    )
    reason = forms.CharField(
        label=_("reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from convivio.community.models import Report

from .models import BODY_MAX_LENGTH


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(label=_("reason"), choices=Report.Reason.choices)
    note = forms.CharField(
        label=_("note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ModerateForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)

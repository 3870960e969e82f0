"""The anonymous feedback form and the managers' reply form."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from convivio.core.forms import HoneypotForm

from .services import COMMENT_MAX


class FeedbackForm(HoneypotForm):
    """A rating (its words in the form's language) and a comment; the labels
    come from the channel's survey in that language."""

    rating = forms.ChoiceField(widget=forms.RadioSelect, required=True)
    comment = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": COMMENT_MAX}),
        required=False,
        max_length=COMMENT_MAX,
    )

    def __init__(
        self,
        *args,
        rating_label: str,
        comment_label: str,
        points: list[tuple[str, str]],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rating"].label = rating_label
        rating = cast(forms.ChoiceField, self.fields["rating"])
        rating.choices = points
        self.fields["rating"].error_messages["required"] = _("Choose a rating.")
        self.fields["comment"].label = comment_label


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Public reply"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 5000}),
        max_length=5000,
    )
    #: "YYYY-MM": the month answered (a reply to a whole month).
    month = forms.CharField(required=False, max_length=7)
    #: The comment answered, if one.
    answer = forms.IntegerField(required=False, min_value=1)

    def clean_month(self) -> dt.date | None:
        raw = self.cleaned_data.get("month") or ""
        if not raw:
            return None
        try:
            return dt.datetime.strptime(raw, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(_("Choose a month from the list.")) from None

from __future__ import annotations

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from convivio.core.models import Language

from .models import Post, Reaction, Thread


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Several files in one input (checked again by the library on upload)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(FilesField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        max_length=Post.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Markdown: **bold**, *italic*, lists, links. @username notifies a member."
        ),
    )
    language = forms.ModelChoiceField(
        label=_("Language of this text"), queryset=Language.objects.all()
    )
    attachments = FilesField(label=_("Attachments"), required=False)


class ThreadForm(PostForm):
    title = forms.CharField(label=_("Title"), max_length=Thread.TITLE_MAX)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Thread.Kind.choices, initial=Thread.Kind.DISCUSSION
    )
    field_order = ["title", "kind", "body", "language", "attachments"]

    def __init__(self, *args, kinds: list[str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if kinds is not None:
            kind_field = cast(forms.ChoiceField, self.fields["kind"])
            kind_field.choices = [c for c in Thread.Kind.choices if c[0] in kinds]


class EditForm(forms.Form):
    body = forms.CharField(
        label=_("Text"),
        max_length=Post.BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=Reaction.Kind.choices)

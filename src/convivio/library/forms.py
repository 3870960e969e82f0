"""Forms of the library pages.  They read input; the services decide and write."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from convivio.core.forms import minor_fix_field
from convivio.core.models import Language, Organisation, Theme, User
from convivio.core.numbers import megabytes
from convivio.core.permissions import editable_organisation_ids, is_moderator

from .models import Document, DocumentKind, Link
from .services import DocumentData, LinkData


def _organisations_for(
    user: User, current: Organisation | None
) -> forms.ModelChoiceField:
    queryset = Organisation.objects.order_by("name")
    if not is_moderator(user):
        allowed = set(editable_organisation_ids(user))
        if current is not None:
            allowed.add(current.pk)  # kept when someone else edits the record
        queryset = queryset.filter(pk__in=allowed)
    return forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=queryset,
        required=False,
        help_text=_("The organisation that made it (one you edit)."),
    )


class _LibraryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Available in"),
        queryset=Language.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args, user: User, current: Organisation | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.user = user
        organisations = _organisations_for(user, current)
        self.fields["organisation"] = organisations
        if organisations.queryset is None or not organisations.queryset.exists():
            del self.fields["organisation"]

    def _common(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "description": data.get("description", ""),
            "languages": [lang.code for lang in data.get("languages", [])],
            "themes": [theme.slug for theme in data.get("themes", [])],
            "organisation": data.get("organisation"),
        }


class DocumentForm(_LibraryForm):
    """Add a document (a file, or the address of one) or edit what is said of it."""

    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Word, text, HTML… Or give a web address instead."),
    )
    url = forms.URLField(
        label=_("Web address"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=_("For a document kept elsewhere: a web page, a video."),
    )
    is_public = forms.BooleanField(
        label=_("Public"),
        required=False,
        help_text=_(
            "Everybody can see and download it. Moderators and editors of the "
            "organisation can make a document public."
        ),
    )
    minor = minor_fix_field()

    def __init__(self, *args, user: User, document: Document | None = None, **kwargs):
        self.document = document
        if document is not None:
            original = document.original_translation()
            kwargs.setdefault(
                "initial",
                {
                    "title": original.title if original else "",
                    "kind": document.kind,
                    "description": original.description if original else "",
                    "url": document.url,
                    "languages": list(document.languages.all()),
                    "themes": list(document.themes.all()),
                    "organisation": document.organisation,
                    "is_public": document.is_public,
                },
            )
        super().__init__(
            *args,
            user=user,
            current=document.organisation if document else None,
            **kwargs,
        )
        limit = settings.CONVIVIO_UPLOAD_MAX_BYTES
        self.fields["file"].help_text = _(
            "PDF, Word, text, HTML… up to %(max)s MB. Or give a web address instead."
        ) % {"max": megabytes(limit, decimals=0)}
        if document is not None:
            # The file is what the document is; a new file is a new document.
            del self.fields["file"]
            if document.file:
                del self.fields["url"]
        else:
            del self.fields["minor"]
        # Order: the file or address right after the title.
        order = ["title", "file", "url", "kind", "description", "languages"]
        self.order_fields(order)

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file is not None and file.size > settings.CONVIVIO_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s MB; files up to %(max)s MB are accepted."),
                params={
                    "size": megabytes(file.size),
                    "max": megabytes(settings.CONVIVIO_UPLOAD_MAX_BYTES, decimals=0),
                },
                code="too_large",
            )
        return file

    def clean(self):
        super().clean()
        data = self.cleaned_data
        if self.document is None and "file" in self.fields:
            has_file = data.get("file") is not None
            has_url = bool(data.get("url"))
            if not has_file and not has_url and not self.errors:
                raise forms.ValidationError(
                    _("Upload a file or give the document's web address.")
                )
            if has_file and has_url:
                raise forms.ValidationError(
                    _("Give either a file or a web address, not both.")
                )
        return data

    def to_data(self) -> DocumentData:
        return DocumentData(
            **self._common(),
            url=self.cleaned_data.get("url", "") or "",
            is_public=self.cleaned_data.get("is_public", False),
            minor=bool(self.cleaned_data.get("minor")),
        )


class LinkForm(_LibraryForm):
    url = forms.URLField(label=_("Web address"), max_length=1000, assume_scheme="https")

    def __init__(self, *args, user: User, link: Link | None = None, **kwargs):
        if link is not None:
            kwargs.setdefault(
                "initial",
                {
                    "url": link.url,
                    "title": link.title,
                    "kind": link.kind,
                    "description": link.description,
                    "languages": list(link.languages.all()),
                    "themes": list(link.themes.all()),
                    "organisation": link.organisation,
                },
            )
        super().__init__(
            *args, user=user, current=link.organisation if link else None, **kwargs
        )
        self.order_fields(["url", "title"])

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise forms.ValidationError(
                _("Enter a web address starting with http:// or https://.")
            )
        return url

    def to_data(self) -> LinkData:
        return LinkData(**self._common(), url=self.cleaned_data["url"])

"""Documents (uploaded files or links to them) and links, with their text.

A document's title and description, which people write, are translated
(``core.translation``): they live in its rows, one per language, the original
among them.  The text read from the file is the file's, not translated.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from convivio.core.history import tracked
from convivio.core.models import Language, Organisation, Theme
from convivio.core.translation import TranslatedRecord, TranslationRow


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("plan")
    BOOKLET = "booklet", _("good-practice booklet")
    REPORT = "report", _("report")
    GUIDE = "guide", _("guide")
    FACTSHEET = "factsheet", _("factsheet")
    VIDEO = "video", _("video")
    LAW = "law", _("law")
    OTHER = "other", _("other")


def document_path(document: Document, filename: str) -> str:
    # The checksum names the file, so the same file is stored once.
    return f"library/{document.checksum[:2]}/{document.checksum}/{filename}"


class Document(TranslatedRecord):
    kind = models.CharField(
        _("kind"), max_length=16, choices=DocumentKind.choices, default="other"
    )
    file = models.FileField(
        _("file"), upload_to=document_path, max_length=300, blank=True
    )
    #: A document kept elsewhere (a web page, a video): no file, only its address.
    url = models.URLField(_("web address"), max_length=1000, blank=True)
    original_filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    #: SHA-256 of the file: the same file uploaded again by someone who can see
    #: the first copy is that document.  Someone who cannot see it gets a
    #: document of their own, so that an upload never reveals a private one.
    checksum = models.CharField(max_length=64, blank=True, db_index=True)
    languages = models.ManyToManyField(
        Language,
        verbose_name=_("available in"),
        blank=True,
        related_name="documents",
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="documents"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    #: Text read from the file (plain, normalised); the spans of drafts point into it.
    extracted_text = models.TextField(blank=True)
    #: Language detected in the text: a suggestion people can change.
    text_language = models.ForeignKey(
        Language,
        verbose_name=_("language of the text"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_public = models.BooleanField(_("public"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents_added",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # The text read from the file is the file's (and long): not kept per change.
    history = tracked(excluded_fields=["created_at", "extracted_text"])

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["checksum", "uploaded_by"],
                condition=~models.Q(checksum=""),
                name="document_checksum_uploader_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(url=""),
                name="document_file_or_url",
                violation_error_message=_("A document is a file or a web address."),
            ),
        ]

    def __str__(self) -> str:
        # The original's title (uses prefetched "translations").
        row = self.original_translation()
        return row.title if row is not None else f"Document {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("library:detail", args=[self.pk])

    def _fill_language(self) -> None:
        # A document added without saying: the language detected in its text,
        # else English (the services pass the first language it is in).
        if self.original_language_id is None:
            self.original_language_id = self.text_language_id or "en"

    def full_clean(self, *args: Any, **kwargs: Any) -> None:
        self._fill_language()
        super().full_clean(*args, **kwargs)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._fill_language()
        super().save(*args, **kwargs)


class DocumentTranslation(TranslationRow):
    RECORD_FIELD = "document"
    TRANSLATED_FIELDS = ("title", "description")

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="translations"
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    history = tracked()

    class Meta:
        verbose_name = _("document translation")
        verbose_name_plural = _("document translations")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language"], name="document_translation_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language_id})"


class Link(models.Model):
    """A useful web address (a resource, a service's page, a video) with its checks."""

    url = models.URLField(_("web address"), max_length=1000)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=DocumentKind.choices, default="other"
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("available in"), blank=True, related_name="links"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), blank=True, related_name="links"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="links",
    )
    #: The document the link was found in, if any.
    document = models.ForeignKey(
        Document,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="links",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="links_added",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    last_checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    #: HTTP status of the last check (0: no answer).
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    check_error = models.CharField(max_length=300, blank=True)
    #: Set when a check first failed, cleared when one succeeds.
    broken_since = models.DateTimeField(_("broken since"), null=True, blank=True)

    class Meta:
        verbose_name = _("link")
        verbose_name_plural = _("links")
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(fields=["url"], name="link_url_unique"),
        ]

    def __str__(self) -> str:
        return self.title or self.url

    @property
    def is_broken(self) -> bool:
        return self.broken_since is not None

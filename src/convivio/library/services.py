"""Writes for the library: documents, links, their search entries and link checks.

Every write checks the actor's role here, so that pages, commands and the
ingestion pipeline share one set of rules.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import logging
import mimetypes
import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import EmailMessage, mailers
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from convivio.core import ratelimit
from convivio.core.history import attributed
from convivio.core.models import Language, Membership, Organisation, Theme, User
from convivio.core.numbers import megabytes
from convivio.core.translation import save_original
from convivio.search.backends import Document as SearchDocument
from convivio.search.services import index_remove, index_replace

from . import permissions
from .models import Document, DocumentKind, DocumentTranslation, Link
from .translations import follow_text_language

logger = logging.getLogger(__name__)

DOCUMENT_KIND = "document"
LINK_KIND = "link"
#: The extracted text indexed for search is cut here: enough to find a document
#: by what it says, without storing a whole book twice.
INDEXED_TEXT_CHARS = 200_000


def upload_max_bytes() -> int:
    return int(settings.CONVIVIO_UPLOAD_MAX_BYTES)


@dataclass
class DocumentData:
    """What a person tells about a document (a file or a web address)."""

    title: str
    kind: str = DocumentKind.OTHER
    description: str = ""
    url: str = ""
    languages: list[str] = field(default_factory=list)  # Language codes
    themes: list[str] = field(default_factory=list)  # Theme slugs
    organisation: Organisation | None = None
    is_public: bool = False
    #: A small correction of the title or description: translations stay current.
    minor: bool = False


@dataclass
class LinkData:
    url: str
    title: str
    kind: str = DocumentKind.OTHER
    description: str = ""
    languages: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    organisation: Organisation | None = None


# --- Checks shared by documents and links ---------------------------------------------


def _check_kind(kind: str) -> None:
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Choose a kind from the list.")})


def validate_web_address(url: str, field_name: str = "url") -> str:
    """An http(s) address, or a ValidationError saying what is wrong."""
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(
            {field_name: _("Enter a web address starting with http:// or https://.")}
        ) from None
    if len(url) > 1000:
        raise ValidationError(
            {field_name: _("This web address is too long (1,000 characters at most).")}
        )
    return url


def _languages(codes: list[str]) -> list[Language]:
    found = list(Language.objects.filter(code__in=set(codes)))
    if len(found) != len(set(codes)):
        missing = sorted(set(codes) - {lang.code for lang in found})
        raise ValidationError(
            {"languages": _("Unknown languages: %s.") % ", ".join(missing)}
        )
    return found


def _themes(slugs: list[str]) -> list[Theme]:
    found = list(Theme.objects.filter(slug__in=set(slugs)))
    if len(found) != len(set(slugs)):
        missing = sorted(set(slugs) - {t.slug for t in found})
        raise ValidationError({"themes": _("Unknown themes: %s.") % ", ".join(missing)})
    return found


# --- Documents ------------------------------------------------------------------------


def file_checksum(file) -> str:
    """SHA-256 of an uploaded file (or any file object), read in chunks."""
    digest = hashlib.sha256()
    if hasattr(file, "chunks"):
        for chunk in file.chunks():
            digest.update(chunk)
    else:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    if hasattr(file, "seek"):
        file.seek(0)
    return digest.hexdigest()


def safe_filename(name: str | None) -> str:
    """A file name without folders or odd characters, kept short."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    stem, ext = os.path.splitext(base)
    try:
        cleaned = get_valid_filename(stem[:80] + ext[:10])
    except Exception:  # noqa: BLE001 - Django raises SuspiciousFileOperation
        cleaned = ""
    return cleaned or "document"


def document_find_by_checksum(
    checksum: str, *, user: User | AnonymousUser | None = None, everyone: bool = False
) -> Document | None:
    """The document of these bytes that ``user`` can see (the first added), or
    any with ``everyone``.  A private copy someone else added is not found: the
    person gets a document of their own, as for a new file."""
    if not checksum:
        return None
    documents = Document.objects.all()
    if not everyone:
        documents = permissions.visible_documents(user, documents)
    return documents.filter(checksum=checksum).order_by("pk").first()


@attributed
def document_create(
    *,
    user: User | AnonymousUser | None,
    data: DocumentData,
    file: UploadedFile | None = None,
    by_system: bool = False,
) -> tuple[Document, bool]:
    """Add a document to the library: an uploaded file or a web address.

    Returns (document, created).  The same file uploaded again is the same
    document: it is returned with created=False and nothing changes.
    """
    if not by_system:
        permissions.require_add_to_library(user)
        permissions.require_file_under(user, data.organisation)
        if data.is_public:
            permissions.require_make_public(user, data.organisation)
    _check_kind(data.kind)
    title = (data.title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the document a title.")})
    url = data.url.strip()
    if file is None and not url:
        raise ValidationError(_("Upload a file or give the document's web address."))
    if file is not None and url:
        raise ValidationError(_("A document is either a file or a web address."))
    if url:
        url = validate_web_address(url)
    checksum = ""
    if file is not None:
        if not file.size:
            raise ValidationError({"file": _("The file is empty.")})
        if file.size > upload_max_bytes():
            raise ValidationError(
                {
                    "file": _(
                        "The file is %(size)s MB; files up to %(max)s MB are accepted."
                    )
                    % {
                        "size": megabytes(file.size),
                        "max": megabytes(upload_max_bytes(), decimals=0),
                    }
                }
            )
        checksum = file_checksum(file)
        existing = document_find_by_checksum(checksum, user=user, everyone=by_system)
        if existing is not None:
            return existing, False
    if not by_system:
        ratelimit.check_member("document", user, "CONVIVIO_RATE_UPLOADS")
    languages = _languages(data.languages)
    themes = _themes(data.themes)

    filename = safe_filename(file.name) if file is not None else ""
    document = Document(
        kind=data.kind,
        url=url,
        original_filename=filename,
        content_type=(mimetypes.guess_type(filename)[0] or "") if filename else "",
        size=file.size if file is not None else None,
        checksum=checksum,
        organisation=data.organisation,
        is_public=data.is_public,
        uploaded_by=user if user is not None and user.is_authenticated else None,
        # Written in the first language it is said to be in (else English);
        # its title and description become that language's row.
        original_language_id=languages[0].code if languages else "en",
    )
    try:
        with transaction.atomic():
            if file is not None:
                # The storage path holds the checksum: set before saving the file.
                document.file.save(filename, file, save=False)
            document.full_clean(exclude=["file", "checksum"])
            document.save()
            save_original(
                document,
                {"title": title[:300], "description": data.description.strip()},
                user=user,
            )
            document.languages.set(languages)
            document.themes.set(themes)
            document_index(document=document)
    except IntegrityError:
        # The same person uploaded the same file at the same moment: that one.
        _remove_stored_file(document)
        existing = document_find_by_checksum(checksum, user=user, everyone=by_system)
        if existing is None:
            raise
        return existing, False
    except BaseException:
        _remove_stored_file(document)
        raise
    return document, True


@attributed
def document_add_for_reading(
    *,
    user: User,
    content: bytes,
    name: str,
    original_filename: str,
    checksum: str,
    title: str,
) -> Document:
    """A file handed to ingestion, kept as a private document of the person
    who gave it (ingestion checked its size, type and rate by its own limits,
    and that it is not already there).  The file is written first (the row
    needs its name); if the row cannot be saved, the file is removed again, so
    that nothing is left half-made."""
    permissions.require_add_to_library(user)
    document = Document(
        original_filename=original_filename[:255],
        content_type=(mimetypes.guess_type(name)[0] or "")[:100],
        size=len(content),
        checksum=checksum,
        uploaded_by=user,
    )
    document.file.save(name, ContentFile(content), save=False)
    try:
        with transaction.atomic():
            document.full_clean(exclude=["file"])
            document.save()
            save_original(document, {"title": title[:300]}, user=user)
    except BaseException:
        document.file.delete(save=False)
        raise
    return document


def _remove_stored_file(document: Document) -> None:
    if document.file and document.file.name:
        try:
            document.file.storage.delete(document.file.name)
        except OSError:
            logger.warning("Could not remove %s", document.file.name)


@attributed
@transaction.atomic
def document_update(
    *, user: User | AnonymousUser | None, document: Document, data: DocumentData
) -> Document:
    """Change what is told about a document; its file stays the same."""
    permissions.require_edit_document(user, document)
    if data.organisation != document.organisation:
        permissions.require_file_under(user, data.organisation)
    if data.is_public and not document.is_public:
        permissions.require_make_public(user, data.organisation)
    _check_kind(data.kind)
    title = (data.title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the document a title.")})
    if document.file:
        if data.url.strip():
            raise ValidationError(
                {"url": _("This document is a file: it has no web address.")}
            )
        url = ""
    else:
        url = validate_web_address(data.url)
    document.kind = data.kind
    document.url = url
    document.organisation = data.organisation
    document.is_public = data.is_public
    document.full_clean(exclude=["file", "checksum"])
    save_original(
        document,
        {"title": title[:300], "description": data.description.strip()},
        user=user,
        minor=data.minor,
    )
    document.save()
    document.languages.set(_languages(data.languages))
    document.themes.set(_themes(data.themes))
    document_index(document=document)
    return document


def document_search_entries(document: Document) -> list[SearchDocument]:
    """The search entries of a document: its title, description and text.

    The text is indexed in the language it is written in; every translation of
    the title and description is indexed in its language, and the other
    languages the document exists in get the original's, each stemmed its way.
    """
    text_language = document.text_language_id
    codes = [lang.code for lang in document.languages.all()]
    primary = text_language or (codes[0] if codes else settings.LANGUAGE_CODE)
    rows = {row.language_id: row for row in document.translations.all()}
    extra = [
        document.organisation.name if document.organisation else "",
        document.original_filename,
    ]

    def head(row: DocumentTranslation) -> str:
        return "\n".join(part for part in (row.description, *extra) if part)

    original = rows.get(document.original_language_id)
    if original is None:  # a document whose text was never written
        original = DocumentTranslation(document=document, title=str(document))
    first = rows.get(primary, original)
    entries = [
        SearchDocument(
            kind=DOCUMENT_KIND,
            object_id=document.pk,
            language=primary,
            title=first.title,
            body=head(first) + "\n" + document.extracted_text[:INDEXED_TEXT_CHARS],
        )
    ]
    for code in dict.fromkeys([*codes, *rows]):
        if code != primary:
            row = rows.get(code, original)
            entries.append(
                SearchDocument(
                    kind=DOCUMENT_KIND,
                    object_id=document.pk,
                    language=code,
                    title=row.title,
                    body=head(row),
                )
            )
    return entries


def document_text_read(
    *,
    document: Document,
    text: str,
    language: Language | None,
    kind: str | None = None,
) -> Document:
    """Keep what ingestion read from the file: its text and the language of it
    (then the document's original language while it has no translation yet),
    and the kind of document its genre says when it was filed as "other"."""
    document.extracted_text = text
    document.text_language = language
    update = ["extracted_text", "text_language", "updated_at"]
    if kind and document.kind == DocumentKind.OTHER:
        document.kind = kind
        update.append("kind")
    document.save(update_fields=update)
    if language is not None:
        document.languages.add(language)
        follow_text_language(document.pk, language.pk)
    return document


def document_text_language_set(*, document: Document, language: str) -> None:
    """A person says in which language the document's text is (ingestion's
    job page, before reading it again)."""
    document.text_language_id = language
    document.save(update_fields=["text_language", "updated_at"])
    follow_text_language(document.pk, language)


def document_index(*, document: Document) -> None:
    """Make the search index hold the document as it is now.

    Call it after changing a document's title, description, languages or
    extracted text (the ingestion pipeline does when it has read the file).
    """
    document = (
        Document.objects.select_related("organisation")
        .prefetch_related("languages", "translations")
        .get(pk=document.pk)
    )
    index_replace(
        kind=DOCUMENT_KIND,
        object_id=document.pk,
        documents=document_search_entries(document),
    )


@attributed
@transaction.atomic
def document_delete(*, user: User | AnonymousUser | None, document: Document) -> None:
    permissions.require_delete_document(user, document)
    name = document.file.name if document.file else ""
    storage = document.file.storage if document.file else None
    pk = document.pk
    document.delete()
    # After the delete: removing its translation rows indexes it again
    # (translations.reindex) while the document is still there.
    index_remove(kind=DOCUMENT_KIND, object_id=pk)
    if storage is not None and name:
        transaction.on_commit(lambda: storage.delete(name))


# --- Links ----------------------------------------------------------------------------


def _link_url_free(url: str, exclude_pk: int | None = None) -> None:
    others = Link.objects.filter(url=url)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError({"url": _("This web address is already in the library.")})


@transaction.atomic
def link_create(
    *,
    user: User | AnonymousUser | None,
    data: LinkData,
    document: Document | None = None,
    by_system: bool = False,
) -> Link:
    """Add a useful web address to the library."""
    if not by_system:
        permissions.require_add_to_library(user)
        permissions.require_file_under(user, data.organisation)
    _check_kind(data.kind)
    url = validate_web_address(data.url)
    if not by_system:
        ratelimit.check_member("link", user)
    title = (data.title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the link a title.")})
    _link_url_free(url)
    link = Link(
        url=url,
        title=title[:300],
        kind=data.kind,
        description=data.description.strip(),
        organisation=data.organisation,
        document=document,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    link.full_clean()
    link.save()
    link.languages.set(_languages(data.languages))
    link.themes.set(_themes(data.themes))
    link_index(link=link)
    return link


@transaction.atomic
def link_update(
    *, user: User | AnonymousUser | None, link: Link, data: LinkData
) -> Link:
    permissions.require_edit_link(user, link)
    if data.organisation != link.organisation:
        permissions.require_file_under(user, data.organisation)
    _check_kind(data.kind)
    url = validate_web_address(data.url)
    title = (data.title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the link a title.")})
    _link_url_free(url, exclude_pk=link.pk)
    if url != link.url:
        # A new address has not been checked yet.
        link.last_checked_at = None
        link.last_status = None
        link.check_error = ""
        link.broken_since = None
    link.url = url
    link.title = title[:300]
    link.kind = data.kind
    link.description = data.description.strip()
    link.organisation = data.organisation
    link.full_clean()
    link.save()
    link.languages.set(_languages(data.languages))
    link.themes.set(_themes(data.themes))
    link_index(link=link)
    return link


@transaction.atomic
def link_delete(*, user: User | AnonymousUser | None, link: Link) -> None:
    permissions.require_delete_link(user, link)
    index_remove(kind=LINK_KIND, object_id=link.pk)
    link.delete()


def link_search_entries(link: Link) -> list[SearchDocument]:
    """The search entries of a link: its title, description, address and
    organisation, stemmed the way of each language it is in (its text is not
    translated).  Uses prefetched ``languages`` and ``organisation``."""
    codes = [lang.code for lang in link.languages.all()] or [settings.LANGUAGE_CODE]
    body = "\n".join(
        p
        for p in (
            link.description,
            link.url,
            link.organisation.name if link.organisation else "",
        )
        if p
    )
    return [
        SearchDocument(
            kind=LINK_KIND,
            object_id=link.pk,
            language=code,
            title=link.title,
            body=body,
        )
        for code in dict.fromkeys(codes)
    ]


def link_index(*, link: Link) -> None:
    link = (
        Link.objects.select_related("organisation")
        .prefetch_related("languages")
        .get(pk=link.pk)
    )
    index_replace(
        kind=LINK_KIND, object_id=link.pk, documents=link_search_entries(link)
    )


def library_reindex() -> int:
    """Rebuild the search entries of every document and link (operations)."""
    count = 0
    for document in Document.objects.only("pk").iterator():
        document_index(document=document)
        count += 1
    for link in Link.objects.only("pk").iterator():
        link_index(link=link)
        count += 1
    return count


# --- Link checks ----------------------------------------------------------------------

USER_AGENT = "Convivio-link-checker/1.0"
MAX_REDIRECTS = 5
REDIRECT_CODES = (301, 302, 303, 307, 308)


class RefusedAddress(OSError):
    """The address is not on the public internet, or not http/https."""


def check_timeout() -> float:
    return float(getattr(settings, "CONVIVIO_LINK_CHECK_TIMEOUT", 10))


def _private_allowed() -> bool:
    # Only tests turn this on, to check links against a server on localhost.
    return bool(getattr(settings, "CONVIVIO_LINK_CHECK_ALLOW_PRIVATE", False))


def address_is_public(ip: str) -> bool:
    """True for a global unicast address (no loopback, private, link-local…)."""
    try:
        address = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _guarded_create_connection(address, *args, **kwargs) -> socket.socket:
    """socket.create_connection refusing private peers, before any byte is sent.

    The check is made on the address actually connected to, so a name that
    resolved to a public address at first and to a private one now is refused.
    """
    sock = socket.create_connection(address, *args, **kwargs)
    if not _private_allowed():
        peer = sock.getpeername()[0]
        if not address_is_public(peer):
            sock.close()
            raise RefusedAddress(_("refused: %s is not a public address") % peer)
    return sock


class _GuardedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_create_connection


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_create_connection


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_GuardedHTTPConnection, req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        # typeshed leaves out HTTPSHandler's private _context (set in __init__).
        return self.do_open(
            _GuardedHTTPSConnection,
            req,
            context=self._context,  # type: ignore[attr-defined]
        )


class _LimitedRedirectHandler(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS
    max_repeats = 2

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri") or ""
        if urlsplit(urljoin(req.full_url, location)).scheme not in ("http", "https"):
            raise RefusedAddress(_("refused: a redirect to %s") % location[:100])
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise RefusedAddress(_("refused: a redirect to %s") % newurl[:100])
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.method = req.get_method()  # a HEAD stays a HEAD
        return new


def _opener() -> urllib.request.OpenerDirector:
    # No proxies from the environment: the check goes straight to the site.
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}),
        _GuardedHTTPHandler(),
        _GuardedHTTPSHandler(),
        _LimitedRedirectHandler(),
    )


def _precheck(url: str) -> None:
    """Refuse schemes other than http(s) and hosts with a private address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise RefusedAddress(_("refused: only http and https addresses are checked"))
    if not parts.hostname:
        raise RefusedAddress(_("refused: the address has no host"))
    if _private_allowed():
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or None)
    except (socket.gaierror, UnicodeError) as error:
        raise OSError(_("the name %s does not resolve") % parts.hostname) from error
    for info in infos:
        ip = str(info[4][0])
        if not address_is_public(ip):
            raise RefusedAddress(_("refused: %s is not a public address") % ip)


@dataclass
class CheckResult:
    ok: bool
    status: int  # 0: no answer
    error: str = ""


def _fetch_once(url: str, method: str, timeout: float) -> CheckResult:
    # Only http(s) reaches here (_precheck), and redirects are held to it too.
    request = urllib.request.Request(  # noqa: S310
        url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    try:
        with _opener().open(request, timeout=timeout) as response:
            status = response.status
        return CheckResult(ok=200 <= status < 400, status=status)
    except urllib.error.HTTPError as error:
        error.close()
        if error.code in REDIRECT_CODES:
            return CheckResult(
                ok=False,
                status=error.code,
                error=_("more than %d redirects") % MAX_REDIRECTS,
            )
        return CheckResult(
            ok=False, status=error.code, error=f"HTTP {error.code} {error.reason}"
        )
    except urllib.error.URLError as error:
        reason = error.reason
        if isinstance(reason, TimeoutError):
            return CheckResult(ok=False, status=0, error=_("no answer (timeout)"))
        return CheckResult(ok=False, status=0, error=str(reason)[:300])
    except TimeoutError:
        return CheckResult(ok=False, status=0, error=_("no answer (timeout)"))
    except (OSError, ValueError, http.client.HTTPException) as error:
        return CheckResult(ok=False, status=0, error=(str(error) or repr(error))[:300])


def fetch_status(url: str, *, timeout: float | None = None) -> CheckResult:
    """Ask a web server whether an address works: HEAD, then GET if HEAD fails.

    Never raises for network trouble: the result says what happened.
    """
    timeout = check_timeout() if timeout is None else timeout
    try:
        _precheck(url)
    except OSError as error:
        return CheckResult(ok=False, status=0, error=str(error)[:300])
    result = _fetch_once(url, "HEAD", timeout)
    if result.ok or result.status in (0, *REDIRECT_CODES):
        return result
    # Some servers answer HEAD badly (405, 403, 404…): ask once more with GET.
    return _fetch_once(url, "GET", timeout)


def link_check(*, link: Link, now: datetime | None = None) -> Link:
    """Check one link and record the answer; tell its editors when it breaks."""
    now = now or timezone.now()
    result = fetch_status(link.url)
    newly_broken = not result.ok and link.broken_since is None
    link.last_checked_at = now
    link.last_status = result.status
    if result.ok:
        link.check_error = ""
        link.broken_since = None
    else:
        link.check_error = (result.error or f"HTTP {result.status}")[:300]
        if newly_broken:
            link.broken_since = now
    link.save(
        update_fields=["last_checked_at", "last_status", "check_error", "broken_since"]
    )
    if newly_broken:
        # Once per breakage: the next failures find broken_since already set.
        transaction.on_commit(lambda: link_notify_broken(link=link))
    return link


def link_recipients(link: Link) -> list[str]:
    """E-mail addresses of who added the link and of its organisation's editors."""
    emails: list[str] = []
    if link.created_by_id:
        creator = User.objects.filter(pk=link.created_by_id, is_active=True).first()
        if creator and creator.email:
            emails.append(creator.email)
    if link.organisation_id:
        emails += list(
            User.objects.filter(
                is_active=True,
                memberships__organisation_id=link.organisation_id,
                memberships__role=Membership.Role.EDITOR,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    return list(dict.fromkeys(emails))


def link_notify_broken(*, link: Link) -> int:
    """E-mail the link's editors that it stopped working; return messages sent."""
    recipients = link_recipients(link)
    if not recipients:
        return 0
    subject = _("A link in the Convivio library is broken: %s") % link.title[:80]
    body = _(
        "The link “%(title)s” (%(url)s) stopped working: %(error)s.\n\n"
        "Please correct its address or remove it. The broken links you can fix "
        "are listed on the page %(page)s of Convivio."
    ) % {
        "title": link.title,
        "url": link.url,
        "error": link.check_error or _("no answer"),
        "page": reverse("library:broken_links"),
    }
    # One message per person: recipients do not see each other's addresses.
    messages = [
        EmailMessage(subject=subject, body=body, to=[address]) for address in recipients
    ]
    try:
        return mailers.default.send_messages(messages) or 0
    except OSError:
        logger.exception("Could not send the broken-link e-mail of link %s", link.pk)
        return 0


def links_check(*, links: QuerySet[Link] | None = None) -> dict[str, int]:
    """Check links (all by default), least recently checked first.

    The checks stop after CONVIVIO_TASK_TIME_LIMIT seconds (``left`` counts the
    links not reached: being the least recently checked, they come first next
    time).  Each check reads only the answer's status, so memory stays small."""
    queryset = links if links is not None else Link.objects.all()
    summary = {"checked": 0, "ok": 0, "broken": 0, "newly_broken": 0, "left": 0}
    ordered = queryset.order_by(F("last_checked_at").asc(nulls_first=True), "id")
    limit = float(settings.CONVIVIO_TASK_TIME_LIMIT or 0)
    started = time.monotonic()
    for link in ordered.iterator():
        if limit and time.monotonic() - started >= limit:
            summary["left"] = queryset.count() - summary["checked"]
            logger.warning(
                "Link checks stopped after %s s (CONVIVIO_TASK_TIME_LIMIT); "
                "%s links left for the next run",
                limit,
                summary["left"],
            )
            break
        was_broken = link.broken_since is not None
        with transaction.atomic():
            link_check(link=link)
        summary["checked"] += 1
        if link.broken_since is None:
            summary["ok"] += 1
        else:
            summary["broken"] += 1
            summary["newly_broken"] += not was_broken
    return summary

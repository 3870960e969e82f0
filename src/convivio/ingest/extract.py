"""Text out of an uploaded file: .txt, .md, .html, .pdf, .docx, and page images
(.png, .jpg, .tif) and scanned PDF pages through OCR (ocr.py).

`extract()` returns the document's text as lines, normalised once (newlines unified,
trailing spaces, control characters and words broken at a line end removed) and never
otherwise re-flowed: the parsers read the lines, and every span they keep points into
this normalised text, which is what the library stores.  Pages (of a PDF, or Word's
explicit page breaks) are separated by a form feed on a line of its own (PAGE_BREAK).

PDFs are read from their pages' geometry (pypdfium2): lines rebuilt from where the
text sits, two-column pages column by column, ruled tables as rows of tab-separated
cells (pdfplumber's table geometry), running headers, footers and page numbers
dropped; pages without a text layer are read by OCR (ocr.py).

Every refusal is an `ExtractionError` whose message is a sentence for the person who
uploaded the file.  Nothing here writes to the database.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import os
import re
import time
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convivio.core.numbers import megabytes, readable_number

logger = logging.getLogger(__name__)

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}

#: ``progress(step, page, pages)``: told as a long document's pages are read
#: (step "pages", every PROGRESS_EVERY pages) and before each page OCR reads
#: (step "ocr").
Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 25

#: A .docx is a zip: refused when it holds more members than this …
DOCX_MAX_MEMBERS = 1_000
#: … or declares more uncompressed bytes than this in all …
DOCX_MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: … or a member that expands more than this many times (and beyond 1 MB).
DOCX_MAX_RATIO = 200
#: A PDF whose text layer has fewer letters than this per page needs OCR.
PDF_MIN_LETTERS_PER_PAGE = 20


class ExtractionError(Exception):
    """The file cannot be read; the message says why, in a sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Extracted:
    text: str
    #: "txt", "md", "html", "pdf", "docx" or "image".
    format: str
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)
    #: Where the text was cut (CONVIVIO_INGEST_MAX_TEXT_CHARS), if it was.
    cut_at: int | None = None
    #: The reader stopped at the limit, before the end of the file.
    stopped: bool = False
    #: Pages (or images) whose text was read by OCR.
    ocr_pages: int = 0


def file_format(filename: str) -> str:
    """The format of `filename` from its extension, or ExtractionError."""
    suffix = Path(filename or "").suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        known = ", ".join(sorted({s for s in FORMATS if len(s) <= 5}))
        raise ExtractionError(
            _(
                "“%(name)s” is not a format Convivio can read (%(suffix)s); "
                "upload one of %(known)s."
            )
            % {"name": filename, "suffix": suffix or _("no extension"), "known": known}
        ) from None


def max_upload_bytes(max_bytes: int | None = None) -> int:
    return max_bytes if max_bytes is not None else settings.CONVIVIO_UPLOAD_MAX_BYTES


def check_size(size: int, filename: str, *, max_bytes: int | None = None) -> None:
    """Refuse an empty file or one above the limit, before anything reads it."""
    limit = max_upload_bytes(max_bytes)
    if size == 0:
        raise ExtractionError(_("“%(name)s” is empty.") % {"name": filename})
    if size > limit:
        raise ExtractionError(
            _(
                "“%(name)s” is %(size)s MB; files above %(limit)s MB are refused "
                "(CONVIVIO_UPLOAD_MAX_BYTES)."
            )
            % {
                "name": filename,
                "size": megabytes(size),
                "limit": megabytes(limit, decimals=3),
            }
        )


def read_file(path: str | os.PathLike, *, max_bytes: int | None = None) -> bytes:
    """The bytes of a file on disk, its size checked before it is read."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ExtractionError(
            _("“%(name)s” cannot be opened: %(error)s")
            % {"name": path.name, "error": error.strerror or error}
        ) from None
    check_size(size, path.name, max_bytes=max_bytes)
    with path.open("rb") as handle:
        # Never more than the limit, even if the file grew meanwhile.
        data = handle.read(max_upload_bytes(max_bytes) + 1)
    check_size(len(data), path.name, max_bytes=max_bytes)
    return data


def max_text_chars(limit: int | None = None) -> int:
    return limit if limit is not None else int(settings.CONVIVIO_INGEST_MAX_TEXT_CHARS)


def extract(
    data: bytes,
    filename: str,
    *,
    max_bytes: int | None = None,
    max_chars: int | None = None,
    language: str | None = None,
    progress: Progress | None = None,
) -> Extracted:
    """The normalised text of `data`, read as the format its `filename` says.

    Scanned pages and images are read by OCR in ``language`` (ISO 639-1) when it
    is known, else in the platform's usual languages; ``progress`` is told how
    far the reading is (see Progress).  PDF pages are separated by a form feed
    on a line of its own (PAGE_BREAK).

    The text is cut at ``max_chars`` (CONVIVIO_INGEST_MAX_TEXT_CHARS) characters,
    at the end of a line, with a warning saying so; HTML and Word documents stop
    being read there, so that a small file that expands to a huge text costs no
    more than the limit."""
    fmt = file_format(filename)
    check_size(len(data), filename, max_bytes=max_bytes)
    limit = max_text_chars(max_chars)
    if fmt == "pdf":
        result = _extract_pdf(
            data, filename, limit, language=language, progress=progress
        )
    elif fmt == "image":
        result = _extract_image(
            data, filename, limit, language=language, progress=progress
        )
    else:
        reader = {
            "txt": _extract_plain,
            "md": _extract_plain,
            "html": _extract_html,
            "docx": _extract_docx,
        }[fmt]
        result = reader(data, filename, limit)
    result.format = fmt
    # Cut before normalising (which only ever shortens), then at a line's end.
    result.text = normalise(result.text[: limit + 1])
    if len(result.text) > limit or result.stopped:
        cut = len(result.text)
        if cut > limit:
            cut = result.text.rfind("\n", 0, limit) + 1 or limit
            result.text = result.text[:cut]
        result.cut_at = cut
        result.warnings.append(
            _(
                "The text was cut at %(count)s characters "
                "(CONVIVIO_INGEST_MAX_TEXT_CHARS): what follows was not read."
            )
            % {"count": readable_number(cut)}
        )
    if not result.text.strip():
        raise ExtractionError(
            _("“%(name)s” holds no text once read.") % {"name": filename}
        )
    return result


def precheck(data: bytes, filename: str, *, max_bytes: int | None = None) -> None:
    """The quick refusals, before a file is kept: a format we do not read, an
    empty or oversized file, a .pdf or .docx that is not one, a zip bomb.  Slower
    problems (no text layer, a password) are found when the text is extracted."""
    fmt = file_format(filename)
    check_size(len(data), filename, max_bytes=max_bytes)
    if fmt == "pdf" and b"%PDF-" not in data[:1024]:
        raise ExtractionError(
            _("“%(name)s” is called .pdf but is not a PDF file.") % {"name": filename}
        )
    if fmt == "docx":
        _check_zip(data, filename)


# --- Normalisation --------------------------------------------------------------------

#: Control characters other than tab and newline, and invisible marks that only
#: get in the way (zero-width space, BOM, soft hyphen, word joiner).
_JUNK = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u2060\ufeff\u00ad\ufffe\uffff]"
)
_NEWLINES = re.compile("\r\n|[\r\x0b\x1c-\x1e\x85\u2028\u2029]")
#: A form feed (a page break) with the line ends around it: one line of its own.
_PAGE_BREAKS = re.compile("[ \t\n]*\x0c(?:[ \t\n]*\x0c)*\n*")
_TRAILING = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
#: A word cut by a hyphen (ASCII or U+2010, which typesetters' hyphenation
#: writes) at the end of a line, going on in lower case.
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])[-\u2010]\n(?=[^\W\d_])")


def normalise(text: str) -> str:
    """Unify newlines, drop control characters and trailing spaces, join words
    broken by a hyphen at a line end (when the next line goes on in lower case).
    A form feed (a page break) is kept, on a line of its own.  Lines are
    otherwise kept as they are."""
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    if "\x0c" in text:
        text = _PAGE_BREAKS.sub(
            lambda m: "\n" + "\x0c\n" * m.group().count("\x0c"), text
        )
    # A soft hyphen at a line end is a broken word too.
    text = text.replace("\u00ad\n", "")
    text = _JUNK.sub("", text)
    text = _TRAILING.sub("", text)
    text = _BROKEN_WORD.sub(_join_broken, text)
    return text.strip("\n\x0c") + "\n" if text.strip() else ""


def _join_broken(match: re.Match) -> str:
    following = match.string[match.end() : match.end() + 1]
    preceding = match.string[match.start() - 1 : match.start()]
    if following.islower() and preceding.islower():
        return ""
    return match.group(0)


# --- Plain text -----------------------------------------------------------------------


def decode(data: bytes, filename: str) -> tuple[str, list[str]]:
    """Text of `data`: UTF-8 (with or without BOM), UTF-16 with a BOM, or what
    charset-normalizer is sure of; refused when it cannot tell."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise ExtractionError(
            _(
                "“%(name)s” is in a character encoding Convivio cannot recognise; "
                "save it as UTF-8 and upload it again."
            )
            % {"name": filename}
        )
    text = str(best)
    if _unprintable_share(text) > 0.05:
        raise ExtractionError(
            _("“%(name)s” does not look like a text file.") % {"name": filename}
        )
    return text, [
        _("The text was read as %(encoding)s, not UTF-8: check its accents.")
        % {"encoding": best.encoding}
    ]


def _unprintable_share(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    bad = sum(
        1
        for c in sample
        if unicodedata.category(c) in {"Cc", "Co", "Cn", "Cs"} and c not in "\n\r\t\f"
    )
    return bad / len(sample)


def _looks_binary(data: bytes) -> bool:
    """Many NUL bytes (a stray one is only removed) and no UTF-16 BOM."""
    head = data[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    return head.count(b"\x00") > max(2, len(head) // 100)


def _extract_plain(data: bytes, filename: str, limit: int | None = None) -> Extracted:
    if _looks_binary(data):
        raise ExtractionError(
            _("“%(name)s” is a binary file, not text.") % {"name": filename}
        )
    text, warnings = decode(data, filename)
    return Extracted(text=text, format="txt", warnings=warnings)


# --- HTML -----------------------------------------------------------------------------

_DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "canvas",
    "head",
    "form",
    "button",
    "select",
    "textarea",
)
_BLOCK_TAGS = (
    "address",
    "article",
    "aside",
    "blockquote",
    "caption",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
)
#: Line break marker while whitespace is collapsed (restored to "\n" after).
_BREAK = "\ue000"


#: Elements without an end tag: never pushed on the stack of open elements.
_VOID_TAGS = frozenset(
    (
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    )
)
#: Open elements followed beyond this depth are only counted: a page nested deeper
#: than any real one costs no more than a flat one.
HTML_MAX_DEPTH = 512
#: … except lists, table rows and preformatted text, followed twice as deep, so
#: that what they hold keeps its numbers, cells and lines.
_STRUCTURE_TAGS = frozenset(("ol", "ul", "tr", "pre"))


class _HTMLText:
    """The visible text of an HTML page, read in one pass over the parser's events
    (never a tree): the work is linear in the size of the page whatever its
    nesting, and stops once ``limit`` characters of text are collected."""

    def __init__(self, limit: int) -> None:
        from html.parser import HTMLParser

        self.limit = limit
        self.parts: list[str] = []
        self.size = 0
        self.truncated = False
        #: Open elements as [tag, cells seen (tr), items seen (ol/ul)].
        self.stack: list[list] = []
        #: How many of each tag are open (so an unmatched end tag costs O(1)) …
        self.open: dict[str, int] = {}
        #: … and how many were not pushed, being beyond HTML_MAX_DEPTH.
        self.overflow: dict[str, int] = {}
        self.dropped = 0
        self.pre = 0
        #: Elements handled (start and end tags), for the record and the tests.
        self.events = 0
        reader = self

        class Parser(HTMLParser):
            def handle_starttag(self, tag, attrs):
                reader.start(tag, attrs)

            def handle_startendtag(self, tag, attrs):
                reader.start(tag, attrs)
                if tag not in _VOID_TAGS:
                    reader.end(tag)

            def handle_endtag(self, tag):
                reader.end(tag)

            def handle_data(self, data):
                reader.data(data)

        self.parser = Parser(convert_charrefs=True)

    def feed(self, text: str, chunk: int = 1 << 16) -> None:
        for offset in range(0, len(text), chunk):
            if self.truncated:
                return
            self.parser.feed(text[offset : offset + chunk])
        self.parser.close()

    def emit(self, text: str) -> None:
        if self.truncated or self.dropped:
            return
        self.parts.append(text)
        self.size += len(text)
        if self.size > self.limit:
            self.truncated = True

    def start(self, tag: str, attrs) -> None:
        self.events += 1
        if tag in _DROPPED_TAGS:
            if tag not in _VOID_TAGS:
                self._push(tag, dropped=True)
            return
        if tag == "br":
            self.emit(_BREAK)
            return
        if tag in _BLOCK_TAGS:
            self.emit(_BREAK)
        if tag in ("td", "th"):
            row = self._nearest(("tr",))
            if row is not None:
                if row[1]:
                    self.emit(" | ")
                row[1] += 1
        elif tag == "li":
            self._item()
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS:
                self.emit(_BREAK)
            return
        entry = self._push(tag, attrs=attrs)
        if entry is not None and tag == "pre":
            self.pre += 1

    def _push(self, tag: str, *, dropped: bool = False, attrs=()) -> list | None:
        depth = len(self.stack)
        if depth >= HTML_MAX_DEPTH and (
            tag not in _STRUCTURE_TAGS or depth >= 2 * HTML_MAX_DEPTH
        ):
            self.overflow[tag] = self.overflow.get(tag, 0) + 1
            if dropped:
                self.dropped += 1
            return None
        start = 1
        if tag == "ol":
            try:
                start = int(dict(attrs).get("start") or 1)
            except (TypeError, ValueError):
                start = 1
        entry = [tag, 0, start - 1, dropped]
        self.stack.append(entry)
        self.open[tag] = self.open.get(tag, 0) + 1
        if dropped:
            self.dropped += 1
        return entry

    def _nearest(self, tags: tuple[str, ...]) -> list | None:
        # Only the closest few levels are looked at: a cell or an item belongs
        # to a row or a list close above it.
        for entry in reversed(self.stack[-32:]):
            if entry[0] in tags:
                return entry
        return None

    def _item(self) -> None:
        listing = self._nearest(("ol", "ul"))
        if listing is not None and listing[0] == "ol":
            listing[2] += 1
            self.emit(f"{listing[2]}. ")
        else:
            self.emit("- ")

    def end(self, tag: str) -> None:
        self.events += 1
        if self.overflow.get(tag):
            # The end of an element that was only counted.
            self.overflow[tag] -= 1
            if tag in _DROPPED_TAGS:
                self.dropped -= 1
            elif tag in _BLOCK_TAGS:
                self.emit(_BREAK)
            return
        if not self.open.get(tag):
            # An end tag without its start is ignored, as browsers do.
            return
        while self.stack:
            entry = self.stack.pop()
            self.open[entry[0]] -= 1
            if entry[3]:
                self.dropped -= 1
            elif entry[0] == "pre":
                self.pre -= 1
            if entry[0] in _BLOCK_TAGS and not entry[3]:
                self.emit(_BREAK)
            if entry[0] == tag:
                return

    def data(self, data: str) -> None:
        if self.dropped:
            return
        self.emit(data.replace("\n", _BREAK) if self.pre else data)


def _extract_html(data: bytes, filename: str, limit: int | None = None) -> Extracted:
    """Visible text of an HTML page: scripts, styles and comments dropped, nothing
    executed, headings, paragraphs, list items and table rows as lines."""
    if _looks_binary(data):
        raise ExtractionError(
            _("“%(name)s” is a binary file, not a web page.") % {"name": filename}
        )
    text, warnings = decode(data, filename)
    text = text.replace(_BREAK, " ")
    reader = _HTMLText(max_text_chars(limit))
    reader.feed(text)
    flat = re.sub(r"\s+", " ", "".join(reader.parts))
    lines = [line.strip() for line in flat.split(_BREAK)]
    # Headings and paragraphs as separate lines, with blank lines between blocks
    # kept out: the parsers read one line per block.
    text = "\n".join(line for line in lines if line)
    return Extracted(
        text=text, format="html", warnings=warnings, stopped=reader.truncated
    )


# --- PDF ------------------------------------------------------------------------------

#: Pages are separated by a form feed on a line of its own ("\n\f\n"): the layout
#: reader counts pages by it, and everything else reads it as a blank line.
PAGE_BREAK = "\n\f\n"
#: Running headers and footers live in the top and bottom bands of a page …
PDF_BAND = 0.12
#: … at the same height on every page (points of tolerance) …
PDF_BAND_TOLERANCE = 8.0
#: … and repeat (digits ignored) on at least this share of the pages.
PDF_REPEAT_SHARE = 0.4
#: What pdfium puts for a hyphen it made at a line's end.
_PDFIUM_HYPHEN = "\x02"


@dataclass
class _PdfLine:
    """A line of a page: its text and where it sits (points, from the top)."""

    text: str
    top: float
    bottom: float
    x0: float = 0.0
    #: A blank line goes before it (a new paragraph, a table's start).
    gap_before: bool = False
    #: A row of a rebuilt table (never taken for a running header).
    table: bool = False


@dataclass
class _PdfPage:
    height: float
    lines: list[_PdfLine]
    #: Letters in the page's text layer, and whether it draws anything at all.
    letters: int = 0
    marks: bool = False


def _pdf_error(filename: str) -> ExtractionError:
    return ExtractionError(
        _("“%(name)s” is a damaged PDF file that cannot be read.") % {"name": filename}
    )


def _extract_pdf(
    data: bytes,
    filename: str,
    limit: int | None = None,
    *,
    language: str | None = None,
    progress: Progress | None = None,
) -> Extracted:
    """The text of a PDF from its pages' geometry (pypdfium2): lines rebuilt from
    the positions of the text, in reading order; ruled tables rebuilt by
    pdfplumber's table finder (a row per line, cells joined with tabs); running
    headers and footers dropped; pages separated by PAGE_BREAK.  Pages without a
    text layer (scans) are read by OCR (ocr.py), a page at a time."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]
    import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

    if b"%PDF-" not in data[:1024]:
        raise ExtractionError(
            _("“%(name)s” is called .pdf but is not a PDF file.") % {"name": filename}
        )
    limit = max_text_chars(limit)
    warnings: list[str] = []
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ExtractionError(
                _("“%(name)s” is protected by a password; upload a copy without one.")
                % {"name": filename}
            ) from None
        logger.info("PDF %s unreadable: %r", filename, error)
        raise _pdf_error(filename) from None
    try:
        if pdfium_c.FPDF_GetSecurityHandlerRevision(document.raw) != -1:
            # An owner password alone (printing, copying restrictions) still lets
            # anyone read the text; a user password does not open at all.
            warnings.append(_("The PDF is encrypted without a password to open it."))
        count = len(document)
        if count == 0:
            raise _pdf_error(filename)
        pages: list[_PdfPage] = []
        size = 0
        stopped = False
        for index in range(count):
            if progress is not None and index and index % PROGRESS_EVERY == 0:
                progress("pages", index + 1, count)
            page = document[index]
            try:
                read = _pdf_page(page)
            finally:
                page.close()
            pages.append(read)
            size += sum(len(line.text) + 1 for line in read.lines)
            if size > limit:
                stopped = True
                break
        ocr_pages = 0
        scans = [
            index
            for index, page in enumerate(pages)
            if page.letters < PDF_MIN_LETTERS_PER_PAGE and page.marks
        ]
        if scans:
            ocr_pages = _pdf_ocr(
                document, pages, scans, filename, language, progress, warnings
            )
    except (ExtractionError, MemoryError):
        raise
    except Exception as error:  # noqa: BLE001 - any damage in a hostile file
        logger.info("PDF %s unreadable: %r", filename, error)
        raise _pdf_error(filename) from None
    finally:
        document.close()
    _drop_running_lines(pages)
    text = PAGE_BREAK.join(_page_text(page) for page in pages)
    if sum(1 for c in text if c.isalpha()) < 20:
        raise ExtractionError(
            _(
                "“%(name)s” has no text layer (it is made of images, such as a "
                "scan), and text recognition (OCR) found no text in it."
            )
            % {"name": filename}
        )
    return Extracted(
        text=text,
        format="pdf",
        pages=count,
        warnings=warnings,
        stopped=stopped,
        ocr_pages=ocr_pages,
    )


#: Tolerances of the table finder (points), pdfplumber's defaults: rules this
#: close are one rule, and meet when they come this close.
TABLE_SNAP = 3.0
#: A path with more segments than this is a drawing (a chart, a map), not rules.
TABLE_MAX_SEGMENTS = 400


def _page_rules(page, height: float) -> list[dict]:
    """The horizontal and vertical rules a page draws (straight path segments,
    the sides of rectangles among them), as pdfplumber's edges (points, from
    the top), read from pdfium's path objects without parsing the page again."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    edges: list[dict] = []
    x, y = ctypes.c_float(), ctypes.c_float()

    def edge(start, end) -> None:
        (x0, y0), (x1, y1) = start, end
        if abs(y0 - y1) < 1 and abs(x1 - x0) >= TABLE_SNAP:
            top = height - (y0 + y1) / 2
            left, right = min(x0, x1), max(x0, x1)
            edges.append(
                {
                    "x0": left,
                    "x1": right,
                    "top": top,
                    "bottom": top,
                    "doctop": top,
                    "width": right - left,
                    "height": 0.0,
                    "orientation": "h",
                }
            )
        elif abs(x0 - x1) < 1 and abs(y1 - y0) >= TABLE_SNAP:
            middle = (x0 + x1) / 2
            top, bottom = height - max(y0, y1), height - min(y0, y1)
            edges.append(
                {
                    "x0": middle,
                    "x1": middle,
                    "top": top,
                    "bottom": bottom,
                    "doctop": top,
                    "width": 0.0,
                    "height": bottom - top,
                    "orientation": "v",
                }
            )

    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=1):
        count = pdfium_c.FPDFPath_CountSegments(obj.raw)
        if count <= 1 or count > TABLE_MAX_SEGMENTS:
            continue
        matrix = obj.get_matrix()
        start = previous = None
        for index in range(count):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, index)
            if not segment or not pdfium_c.FPDFPathSegment_GetPoint(
                segment, ctypes.byref(x), ctypes.byref(y)
            ):
                continue
            point = matrix.on_point(x.value, y.value)
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = point
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
                edge(previous, point)
            previous = point
            if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
                edge(point, start)
                previous = start
    return edges


def _ruled_tables(page, textpage, height: float) -> list[tuple[tuple, list]]:
    """(bbox, [(row's top, its cells' texts)]) of each table ruled on the page:
    pdfplumber's table geometry (rules snapped and joined, their crossings,
    the cells they close, cells grouped into tables) over pdfium's rules, and
    each cell's text from pdfium."""
    from pdfplumber.table import (
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    edges = _page_rules(page, height)
    if len(edges) < 4:
        return []
    edges = merge_edges(edges, TABLE_SNAP, TABLE_SNAP, TABLE_SNAP, TABLE_SNAP)
    edges = [
        e
        for e in edges
        if (e["width"] if e["orientation"] == "h" else e["height"]) >= TABLE_SNAP
    ]
    cells = intersections_to_cells(
        edges_to_intersections(edges, TABLE_SNAP, TABLE_SNAP)
    )
    found = []
    for table in cells_to_tables(cells):
        rows: dict[float, list[tuple[float, str]]] = {}
        for x0, top, x1, bottom in table:
            text = textpage.get_text_bounded(x0, height - bottom, x1, height - top)
            text = text.replace("\r", "").replace(_PDFIUM_HYPHEN + "\n", "-\n")
            text = " ".join(_BROKEN_WORD.sub(_join_broken, text).split())
            rows.setdefault(round(top), []).append((x0, text))
        if len(rows) < 2 or max(len(cells) for cells in rows.values()) < 2:
            continue
        bbox = (
            min(c[0] for c in table),
            min(c[1] for c in table),
            max(c[2] for c in table),
            max(c[3] for c in table),
        )
        found.append(
            (
                bbox,
                [
                    (top, [text for _x, text in sorted(cells)])
                    for top, cells in sorted(rows.items())
                ],
            )
        )
    return found


def _pdf_page(page) -> _PdfPage:
    """The lines of one page's text layer, and what OCR needs to know of it."""

    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        segments: list[tuple[float, float, float, float, str]] = []
        for rect in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(rect)
            text = textpage.get_text_bounded(left, bottom, right, top)
            if text.strip():
                if _LETTER_SPACED.match(text):
                    text = _spaced_words(textpage, left, bottom, right, top) or text
                segments.append((height - top, height - bottom, left, right, text))
        letters = sum(1 for _s in segments for c in _s[4] if c.isalpha())
        marks = (
            _drawn(page, height * width)
            if letters < PDF_MIN_LETTERS_PER_PAGE
            else False
        )
        found = _ruled_tables(page, textpage, height) if segments else []
    finally:
        textpage.close()
    lines = _segments_to_lines(segments, [bbox for bbox, _rows in found])
    for (x0, _top, _x1, bottom), rows in found:
        for number, (top, cells) in enumerate(rows):
            if any(cells):
                lines.append(
                    _PdfLine(
                        "\t".join(cells),
                        top,
                        top,
                        x0,
                        gap_before=not number,
                        table=True,
                    )
                )
        # The line after a table starts a new block.
        lines.append(_PdfLine("", bottom, bottom, x0, table=True))
    if found:
        # A table's rows go before the first line below the table's top.
        rows = sorted((line for line in lines if line.table), key=lambda x: x.top)
        text = [line for line in lines if not line.table]
        lines = []
        for line in text:
            while rows and rows[0].top <= line.top:
                lines.append(rows.pop(0))
            lines.append(line)
        lines.extend(rows)
    return _PdfPage(height=height, lines=lines, letters=letters, marks=marks)


#: A page is scanned when images cover this share of it …
PDF_SCAN_IMAGE_SHARE = 0.25
#: … or it draws this many paths (text turned into outlines).
PDF_SCAN_PATHS = 100


def _drawn(page, area: float) -> bool:
    """Whether a page without a text layer shows something OCR may read: images
    over a good part of it (a scan), or many paths (text drawn as outlines)."""
    import pypdfium2.raw as pdfium_c

    covered = 0.0
    paths = 0
    for obj in page.get_objects(max_depth=2):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            left, bottom, right, top = obj.get_bounds()
            covered += max(right - left, 0) * max(top - bottom, 0)
            if covered >= PDF_SCAN_IMAGE_SHARE * area:
                return True
        elif obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
            if paths >= PDF_SCAN_PATHS:
                return True
    return False


#: A title set with its letters spaced out ("P I A N O   L O C A L E").
_LETTER_SPACED = re.compile(r"^\s*(?:\S ){4,}\S")


def _spaced_words(textpage, left, bottom, right, top) -> str | None:
    """A letter-spaced segment with its word breaks: pdfium gives one space
    between every two letters, so the breaks come from the glyphs' positions
    (a gap well above the usual gap between letters) and are written as three
    spaces, as such titles are typed."""
    glyphs = []
    for index in range(textpage.count_chars()):
        x0, y0, x1, y1 = textpage.get_charbox(index)
        if left - 1 <= x0 and x1 <= right + 1 and bottom - 1 <= y0 and y1 <= top + 1:
            char = textpage.get_text_range(index, 1)
            if char.strip():
                glyphs.append((x0, x1, char))
    if len(glyphs) < 5:
        return None
    glyphs.sort()
    gaps = sorted(b[0] - a[1] for a, b in itertools.pairwise(glyphs))
    usual = gaps[len(gaps) // 2]
    out = [glyphs[0][2]]
    for before, glyph in itertools.pairwise(glyphs):
        out.append("   " if glyph[0] - before[1] > 2 * max(usual, 0.5) else " ")
        out.append(glyph[2])
    return "".join(out)


def _inside(segment, boxes) -> bool:
    top, bottom, left, right = segment[:4]
    middle_y, middle_x = (top + bottom) / 2, (left + right) / 2
    return any(
        x0 - 1 <= middle_x <= x1 + 1 and y0 - 1 <= middle_y <= y1 + 1
        for x0, y0, x1, y1 in boxes
    )


def _segments_to_lines(segments, tables) -> list[_PdfLine]:
    """Text segments (top, bottom, left, right, text) grouped into lines: those
    whose middles are within a fraction of their height of each other, left to
    right.  A wide gap between two segments of a line (columns of a table drawn
    without rules) is kept as a tab; a narrow one as a space."""
    segments = [s for s in segments if not (tables and _inside(s, tables))]
    segments.sort(key=lambda s: (s[0] + s[1]) / 2)
    groups: list[list] = []
    for segment in segments:
        middle = (segment[0] + segment[1]) / 2
        height = max(segment[1] - segment[0], 1.0)
        if groups:
            last = groups[-1]
            last_middle = (last[0][0] + last[0][1]) / 2
            if abs(middle - last_middle) <= 0.4 * min(
                height, last[0][1] - last[0][0] or 1
            ):
                last.append(segment)
                continue
        groups.append([segment])
    for group in groups:
        group.sort(key=lambda s: s[2])
    lines: list[_PdfLine] = []
    previous_bottom = None
    heights = sorted(max(g[0][1] - g[0][0], 1.0) for g in groups)
    usual = heights[len(heights) // 2] if heights else 10.0
    for group, new_column in _reading_order(groups):
        if new_column:
            previous_bottom = None
        height = max(max(s[1] - s[0] for s in group), 1.0)
        parts: list[str] = []
        right = None
        for _top, _bottom, left, seg_right, text in group:
            text = text.replace("\r", "").replace("\n", " ")
            if parts and right is not None:
                gap = left - right
                if gap > 2.5 * height:
                    parts[-1] = parts[-1].rstrip()
                    parts.append("\t")
                    text = text.lstrip()
                elif gap > 0.1 * height and not parts[-1].endswith(" "):
                    parts.append(" ")
            parts.append(text)
            right = seg_right
        text = "".join(parts).strip()
        if text.endswith(_PDFIUM_HYPHEN):
            text = text[:-1] + "-"
        text = text.replace(_PDFIUM_HYPHEN, "-")
        if text[:1] in _BULLETS and text[1:2] in (" ", "\t"):
            # A list's bullet glyph (of whatever font) reads as "- ".
            text = "- " + text[1:].strip()
        top = min(s[0] for s in group)
        bottom = max(s[1] for s in group)
        gap = new_column or (
            previous_bottom is not None and top - previous_bottom > 0.8 * usual
        )
        lines.append(_PdfLine(text, top, bottom, group[0][2], gap_before=gap))
        previous_bottom = bottom
    return lines


#: Two columns of prose: a gutter crossed by no line, with text on both sides of
#: it on at least this share of the page's lines …
COLUMN_SHARE = 0.3
#: … and that many characters on each side on average (cells of a table drawn
#: without rules are shorter, and are read row by row).
COLUMN_MIN_CHARS = 25


def _gutter_gap(group) -> tuple[float, float] | None:
    """The widest gap between two segments of a line, (from, to), if wide."""
    height = max(max(s[1] - s[0] for s in group), 1.0)
    best = None
    for before, after in itertools.pairwise(group):
        gap = after[2] - before[3]
        if gap > 2.5 * height and (best is None or gap > best[1] - best[0]):
            best = (before[3], after[2])
    return best


def _reading_order(groups: list[list]) -> list[tuple[list, bool]]:
    """Line groups (each sorted left to right) in reading order, with whether a
    group starts a new column.  A page set in two columns (a vertical gutter
    that no line crosses, prose on both sides) is read column by column, each
    run of lines between two lines spanning the page (a title across both
    columns) on its own; any other page top to bottom."""
    gaps = [gap for group in groups if (gap := _gutter_gap(group))]
    if len(gaps) < max(3, COLUMN_SHARE * len(groups)):
        return [(group, False) for group in groups]
    middles = sorted((start + end) / 2 for start, end in gaps)
    gutter = middles[len(middles) // 2]
    split = [g for g in gaps if g[0] < gutter < g[1]]
    if len(split) < max(3, COLUMN_SHARE * len(groups)):
        return [(group, False) for group in groups]
    left_chars = right_chars = 0
    for group in groups:
        for segment in group:
            if segment[3] <= gutter:
                left_chars += len(segment[4])
            elif segment[2] >= gutter:
                right_chars += len(segment[4])
    if min(left_chars, right_chars) < COLUMN_MIN_CHARS * len(split):
        return [(group, False) for group in groups]
    ordered: list[tuple[list, bool]] = []
    left: list[list] = []
    right: list[list] = []

    def flush() -> None:
        ordered.extend((group, False) for group in left)
        ordered.extend((group, i == 0) for i, group in enumerate(right))
        left.clear()
        right.clear()

    for group in groups:
        if any(s[2] < gutter < s[3] for s in group):
            # A line across the gutter (a title over both columns).
            flush()
            ordered.append((group, False))
            continue
        west = [s for s in group if s[3] <= gutter]
        east = [s for s in group if s[2] >= gutter]
        if west:
            left.append(west)
        if east:
            right.append(east)
    flush()
    return ordered


def _pdf_ocr(document, pages, scans, filename, language, progress, warnings) -> int:
    """Read the pages in ``scans`` (indexes of pages without a text layer) by
    OCR, a page image at a time, up to CONVIVIO_OCR_MAX_PAGES of them and
    within the task's time; how many were read."""
    from . import ocr

    if ocr.binary() is None:
        if all(not page.letters for page in pages):
            raise ExtractionError(
                _(
                    "“%(name)s” has no text layer (it is made of images, such as a "
                    "scan) and needs OCR before Convivio can read it."
                )
                % {"name": filename}
                + " "
                + ocr.unavailable_message()
            )
        warnings.append(
            ngettext(
                "%(count)d page is an image without text (a scan) and was not read.",
                "%(count)d pages are images without text (scans) and were not read.",
                len(scans),
            )
            % {"count": len(scans)}
            + " "
            + ocr.unavailable_message()
        )
        return 0
    most = int(settings.CONVIVIO_OCR_MAX_PAGES)
    if len(scans) > most:
        warnings.append(
            _(
                "Only the first %(most)s of the %(count)s scanned pages were read by "
                "OCR (CONVIVIO_OCR_MAX_PAGES)."
            )
            % {"most": most, "count": len(scans)}
        )
        scans = scans[:most]
    deadline = ocr.deadline()
    read_pages = 0
    for done, index in enumerate(scans):
        if deadline is not None and time.monotonic() > deadline:
            warnings.append(ocr.out_of_time_message(done, len(scans)))
            break
        if progress is not None:
            progress("ocr", done + 1, len(scans))
        page = document[index]
        try:
            width, height = page.get_size()
            scale = ocr.render_scale(width, height)
            bitmap = page.render(scale=scale, grayscale=True)
            image = bitmap.to_pil()
            try:
                read = ocr.read_image(image, language=language, scale=scale)
            except ocr.OCRUnavailable as error:
                warnings.append(str(error))
                return read_pages
            finally:
                image.close()
                bitmap.close()
        finally:
            page.close()
        pages[index] = _PdfPage(
            height=height, lines=_ocr_lines(read), letters=pages[index].letters
        )
        read_pages += 1
    if read_pages:
        warnings.append(
            ngettext(
                "%(count)d page without a text layer was read by OCR: check its text.",
                "%(count)d pages without a text layer were read by OCR: check their "
                "text.",
                read_pages,
            )
            % {"count": read_pages}
        )
    return read_pages


def _ocr_lines(read) -> list[_PdfLine]:
    """OCR'd lines in Tesseract's order (it finds columns), a blank line
    between its paragraphs."""
    lines: list[_PdfLine] = []
    paragraph = None
    for line in read:
        text = line.text
        if text[:1] in _BULLETS and text[1:2] == " ":
            text = "- " + text[1:].strip()
        lines.append(
            _PdfLine(
                text,
                line.top,
                line.bottom,
                line.x0,
                gap_before=paragraph is not None and line.paragraph != paragraph,
            )
        )
        paragraph = line.paragraph
    return lines


_DIGITS = re.compile(r"\d+")
_ROMAN_ALONE = re.compile(r"^[ivxlcdm]+$")


def _band_key(text: str) -> str:
    """What a running header or footer keeps from page to page: its text, case
    and spacing aside, with numbers (page numbers, dates) as "#"."""
    key = " ".join(text.casefold().split())
    if _ROMAN_ALONE.match(key):
        return "#"
    return _DIGITS.sub("#", key)


def _drop_running_lines(pages: list[_PdfPage]) -> None:
    """Drop running headers and footers (page numbers among them): lines in the
    top or bottom band of their page whose text, numbers aside, comes back at
    the same height on many pages.  A document's own text does not repeat at
    the same place page after page; its page furniture does."""
    with_text = [page for page in pages if page.lines]
    if len(with_text) < 2:
        return
    needed = max(2, math.ceil(PDF_REPEAT_SHARE * len(with_text)))
    seen: dict[tuple[str, str], list[tuple[int, float]]] = {}
    for number, page in enumerate(pages):
        for line in page.lines:
            band = _band(line, page.height)
            if band:
                seen.setdefault((band, _band_key(line.text)), []).append(
                    (number, line.top)
                )
    running: dict[tuple[str, str], float] = {}
    for key, hits in seen.items():
        tops = sorted(top for _number, top in hits)
        middle = tops[len(tops) // 2]
        pages_hit = {n for n, top in hits if abs(top - middle) <= PDF_BAND_TOLERANCE}
        if len(pages_hit) >= needed:
            running[key] = middle
    if not running:
        return
    for page in pages:
        kept = []
        for line in page.lines:
            band = _band(line, page.height)
            usual = running.get((band, _band_key(line.text))) if band else None
            if usual is not None and abs(line.top - usual) <= PDF_BAND_TOLERANCE:
                continue
            kept.append(line)
        page.lines = kept


def _band(line: _PdfLine, height: float) -> str:
    if line.table or height <= 0:
        return ""
    if line.top < PDF_BAND * height:
        return "top"
    if line.bottom > (1 - PDF_BAND) * height:
        return "bottom"
    return ""


def _page_text(page: _PdfPage) -> str:
    out: list[str] = []
    gap = False
    for line in page.lines:
        if not line.text:
            # The end of a table: what follows starts a new block.
            gap = True
            continue
        if out and (gap or line.gap_before):
            out.append("")
        out.append(line.text)
        gap = False
    return "\n".join(out)


#: List bullet glyphs, written "- " (dashes stay as they are: a line can start
#: with one that is not a bullet, as a wrapped "2025 – 2027" does).
_BULLETS = {"•", "◦", "▪", "■", "●", "○", "·", "", "➢", "✓", "▶", "►", "❖"}


# --- Images (OCR) ---------------------------------------------------------------------


def _extract_image(
    data: bytes,
    filename: str,
    limit: int | None = None,
    *,
    language: str | None = None,
    progress: Progress | None = None,
) -> Extracted:
    """The text of a scanned or photographed page (PNG, JPEG, TIFF — each frame
    of a TIFF a page) by OCR, a frame at a time."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    from . import ocr

    not_image = _("“%(name)s” is not an image Convivio can read.") % {"name": filename}
    try:
        image = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ExtractionError(not_image) from None
    if image.width * image.height > ocr.OCR_MAX_PIXELS:
        raise ExtractionError(
            _("“%(name)s” is too large an image to read (%(pixels)s pixels).")
            % {"name": filename, "pixels": readable_number(image.width * image.height)}
        )
    if ocr.binary() is None:
        raise ExtractionError(
            _("“%(name)s” is an image: its text needs OCR.") % {"name": filename}
            + " "
            + ocr.unavailable_message()
        )
    frames = max(1, getattr(image, "n_frames", 1))
    most = min(frames, int(settings.CONVIVIO_OCR_MAX_PAGES))
    warnings: list[str] = []
    if frames > most:
        warnings.append(
            _(
                "Only the first %(most)s of the %(count)s scanned pages were read by "
                "OCR (CONVIVIO_OCR_MAX_PAGES)."
            )
            % {"most": most, "count": frames}
        )
    pages: list[_PdfPage] = []
    try:
        deadline = ocr.deadline()
        for number, frame in enumerate(ImageSequence.Iterator(image)):
            if number >= most:
                break
            if deadline is not None and time.monotonic() > deadline:
                warnings.append(ocr.out_of_time_message(number, most))
                break
            if progress is not None:
                progress("ocr", number + 1, most)
            # Pixels as they are, read as 300 dpi (a scan's usual resolution).
            lines = ocr.read_image(frame, language=language, scale=ocr.OCR_DPI / 72)
            pages.append(
                _PdfPage(
                    height=frame.height * 72 / ocr.OCR_DPI, lines=_ocr_lines(lines)
                )
            )
    except ocr.OCRUnavailable as error:
        raise ExtractionError(str(error)) from None
    except (OSError, ValueError, Image.DecompressionBombError):
        raise ExtractionError(not_image) from None
    finally:
        image.close()
    _drop_running_lines(pages)
    text = PAGE_BREAK.join(_page_text(page) for page in pages)
    if sum(1 for c in text if c.isalpha()) < 20:
        raise ExtractionError(
            _("No text was recognised in “%(name)s”.") % {"name": filename}
        )
    warnings.append(
        ngettext(
            "%(count)d page was read by OCR: check its text.",
            "%(count)d pages were read by OCR: check their text.",
            len(pages),
        )
        % {"count": len(pages)}
    )
    return Extracted(
        text=text,
        format="image",
        pages=len(pages),
        warnings=warnings,
        ocr_pages=len(pages),
    )


# --- DOCX -----------------------------------------------------------------------------


def _check_zip(data: bytes, filename: str) -> None:
    """Refuse a .docx that is no zip, or a zip bomb, before anything unpacks it."""
    not_word = _("“%(name)s” is called .docx but is not a Word document.") % {
        "name": filename
    }
    if not data.startswith(b"PK\x03\x04"):
        raise ExtractionError(not_word)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ExtractionError(not_word) from None
    bomb = _(
        "“%(name)s” expands to far more than a Word document holds (a “zip bomb”) "
        "and was refused."
    ) % {"name": filename}
    if len(members) > DOCX_MAX_MEMBERS:
        raise ExtractionError(bomb)
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > DOCX_MAX_RATIO and member.file_size > 1024 * 1024:
            raise ExtractionError(bomb)
    if total > DOCX_MAX_UNCOMPRESSED:
        raise ExtractionError(bomb)
    if not any(m.filename == "word/document.xml" for m in members):
        raise ExtractionError(not_word)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: The styles and numbering parts are read whole: larger ones are left out (the
#: text is still read, without automatic numbers).
DOCX_MAX_PART_BYTES = 16 * 1024 * 1024
#: What a run's inner elements read as (as python-docx reads them).
_RUN_TEXT = {"tab": "\t", "ptab": "\t", "cr": "\n", "noBreakHyphen": "-"}
#: Elements dropped from memory once read (the others go with their parent).
_DOCX_CLEARED = frozenset(
    "p r t tbl tr tc hyperlink pPr tcPr rPr sdt ins del smartTag fldSimple "
    "drawing pict object".split()
)


def _extract_docx(data: bytes, filename: str, limit: int | None = None) -> Extracted:
    """The paragraphs and tables of a Word document, in order, read as a stream:
    the XML is never held whole in memory, and reading stops once ``limit``
    characters of text are collected."""
    _check_zip(data, filename)
    warnings: list[str] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            numbering = _Numbering.from_archive(archive, warnings)
            with archive.open("word/document.xml") as stream:
                reader = _DocxText(numbering, max_text_chars(limit))
                lines = reader.read(stream)
    except (ExtractionError, MemoryError):
        raise
    except Exception as error:  # noqa: BLE001 - any damage in a hostile file
        logger.info("DOCX %s unreadable: %r", filename, error)
        raise ExtractionError(
            _("“%(name)s” is a damaged Word document that cannot be read.")
            % {"name": filename}
        ) from None
    text = "\n".join(lines)
    return Extracted(
        text=re.sub(r"\n{3,}", "\n\n", text),
        format="docx",
        warnings=warnings,
        stopped=reader.size > reader.limit,
    )


class _DocxText:
    """Lines of word/document.xml from the parser's events: a body paragraph per
    line (with its automatic number), a table row per line (cells joined with
    " | ", a merged cell once).  What python-docx reads, without its tree."""

    def __init__(self, numbering: _Numbering, limit: int) -> None:
        self.numbering = numbering
        self.limit = limit
        self.size = 0
        self.lines: list[str] = []
        self.path: list[str] = []
        #: Depth of the paragraph being read (body or table cell), or -1.
        self.p_depth = -1
        self.pieces: list[str] = []
        self.num_pr: tuple[str | None, int] | None = None
        self.style: str | None = None
        # Tables of the body: the row's cells, the current cell, vertical merges.
        self.row: list[str] | None = None
        self.col = 0
        self.above: dict[int, str] = {}
        self.below: dict[int, str] = {}
        self.cell: list[str] | None = None
        self.span = 1
        self.merge: str | None = None

    def read(self, stream) -> list[str]:
        from lxml import etree

        events = etree.iterparse(
            stream,
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=True,
        )
        for event, element in events:
            tag = element.tag
            local = tag[len(W) :] if isinstance(tag, str) and tag.startswith(W) else ""
            if event == "start":
                self.path.append(local)
                self._start(local)
                continue
            self._end(local, element)
            self.path.pop()
            if local in _DOCX_CLEARED:
                # Nothing read stays in memory: the element and those before it go
                # (the properties inside pPr and tcPr stay until these are read).
                element.clear(keep_tail=False)
                parent = element.getparent()
                if parent is not None:
                    while element.getprevious() is not None:
                        del parent[0]
            if self.size > self.limit:
                break
        return self.lines

    def _where(self) -> str:
        """ "body" or "cell" for a paragraph opening here, else ""."""
        path = self.path
        if len(path) == 3 and path[1] == "body":
            return "body"
        if len(path) == 6 and path[1:5] == ["body", "tbl", "tr", "tc"]:
            return "cell"
        return ""

    def _start(self, local: str) -> None:
        path = self.path
        if local == "p" and self.p_depth < 0 and self._where():
            self.p_depth = len(path) - 1
            self.pieces = []
            self.num_pr = None
            self.style = None
        elif local == "tbl" and len(path) == 3 and path[1] == "body":
            self.above, self.below = {}, {}
        elif local == "tr" and len(path) == 4 and path[1:3] == ["body", "tbl"]:
            self.row, self.col = [], 0
            self.above, self.below = self.below, {}
        elif local == "tc" and len(path) == 5 and path[1:4] == ["body", "tbl", "tr"]:
            self.cell, self.span, self.merge = [], 1, None

    def _in_run(self) -> bool:
        """A run's child of the paragraph being read (directly, or in a link)."""
        depth = self.p_depth
        if depth < 0:
            return False
        path = self.path
        if len(path) == depth + 3:
            return path[depth + 1] == "r"
        if len(path) == depth + 4:
            return path[depth + 1] == "hyperlink" and path[depth + 2] == "r"
        return False

    def _end(self, local: str, element) -> None:
        path, depth = self.path, self.p_depth
        if local == "t" and self._in_run():
            self._piece(element.text or "")
        elif local == "br" and self._in_run():
            kind = element.get(f"{W}type", "textWrapping")
            if kind == "textWrapping":
                self._piece("\n")
            elif kind == "page" and len(self.path) <= self.p_depth + 4:
                # An explicit page break: a form feed, as between PDF pages
                # (normalise puts it on a line of its own).
                self._piece("\f")
        elif local in _RUN_TEXT and self._in_run():
            self._piece(_RUN_TEXT[local])
        elif local == "pPr" and depth >= 0 and len(path) == depth + 2:
            style = element.find(f"{W}pStyle")
            if style is not None:
                self.style = style.get(f"{W}val")
            num_pr = element.find(f"{W}numPr")
            if num_pr is not None:
                self.num_pr = _num_pr_values(num_pr)
        elif local == "p" and depth >= 0 and len(path) == depth + 1:
            self._paragraph()
        elif local == "tcPr" and self.cell is not None and len(path) == 6:
            span = element.find(f"{W}gridSpan")
            if span is not None:
                try:
                    self.span = max(1, min(int(span.get(f"{W}val", "1")), 64))
                except ValueError:
                    self.span = 1
            merge = element.find(f"{W}vMerge")
            if merge is not None:
                self.merge = merge.get(f"{W}val", "continue")
        elif local == "tc" and self.cell is not None and len(path) == 5:
            self._cell()
        elif local == "tr" and self.row is not None and len(path) == 4:
            if any(self.row):
                self._line(" | ".join(self.row))
            self.row = None
        elif local == "tbl" and len(path) == 3 and path[1] == "body":
            self.lines.append("")

    def _piece(self, text: str) -> None:
        self.pieces.append(text)
        self.size += len(text)

    def _paragraph(self) -> None:
        text = "".join(self.pieces)
        where = "cell" if len(self.path) == 6 else "body"
        self.p_depth = -1
        self.pieces = []
        if where == "cell":
            if self.cell is not None:
                self.cell.append(text)
            return
        # Page breaks before or after the paragraph's text go on lines of their
        # own (one inside it stays, and normalise puts it on its own line).
        text = text.strip(" \t\n\r\u00a0")
        while text.startswith("\f"):
            self.lines.append("\f")
            text = text[1:].strip(" \t\n\r\u00a0")
        after = len(text) - len(text.rstrip("\f \t\n\r\u00a0"))
        breaks = text[len(text) - after :].count("\f") if after else 0
        text = text.strip()
        if not text:
            self.lines.append("")
        else:
            label = self.numbering.label(self.num_pr, self.style)
            self._line(f"{label} {text}" if label else text)
        self.lines.extend(["\f"] * breaks)

    def _cell(self) -> None:
        if self.merge == "continue":
            # The rest of a vertically merged cell: the text of its first row.
            text = self.above.get(self.col, "")
        else:
            text = " ".join("\n".join(self.cell or []).split())
        for column in range(self.col, self.col + self.span):
            self.below[column] = text
        self.col += self.span
        if self.row is not None:
            self.row.append(text)
        self.cell = None

    def _line(self, line: str) -> None:
        self.lines.append(line)


def _num_pr_values(num_pr) -> tuple[str | None, int]:
    num_id = num_pr.find(f"{W}numId")
    ilvl = num_pr.find(f"{W}ilvl")
    try:
        level = int(ilvl.get(f"{W}val")) if ilvl is not None else 0
    except (TypeError, ValueError):
        level = 0
    return (num_id.get(f"{W}val") if num_id is not None else None, level)


def _docx_part(archive: zipfile.ZipFile, name: str, warnings: list[str]):
    """A small part of the document (styles, numbering) parsed whole, or None."""
    from lxml import etree

    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > DOCX_MAX_PART_BYTES:
        warnings.append(
            _("The automatic numbering of this document is too large and was left out.")
        )
        return None
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    return etree.fromstring(archive.read(name), parser)


class _Numbering:
    """The printed labels of Word's automatic list numbering ("1.", "1.2.", "a)")."""

    W = W

    def __init__(self, root=None, styles=None) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        #: style id → (based on, numPr values or None); and the default style.
        self.styles: dict[str, tuple[str | None, tuple | None]] = {}
        self.default_style: str | None = None
        if styles is not None:
            self._read_styles(styles)
        if root is None:
            # A document without automatic numbering has no numbering part:
            # its lines keep no labels.
            return
        w = self.W
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iter(f"{w}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{w}lvl"):
                try:
                    ilvl = int(lvl.get(f"{w}ilvl", "0"))
                    fmt = lvl.find(f"{w}numFmt")
                    text = lvl.find(f"{w}lvlText")
                    start = lvl.find(f"{w}start")
                    levels[ilvl] = (
                        fmt.get(f"{w}val") if fmt is not None else "decimal",
                        text.get(f"{w}val") if text is not None else "",
                        int(start.get(f"{w}val")) if start is not None else 1,
                    )
                except (TypeError, ValueError):
                    continue
            abstract[node.get(f"{w}abstractNumId")] = levels
        for node in root.iter(f"{w}num"):
            ref = node.find(f"{w}abstractNumId")
            if ref is not None:
                self.levels[node.get(f"{w}numId")] = abstract.get(
                    ref.get(f"{w}val"), {}
                )

    @classmethod
    def from_archive(cls, archive: zipfile.ZipFile, warnings: list[str]) -> _Numbering:
        return cls(
            _docx_part(archive, "word/numbering.xml", warnings),
            _docx_part(archive, "word/styles.xml", warnings),
        )

    def _read_styles(self, root) -> None:
        w = self.W
        for node in root.iter(f"{w}style"):
            if node.get(f"{w}type") != "paragraph":
                continue
            ident = node.get(f"{w}styleId")
            based = node.find(f"{w}basedOn")
            num_pr = node.find(f"{w}pPr/{w}numPr")
            self.styles[ident] = (
                based.get(f"{w}val") if based is not None else None,
                _num_pr_values(num_pr) if num_pr is not None else None,
            )
            if node.get(f"{w}default") in ("1", "true", "on"):
                self.default_style = ident

    def _num_pr(self, num_pr, style: str | None):
        if num_pr is not None:
            return num_pr
        style = style if style in self.styles else self.default_style
        seen: set[str] = set()
        while style is not None and style not in seen:
            seen.add(style)
            based, values = self.styles.get(style, (None, None))
            if values is not None:
                return values
            style = based
        return None

    def label(self, num_pr: tuple[str | None, int] | None, style: str | None) -> str:
        if not self.levels:
            return ""
        num_pr = self._num_pr(num_pr, style)
        if num_pr is None:
            return ""
        num_id, ilvl = num_pr
        if num_id is None:
            return ""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        fmt, pattern, start = levels[ilvl]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
        if not 0 <= ilvl < 9:
            return ""
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0

        def render(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            lfmt, _pattern, lstart = levels.get(level, ("decimal", "", 1))
            value = counters[level] or lstart
            return _format_number(value, lfmt)

        return re.sub(r"%(\d)", render, pattern).strip()


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    numerals = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = ""
    for number, letters in numerals:
        while value >= number:
            out += letters
            value -= number
    return out

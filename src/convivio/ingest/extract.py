"""Text out of an uploaded file: .txt, .md, .html, .pdf (text layer) and .docx.

`extract()` returns the document's text as lines, normalised once (newlines unified,
trailing spaces, control characters and words broken at a line end removed) and never
otherwise re-flowed: the parsers read the lines, and every span they keep points into
this normalised text, which is what the library stores.

Every refusal is an `ExtractionError` whose message is a sentence for the person who
uploaded the file.  Nothing here writes to the database.
"""

from __future__ import annotations

import io
import logging
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

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
}

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
    #: "txt", "md", "html", "pdf" or "docx".
    format: str
    pages: int | None = None
    warnings: list[str] = field(default_factory=list)


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
                "size": f"{size / 1024 / 1024:.1f}",
                "limit": f"{limit / 1024 / 1024:g}",
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


def extract(data: bytes, filename: str, *, max_bytes: int | None = None) -> Extracted:
    """The normalised text of `data`, read as the format its `filename` says."""
    fmt = file_format(filename)
    check_size(len(data), filename, max_bytes=max_bytes)
    reader = {
        "txt": _extract_plain,
        "md": _extract_plain,
        "html": _extract_html,
        "pdf": _extract_pdf,
        "docx": _extract_docx,
    }[fmt]
    result = reader(data, filename)
    result.format = fmt
    result.text = normalise(result.text)
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
_NEWLINES = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_TRAILING = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
#: A word cut by a hyphen at the end of a line, going on in lower case.
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])-\n(?=[^\W\d_])")


def normalise(text: str) -> str:
    """Unify newlines, drop control characters and trailing spaces, join words
    broken by a hyphen at a line end (when the next line goes on in lower case).
    Lines are otherwise kept as they are."""
    text = unicodedata.normalize("NFC", text)
    text = _NEWLINES.sub("\n", text)
    # A soft hyphen at a line end is a broken word too.
    text = text.replace("\u00ad\n", "")
    text = _JUNK.sub("", text)
    text = _TRAILING.sub("", text)
    text = _BROKEN_WORD.sub(_join_broken, text)
    return text.strip("\n") + "\n" if text.strip() else ""


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


def _extract_plain(data: bytes, filename: str) -> Extracted:
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


def _extract_html(data: bytes, filename: str) -> Extracted:
    """Visible text of an HTML page: scripts, styles and comments dropped, nothing
    executed, headings, paragraphs, list items and table rows as lines."""
    from bs4 import BeautifulSoup, NavigableString

    if _looks_binary(data):
        raise ExtractionError(
            _("“%(name)s” is a binary file, not a web page.") % {"name": filename}
        )
    text, warnings = decode(data, filename)
    text = text.replace(_BREAK, " ")
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all("pre"):
        for string in tag.find_all(string=True):
            if type(string) is NavigableString:
                string.replace_with(string.replace("\n", _BREAK))
    for tag in soup.find_all("br"):
        tag.replace_with(_BREAK)
    for tag in soup.find_all(["td", "th"]):
        if tag.find_next_sibling(["td", "th"]) is not None:
            tag.append(" | ")
    for tag in soup.find_all("li"):
        parent = tag.find_parent(["ol", "ul"])
        if parent is not None and parent.name == "ol":
            position = len(tag.find_previous_siblings("li")) + 1
            try:
                position += int(parent.get("start", 1)) - 1
            except (TypeError, ValueError):
                pass
            tag.insert(0, f"{position}. ")
        else:
            tag.insert(0, "- ")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before(_BREAK)
        tag.insert_after(_BREAK)
    parts = [
        str(node)
        for node in soup.descendants
        # Only character data: comments, CDATA, doctype and processing
        # instructions are NavigableString subclasses and are left out.
        if type(node) is NavigableString
    ]
    flat = re.sub(r"\s+", " ", "".join(parts))
    lines = [line.strip() for line in flat.split(_BREAK)]
    text = "\n".join(line for line in lines if line)
    # Headings and paragraphs as separate lines, with blank lines between blocks
    # kept out: the parsers read one line per block.
    return Extracted(text=text, format="html", warnings=warnings)


# --- PDF ------------------------------------------------------------------------------


def _extract_pdf(data: bytes, filename: str) -> Extracted:
    if b"%PDF-" not in data[:1024]:
        raise ExtractionError(
            _("“%(name)s” is called .pdf but is not a PDF file.") % {"name": filename}
        )
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    warnings: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # An owner password alone (printing, copying restrictions) still lets
            # anyone read the text; a user password does not.
            try:
                opened = reader.decrypt("")
            except (PyPdfError, NotImplementedError, ValueError):
                opened = 0
            if not opened:
                raise ExtractionError(
                    _(
                        "“%(name)s” is protected by a password; upload a copy "
                        "without one."
                    )
                    % {"name": filename}
                )
            warnings.append(_("The PDF is encrypted without a password to open it."))
        pages = len(reader.pages)
    except ExtractionError:
        raise
    except Exception as error:  # noqa: BLE001 - any damage in a hostile file
        logger.info("PDF %s unreadable: %r", filename, error)
        raise ExtractionError(
            _("“%(name)s” is a damaged PDF file that cannot be read.")
            % {"name": filename}
        ) from None
    text = _pdf_text(data, filename)
    letters = sum(1 for c in text if c.isalpha())
    if letters < PDF_MIN_LETTERS_PER_PAGE * max(pages, 1) / 4 or letters < 20:
        raise ExtractionError(
            _(
                "“%(name)s” has no text layer (it is made of images, such as a scan): "
                "it needs OCR before Convivio can read it."
            )
            % {"name": filename}
        )
    return Extracted(text=text, format="pdf", pages=pages, warnings=warnings)


def _pdf_text(data: bytes, filename: str) -> str:
    """Layout text by pdfminer.six: lines kept, pages separated by a blank line."""
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    try:
        text = extract_text(
            io.BytesIO(data), password="", laparams=LAParams(line_margin=0.4)
        )
    except Exception as error:  # noqa: BLE001 - any damage in a hostile file
        logger.info("PDF %s unreadable by pdfminer: %r", filename, error)
        raise ExtractionError(
            _("“%(name)s” is a damaged PDF file that cannot be read.")
            % {"name": filename}
        ) from None
    # pdfminer separates pages with a form feed: a blank line is enough.
    return _rejoin_bullets(text.replace("\x0c", "\n\n"))


_BULLETS = {"•", "◦", "▪", "■", "●", "○", "-", "–", "—", "*", "·", "", "➢", "✓"}


def _rejoin_bullets(text: str) -> str:
    """pdfminer puts a list's bullet glyphs in a column of their own, before the
    items: "•\n•\n\nfirst item\nsecond item".  Put each bullet back before its
    item ("- first item")."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if lines[i].strip() not in _BULLETS or not lines[i].strip():
            out.append(lines[i])
            i += 1
            continue
        run = i
        while (
            run < len(lines) and lines[run].strip() in _BULLETS and lines[run].strip()
        ):
            run += 1
        count = run - i
        after = run
        while after < len(lines) and not lines[after].strip():
            after += 1
        items = lines[after : after + count]
        if len(items) == count and all(line.strip() for line in items):
            out.extend(f"- {line.strip()}" for line in items)
            i = after + count
        else:
            out.extend(lines[i:run])
            i = run
    return "\n".join(out)


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


def _extract_docx(data: bytes, filename: str) -> Extracted:
    _check_zip(data, filename)
    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                lines.extend(_table_lines(block))
                lines.append("")
            else:
                text = block.text.strip()
                if not text:
                    lines.append("")
                    continue
                label = numbering.label(block)
                lines.append(f"{label} {text}" if label else text)
    except Exception as error:  # noqa: BLE001 - any damage in a hostile file
        logger.info("DOCX %s unreadable: %r", filename, error)
        raise ExtractionError(
            _("“%(name)s” is a damaged Word document that cannot be read.")
            % {"name": filename}
        ) from None
    text = "\n".join(lines)
    return Extracted(text=re.sub(r"\n{3,}", "\n\n", text), format="docx")


def _table_lines(table) -> list[str]:
    """One line per row, cells joined with " | " (merged cells once)."""
    lines = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:
                continue
            previous = cell._tc
            cells.append(" ".join(cell.text.split()))
        if any(cells):
            lines.append(" | ".join(cells))
    return lines


class _Numbering:
    """The printed labels of Word's automatic list numbering ("1.", "1.2.", "a)")."""

    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def __init__(self, document) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            # A document without automatic numbering has no numbering part
            # (python-docx raises NotImplementedError): its lines keep no labels.
            return
        w = self.W
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iter(f"{w}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{w}lvl"):
                ilvl = int(lvl.get(f"{w}ilvl", "0"))
                fmt = lvl.find(f"{w}numFmt")
                text = lvl.find(f"{w}lvlText")
                start = lvl.find(f"{w}start")
                levels[ilvl] = (
                    fmt.get(f"{w}val") if fmt is not None else "decimal",
                    text.get(f"{w}val") if text is not None else "",
                    int(start.get(f"{w}val")) if start is not None else 1,
                )
            abstract[node.get(f"{w}abstractNumId")] = levels
        for node in root.iter(f"{w}num"):
            ref = node.find(f"{w}abstractNumId")
            if ref is not None:
                self.levels[node.get(f"{w}numId")] = abstract.get(
                    ref.get(f"{w}val"), {}
                )

    def _num_pr(self, paragraph):
        w = self.W
        ppr = paragraph._p.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        style = paragraph.style
        while style is not None:
            spp = style.element.find(f"{w}pPr")
            if spp is not None and spp.find(f"{w}numPr") is not None:
                return spp.find(f"{w}numPr")
            style = style.base_style
        return None

    def label(self, paragraph) -> str:
        if not self.levels:
            return ""
        num_pr = self._num_pr(paragraph)
        if num_pr is None:
            return ""
        w = self.W
        num_id_el = num_pr.find(f"{w}numId")
        ilvl_el = num_pr.find(f"{w}ilvl")
        num_id = num_id_el.get(f"{w}val") if num_id_el is not None else None
        ilvl = int(ilvl_el.get(f"{w}val")) if ilvl_el is not None else 0
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        fmt, pattern, start = levels[ilvl]
        if fmt == "bullet":
            return "-"
        if fmt == "none":
            return ""
        counters = self.counters.setdefault(num_id, [0] * 9)
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

"""Text out of page images (scanned PDFs, photographed or scanned pages) with
Tesseract, the OCR program from Debian's ``tesseract-ocr`` packages (the Makefile's
SYSTEM_PACKAGES installs it with the language packs of the platform's languages).

One page at a time: a page is rendered (or decoded), handed to ``tesseract`` on
its standard input, and its image dropped before the next one, so memory stays
at one page's image whatever the length of the document; each page has a time
limit (OCR_PAGE_SECONDS).  Tesseract's TSV output gives every word with its box,
so OCR'd lines carry positions like those of a text layer, and extract.py removes
running headers and footers from both in the same way.

Nothing here decides what to OCR: extract.py does (pages without a text layer).
"""

from __future__ import annotations

import csv
import io
import logging
import os
import shutil
import subprocess
import time
import unicodedata
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

#: The program run; tests point it elsewhere to play a server without it.
TESSERACT = "tesseract"
#: Resolution pages are rendered at: Tesseract reads best at about 300 dpi.
OCR_DPI = 300
#: … but never more pixels than this along a side (a poster-sized page would
#: otherwise take hundreds of MB as an image).
OCR_MAX_SIDE = 5000
#: Seconds one page may take; a page that takes longer is left unread.
OCR_PAGE_SECONDS = 60
#: An image above this many pixels is refused before it is decoded.
OCR_MAX_PIXELS = 60_000_000

#: ISO 639-1 codes of the platform's languages → Tesseract's language packs.
TESSERACT_LANGUAGES = {
    "en": "eng",
    "es": "spa",
    "it": "ita",
    "pt": "por",
    "ro": "ron",
    "el": "ell",
    "de": "deu",
    "fr": "fra",
    "ar": "ara",
    "uk": "ukr",
    "fa": "fas",
    "nl": "nld",
    "pl": "pol",
    "sl": "slv",
    "hr": "hrv",
    "sv": "swe",
}
#: When the document's language is not known: the Latin-script languages most of
#: the platform's documents are written in (more packs cost time and memory on
#: every page; a known language reads with its own pack).
DEFAULT_LANGUAGES = ("eng", "spa", "ita", "por", "fra", "deu", "ron")
#: … unless Tesseract's script detection (OSD) sees another script on the page.
SCRIPT_LANGUAGES = {
    "Greek": ("ell",),
    "Cyrillic": ("ukr",),
    "Arabic": ("ara", "fas"),
}


class OCRUnavailable(Exception):
    """Tesseract is not installed (or cannot run); the message says so."""


@dataclass
class OCRLine:
    """A line Tesseract read, its box in points from the page's top-left corner."""

    text: str
    top: float
    bottom: float
    x0: float
    x1: float
    #: Tesseract's paragraph (block, paragraph) the line belongs to.
    paragraph: tuple[int, int]


def binary() -> str | None:
    """The path of the tesseract program, or None when it is not installed."""
    return shutil.which(TESSERACT)


def unavailable_message() -> str:
    return _(
        "Text recognition (OCR) is not available on this server: the program "
        "Tesseract is not installed (Debian package tesseract-ocr). Ask the "
        "administrators to install it, or upload a copy of the document with a "
        "text layer."
    )


@cache
def _installed(program: str) -> frozenset[str]:
    """The language packs Tesseract has here."""
    try:
        completed = subprocess.run(  # noqa: S603 - a fixed program, no shell
            [program, "--list-langs"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    lines = completed.stdout.splitlines()[1:]
    return frozenset(line.strip() for line in lines if line.strip())


def languages(
    language: str | None, program: str | None = None, script: str | None = None
) -> str:
    """Tesseract's ``-l`` argument for a document in ``language`` (ISO 639-1),
    or for a document of unknown language (the languages of its ``script``
    when OSD found it); only packs installed here."""
    program = program or binary() or TESSERACT
    installed = _installed(program)
    code = TESSERACT_LANGUAGES.get((language or "").split("-")[0].lower())
    wanted = (
        [code] if code else list(SCRIPT_LANGUAGES.get(script or "", DEFAULT_LANGUAGES))
    )
    chosen = [pack for pack in wanted if pack in installed] if installed else wanted
    if not chosen:
        # The language's pack is missing: English's at least reads Latin letters.
        chosen = (
            ["eng"] if "eng" in installed or not installed else sorted(installed)[:1]
        )
    return "+".join(chosen)


def read_image(
    image, *, language: str | None = None, scale: float = 1.0
) -> list[OCRLine]:
    """The lines of a Pillow image, positions divided by ``scale`` (pixels per
    point of the page it was rendered from).  OCRUnavailable when Tesseract is
    missing; a page that takes longer than OCR_PAGE_SECONDS gives no lines."""
    program = binary()
    if program is None:
        raise OCRUnavailable(unavailable_message())
    if image.mode not in ("L", "RGB", "1"):
        image = image.convert("RGB")
    dpi = str(round(scale * 72) if scale > 1 else OCR_DPI)
    data = _pnm(image)
    # Which way up the page is, and its script (Tesseract's OSD, about a
    # second): a page scanned sideways is turned before it is read.
    osd = _run([program, "stdin", "stdout", "--psm", "0", "--dpi", dpi], data)
    script, rotate = _osd(osd.decode("utf-8", "replace") if osd else "")
    if rotate:
        image = image.rotate(-rotate, expand=True)
        data = _pnm(image)
    packs = languages(language, program, script)
    tsv = _run([program, "stdin", "stdout", "-l", packs, "--dpi", dpi, "tsv"], data)
    return _tsv_lines(tsv.decode("utf-8", "replace"), scale) if tsv else []


def _pnm(image) -> bytes:
    # PNM: no compression to spend time on, and Tesseract reads it directly.
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    return buffer.getvalue()


def _run(command: list[str], data: bytes) -> bytes | None:
    """Tesseract's standard output for ``data`` on its input; None when it
    failed or took longer than OCR_PAGE_SECONDS."""
    # One thread: the worker shares its processors, and Tesseract's threads
    # gain little on a page while costing a lot on a busy machine.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    try:
        completed = subprocess.run(  # noqa: S603 - a fixed program, no shell
            command,
            input=data,
            capture_output=True,
            timeout=OCR_PAGE_SECONDS,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        logger.warning("OCR of a page took over %s s; page skipped", OCR_PAGE_SECONDS)
        return None
    except OSError as error:
        logger.warning("Tesseract could not run: %r", error)
        raise OCRUnavailable(unavailable_message()) from None
    if completed.returncode != 0:
        # OSD refuses a page with too little text: it is then read as it is.
        logger.info(
            "Tesseract failed (%s): %s",
            completed.returncode,
            completed.stderr.decode("utf-8", "replace")[-300:],
        )
        return None
    return completed.stdout


def _osd(output: str) -> tuple[str | None, int]:
    """(script, degrees to turn the page clockwise) from Tesseract's OSD."""
    script, rotate = None, 0
    for line in output.splitlines():
        name, _sep, value = line.partition(":")
        if name.strip() == "Script":
            script = value.strip() or None
        elif name.strip() == "Rotate":
            try:
                rotate = int(value.strip()) % 360
            except ValueError:
                rotate = 0
    return script, rotate if rotate in (90, 180, 270) else 0


def _tsv_lines(tsv: str, scale: float) -> list[OCRLine]:
    """Words of Tesseract's TSV (level 5) grouped into its lines, in its order."""
    lines: dict[tuple[int, int, int, int], list[tuple[int, int, int, int, str]]] = {}
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    if not header or "text" not in header:
        return []
    column = {name: i for i, name in enumerate(header)}
    for row in reader:
        if len(row) < len(header) or row[column["level"]] != "5":
            continue
        # NFKC: Tesseract writes some letters as look-alike signs (µ for the
        # Greek μ) and ligatures (ﬁ) that the text's readers do not expect.
        text = unicodedata.normalize("NFKC", row[column["text"]]).strip()
        if not text:
            continue
        try:
            key = tuple(
                int(row[column[name]])
                for name in ("page_num", "block_num", "par_num", "line_num")
            )
            left, top, width, height = (
                int(row[column[name]]) for name in ("left", "top", "width", "height")
            )
        except (KeyError, ValueError):
            continue
        lines.setdefault(key, []).append((left, top, width, height, text))  # type: ignore[arg-type]
    out: list[OCRLine] = []
    scale = scale or 1.0
    for key, words in lines.items():
        words.sort()
        out.append(
            OCRLine(
                text=" ".join(word[4] for word in words),
                top=min(w[1] for w in words) / scale,
                bottom=max(w[1] + w[3] for w in words) / scale,
                x0=words[0][0] / scale,
                x1=max(w[0] + w[2] for w in words) / scale,
                paragraph=(key[1], key[2]),
            )
        )
    return out


#: OCR stops taking new pages once this share of the task's time limit
#: (CONVIVIO_TASK_TIME_LIMIT) has gone, so that the pages read are kept rather
#: than the whole task stopped.
OCR_TIME_SHARE = 0.6


def deadline() -> float | None:
    """The time.monotonic() after which no further page is OCR'd, or None."""
    limit = float(settings.CONVIVIO_TASK_TIME_LIMIT or 0)
    return time.monotonic() + OCR_TIME_SHARE * limit if limit else None


def out_of_time_message(done: int, count: int) -> str:
    return _(
        "Only %(done)s of the %(count)s scanned pages were read by OCR: reading "
        "more would have taken longer than a task may (CONVIVIO_TASK_TIME_LIMIT)."
    ) % {"done": done, "count": count}


def render_scale(width_points: float, height_points: float) -> float:
    """Pixels per point to render a page of this size at OCR_DPI, capped so
    that no side exceeds OCR_MAX_SIDE pixels."""
    scale = OCR_DPI / 72
    longest = max(width_points, height_points, 1.0)
    return min(scale, OCR_MAX_SIDE / longest)

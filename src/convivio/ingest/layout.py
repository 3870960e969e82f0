"""Layout normalisation: the first step of reading any document.

``normalise(text) -> Layout`` turns the extracted text into logical lines with the
page furniture marked (running headers and footers, page numbers and markers,
contents blocks, web furniture), hyphenation undone, wrapped paragraphs, list items
and table cells joined, and tables rebuilt into rows of cells.  Nothing is lost: a
line keeps an offset map (``LayoutLine.offsets``: one source offset per character of
``LayoutLine.text``), so that every span a parser takes from a line still points into
the original text (``LayoutLine.span``).

Stable API (the plan tree, the line labeller and the practice reader use it):

- ``normalise(text) -> Layout``; ``Layout.lines`` in reading order, furniture included
  but marked (``LayoutLine.furniture``), ``Layout.content()`` without it.
- ``LayoutLine``: ``text``, ``offsets``, ``span(i, j)``, ``start``/``end``, ``page``,
  ``indent``, ``blank_before``, ``furniture`` ("" or what it is: "header", "footer",
  "page_number", "contents", "web", "rule"), ``cells`` (a table row's cells, each with
  its own offsets) and ``table`` (an id shared by the rows of one table, or None),
  ``section`` (the role of the section it belongs to, set by ``segments.assign``).

What each step does, in order (every rule is a general fact about documents):

1. physical lines, pages counted at form feeds;
2. page furniture: page numbers and markers ("- 4 -", "Page 3 of 18", "pag. 7"), lines
   repeated at page breaks (compared with digits ignored), a page number glued to a
   running header ("Name | 12"); without form feeds, page breaks are where these are;
3. contents blocks: under a contents heading, or runs of dot-leader / page-number
   lines, checked against the headings that follow;
4. web furniture (cookie banners, skip links, navigation, breadcrumbs, share buttons,
   pagination, newsletter forms, footers) when the text has the marks of a web page;
5. rules (lines of dashes, a pipe table's separator row): furniture "rule";
6. tables: pipe tables, tab-separated tables (continuation lines joined into the
   right cells), fixed-width tables (columns from the header, a header or cell
   wrapped under its column), lines in two columns (a value and its label to the
   right), tables flattened one cell per line (column count from a header block
   that is repeated, names fields, or is followed by rows of as many lines);
7. letter-spaced titles rejoined, runs of spaces collapsed, line-end hyphenation
   undone, and wrapped paragraphs and list items joined into one logical line
   (also across a running header that interrupts a sentence).  A line starts anew
   at a list marker, a "Label: value" field, a record label the document repeats
   ("Mjera 1.2", "Ειδικός Στόχος 2.1"), a field label printed three times or
   more, after a heading in capitals, after a short line (one the next word would
   have fitted on) and after a figure;
8. markers extracted apart from their items ("1.1.1." alone, or a column of list
   numbers before the items) put back in front of them.

A table row's ``text`` is its cells joined with " | " (the separators' offsets
point at the end of the cell before them); its cells keep exact offsets.  A joined
line's spaces point at the line break (or the run of spaces) they stand for.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass, field

from . import lexicon
from .outline import parse_marker

Span = tuple[int, int]

#: What ``LayoutLine.furniture`` can say ("" for content).
FURNITURE = ("header", "footer", "page_number", "contents", "web", "rule")


@dataclass
class Cell:
    text: str
    offsets: list[int]

    def span(self, begin: int = 0, end: int | None = None) -> Span:
        return _span(self.offsets, begin, len(self.text) if end is None else end)


@dataclass
class LayoutLine:
    text: str
    #: Source offset of each character of ``text`` (len(offsets) == len(text)).
    offsets: list[int]
    page: int = 0
    #: Leading spaces of the first physical line (a tab counts 4).
    indent: int = 0
    blank_before: bool = False
    #: "" for content; else "header", "footer", "page_number", "contents", "web",
    #: "rule".
    furniture: str = ""
    #: A table row's cells, or None when the line is not a table row.
    cells: list[Cell] | None = None
    #: Rows of one table share an id.
    table: int | None = None
    #: The role of the section the line belongs to (segments.py), "" when unknown.
    section: str = ""

    @property
    def start(self) -> int:
        return self.offsets[0] if self.offsets else 0

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else 0

    def span(self, begin: int = 0, end: int | None = None) -> Span:
        """Source span of ``self.text[begin:end]``."""
        return _span(self.offsets, begin, len(self.text) if end is None else end)


@dataclass
class Layout:
    text: str
    lines: list[LayoutLine] = field(default_factory=list)

    def content(self) -> list[LayoutLine]:
        """The lines that are not page or web furniture."""
        return [line for line in self.lines if not line.furniture]


def _span(offsets: list[int], begin: int, end: int) -> Span:
    if not offsets:
        return (0, 0)
    end = min(end, len(offsets))
    if begin >= end:
        point = offsets[begin] if begin < len(offsets) else offsets[-1] + 1
        return (point, point)
    return (offsets[begin], offsets[end - 1] + 1)


# --- Physical lines ---------------------------------------------------------------


@dataclass
class _Phys:
    """A physical line: its stripped LayoutLine, and the raw line (form feeds as
    spaces, so that ``raw_start + i`` is the source offset of ``raw[i]``)."""

    line: LayoutLine
    raw: str
    raw_start: int
    #: A page break (form feed) right before this line.
    feed_before: bool = False
    #: A letter-spaced line rejoined (never a table row).
    spaced: bool = False
    #: The line's text folded (lexicon.fold), to compare lines quickly.
    key: str = ""


def _physical(text: str) -> list[_Phys]:
    """Each non-empty physical line, stripped, with its offsets and page (form feeds
    count pages); the starting point that normalisation refines."""
    lines: list[_Phys] = []
    page = 0
    blank = False
    feed = False
    position = 0
    for chunk in text.split("\n"):
        begin = position
        position += len(chunk) + 1
        if "\f" in chunk:
            page += chunk.count("\f")
            feed = True
        raw = chunk.replace("\f", " ").replace("\r", " ")
        stripped = raw.strip()
        if not stripped:
            blank = True
            continue
        lead = len(raw) - len(raw.lstrip())
        start = begin + lead
        lines.append(
            _Phys(
                LayoutLine(
                    text=stripped,
                    offsets=list(range(start, start + len(stripped))),
                    page=page,
                    indent=len(raw[:lead].replace("\t", "    ")),
                    blank_before=blank,
                ),
                raw,
                begin,
                feed,
                key=lexicon.fold(stripped),
            )
        )
        blank = False
        feed = False
    return lines


def _physical_lines(text: str) -> list[LayoutLine]:
    return [p.line for p in _physical(text)]


# --- Page furniture ---------------------------------------------------------------

_PAGE_WORD = (
    r"(?:page|pages|p\.|pag\.?|pág\.?|página|pagina|seite|s\.|strona|str\.|"
    r"σελ\.?|σελίδα|sida|stran|stranica|pagină|blz\.?|bladzijde|side|sivu)"
)
_OF = r"(?:of|de|di|von|van|z|ze|από|av|od|din|sur|/)"
#: A line that is only a page marker: "Page 3 of 18", "pag. 7", "- 4 -", "3/18".
_PAGE_ONLY = re.compile(
    rf"^(?:{_PAGE_WORD}\s*\d{{1,4}}(?:\s*{_OF}\s*\d{{1,4}})?"
    r"|[-–—]\s*\d{1,3}\s*[-–—]"
    r"|[\[(]\s*\d{1,3}\s*[\])])$",
    re.IGNORECASE,
)
#: A bare number alone: a page number only when the numbers form a page series.
_BARE_NUMBER = re.compile(r"^\d{1,4}$")
#: A page number glued to a running header or footer ("Name | 12", "12 | Name",
#: "Title … Page 4 of 18"); a year after a separator is not a page number.
_PAGE_GLUED = re.compile(
    rf"(?:\s[|·•–—-]\s*\d{{1,3}}$|^\d{{1,3}}\s*[|·•]\s|\s{_PAGE_WORD}\s*\d{{1,4}}"
    rf"(?:\s*{_OF}\s*\d{{1,4}})?$)",
    re.IGNORECASE,
)
#: "Page 3 of 18" at a line end: a footer even when it occurs once.
_PAGE_OF = re.compile(rf"{_PAGE_WORD}\s*\d{{1,4}}\s*{_OF}\s*\d{{1,4}}$", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def _key(text: str) -> str:
    """How a running header compares across pages: digits ignored, whitespace
    collapsed, case and accents folded."""
    return _SPACES.sub(" ", _DIGITS.sub("#", lexicon.fold(text))).strip()


def _mark_page_furniture(phys: list[_Phys]) -> None:
    lines = [p.line for p in phys]
    n = len(lines)
    anchor = [False] * n
    # 1. Page markers: a line that is only "Page N (of M)", "- N -", "N/M".
    for i, line in enumerate(lines):
        fraction = _PAGE_FRACTION.match(line.text)
        if _PAGE_ONLY.match(line.text) or (
            fraction and 0 < int(fraction.group(1)) <= int(fraction.group(2))
        ):
            line.furniture = "page_number"
            anchor[i] = True
    # 2. Bare numbers that form a page series: increasing, far apart (a page holds
    # many lines), or right at a form feed.
    bare = [i for i, line in enumerate(lines) if _BARE_NUMBER.match(line.text)]
    series = _page_series(lines, bare)
    for i in bare:
        if (
            i in series
            or phys[i].feed_before
            or (i + 1 < n and phys[i + 1].feed_before)
        ):
            lines[i].furniture = "page_number"
            anchor[i] = True
    # 3. Lines with a page number glued on, repeated with digits ignored.
    # (Running lines are short: long lines are not compared.)
    keys = [_key(line.text) if len(line.text) <= 200 else "" for line in lines]
    counts: dict[str, int] = {}
    for key in keys:
        counts[key] = counts.get(key, 0) + 1
    # Or glued once to a line that is printed elsewhere (the document's title).
    titles = {_alnum(line.text) for line in lines if 12 <= len(line.text) <= 160}
    for i, line in enumerate(lines):
        if (
            not line.furniture
            and len(line.text) <= 160
            and _PAGE_GLUED.search(line.text)
            and (
                counts[keys[i]] >= 2
                or _PAGE_OF.search(line.text[-40:])
                or _alnum(_PAGE_GLUED.sub("", line.text)) in titles
            )
        ):
            line.furniture = "footer"
            anchor[i] = True
    # 4. Lines repeated next to page breaks (a running title without a number): a
    # page break is a form feed or a page number found above.
    near: dict[str, int] = {}
    for i in range(n):
        if anchor[i] or lines[i].furniture:
            continue
        if keys[i] and _near_break(phys, anchor, i) and _may_repeat(lines[i].text):
            near[keys[i]] = near.get(keys[i], 0) + 1
    for i in range(n):
        if (
            not lines[i].furniture
            and near.get(keys[i], 0) >= 2
            and _near_break(phys, anchor, i)
        ):
            lines[i].furniture = "header"
            anchor[i] = True
    # 5. Without any page break seen, a long line repeated three times or more, far
    # apart, that is neither a label nor a table row is a running header.
    if not any(anchor) and not any(p.feed_before for p in phys):
        where: dict[str, list[int]] = {}
        for i, line in enumerate(lines):
            if 25 <= len(line.text) <= 200 and _may_repeat(line.text):
                where.setdefault(keys[i], []).append(i)
        for spots in where.values():
            # ... and each copy stands at the edge of a block of lines (a page's
            # top or bottom), not inside a record.
            edges = all(
                lines[i].blank_before or i + 1 == n or lines[i + 1].blank_before
                for i in spots
            )
            if (
                edges
                and len(spots) >= 3
                and min(b - a for a, b in itertools.pairwise(spots)) >= 15
            ):
                for i in spots:
                    lines[i].furniture = "header"
    # Header or footer: what comes before the page number of its group is a footer,
    # what comes after is a header; pages change after each group.
    _name_groups(phys)


def _page_series(lines: list[LayoutLine], bare: list[int]) -> set[int]:
    """Bare numbers that count pages: at least two, increasing, each far from the
    previous one (a page holds more than a handful of lines)."""
    best: list[int] = []
    run: list[int] = []
    for i in bare:
        if run:
            prev = run[-1]
            step = int(lines[i].text) - int(lines[prev].text)
            if 1 <= step <= 3 and i - prev >= 12:
                run.append(i)
                continue
            if len(run) > len(best):
                best = run
        run = [i]
    if len(run) > len(best):
        best = run
    return set(best) if len(best) >= 2 else set()


def _near_break(phys: list[_Phys], anchor: list[bool], i: int) -> bool:
    """Whether line ``i`` is within two lines of a page break (an anchor or a form
    feed)."""
    if phys[i].feed_before or (i + 1 < len(phys) and phys[i + 1].feed_before):
        return True
    for j in (i - 2, i - 1, i + 1, i + 2):
        if 0 <= j < len(phys) and anchor[j]:
            return True
    return False


_LABEL_END = re.compile(r"[:：]\s*$")


def _may_repeat(text: str) -> bool:
    """A line that may be a running header: not a label ("Budget:"), not a table row,
    not a sentence, long enough to be a title."""
    return (
        len(text) >= 8
        and not _LABEL_END.search(text)
        and "\t" not in text
        and text.count("|") < 2
        and not text.endswith((".", ";", ","))
    )


def _name_groups(phys: list[_Phys]) -> None:
    has_feed = any(p.feed_before for p in phys)
    page = 0
    i = 0
    n = len(phys)
    while i < n:
        line = phys[i].line
        if has_feed:
            page = line.page
        if not line.furniture or line.furniture not in (
            "header",
            "footer",
            "page_number",
        ):
            line.page = page
            i += 1
            continue
        j = i
        while j < n and phys[j].line.furniture in ("header", "footer", "page_number"):
            j += 1
        group = [p.line for p in phys[i:j]]
        numbered = [
            k for k, g in enumerate(group) if g.furniture in ("page_number", "footer")
        ]
        pivot = numbered[0] if numbered else -1
        for k, g in enumerate(group):
            if g.furniture == "page_number":
                continue
            if pivot < 0:
                g.furniture = "header"
            elif k < pivot or (k == pivot and k < len(group) - 1):
                g.furniture = "footer"
            else:
                g.furniture = "footer" if k == pivot else "header"
        # The page turns inside the group: at its first header, else after it.
        turn = next(
            (k for k, g in enumerate(group) if g.furniture == "header"), len(group)
        )
        if not has_feed:  # (with form feeds, the pages are counted already)
            for k, g in enumerate(group):
                g.page = page if k < turn else page + 1
            page += 1
        i = j


# --- Contents blocks --------------------------------------------------------------

#: An entry of a table of contents: dot leaders or a page number at the end.
_LEADER = re.compile(r"(?:\.{3,}|…{2,}|(?:\s?\.){4,}|·{3,})\s*\d{1,4}\s*$")
#: "3/18": a page of a count (the first number not above the second).
_PAGE_FRACTION = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})$")
_TRAILING_PAGE = re.compile(r"\S\s+\d{1,3}$")
#: "3 | The project", "12   Annex": the page number before the entry.
_LEADING_PAGE = re.compile(r"^\d{1,3}(?:\s*[|\t]\s*|\s{2,})[^\W\d_]")
_STRIP_ENTRY = re.compile(r"(?:[\s.…_·]{2,}\d{0,4}|\s+\d{1,3})\s*$")


_NOT_ALNUM = re.compile(r"[\W_]+")


def _leader(text: str) -> bool:
    """Whether the line ends with dot leaders and a page number (looked for in its
    last characters only: the pattern is costly on long lines)."""
    return bool(_LEADER.search(text[-80:]))


def _alnum(text: str) -> str:
    return _NOT_ALNUM.sub("", lexicon.fold(text))


def _is_contents_heading(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 4:
        return False
    hit = lexicon.leading(text, role="section")
    return bool(
        hit and hit.value == "contents" and not text[hit.end :].strip(" .:").strip()
    )


def _mark_contents(phys: list[_Phys]) -> None:
    lines = [p.line for p in phys]
    n = len(lines)
    later_keys = [_alnum(line.text) for line in lines]

    # Lines by the first letters of their text, to find an entry's heading fast.
    by_prefix: dict[str, list[int]] = {}
    for j, key in enumerate(later_keys):
        if len(key) >= 4 and not _leader(lines[j].text):
            by_prefix.setdefault(key[:4], []).append(j)

    def repeats_later(i: int) -> bool:
        """The entry's text comes again as a line outside the block of entries it
        sits in (a heading of the body; usually later, a foreword may come
        before)."""
        key = _alnum(_STRIP_ENTRY.sub("", lines[i].text))
        if len(key) < 4:
            return False
        begin = i
        while begin > 0 and not lines[begin].blank_before:
            begin -= 1
        after = i + 1
        while after < n and not lines[after].blank_before:
            after += 1  # the rest of the entries' block
        for j in by_prefix.get(key[:4], ()):
            if begin <= j < after or lines[j].furniture:
                continue
            other = later_keys[j]
            if other.startswith(key) or (len(other) >= 8 and key.startswith(other)):
                return True
        return False

    i = 0
    while i < n:
        line = lines[i]
        if line.furniture:
            i += 1
            continue
        heading = _is_contents_heading(line.text)
        if not heading and not _leader(line.text):
            i += 1
            continue
        # Gather the block of entries.
        j = i + 1 if heading else i
        entries: list[int] = []
        while j < n:
            if lines[j].furniture:
                j += 1
                continue
            text = lines[j].text
            if entries and lines[j].blank_before and not _leader(text):
                break  # a blank line ends a list of entries without leaders
            if _leader(text) or (
                heading and (_TRAILING_PAGE.search(text) or _LEADING_PAGE.match(text))
            ):
                entries.append(j)
            elif heading and len(text) <= 120 and repeats_later(j):
                entries.append(j)
            elif (
                j + 1 < n
                and len(text) <= 100
                and _leader(lines[j + 1].text)
                and not lines[j + 1].blank_before
                and entries
            ):
                entries.append(j)  # an entry wrapped onto the next line
            else:
                break
            j += 1
        leaders = sum(
            1
            for k in entries
            if _leader(lines[k].text)
            or (
                heading
                and (
                    _TRAILING_PAGE.search(lines[k].text)
                    or _LEADING_PAGE.match(lines[k].text)
                )
            )
        )
        checked = sum(1 for k in entries if repeats_later(k))
        # A contents block: dot leaders, or entries that repeat later headings (a
        # chapter list in the body that repeats nothing is not a contents block).
        if entries and (
            leaders >= 3 or (heading and (leaders + checked) * 2 >= len(entries))
        ):
            if heading:
                line.furniture = "contents"
            for k in entries:
                lines[k].furniture = "contents"
            i = entries[-1] + 1
        else:
            i += 1


# --- Web furniture ----------------------------------------------------------------

#: "[Accept all]": a button (not a Markdown link "[text](url)").
_BUTTON = re.compile(
    r"^\[[^\]]{1,40}\](?!\()|\[[^\]]{1,40}\](?!\().*\[[^\]]{1,40}\](?!\()"
)
_BREADCRUMB = re.compile(r"\S\s*(?:›|»|>|/)\s*\S.*\s(?:›|»|>)\s")
_CHECKBOX = re.compile(r"^[☐☑☒□■◻◼]")
_PAGINATION = re.compile(
    r"^(?:[«‹<]\s*)?\S*\s*(?:\d{1,3}\s+){2,}.*(?:[»›>])?$|[«‹].*\d.*[»›]"
)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|all rights reserved", re.IGNORECASE)
_FORM_FIELD = re.compile(r"_{5,}|\[\s*\]")


def _web_kind(text: str) -> str:
    """What kind of web furniture a line is by its shape or its words ("" when it
    is none): a cookie banner, skip link, breadcrumb, button, pagination,
    copyright, newsletter form, a checkbox of a filter."""
    if _CHECKBOX.match(text):
        return "checkbox"
    if _BUTTON.search(text) and len(text) <= 120:
        return "button"
    if _COPYRIGHT.search(text):
        return "copyright"
    if _BREADCRUMB.search(text) and len(text) <= 120:
        return "breadcrumb"
    if (
        len(text) <= 80
        and _PAGINATION.search(text)
        and sum(c.isdigit() for c in text) >= 3
        and any(c in text for c in "«»‹›")
    ):
        return "pagination"
    hits = lexicon.find(text, role="furniture") if len(text.split()) <= 40 else []
    if not hits:
        return ""
    # The words say so when they are most of the line (a link, a button), or when
    # the line holds several of them (a cookie banner, a footer's links); a
    # heading that starts with "Next" or "Share" is not furniture.
    covered = sum(h.end - h.start for h in hits)
    letters = len(text.strip(" .:-–—>→»›·|"))
    if covered * 10 >= letters * 4 or len({h.start for h in hits}) >= 2:
        return hits[0].value or "words"
    return ""


def _link_like(text: str) -> bool:
    """A short line that reads like a link or menu entry: a few words, no sentence."""
    words = text.lstrip("-•·* ").split()
    return 0 < len(words) <= 5 and not text.rstrip().endswith((".", ":", ";", "…"))


def _mark_web(phys: list[_Phys]) -> None:
    lines = [p.line for p in phys]
    kinds = ["" if line.furniture else _web_kind(line.text) for line in lines]
    strong = [bool(kind) for kind in kinds]
    # The marks of a web page: a cookie banner, skip links, a copyright line… at
    # least two kinds of them (checkboxes alone are a printed checklist); a printed
    # plan that mentions "cookies" once is not a page.
    if len(set(kinds) - {"", "checkbox"}) < 2:
        return
    for i, line in enumerate(lines):
        if strong[i]:
            line.furniture = "web"
    # Navigation menus, footers and share bars: runs of link-like lines next to
    # what is already web furniture, in the page's top or bottom zone (before the
    # first paragraph of prose or after the last one): between them, short lines
    # are the content's own titles and meta lines (a card's title, "Country ·
    # City · Year").
    prose = [
        i for i, line in enumerate(lines) if not line.furniture and len(line.text) > 100
    ]
    first, last = (prose[0], prose[-1]) if prose else (len(lines), -1)
    changed = True
    while changed:
        changed = False
        for i, line in enumerate(lines):
            if line.furniture or first <= i <= last or not _link_like(line.text):
                continue
            before = i > 0 and lines[i - 1].furniture == "web"
            after = i + 1 < len(lines) and lines[i + 1].furniture == "web"
            # A title right before a paragraph is the content's (a card's title).
            titles = any(
                not lines[j].furniture and len(lines[j].text) > 100
                for j in range(i + 1, min(i + 3, len(lines)))
            )
            if (before or after) and not titles and _in_link_run(lines, i):
                line.furniture = "web"
                changed = True
    # Menus printed on one line: several short items separated by wide gaps or "·"
    # / "|", in the same zones.
    for i, line in enumerate(lines):
        if line.furniture or first <= i <= last:
            continue
        if _menu_line(line.text):
            line.furniture = "web"


def _in_link_run(lines: list[LayoutLine], i: int) -> bool:
    """Line ``i`` sits in a run of link-like lines (at least two), or is a single
    link-like line between two pieces of web furniture."""
    run = 1
    for j in (i - 1, i + 1):
        if 0 <= j < len(lines) and not lines[j].furniture and _link_like(lines[j].text):
            run += 1
    both = (
        0 < i < len(lines) - 1
        and lines[i - 1].furniture == "web"
        and lines[i + 1].furniture == "web"
    )
    return run >= 2 or both or lines[i].text.startswith(("-", "•", "·", "*"))


_MENU_SPLIT = re.compile(r"\s{3,}|\s[·|]\s")


def _menu_line(text: str) -> bool:
    """A menu on one line: four short items or more, none a figure (a card's meta
    line "Country · Town · 2021" is content)."""
    items = [x for x in _MENU_SPLIT.split(text) if x.strip()]
    return (
        len(items) >= 4
        and all(len(x.split()) <= 4 for x in items)
        and not any(any(c.isdigit() for c in x) for x in items)
    )


# --- Rules ------------------------------------------------------------------------

_RULE = re.compile(r"^[\s\-_=─━═—–·*~+|:]{3,}$")


def _mark_rules(phys: list[_Phys]) -> None:
    for p in phys:
        if (
            not p.line.furniture
            and _RULE.match(p.line.text)
            and any(c in p.line.text for c in "-_=─━═—–·*~")
        ):
            p.line.furniture = "rule"


# --- Character-level changes: letter spacing, spaces ------------------------------

_GROUPS = re.compile(r"\s{2,}")
_SPACED_GROUP = re.compile(r"^\S(?: \S)*$")


def _despace(line: LayoutLine) -> bool:
    """A letter-spaced title ("P L A N   M U N I C I P A L") rejoined ("PLAN
    MUNICIPAL"): single spaces between letters dropped, wider gaps kept as one."""
    text = line.text
    groups = _GROUPS.split(text)
    if len(text) < 7 or not all(_SPACED_GROUP.match(g) for g in groups):
        return False
    if not any(len(set(g.replace(" ", ""))) >= 3 for g in groups):
        return False  # at least one word of three different characters spaced out
    chars: list[str] = []
    offsets: list[int] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == " ":
            j = i
            while j < len(text) and text[j] == " ":
                j += 1
            if j - i >= 2:
                chars.append(" ")
                offsets.append(line.offsets[i])
            i = j
            continue
        chars.append(c)
        offsets.append(line.offsets[i])
        i += 1
    line.text = "".join(chars)
    line.offsets = offsets
    return True


def _collapse(line: LayoutLine) -> None:
    """Runs of spaces (justified text) become one space."""
    if "  " not in line.text and "\t" not in line.text:
        return
    chars: list[str] = []
    offsets: list[int] = []
    for c, o in zip(line.text, line.offsets, strict=True):
        if c in " \t\u00a0" and chars and chars[-1] == " ":
            continue
        chars.append(" " if c in " \t" else c)
        offsets.append(o)
    line.text = "".join(chars)
    line.offsets = offsets


# --- Tables -----------------------------------------------------------------------


def _cells_from(raw: str, raw_start: int, separator: str) -> list[Cell]:
    """Split a raw line at ``separator`` into stripped cells with offsets."""
    cells: list[Cell] = []
    pos = 0
    for part in raw.split(separator):
        lead = len(part) - len(part.lstrip())
        text = part.strip()
        start = raw_start + pos + lead
        cells.append(Cell(text, list(range(start, start + len(text)))))
        pos += len(part) + len(separator)
    return cells


def _pipe_cells(p: _Phys) -> list[Cell]:
    cells = _cells_from(p.raw, p.raw_start, "|")
    # A leading or trailing pipe frames the row: no cell outside it.
    if cells and not cells[0].text and p.raw.strip().startswith("|"):
        cells = cells[1:]
    if cells and not cells[-1].text and p.raw.strip().endswith("|"):
        cells = cells[:-1]
    return cells


def _pipes(text: str) -> int:
    return text.count("|")


def _row_line(cells: list[Cell], first: LayoutLine, table: int) -> LayoutLine:
    """A table row as a logical line: the cells joined with " | " (the separators
    point at the end of the cell before them)."""
    text: list[str] = []
    offsets: list[int] = []
    for k, cell in enumerate(cells):
        if k:
            point = offsets[-1] + 1 if offsets else first.start
            text.append(" | ")
            offsets.extend([point] * 3)
        text.append(cell.text)
        offsets.extend(cell.offsets)
    return LayoutLine(
        text="".join(text),
        offsets=offsets,
        page=first.page,
        indent=first.indent,
        blank_before=first.blank_before,
        cells=cells,
        table=table,
    )


def _append_cell(cell: Cell, more: Cell) -> None:
    """A wrapped cell's next piece joined to it (hyphenation undone)."""
    if not more.text:
        return
    if not cell.text:
        cell.text, cell.offsets = more.text, list(more.offsets)
        return
    joined = _join_pieces(cell.text, cell.offsets, more.text, more.offsets)
    cell.text, cell.offsets = joined


_GAP = re.compile(r"\S(?: ?\S)*")


def _columns(raw: str) -> list[tuple[int, int]]:
    """Spans of the pieces of ``raw`` separated by two spaces or more."""
    return [m.span() for m in re.finditer(r"\S+(?: \S+)*", raw)]


# --- Joining ----------------------------------------------------------------------

_HYPHENS = ("-", "\u2010", "\u00ad")


def _join_pieces(
    a: str, a_off: list[int], b: str, b_off: list[int]
) -> tuple[str, list[int]]:
    """``a`` and ``b`` joined as one text: a word broken at the line end is made
    whole again ("inter-" + "cultural"; a U+2010 or soft hyphen always, an ASCII
    hyphen when the word goes on in lower case), otherwise with one space."""
    if a and b and a[-1] in _HYPHENS and len(a) >= 2 and a[-2].isalpha():
        if b[0].isalpha() and (a[-1] != "-" or b[0].islower()):
            return a[:-1] + b, a_off[:-1] + b_off
        if a[-1] == "-" and b[0].isalpha():
            # "EU-" + "funded" stays hyphenated, without a space.
            return a + b, a_off + b_off
    point = a_off[-1] + 1 if a_off else (b_off[0] if b_off else 0)
    return a + " " + b, [*a_off, point, *b_off]


def _join(a: LayoutLine, b: LayoutLine) -> None:
    a.text, a.offsets = _join_pieces(a.text, a.offsets, b.text, b.offsets)


_LABEL_START = re.compile(r"^[^\W\d_a-z][\w.'’()/\- ]{0,45}?\s?[:：](?:\s|$)")
_FIELD = re.compile(r"(?:^|[;·|]\s*)[^\W\d_][\w.'’()/\- ]{0,40}?\s?[:：]\s")
_SENTENCE_END = re.compile(r"[.!?…»”\"')]$")
_HARD_END = re.compile(r"[:;]$")


#: A record's code before its title: "R1 That…", "A12 Open…", "M1.1 Build…".
_CODE_START = re.compile(r"^[A-Z]{1,3}\d{1,3}(?:\.\d{1,3})*[.:)]?\s+\S")


#: A letter item in any alphabet: "a)", "β)", "(c)".
_LETTER_ITEM = re.compile(r"^\(?[^\W\d_]\)\s+\S")
#: A label word or two and a code before a title ("Ειδικός Στόχος 2.1 …", "Mjera
#: 1.2. …"): a record starts when the label is one the document uses on several
#: lines (see _labels).
_LABEL_CODE = re.compile(
    r"^((?:[^\W\d_][\w'’.-]*\s){1,3})(?:\d{1,2}(?:\.\d{1,2})*|[IVX]{1,4}|[A-Z])"
    r"\b[.:)\-–]?\s+\S"
)


def _label_of(text: str) -> str | None:
    match = _LABEL_CODE.match(text)
    if match is None or not match.group(1)[:1].isupper():
        return None
    return lexicon.fold(match.group(1)).strip()


def _labels(lines: list[LayoutLine]) -> frozenset[str]:
    """Label words that start two lines or more followed by a code: the document's
    own record labels."""
    counts: dict[str, int] = {}
    for line in lines:
        label = _label_of(line.text)
        if label:
            counts[label] = counts.get(label, 0) + 1
    return frozenset(label for label, count in counts.items() if count >= 2)


def _item_start(text: str, labels: frozenset[str] = frozenset()) -> bool:
    """The line opens a list item, a numbered heading or a record (a marker);
    ``labels``: the document's record labels (_labels)."""
    if _CODE_START.match(text) or _LETTER_ITEM.match(text):
        return True
    label = _label_of(text)
    if label and label in labels:
        return True
    marker = parse_marker(text)
    if marker is None:
        return False
    if marker.style == "num" and marker.depth == 1:
        # "412 → 650", "0 people": a number with no dot or bracket is data.
        tail = text[len(marker.code) : marker.title_at]
        if (
            not tail.strip()
            and not text[marker.title_at : marker.title_at + 1].isupper()
        ):
            return False
    return True


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _continues(
    prev: LayoutLine,
    cur: LayoutLine,
    width: int,
    across: bool,
    labels: frozenset[str] = frozenset(),
    tail: int | None = None,
) -> bool:
    """Whether ``cur`` goes on the logical line ``prev`` (a wrapped paragraph or list
    item); ``across``: a blank line or page furniture lies between them."""
    whole, b = prev.text, cur.text
    if not whole or not b or prev.cells is not None or cur.cells is not None:
        return False
    # Only the end of the logical line above matters (and looking at all of a
    # long paragraph at every line would cost its length again and again).
    a = whole[-(tail or len(whole)) :] if tail else whole[-300:]
    first = b[0]
    starts_lower = first.islower()
    if across:
        # Only a sentence cut by a page break goes on after one.
        # (it goes on in lower case, or the line before stopped on a comma or a
        # short word such as "and", "y", "und").
        cut = starts_lower or bool(_CONNECTOR_END.search(a))
        return cut and not _SENTENCE_END.search(a) and not _HARD_END.search(a)
    if _item_start(b, labels):
        return False
    if _LABEL_START.match(b):
        # A new field, unless the line above is a line of several fields that
        # was wrapped after a separator ("Lead: A; Partners: B;" + "Budget: C").
        return bool(
            a.endswith((";", "·", ",", "|"))
            and len(_FIELD.findall(a)) >= 2
            and tail is not None
            and tail + 1 + len(b.split()[0]) > 0.85 * width
        )
    if a[-1] in _HYPHENS and len(a) >= 2 and a[-2].isalpha() and first.isalpha():
        return True  # a word broken, or a compound cut, at the line end
    # The line above was wrapped when the first word of this one would not have
    # fitted at its end (with some slack for justified text and wide letters).
    # ``tail``: the length of the last physical line of ``prev``.
    last_length = len(a) if tail is None else tail
    word = len(b.split()[0]) if b.split() else 0
    long_prev = last_length + 1 + word > 0.85 * width
    if _capitals(a):
        # A heading in capitals ends at its line end, unless the title goes on in
        # capitals on the next line.
        return _capitals(b) and not _SENTENCE_END.search(a) and not _HARD_END.search(a)
    if starts_lower:
        if _SENTENCE_END.search(a) and not long_prev:
            return False
        # A short line followed by a lower-case one is a wrapped cell or phrase only
        # when the short line was cut in the middle of a phrase.
        return (
            long_prev
            or a.endswith((",", "-", "‐", "(", "/", "–"))
            or (last_length >= 0.45 * width)
        )
    if not long_prev:
        return False  # a short line ends its paragraph, item or heading
    if a.endswith(";"):
        return False
    if (
        first.isdigit()
        and whole[:1].isdigit()
        and _shape(whole.split(maxsplit=1)[0]) == _shape(b.split()[0])
    ):
        return False  # lines of the same shape: a list of dated or numbered entries
    if a[-1].isdigit() or a.endswith("%"):
        return False  # a figure ends a line of data; a capital starts the next
    return True


def _wrapped_over_blank(
    prev: LayoutLine, cur: LayoutLine, width: int, tail: int
) -> bool:
    """A blank line inside a sentence (some PDF readers put one after every line):
    the line above was wrapped (the next word would not have fitted on it), did
    not end a sentence, and this one goes on in lower case."""
    a, b = prev.text, cur.text
    if prev.cells is not None or cur.cells is not None or not b[:1].islower():
        return False
    word = len(b.split()[0])
    return (
        tail + 1 + word > 0.85 * width
        and not _SENTENCE_END.search(a[-3:])
        and not _HARD_END.search(a[-3:])
    )


def _width(lines: list[LayoutLine]) -> int:
    """The width at which the text was wrapped: a high quantile of the lengths of
    the lines long enough to have been wrapped."""
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= 20)
    if len(lengths) < 5:
        return 80
    q = statistics.quantiles(lengths, n=10)[8]
    return max(40, min(int(q), 200))


# --- Putting it together ------------------------------------------------------------


def normalise(text: str) -> Layout:
    """The logical lines of ``text`` (see the module's docstring)."""
    if not isinstance(text, str):
        raise TypeError("normalise() reads text (str)")
    phys = _physical(text)
    _mark_page_furniture(phys)
    _mark_contents(phys)
    _mark_web(phys)
    _mark_rules(phys)
    lines = _build(phys)
    return Layout(text=text, lines=lines)


def _build(phys: list[_Phys]) -> list[LayoutLine]:
    out: list[LayoutLine] = []
    content = [p for p in phys if not p.line.furniture]
    for p in phys:
        p.spaced = _despace(p.line)
    width = _width([p.line for p in content])
    labels = _labels([p.line for p in content])
    positions = _positions(phys)
    # A short line printed three times or more is a field label ("Partner",
    # "Budget"): it is a logical line of its own, never joined.
    counts: dict[str, int] = {}
    for p in content:
        if len(p.line.text.split()) <= 4:
            counts[p.key] = counts.get(p.key, 0) + 1
    fixed = {key for key, count in counts.items() if count >= 3}
    table_id = 0
    i = 0
    n = len(phys)
    last: LayoutLine | None = None  # the last content line, to join onto
    across = False  # furniture or a blank line since ``last``
    tail = 0  # the length of the last physical line joined into ``last``
    last_alone = False  # ``last`` is a field label standing alone
    while i < n:
        p = phys[i]
        line = p.line
        if line.furniture:
            out.append(line)
            if line.furniture != "rule":
                across = True
            else:
                last = None
            i += 1
            continue
        rows, used = ([], 0) if p.spaced else _table_at(phys, i, table_id, positions)
        if rows:
            table_id += 1
            out.extend(rows)
            last = None
            i += used
            continue
        _collapse(line)
        alone = p.key in fixed
        if (
            last is not None
            and not alone
            and not last_alone
            and (
                _continues(last, line, width, True, labels, tail)
                if across
                else _continues(last, line, width, False, labels, tail)
                if not line.blank_before
                else _wrapped_over_blank(last, line, width, tail)
            )
        ):
            _join(last, line)
        else:
            out.append(line)
            last = line
            last_alone = alone
        tail = len(line.text)
        across = False
        i += 1
    return _attach_markers(out)


#: A list marker printed alone on its line ("1.1.1.", "IV.", "b)", "•").
_MARKER_ALONE = re.compile(
    r"^(?:\d{1,3}(?:\.\d{1,3})*\.?|\d{1,3}\)|[IVXLC]{1,6}\.|\(?[^\W\d_]\)|"
    r"[a-zA-Z]\.|[•·▪●○■◦►\-–—*])$"
)


_NUMBER_START = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?|[IVXLC]{1,6}[.)])\s")


def _attach_markers(lines: list[LayoutLine]) -> list[LayoutLine]:
    """Markers extracted apart from their items put back in front of them: a
    number alone on its line goes with the next line ("1.1.1." + title); a run of
    n markers followed by n items (a list whose numbers were extracted as a
    column) pairs them in order."""
    content = [k for k, line in enumerate(lines) if not line.furniture]
    drop: set[int] = set()
    n = 0
    while n < len(content):
        k = content[n]
        if lines[k].cells is not None or not _MARKER_ALONE.match(lines[k].text):
            n += 1
            continue
        run = n
        while (
            run < len(content)
            and lines[content[run]].cells is None
            and _MARKER_ALONE.match(lines[content[run]].text)
        ):
            run += 1
        markers = content[n:run]
        items = content[run : run + len(markers)]
        if len(items) == len(markers) and all(
            lines[m].cells is None
            and not _MARKER_ALONE.match(lines[m].text)
            and not _NUMBER_START.match(lines[m].text)
            for m in items
        ):
            for marker, item in zip(markers, items, strict=True):
                mark, line = lines[marker], lines[item]
                line.text = mark.text + " " + line.text
                line.offsets = [*mark.offsets, mark.end, *line.offsets]
                line.blank_before = mark.blank_before or line.blank_before
                line.indent = mark.indent
                drop.add(marker)
            n = run + len(markers)
        else:
            n = run
    return [line for k, line in enumerate(lines) if k not in drop]


def _table_at(
    phys: list[_Phys],
    i: int,
    table_id: int,
    positions: dict[str, list[int]] | None = None,
) -> tuple[list[LayoutLine], int]:
    """The table rows starting at physical line ``i`` (pipe, tab-separated,
    fixed-width, in two columns or flattened one cell per line), and how many
    physical lines they use; ([], 0) when none."""
    for reader in (_pipe_table, _tab_table, _fixed_table, _two_columns):
        rows, used = reader(phys, i, table_id)
        if rows:
            return rows, used
    return _flat_table(phys, i, table_id, positions)


def _pipe_table(
    phys: list[_Phys], i: int, table_id: int
) -> tuple[list[LayoutLine], int]:
    """Rows with cells between pipes ("| a | b |", or "a | b | c" from Word or HTML);
    at least two rows, or one framed row; separator rows are rules."""

    def is_row(p: _Phys) -> bool:
        t = p.line.text
        return (t.startswith("|") and t.endswith("|") and _pipes(t) >= 2) or (
            " | " in t and _pipes(t) >= 1
        )

    if not is_row(phys[i]):
        return [], 0
    j = i
    rows: list[LayoutLine] = []
    while j < len(phys):
        p = phys[j]
        if p.line.furniture in ("rule",) and _pipes(p.line.text):
            rows.append(p.line)
            j += 1
            continue
        if p.line.furniture or not is_row(p):
            break
        if (
            j > i
            and p.line.blank_before
            and _pipes(p.line.text) != _pipes(phys[j - 1].line.text)
        ):
            break
        cells = _pipe_cells(p)
        rows.append(_row_line(cells, p.line, table_id))
        j += 1
    real = [r for r in rows if r.cells is not None]
    framed = phys[i].line.text.startswith("|")
    if len(real) >= 2 or (real and framed and _pipes(phys[i].line.text) >= 3):
        return rows, j - i
    return [], 0


def _tab_table(
    phys: list[_Phys], i: int, table_id: int
) -> tuple[list[LayoutLine], int]:
    """Tab-separated rows; a line starting with a tab (an empty first cell) or
    indented without tabs continues the row above, cell by cell."""
    first = phys[i]
    if "\t" not in first.raw.strip():
        return [], 0
    rows: list[tuple[list[Cell], LayoutLine]] = []
    furniture: list[tuple[int, LayoutLine]] = []  # (rows before it, line)
    j = i
    while j < len(phys):
        p = phys[j]
        if p.line.furniture:
            # A running header inside a table: kept as furniture, the table goes on.
            k = j
            while k < len(phys) and phys[k].line.furniture:
                k += 1
            if k < len(phys) and "\t" in phys[k].raw:
                furniture.extend((len(rows), phys[m].line) for m in range(j, k))
                j = k
                continue
            break
        raw = p.raw
        if "\t" not in raw.strip() and not raw.startswith("\t"):
            # An indented continuation without tabs: joined to the longest cell.
            if rows and p.line.indent > 0 and not p.line.blank_before:
                cells = rows[-1][0]
                longest = max(range(len(cells)), key=lambda k: len(cells[k].text))
                _append_cell(cells[longest], Cell(p.line.text, list(p.line.offsets)))
                j += 1
                continue
            break
        if j > i and p.line.blank_before and not raw.startswith("\t") and rows:
            # A blank line ends the table unless the next row has the same shape.
            if len(_cells_from(raw, 0, "\t")) != len(rows[-1][0]):
                break
        cells = _cells_from(raw, p.raw_start, "\t")
        if raw.startswith("\t") and rows and not cells[0].text:
            above = rows[-1][0]
            for k, cell in enumerate(cells):
                if not cell.text:
                    continue
                if k < len(above):
                    _append_cell(above[k], cell)
                else:
                    above.append(cell)
        else:
            rows.append((cells, p.line))
        j += 1
    if len(rows) < 2 and not (rows and len(rows[0][0]) >= 3):
        return [], 0
    return _with_furniture(rows, furniture, table_id), j - i


def _with_furniture(
    rows: list[tuple[list[Cell], LayoutLine]],
    furniture: list[tuple[int, LayoutLine]],
    table_id: int,
) -> list[LayoutLine]:
    """The rows as logical lines, with the page furniture met inside the table put
    back where it was."""
    out: list[LayoutLine] = []
    pending = list(furniture)
    for k, (cells, line) in enumerate(rows):
        while pending and pending[0][0] <= k:
            out.append(pending.pop(0)[1])
        out.append(_row_line(cells, line, table_id))
    out.extend(line for _, line in pending)
    return out


def _fixed_table(
    phys: list[_Phys], i: int, table_id: int
) -> tuple[list[LayoutLine], int]:
    """A fixed-width table: a header of three columns or more separated by wide
    gaps, and rows whose pieces start under the header's columns; a row piece under
    no new column start continues the cell above (wrapped cells)."""
    head = phys[i]
    raw = head.raw.replace("\t", "    ")
    if "\t" in head.raw or "|" in raw:
        return [], 0
    spans = _columns(raw)
    if len(spans) < 3 or any(len(raw[a:b].split()) > 6 for a, b in spans):
        return [], 0
    gaps = [spans[k + 1][0] - spans[k][1] for k in range(len(spans) - 1)]
    if min(gaps) < 2:
        return [], 0
    starts = [a for a, _ in spans]
    header_cells = [
        Cell(raw[a:b], list(range(head.raw_start + a, head.raw_start + b)))
        for a, b in spans
    ]
    rows: list[tuple[list[Cell], LayoutLine]] = []
    furniture: list[tuple[int, LayoutLine]] = []
    j = i + 1
    while j < len(phys):
        p = phys[j]
        if p.line.furniture:
            furniture.append((len(rows), p.line))
            j += 1
            continue
        r = p.raw
        if (
            p.spaced
            or "\t" in r
            or (p.line.blank_before and j > i + 1 and not _aligned(r, starts))
        ):
            break
        pieces = _columns(r)
        if not pieces or not _aligned(r, starts):
            break
        cells = [Cell("", []) for _ in starts]
        for a, b in pieces:
            col = (
                max(k for k in range(len(starts)) if starts[k] <= a + 1)
                if a + 1 >= starts[0]
                else 0
            )
            piece = Cell(r[a:b], list(range(p.raw_start + a, p.raw_start + b)))
            _append_cell(cells[col], piece)
        if not cells[0].text:
            # A wrapped cell (or a header on two lines) goes on under its column.
            above = rows[-1][0] if rows else header_cells
            for k, cell in enumerate(cells):
                if cell.text:
                    _append_cell(above[k], cell)
        else:
            rows.append((cells, p.line))
        j += 1
    if len(rows) < 1:
        return [], 0
    # Furniture after the last row belongs after the table.
    while (
        furniture
        and furniture[-1][0] >= len(rows)
        and j > i + 1
        and phys[j - 1].line.furniture
    ):
        furniture.pop()
        j -= 1
    rows.insert(0, (header_cells, head.line))
    furniture = [(k + 1, line) for k, line in furniture]
    return _with_furniture(rows, furniture, table_id), j - i


_WIDE_GAP = re.compile(r"\S( {6,})\S")


def _two_columns(
    phys: list[_Phys], i: int, table_id: int
) -> tuple[list[LayoutLine], int]:
    """Lines in two columns (a value and its label printed to the right, a term
    and its meaning): two lines or more, each cut in two by one wide gap, whose
    right parts start at the same column."""

    def split(p: _Phys) -> tuple[int, int] | None:
        raw = p.raw.replace("\t", "    ")
        if "\t" in p.raw or p.spaced or p.line.furniture:
            return None
        gaps = list(_WIDE_GAP.finditer(raw))
        if len(gaps) != 1:
            return None
        return gaps[0].start(1), gaps[0].end(1)

    first = split(phys[i])
    if first is None:
        return [], 0
    column = first[1]
    rows: list[tuple[list[Cell], LayoutLine]] = []
    j = i
    while j < len(phys):
        cut = split(phys[j])
        if (
            cut is None
            or abs(cut[1] - column) > 2
            or (j > i and phys[j].line.blank_before)
        ):
            break
        p = phys[j]
        left = p.raw[: cut[0]].rstrip()
        lead = len(left) - len(left.lstrip())
        right = p.raw[cut[1] :].rstrip()
        cells = [
            Cell(
                left.strip(), list(range(p.raw_start + lead, p.raw_start + len(left)))
            ),
            Cell(
                right,
                list(range(p.raw_start + cut[1], p.raw_start + cut[1] + len(right))),
            ),
        ]
        rows.append((cells, p.line))
        j += 1
    if len(rows) < 2:
        return [], 0
    return [_row_line(cells, line, table_id) for cells, line in rows], j - i


def _aligned(raw: str, starts: list[int]) -> bool:
    """Every piece of ``raw`` (split at wide gaps) starts at or near a column start,
    or inside the first column; and there is more than one piece, or the only piece
    is indented under a later column (a wrapped cell)."""
    pieces = _columns(raw)
    if not pieces:
        return False
    near = sum(1 for a, _ in pieces if any(abs(a - s) <= 2 for s in starts))
    if len(pieces) == 1:
        return pieces[0][0] >= starts[1] - 2 if len(starts) > 1 else False
    return near >= len(pieces) - 1 and near >= 2


# --- Tables flattened one cell per line ----------------------------------------------

#: A header cell: a few words, no sentence, no list marker, no figure.
_HEADER_CELL = re.compile(r"^[^\W\d_][^.;:!?]{0,38}[^\W_)]?\)?$")


def _positions(phys: list[_Phys]) -> dict[str, list[int]]:
    """Where each (folded) line text occurs, computed once per document."""
    found: dict[str, list[int]] = {}
    for k, p in enumerate(phys):
        found.setdefault(p.key, []).append(k)
    return found


def _header_cell(text: str) -> bool:
    """A column name: a few words, no figure (a year alone is a column name)."""
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return True
    bare = re.sub(r"\((?:19|20)\d\d\.?\)", "", text)  # "Target (2027)"
    return (
        bool(_HEADER_CELL.match(text))
        and not any(c.isdigit() for c in bare)
        and not _item_start(text)
    )


def _header_block(phys: list[_Phys], i: int) -> int:
    """How many lines from ``i`` make a run of header cells (short lines without
    blank lines between them), 0 when fewer than three."""
    k = i
    while (
        k < len(phys)
        and not phys[k].line.furniture
        and (k == i or not phys[k].line.blank_before)
        and "\t" not in phys[k].raw
        and len(phys[k].line.text.split()) <= 5
        and _header_cell(phys[k].line.text)
    ):
        k += 1
    return k - i if k - i >= 3 else 0


def _shape(text: str) -> str:
    """The shape of a first cell ("A12" → "A9", "1.1.1." → "9.9.9."): what the first
    cells of the rows of one table share."""
    out = re.sub(r"\d+", "9", text)
    out = re.sub(r"[^\W\d_]+", lambda m: "A" if m.group().isupper() else "a", out)
    return out


def _flat_table(
    phys: list[_Phys],
    i: int,
    table_id: int,
    positions: dict[str, list[int]] | None = None,
) -> tuple[list[LayoutLine], int]:
    """A table flattened one cell per line: a block of k short header lines (the
    same block printed before several tables, or naming fields of the lexicon), then
    the cells row after row.  A row starts with a line shaped like the first cell
    of the first row (a code); a row with more than k lines has wrapped cells (a
    line going on in lower case joins the line above)."""
    if i > 0 and not phys[i].line.blank_before and not phys[i - 1].line.furniture:
        if _header_block(phys, i - 1):
            return [], 0  # not the start of the block
    k = _header_block(phys, i)
    if not k or i + k >= len(phys):
        return [], 0
    if positions is None:
        positions = _positions(phys)
    header = [phys[m].line.text for m in range(i, i + k)]
    key = [phys[m].key for m in range(i, i + k)]
    repeated = any(
        j != i and [p.key for p in phys[j : j + k]] == key
        for j in positions.get(key[0], ())
    )
    fields = sum(1 for t in header if lexicon.leading(t, role="field"))
    # Without a repeated header, every line must name a field (label above value
    # records alternate labels and values: those are not a table's header), or
    # the lines after the block must come in rows of k lines, each starting with
    # a first cell of the same shape (a code).
    if not repeated and fields < k and not _periodic(phys, i + k, k):
        return [], 0
    first = phys[i + k]
    if first.line.furniture:
        return [], 0
    start_shape = _shape(first.line.text) if len(first.line.text) <= 12 else ""
    # Gather the rows.
    rows: list[list[LayoutLine]] = []
    furniture: list[tuple[int, LayoutLine]] = []
    j = i + k
    while j < len(phys):
        p = phys[j]
        line = p.line
        if line.furniture:
            furniture.append((len(rows), line))
            j += 1
            continue
        if [p.key for p in phys[j : j + k]] == key:
            break  # the next table's header
        starts_row = bool(start_shape) and _shape(line.text) == start_shape
        open_row = bool(rows) and len(rows[-1]) < k
        if line.blank_before and not (starts_row or open_row):
            break
        if p.spaced or "\t" in p.raw or " | " in line.text:
            break
        if not rows or (starts_row if start_shape else len(rows[-1]) >= k):
            if rows and start_shape and len(rows[-1]) < 2:
                break
            rows.append([])
        elif len(rows[-1]) >= k + k // 2:
            break  # far more lines than a row holds: the table has ended
        _collapse(line)
        rows[-1].append(line)
        j += 1
    rows = [r for r in rows if r]
    if not rows:
        return [], 0
    # Furniture after the last row belongs after the table.
    while furniture and furniture[-1][0] >= len(rows) and phys[j - 1].line.furniture:
        furniture.pop()
        j -= 1
    header_row = [
        Cell(phys[m].line.text, list(phys[m].line.offsets)) for m in range(i, i + k)
    ]
    table: list[tuple[list[Cell], LayoutLine]] = [(header_row, phys[i].line)]
    for row in rows:
        table.append((_fit_cells(row, k), row[0]))
    furniture = [(n + 1, line) for n, line in furniture]
    return _with_furniture(table, furniture, table_id), j - i


_CONNECTOR_END = re.compile(r"(?:[,;(/\-–]|\b[^\W\d_A-Z]{1,4})$")


def _periodic(phys: list[_Phys], start: int, k: int) -> bool:
    """Whether the lines from ``start`` come in rows of k lines: the first line's
    shape (a short code) comes back every k lines, three rows or more."""
    if start >= len(phys) or len(phys[start].line.text) > 12:
        return False
    shape = _shape(phys[start].line.text)
    rows = 0
    j = start
    while j + k <= len(phys):
        block = [p for p in phys[j : j + k] if not p.line.furniture]
        if len(block) < k or _shape(block[0].line.text) != shape:
            break
        if any(_shape(p.line.text) == shape for p in block[1:]):
            return False
        rows += 1
        j += k
    return rows >= 3


def _fit_cells(row: list[LayoutLine], k: int) -> list[Cell]:
    """The lines of one row as k cells.  While there are too many: a line going on
    in lower case after a line cut in mid-phrase (long, or ending with a comma or
    a short word) joins it (a wrapped cell); a code alone takes the title after it
    (the first column holds both); the longest cell takes the line after it.  Too
    few lines leave the last cells empty."""
    cells = [Cell(line.text, list(line.offsets)) for line in row]
    m = 1
    while len(cells) > k and m < len(cells):
        before = cells[m - 1].text
        if (cells[m].text[:1].islower() or cells[m].text[:1] == "(") and (
            len(before) >= 45 or _CONNECTOR_END.search(before)
        ):
            _append_cell(cells[m - 1], cells.pop(m))
        else:
            m += 1
    if (
        len(cells) > k
        and len(cells[0].text) <= 12
        and any(c.isdigit() for c in cells[0].text)
        and len(cells[1].text) > len(cells[0].text)
    ):
        _append_cell(cells[0], cells.pop(1))
    while len(cells) > k:
        longest = max(range(len(cells) - 1), key=lambda n: len(cells[n].text))
        _append_cell(cells[longest], cells.pop(longest + 1))
    while len(cells) < k:
        cells.append(Cell("", []))
    return cells

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
  "page_number", "contents", "web"), ``cells`` (a table row's cells, each with its
  own offsets) and ``table`` (an id shared by the rows of one table, or None),
  ``section`` (the role of the section it belongs to, set by ``sections.assign``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Span = tuple[int, int]


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
    #: "" for content; else "header", "footer", "page_number", "contents", "web".
    furniture: str = ""
    #: A table row's cells, or None when the line is not a table row.
    cells: list[Cell] | None = None
    #: Rows of one table share an id.
    table: int | None = None
    #: The role of the section the line belongs to (sections.py), "" when unknown.
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


_PHYSICAL = re.compile(r"[^\n]*")


def _physical_lines(text: str) -> list[LayoutLine]:
    """Each non-empty physical line, stripped, with its offsets and page (form feeds
    count pages); the starting point that normalisation refines."""
    lines: list[LayoutLine] = []
    page = 0
    blank = False
    for match in _PHYSICAL.finditer(text):
        chunk = match.group()
        page += chunk.count("\f")
        stripped = chunk.strip().replace("\f", "")
        if not stripped:
            blank = True
            continue
        lead = len(chunk) - len(chunk.lstrip())
        start = match.start() + chunk.index(stripped[0], lead)
        lines.append(
            LayoutLine(
                text=stripped,
                offsets=list(range(start, start + len(stripped))),
                page=page,
                indent=len(chunk[:lead].replace("\t", "    ")),
                blank_before=blank,
            )
        )
        blank = False
    return lines


def normalise(text: str) -> Layout:
    """The logical lines of ``text`` (see the module's docstring)."""
    return Layout(text=text, lines=_physical_lines(text))

"""Practices found as repeated records: the field structure a collection repeats.

A collection of practices describes each practice with the same set of fields
(organisation, country, city, years, beneficiaries, description…), whatever the
arrangement on the page:

* "Label: value" lines;
* a label on its own line and the value on the line(s) below;
* two-column tables (cells split by a pipe or a tab, or a Word table's row);
* a card's meta line "Country · City · Year" (or "Organisation | City") under its
  title;
* a summary table whose header names a title column and further fields, one row
  per practice.

``find_records(lines)`` reads the fields of every line, groups them into records
(a record opens at a title field, at a repeated field, or at a meta line) and keeps
them only when the structure repeats: two or more records sharing at least two
fields.  The title of a record is its title field, else the heading line right
above its first field.  Empty form fields ("Title of the practice: ____", a
checkbox, a button) are no values: a blank form is not a record.  A summary
table's row whose title is also a record's title adds no record.

A plan sets out its measures as records too (a Word table "Label | value" per
measure, measure sheets, lines of fields "Lead: … | Time frame: … | Cost: …").  A
record that says more of what it costs and how its result is measured than of
where it happens and whom it reaches is a plan's measure, not a practice
(``is_measure``), and a row of fields is never a title, a body or a place
(``field_row``).

The lines are those of ``parse_practices`` (``_Line``); the records are turned
into its ``_Block`` so that one reader fills the practice's fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .parse_practices import (
    _BULLETED,
    _HEADING,
    _LABEL,
    _LABELS,
    _NUMBERED,
    _URL,
    Span,
    _Block,
    _cities,
    _city_country,
    _clean,
    _label_field,
    _Line,
    _section_country,
    _years,
    country_code,
    fold,
)

__all__ = ["Record", "find_records", "record_strength"]

#: A value that is a blank of a form, a checkbox or a button, not a value.
_FORM_VALUE = re.compile(r"^[\s_.…:·|─━═-]*$|^[☐☑☒□■▢\[\]]|^\[[^\]]*\]\s*$|_{4,}")
#: Column headings that name a practice's title in a summary table (folded).
_TITLE_COLUMNS = set(
    "title name practice practica pratica practici titlu nume titulo nombre titolo "
    "nome titel praxis pratique titre initiative initiativa iniciativa iniziativa "
    "project proiect proyecto progetto projeto projekt projet nazwa praktyka "
    "projekt praktijk naam τιτλοσ εργο εργα πρακτικη δρασεισ δραση προγραμμα "
    "πρωτοβουλια ονομα programme program programa programma programm".split()
)


@dataclass
class Field:
    name: str
    value: str
    span: Span
    line: int


@dataclass
class Record:
    title: str
    title_span: Span
    #: Index of the record's first line (its title line or first field line).
    start: int
    end: int = -1
    fields: dict[str, tuple[str, Span]] = field(default_factory=dict)
    #: Lines read as fields (they are not the record's description).
    field_lines: set[int] = field(default_factory=set)
    #: Lines inside the record that look like a field whose label is unknown.
    unknown: list[int] = field(default_factory=list)
    #: "labels", "table" (a summary table's row) or "card" (a meta line).
    kind: str = "labels"
    country: tuple[str, Span, int] | None = None
    #: Further (from, to) line ranges of its text (a table row's paragraphs).
    extra: list[tuple[int, int]] = field(default_factory=list)


def _split_cells(line: _Line) -> list[tuple[str, Span]] | None:
    """The cells of a table row split by pipes or tabs, with their spans."""
    raw = line.raw
    separator = "|" if "|" in raw else "\t" if "\t" in raw.strip() else None
    if separator is None:
        return None
    cells: list[tuple[str, Span]] = []
    position = 0
    for part in raw.split(separator):
        stripped = part.strip()
        if stripped:
            offset = part.index(stripped)
            begin = line.start + position + offset
            cells.append((_clean(stripped), (begin, begin + len(stripped))))
        position += len(part) + 1
    if len(cells) < 2 or all(re.fullmatch(r":?-{2,}:?", c) for c, _ in cells):
        return None
    return cells


def _is_empty(value: str) -> bool:
    return not value.strip() or bool(_FORM_VALUE.search(value.strip()))


_NULL_VALUE = re.compile(
    r"^(?:[—–―-]+|n\.?\s?[da]\.?|n/[da]|b\.\s?d\.|s\.\s?d\.|k\.\s?a\.|none|"
    r"nessuna|ninguna|nenhuma|aucune|keine|brak)$"
)


def is_null(value: str) -> bool:
    """A value that says "none" or "not given" ("—", "n.d.", "b.d."), in a table's
    cell or after a label: no organisation, no city."""
    folded = fold(value).strip(" .()")
    if not folded or _NULL_VALUE.match(folded) or _NULL_VALUE.match(folded + "."):
        return True
    from . import lexicon

    hits = lexicon.find(value, role="null")
    return bool(hits) and hits[0].start == 0 and hits[0].end >= len(value.strip()) - 1


def label_kind(label: str) -> str | None:
    """What a field's label names: the practice reader's field ("Entidad promotora"
    → "organisation"), else the lexicon's, which also knows the fields of a plan's
    measures ("Kosten" → "budget", "Indicator" → "indicator"); None for a label
    that names no field."""
    label = label.strip().rstrip(":").strip()
    if not label or len(label) > 60 or any(ch.isdigit() for ch in label):
        return None
    name = _label_field(label)
    if name is not None:
        return name
    from . import lexicon

    hit = lexicon.leading(label, role="field")
    if hit is not None and hit.start == 0 and hit.end >= len(fold(label)) - 1:
        return hit.value
    return None


def field_name(label: str) -> str | None:
    """The practice field a label names ("Entidad promotora" → "organisation"),
    else None (a plan's budget or indicator is no field of a practice)."""
    kind = label_kind(label)
    if kind is None:
        return None
    return _LEXICON_FIELDS.get(kind, kind if kind in _LABELS else None)


#: The lexicon's field values that a practice record uses, as this reader names them.
_LEXICON_FIELDS = {
    "organisation": "organisation",
    "responsible": "organisation",
    "partners": "partners",
    "country": "country",
    "city": "city",
    "years": "years",
    "time_frame": "years",
    "beneficiaries": "beneficiaries",
    "target_group": "target_group",
    "description": "description",
    "contact": "emails",
    "title": "title",
    "results": "results",
    "objective": "aims",
}


# --- Meta lines ---

_META_SPLIT = re.compile(r"\s+[·•|]\s+|\s*·\s*")
_YEARS_ONLY = re.compile(
    r"^(?:[^\W\d]+\s+){0,3}(?:19|20)\d\d(?:\s*[-–—/]\s*(?:(?:19|20)\d\d|[^\W\d]+"
    r"(?:\s+[^\W\d]+)?))?(?:\s*\([^)]*\))?$"
)


def _city_known(value: str) -> bool:
    key = fold(value).strip(" .()")
    if not key or len(key) > 40:
        return False
    if key in _cities():
        return True
    first = re.split(r"[-/,(]", key)[0].strip()
    return bool(first) and first in _cities() and len(first) >= 4


def read_meta(line: _Line) -> dict[str, tuple[str, Span]] | None:
    """A card's meta line: "France · Lyon · depuis 2017", "COSPE | Florenţa".
    Two to four parts, at least one a country, a known city or a year form, and
    at most one other part (the organisation)."""
    text = line.text
    if len(text) > 160 or ("·" not in text and "|" not in text):
        return None
    parts = [p.strip() for p in _META_SPLIT.split(text) if p.strip()]
    if not 2 <= len(parts) <= 4:
        return None
    found: dict[str, tuple[str, Span]] = {}
    others = []
    for part in parts:
        span = line.sub_span(part)
        if country_code(part) and "country" not in found:
            found["country"] = (part, span)
        elif _city_known(part) and "city" not in found:
            found["city"] = (part, span)
        elif _YEARS_ONLY.match(fold(part)) and _years(part) and "years" not in found:
            found["years"] = (part, span)
        else:
            others.append((part, span))
    if not found or len(others) > 1:
        return None
    if others:
        name, span = others[0]
        if len(name.split()) > 12 or name.endswith((".", ":")):
            return None
        found["organisation"] = (name, span)
    if len(found) < 2:
        return None
    return found


def structured(line: _Line) -> bool:
    """Whether a line is part of a record's structure: a card's meta line, a
    known field's "Label: value" or a two-column table's "Label | value" row."""
    if not line.text:
        return False
    if read_meta(line) is not None:
        return True
    cells = _split_cells(line)
    if cells is not None and len(cells) == 2:
        # Any field's row, a plan's budget or indicator too: it is content.
        return label_kind(cells[0][0]) is not None and not _is_empty(cells[1][0])
    label = _LABEL.match(line.text)
    return bool(
        label
        and not _is_empty(label.group(2))
        and field_name(label.group(1)) in _IDENTITY
    )


def bare_label(line: _Line) -> bool:
    """Whether a line is a known field's label alone, its value on the next line."""
    return (
        0 < line.words <= 6
        and _LABEL.match(line.text) is None
        and field_name(line.text) is not None
    )


def _labelled_cell(cell: str) -> str | None:
    """The field a cell "Label: value" names, else None."""
    label = _LABEL.match(cell)
    if label is None or _is_empty(label.group(2)):
        return None
    return label_kind(label.group(1))


def line_kinds(line: _Line) -> list[str]:
    """The fields a line's labels name (``label_kind``): a "Label: value" line, a
    two-column row "Label | value", a row of labelled cells "Label: value |
    Label: value", or a label alone over its value."""
    if not line.text:
        return []
    cells = _split_cells(line)
    if cells is not None:
        kinds = [_labelled_cell(cell) for cell, _ in cells]
        if len(cells) == 2 and kinds[0] is None:
            kinds[0] = label_kind(cells[0][0])
        return [kind for kind in kinds if kind]
    label = _LABEL.match(line.text)
    if label is not None:
        kind = label_kind(label.group(1))
    else:
        kind = label_kind(line.text) if line.words <= 6 else None
    return [kind] if kind else []


def field_row(line: _Line) -> bool:
    """A table row that holds a record's fields, not names: a two-column row
    whose first cell is a field's label ("Budget | €40,000") or a row with
    labelled cells ("Planning: 2026 | Cost: €5,000").  Such a row is never a
    title, and its cells are never an organisation or a city."""
    return _split_cells(line) is not None and bool(line_kinds(line))


#: What tells a plan's measure from a practice.  A plan states how a measure's
#: result will be measured (an indicator, its baseline, its target value) and what
#: it costs; a collection states where a practice happened and whom it reached
#: (``_PLACE_OR_PEOPLE``).  The body that leads or runs it, partners, years,
#: target groups and descriptions belong to both and weigh nothing.
_MEASURE_WEIGHTS = {"indicator": 2, "baseline": 2, "target": 2, "budget": 1}


def measure_kinds(kinds: set[str]) -> bool:
    """Whether a record with fields of these kinds describes a plan's measure: it
    says more of cost and measurement than of place and people."""
    measure = sum(_MEASURE_WEIGHTS.get(kind, 0) for kind in kinds)
    return measure > len(kinds & _PLACE_OR_PEOPLE)


def measure_lines(lines: list[_Line]) -> int:
    """How many lines label a plan's own fields: a cost, an indicator, a baseline
    or a target value (a practice collection labels none of these as a rule)."""
    return sum(
        1 for line in lines if any(k in _MEASURE_WEIGHTS for k in line_kinds(line))
    )


def is_measure(lines: list[_Line], ranges: list[tuple[int, int]]) -> bool:
    """Whether the fields labelled in these line ranges (a record's lines)
    describe a plan's measure rather than a practice (``measure_kinds``)."""
    kinds: set[str] = set()
    for start, end in ranges:
        for line in lines[max(start, 0) : end]:
            kinds.update(line_kinds(line))
    return measure_kinds(kinds)


# --- Reading the lines ---


def _title_text(line: _Line) -> str:
    """A heading line as a title: without list numbering, bullets and quotes."""
    text = (
        _clean(_NUMBERED.sub("", line.raw)) if _NUMBERED.match(line.raw) else line.text
    )
    return text.strip().strip("\"“”„«»'‘’").strip()


def _title_candidate(line: _Line) -> bool:
    text = line.text
    return (
        0 < len(text) <= 160
        and 0 < line.words <= 16
        and not text.endswith((".", ":", ";", ","))
        and not line.toc
        and not _is_empty(text)
        and not text.endswith("→")
        and not _URL.match(text)
        and not field_row(line)
    )


@dataclass
class _Read:
    fields: list[Field]
    #: The lines consumed as the values of a label written on its own line.
    consumed: int = 0
    #: The line is a "label: value" whose label is unknown (an unplaced field).
    unknown: bool = False
    form: bool = False
    meta: bool = False


def _read_line(lines: list[_Line], index: int) -> _Read:
    line = lines[index]
    cells = _split_cells(line)
    if cells is not None and len(cells) == 2:
        name = field_name(cells[0][0])
        if name:
            value, span = cells[1]
            if _is_empty(value):
                return _Read([], form=True)
            value, span, consumed = _wrapped_cell(lines, index, value, span)
            return _Read([Field(name, value, span, index)], consumed=consumed)
        if len(cells[0][0]) <= 40 and not cells[0][0][:1].isdigit():
            meta = read_meta(line)
            if meta is None:
                return _Read([], unknown=True)
    meta = read_meta(line)
    if meta is not None:
        return _Read([Field(n, v, s, index) for n, (v, s) in meta.items()], meta=True)
    label = _LABEL.match(line.text)
    if label and line.words <= 80:
        name = field_name(label.group(1))
        value = label.group(2).strip()
        if name:
            if _is_empty(value):
                # "Short description:" with the text below, or a form's blank.
                if not value and name in {"description", "aims", "results"}:
                    return _Read([])
                return _Read([], form=True)
            return _Read([Field(name, value, line.sub_span(value), index)])
        if value and len(label.group(1).split()) <= 4:
            return _Read([], unknown=True, form=_is_empty(value))
        return _Read([])
    # A label alone on its line, its value on the lines below.
    bare = line.text.rstrip(":").strip()
    name = field_name(bare) if line.words <= 6 else None
    if name is None:
        return _Read([])
    values: list[_Line] = []
    last = index
    long_field = name in {"description", "aims", "results", "phases"}
    # A value sits right under its label: a few lines at most (bounded look-ahead).
    for position in range(index + 1, min(index + 40, len(lines))):
        following = lines[position]
        if following.blank:
            if values or position - index > 2:
                break
            continue
        if (
            not following.text
            or field_name(following.text.rstrip(":")) is not None
            or _split_cells(following) is not None
        ):
            break
        label = _LABEL.match(following.text)
        if label and field_name(label.group(1)):
            break
        values.append(following)
        last = position
        if not long_field and len(values) >= 3:
            break
    if not values or _is_empty(values[0].text):
        return _Read([], form=bool(values))
    value = " ".join(v.text for v in values)
    span = (values[0].span[0], values[-1].span[1])
    consumed = last - index
    return _Read([Field(name, value, span, index)], consumed=consumed)


def _stands_alone(lines: list[_Line], index: int) -> bool:
    """A heading stands alone: short, and a blank line or a field follows it (a
    wrapped paragraph's first line runs on into the next)."""
    line = lines[index]
    if line.words > 10 or len(line.text) > 80:
        return False
    following = lines[index + 1] if index + 1 < len(lines) else None
    return (
        following is None
        or following.blank
        or bool(_read_line(lines, index + 1).fields)
    )


def _organisation_line(lines: list[_Line], index: int) -> int | None:
    """The index of the next content line when it is only an organisation's name
    (a kind of body or a legal form, at most a dozen words, not a sentence)."""
    from .prose import is_organisation_name

    following = next(
        (i for i in range(index, min(index + 2, len(lines))) if lines[i].text), None
    )
    if following is None:
        return None
    line = lines[following]
    if line.words > 12 or line.text.endswith((".", ":", "…")) or _split_cells(line):
        return None
    if _LABEL.match(line.text) or read_meta(line) is not None:
        return None
    return following if is_organisation_name(line.text) else None


def _wrapped_cell(
    lines: list[_Line], index: int, value: str, span: Span
) -> tuple[str, Span, int]:
    """A two-column table's cell wrapped onto the lines below without the separator:
    those lines continue it when another row of the table follows them (a
    paragraph after the table's last row is not part of its cell).  A word broken
    by a hyphen at the wrap is joined again."""
    following = index + 1
    wrapped: list[_Line] = []
    while following < len(lines) and len(wrapped) < 6:
        line = lines[following]
        if line.blank or _split_cells(line) is not None:
            break
        if _LABEL.match(line.text) or bare_label(line):
            return value, span, 0
        wrapped.append(line)
        following += 1
    if not wrapped or following >= len(lines):
        return value, span, 0
    cells = _split_cells(lines[following])
    if cells is None or len(cells) != 2 or field_name(cells[0][0]) is None:
        return value, span, 0
    for line in wrapped:
        if value.endswith("-") and line.text[:1].islower():
            value = value[:-1] + line.text
        elif value.endswith("-"):
            value += line.text
        else:
            value = f"{value} {line.text}"
    return value, (span[0], wrapped[-1].span[1]), len(wrapped)


def _heading_country(line: _Line) -> str | None:
    return _section_country(line) if line.words <= 6 else None


def find_records(lines: list[_Line]) -> list[Record]:
    """The records of a document's lines (see the module's docstring); [] when no
    field structure repeats."""
    records: list[Record] = []
    tables: list[Record] = []
    current: Record | None = None
    section: tuple[str, Span] | None = None
    columns: list[str | None] | None = None
    last_field_at = -1
    index = 0
    previous: int | None = None  # the previous content line, not read as a field

    def close(at: int) -> None:
        nonlocal current
        if current is not None:
            current.end = at
            records.append(current)
            current = None

    def open_record(title: str, span: Span, start: int, kind: str) -> Record:
        nonlocal current
        close(start)
        current = Record(title, span, start, kind=kind)
        if section is not None:
            current.country = (section[0], section[1], 1)
        return current

    while index < len(lines):
        line = lines[index]
        if line.blank or line.toc:
            index += 1
            continue
        cells = _split_cells(line)
        # A summary table: a header naming a title column and other fields.
        if cells is not None and len(cells) >= 3:
            keys = [fold(c).strip(" :") for c, _ in cells]
            if (
                any(k in _TITLE_COLUMNS for k in keys)
                and sum(1 for k in keys if field_name(k)) >= 1
                and not measure_kinds({k for c, _ in cells if (k := label_kind(c))})
            ):
                columns = [
                    "title" if k in _TITLE_COLUMNS else field_name(k) for k in keys
                ]
                close(index)
                index += 1
                continue
            if columns is not None and len(cells) == len(columns):
                row = Record(cells[0][0], cells[0][1], index, index + 1, kind="table")
                for key, (value, span) in zip(columns, cells, strict=True):
                    if key == "title":
                        row.title, row.title_span = value, span
                    elif key and not _is_empty(value) and not is_null(value):
                        row.fields.setdefault(key, (value, span))
                row.field_lines.add(index)
                tables.append(row)
                index += 1
                continue
        if cells is None or len(cells) < 3:
            columns = None
        read = _read_line(lines, index)
        if read.fields:
            names = {f.name for f in read.fields}
            title_field = next((f for f in read.fields if f.name == "title"), None)
            repeated = current is not None and bool(
                names & (set(current.fields) - {"description"})
            )
            stale = (
                current is not None
                and last_field_at >= 0
                and (
                    index - last_field_at > 1
                    and previous is not None
                    and previous > last_field_at
                    and _title_candidate(lines[previous])
                )
            )
            if title_field is not None:
                start = index
                if (
                    previous is not None
                    and previous > last_field_at
                    and fold(_title_text(lines[previous])) == fold(title_field.value)
                ):
                    start = previous  # the heading above repeats the title field
                elif current is not None and current.title and not repeated:
                    start = index
                if current is not None and not current.fields:
                    current = None
                open_record(title_field.value, title_field.span, start, "labels")
            elif current is None or repeated or stale or read.meta:
                title_line = previous if previous is not None else None
                if (
                    title_line is None
                    or title_line <= last_field_at
                    or not _title_candidate(lines[title_line])
                ):
                    # No title above: these fields belong to no record.
                    close(index)
                    last_field_at = index + read.consumed
                    index += 1 + read.consumed
                    continue
                title_source = lines[title_line]
                heading = _HEADING.search(title_source.folded)
                title = _title_text(title_source)
                if heading and heading.group(2):
                    title = title_source.text[-len(heading.group(2)) :].strip()
                open_record(
                    title,
                    title_source.sub_span(title),
                    title_line,
                    "card" if read.meta else "labels",
                )
            target = current
            if target is None:  # pragma: no cover - every branch above opens one
                index += 1
                continue
            for found in read.fields:
                if found.name in ("organisation", "city", "country") and is_null(
                    found.value
                ):
                    continue
                if found.name != "title" and found.name not in target.fields:
                    target.fields[found.name] = (found.value, found.span)
            target.field_lines.update(range(index, index + read.consumed + 1))
            last_field_at = index + read.consumed
            index += 1 + read.consumed
            if read.meta and "organisation" not in target.fields:
                # A card names its body on the line under the meta line, often
                # without a label ("Stichting X", "X e.V.").
                after = _organisation_line(lines, index)
                if after is not None:
                    target.fields["organisation"] = (
                        lines[after].text,
                        lines[after].span,
                    )
                    target.field_lines.add(after)
                    last_field_at = after
                    index = after + 1
            continue
        if current is not None and (read.unknown or read.form):
            if read.unknown and not read.form:
                current.unknown.append(index)
            current.field_lines.add(index)
            last_field_at = index
            index += 1
            continue
        code = _heading_country(line)
        if code and not _BULLETED.match(line.raw):
            close(index)
            section = (code, line.span)
        elif (
            current is not None
            and index > last_field_at
            and _title_candidate(line)
            and index > 0
            and lines[index - 1].blank
            and _stands_alone(lines, index)
        ):
            # A heading after the record's text: the record ends here.
            close(index)
        previous = index
        index += 1
    close(len(lines))
    # A plan's measure sheets repeat their fields too: they are no practices.
    records = [r for r in records if not is_measure(lines, [(r.start, r.end)])]
    kept = _repeated(records, tables)
    _attach_texts(lines, kept)
    return kept


def _attach_texts(lines: list[_Line], kept: list[Record]) -> None:
    """A table's row gets the paragraphs under its title printed again below the
    table (the title seen again opens the row's text, not a new record)."""
    rows = {fold(r.title): r for r in kept if r.kind == "table"}
    if not rows:
        return
    last = max(r.start for r in kept)
    current: Record | None = None
    for index in range(last + 1, len(lines)):
        line = lines[index]
        if line.blank or line.toc:
            continue
        row = rows.get(fold(_title_text(line)))
        if row is not None and not row.extra:
            if current is not None:
                current.extra = [(current.extra[0][0], index)]
            current = row
            row.extra = [(index + 1, len(lines))]
            row.field_lines.add(index)
        elif current is not None and _title_candidate(line) and lines[index - 1].blank:
            current.extra = [(current.extra[0][0], index)]
            current = None


def _repeated(records: list[Record], tables: list[Record]) -> list[Record]:
    """The records when their structure repeats, the summary tables' rows added only
    for titles no record has."""
    # A practice record says where it happens or for how many people: a title over
    # a single field (an objective, a list of activities) is a heading, and a
    # body with a time frame and a budget is a plan's measure, not a practice.
    kept = [
        r
        for r in records
        if r.title and len(r.fields) >= 2 and set(r.fields) & _PLACE_OR_PEOPLE
    ]
    # The fields the records share: the structure repeats when two records or more
    # have at least two of them.
    counts: dict[str, int] = {}
    for record in kept:
        for name in record.fields:
            counts[name] = counts.get(name, 0) + 1
    shared = {n for n, c in counts.items() if c >= 2}
    kept = [r for r in kept if len(set(r.fields) & shared) >= 2]
    if len(kept) < 2:
        kept = []
    titles = {fold(r.title) for r in kept}
    # A table of practices has a place or people column; a plan's table of
    # measures (code, action, responsible body, partners) has none.
    rows = [
        t
        for t in tables
        if t.title and fold(t.title) not in titles and set(t.fields) & _PLACE_OR_PEOPLE
    ]
    if len(rows) >= 2 or (rows and kept):
        kept = sorted([*kept, *rows], key=lambda r: r.start)
    return kept


#: A practice happens somewhere or for someone: a record with a body, partners and
#: a time frame but no place and no people is a plan's measure (its "responsible
#: body"), not a practice.
_PLACE_OR_PEOPLE = {"country", "city", "beneficiaries"}

#: Fields that say who runs a practice, where and for whom (a plan's measure also
#: has activities and a time frame, but no place, body or people of its own).
_IDENTITY = {"organisation", "country", "city", "beneficiaries", "target_group"}


def record_strength(records: list[Record]) -> float:
    """How sure the repetition is (0–1): more records and more shared fields."""
    if len(records) < 2:
        return 0.0
    counts: dict[str, int] = {}
    for record in records:
        for name in record.fields:
            counts[name] = counts.get(name, 0) + 1
    shared = [n for n, c in counts.items() if c >= max(2, len(records) // 2)]
    share = min(1.0, len(shared) / 3)
    return round(min(1.0, 0.35 + 0.1 * len(records)) * (0.5 + 0.5 * share), 2)


def to_block(record: Record) -> _Block:
    """The record as the practice reader's block."""
    block = _Block(
        record.title,
        record.title_span,
        record.start,
        record.start + 1,
        record.end,
    )
    block.fields = dict(record.fields)
    block.extra = list(record.extra)
    block.skip = set(record.field_lines)
    if record.country is not None:
        block.country = record.country
    if "country" in record.fields:
        value, span = record.fields["country"]
        code = country_code(value) or _city_country(value)
        if code:
            block.country = (code, span, 4)
    return block

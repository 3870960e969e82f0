"""Practices written as prose: a news article's or a newsletter's project paragraphs.

An article that presents projects gives each one a paragraph: the project's name
in quotation marks („…", «…», "…", “…”, ‘…’), the body that runs it, the place,
the years and how many people took part, in the sentences around the name.
``find_projects(lines, language)`` makes one practice of each such paragraph:

* the title is the first quoted name of one to nine words (a quoted sentence is
  speech, not a name);
* a paragraph is a project only when, besides its name, it gives at least two of:
  an organisation, a year form, a number of people, a known city; announcements
  (calls for proposals, deadlines, registrations, webinars) are not projects;
* the organisation is a run of capitalised words ending in a legal form (e.V.,
  gGmbH, ASBL…) or opened by a kind of body (association, foundation, Verein…);
  a body named in several paragraphs is the article's publisher or funder, not a
  project's;
* the city is a known city of the paragraph, one after a locative word first; a
  district written "City-District" gives the city;
* beneficiaries are people reached or taking part, never consultations, calls or
  contacts; a number of families only when it is the only count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import fold
from .parse_practices import (
    _BENEFICIARIES,
    _BULLETED,
    _FROM_TO,
    _RANGE,
    _SINCE,
    _YEAR,
    _cities,
    _city_country,
    _Line,
    _number,
    country_code,
)
from .shapes import PracticeDraft, Span

__all__ = ["find_projects", "publication_country"]

_QUOTED = re.compile(r"[„“\"«‹‘‚]\s*([^„“”\"«»‹›‘’‚\n]{2,90}?)\s*[“”\"»›’‘]")
#: Paragraphs that announce something (a call, a deadline, an event) rather than
#: describe a project (folded text).
_ANNOUNCEMENT = re.compile(
    r"\b(?:call for (?:proposals|applications)|deadline|apply by|register|webinar|"
    r"convocatoria|plazo|inscripcion|bando|scadenza|iscrizion|ausschreibung|"
    r"bewerbungsfrist|anmeldung|appel a projets|date limite|inscription|"
    r"termin zgloszen|nabor wnioskow|oproep|aanmelden|προθεσμια|προσκληση)\w*"
)
#: Legal forms that end an organisation's name.
_LEGAL = (
    r"e\.\s?V\.|gGmbH|GmbH|gUG|UG|AG|ASBL|asbl|VZW|vzw|APS|ODV|ONLUS|Onlus|ETS|"
    r"S\.?L\.?|Ltd\.?|CIC|CIO|eG|gAG|Sp\.\s?z\s?o\.o\.|AMKE|ΑΜΚΕ|NGO"
)
_NAME_WORD = r"[A-ZÀ-ÝĀ-ſ\u0391-\u03a9][\w'’&.\-]*"
_ORG_LEGAL = re.compile(
    rf"((?:{_NAME_WORD}\s+)(?:(?:{_NAME_WORD}|de|di|del|della|des|du|der|für|of|"
    rf"and|&|und|y|e|et)\s+){{0,6}}(?:{_LEGAL}))(?!\w)"
)
#: Kinds of body that open an organisation's name (folded), and that are dropped
#: before a name that carries its own legal form ("des Vereins X e.V." → "X e.V.").
_KINDS = (
    r"associazione|associacao|association|asociacion|asociatia|stowarzyszenie|"
    r"fundacja|fundacion|fondazione|fundacao|fondation|foundation|fundatia|stiftung|"
    r"stichting|vereniging|cooperativa|cooperative|cooperatieve|cooperativa sociale|"
    r"verein|vereins|vereines|collectif|collettivo|colectivo|kollektiv|"
    r"σωματειο|συλλογοσ|οργανωση|ιδρυμα|vzw|asbl|aps|ong|ngo|onlus"
)
_KIND_START = re.compile(rf"^(?:{_KINDS})\b")
_ORG_KIND = re.compile(
    rf"(?<!\w)((?i:{_KINDS})\s+(?:(?:{_NAME_WORD}|de|di|del|della|des|du|der|für|of|"
    rf"d'|l'|la|le|il|el|do|da|dos|das)\s*){{1,7}})"
)
_ARTICLES = re.compile(
    r"^(?:die|der|das|des|dem|den|the|la|le|les|il|lo|el|los|las|l'|o|a|os|as|"
    r"het|de|η|ο|το|τησ|του)\s+",
    re.IGNORECASE,
)
_FAMILY = re.compile(
    r"\b(?:families|familias|famiglie|familien|familles|familii|gezinnen|rodzin\w*|"
    r"οικογενει\w*|households|hogares|nuclei)\b"
)
_LOCATIVE = re.compile(
    r"(?:\b(?:in|en|a|à|au|aux|nach|aus|im|w|we|σε|στη|στην|στο|στον|te|at|from|"
    r"di|da|de|dans|em|no|na|nel|nella|van)\s+)$",
    re.IGNORECASE,
)
_CAPITAL_WORD = re.compile(r"(?<![\w-])([A-ZÀ-ÝĀ-ſ\u0391-\u03a9][\w'’]+(?:-[\w'’]+)*)")
_BARE_YEAR = re.compile(rf"(?<![\d.:/])({_YEAR})(?![\d.:/])")

#: The country a publication in a language implies when it never prints one.
_LANGUAGE_COUNTRY = {
    "it": "IT",
    "de": "DE",
    "el": "GR",
    "pl": "PL",
    "ro": "RO",
    "nl": "NL",
    "fr": "FR",
    "es": "ES",
    "pt": "PT",
    "sv": "SE",
    "hr": "HR",
    "sl": "SI",
    "hu": "HU",
    "cs": "CZ",
    "sk": "SK",
    "bg": "BG",
    "da": "DK",
    "fi": "FI",
    "et": "EE",
    "lv": "LV",
    "lt": "LT",
}


@dataclass
class _Paragraph:
    text: str
    #: Source offset of each character of ``text``.
    offsets: list[int]
    lines: list[_Line]

    def span(self, begin: int, end: int) -> Span:
        return (self.offsets[begin], self.offsets[end - 1] + 1)

    def find(self, value: str, after: int = 0) -> Span:
        index = self.text.find(value, after)
        if index < 0:
            index = self.text.find(value)
        if index < 0:
            return self.span(0, len(self.text))
        return self.span(index, index + len(value))


def _paragraphs(lines: list[_Line]) -> list[_Paragraph]:
    found: list[_Paragraph] = []
    group: list[_Line] = []

    def flush() -> None:
        if not group:
            return
        text, offsets = "", list[int]()
        for line in group:
            start, _ = line.span
            raw = line.raw.strip()
            if text:
                text += " "
                offsets.append(offsets[-1] + 1)
            text += raw
            offsets.extend(range(start, start + len(raw)))
        found.append(_Paragraph(text, offsets, list(group)))
        group.clear()

    for line in lines:
        if line.blank or line.toc:
            flush()
            continue
        group.append(line)
    flush()
    return found


def _is_name(name: str) -> bool:
    """A quoted project name, not quoted speech: one to nine words, a capital
    first, no sentence punctuation."""
    words = name.split()
    return (
        1 <= len(words) <= 9
        and name[:1].isupper()
        and not name.endswith((".", ",", "!", "?", ";", ":"))
        and "," not in name
    )


#: A capitalised name after the word "project" (or a kin), when no name is quoted.
_NAMED = re.compile(
    r"(?i:\b(?:project|projekt|progetto|projet|proyecto|projeto|proiectul|"
    r"programme|initiative|iniciativa|iniziativa|initiatief|εργο|προγραμμα)\s+)"
    rf"({_NAME_WORD}(?:\s+(?:(?:im|in|am|de|di|del|della|des|du|der|for|of|and|und|"
    rf"y|e|et|en|i|la|le|el)\s+)?{_NAME_WORD}){{0,5}})"
)


def _title(paragraph: _Paragraph) -> tuple[str, int, int] | None:
    """(name, start, end) of the project a paragraph names: the first quoted name,
    else a capitalised name after "project" and its kin."""
    for match in _QUOTED.finditer(paragraph.text):
        if _is_name(match.group(1).strip()):
            return match.group(1), match.start(1), match.end(1)
    for match in _NAMED.finditer(paragraph.text):
        name = match.group(1).rstrip(".,;:")
        if _is_name(name) and not country_code(name):
            return name, match.start(1), match.start(1) + len(name)
    return None


#: Names that end with their kind of body ("Food Friends Association").
_ORG_TAIL = re.compile(
    rf"((?:{_NAME_WORD}\s+){{1,5}}(?:Association|Foundation|Trust|Society|"
    r"Cooperative|Co-operative|Collective|Network|Centre|Center|Charity|Institute|"
    r"Alliance|Verein|Stiftung|Genossenschaft|Initiative|Netzwerk|Vereniging|"
    r"Stichting|Collectif|Réseau))(?!\w)"
)


def is_organisation_name(text: str) -> bool:
    """Whether a short line is an organisation's name: it opens with a kind of body
    or a legal form ("Stichting X", "vzw X") or ends with a legal form ("X e.V.")."""
    folded = fold(text.strip())
    return bool(_KIND_START.match(folded)) or bool(
        re.search(rf"(?:^|\s)(?:{_LEGAL})$", text.strip())
    )


def organisations_in(text: str) -> list[tuple[str, int]]:
    """(name, position) of the organisations a paragraph names."""
    found = []
    for match in _ORG_LEGAL.finditer(text):
        name = _ARTICLES.sub("", match.group(1).strip())
        words = name.split()
        while len(words) > 2 and _KIND_START.match(fold(words[0])):
            words = words[1:]
        name = " ".join(words)
        found.append((name, match.start(1) + match.group(1).find(name)))
    for match in _ORG_TAIL.finditer(text):
        name = _ARTICLES.sub("", match.group(1).strip())
        position = match.start(1) + match.group(1).find(name)
        if not any(a <= position < a + len(n) for n, a in found):
            found.append((name, position))
    taken = [(p, p + len(n)) for n, p in found]
    for match in _ORG_KIND.finditer(text):
        if any(a < match.end(1) and match.start(1) < b for a, b in taken):
            continue
        name = match.group(1).strip().rstrip(",.;")
        name = re.sub(
            r"\s+(?:de|di|del|della|des|du|der|für|of|d'|l'|la|le|il|el|do|da|dos|das)$",
            "",
            name,
        )
        if len(name.split()) < 2 or any(name in other for other, _ in found):
            continue
        found.append((name, match.start(1)))
    return sorted(found, key=lambda item: item[1])


#: Greek letters in Latin script (ELOT 743, simplified): the city table holds the
#: Latin names only ("Θεσσαλονίκη" → "thessaloniki").
_GREEK = str.maketrans(
    {
        "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i",
        "θ": "th", "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x",
        "ο": "o", "π": "p", "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y",
        "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
    }
)  # fmt: skip


def city_key(name: str) -> str:
    """The city table's key of a name as printed, Greek names transliterated."""
    key = fold(name)
    if any("\u0370" <= ch <= "\u03ff" for ch in key):
        key = key.replace("ου", "ou").replace("αι", "ai").translate(_GREEK)
    return key


def _city(paragraph: _Paragraph) -> tuple[str, Span] | None:
    cities = _cities()
    best: tuple[int, str, Span] | None = None
    for match in _CAPITAL_WORD.finditer(paragraph.text):
        word = match.group(1)
        for candidate in (word, word.split("-")[0]):
            key = city_key(candidate)
            if len(key) < 3 or country_code(key) or key not in cities:
                continue
            before = paragraph.text[max(0, match.start() - 12) : match.start()]
            cued = bool(_LOCATIVE.search(before))
            if not cued and cities[key][1] < 50_000:
                continue
            rank = 0 if cued else 1
            span = paragraph.span(match.start(), match.start() + len(candidate))
            if best is None or rank < best[0]:
                best = (rank, candidate, span)
            break
    return (best[1], best[2]) if best else None


def _years(text: str) -> tuple[str, int, int | None, int] | None:
    """(as written, start, end, position) of the first year form of a paragraph."""
    folded = fold(text)
    options = []
    for pattern in (_RANGE, _FROM_TO):
        match = pattern.search(folded)
        if match:
            end = match.group(2)
            options.append(
                (
                    match.start(),
                    match.group(0),
                    int(match.group(1)),
                    int(end) if end.isdigit() else None,
                )
            )
    match = _SINCE.search(folded)
    if match:
        options.append((match.start(), match.group(0), int(match.group(1)), None))
    if not options:
        match = _BARE_YEAR.search(folded)
        if match:
            year = int(match.group(1))
            options.append((match.start(), match.group(1), year, year))
    if not options:
        return None
    position, written, start, end = min(options, key=lambda o: o[0])
    return text[position : position + len(written)], start, end, position


def _people(text: str) -> tuple[str, int, int] | None:
    """(as written, number, position) of the people a paragraph says it reached."""
    folded = fold(text)
    families = None
    for match in _BENEFICIARIES.finditer(folded):
        number = _number(match.group(2))
        if number is None:
            continue
        found = (text[match.start() : match.end()], number, match.start())
        if _FAMILY.search(match.group(0)):
            families = families or found
            continue
        return found
    return families


def publication_country(lines: list[_Line], language: str) -> str | None:
    """The country a publication implies: the one its known cities name most, else
    its language's."""
    counts: dict[str, int] = {}
    cities = _cities()
    for line in lines:
        for match in _CAPITAL_WORD.finditer(line.text):
            key = fold(match.group(1).split("-")[0])
            if key in cities and cities[key][1] >= 100_000 and not country_code(key):
                counts[cities[key][0]] = counts.get(cities[key][0], 0) + 1
    if counts:
        best = max(counts.items(), key=lambda item: item[1])
        if best[1] >= 2:
            return best[0]
    return _LANGUAGE_COUNTRY.get(language)


def _split(paragraph: _Paragraph) -> list[_Paragraph]:
    """The parts of a paragraph that begin at the sentences naming a project."""
    starts: list[int] = []
    for match in _QUOTED.finditer(paragraph.text):
        if not _is_name(match.group(1).strip()):
            continue
        # The sentence's start, looked for in a bounded window before the name.
        window = max(0, match.start() - 400)
        boundary = max(
            paragraph.text.rfind(mark, window, match.start())
            for mark in (". ", "; ", "! ")
        )
        start = boundary + 2 if boundary >= 0 else 0
        if not starts or start > starts[-1]:
            starts.append(start)
    if len(starts) < 2:
        return [paragraph]
    starts[0] = 0
    bounds = [*starts[1:], len(paragraph.text)]
    return [
        _Paragraph(
            paragraph.text[a:b].strip(),
            paragraph.offsets[a : a + len(paragraph.text[a:b].strip())],
            paragraph.lines,
        )
        for a, b in zip(starts, bounds, strict=True)
    ]


def _project(
    paragraph: _Paragraph, mentions: dict[str, int], default_country: str | None
) -> PracticeDraft | None:
    """The project a paragraph (or part of one) describes, if it reads as one."""
    quoted = _title(paragraph)
    if quoted is None:
        return None
    title, title_start, title_end = quoted
    organisations = [
        (n, p)
        for n, p in organisations_in(paragraph.text)
        if mentions.get(fold(n), 0) < 3
    ]
    years = _years(paragraph.text)
    people = _people(paragraph.text)
    city = _city(paragraph)
    evidence = sum(bool(x) for x in (organisations, years, people, city))
    if evidence < 2:
        return None
    practice = PracticeDraft(
        title=title, spans={"title": paragraph.span(title_start, title_end)}
    )
    if organisations:
        # The body nearest to the project's name.
        name, position = min(organisations, key=lambda o: abs(o[1] - title_start))
        practice.organisation = name
        practice.spans["organisation"] = paragraph.span(position, position + len(name))
    if city:
        practice.city, practice.spans["city"] = city
        known = _cities().get(city_key(city[0]))
        practice.country = known[0] if known else _city_country(city[0])
        practice.spans["country"] = city[1]
    if not practice.country and default_country:
        practice.country = default_country
    if years:
        written, start, end, position = years
        practice.years = written
        practice.start_year, practice.end_year = start, end
        practice.spans["years"] = paragraph.span(position, position + len(written))
    if people:
        written, number, position = people
        practice.beneficiaries = written
        practice.beneficiaries_count = number
        practice.spans["beneficiaries"] = paragraph.span(
            position, position + len(written)
        )
    practice.description = paragraph.text
    practice.summary = (
        paragraph.text
        if len(paragraph.text) <= 300
        else paragraph.text[:297].rsplit(" ", 1)[0] + "…"
    )
    practice.spans["description"] = paragraph.span(0, len(paragraph.text))
    # Prose is read less surely than labelled fields.
    practice.confidence = round(0.4 + 0.1 * evidence, 2)
    return practice


def find_projects(lines: list[_Line], language: str) -> list[PracticeDraft]:
    """One practice per project paragraph; [] unless two paragraphs describe
    projects (a single one is an article about one thing, not a collection)."""
    paragraphs = _paragraphs(lines)
    # Bodies named in several paragraphs: the publisher or the funder.
    mentions: dict[str, int] = {}
    for paragraph in paragraphs:
        found = organisations_in(paragraph.text)
        for name in {fold(n) for n, _ in found}:
            mentions[name] = mentions.get(name, 0) + 1
    default_country = publication_country(lines, language)
    practices: list[PracticeDraft] = []
    for paragraph in paragraphs:
        if len(paragraph.text) < 100 or _BULLETED.match(paragraph.lines[0].raw):
            continue
        if _ANNOUNCEMENT.search(fold(paragraph.text)):
            continue
        # A paragraph may present several projects, each from the sentence that
        # names it; when the parts do not each read as a project, the paragraph
        # is one project (the other names are mentions).
        parts = [
            _project(part, mentions, default_country) for part in _split(paragraph)
        ]
        if len(parts) > 1 and not all(parts):
            parts = [_project(paragraph, mentions, default_country)]
        practices.extend(p for p in parts if p is not None)
    # A collection in prose is made of its project paragraphs: two projects lost in
    # a long report or plan are examples, not a collection.
    long_paragraphs = sum(1 for p in paragraphs if len(p.text) >= 100)
    if len(practices) < 2 or len(practices) < 0.25 * long_paragraphs:
        return []
    return practices

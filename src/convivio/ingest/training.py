"""Training data for the line labeller: documents with gold annotations turned into
labelled logical lines.

A gold file (the ingest-dev corpus format: areas / objectives / measures with code
and title, indicators keyed by measure code, recommendations with audience and
first words; or practices with title and fields) says *what* a document holds, not
*where*.  ``gold_lines`` finds where: every gold record is aligned with the logical
line (layout.normalise) that prints it, and the other lines get a label from
what surrounds them.  The alignment rules are general facts about documents:

- a node is printed as its code (a stand-alone token, after an optional label word
  such as "Medida" or "Asse") followed by the start of its title, on the same line
  or the next one (label line above the title);
- a contents block repeats headings before the body: a line in a contents block
  (furniture, dot leaders, a trailing page number) never stands for the node;
- nodes come in reading order (depth first: an area, its objectives, their
  measures), so each node is looked for after the one before it;
- fields of a record (lead body, time frame, budget, label: value lines) sit
  between the record's title line and the next record;
- recommendations follow their audience heading.

Stable API: ``LABELS``, ``gold_lines(document_path, gold_path) -> (Layout,
labels)``, ``corpus_documents(dirs) -> [(document, gold)]``.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from . import lexicon, segments
from .extract import ExtractionError, extract, read_file
from .layout import Layout, LayoutLine, normalise
from .outline import is_heading_like, parse_marker

LABELS = (
    "area",
    "objective",
    "measure",
    "field",
    "indicator",
    "audience",
    "recommendation",
    "practice",
    "heading",
    "text",
    "noise",
)

#: Document formats read next to a gold file, in the order score-ingest.py tries.
DOCUMENT_SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".md")

ROOT = Path(__file__).resolve().parents[3]
#: Gold files for the seed documents (the documents stay in ../shared/seeds).
SEED_GOLD = ROOT / "tests" / "ingest" / "data" / "seed-gold"


def seeds_dir() -> Path:
    return Path(
        os.environ.get("CONVIVIO_SEEDS_DIR") or ROOT.parent / "shared" / "seeds"
    )


def norm(text: str) -> str:
    """Folded letters and digits only: hyphenation, punctuation and spacing vanish,
    so a title wrapped or hyphenated across lines still compares equal."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[\W_]+", "", text)


def corpus_documents(dirs: Iterable[str | os.PathLike]) -> list[tuple[Path, Path]]:
    """(document, gold) pairs of each folder: ``NN_slug.gold.json`` beside its
    document, or, for gold files of documents kept elsewhere (the seeds), the file
    their ``"source"`` key names in the seeds folder."""
    pairs: list[tuple[Path, Path]] = []
    for folder in dirs:
        for gold in sorted(Path(folder).glob("*.gold.json")):
            stem = gold.name[: -len(".gold.json")]
            found = [gold.with_name(stem + s) for s in DOCUMENT_SUFFIXES]
            document = next((f for f in found if f.exists()), None)
            if document is None:
                source = json.loads(gold.read_text(encoding="utf-8")).get("source")
                if source and (seeds_dir() / source).exists():
                    document = seeds_dir() / source
            if document is not None:
                pairs.append((document, gold))
    return pairs


def document_layout(
    document_path: str | os.PathLike, language: str | None = None
) -> Layout:
    """The document read as the CLI reads it, normalised into logical lines with
    their section roles (as the plan reader sees it)."""
    path = Path(document_path)
    layout = normalise(extract(read_file(path), path.name).text)
    segments.assign(layout, language)
    return layout


# --- alignment -------------------------------------------------------------------

_CONTENTS_TAIL = re.compile(r"(?:\.{3,}|…{2,}|(?:\s\.){3,}|\s\d{1,3})\s*$")
_LEAD = r"^[\s|\-–—•·*▪●○►>#\"'«„“(]*(?:[^\W\d_][\w'’.]*\.?\s+){0,3}?"


def _is_contents(line: LayoutLine) -> bool:
    """A contents entry: marked so by the layout, or a heading ending in dot
    leaders or a page number."""
    if line.furniture:
        return True
    return bool(_CONTENTS_TAIL.search(line.text)) and len(line.text) < 160


def _code_rest(text: str, code: str) -> str | None:
    """The text after ``code`` when the line is numbered by it (after an optional
    label word of at most three words), else None."""
    pattern = re.compile(
        _LEAD + re.escape(code) + r"(?![\w])(?!\.\d)(?!,\d)", re.IGNORECASE
    )
    match = pattern.match(text)
    if not match:
        return None
    return text[match.end() :]


def _title_matches(rest: str, following: list[str], title: str) -> bool:
    """The title starts in ``rest`` or, when ``rest`` holds no words, on one of the
    next two lines (a label line above its title; a table flattened one cell per
    line, where a short cell such as the parent's code may come between).  Compared
    on folded letters and digits, on the first 24 of them."""
    want = norm(title)[:24]
    if not want:
        return True
    tries = [norm(rest)]
    if len(tries[0]) < 4:
        tries = [norm(rest + " " + f) for f in following[:1]]
        if following[:1] and len(following[0]) <= 12:
            tries += [norm(rest + " " + f) for f in following[1:2]]
    for got in tries:
        size = min(len(want), max(len(got), 1))
        if size >= min(len(want), 6) and got[:size] == want[:size]:
            return True
        # A label word between the code and the title ("1.2. Specific objective:
        # To promote…", "A5 | O2.1 | Create…").
        if 0 < got.find(want[:16]) <= 30:
            return True
    return False


def _contains_start(text: str, phrase: str, size: int = 24) -> bool:
    want = norm(phrase)[:size]
    return bool(want) and want in norm(text)


def _starts_with(text: str, phrase: str, size: int = 24, slack: int = 6) -> bool:
    want = norm(phrase)[:size]
    if not want:
        return False
    at = norm(text).find(want)
    return 0 <= at <= slack


def _node_order(plan: dict) -> list[tuple[str, dict]]:
    """The plan's nodes depth first (document order): area, its objectives, their
    measures; measures of an area without coded objectives follow the area."""
    areas = plan.get("areas", [])
    objectives = plan.get("objectives", [])
    measures = plan.get("measures", [])
    order: list[tuple[str, dict]] = []
    placed: set[int] = set()

    def add_measures(parent: str) -> None:
        for i, m in enumerate(measures):
            if i not in placed and m.get("parent") == parent:
                placed.add(i)
                order.append(("measure", m))

    for area in areas:
        order.append(("area", area))
        for objective in objectives:
            if objective.get("parent") == area.get("code"):
                order.append(("objective", objective))
                add_measures(objective.get("code"))
        add_measures(area.get("code"))
    for i, m in enumerate(measures):  # parents not found: keep them anyway
        if i not in placed:
            order.append(("measure", m))
    return order


def _plans(gold: dict) -> list[dict]:
    return gold["plans"] if "plans" in gold else [gold]


def gold_lines(
    document_path: str | os.PathLike, gold_path: str | os.PathLike
) -> tuple[Layout, list[str]]:
    """The document's logical lines and a label (one of ``LABELS``) for each."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    layout = document_layout(document_path, gold.get("language") or None)
    return layout, align(layout, gold)


def align(layout: Layout, gold: dict) -> list[str]:
    """Labels for ``layout``'s lines from a gold annotation (see the module)."""
    lines = layout.lines
    texts = [line.text for line in lines]
    labels = ["" for _ in lines]
    contents = [_is_contents(line) for line in lines]
    for i, line in enumerate(lines):
        if line.furniture:
            labels[i] = "noise"

    def following(i: int) -> list[str]:
        return texts[i + 1 : i + 3]

    node_lines: list[tuple[int, dict]] = []  # (line, gold measure) in order
    cursor = 0
    for plan in _plans(gold):
        for kind, node in _node_order(plan):
            code = str(node.get("code") or "")
            title = node.get("title") or ""
            if code:
                candidates = [
                    i
                    for i, text in enumerate(texts)
                    if not labels[i]
                    and not contents[i]
                    and (rest := _code_rest(text, code)) is not None
                    and _title_matches(rest, following(i), title)
                ]
            else:  # a node printed without a code: its line starts with its title
                candidates = [
                    i
                    for i, text in enumerate(texts)
                    if not labels[i]
                    and not contents[i]
                    and len(norm(title)) >= 8
                    and _starts_with(text, title, 24, 8)
                ]
            after = [i for i in candidates if i >= cursor]
            chosen = after[0] if after else (candidates[0] if candidates else None)
            if chosen is None:
                continue
            labels[chosen] = kind
            cursor = chosen + 1
            if kind == "measure":
                node_lines.append((chosen, node))
            # A title printed on the line below its code ("Medida 1.1.1" / title).
            rest = (_code_rest(texts[chosen], code) or "") if code else title
            if (
                len(norm(rest)) < 4
                and chosen + 1 < len(lines)
                and not labels[chosen + 1]
            ):
                labels[chosen + 1] = "text"

    _align_indicators(gold, texts, labels, node_lines)
    _align_fields(gold, lines, labels, node_lines)
    _align_recommendations(gold, texts, labels, contents)
    _align_practices(gold, lines, labels, contents)

    for i in range(len(lines)):
        if labels[i]:
            continue
        if _is_heading(lines, i):
            labels[i] = "heading"
        else:
            labels[i] = "text"
    return labels


def _is_heading(lines: list[LayoutLine], i: int) -> bool:
    """A numbered line that is no node (a chapter, a method step, a legal
    paragraph), or a short title-like line set apart by a blank line or capitals."""
    text = lines[i].text
    marker = parse_marker(text)
    if marker and marker.style != "bullet" and len(text) < 200:
        return True
    if not is_heading_like(text) or len(text) <= 3:
        return False
    letters = [c for c in text if c.isalpha()]
    upper = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.7
    return upper or lines[i].blank_before


def _align_indicators(
    gold: dict, texts: list[str], labels: list[str], node_lines: list[tuple[int, dict]]
) -> None:
    """An indicator is the first free line after its measure's line that starts
    with (or, in a table row keyed by the measure code, contains) its name."""
    where = {str(m.get("code")): i for i, m in node_lines}
    for plan in _plans(gold):
        for indicator in plan.get("indicators", []):
            name = indicator.get("name") or ""
            start = where.get(str(indicator.get("measure")), 0)
            for i in range(start, len(texts)):
                if labels[i]:
                    continue
                if _contains_start(texts[i], name, 20):
                    labels[i] = "indicator"
                    break


_VALUE_CUT = 16


def _align_fields(
    gold: dict,
    lines: list[LayoutLine],
    labels: list[str],
    node_lines: list[tuple[int, dict]],
) -> None:
    """Between a measure's line and the next node line: a line that starts with a
    field label of the lexicon, or prints the measure's lead body, time frame or
    budget, is a field."""
    bounds = sorted(
        i for i, label in enumerate(labels) if label in ("area", "objective", "measure")
    )
    for start, measure in node_lines:
        end = next((b for b in bounds if b > start), min(len(lines), start + 40))
        values = [
            *(measure.get("responsible") or []),
            measure.get("time_frame") or "",
            measure.get("budget") or "",
        ]
        values = [v for v in values if len(norm(v)) >= 3]
        for i in range(start + 1, end):
            if labels[i]:
                continue
            text = lines[i].text
            if lexicon.leading(text, role="field") or any(
                _contains_start(text, v, _VALUE_CUT) for v in values
            ):
                labels[i] = "field"


def _align_recommendations(
    gold: dict, texts: list[str], labels: list[str], contents: list[bool]
) -> None:
    """Each recommendation item is the first free line after the previous one that
    starts with its first words; its audience heading is the nearest line above it
    that starts with the audience."""
    # The plans' recommendations, then those of the whole document (the seeds'
    # gold keeps these apart, as the parser does), each group in reading order.
    groups = [
        [x for plan in _plans(gold) for x in plan.get("recommendations", [])],
        gold.get("document_recommendations", []),
    ]
    for items in groups:
        cursor = 0
        for item in items:
            start = item.get("text_start") or ""
            found = next(
                (
                    i
                    for i in range(cursor, len(texts))
                    if not labels[i] and _starts_with(texts[i], start, 30, 8)
                ),
                None,
            )
            if found is None:
                continue
            labels[found] = "recommendation"
            cursor = found + 1
            _align_audience(item.get("audience") or "", found, texts, labels, contents)


def _align_audience(
    audience: str, found: int, texts: list[str], labels: list[str], contents: list[bool]
) -> None:
    for j in range(found - 1, max(-1, found - 60), -1):
        if labels[j] == "audience" and _starts_with(texts[j], audience, 24, 8):
            return
        if (
            not labels[j]
            and not contents[j]
            and _starts_with(texts[j], audience, 24, 8)
        ):
            labels[j] = "audience"
            return


def _align_practices(
    gold: dict, lines: list[LayoutLine], labels: list[str], contents: list[bool]
) -> None:
    """A practice's title line is the line that starts with its title and is
    followed by its fields (the organisation, city or a field label within the next
    lines), not a contents or summary-table line; its label: value lines are
    fields."""
    texts = [line.text for line in lines]
    chosen: list[int] = []
    for practice in gold.get("practices", []):
        title = practice.get("title") or ""
        values = [practice.get("organisation") or "", practice.get("city") or ""]
        values = [v for v in values if len(norm(v)) >= 3]
        candidates = [
            i
            for i, text in enumerate(texts)
            if not labels[i] and not contents[i] and _starts_with(text, title, 24, 24)
        ]
        if not candidates:
            continue

        def followed(i: int, values: list[str] = values) -> int:
            window = texts[i + 1 : i + 9]
            return sum(
                1
                for t in window
                if lexicon.leading(t, role="field")
                or any(_contains_start(t, v, 16) for v in values)
            )

        best = max(candidates, key=lambda i: (followed(i) > 0, -i))
        labels[best] = "practice"
        chosen.append(best)
    chosen.sort()
    for n, start in enumerate(chosen):
        end = chosen[n + 1] if n + 1 < len(chosen) else min(len(lines), start + 25)
        for i in range(start + 1, end):
            if not labels[i] and (
                lexicon.leading(texts[i], role="field")
                or (":" in texts[i][:40] and len(texts[i]) < 120)
            ):
                labels[i] = "field"


# --- training --------------------------------------------------------------------


def default_corpus() -> list[Path]:
    """The annotated documents the shipped model is trained on: the development
    corpus beside the checkout, our own training documents (tests/ingest/training)
    and the seeds' gold files.  Never tests/ingest/heldout: that set measures."""
    return [
        ROOT.parent / "shared" / "corpus" / "ingest-dev",
        ROOT / "tests" / "ingest" / "training",
        SEED_GOLD,
    ]


def labelled_documents(
    pairs: Iterable[tuple[Path, Path]], skipped: list[str] | None = None
) -> list[tuple[Path, str, list[LayoutLine], list[str]]]:
    """(document, language, lines, labels) for each (document, gold) pair; a
    document that cannot be read is left out and named in ``skipped``."""
    out = []
    for document, gold_path in pairs:
        try:
            layout, labels = gold_lines(document, gold_path)
        except ExtractionError as error:
            if skipped is not None:
                skipped.append(f"{document.name}: {error.message}")
            continue
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        out.append((document, gold.get("language") or "", layout.lines, labels))
    return out


def train_model(
    pairs: Iterable[tuple[Path, Path]],
    out: str | os.PathLike,
    skipped: list[str] | None = None,
    **params,
) -> tuple[Path, int, int]:
    """Train the line labeller on the documents into ``out``: (path, documents,
    lines); documents that cannot be read are named in ``skipped``."""
    from . import labeller

    documents = [d for d in labelled_documents(pairs, skipped) if d[2]]
    sequences = [
        (labeller.features(lines, language or None), labels)
        for _document, language, lines, labels in documents
    ]
    path = labeller.train(sequences, out, **params)
    return path, len(documents), sum(len(d[2]) for d in documents)

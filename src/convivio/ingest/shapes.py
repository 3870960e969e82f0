"""What the parsers make of a document: plain dataclasses, no database.

Every record keeps ``spans``: field name → (start, end) character offsets into the
document's extracted text (the string the parser was given), so that a reviewer
sees where each value came from.  ``to_json()`` gives the documented shape of
``python -m convivio ingest FILE --json`` (docs/ingestion.md); ``with_spans=True``
adds the spans (the review page and the stored drafts use that).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass
class NodeDraft:
    #: As printed, without the label word and trailing dot: "1.1.1", "II", "2".
    code: str
    #: "area", "objective" or "measure".
    kind: str
    title: str
    #: The parent node's code, or None for an area.
    parent: str | None = None
    #: Longer text under the heading (description of the action…).
    text: str = ""
    responsible: list[str] = field(default_factory=list)
    time_frame: str | None = None
    budget: str | None = None
    #: Suggested theme slug of an area (topics.py), for the reviewer to confirm.
    theme: str | None = None
    #: How sure the parser is of this node, 0–1 (the line labeller's probability
    #: combined with the tree's constraints); the review page shows it.
    confidence: float = 1.0
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass
class IndicatorDraft:
    #: The code of its measure (or objective), None when it hangs on nothing.
    measure: str | None
    name: str
    #: "quantitative" or "qualitative".
    kind: str = "quantitative"
    #: Canonical dimension keys: "sex", "age", "nationality", "province", …
    disaggregation: list[str] = field(default_factory=list)
    baseline: str | None = None
    target: str | None = None
    confidence: float = 1.0
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass
class RecommendationDraft:
    #: As written in the document ("To the State administration").
    audience: str
    text: str
    #: The platform's audience code when it is recognised (plans.Recommendation).
    audience_code: str | None = None
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass
class PlanDraft:
    title: str
    territory: str | None = None
    organisation: str | None = None
    general_objectives: list[str] = field(default_factory=list)
    transversal_axes: list[str] = field(default_factory=list)
    nodes: list[NodeDraft] = field(default_factory=list)
    indicators: list[IndicatorDraft] = field(default_factory=list)
    recommendations: list[RecommendationDraft] = field(default_factory=list)
    #: Suggested theme slugs: those of its areas.
    themes: list[str] = field(default_factory=list)
    #: (start, end) of the whole plan in the text.
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass
class PracticeDraft:
    title: str
    organisation: str | None = None
    #: Further organisations named as partners.
    partners: list[str] = field(default_factory=list)
    #: ISO 3166-1 alpha-2 code where recognised, else as written.
    country: str | None = None
    city: str | None = None
    #: As written: "2018-2020", "2019".
    years: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    #: As written: "more than 1665 women", with the number when there is one.
    beneficiaries: str | None = None
    beneficiaries_count: int | None = None
    summary: str = ""
    description: str = ""
    aims: list[str] = field(default_factory=list)
    phases: list[str] = field(default_factory=list)
    results: str = ""
    links: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    #: Suggested theme and target-group slugs (topics.py), most likely first.
    themes: list[str] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)
    confidence: float = 1.0
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass
class OrganisationDraft:
    name: str
    country: str | None = None
    city: str | None = None
    email: str | None = None
    website: str | None = None
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass
class UnplacedLine:
    """A line inside a plan's action part or a practice record that the parser
    could not place: the review page lists them so a reviewer can fix the rest."""

    text: str
    #: What the line labeller thought it was ("measure", "field", …), if anything.
    guess: str = ""
    spans: dict[str, Span] = field(default_factory=dict)


@dataclass
class ParseResult:
    #: "plan", "practice_collection" or "other".
    genre: str
    #: ISO 639-1 code of the document's main language.
    language: str
    #: Detail of the genre: "method_note", "project_description", …
    genre_detail: str = ""
    genre_evidence: list[str] = field(default_factory=list)
    #: [{"start", "end", "language"}] for sections in another language.
    section_languages: list[dict[str, Any]] = field(default_factory=list)
    plans: list[PlanDraft] = field(default_factory=list)
    practices: list[PracticeDraft] = field(default_factory=list)
    organisations: list[OrganisationDraft] = field(default_factory=list)
    #: Recommendations not attached to a plan (a booklet's).
    recommendations: list[RecommendationDraft] = field(default_factory=list)
    #: Sentences about what could not be read or looks doubtful.
    problems: list[str] = field(default_factory=list)
    #: Lines the parser could not place (spans["line"] is where).
    unplaced: list[UnplacedLine] = field(default_factory=list)

    def to_json(self, *, with_spans: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not with_spans:
            _drop_spans(data)
        return data


def _drop_spans(value: Any) -> None:
    if isinstance(value, dict):
        value.pop("spans", None)
        for item in value.values():
            _drop_spans(item)
    elif isinstance(value, list):
        for item in value:
            _drop_spans(item)

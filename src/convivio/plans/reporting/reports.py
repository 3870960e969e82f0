"""Reports of a plan: the plan document and the yearly monitoring report as PDF
(WeasyPrint) and DOCX (python-docx), the plan and its indicators as XLSX
(openpyxl), and its results as JSON in the shape of the IATI results framework.

Every report reads the cached ``Dashboard`` (so the charts of the PDF are the
very SVG strings of the page) and, for the plan document, the plan's live tree.
Small cells are hidden as on the dashboard: for everybody but the plan's team.
Built files are cached on the plan's data version.  See docs/reports.md and
docs/iati.md.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from convivio.core import caching
from convivio.core.numbers import readable_number
from convivio.core.printing import (
    Piece,
    direction,
    docx_piece,
    docx_text,
    html_to_pdf,
    language_names,
    pieces,
)
from convivio.core.suppression import hidden_text

from ..models import (
    Indicator,
    IndicatorDimension,
    ObservationValue,
    Plan,
    PlanNode,
    Recommendation,
    Responsibility,
)
from ..permissions import AnyUser, can_see_small_cells
from ..tree import live_tree
from .dashboard import SCHEMA, Dashboard, IndicatorRow, breakdowns, plan_dashboard

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# The plan's tree, as the plan document shows it


@dataclass
class NodeView:
    node: PlanNode
    depth: int
    title: str
    text: str
    responsibilities: list[Responsibility]
    indicators: list[tuple[Indicator, str, str]]  # (indicator, name, definition)
    children: list[NodeView] = field(default_factory=list)
    #: (indicator, name, its dashboard row) — set where results are shown.
    results: list[tuple[Indicator, Piece, IndicatorRow | None]] = field(
        default_factory=list
    )
    #: The title and text as documents show them: their language, and marked
    #: when not translated into the report's.
    title_piece: Piece | None = None
    text_piece: Piece | None = None
    #: Each indicator's name as documents show it, by indicator id.
    indicator_pieces: dict[int, Piece] = field(default_factory=dict)

    @property
    def heading(self) -> str:
        return f"{self.node.code} {self.title}".strip()


@dataclass
class PlanDocument:
    plan: Plan
    title: str
    summary: str
    general_objectives: str
    transversal_axes: str
    nodes: list[NodeView]  # reading order, every depth
    recommendations: list[tuple[Recommendation, str]]
    #: The report's language and the plan's fields in it (each may fall back).
    language: str = ""
    text: dict[str, Piece] = field(default_factory=dict)
    recommendation_pieces: list[tuple[Recommendation, Piece]] = field(
        default_factory=list
    )

    @property
    def direction(self) -> str:
        return direction(self.language)

    @property
    def roots(self) -> list[NodeView]:
        return [view for view in self.nodes if view.depth == 0]


PLAN_FIELDS = ("title", "summary", "general_objectives", "transversal_axes")


def plan_document(plan: Plan, language: str) -> PlanDocument:
    """The plan's live tree with its text, entities and indicators (9 queries)."""
    nodes = list(
        PlanNode.objects.filter(plan=plan, deleted_at__isnull=True).prefetch_related(
            "translations",
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related("organisation"),
            ),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.filter(deleted_at__isnull=True)
                .select_related("reporting_organisation")
                .prefetch_related(
                    "translations",
                    Prefetch(
                        "indicator_dimensions",
                        queryset=IndicatorDimension.objects.select_related("dimension"),
                    ),
                ),
            ),
        )
    )
    recommendations_qs = list(plan.recommendations.prefetch_related("translations"))
    # Native names of every language a piece may fall back to (one query).
    indicators = [i for node in nodes for i in node.indicators.all()]
    names = language_names(
        {
            row.language_id
            for record in [plan, *nodes, *indicators, *recommendations_qs]
            for row in record.translations.all()
        }
    )
    ordered: list[NodeView] = []
    views: dict[int, NodeView] = {}
    for entry in live_tree(nodes):
        node = entry.node
        text = node.translation_for(language)
        indicators = []
        indicator_pieces = {}
        for indicator in node.indicators.all():
            row = indicator.translation_for(language)
            indicators.append(
                (indicator, row.name if row else "", row.definition if row else "")
            )
            indicator_pieces[indicator.pk] = pieces(
                indicator, language, ("name",), names
            )["name"]
        shown = pieces(node, language, ("title", "text"), names)
        view = NodeView(
            node=node,
            depth=entry.depth,
            title=text.title if text else "",
            text=text.text if text else "",
            responsibilities=list(node.responsibilities.all()),
            indicators=indicators,
            title_piece=shown["title"],
            text_piece=shown["text"],
            indicator_pieces=indicator_pieces,
        )
        if entry.parent_id is not None:
            views[entry.parent_id].children.append(view)
        views[entry.pk] = view
        ordered.append(view)
    plan_text = plan.translation_for(language)
    recommendations = []
    recommendation_pieces = []
    for recommendation in recommendations_qs:
        row = recommendation.translation_for(language)
        recommendations.append((recommendation, row.text if row else ""))
        shown = pieces(recommendation, language, ("text",), names)
        recommendation_pieces.append((recommendation, shown["text"]))
    return PlanDocument(
        plan=plan,
        title=plan_text.title if plan_text else str(plan),
        summary=plan_text.summary if plan_text else "",
        general_objectives=plan_text.general_objectives if plan_text else "",
        transversal_axes=plan_text.transversal_axes if plan_text else "",
        nodes=ordered,
        recommendations=recommendations,
        language=language,
        text=pieces(plan, language, PLAN_FIELDS, names),
        recommendation_pieces=recommendation_pieces,
    )


def _cached(key: dict, build) -> bytes:
    return caching.get_or_build("plans:report", build, **key)


def _key(kind: str, plan: Plan, user: AnyUser, language: str, *extra: object) -> dict:
    """The cache arguments of a report: the plan's data version and the day."""
    public = int(not can_see_small_cells(user, plan))
    return {
        "versions": (plan.data_version, date.today().isoformat()),
        "language": language,
        "params": (SCHEMA, kind, plan.pk, public, *extra),
    }


def _language(language: str | None, plan: Plan) -> str:
    return language or get_language() or plan.original_language_id


# PDF


def _pdf(html: str) -> bytes:
    return html_to_pdf(html)


def _in(language: str, build):
    """``build`` with the report's headings in ``language`` (not the page's)."""

    def built():
        with override(language):
            return build()

    return built


def _plan_context(plan: Plan, user: AnyUser, language: str) -> dict:
    document = plan_document(plan, language)
    board = plan_dashboard(plan, user=user, language=language)
    rows = {row.id: row for row in board.indicators}
    for view in document.nodes:
        view.results = [
            (indicator, view.indicator_pieces[indicator.pk], rows.get(indicator.pk))
            for indicator, _name, _definition in view.indicators
        ]
    return {"plan": plan, "document": document, "board": board, "today": date.today()}


def plan_pdf(plan: Plan, *, user: AnyUser, language: str | None = None) -> bytes:
    """The plan document: objectives, tree, measures, indicators, recommendations."""
    language = _language(language, plan)
    return _cached(
        _key("plan.pdf", plan, user, language),
        _in(
            language,
            lambda: _pdf(
                render_to_string(
                    "plans/reports/plan.html", _plan_context(plan, user, language)
                )
            ),
        ),
    )


def _monitoring_context(plan: Plan, year: int, user: AnyUser, language: str) -> dict:
    board = plan_dashboard(plan, user=user, language=language, year=year)
    plan_text = plan.translation_for(language)
    return {
        "plan": plan,
        "title": plan_text.title if plan_text else str(plan),
        "board": board,
        "year": year,
        "areas": [
            (
                area,
                board.measures_of_area(area.id),
                board.indicators_of_area(area.id),
            )
            for area in board.areas
        ],
        "today": date.today(),
    }


def monitoring_pdf(
    plan: Plan, year: int, *, user: AnyUser, language: str | None = None
) -> bytes:
    """The yearly monitoring report: per area, the measures and each indicator's
    value of that year against its target, with breakdowns and charts."""
    language = _language(language, plan)
    return _cached(
        _key("monitoring.pdf", plan, user, language, year),
        _in(
            language,
            lambda: _pdf(
                render_to_string(
                    "plans/reports/monitoring.html",
                    _monitoring_context(plan, year, user, language),
                )
            ),
        ),
    )


# DOCX


def _docx_table(document, header: list[str], rows: list[list[str]]):
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = str(text)
    return table


def _docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _measure_facts(node: PlanNode) -> list[tuple[str, str]]:
    facts: list[tuple[str, str]] = []
    if node.status:
        status = node.get_status_display()
        if node.progress is not None:
            status += f" ({node.progress} %)"
        facts.append((_("Status"), status))
    if node.priority:
        facts.append((_("Priority"), node.get_priority_display()))
    if node.needs_financing:
        rank = f" — {_('rank')} {node.financing_rank}" if node.financing_rank else ""
        facts.append((_("Needs financing"), _("yes") + rank))
    budget = []
    if node.budget_amount is not None:
        budget.append(f"{readable_number(node.budget_amount)} {node.budget_currency}")
    if node.funding_source:
        budget.append(node.funding_source)
    if node.budget_note:
        budget.append(node.budget_note)
    if budget:
        facts.append((_("Budget"), "; ".join(budget)))
    frame = []
    if node.start_date or node.end_date:
        start, end = (
            formats.date_format(day, "YEAR_MONTH_FORMAT") if day else "…"
            for day in (node.start_date, node.end_date)
        )
        frame.append(f"{start} – {end}")
    if node.duration_note:
        frame.append(node.duration_note)
    if frame:
        facts.append((_("Time frame"), "; ".join(frame)))
    return facts


def _indicator_line(indicator: Indicator, name: str) -> str:
    parts = [f"{indicator.code} {name}".strip()]
    if indicator.is_quantitative:
        if indicator.baseline_value is not None:
            parts.append(
                _("baseline %(value)s")
                % {"value": readable_number(indicator.baseline_value)}
            )
        if indicator.target_value is not None:
            parts.append(
                _("target %(value)s")
                % {"value": readable_number(indicator.target_value)}
            )
        if indicator.unit:
            parts.append(indicator.unit)
    else:
        parts.append(_("qualitative"))
    dims = [
        str(_(link.dimension.name)) for link in indicator.indicator_dimensions.all()
    ]
    if dims:
        parts.append(_("by %(dimensions)s") % {"dimensions": ", ".join(dims)})
    return " · ".join(parts)


def plan_docx(plan: Plan, *, user: AnyUser, language: str | None = None) -> bytes:
    language = _language(language, plan)

    def build() -> bytes:
        from docx import Document

        document_data = plan_document(plan, language)
        text = document_data.text
        document = Document()
        title = text["title"]
        docx_text(document, str(title) or str(plan), title.language, heading=0)
        if title.fallback:
            docx_text(document, f"[{title.marker}]", language)
        facts = [plan.territory.label, plan.period, plan.get_status_display()]
        if plan.organisation is not None:  # no query when none is named
            facts.insert(1, plan.organisation.name)
        docx_text(document, " · ".join(str(f) for f in facts), language)
        docx_piece(document, text["summary"], language)
        if text["general_objectives"]:
            docx_text(document, _("General objectives"), language, heading=1)
            docx_piece(document, text["general_objectives"], language)
        if text["transversal_axes"]:
            docx_text(document, _("Transversal axes"), language, heading=1)
            docx_piece(document, text["transversal_axes"], language)
        for view in document_data.nodes:
            heading = view.title_piece
            docx_text(
                document,
                view.heading,
                heading.language if heading else language,
                heading=min(view.depth + 1, 4),
            )
            if heading is not None and heading.fallback:
                docx_text(document, f"[{heading.marker}]", language)
            if view.text_piece is not None:
                docx_piece(document, view.text_piece, language)
            if view.node.is_measure:
                for label, value in _measure_facts(view.node):
                    paragraph = document.add_paragraph()
                    paragraph.add_run(f"{label}: ").bold = True
                    paragraph.add_run(value)
                if view.responsibilities:
                    paragraph = document.add_paragraph()
                    paragraph.add_run(_("Responsible entities") + ": ").bold = True
                    paragraph.add_run(
                        "; ".join(
                            f"{r.organisation.name} ({r.get_role_display()})"
                            + (f" — {r.competences}" if r.competences else "")
                            for r in view.responsibilities
                        )
                    )
            for indicator, name, _definition in view.indicators:
                piece = view.indicator_pieces[indicator.pk]
                marker = f" [{piece.marker}]" if piece.fallback else ""
                docx_text(
                    document,
                    _("Indicator") + ": " + _indicator_line(indicator, name) + marker,
                    language,
                    style="List Bullet",
                )
        if document_data.recommendation_pieces:
            docx_text(document, _("Recommendations"), language, heading=1)
            for recommendation, piece in document_data.recommendation_pieces:
                marker = f" [{piece.marker}]" if piece.fallback else ""
                docx_text(
                    document,
                    f"{piece} ({recommendation.get_audience_display()}){marker}",
                    piece.language,
                    style="List Number",
                )
        return _docx_bytes(document)

    return _cached(_key("plan.docx", plan, user, language), _in(language, build))


def _value_text(row, board: Dashboard) -> str:
    if row.latest is None:
        return _("not reported")
    if not row.is_quantitative:
        return row.latest.narrative or "–"
    text = readable_number(row.latest.value)
    if row.unit:
        text += f" {row.unit}"
    return text


def _cell_state(cell) -> str:
    if cell.hidden:
        return _("not published")
    if cell.reached:
        return _("reached")
    if cell.percent is not None:
        return _("%(percent)s %% of the way") % {"percent": f"{cell.percent:g}"}
    return _("not reached") if cell.reached is False else "–"


def monitoring_docx(
    plan: Plan, year: int, *, user: AnyUser, language: str | None = None
) -> bytes:
    language = _language(language, plan)

    def build() -> bytes:
        from docx import Document

        context = _monitoring_context(plan, year, user, language)
        board: Dashboard = context["board"]
        document = Document()
        document.add_heading(_("Monitoring report %(year)s") % {"year": year}, level=0)
        document.add_paragraph(
            f"{context['title']} · {plan.territory.label} · {plan.period}"
        )
        document.add_heading(_("Measures by status"), level=1)
        _docx_table(
            document,
            [label for _key, label in board.statuses],
            [[str(board.status_totals.get(key, 0)) for key, _label in board.statuses]],
        )
        if board.ended:
            document.add_paragraph(
                _("This plan ended in %(year)s. Final state of its measures:")
                % {"year": board.last_year}
            )
        document.add_paragraph(
            " · ".join(
                f"{label}: {count}" for _key, label, count in board.light_summary
            )
        )
        for area, measures, indicators in context["areas"]:
            document.add_heading(area.label, level=1)
            if measures:
                _docx_table(
                    document,
                    [_("Measure"), _("Status"), _("Progress"), _("Traffic light")],
                    [
                        [
                            f"{m.code} {m.title}".strip(),
                            m.status_label,
                            "" if m.progress is None else f"{m.progress} %",
                            dict(board.lights)[m.light],
                        ]
                        for m in measures
                    ],
                )
            for row in indicators:
                document.add_heading(row.label, level=2)
                facts = [
                    (_("Value %(year)s") % {"year": year}, _value_text(row, board)),
                ]
                if row.latest is not None and row.latest.period != str(year):
                    facts.append((_("Period"), row.latest.period))
                if row.is_quantitative:
                    facts.append((_("Baseline"), readable_number(row.baseline)))
                    if row.milestone is not None:
                        facts.append(
                            (
                                _("Milestone for %(period)s")
                                % {"period": row.milestone_period},
                                row.milestone_text
                                + " — "
                                + (
                                    _("reached")
                                    if row.milestone_reached
                                    else _("not reached")
                                ),
                            )
                        )
                    final = row.final_target_text
                    if row.target_date:
                        final += (
                            " ("
                            + formats.date_format(row.target_date, "SHORT_DATE_FORMAT")
                            + ")"
                        )
                    facts.append((_("Final target"), final))
                    if row.percent is not None:
                        facts.append(
                            (_("Progress to the final target"), f"{row.percent:g} %")
                        )
                for label, value in facts:
                    paragraph = document.add_paragraph()
                    paragraph.add_run(f"{label}: ").bold = True
                    paragraph.add_run(str(value))
                for breakdown in row.breakdowns:
                    document.add_paragraph(breakdown.name)
                    _docx_table(
                        document,
                        [breakdown.name, _("Value")],
                        [[item.label, item.shown] for item in breakdown.items],
                    )
                if row.cell_targets:
                    document.add_paragraph(
                        _("Targets by group, %(period)s")
                        % {"period": row.latest.period}
                    )
                    _docx_table(
                        document,
                        [_("Group"), _("Target"), _("Value"), _("Progress")],
                        [
                            [
                                cell.label,
                                cell.target_text,
                                cell.shown,
                                _cell_state(cell),
                            ]
                            for cell in row.cell_targets
                        ],
                    )
        if board.public and any(row.suppressed for row in board.indicators):
            document.add_paragraph(
                _(
                    "Values below %(threshold)s of data about people, and where "
                    "needed one more so that none can be worked out from the total, "
                    "are shown as “%(hidden)s” so that nobody can be singled out."
                )
                % {
                    "threshold": board.threshold,
                    "hidden": hidden_text(),
                }
            )
        return _docx_bytes(document)

    return _cached(
        _key("monitoring.docx", plan, user, language, year), _in(language, build)
    )


# XLSX


def _sheet_row(sheet, values: list) -> None:
    """Append a row; text is always text (never a formula, whatever it starts with)."""
    sheet.append(
        [value.isoformat() if isinstance(value, date) else value for value in values]
    )
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _text_language(piece: Piece | None) -> str:
    """A spreadsheet cell: the code of the language a text is in, and the marker
    when it is shown in its original because it is not translated."""
    if piece is None or not piece:
        return ""
    return f"{piece.language} [{piece.marker}]" if piece.fallback else piece.language


def plan_xlsx(plan: Plan, *, user: AnyUser, language: str | None = None) -> bytes:
    """Sheets: the tree with measure attributes, the indicators, the results of
    each period (totals) and the breakdowns of each indicator's latest value."""
    language = _language(language, plan)

    def build() -> bytes:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        document = plan_document(plan, language)
        board = plan_dashboard(plan, user=user, language=language)
        book = Workbook()
        tree = book.active
        tree.title = _("Plan")[:31]
        _sheet_row(
            tree,
            [
                _("Code"),
                _("Level"),
                _("Kind"),
                _("Title"),
                _("Status"),
                _("Progress (%)"),
                _("Priority"),
                _("Needs financing"),
                _("Financing rank"),
                _("Budget"),
                _("Currency"),
                _("Funding source"),
                _("Budget note"),
                _("Start"),
                _("End"),
                _("Stated duration"),
                _("Responsible entities"),
                _("Language of the title"),
            ],
        )
        for view in document.nodes:
            node = view.node
            measure = node.is_measure
            _sheet_row(
                tree,
                [
                    node.code,
                    view.depth + 1,
                    node.get_kind_display(),
                    view.title,
                    node.get_status_display() if measure and node.status else "",
                    node.progress if measure else None,
                    node.priority if measure else None,
                    (_("yes") if node.needs_financing else _("no")) if measure else "",
                    node.financing_rank,
                    node.budget_amount,
                    node.budget_currency if node.budget_amount is not None else "",
                    node.funding_source,
                    node.budget_note,
                    node.start_date,
                    node.end_date,
                    node.duration_note,
                    "; ".join(
                        f"{r.organisation.name} ({r.get_role_display()})"
                        for r in view.responsibilities
                    ),
                    _text_language(view.title_piece),
                ],
            )
        sheet = book.create_sheet(_("Indicators")[:31])
        _sheet_row(
            sheet,
            [
                _("Code"),
                _("Indicator"),
                _("Measure or objective"),
                _("Kind"),
                _("Unit"),
                _("Baseline"),
                _("Baseline date"),
                _("Target"),
                _("Target date"),
                _("Direction"),
                _("Frequency"),
                _("Disaggregated by"),
                _("Reporting organisation"),
                _("Language of the name"),
            ],
        )
        for view in document.nodes:
            for indicator, name, _definition in view.indicators:
                _sheet_row(
                    sheet,
                    [
                        indicator.code,
                        name,
                        view.heading,
                        indicator.get_kind_display(),
                        indicator.unit,
                        indicator.baseline_value,
                        indicator.baseline_date,
                        indicator.target_value,
                        indicator.target_date,
                        indicator.get_direction_display(),
                        indicator.get_frequency_display(),
                        ", ".join(
                            str(_(link.dimension.name))
                            for link in indicator.indicator_dimensions.all()
                        ),
                        indicator.reporting_organisation.name
                        if indicator.reporting_organisation is not None
                        else "",
                        _text_language(view.indicator_pieces[indicator.pk]),
                    ],
                )
        results = book.create_sheet(_("Results")[:31])
        _sheet_row(
            results,
            [
                _("Code"),
                _("Indicator"),
                _("Period"),
                _("Start"),
                _("End"),
                _("Value"),
                _("Target"),
                _("Narrative"),
            ],
        )
        for row in board.indicators:
            for point in row.series:
                _sheet_row(
                    results,
                    [
                        row.code,
                        row.name,
                        point.period,
                        point.start,
                        point.end,
                        point.value,
                        point.target if point.target is not None else row.target,
                        point.narrative,
                    ],
                )
        cells = book.create_sheet(_("Breakdowns")[:31])
        _sheet_row(
            cells,
            [
                _("Code"),
                _("Indicator"),
                _("Period"),
                _("Dimension"),
                _("Value of the dimension"),
                _("Value"),
            ],
        )
        for row in board.indicators:
            for breakdown in row.breakdowns:
                for item in breakdown.items:
                    _sheet_row(
                        cells,
                        [
                            row.code,
                            row.name,
                            row.latest.period if row.latest else "",
                            breakdown.name,
                            item.label,
                            hidden_text() if item.hidden else item.value,
                        ],
                    )
        for sheet in book.worksheets:
            for cell in sheet[1]:
                cell.font = Font(bold=True)
            sheet.freeze_panes = "A2"
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    return _cached(_key("plan.xlsx", plan, user, language), _in(language, build))


# IATI-shaped JSON

#: IATI ResultType codes and IndicatorMeasure codes.
RESULT_TYPES = {"output": "1", "outcome": "2"}
MEASURES = {"unit": "1", "qualitative": "5"}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _number(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def results_json(plan: Plan, *, user: AnyUser, language: str | None = None) -> dict:
    """The plan's results in the shape of the IATI 2.03 results framework:
    result → indicator → baseline, periods (target, actual, dimensions).

    Documented in docs/iati.md.  Validated values only; small counts of people
    are left out (``"count": null, "suppressed": true``) for the public.
    """
    language = _language(language, plan)
    board = plan_dashboard(plan, user=user, language=language)
    point_ids = [p.observation_id for row in board.indicators for p in row.series]
    disaggregated = {
        p.observation_id
        for row in board.indicators
        if row.dimensions
        for p in row.series
    }
    cells: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    if disaggregated:
        for observation_id, key, value in ObservationValue.objects.filter(
            observation_id__in=[pk for pk in point_ids if pk in disaggregated]
        ).values_list("observation_id", "cell", "value"):
            cells[observation_id].append((key, value))
    plan_text = plan.translation_for(language)
    results: list[dict] = []
    by_node: dict[int, dict] = {}
    kinds = {m.id: "output" for m in board.measures}
    for row in board.indicators:
        result = by_node.get(row.node_id)
        if result is None:
            kind = kinds.get(row.node_id, "outcome")
            result = {
                "title": row.node_title,
                "type": kind,
                "type_code": RESULT_TYPES[kind],
                "node": row.node_code,
                "indicators": [],
            }
            by_node[row.node_id] = result
            results.append(result)
        measure = "unit" if row.is_quantitative else "qualitative"
        periods = []
        for point in row.series:
            dimensions = []
            for breakdown in breakdowns(
                cells.get(point.observation_id, []),
                row.dimensions,
                hide=board.public and row.counts_people,
                threshold=board.threshold,
            ):
                for item in breakdown.items:
                    entry = {
                        "name": breakdown.slug,
                        "value": item.code,
                        "count": _number(item.value),
                    }
                    if item.hidden:
                        entry["suppressed"] = True
                    dimensions.append(entry)
            target = point.target
            periods.append(
                {
                    "period": point.period,
                    "period_start": point.start.isoformat(),
                    "period_end": point.end.isoformat(),
                    "target": {"value": _number(target)}
                    if target is not None
                    else None,
                    "actual": {
                        "value": _number(point.value),
                        "comment": point.narrative,
                        "dimensions": dimensions,
                    },
                }
            )
        baseline = None
        if row.baseline is not None:
            baseline = {
                "year": row.baseline_date.year if row.baseline_date else None,
                "iso_date": row.baseline_date.isoformat()
                if row.baseline_date
                else None,
                "value": _number(row.baseline),
            }
        result["indicators"].append(
            {
                "title": row.name,
                "reference": row.code,
                "measure": measure,
                "measure_code": MEASURES[measure],
                "ascending": row.direction != "decrease",
                "unit": row.unit,
                "baseline": baseline,
                "target": {
                    "value": _number(row.target),
                    "iso_date": row.target_date.isoformat()
                    if row.target_date
                    else None,
                },
                "periods": periods,
            }
        )
    return {
        "plan": {
            "id": plan.pk,
            "title": plan_text.title if plan_text else str(plan),
            "territory": plan.territory.name,
            "status": plan.status,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "language": language,
            "data_version": plan.data_version,
        },
        "small_cell_threshold": board.threshold if board.public else None,
        "results": results,
    }

"""The plan parser: normalised text → PlanDraft records with spans.

``parse_plans(text, language)`` finds the plans in a document (several plans in one
file are split at their titles, "General objectives:" introductions, annexes and
numbering that restarts after a finished tree), and builds each plan's tree of
areas, objectives and measures from numbered outlines (dotted numbers, roman
numerals, letters, label words in many languages, numbers on their own line), its
indicators (with their disaggregation), its recommendations grouped by audience and
the attributes of a measure given as "Responsible / Time-scale / Budget" blocks or
as the columns of a table turned into text.  Numbering is kept as printed: nothing
is renumbered and no missing number is invented.

Kinds: explicit label words win ("Action 3" is a measure, "Asse II" an area);
otherwise the top level is an area, leaves are measures and anything between is an
objective.  Linear in the size of the text; every regular expression is compiled once.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .outline import (
    Line,
    Marker,
    disaggregation_keys,
    is_heading_like,
    parse_marker,
    split_lines,
)
from .shapes import (
    IndicatorDraft,
    NodeDraft,
    PlanDraft,
    RecommendationDraft,
    Span,
    UnplacedLine,
)

__all__ = ["audience_code", "parse_plan_document", "parse_plans"]

# ---------------------------------------------------------------- vocabularies

_I = re.IGNORECASE
_PLAN_WORD_RE = re.compile(
    r"\b(?:action plan|plan|plans|plano|piano|planul|aktionsplan|handlungsplan|"
    r"integrationsplan|integrationskonzept|masterplan|strategy|estrategia|strategia|"
    r"strategie|stratégie|estratégia|programme|programa|programma)\b",
    _I,
)
#: "Label: value" — a labelled field of a measure or a form, not a title.
_FIELD_RE = re.compile(r"^([^:]{1,40}?)\s*:\s*\S")
#: A numbered item even where the outline does not read the number ("1004. PLAN …",
#: "120.3 …"): never a title.
_NUMBERED_RE = re.compile(r"^\d{1,6}(?:\.\d{1,6})*\s*[.)\-–:]\s|^\d{1,6}\.\d")
_ANNEX_RE = re.compile(
    r"^(?:annex|annexes|anex|anexo|anexos|annexe|allegato|allegati|anhang|anexa|anexă|"
    r"appendix|appendices|apéndice|apendice|apêndice|παράρτημα|bijlage|priloga|"
    r"prilog|załącznik|zalacznik|bilaga)(?!\w)",
    _I,
)
#: Back matter that is not a plan even without an annex word: "Of interest",
#: "Useful links", "Bibliography", "Glossary", … in the platform's languages.
_BACK_MATTER_RE = re.compile(
    r"^(?:(?:of|for your) interest|de interés|di interesse|de intérêt|von interesse|"
    r"de interesse|de interes|(?:useful|further) (?:information|links|contacts|"
    r"addresses|resources|reading)|información de interés|enlaces de interés|"
    r"informazioni utili|link utili|informations utiles|liens utiles|"
    r"informações úteis|nützliche (?:links|adressen|informationen)|weiterführende "
    r"(?:links|informationen)|informații utile|linkuri utile|χρήσιμ\w+ "
    r"(?:πληροφορίες|σύνδεσμοι)|nuttige (?:links|informatie|adressen)|"
    r"bibliograph\w*|bibliografía|bibliografia|bibliographie|bibliografie|"
    r"βιβλιογραφία|literatur(?:verzeichnis)?|references|referencias|riferimenti|"
    r"références|referências|glossary|glosario|glossario|glossaire|glossário|"
    r"glossar|glosar|γλωσσάριο|begrippenlijst|slovar pojmov|pojmovnik|słowniczek|"
    r"ordlista)(?!\w)",
    _I,
)
#: An annex that carries the plan's own indicators or monitoring goes on with the
#: plan before it ("Appendix 2 Monitoring framework", "Anexa 2. Indicatori").
_ANNEX_OF_PLAN_RE = re.compile(
    r"indicat|indikator|δείκτ|kazalnik|pokazatelj|wskaźnik|wskaznik|monitor|"
    r"seguimiento|acompanhamento|suivi|uppföljning|opvolging|spremljanj|praćenj",
    _I,
)
_GENERAL_OBJECTIVES_RE = re.compile(
    r"^(?:general|overall|main|strategic)\s+(?:objectives|aims|goals)\s*:?$|"
    r"^(?:objetivos generales|obiettivi generali|objectifs généraux|allgemeine ziele|"
    r"übergeordnete ziele|objetivos gerais|obiective generale|γενικοί στόχοι)\s*:?$",
    _I,
)
_GENERAL_OBJECTIVE_RE = re.compile(
    r"^(?:general objective|objetivo general|obiettivo generale|objectif général|"
    r"allgemeines ziel|objetivo geral|obiectiv general|γενικός στόχος)(?!\w)\s*"
    r"(\d{1,2}|[IVX]{1,4})?\s*[.:)\-–]*\s*",
    _I,
)
_TRANSVERSAL_RE = re.compile(
    r"transversal|cross-cutting|horizontal (?:axes|principles)|trasversal|"
    r"querschnitt|transversais|transversales|transversaux",
    _I,
)
_ACTION_LEAD_RE = re.compile(
    r"\b(?:actions?|measures?|activities|lines of action|medidas|acciones|actuaciones|"
    r"azioni|interventi|maßnahmen|massnahmen|aktivitäten|ações|acções|medidas|"
    r"mesures|măsuri|acțiuni|δράσεις)\b",
    _I,
)
_INDICATOR_RE = re.compile(
    r"^(?:[·•\-*]\s*)?"
    r"(?:(?P<adj1>quantitative|qualitative|cuantitativos?|cualitativos?|quantitativos?|"
    r"qualitativos?|quantitativi|qualitativi|quantitative|qualitative|quantitatifs?|"
    r"qualitatifs?|cantitativi|calitativi)\s+)?"
    r"(?:indicators?|indicadores?|indicatori|indicatore|indikator(?:en)?|indicateurs?|"
    r"indicatorii?|δείκτες|δείκτης)\b"
    r"(?:\s+(?P<adj2>quantitative|qualitative|cuantitativos?|cualitativos?|"
    r"quantitativos?|qualitativos?|quantitativi|qualitativi|quantitatifs?|qualitatifs?|"
    r"cantitativi|calitativi|de (?:resultado|evaluación|seguimiento|impacto)|"
    r"di (?:risultato|realizzazione)))?"
    r"\s*:?\s*(?P<rest>.*)$",
    _I,
)
_QUALI_RE = re.compile(r"quali|cuali|calit", _I)
_DETAIL_RE = re.compile(
    r"^(?:detail of|details of|detalle de la|dettaglio "
    r"della?)\s+(?:measure|medida|misura)\s+"
    r"(\d{1,3}(?:\.\d{1,3})*)",
    _I,
)
_BASELINE_RE = re.compile(
    r"\b(?:baseline|línea base|linea base|valor de referencia|valore di partenza|"
    r"ausgangswert|valeur de référence|valor de base)\s*[:=]\s*([^;,)]+)",
    _I,
)
_TARGET_RE = re.compile(
    r"\b(?:target|meta|objetivo|valore obiettivo|zielwert|cible|valor meta)\s*[:=]\s*"
    r"([^;,)]+)",
    _I,
)
_RECOMMENDATION_HEAD_RE = re.compile(
    r"\b(?:recommendations?|recomendaciones|recomendações|raccomandazioni|"
    r"empfehlungen|recommandations|recomandări|recomandari|συστάσεις)\b",
    _I,
)

# Block labels: the columns of a table ("Objective / Activities / Time-scale /
# Responsible Public Bodies / Budget") or the lines of a measure's sheet.
_BLOCK_OBJECTIVE_RE = re.compile(
    r"^(?:objective|objectives|objetivo|obiettivo|ziel|objectif|obiectiv)(?!\w)\s*:?\s*(.*)$",
    _I,
)
_ATTRIBUTE_RES: list[tuple[str, re.Pattern[str]]] = [
    (
        "activities",
        re.compile(
            r"^(?:activities|activity|actividades|attività|aktivitäten|atividades|"
            r"activités|activităţi|activități|description)(?!\w)\s*:?\s*(.*)$",
            _I,
        ),
    ),
    (
        "time_frame",
        re.compile(
            r"^(?:time[- ]?scale|time[- ]?frame|timeline|timing|calendar|schedule|"
            r"deadline|calendario|cronograma|cronogramma|temporalización|temporalizacion|"
            r"plazo|plazos|zeitraum|zeitrahmen|zeitplan|laufzeit|calendrier|échéance|"
            r"tempistica|tempi|prazo|calendarizaç\w+|termen|period of implementation)"
            r"(?!\w)\s*:?\s*(.*)$",
            _I,
        ),
    ),
    (
        "responsible",
        re.compile(
            r"^(?:responsible(?:\s+(?:public\s+)?(?:bodies|body|entities|entity|"
            r"organisations?|organizations?|parties|departments?|units?))?|"
            r"(?:entidad(?:es)?|órganos?|organismos?)\s+responsables?|responsables?|"
            r"responsabili|soggetti responsabili|zuständig(?:keit(?:en)?)?|"
            r"verantwortlich(?:e|keit)?|federführung|entidades? responsáve(?:l|is)|"
            r"responsáve(?:l|is)|responsabil(?:i)?|lead (?:body|agency|partner))"
            r"(?!\w)\s*:?\s*(.*)$",
            _I,
        ),
    ),
    (
        "budget",
        re.compile(
            r"^(?:budget|estimated budget|presupuesto|bilancio|orçamento|finanzierung|"
            r"kosten|haushalt|financiación|financiacion|financing|funding|costo|coste|"
            r"dotación|finanziamento|financement|buget|costs?|costes|costi)(?!\w)\s*:?\s*(.*)$",
            _I,
        ),
    ),
]
_AUDIENCES: list[tuple[str, str]] = [
    (
        "european_commission",
        r"european commission|comisión europea|commissione europea|"
        r"europäische kommission|"
        r"comissão europeia|commission européenne|comisia europeană|comisia europeana|"
        r"european union|eu institutions|unión europea|unione europea",
    ),
    (
        "migrant_organisations",
        r"migrant(?:s'?|s’)? (?:women )?(?:organi[sz]ations|associations|communities)|"
        r"diaspora|asociaciones de (?:personas )?migrantes|organizaciones de migrantes|"
        r"associazioni (?:di|dei) migranti|migrantenorganisation\w*|"
        r"organiza[țt]iile? (?:de )?migran[țt]i\w*|associações de imigrantes",
    ),
    (
        "service_providers",
        r"service providers?|providers of services|proveedores de servicios|"
        r"prestadores de serviços|fornitori di servizi|erogatori|dienstleister|"
        r"furnizori\w* de servicii|prestataires",
    ),
    (
        "regional",
        r"autonom\w*|regional|region\b|comunidad(?:es)? autónoma|regione|regioni|"
        r"bundesländer|länder|região|regiões|région",
    ),
    (
        "local",
        r"\blocal(?:es|i|e)?\b|collectivités|municipal\w*|municipalit\w*|"
        r"city council|ayuntamiento\w*|comuni\b|"
        r"\bcomune\b|kommune\w*|gemeinde\w*|autarqu\w*|primări\w*|communes?\b|"
        r"entidades locales|enti locali|autorità locali|autoridades locales",
    ),
    (
        "state",
        r"\bstate\b|national government|central government|\bestado\b|"
        r"\bstato\b|\bbund\b|"
        r"gobierno central|governo centrale|statul|guvern\w*|\bgovernments?\b|"
        r"\bgobiernos?\b|\bgoverni?\b|ministr\w+|national authorities",
    ),
    (
        "media",
        r"\bmedia\b|\bmedios\b|\bmedien\b|\bmídia\b|\bmédias?\b|"
        r"comunicação social|press\b|presse",
    ),
    (
        "civil_society",
        r"civil society|sociedad civil|società civile|"
        r"zivilgesellschaft|sociedade civil|"
        r"société civile|societatea civil\w*|\bngos?\b|\bongs?\b|third sector|"
        r"tercer sector|terzo settore",
    ),
    (
        "population",
        r"population|población|popolazione|bevölkerung|população|citizens|citizenry|"
        r"ciudadanía|cittadin\w+|bürger\w*|public in general|general public|"
        r"society (?:in general|at large)|popula[țt]i\w*",
    ),
]
_AUDIENCE_RES = [(code, re.compile(pattern, _I)) for code, pattern in _AUDIENCES]
_AUDIENCE_LEAD_RE = re.compile(
    r"^(?:to the|to|for the|for|a la|al|a los|a las|alle?|ai|agli|an die|an den|"
    r"aux|à la|au|para a|para o|para as|para os|pentru|către|catre|προς)\s+",
    _I,
)
_TERRITORY_RE = re.compile(
    r"\b(?P<org>(?:Municipality|City|Town|County|Province|Region|Government|"
    r"Regional Government|Comune|Città|Provincia|Regione|Ayuntamiento|Municipio|"
    r"Diputación|Junta|Gobierno|Generalitat|Stadt|Gemeinde|Landkreis|Câmara Municipal|"
    r"Município|Ville|Commune|Région|Municipiul|Ora[șs]ul|Primăria|Δήμος)"
    r"(?:\s+(?i:of|di|de|del|della|da|do|des|du|der|von))?\s+(?i:the\s+)?"
    r"(?P<name>[A-ZÀ-ÖØ-ÞĂÂÎȘȚ][\w'’-]+(?:[ -](?:[A-ZÀ-ÖØ-ÞĂÂÎȘȚ][\w'’-]+))*))"
)
_NOT_PLACES = {
    "Council",
    "Hall",
    "Government",
    "Department",
    "Administration",
    "Office",
}
_LOCAL_ORG_WORDS = ("Municipality", "City", "Town", "Comune", "Ayuntamiento", "Stadt")
_PLAN_NAME_RE = re.compile(
    r"(?:(?:[A-Z0-9IVX][\w'’-]*)\s+){0,6}(?:Action\s+)?Plan\b"
    r"(?:\s+(?:of|for|de|del|di|per|für|pentru|do|da|des|du)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]*)(?:\s+(?:of|de|di|del|in|for)?\s*(?:the\s+)?[A-Z][\w'’-]*)*)?"
    r"(?:\s*[:,]?\s*\d{4}\s*[-–]\s*\d{4})?"
)
_YEARS_RE = re.compile(r"\d{4}\s*[-–]\s*\d{4}")
_PARENS_PLACE_RE = re.compile(r"\(\s*([^(),]{2,40}?)\s*,\s*([^()]{2,40}?)\s*\)")
_PAREN_RE = re.compile(r"\s*\([^()]*\)\s*\.?")
_QUOTES = "“”\"«»„'‘’ "


def _looks_like_audience(text: str) -> bool:
    """An audience heading: one that ``audience_code`` recognises ("To the Media",
    "Autonomic Administration"), or a short heading ending with ":"."""
    words = len(text.split())
    if words > 12 or not is_heading_like(text):
        return False
    if audience_code(text):
        return True
    return text.endswith(":") and words <= 8


def audience_code(audience: str) -> str | None:
    """plans.Recommendation.Audience code for an audience as written, if recognised."""
    for code, pattern in _AUDIENCE_RES:
        if pattern.search(audience):
            return code
    return None


# ---------------------------------------------------------------- working state


@dataclass
class _Node:
    draft: NodeDraft
    explicit: str | None = None
    heading: bool = False
    labelled: bool = False
    block: bool = False
    children: int = 0
    text_lines: list[Line] = field(default_factory=list)
    parent: _Node | None = None


@dataclass
class _Frame:
    key: str
    last: int
    node: _Node
    #: The list was announced by an "Actions:" line.
    actions: bool = False


@dataclass
class _PlanState:
    start: int
    title: str = ""
    title_span: Span | None = None
    organisation: str | None = None
    territory: str | None = None
    nodes: list[_Node] = field(default_factory=list)
    indicators: list[IndicatorDraft] = field(default_factory=list)
    recommendations: list[RecommendationDraft] = field(default_factory=list)
    general_objectives: list[str] = field(default_factory=list)
    transversal: list[str] = field(default_factory=list)
    stack: list[_Frame] = field(default_factory=list)
    end: int = 0
    #: "plan"; "annex" (an annex of recommendations) or "appendix" (back matter
    #: such as "Of interest" or a glossary): neither is a plan.
    role: str = "plan"

    def has_content(self) -> bool:
        return bool(self.nodes or self.recommendations or self.indicators)


class _Parser:
    def __init__(self, text: str, language: str) -> None:
        self.text = text
        self.language = language
        self.lines = split_lines(text)
        self.plans: list[_PlanState] = []
        self.plan = self._new_plan(0)
        # Modes
        #: "", "indicators", "general", "transversal", "recommendations" or "actions".
        self.mode: str = ""
        self.indicator_kind = "quantitative"
        self.attr: str | None = None  # attribute being filled on self.block_node
        self.block_node: _Node | None = None
        self.audience: str | None = None
        self.audience_span: Span | None = None
        self.rec_frame: tuple[str, int, int] | None = None  # (key, depth index, value)
        self.current: _Node | None = None
        #: An "Actions:" line announced the next list.
        self.lead = False
        self.index = 0

    # ---------------------------------------------------------------- plans

    def _new_plan(self, start: int) -> _PlanState:
        plan = _PlanState(start=start)
        self.plans.append(plan)
        return plan

    def _start_plan(self, start: int) -> None:
        if not self.plan.has_content() and not self.plan.title:
            self.plan.start = min(self.plan.start, start)
            return
        self.plan.end = start
        self.plan = self._new_plan(start)
        self._reset_modes()

    def _reset_modes(self) -> None:
        self.mode = ""
        self.attr = None
        self.block_node = None
        self.audience = None
        self.rec_frame = None
        self.current = None
        self.lead = False

    # ---------------------------------------------------------------- boundaries

    def _boundaries(self) -> dict[int, str]:
        """Line index → "title" / "annex" / "intro" for lines that start a plan."""
        found: dict[int, str] = {}
        structure_since = False
        keys_since: set[str] = set()
        last_boundary = -1
        #: The previous line is a measure's attribute ("Responsible: …") and no
        #: blank line came since: its value may go on over the next lines.
        in_attributes = False
        previous_end = 0
        lines = self.lines
        text_all = self.text
        for i, line in enumerate(lines):
            text = line.text
            if in_attributes and text_all.count("\n", previous_end, line.start) > 1:
                in_attributes = False
            previous_end = line.end
            if (
                not in_attributes
                and self._is_plan_title(line, first=i == 0)
                and (
                    not structure_since
                    or self._strong_title(line)
                    or self._structure_restarts(i, keys_since)
                )
            ):
                found[i] = "title"
                structure_since = False
                keys_since = set()
                last_boundary = i
                continue
            role = (
                self._back_matter(i)
                if (_ANNEX_RE.match(text) or _BACK_MATTER_RE.match(text.strip(_QUOTES)))
                and is_heading_like(text)
                else None
            )
            if role == "plan":
                in_attributes = False
                continue  # the plan's own annex (its indicators): the plan goes on
            if role is not None:
                found[i] = role
                structure_since = False
                keys_since = set()
                last_boundary = i
                in_attributes = False
                continue
            if _GENERAL_OBJECTIVES_RE.match(text):
                if structure_since and i - last_boundary > 8:
                    start = self._back_up(i)
                    found[start] = "intro"
                    last_boundary = i
                    structure_since = False
                    keys_since = set()
                continue
            marker = parse_marker(line)
            if marker and marker.style != "bullet":
                in_attributes = False
                keys_since.add(self._key(marker))
                if marker.style in ("num", "label", "roman"):
                    structure_since = True
            elif self._attribute(text) is not None:
                in_attributes = True
        return found

    def _back_matter(self, index: int) -> str | None:
        """What an annex-like heading starts: "annex" (recommendations, not a plan),
        "appendix" (back matter, not a plan), "plan" (the plan's own annex of
        indicators: no boundary), or None for an ordinary line."""
        text = self.lines[index].text
        if _ANNEX_RE.match(text):
            # The heading and the line after it say what the annex holds.
            nxt = self.lines[index + 1].text if index + 1 < len(self.lines) else ""
            about = text if len(text.split()) > 2 else f"{text} {nxt}"
            if _RECOMMENDATION_HEAD_RE.search(about):
                return "annex"
            if _ANNEX_OF_PLAN_RE.search(about) and self.plan_seen(index):
                return "plan"
            return "appendix" if self.plan_seen(index) else "annex"
        if _BACK_MATTER_RE.match(text.strip(_QUOTES)) and self.plan_seen(index):
            return "appendix"
        return None

    def plan_seen(self, index: int) -> bool:
        """Some numbered outline came before line ``index`` (back matter follows
        a plan; the same words before any plan are its introduction)."""
        if not hasattr(self, "_first_outline"):
            self._first_outline = next(
                (
                    k
                    for k, line in enumerate(self.lines)
                    if (m := parse_marker(line))
                    and m.style in ("num", "label", "roman")
                ),
                len(self.lines),
            )
        return self._first_outline < index

    def _structure_restarts(self, index: int, keys: set[str]) -> bool:
        """After a title-like line in the middle of an outline: the next numbered item
        starts the numbering again (a top-level 1, I or a) or is of a kind of numbering
        not seen since the last plan began."""
        for line in self.lines[index + 1 : index + 80]:
            marker = parse_marker(line)
            if marker is None or marker.style == "bullet":
                continue
            if self._key(marker) not in keys:
                return True
            return marker.value == 1 and marker.depth == 1
        return False

    @staticmethod
    def _strong_title(line: Line) -> bool:
        """Quoted or upper-case: a title even in the middle of an outline."""
        text = line.text.strip(_QUOTES)
        letters = [c for c in text if c.isalpha()]
        upper = sum(c.isupper() for c in letters) / max(len(letters), 1)
        return line.text[0] in '“"«„' or upper > 0.6

    def _back_up(self, index: int) -> int:
        """Start of the prose run that introduces the plan at line ``index``."""
        j = index
        while j > 0:
            previous = self.lines[j - 1]
            if parse_marker(previous) or is_heading_like(previous.text):
                break
            j -= 1
        return j

    def _is_plan_title(self, line: Line, first: bool = False) -> bool:
        """A plan's title line: short, not a sentence, not a numbered item nor a
        labelled field ("Responsible: …"), naming a plan with a capitalised plan word
        among its first words ("Local Action Plan of X", "Plan municipal …",
        "Aktionsplan …", "Piano d'azione …"). ``first``: the document's first line,
        where a longer title in sentence case is accepted too."""
        text = line.text.strip(_QUOTES)
        if len(text) > 160 or not text or text.endswith(":"):
            return False
        match = _PLAN_WORD_RE.search(text)
        if not match:
            return False
        quoted = line.text[0] in '“"«„'
        if (parse_marker(text) or _NUMBERED_RE.match(text)) and not quoted:
            return False
        letters = [c for c in text if c.isalpha()]
        upper = sum(c.isupper() for c in letters) / max(len(letters), 1)
        if not quoted:
            label = _FIELD_RE.match(text)
            if label and not _PLAN_WORD_RE.search(label.group(1)):
                return False  # "Responsible: Municipal Programme Office"
            if self._attribute(text) is not None or _INDICATOR_RE.match(text):
                return False
            if not text[0].isupper() and not text[0].isdigit():
                return False
            # The plan word names the document: capitalised, among the first words.
            named = any(
                m.group()[0].isupper() and len(text[: m.start()].split()) <= 5
                for m in _PLAN_WORD_RE.finditer(text)
            )
            if not named:
                return False
        return (
            (upper > 0.6 and is_heading_like(text))
            or quoted
            or (
                len(text.split()) <= (16 if first else 8)
                and text[0].isupper()
                and not text.rstrip(_QUOTES).endswith((".", ";", ","))
            )
        )

    # ---------------------------------------------------------------- main loop

    def run(self) -> list[PlanDraft]:
        boundaries = self._boundaries()
        lines = self.lines
        i = 0
        while i < len(lines):
            line = lines[i]
            kind = boundaries.get(i)
            if kind:
                self._start_plan(line.start)
                if kind in ("annex", "appendix"):
                    self.plan.role = kind
                if kind in ("title", "annex", "appendix"):
                    i = self._take_title(i)
                    if kind == "annex":
                        self.mode = "recommendations"
                    continue
            i = self._line(i)
        self.plan.end = len(self.text)
        plans = [
            self._finish(plan)
            for plan in self.plans
            if plan.role == "plan" and self._keep(plan)
        ]
        # Recommendations of an annex belong to the plan when the document holds
        # one, else to the document as a whole (a collection of plans).
        annexed = [
            rec
            for plan in self.plans
            if plan.role != "plan"
            for rec in plan.recommendations
        ]
        if len(plans) == 1:
            plans[0].recommendations.extend(annexed)
            annexed = []
        self.document_recommendations = annexed
        return plans

    def _take_title(self, i: int) -> int:
        line = self.lines[i]
        title = line.text
        end = line.end
        j = i + 1
        closed = line.text[-1] in '”"»'
        while not closed and j < len(self.lines) and j - i <= 5:
            nxt = self.lines[j]
            letters = [c for c in nxt.text if c.isalpha()]
            if (
                not letters
                or sum(c.isupper() for c in letters) / len(letters) < 0.8
                or len(nxt.text.split()) > 10
                or parse_marker(nxt)
            ):
                break
            title += " " + nxt.text
            end = nxt.end
            j += 1
        title = " ".join(title.split()).strip(_QUOTES).rstrip(":–- ")
        self.plan.title = title
        self.plan.title_span = (line.start, end)
        place = _PARENS_PLACE_RE.search(title)
        if place:
            self.plan.territory = _tidy_place(place.group(1))
            title_wo = title[: place.start()].strip()
        else:
            title_wo = title
        parts = re.split(r"\s*[.–—:]\s+|\s+-\s+|\s*–\s*$", title_wo, maxsplit=1)
        if len(parts) == 2 and _PLAN_WORD_RE.search(parts[0]) and parts[1].strip():
            self.plan.organisation = parts[1].strip(" .–-")
        return j

    def _line(self, i: int) -> int:
        self.index = i
        line = self.lines[i]
        text = line.text
        if text[0] == "\ufffd" or "HYPERLINK" in text:
            return i + 1  # footnote and field-code debris of the extraction

        # A table turned into text: tab-led label cells.
        if "\t" in line.indent and self._is_column_header(text):
            nxt = self.lines[i + 1] if i + 1 < len(self.lines) else None
            if nxt is not None and "\t" in nxt.indent:
                return self._table(i)

        # "General objective 1. …"
        match = _GENERAL_OBJECTIVE_RE.match(text)
        if (
            match
            and (match.group(1) or text[match.end() :].strip())
            and len(text) > match.end() + 3
        ):
            self.plan.general_objectives.append(text[match.end() :].strip())
            self.mode = ""
            return i + 1
        if _GENERAL_OBJECTIVES_RE.match(text):
            self.mode = "general"
            return i + 1

        # "Detail of Measure 4.8.1:"
        match = _DETAIL_RE.match(text)
        if match:
            node = self._find(match.group(1))
            if node is not None:
                self.current = node
            return i + 1

        # Indicator headings.
        match = _INDICATOR_RE.match(text)
        if match and len(text) <= 90 and not match.group("rest").strip().endswith("."):
            adjective = (match.group("adj1") or "") + (match.group("adj2") or "")
            self.indicator_kind = (
                "qualitative" if _QUALI_RE.search(adjective) else "quantitative"
            )
            self.mode = "indicators"
            rest = match.group("rest").strip()
            if rest and ":" in text:
                self._indicator(line, match.start("rest"))
            return i + 1

        # Measure sheets: "Objective: … / Activities
        # / Time-scale / Responsible / Budget".
        handled = self._attribute_line(i)
        if handled is not None:
            return handled

        marker = parse_marker(line)
        if marker and marker.style == "bullet":
            inner = parse_marker(text[marker.title_at :])
            if inner and inner.style == "label" and inner.code:
                inner.title_at += marker.title_at
                inner.code_at = (
                    inner.code_at[0] + marker.title_at,
                    inner.code_at[1] + marker.title_at,
                )
                marker = inner

        if self.mode == "recommendations":
            if self._recommendation_line(line, marker):
                return i + 1
        if self.mode == "indicators":
            if marker is None or marker.style == "bullet":
                start = marker.title_at if marker else 0
                self._indicator(line, start)
                return i + 1
            self.mode = ""
        if self.mode == "general":
            if marker is not None and marker.style == "bullet":
                self.plan.general_objectives.append(
                    text[marker.title_at :].strip().rstrip(";,")
                )
                return i + 1
            self.mode = ""
        if self.mode == "transversal":
            if (
                marker is not None
                and marker.style in ("num", "bullet", "lower")
                and not is_heading_like(text[marker.title_at :])
            ):
                self.plan.transversal.append(text[marker.title_at :].strip())
                return i + 1
            if marker is not None:
                self.mode = ""
            elif self.plan.transversal:
                self.plan.transversal[-1] += " " + text
                return i + 1

        if marker is None:
            return self._plain(i)
        if marker.style == "bullet" and self.attr and self.block_node is not None:
            self._attribute_value(self.block_node, self.attr, line, 0)
            return i + 1
        if marker.style == "bullet":
            if self.mode == "actions" and self.current is not None:
                self.lead = False
                self._bullet_node(line, marker)
                return i + 1
            inner_text = text[marker.title_at :]
            if self._lead_line(inner_text):
                return i + 1
            self._append_text(line)
            return i + 1
        if (
            marker.style == "label"
            and not marker.code
            and marker.kind == "objective"
            and self.current is not None
            and self.current.draft.code
            and not self.current.draft.title
        ):
            return i + 1
        self._place(line, marker)
        return i + 1

    def _plain(self, i: int) -> int:
        line = self.lines[i]
        text = line.text
        # A measure sheet without its "Objective:"
        # label: a short line before "Activities".
        if (
            i + 1 < len(self.lines)
            and len(text.split()) <= 10
            and not text.endswith(".")
        ):
            attribute = self._attribute(self.lines[i + 1].text)
            if attribute and attribute[0] == "activities" and not attribute[1]:
                self._block_node(line, 0)
                return i + 1
        if self._lead_line(text):
            return i + 1
        if _RECOMMENDATION_HEAD_RE.search(text) and is_heading_like(text):
            self.mode = "recommendations"
            self.audience = None
            self.rec_frame = None
            return i + 1
        if self.mode == "actions":
            self.mode = ""
        self.lead = False
        if self.attr and self.block_node is not None:
            previous = self.lines[i - 1]
            header = self._attribute(previous.text)
            if self.text.count("\n", previous.end, line.start) > 1 and not (
                header and not header[1].strip()
            ):
                # A blank line after an attribute's value ends it ("Budget: 8,000
                # euros", blank, then more text of the measure).
                self.attr = None
                self.block_node = None
            else:
                self._attribute_value(self.block_node, self.attr, line, 0)
                return i + 1
        self._append_text(line)
        return i + 1

    def _lead_line(self, text: str) -> bool:
        """Lines that announce what the
        next items are ("Actions:", transversal axes…)."""
        if not text.endswith(":") or len(text.split()) > 25:
            if (
                _TRANSVERSAL_RE.search(text)
                and len(text.split()) <= 25
                and not self.plan.nodes
            ):
                self.mode = "transversal"
                return True
            return False
        if _TRANSVERSAL_RE.search(text) and not self.plan.nodes:
            self.mode = "transversal"
            return True
        if _ACTION_LEAD_RE.search(text):
            self.mode = "actions"
            self.lead = True
            return True
        return False

    # ---------------------------------------------------------------- tree

    def _key(self, marker: Marker) -> str:
        if marker.style == "num":
            return f"num{marker.depth}"
        if marker.style == "label":
            if marker.code and marker.code[0].isdigit():
                return f"label:{marker.kind}:{marker.depth}"
            return f"label:{marker.kind}"
        return marker.style

    def _place(self, line: Line, marker: Marker) -> None:
        plan = self.plan
        stack = plan.stack
        title_text = line.text[marker.title_at :]
        title, title_span, text_part = self._title(line, marker.title_at)
        explicit = marker.kind if marker.style == "label" else None
        # "1.1. Specific objective: …"
        if marker.style == "num":
            inner = parse_marker(title_text)
            if inner and inner.style == "label" and not inner.code and inner.kind:
                explicit = inner.kind
                title, title_span, text_part = self._title(
                    line, marker.title_at + inner.title_at
                )
        heading = is_heading_like(title_text)
        key = self._key(marker)
        value = marker.value
        code = marker.code
        dotted = marker.depth > 1 and code[:1].isdigit()

        # Leaving the recommendations of an outline
        # item ("5. RECOMMENDATIONS" → "6. …").
        if self.mode == "recommendations" and self.rec_frame is not None:
            if key == self.rec_frame[0] and value == self.rec_frame[2] + 1:
                self.mode = ""
                self.rec_frame = None
        lead, self.lead = self.lead, False
        if self.mode in ("actions", "transversal", "general"):
            self.mode = ""
        self.attr = None
        self.block_node = None

        parent: _Node | None
        inherited = False
        if dotted:
            parent_code = code.rsplit(".", 1)[0]
            index = self._stack_index(lambda f: f.node.draft.code == parent_code)
            if index is not None:
                del stack[index + 1 :]
                parent = stack[index].node
            else:
                parent = self._find(parent_code)
                if parent is not None:
                    self._rebuild_stack(parent)
                else:
                    while (
                        stack
                        and stack[-1].key.startswith("num")
                        and int(stack[-1].key[3:] or 1) >= marker.depth
                    ):
                        stack.pop()
                    parent = stack[-1].node if stack else None
        else:
            # "· AXIS 1. HEALTH" in an introduction, then "1. HEALTH": the same area.
            if heading and marker.style in ("num", "roman"):
                for node in plan.nodes:
                    if (
                        node.parent is None
                        and node.labelled
                        and node.draft.code == code
                        and not node.children
                    ):
                        del stack[:]
                        stack.append(_Frame(key, value, node))
                        if not node.draft.title or is_heading_like(title):
                            node.draft.title = title
                            node.draft.spans["title"] = title_span
                        self.current = node
                        return
            candidates = [
                k for k, f in enumerate(stack) if f.key == key and f.last + 1 == value
            ]
            index = None
            if candidates:
                index = candidates[-1]
                if len(candidates) > 1:
                    for k in reversed(candidates):
                        if stack[k].node.heading == heading:
                            index = k
                            break
            elif value == 1 or (marker.style == "label" and not code):
                same = self._stack_index(lambda f: f.key == key)
                if same is not None and marker.style == "label" and not code:
                    index = same
                elif same is not None:
                    above = stack[same + 1 :]
                    family = (
                        all(f.key.startswith("num") and f.key != "num1" for f in above)
                        and key == "num1"
                    )
                    top = stack[same]
                    if same == len(stack) - 1 or family:
                        if (
                            lead
                            and not top.actions
                            and not top.node.children
                            and not above
                        ):
                            index = None  # "Actions:" then 1., 2. … under the item
                        elif top.node.heading and not top.node.children and not above:
                            index = None  # nest under it
                        elif same == 0 and top.node.children and plan.has_content():
                            self._restart_plan(line)
                            self._place(line, marker)
                            return
                        else:
                            index = same
            else:
                same = self._stack_index(lambda f: f.key == key)
                if same is not None:
                    top = stack[same]
                    if value == top.last and not heading and marker.style == "num":
                        self._append_text(line)
                        return
                    index = same
            if index is not None:
                inherited = stack[index].actions
                del stack[index:]
            parent = stack[-1].node if stack else None

        node = _Node(
            NodeDraft(code=code, kind=explicit or "", title=title),
            explicit=explicit,
            heading=heading,
            labelled=marker.style == "label",
            parent=parent,
        )
        node.draft.parent = parent.draft.code if parent else None
        node.draft.spans["title"] = title_span
        if code:
            node.draft.spans["code"] = line.span_of(*marker.code_at)
        if text_part:
            node.text_lines.append(text_part)
        if parent is not None:
            parent.children += 1
        plan.nodes.append(node)
        stack.append(_Frame(key, value, node, actions=lead or inherited))
        self.current = node
        if self.mode == "recommendations" and heading:
            self.audience = title
            self.audience_span = title_span
        elif _RECOMMENDATION_HEAD_RE.search(title) and heading:
            self.mode = "recommendations"
            self.audience = None
            self.rec_frame = (key, len(stack) - 1, value)

    def _restart_plan(self, line: Line) -> None:
        """Numbering restarts at 1 after a finished tree: a new plan (an appendix…)."""
        title_line = self.lines[self.index - 1] if self.index > 0 else None
        self._start_plan(line.start)
        if (
            title_line is not None
            and is_heading_like(title_line.text)
            and not parse_marker(title_line)
        ):
            self.plan.title = title_line.text.strip(_QUOTES + ".…")
            self.plan.title_span = (title_line.start, title_line.end)
            self.plan.start = title_line.start
            previous_plan = self.plans[-2]
            previous_plan.end = title_line.start
            for node in previous_plan.nodes[-1:]:
                node.text_lines = [x for x in node.text_lines if x is not title_line]

    def _stack_index(self, predicate) -> int | None:
        stack = self.plan.stack
        for k in range(len(stack) - 1, -1, -1):
            if predicate(stack[k]):
                return k
        return None

    def _rebuild_stack(self, node: _Node | None) -> None:
        chain = []
        while node is not None:
            chain.append(node)
            node = node.parent
        self.plan.stack[:] = [
            _Frame(f"num{len(n.draft.code.split('.'))}", _last_value(n.draft.code), n)
            for n in reversed(chain)
        ]

    def _find(self, code: str) -> _Node | None:
        for node in reversed(self.plan.nodes):
            if node.draft.code == code:
                return node
        return None

    def _title(self, line: Line, begin: int) -> tuple[str, Span, Line | None]:
        """Title of an item: up to a "
        - " after an upper-case heading, else the line."""
        text = line.text
        while begin < len(text) and text[begin] in " :.-–":
            begin += 1
        title = text[begin:]
        split = re.search(r"\s+[-–—]\s+", title)
        if split and title[: split.start()].isupper():
            end = begin + split.start()
            rest_at = begin + split.end()
            rest = Line(line.offset(rest_at), line.end, text[rest_at:])
            return text[begin:end].strip(), line.span_of(begin, end), rest
        stripped = title.rstrip(" .;,:")
        return stripped, line.span_of(begin, begin + len(stripped)), None

    def _bullet_node(self, line: Line, marker: Marker) -> None:
        parent = self.current
        while (
            parent is not None
            and parent.labelled is False
            and parent.draft.code == ""
            and parent.parent is not None
        ):
            parent = parent.parent
        title, span, _ = self._title(line, marker.title_at)
        node = _Node(
            NodeDraft(code="", kind="measure", title=title),
            explicit="measure",
            parent=parent,
        )
        node.draft.parent = parent.draft.code if parent else None
        node.draft.spans["title"] = span
        if parent is not None:
            parent.children += 1
        self.plan.nodes.append(node)

    def _append_text(self, line: Line) -> None:
        if self.current is not None:
            self.current.text_lines.append(line)

    # ---------------------------------------------------------------- measure sheets

    @staticmethod
    def _attribute(text: str) -> tuple[str, str] | None:
        for name, pattern in _ATTRIBUTE_RES:
            match = pattern.match(text)
            if match:
                return name, match.group(1)
        return None

    def _is_column_header(self, text: str) -> bool:
        attribute = self._attribute(text)
        if attribute is not None:
            return not attribute[1].strip()
        match = _BLOCK_OBJECTIVE_RE.match(text)
        return match is not None and not match.group(1).strip()

    def _attribute_line(self, i: int) -> int | None:
        line = self.lines[i]
        text = line.text
        match = _BLOCK_OBJECTIVE_RE.match(text)
        if (
            match
            and parse_marker(text[match.end() - len(match.group(1)) :] or "x").__class__
            is not Marker
        ):
            pass
        if match and not re.match(r"^\S+\s*:?\s*(?:\d|[IVX]+\b)", text):
            # A sheet starts when attribute labels follow within a few lines.
            ahead = self.lines[i + 1 : i + 5]
            if any(self._attribute(a.text) for a in ahead):
                value = match.group(1).strip()
                if value:
                    self._block_node(line, match.start(1))
                    return i + 1
                if i + 1 < len(self.lines) and not self._attribute(
                    self.lines[i + 1].text
                ):
                    self._block_node(self.lines[i + 1], 0)
                    return i + 2
        attribute = self._attribute(text)
        if attribute is None or len(text) > 200:
            return None
        name, value = attribute
        target = self.block_node or self.current
        if target is None:
            return None
        if not value.strip() and name != "activities" and len(text.split()) > 5:
            return None
        if value.strip() and name == "activities":
            return None
        self.block_node = target
        self.attr = name
        if value.strip():
            self._attribute_value(target, name, line, len(text) - len(value))
        return i + 1

    def _block_node(self, line: Line, begin: int) -> None:
        title, span, _ = self._title(line, begin)
        plan = self.plan
        for node in plan.nodes:
            if node.block and node.draft.title.lower() == title.lower():
                self.block_node = node
                self.current = node
                self.attr = None
                node.draft.responsible = []
                node.draft.time_frame = None
                node.draft.budget = None
                return
        node = _Node(
            NodeDraft(code="", kind="measure", title=title),
            explicit="measure",
            block=True,
        )
        node.draft.spans["title"] = span
        plan.nodes.append(node)
        plan.stack[:] = []
        self.block_node = node
        self.current = node
        self.attr = None
        self.mode = ""

    def _attribute_value(self, node: _Node, name: str, line: Line, begin: int) -> None:
        text = line.text[begin:].strip()
        marker = parse_marker(text)
        if marker and marker.style == "bullet":
            begin += marker.title_at
            text = text[marker.title_at :]
        text = text.strip().rstrip(",;")
        if not text:
            return
        draft = node.draft
        span = line.span_of(begin, begin + len(line.text[begin:].rstrip().rstrip(",;")))
        if name == "responsible":
            draft.responsible.append(text)
            draft.spans.setdefault("responsible", span)
            draft.spans["responsible"] = (draft.spans["responsible"][0], span[1])
        elif name == "time_frame":
            draft.time_frame = (
                f"{draft.time_frame} {text}" if draft.time_frame else text
            )
            draft.spans["time_frame"] = (
                draft.spans.get("time_frame", span)[0],
                span[1],
            )
        elif name == "budget":
            draft.budget = f"{draft.budget} {text}" if draft.budget else text
            draft.spans["budget"] = (draft.spans.get("budget", span)[0], span[1])
        else:
            node.text_lines.append(line)

    def _table(self, i: int) -> int:
        """Columns of a table turned into text: a tab-led header, then one tab-led cell
        per row (continuation lines without a tab belong to the cell above)."""
        columns: list[tuple[str, list[list[Line]]]] = []
        j = i
        while j < len(self.lines):
            line = self.lines[j]
            if "\t" not in line.indent and not (parse_marker(line) and columns):
                break
            if "\t" in line.indent and self._is_column_header(line.text):
                attribute = self._attribute(line.text)
                columns.append((attribute[0] if attribute else "objective", []))
            elif columns:
                cells = columns[-1][1]
                if "\t" in line.indent or not cells:
                    cells.append([line])
                else:
                    cells[-1].append(line)
            j += 1
        rows = next((cells for name, cells in columns if name == "objective"), None)
        if rows:
            nodes = []
            for cell in rows:
                before = {id(n) for n in self.plan.nodes}
                self._block_node(cell[0], 0)
                nodes.append(
                    self.block_node
                    if id(self.block_node) not in before or True
                    else None
                )
            for name, cells in columns:
                if name == "objective" or len(cells) != len(nodes):
                    continue
                for node, cell in zip(nodes, cells, strict=True):
                    for cell_line in cell:
                        if node is not None:  # _block_node always sets one
                            self._attribute_value(node, name, cell_line, 0)
        self.block_node = None
        self.attr = None
        return j

    # ---------------------------------------------------------------- indicators

    def _indicator(self, line: Line, begin: int) -> None:
        text = line.text[begin:].strip()
        if not text:
            return
        measure = self.current.draft.code if self.current is not None else None
        name = _PAREN_RE.sub(
            lambda m: "" if disaggregation_keys(m.group()) else m.group(), text
        )
        name = name.strip().rstrip(".;,") or text
        indicator = IndicatorDraft(
            measure=measure or None,
            name=name,
            kind=self.indicator_kind,
            disaggregation=disaggregation_keys(text),
        )
        offset = line.text.find(name[:20], begin)
        if offset < 0:
            offset = begin
        indicator.spans["name"] = line.span_of(offset, offset + len(name))
        baseline = _BASELINE_RE.search(text)
        if baseline:
            indicator.baseline = baseline.group(1).strip()
        target = _TARGET_RE.search(text)
        if target:
            indicator.target = target.group(1).strip()
        self.plan.indicators.append(indicator)

    # ---------------------------------------------------------------- recommendations

    def _recommendation_line(self, line: Line, marker: Marker | None) -> bool:
        text = line.text
        body_at = marker.title_at if marker else 0
        body = text[body_at:].strip()
        if not body:
            return True
        is_audience = marker is None and _looks_like_audience(body)
        if (
            marker is not None
            and marker.style == "num"
            and is_heading_like(body)
            and not body.endswith(":")
        ):
            # "1. EDUCATION." inside an annex of recommendations: a group (an area).
            if (
                self.rec_frame is not None
                and self._key(marker) == self.rec_frame[0]
                and marker.value == self.rec_frame[2] + 1
            ):
                return False
            self._place(line, marker)
            self.mode = "recommendations"
            return True
        if is_audience:
            audience = body.rstrip(":").strip()
            self.audience = audience
            begin = body_at + (len(text[body_at:]) - len(text[body_at:].lstrip()))
            self.audience_span = line.span_of(begin, begin + len(audience))
            return True
        if self.audience is None:
            # Conservative: an item is a recommendation only under an audience.
            return False
        rec = RecommendationDraft(
            audience=self.audience or "",
            text=body.rstrip(",;"),
            audience_code=audience_code(self.audience or ""),
        )
        rec.spans["text"] = line.span_of(body_at, body_at + len(body.rstrip(",;")))
        if self.audience_span:
            rec.spans["audience"] = self.audience_span
        self.plan.recommendations.append(rec)
        return True

    # ---------------------------------------------------------------- results

    def _keep(self, plan: _PlanState) -> bool:
        """A plan has an outline; without one, only a titled plan (or annex) keeps
        its recommendations, indicators or general objectives."""
        if plan.nodes:
            return True
        return bool(plan.title) and bool(
            plan.recommendations or plan.indicators or plan.general_objectives
        )

    def _finish(self, plan: _PlanState) -> PlanDraft:
        segment = self.text[plan.start : plan.end]
        if not plan.territory or not plan.organisation:
            territory, organisation = _territory(segment[:30000])
            if territory is None and plan.title:
                territory, _ = _territory(plan.title.title())
            if territory is None and not plan.territory:
                territory = _country_named(segment[:30000])
            plan.territory = plan.territory or territory
            plan.organisation = plan.organisation or organisation
        if not plan.title:
            plan.title, span = _plan_name(segment, plan.start, plan.territory)
            plan.title_span = span
        if (
            plan.territory
            and plan.territory.lower() not in plan.title.lower()
            and (
                not plan.organisation
                or plan.organisation.lower() not in plan.title.lower()
            )
        ):
            plan.title = (
                f"{plan.title} ({plan.territory})" if plan.title else plan.territory
            )
        draft = PlanDraft(
            title=plan.title or "",
            territory=plan.territory,
            organisation=plan.organisation,
            general_objectives=plan.general_objectives,
            transversal_axes=plan.transversal,
            indicators=plan.indicators,
            recommendations=plan.recommendations,
        )
        draft.spans["plan"] = (plan.start, plan.end)
        if plan.title_span:
            draft.spans["title"] = plan.title_span
        _fold_intro_lists(plan)
        for node in plan.nodes:
            n = node.draft
            if node.explicit:
                n.kind = node.explicit
            elif node.parent is None:
                n.kind = "area"
            elif node.children:
                n.kind = "objective"
            else:
                n.kind = "measure"
            if node.text_lines:
                first, last = node.text_lines[0], node.text_lines[-1]
                n.text = "\n".join(x.text for x in node.text_lines)
                n.spans["text"] = (first.start, last.end)
            draft.nodes.append(n)
        return draft


def _fold_intro_lists(plan: _PlanState) -> None:
    """An item with dotted children ("3.1", "3.2") and a flat list ("1.", "2.") of
    leaves before them: the flat list is the item's introduction, not its children."""
    children: dict[int, list[_Node]] = {}
    for node in plan.nodes:
        if node.parent is not None:
            children.setdefault(id(node.parent), []).append(node)
    drop: set[int] = set()
    for node in plan.nodes:
        kids = children.get(id(node), [])
        code = node.draft.code
        if not code or not kids:
            continue
        prefix = code + "."
        if not any(k.draft.code.startswith(prefix) for k in kids):
            continue
        for kid in kids:
            if (
                kid.draft.code[:1].isdigit()
                and not kid.draft.code.startswith(prefix)
                and id(kid) not in children
            ):
                drop.add(id(kid))
                node.text_lines.append(
                    Line(
                        kid.draft.spans["title"][0],
                        kid.draft.spans["title"][1],
                        kid.draft.code + ". " + kid.draft.title,
                    )
                )
                node.children -= 1
    if drop:
        plan.nodes = [n for n in plan.nodes if id(n) not in drop]


def _last_value(code: str) -> int:
    try:
        return int(code.split(".")[-1])
    except ValueError:
        return 0


def _tidy_place(value: str) -> str:
    value = value.strip(_QUOTES + ".")
    return value.title() if value.isupper() else value


def _territory(segment: str) -> tuple[str | None, str | None]:
    names: Counter[str] = Counter()
    orgs: dict[str, str] = {}
    local: set[str] = set()
    for match in _TERRITORY_RE.finditer(segment):
        name = match.group("name")
        if name.split()[0] in _NOT_PLACES:
            continue
        names[name] += 1
        orgs.setdefault(name, match.group("org"))
        if match.group("org").split()[0] in _LOCAL_ORG_WORDS:
            local.add(name)
    if not names:
        return None, None
    ranked = sorted(names, key=lambda n: (n in local, names[n]), reverse=True)
    best = ranked[0]
    return best, orgs[best]


def _country_named(segment: str) -> str | None:
    """The country a plan's text names most (an NGO's national plan names no
    town), by its English name."""
    from .parse_practices import _COUNTRY_NAMES, _countries_in, fold

    found = Counter(_countries_in(fold(segment)))
    if not found:
        return None
    code = found.most_common(1)[0][0]
    names = _COUNTRY_NAMES[code]
    return (names.split("|") if "|" in names else names.split())[0]


def _plan_name(
    segment: str, offset: int, territory: str | None
) -> tuple[str, Span | None]:
    best = None
    for match in _PLAN_NAME_RE.finditer(segment[:8000]):
        words = match.group().split()
        if len(words) < 2:
            continue
        score = (
            bool(territory and territory in match.group()),
            bool(_YEARS_RE.search(match.group())),
            "Action Plan" in match.group(),
            len(words) >= 3,
            -match.start(),
        )
        if best is None or score > best[0]:
            best = (score, match)
    if best is None:
        return "", None
    match = best[1]
    return " ".join(match.group().split()), (
        offset + match.start(),
        offset + match.end(),
    )


def parse_plans(text: str, language: str) -> list[PlanDraft]:
    """The plans in ``text`` (normalised extracted text) as drafts with spans.

    ``language`` is the document's ISO 639-1 code.  Returns [] when no plan
    structure is found.
    """
    return parse_plan_document(text, language)[0]


def parse_plan_document(
    text: str, language: str
) -> tuple[list[PlanDraft], list[RecommendationDraft]]:
    """The plans, and the recommendations that belong to no single plan."""
    plans, recommendations, _ = read_plan_document(text, language)
    return plans, recommendations


def _legacy(
    text: str, language: str
) -> tuple[list[PlanDraft], list[RecommendationDraft]]:
    """The former line-by-line reader (fixed word → kind tables), kept as a
    fallback while the plan tree learns what it still reads better (the five
    seed plans of seed 000, measure sheets).  To be removed: one way to read."""
    parser = _Parser(text, language)
    plans = parser.run()
    return plans, parser.document_recommendations


def read_plan_document(
    text: str, language: str
) -> tuple[list[PlanDraft], list[RecommendationDraft], list[UnplacedLine]]:
    """The one way plans are read: layout → section roles → line labels → the
    tree under constraints (plan_tree.build); also the lines of the action part
    that could not be placed."""
    if not text.strip():
        return [], [], []
    from . import layout as layout_step
    from . import plan_tree

    layout = layout_step.normalise(text)
    try:
        from .segments import assign as assign_sections
    except ImportError:  # no section step: the whole text is one action part
        pass
    else:
        assign_sections(layout, language)
    labels = _labels(layout, language)
    plans, recommendations, unplaced = plan_tree.build(layout, labels, language)
    for plan in plans:
        _name_plan(plan, text)
    # Interim: the former reader's reading is kept unless the new one is
    # better supported by the tree's constraints and the line labeller
    # together (see _legacy).
    old_plans, old_recommendations = _legacy(text, language)
    new_score = plan_tree.support(plans) + plan_tree.labelled(plans, layout, labels)
    old_score = plan_tree.support(old_plans) + plan_tree.labelled(
        old_plans, layout, labels
    )
    if new_score <= old_score:
        return old_plans, old_recommendations, []
    return plans, recommendations, unplaced


def _labels(layout, language: str) -> list | None:
    """The learned labeller's guesses, or None (plan_tree's fallback labelling)
    when there is no labeller or no model (every probability 0)."""
    try:
        from . import labeller
    except ImportError:
        return None
    labels = labeller.label(layout.lines, language)
    if not labels or not any(prob for _, prob in labels):
        return None
    return list(labels)


def _name_plan(plan: PlanDraft, text: str) -> None:
    """Title, territory and organisation from the plan's own text when the tree
    gave no title naming a plan."""
    start, end = plan.spans.get("plan", (0, len(text)))
    begin = max(0, start - 3000)
    territory, organisation = _territory(text[begin:end])
    if not plan.title or not _PLAN_WORD_RE.search(plan.title):
        name, span = _plan_name(text[begin:end], begin, territory)
        if name:
            plan.title = name
            if span:
                plan.spans["title"] = span
    plan.territory = plan.territory or territory
    plan.organisation = plan.organisation or organisation

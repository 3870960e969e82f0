"""What kind of document this is: a plan, a collection of practices, or other.

The decision rests on counted cues, in the languages of the platform (en, es, it,
pt, fr, de, ro, el, nl), and every count that weighed is given back as a sentence of
evidence the reviewer sees ("12 numbered measures like 1.1.1").  Structure decides
before vocabulary: a document becomes a plan only with an outline of objectives,
measures or actions, a practice collection only with practices set out one by one;
anything else is "other", with a detail ("method_note", "project_description")
when its words say so.  The reviewer can override the genre.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

PLAN = "plan"
PRACTICE_COLLECTION = "practice_collection"
OTHER = "other"
GENRES = (PLAN, PRACTICE_COLLECTION, OTHER)

_F = re.IGNORECASE | re.MULTILINE


def _words(*words: str) -> str:
    return "|".join(words)


#: Outline numbers three deep: "1.1.1", "2.3.10." (optionally after a label word).
_DEEP = re.compile(
    r"^[ \t>*•-]*(?:[^\W\d_]+\.?[ \t]+)?\d{1,3}\.\d{1,3}\.\d{1,3}\b\.?", _F
)
#: Two deep: "1.2", "1.2." at the start of a line.
_MID = re.compile(r"^[ \t>*•-]*\d{1,3}\.\d{1,3}\.?(?:[ \t]|$)", re.MULTILINE)

_OBJECTIVE_WORDS = _words(
    "objectives?",
    "objetivos?",
    "obiettiv[oi]",
    "objecti(?:f|fs)",
    r"\w*ziele?",
    "obiective?",
    "obiectivul",
    "στόχο[ςι]",
    "doel(?:stelling)?(?:en)?",
    "goals?",
    "aims?",
)
_OBJECTIVE = re.compile(
    r"^[ \t•*-]*(?:[\dIVX]+(?:\.\d+)*[.)]?[ \t]*)?(?:[^\W\d_]+[ \t]+){0,2}?"
    rf"(?:{_OBJECTIVE_WORDS})\b(?:[ \t]+[^\W\d_]+)?[ \t]*(?:n[º°o.]?[ \t]*)?"
    r"(?:[\dIVX]+(?:\.\d+)*\.?)?[ \t]*[:.]",
    _F,
)
_AREA_WORDS = _words(
    "axis",
    "axes",
    "axe",
    "ejes?",
    "ass[ei]",
    "eixos?",
    "άξονας",
    "areas?",
    "áreas?",
    "ámbitos?",
    "ambito",
    "handlungsfeld(?:er)?",
    "line of action",
    "lines of action",
    "l[íi]neas? (?:de actuaci[óo]n|estrat[ée]gicas?)",
    "linea d'intervento",
    "chapter",
    "cap[íi]tulo",
    "capitolo",
    "pillar",
    "pilar",
    "pilastro",
    "domeniul?",
    "direc[țţ]ia",
    "prioridade",
    "priority",
    "priorit[àé]",
    "themenfeld",
    "säule",
)
_AREA = re.compile(
    rf"^[ \t•*-]*(?:{_AREA_WORDS})\b[ \t]*(?:n[º°o.]?[ \t]*)?"
    r"(?:\d+|(?-i:[IVX]+|[A-Z])\b)",
    _F,
)
_MEASURE_WORDS = _words(
    "measures?",
    "actions?",
    "medidas?",
    "acci[óo]n",
    "actuaci[óo]n",
    "azion[ei]",
    "misur[ae]",
    "interventi?o?",
    "a[çc][ãa]o",
    "ac[çc][õo]es",
    "mesures?",
    "ma(?:ß|ss)nahmen?",
    "m[ăa]sur(?:a|ă|i)",
    "ac[țţ]iun(?:e|ea|i)",
    "δράση",
    "μέτρο",
    "maatregel",
    "actie",
    "activit(?:y|ies|ad|à|ate|é)",
)
_MEASURE = re.compile(
    rf"^[ \t•*-]*(?:{_MEASURE_WORDS})\b[ \t]*(?:n[º°o.]?[ \t]*)?\d+(?:\.\d+)*\b",
    _F,
)
_INDICATOR = re.compile(
    r"^[ \t•*-]*(?:[^\W\d_]+[ \t]+){0,2}(?:indicators?|indicador(?:es)?|"
    r"indicator[ei]|indikator(?:en)?|indicateurs?|indicatori|δείκτ\w+|"
    r"indicatoren)\b",
    _F,
)
_ATTRIBUTE = re.compile(
    r"^[ \t•*-]*(?:responsible|time[- ]?(?:scale|frame|line)|budget|schedule|"
    r"responsables?|presupuesto|calendario|cronograma|responsabil[ei]|bilancio|"
    r"or[çc]amento|respons[áa]ve(?:l|is)|zeitrahmen|zeitplan|verantwortlich\w*|"
    r"kosten|finanzierung|buget|termen|προϋπολογισμός|χρονοδιάγραμμα|υπεύθυν\w+|"
    r"financ\w+|timing|deadline|plazo|tempi|prazo|[ée]ch[ée]ancier)\b",
    _F,
)
_PLAN_PHRASES = re.compile(
    r"\b(?:action plans?|integration plans?|plan de acci[óo]n|planes de acci[óo]n|"
    r"plan integral|plan municipal|plan estrat[ée]gico|piano d'azione|"
    r"piano di azione|piano locale|piano (?:regionale|comunale)|"
    r"plano (?:de a[çc][ãa]o|municipal|local|estrat[ée]gico)|plan d'action|"
    r"plan local|aktionsplan|integrationsplan|handlungskonzept|"
    r"integrationskonzept|plan(?:ul)? de ac[țţ]iune|plan(?:ul)? local|"
    r"σχέδιο δράσης|actieplan|strategy|estrategia|strategia|estratégia|"
    r"stratégie|strategie)\b",
    re.IGNORECASE,
)

_PRACTICE_HEADING = re.compile(
    r"^[ \t#*]*(?:\S+[ \t]+){0,2}(?:practices?|pr[áa]cticas?|pratic(?:a|he)|"
    r"pr[áa]ticas?|pratiques?|praxisbeispiel|practic(?:a|ă|i)|πρακτική|"
    r"case stud(?:y|ies)|estudio de caso|caso|fallbeispiel)[ \t*]*"
    r"(?:n[º°o.]?[ \t]*)?\d+\b",
    _F,
)
#: A heading that ends with a country in capitals: "PRACTICE 1 - ITALY",
#: "Sistemul suport … - ITALIA" (a page number may follow in a contents list).
_COUNTRY_HEADING = re.compile(
    r"^[^\n]{3,160}?[ \t][-–—|][ \t]*[A-ZÀ-ÖØ-ÞĂÂÎȘȚŞŢΑ-Ω][A-ZÀ-ÖØ-ÞĂÂÎȘȚŞŢΑ-Ω ]{2,30}"
    r"[ \t*]*(?:\t[ \t]*\d+)?$",
    re.MULTILINE,
)
_PRACTICE_PHRASES = re.compile(
    r"\b(?:good practices?|best practices?|promising practices?|case stud(?:y|ies)|"
    r"buenas? pr[áa]cticas?|buone pratiche|buona pratica|boas? pr[áa]ticas?|"
    r"bonnes? pratiques?|gute praxis|praxisbeispiele?|bune practici|"
    r"bun[ăa] practic[ăa]|practici promi[țţ][ăa]toare|καλ[έή]ς πρακτικ[έή]ς|"
    r"καλή πρακτική|goede praktijk(?:en)?)\b",
    re.IGNORECASE,
)
_PRACTICE_FIELDS = re.compile(
    r"^[ \t•*-]*(?:beneficiar(?:ies|ios|i|y)|target groups?|destinatari(?:os)?|"
    r"benefici[áa]rios|p[úu]blico[- ]alvo|b[ée]n[ée]ficiaires|public cible|"
    r"zielgruppen?|grup(?:ul)? [țţ]int[ăa]|ωφελούμενοι|ομάδα[- ]στόχος|"
    r"organi[sz]ations?|organizaci[óo]n|organizzazione|organiza[çc][ãa]o|"
    r"organisme|organiza[țţ]i[ae]|οργανισμός|träger|partners?|socios?|"
    r"parceiros|parteneri|durat(?:ion|a|ion)|duraci[óo]n|dura[çc][ãa]o|"
    r"dauer|perioad[ăa]|period|years?|a[ñn]os?|anni|laufzeit|website|"
    r"web|sitio web|sito web|contacts?|contacto|contatti|kontakt|"
    r"results?|resultados?|risultati|r[ée]sultats|ergebnisse|rezultate|"
    r"location|lugar|luogo|local|ort|loca[țţ]ie|country|pa[íi]s|paese|pays|"
    r"land|[țţ]ar[ăa])[ \t]*:",
    _F,
)
_ORG_CITY = re.compile(r"^[^\n|]{2,120}[ \t]\|[ \t][^\n|]{2,60}$", re.MULTILINE)
_URL = re.compile(r"\bhttps?://|\bwww\.", re.IGNORECASE)

_METHOD_CUES = re.compile(
    r"\b(?:approach(?:es)?|bottom[- ]up|top[- ]down|methodolog(?:y|ies)|"
    r"method|diagnos(?:e|is)|toolkit|tools?|guidelines?|template|step[- ]by[- ]step|"
    r"steps?|structure|must|should|enfoque|metodolog[íi]a|diagn[óo]stico|"
    r"herramientas?|gu[íi]a|plantilla|approccio|diagnosi|linee guida|strumenti|"
    r"abordagem|ferramentas?|approche|m[ée]thodologie|diagnostic|bo[îi]te [àa] outils|"
    r"ansatz|methodik|leitfaden|diagnose|werkzeug\w*|abordare|metodologie|ghid|"
    r"instrumente|προσέγγιση|μεθοδολογία|εργαλεία)\b",
    re.IGNORECASE,
)
_PROJECT_CUES = re.compile(
    r"\b(?:projects?|project objectives|expected results|expected outcomes|partners?|"
    r"project period|work ?packages?|deliverables?|consortium|workshops?|"
    r"dissemination|kick-off|network|proyectos?|resultados esperados|socios|"
    r"progett[oi]|risultati attesi|partenariato|projetos?|parceiros|projets?|"
    r"r[ée]sultats attendus|partenaires|projekte?s?|erwartete ergebnisse|"
    r"proiect(?:ul|ului)?|rezultate a[șş]teptate|parteneri|έργο|εταίροι|"
    r"αναμενόμενα αποτελέσματα)\b",
    re.IGNORECASE,
)


@dataclass
class Classification:
    genre: str
    detail: str = ""
    evidence: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)


def _count(pattern: re.Pattern, text: str) -> int:
    return sum(1 for _ in pattern.finditer(text))


def _examples(pattern: re.Pattern, text: str, limit: int = 2) -> str:
    found: list[str] = []
    for match in pattern.finditer(text):
        value = " ".join(match.group(0).split()).strip(" •*-:")
        if value and value not in found:
            found.append(value[:40])
        if len(found) >= limit:
            break
    return ", ".join(f"“{value}”" for value in found)


def _evidence(items: Iterable[tuple[int, str, re.Pattern | None]], text: str):
    for count, label, pattern in items:
        if count:
            example = _examples(pattern, text) if pattern is not None else ""
            yield f"{count} {label}" + (f" ({example})" if example else "")


def classify(text: str, language: str | None = None) -> Classification:
    """The genre of `text` with the evidence for it.  `language` is not needed for
    the decision (the cue lists cover the platform's languages at once) and is
    accepted so that callers pass what they know."""
    deep = _count(_DEEP, text)
    mid = _count(_MID, text)
    objectives = _count(_OBJECTIVE, text)
    areas = _count(_AREA, text)
    measures = _count(_MEASURE, text)
    indicators = _count(_INDICATOR, text)
    attributes = _count(_ATTRIBUTE, text)
    plan_phrases = _count(_PLAN_PHRASES, text)

    practice_headings = _count(_PRACTICE_HEADING, text)
    country_headings = _count(_COUNTRY_HEADING, text)
    practice_phrases = _count(_PRACTICE_PHRASES, text)
    practice_fields = _count(_PRACTICE_FIELDS, text)
    org_city = _count(_ORG_CITY, text)
    urls = _count(_URL, text)

    plan_structure = (
        deep >= 3
        or measures >= 3
        or (objectives >= 2 and (mid >= 2 or areas >= 1 or measures >= 1))
        or (areas >= 2 and (measures >= 1 or mid >= 3 or objectives >= 1))
        or (mid >= 5 and (indicators + attributes + objectives + plan_phrases) >= 3)
        or (
            deep >= 1 and objectives + areas + measures >= 1 and indicators + attributes
        )
    )
    practice_structure = (
        practice_headings >= 2
        or (country_headings >= 2 and practice_phrases >= 1)
        or (org_city >= 2 and practice_phrases >= 1)
        or (practice_phrases >= 2 and practice_fields >= 4)
    )
    plan_score = (
        2 * deep
        + 2 * measures
        + 2 * objectives
        + 2 * areas
        + min(mid, 50)
        + indicators
        + attributes
        + min(plan_phrases, 10)
    )
    practice_score = (
        6 * practice_headings
        + 4 * country_headings
        + 3 * org_city
        + 2 * practice_fields
        + min(practice_phrases, 15)
        + min(urls, 10)
    )
    scores = {PLAN: float(plan_score), PRACTICE_COLLECTION: float(practice_score)}

    plan_evidence = list(
        _evidence(
            [
                (deep, "numbered measures three levels deep", _DEEP),
                (mid, "numbered items two levels deep", _MID),
                (objectives, "objective lines", _OBJECTIVE),
                (areas, "lines naming an axis or area", _AREA),
                (measures, "numbered measures or actions", _MEASURE),
                (indicators, "indicator lines", _INDICATOR),
                (attributes, "lines giving who, when or how much", _ATTRIBUTE),
                (plan_phrases, "mentions of a plan or strategy", _PLAN_PHRASES),
            ],
            text,
        )
    )
    practice_evidence = list(
        _evidence(
            [
                (practice_headings, "numbered practice headings", _PRACTICE_HEADING),
                (country_headings, "headings ending with a country", _COUNTRY_HEADING),
                (org_city, "“Organisation | City” lines", _ORG_CITY),
                (practice_phrases, "mentions of good practices", _PRACTICE_PHRASES),
                (
                    practice_fields,
                    "practice fields (beneficiaries, …)",
                    _PRACTICE_FIELDS,
                ),
                (urls, "web links", None),
            ],
            text,
        )
    )

    if plan_structure and (not practice_structure or plan_score >= practice_score):
        return Classification(PLAN, "", plan_evidence, scores)
    if practice_structure:
        return Classification(PRACTICE_COLLECTION, "", practice_evidence, scores)

    method = _count(_METHOD_CUES, text)
    project = _count(_PROJECT_CUES, text)
    scores.update(method_note=float(method), project_description=float(project))
    evidence = [
        "no outline of objectives and measures, no practices set out one by one"
    ]
    detail = ""
    if max(method, project) >= 3:
        if method > project:
            detail = "method_note"
            evidence.append(
                f"{method} words of a method note ({_examples(_METHOD_CUES, text, 4)})"
            )
        else:
            detail = "project_description"
            evidence.append(
                f"{project} words of a project description "
                f"({_examples(_PROJECT_CUES, text, 4)})"
            )
    evidence += [f"but {line}" for line in (plan_evidence + practice_evidence)[:3]]
    return Classification(OTHER, detail, evidence, scores)

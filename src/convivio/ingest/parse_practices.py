"""The practice-collection parser: a good-practice booklet's text → drafts.

`parse_practices(text, language)` returns the booklet's practices, its partner
organisations and its recommendations as the dataclasses of `ingest.shapes`; every field
it fills keeps the span (start, end) of the source text it came from.

A practice starts at one of these anchors, in any of the languages we meet:

* a numbered heading: "PRACTICE 1 - ITALY", "Good practice 3: Title", "Practica 2 –
  România", "Buena práctica nº 4", "Buona pratica 5";
* a by-line "ORGANISATION | City" under the practice's title, or a table row turned
  into text, "Title | Organisation | City" (a header row names the columns);
* a block of labelled fields ("Organisation: …", "Entidad: …") under its title.

A line that is only a country name ("ITALY", "Spania", "ITALY GOOD PRACTICES") opens a
country section: its practices are in that country unless their city says otherwise.
A practice ends at the next anchor, at a section heading such as "Contact",
"Recommendations", "Lessons learnt", "Resources" (in many languages) or at the end.

Within a practice: organisation(s) and partners, country (ISO 3166-1 alpha-2 when
recognised) and city (a committed GeoNames table of cities, data/cities.tsv.gz,
resolves its country), years, aims, phases, beneficiaries with their number,
results, links and e-mails.  Labelled fields are read first; prose is searched when
a label is missing.

Two further readers find the practices of documents without such anchors, and the
reading that finds more of the repeated structure wins (records.py, prose.py):

* repeated field records — "Label: value", a label above its value, two-column
  tables, summary tables, card meta lines "Country · City · Year";
* project paragraphs of news articles and newsletters (a quoted or capitalised
  project name with its organisation, place, years and people).

Lines that layout normalisation marks as page or web furniture are dropped first.
``practice_evidence(text, language)`` gives the number of records and how sure the
repetition is, for the genre to be decided from it; ``parse_practices_with_unplaced``
also returns the lines inside records that could not be placed.

Everything runs in time linear in the text: each line is looked at a bounded number of
times with precompiled expressions.
"""

from __future__ import annotations

import functools
import gzip
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast

import pycountry

from .shapes import (
    OrganisationDraft,
    PracticeDraft,
    RecommendationDraft,
    Span,
    UnplacedLine,
)

__all__ = [
    "country_code",
    "fold",
    "parse_practices",
    "parse_practices_with_unplaced",
    "practice_evidence",
]


# --- Text helpers ---


def fold(value: str) -> str:
    """Case- and accent-insensitive: "România" → "romania", "Florenţa" → "florenta"."""
    value = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in value if not unicodedata.combining(ch))


_MARKUP = re.compile(
    r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|\[([^\]\n]*)\]\([^)\n]*\)"
)
_BULLET = re.compile(r"^\s*(?:>\s*)*(?:#{1,6}\s+)?(?:[-•*·▪◦‣–]\s*)?")
_NUMBERED = re.compile(
    r"^\s*(?:[-•*·▪◦‣–]\s*)?(?:\d{1,2}[.)]|[a-z][.)]|[ivx]{1,4}[.)])\s*(?:\*\*)?\s*"
)
_BULLETED = re.compile(r"^\s*(?:[-•*·▪◦‣–]|\d{1,2}[.)]|[a-z]\))\s*")
_TOC = re.compile(r"(?:\t\s*\d{1,3}|\.{3,}\s*\d{1,3}| {3,}\d{1,3})\s*$|^\s*\d{1,3}\t")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_SPACE = re.compile(r"\s+")


def _clean(raw: str) -> str:
    """A line without markdown emphasis, links' targets, quote marks and bullets."""
    text = _MARKUP.sub(lambda m: m.group(1) or "", raw)
    text = _BULLET.sub("", text)
    return _SPACE.sub(" ", text).strip().strip('"“”„').strip()


@dataclass
class _Line:
    start: int
    end: int
    raw: str
    text: str
    folded: str
    toc: bool = False

    @property
    def span(self) -> Span:
        lead = len(self.raw) - len(self.raw.lstrip())
        return (self.start + lead, self.start + len(self.raw.rstrip()))

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def words(self) -> int:
        return self.text.count(" ") + 1 if self.text else 0

    def sub_span(self, value: str) -> Span:
        """Span of ``value`` inside this line, else of the whole line."""
        index = self.raw.find(value) if value else -1
        if index < 0:
            return self.span
        return (self.start + index, self.start + index + len(value))


def _lines(text: str) -> list[_Line]:
    lines = []
    position = 0
    for raw in text.split("\n"):
        clean = _clean(raw)
        lines.append(
            _Line(
                position,
                position + len(raw),
                raw,
                clean,
                fold(clean),
                bool(_TOC.search(raw)),
            )
        )
        position += len(raw) + 1
    _drop_furniture(text, lines)
    from .records import structured

    for line in lines:
        if line.toc and structured(line):
            # "Beneficiaries<TAB>74": a table's field row, not a contents entry.
            line.toc = False
    return lines


def _drop_furniture(text: str, lines: list[_Line]) -> None:
    """Blank the lines that layout normalisation marks as page or web furniture
    (running headers, page numbers, cookie banners, navigation, share buttons…):
    they are never part of a practice.  Contents lines are kept but marked, so
    that a title repeated there opens no record."""
    from bisect import bisect_right

    from .layout import normalise
    from .records import bare_label, structured

    starts = [line.start for line in lines]
    marked: dict[int, str] = {}
    for logical in normalise(text).lines:
        if not logical.furniture:
            continue
        first = bisect_right(starts, logical.start) - 1
        last = bisect_right(starts, max(logical.end - 1, logical.start)) - 1
        for index in range(max(first, 0), last + 1):
            marked[index] = logical.furniture
    dropped = []
    for index, furniture in marked.items():
        line = lines[index]
        if furniture == "contents":
            line.toc = not structured(line)
            continue
        following = next(
            (i for i in range(index + 1, min(index + 4, len(lines))) if lines[i].text),
            None,
        )
        before = next(
            (i for i in range(index - 1, max(index - 3, -1), -1) if lines[i].text),
            None,
        )
        if (
            structured(line)
            or bare_label(line)
            or (following is not None and structured(lines[following]))
            or (before is not None and bare_label(lines[before]))
        ):
            # A card's title and meta line, a label alone and the value under it
            # ("Year" over "2020") are content, whatever the furniture guess says:
            # the record structure around a line outweighs it.
            continue
        dropped.append(line)
    for line in dropped:
        line.text, line.folded = "", ""


# --- Countries ---

#: Country names as booklets write them in the languages of our users (pycountry gives
#: the English names of every country).
_COUNTRY_NAMES = {
    "AT": "Austria Österreich Autriche Áustria Αυστρία Oostenrijk Austria Αυστρία",
    "BE": "Belgium Belgia Bélgica Belgio Belgien Belgique Βέλγιο België Belgie",
    "BG": "Bulgaria Bulgarien Bulgarie Bulgária Βουλγαρία",
    "HR": "Croatia Croația Croacia Croazia Croácia Kroatien Croatie Κροατία Hrvatska",
    "CY": "Cyprus Cipru Chipre Cipro Zypern Chypre Κύπροσ",
    "CZ": "Czechia|Czech Republic|Cehia|Chequia|Cechia|Chéquia|Tschechien|Tchéquie",
    "DK": "Denmark Danemarca Dinamarca Danimarca Dänemark Danemark",
    "EE": "Estonia Estland Estonie Estónia",
    "FI": "Finland Finlanda Finlandia Finlândia Finnland Finlande",
    "FR": "France Franța Francia França Frankreich Γαλλία Frankrijk Francja",
    "DE": "Germany Germania Alemania Alemanha Deutschland Allemagne Γερμανία Duitsland "
    "Niemcy",
    "GR": "Greece Grecia Grèce Grécia Griechenland Ελλάδα Ελλάδα Hellas Griekenland "
    "Grecja",
    "HU": "Hungary Ungaria Hungría Ungheria Hungria Ungarn Hongrie",
    "IE": "Ireland Irlanda Irland Irlande",
    "IT": "Italy Italia Itália Italien Italie Ιταλία Italië Włochy",
    "LV": "Latvia Letonia Lettonia Letónia Lettland Lettonie",
    "LT": "Lithuania Lituania Lituânia Litauen Lituanie",
    "LU": "Luxembourg Luxemburg Luxemburgo Lussemburgo Luksemburg",
    "MT": "Malta Malte",
    "NL": "Netherlands|The Netherlands|Holland|Olanda|Țările de Jos|Países Bajos|"
    "Nederland|Holandia|Ολλανδία|"
    "Paesi Bassi|"
    "Países Baixos|Holanda|Niederlande|Pays-Bas|Ολλανδία",
    "PL": "Poland Polonia Polônia Polónia Polen Pologne Polska Πολωνία",
    "PT": "Portugal Portogallo Portugalia",
    "RO": "Romania România Rumania Rumanía Roménia Rumänien Roumanie Ρουμανία",
    "SK": "Slovakia Slovacia Eslovaquia Slovacchia Eslováquia Slowakei Slovaquie",
    "SI": "Slovenia Eslovenia Eslovénia Slowenien Slovénie",
    "ES": "Spain Spania España Spagna Espanha Spanien Espagne Ισπανία Spanje Hiszpania",
    "SE": "Sweden Suedia Suecia Svezia Suécia Schweden Suède",
    "TR": "Turkey Türkiye Turcia Turquía Turchia Turquia Türkei Turquie Τουρκία",
    "CH": "Switzerland Elveția Suiza Svizzera Suíça Schweiz Suisse Zwitserland "
    "Szwajcaria",
    "NO": "Norway Norvegia Noruega Norwegen Norvège",
    "GB": "United Kingdom|UK|Regatul Unit|Reino Unido|Regno Unito|Vereinigtes "
    "Königreich|"
    "Royaume-Uni|England|Scotland|Wales",
    "UA": "Ukraine Ucraina Ucrania Ucrânia",
    "MD": "Moldova|Republica Moldova",
    "RS": "Serbia Serbien Serbie Sérvia",
    "AL": "Albania Albanien Albanie",
    "MK": "North Macedonia|Macedonia de Nord|Macedonia del Norte",
}


@functools.cache
def _country_table() -> tuple[dict[str, str], dict[str, str], re.Pattern]:
    """(every folded name → code, European folded name → code, a finder of those)."""
    every: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                every.setdefault(fold(name), country.alpha_2)
    european: dict[str, str] = {}
    for code, names in _COUNTRY_NAMES.items():
        for name in names.split("|") if "|" in names else names.split():
            european[fold(name)] = code
    every.update(european)
    alternatives = "|".join(
        re.escape(n) for n in sorted(european, key=len, reverse=True)
    )
    finder = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    return every, european, finder


def country_code(name: str) -> str | None:
    """ISO 3166-1 alpha-2 of a country name in one of our languages, else None."""
    every, _, _ = _country_table()
    return every.get(fold(name).strip(" .,:;()"))


def _countries_in(folded: str) -> list[str]:
    _, european, finder = _country_table()
    return [european[m.group(0)] for m in finder.finditer(folded)]


#: Countries (besides geonames' continent EU) whose cities a booklet of ours names.
_NEAR_EUROPE = {"TR", "CY", "GE", "AM", "AZ", "MA", "TN", "LB", "JO", "IL", "EG"}
_CITY_NAME = re.compile(r"^[a-z][a-z .'-]*$")


_CITIES_FILE = Path(__file__).resolve().parent / "data" / "cities.tsv.gz"


@functools.cache
def _cities() -> dict[str, tuple[str, int]]:
    """Folded city name (and its other Latin-script names) → (country code, population),
    for the cities of Europe and its neighbours over 15,000 people, read from the
    committed GeoNames table (data/README.md).  Built once per process, on the first
    booklet that names a city."""
    index: dict[str, tuple[str, int]] = {}
    with gzip.open(_CITIES_FILE, "rt", encoding="utf-8") as lines:
        for line in lines:
            code, continent, population_text, names = line.rstrip("\n").split("\t")
            if continent != "EU" and code not in _NEAR_EUROPE:
                continue
            population = int(population_text)
            for key in names.split("|"):
                if not _CITY_NAME.match(key):
                    continue
                known = index.get(key)
                if known is None or known[1] < population:
                    index[key] = (code, population)
    return index


def _city_country(city: str) -> str | None:
    """The country of a city name ("Florenţa" → "IT"), of the first of several
    ("Madrid, Alcorcón"), or of a country named in its place ("Grecia de Nord")."""
    for part in re.split(r",|/| și | and | y | e | und | et | i ", city):
        key = fold(part).strip(" .()")
        if not key:
            continue
        code = country_code(key)
        if code:
            return code
        found = _countries_in(key)
        if found:
            return found[0]
        known = _cities().get(key)
        if known:
            return known[0]
    return None


# --- Vocabulary ---

_PRACTICE_WORD = (
    r"(?:(?:good|best|promising|innovative|buena|buenas|buona|buone|boa|boas|bune|buna|"
    r"gute|bonne|bonnes)\s+)?"
    r"(?:practice|practica|pratica|praxisbeispiel|praxis|pratique|beispiel|case study|"
    r"studiu de caz|estudio de caso|caso di studio|estudo de caso)"
)
#: "PRACTICE 1 - ITALY", "Good practice 3: Title", "Buena práctica nº 4" (folded text).
_HEADING = re.compile(
    rf"(?:^|\s){_PRACTICE_WORD}\s*(?:(?:n[o°.]*|nr\.?|#)\s*)?(\d{{1,3}}|"
    rf"[ivxl]{{1,6}})\b"
    r"\s*(?:[-–—:.)]\s*(.*))?$"
)
#: A heading over several practices: "Good practices", "Alte bune practici", "ITALY GOOD
#: PRACTICES", "Buenas prácticas en España".
_GROUP = re.compile(
    r"\b(?:practices|practici|practicas|pratiche|praticas|praktiken|praxisbeispiele|"
    r"pratiques|case studies)\b"
)
#: Headings that close the practices: contacts, lessons, recommendations, resources…
_CLOSING = re.compile(
    r"^(?:[\d.]+\s*)?(?P<pre>.{0,40}?\b)?(?:lessons?|learnings|invatamint|lectii|"
    r"lecciones|"
    r"lezioni|licoes|erkenntnisse|lecons|recommendations?|recomandari|recomendaciones|"
    r"raccomandazioni|recomendacoes|empfehlungen|recommandations|conclusions?|"
    r"concluzii|"
    r"conclusiones|conclusioni|conclusoes|fazit|schlussfolgerungen|contacts?|contact "
    r"details|"
    r"contacte|contacto|contactos|contatti|kontakt|resources|resurse|recursos|risorse|"
    r"ressourcen|ressources|references|referinte|referencias|riferimenti|"
    r"bibliografi[ae]|"
    r"literatur|annex|anexa|anexo|allegato|anhang|annexe|glossar[yi]?o?|co-funded|"
    r"cofinantat|"
    r"cofinanciado|cofinanziato|kofinanziert|cofinance|perspective si recomandari|"
    r"about the project|partnership|partners|parteneri|socios|partenaires|parceiros|"
    r"projektpartner)\b"
)
_PARTNERS = re.compile(
    r"^(?:the\s+)?(?:partnership|partners|project partners|parteneri|partenerii|socios|"
    r"partner|partner del progetto|partenaires|parceiros|parcerias?|"
    r"projektpartner)\s*:?$"
)
_CONTACTS = re.compile(
    r"^(?:contacts?|contact details|contacte|date de contact|contacto|contactos|"
    r"contatti|"
    r"kontakt|kontakte|coordonnees)\s*:?$"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_RANGE = re.compile(
    rf"\b({_YEAR})\s*(?:[-–—/]|to|until|bis|a|al|la|pana in|hasta|au|à|ate)\s*"
    rf"({_YEAR}|present|prezent|prezentul|presente|presente|heute|today|now|ongoing|"
    r"actualidad|oggi|aujourd'hui|hoje|in curs|in corso|en cours|em curso|en curso|"
    r"heden|nadal|w toku|σε εξελιξη|lopend|laufend|in progress)\b",
    re.IGNORECASE,
)
_FROM_TO = re.compile(
    rf"\b(?:from|din|desde|dal|dall'|de|von|du|da|zwischen|between|entre|tra|fra|"
    rf"tussen|van|od|miedzy|απο|μεταξυ)\s+(?:\w+\s+){{0,2}}?({_YEAR})\s+"
    rf"(?:to|until|pana in|pana la|hasta|al|a|bis|au|à|ate|until|und|and|y|e|et|en|"
    rf"tot|do|i|εωσ|μεχρι|και)\s+(?:\w+\s+){{0,2}}?"
    rf"({_YEAR})\b"
)
_SINCE = re.compile(
    rf"\b(?:since|din anul|din|desde|dal|dall'anno|seit|depuis|desde o ano de|"
    rf"activ din|active since|started in|founded in|inceput in|sinds|od|apo to|"
    rf"απο το|απο|sedan|od leta)\s+(?:\w+\s+)?({_YEAR})\b"
)
_IN_YEAR = re.compile(
    rf"\b(?:in|en|în|in anul|nel|em|im|durante|during)\s+({_YEAR})(?:\s+(?:and|y|e|si|"
    rf"und|et)"
    rf"\s+({_YEAR}))?\b"
)
_QUANTITY = (
    r"(?:more than|over|about|around|almost|nearly|up to|at least|a total of|an "
    r"average of|"
    r"average of|peste|aproximativ|circa|in jur de|cel putin|un total de|mas de|"
    r"alrededor de|"
    r"cerca de|al menos|un total de|oltre|piu di|circa|almeno|mais de|cerca de|pelo "
    r"menos|"
    r"uber|mehr als|rund|etwa|mindestens|insgesamt|plus de|environ|au moins|pres de)"
)
_PEOPLE = (
    r"(?:women|woman|people|persons|participants|migrants|refugees|beneficiaries|"
    r"families|"
    r"children|young people|youths?|students|mothers|users|newcomers|asylum seekers|"
    r"men|"
    r"femei|persoane|participanti|migranti|refugiati|beneficiari|familii|copii|tineri|"
    r"elevi|utilizatori|mame|mujeres|personas|participantes|migrantes|refugiados|"
    r"beneficiarios|"
    r"familias|ninos|ninas|jovenes|madres|usuarias|usuarios|donne|persone|partecipanti|"
    r"migranti|rifugiati|beneficiari|famiglie|bambini|giovani|madri|utenti|mulheres|"
    r"pessoas|"
    r"familias|criancas|jovens|maes|utentes|frauen|personen|menschen|teilnehmende|"
    r"teilnehmer(?:innen)?|gefluchtete|familien|kinder|jugendliche|mutter|femmes|"
    r"personnes|"
    r"refugies|familles|enfants|jeunes|meres|usagers|parents|pupils|patients|"
    r"pacientes|pazienti|patienten|eltern|participantes|alumnos|alunos|alunni|"
    r"schuler|eleves|deelnemers|vrouwen|mensen|kinderen|ouders|gezinnen|leerlingen|"
    r"jongeren|bewoners|osob|osoby|kobiet|kobiety|dzieci|uczestnikow|uczestniczek|"
    r"rodzin|rodzicow|uczniow|mlodziezy|ατομα|γονεισ|παιδια|γυναικεσ|μαθητεσ|"
    r"οικογενειεσ|ωφελουμενοι|συμμετεχοντεσ|προσφυγεσ|μεταναστεσ|personer|kvinnor|"
    r"barn|deltagare|osobe|zene|djeca|sudionika|udelezencev|oseb)"
)
_BENEFICIARIES = re.compile(
    rf"(?:\b({_QUANTITY})\s+)?\b(\d{{1,3}}(?:[ .,\u00a0]\d{{3}})+|"
    rf"\d{{1,7}})\s+(?:de\s+)?"
    rf"(?:[^\W\d]+\s+){{0,2}}?{_PEOPLE}\b"
)
_AIM_SENTENCE = re.compile(
    r"\b(?:aims? (?:to|at|is|was|of)|main aim|objective|goal|purpose|isi propune|"
    r"obiectivul|scopul|urmareste|objetivo|tiene como fin|finalidad|obiettivo|mira a|"
    r"ha lo scopo|pretende|visa|ziel|zielt|objectif|vise a|a pour but)\b"
)
_RESULT_SENTENCE = re.compile(
    r"\b(?:result|resulted|resulting|impact|impacted|helped|benefited|achieved|outcome|"
    r"rezultat|a ajutat|a beneficiat|impactul|resultado|ha ayudado|logrado|risultat|"
    r"ha aiutato|resultou|ajudou|ergebnis|erreicht|geholfen|resultat|a aide)\w*"
)
_PHASE_LINE = re.compile(
    r"^(?:phase|stage|step|faza|etapa|fase|fase|phase|schritt|etape|passo|paso)\s*"
    r"(?:\d{1,2}|[ivx]{1,4})\b\s*[:.–-]?"
)
_PHASE_INTRO = re.compile(
    r"\b(?:phases?|stages?|steps?|methodology|consisted|consists|activities|faze|etape|"
    r"metodologi|fases|pasos|metodolog|actividades|fasi|passi|attivita|phasen|schritte|"
    r"methodik|aktivitaten|etapes|methodologie)\w*\b[^:]*:\s*(.*)$"
)
_BY_ORGANISATION = re.compile(
    r"\b(?:run|led|created|implemented|promoted|developed|managed|coordinated|"
    r"organi[sz]ed|"
    r"founded|carried out|delivered|condus|implementat|dezvoltat|coordonat|creat|"
    r"gestionado|desarrollado|implementado|promovido|creado|coordinado|gestito|"
    r"promosso|"
    r"realizzato|sviluppato|coordinato|durchgefuhrt|entwickelt|getragen|organise|mis "
    r"en oeuvre|"
    r"porte)\s+(?:\w+\s+){0,3}?(?:by|de catre|por|da|von|par)\s+(?:the\s+|la\s+|el\s+|"
    r"il\s+)?"
)
_ORG_QUOTED = re.compile(
    r"\b(?:ngo|organi[sz]ation|association|foundation|cooperative|asociatia|"
    r"organizatia|"
    r"fundatia|asociacion|fundacion|associazione|fondazione|cooperativa|associacao|"
    r"fundacao|"
    r"verein|stiftung|organisation)\s+[\"“„«]([^\"”“»]{3,80})[\"”“»]"
)
_CAPITALISED_RUN = re.compile(
    r"[\"“„«]?((?:(?:[A-ZÀ-ÝĂÂÎȘȚŞŢ][\w'’&.-]*|of|for|de|del|della|di|du|des|der|für|"
    r"pentru|"
    r"y|and|e|et|und|&|-)\s?){1,10})"
)
_CITY_CUE = re.compile(
    r"\b(?:in|en|în|a|em|im|nel|nella|dans|at)\s+(?:the\s+city\s+of\s+)?$"
)
_CAPITALISED = re.compile(r"[A-ZÀ-ÝĂÂÎȘȚŞŢ][\w'’-]+(?:\s[A-ZÀ-ÝĂÂÎȘȚŞŢ][\w'’-]+)?")

#: Labels of a practice's fields (folded, without the colon) → field.
_LABELS = {
    "title": "title, practice, name of the practice, practice title, name, titlu, "
    "nazwa, nazwa praktyki, tytul, tytul praktyki, titel van de praktijk, naam, "
    "τιτλοσ, ονομασια, title of the practice, titulo de la practica, "
    "titulo da pratica, nome da pratica, denumirea practicii, "
    "titlul practicii, denumire, denumirea practicii, titulo, nombre, nombre de la "
    "practica, "
    "titolo, titolo della pratica, nome della pratica, titel, titre, nom de la "
    "pratique, "
    "name der praxis, practica, pratica, pratique",
    "organisation": "organisation, organization, organisations, organizations, "
    "organizatie, organizatia, organizatii, organizacion, organizaciones, entidad, "
    "entidades, "
    "organizzazione, ente, enti, organizacao, entidade, organisme, structure, trager, "
    "organisator, lead organisation, implementing organisation, promoter, promotor, "
    "promotore, organizator, entidad responsable, ente promotore, porteur, "
    "organizacja, instytucja, organisatie, uitvoerder, φορεασ, οργανισμοσ, "
    "φορεασ υλοποιησησ, entidade promotora, organizacion responsable",
    "partners": "partners, partner, parteneri, socios, partenaires, parceiros, "
    "kooperationspartner, entidades colaboradoras",
    "country": "country, tara, pais, paese, land, pays, kraj, χωρα",
    "city": "city, town, place, location, oras, orasul, localitate, locatie, ciudad, "
    "localidad, "
    "lugar, municipio, citta, comune, luogo, localita, cidade, local, municipio, "
    "stadt, ort, "
    "ville, lieu, commune, miasto, miejscowosc, gmina, stad, plaats, gemeente, "
    "πολη, δημοσ, περιοχη",
    "years": "years, year, period, duration, dates, timeframe, time frame, anii,"
    " anul, "
    "perioada, durata, perioada de implementare, anos, ano, periodo, duracion, fechas,"
    " anni, "
    "periodo de ejecucion, duracao, zeitraum, laufzeit, dauer, jahr, jahre, periode, "
    "duree, "
    "annees, calendario, okres, okres realizacji, lata, lata realizacji, looptijd, "
    "jaren, περιοδοσ, διαρκεια, χρονικη περιοδοσ, years of implementation, "
    "implementation period, periodo de implementacao, periodo di attuazione",
    "target_group": "target group, target groups, grup tinta, grupul tinta, "
    "publico-alvo, publico alvo, zielgruppe, zielgruppen, public cible, doelgroep, "
    "grupa docelowa, ομαδα στοχοσ",
    "beneficiaries": "beneficiaries, participants, number of beneficiaries, "
    "number of participants, people reached, liczba odbiorcow, odbiorcy, "
    "beneficjenci, liczba uczestnikow, liczba beneficjentow, deelnemers, "
    "aantal deelnemers, bereik, ωφελουμενοι, αριθμοσ ωφελουμενων, personas "
    "beneficiarias, beneficiarias, beneficiarios directos, pessoas abrangidas, "
    "beneficiari, beneficiarii, beneficiarios, teilnehmende, beneficiaires, "
    "publico destinatario, destinatarios finales, destinatarios, destinatari",
    "aims": "aims, aim, objectives, objective, goals, goal, purpose, obiective, "
    "obiectiv, "
    "obiectivele, scop, scopul, objetivos, objetivo, finalidad, obiettivi, obiettivo, "
    "finalita, ziele, ziel, objectifs, objectif, buts",
    "phases": "methodology, methods, method, phases, steps, activities, approach, "
    "metodologie, "
    "metodologia, faze, etape, activitati, fases, pasos, actividades, fasi, attivita, "
    "metodo, "
    "methodik, vorgehen, phasen, schritte, aktivitaten, methodologie, etapes, "
    "activites, "
    "demarche, metodologia utilizada",
    "results": "results, result, outcomes, impact, achievements, rezultate, "
    "rezultatele, "
    "resultados, impacto, risultati, impatto, ergebnisse, wirkung, resultats",
    "links": "website, web, link, links, site, sitio web, pagina web, sito, sito web, "
    "pagina, "
    "webseite, site web, internet, url, more information, mai multe informatii, "
    "mas informacion, per saperne di piu, mais informacoes, weitere informationen",
    "emails": "email, e-mail, contact, mail, correo, correo electronico, kontakt, "
    "contact person, επικοινωνια, "
    "posta elettronica, kontakt, contacto, contatto",
    "description": "description, descriere, descripcion, descrizione, descricao, "
    "beschreibung, "
    "summary, rezumat, resumen, sintesi, resumo, zusammenfassung, resume, opis, "
    "beschrijving, omschrijving, περιγραφη, short description",
}
_LABEL_WORDS = {
    phrase.strip(): name
    for name, phrases in _LABELS.items()
    for phrase in phrases.split(",")
    if phrase.strip()
}
_LABEL = re.compile(r"^([^\W\d][\w '’/-]{1,38}?)\s*:\s*(.*)$")
#: Column headings of a table turned into text.
_COLUMN = {
    **dict.fromkeys(
        "title name practice practica pratica titlu nume titulo nombre "
        "titolo nome titel praxis pratique titre initiative initiativa project proiect "
        "proyecto progetto projeto projekt projet".split(),
        "title",
    ),
    **{
        phrase: name
        for phrase, name in _LABEL_WORDS.items()
        if name
        in {"organisation", "city", "country", "years", "beneficiaries", "links"}
    },
}


def _label_field(label: str) -> str | None:
    key = fold(label).strip()
    if key in _LABEL_WORDS:
        return _LABEL_WORDS[key]
    # "Organisation(s) responsible", "Main results", "Target group(s)".
    key = re.sub(r"\(s\)|\(e\)s|\(as\)|\(i\)", "", key).strip()
    if key in _LABEL_WORDS:
        return _LABEL_WORDS[key]
    words = key.split()
    if 1 < len(words) <= 4:
        for candidate in (
            " ".join(words[1:]),
            " ".join(words[:-1]),
            words[0],
            words[-1],
        ):
            if candidate in _LABEL_WORDS and len(candidate) > 3:
                return _LABEL_WORDS[candidate]
    return None


# --- Finding the practices ---


@dataclass
class _Block:
    title: str
    title_span: Span
    start: int  # index of the block's first line
    body_from: int  # index of its first body line
    end: int = -1  # index after its last line
    needs_title: bool = False
    fields: dict[str, tuple[str, Span]] = field(default_factory=dict)
    #: (code, span, priority): 3 = stated for the practice, 1 = its section's.
    country: tuple[str, Span, int] | None = None
    #: Further (from, to) line ranges of its text (a table row's paragraphs).
    extra: list[tuple[int, int]] = field(default_factory=list)
    parent: _Block | None = None
    #: Lines of its range already read as fields (records.py): not its description.
    skip: set[int] = field(default_factory=set)
    confidence: float = 0.9
    #: What opened it: "heading" (a numbered practice heading), "table" (a row of a
    #: table with a title column), "byline" ("Organisation | City"), "cells",
    #: "labels"; the first three are a repeated structure of their own.
    anchor: str = ""


_SECTION_WORDS = {
    "good",
    "best",
    "promising",
    "other",
    "buenas",
    "bune",
    "alte",
    "buone",
    "boas",
    "gute",
    "bonnes",
    "autres",
    "otras",
    "altre",
    "outras",
    "weitere",
    "in",
    "en",
    "din",
    "em",
    "aus",
    "da",
    "de",
    "from",
    "-",
    "–",
    ":",
    "practices",
    "practici",
    "practicas",
    "pratiche",
    "praticas",
    "praktiken",
    "praxisbeispiele",
    "pratiques",
}


def _section_country(line: _Line) -> str | None:
    """The country of a heading that names only a country ("ITALY", "Spania",
    "ITALY GOOD PRACTICES", "Buenas prácticas en España")."""
    if line.words > 6 or line.text.endswith((".", ",", ";")):
        return None
    words = [
        w for w in re.split(r"[\s:–-]+", line.folded) if w and w not in _SECTION_WORDS
    ]
    if not words or len(words) > 3:
        return None
    return country_code(" ".join(words))


def _heading_like(line: _Line, max_words: int = 12) -> bool:
    return (
        0 < line.words <= max_words
        and not line.text.endswith((".", ",", ";"))
        and not _BULLETED.match(line.raw)
        and not line.text[:1].islower()
    )


def _original(line: _Line, start: int, end: int) -> str:
    """The clean text under a match in the folded text."""
    if len(line.folded) == len(line.text):
        return line.text[start:end].strip()
    return line.folded[start:end].strip()


def _cells(line: _Line) -> list[str] | None:
    if "|" not in line.text:
        return None
    cells = [c.strip() for c in line.text.split("|")]
    while cells and not cells[0]:
        cells.pop(0)
    while cells and not cells[-1]:
        cells.pop()
    if len(cells) < 2 or all(re.fullmatch(r":?-{2,}:?|", c) for c in cells):
        return None
    return cells


#: A name has letters: a row of years or amounts ("2025 | 2027") is no by-line.
_LETTER = re.compile(r"[^\W\d_]")


def _name_cell(cell: str) -> bool:
    """Whether a cell can be a body's or a place's name: it has letters, does not
    start with a number (a list's or an outline's code, "1.1 Welcome desk", an
    amount) and is not the name of a plan's level alone ("Measure", "Axis")."""
    from . import lexicon

    if not _LETTER.search(cell) or cell[:1].isdigit():
        return False
    level = lexicon.leading(cell, role="level")
    return level is None or level.end < len(cell.rstrip(" :.")) - 1


def _byline_alone(lines: list[_Line], title: int, index: int) -> bool:
    """A by-line "Organisation | City" stands alone under its title: the title is
    no table row, and the next line is no further row of names.  Rows of names
    one under another are a table (a plan's measures and their lead bodies)."""
    from .records import field_row

    if _cells(lines[title]) is not None or field_row(lines[title]):
        return False
    following = next(
        (i for i in range(index + 1, min(index + 3, len(lines))) if lines[i].text),
        None,
    )
    if following is None or _cells(lines[following]) is None:
        return True
    return field_row(lines[following])


def _find_blocks(lines: list[_Line]) -> list[_Block]:
    from .records import field_row, label_kind, measure_kinds

    blocks: list[_Block] = []
    measure_table = False
    current: _Block | None = None
    section: tuple[str, Span] | None = None
    columns: list[str] | None = None
    previous: int | None = None  # index of the previous non-blank line
    table_titles: dict[str, _Block] = {}

    def close(at: int) -> None:
        nonlocal current
        if current is not None:
            current.end = at
            if current.parent is not None:
                current.parent.extra.append((current.body_from, at))
            else:
                blocks.append(current)
            current = None

    def open_block(
        title: str, span: Span, start: int, body_from: int, anchor: str = ""
    ) -> _Block:
        nonlocal current
        close(start)
        current = _Block(title, span, start, body_from, anchor=anchor)
        if section:
            current.country = (section[0], section[1], 1)
        return current

    for index, line in enumerate(lines):
        if line.blank or line.toc:
            continue
        folded = line.folded
        heading = _HEADING.search(folded) if len(folded) <= 200 else None
        if heading and heading.start() <= 40:
            rest = _original(line, *heading.span(2)) if heading.group(2) else ""
            block = open_block("", line.span, index, index + 1, "heading")
            code = country_code(rest) if rest else None
            if code:
                block.country = (code, line.sub_span(rest), 3)
                rest = ""
            else:
                tail = re.search(r"\s[-–—]\s*([^-–—]+)$", rest)
                tail_code = country_code(tail.group(1)) if tail else None
                if tail and tail_code:
                    block.country = (
                        tail_code,
                        line.sub_span(tail.group(1)),
                        3,
                    )
                    rest = rest[: tail.start()].strip()
            if rest:
                block.title, block.title_span = rest, line.sub_span(rest)
            else:
                block.needs_title = True
            previous = index
            continue
        if current is not None and current.needs_title:
            current.needs_title = False
            label = _LABEL.match(line.text)
            tabbed = line.raw.strip().split("\t")
            if len(tabbed) == 2 and _label_field(tabbed[0].strip()) == "title":
                # "Title<TAB>value", a table row under the heading: its value.
                value = _clean(tabbed[1])
                current.title, current.title_span = value, line.sub_span(value)
                current.body_from = index + 1
                previous = index
                continue
            if (
                _cells(line) is None
                and len(tabbed) == 1
                and not (label and _label_field(label.group(1)))
            ):
                current.title, current.title_span = line.text, line.sub_span(line.text)
                current.body_from = index + 1
                previous = index
                continue
        cells = _cells(line)
        if cells is None:
            measure_table = False
        elif len(cells) >= 3 and measure_kinds(
            {kind for cell in cells if (kind := label_kind(cell))}
        ):
            # A header naming a budget or an indicator column: a plan's table of
            # measures, whose rows are no practices (a location column or not).
            measure_table = True
            close(index)
            previous = index
            continue
        if cells is not None and measure_table:
            previous = index
            continue
        if cells is not None:
            keys = [_COLUMN.get(fold(c).strip(" :")) for c in cells]
            if (all(keys) and "title" in keys) or (
                all(keys) and "organisation" in keys
            ):
                columns = cast(list[str], keys)  # a table's header row
                close(index)
                previous = index
                continue
            if columns and len(cells) == len(columns) and "title" in columns:
                row = dict(zip(columns, cells, strict=True))
                block = open_block(
                    row["title"], line.sub_span(row["title"]), index, index + 1, "table"
                )
                table_titles[fold(row["title"])] = block
                for key, value in row.items():
                    if key != "title" and value:
                        block.fields[key] = (value, line.sub_span(value))
                previous = index
                continue
            # A row of a record's fields ("Budget | €40,000", "Planning: 2026 |
            # Cost: €5,000") names no practice, body or place.
            fields = field_row(line)
            if (
                len(cells) >= 3
                and not fields
                and len(cells[0]) <= 200
                and _city_country(cells[2])
            ):
                block = open_block(
                    cells[0], line.sub_span(cells[0]), index, index + 1, "cells"
                )
                block.fields["organisation"] = (cells[1], line.sub_span(cells[1]))
                block.fields["city"] = (cells[2], line.sub_span(cells[2]))
                if len(cells) > 3 and country_code(cells[3]):
                    block.fields["country"] = (cells[3], line.sub_span(cells[3]))
                previous = index
                continue
            if (
                len(cells) == 2
                and not fields
                and len(cells[0]) <= 160
                and len(cells[1]) <= 60
                and all(_name_cell(cell) for cell in cells)
            ):
                if (
                    current is not None
                    and "organisation" not in current.fields
                    and index - current.body_from <= 3
                    and current.title
                ):
                    block = current
                    block.body_from = index + 1
                elif (
                    previous is not None
                    and _heading_like(lines[previous], 40)
                    and _label_field(cells[0]) is None
                    and _byline_alone(lines, previous, index)
                ):
                    title_line = lines[previous]
                    if current is not None and current.start == previous:
                        current = None
                    block = open_block(
                        title_line.text,
                        title_line.span,
                        previous,
                        index + 1,
                        "byline" if _city_country(cells[1]) else "cells",
                    )
                else:
                    previous = index
                    continue
                block.fields["organisation"] = (cells[0], line.sub_span(cells[0]))
                block.fields["city"] = (cells[1], line.sub_span(cells[1]))
                previous = index
                continue
        label = _LABEL.match(line.text)
        if label and label.group(2):
            name = _label_field(label.group(1))
            if name == "title":
                value = label.group(2).strip()
                open_block(value, line.sub_span(value), index, index + 1)
                previous = index
                continue
            if name == "organisation" and (
                current is None or "organisation" in current.fields
            ):
                if previous is not None and _heading_like(lines[previous], 40):
                    title_line = lines[previous]
                    if current is not None and current.start == previous:
                        current = None
                    open_block(title_line.text, title_line.span, previous, index)
                    # The label line is read with the body's other labels.
        if table_titles.get(folded) is not None and table_titles[folded] is not current:
            # The text of a row of a table above: "Title" again, then its paragraphs.
            parent = table_titles.pop(folded)
            open_block(
                parent.title, parent.title_span, index, index + 1
            ).parent = parent
            previous = index
            continue
        if _heading_like(line) and not (label and label.group(2)):
            code = _section_country(line)
            if code:
                close(index)
                section = (code, line.span)
                columns = None
                previous = index
                continue
            closing = _CLOSING.match(folded)
            if (
                closing and (not closing.group("pre") or line.words <= 8)
            ) or _GROUP.search(folded):
                close(index)
                found = _countries_in(folded) if _GROUP.search(folded) else []
                section = (found[0], line.span) if len(found) == 1 else None
                columns = None
        previous = index
    close(len(lines))
    return blocks


# --- Reading a practice ---


def _urls(line: _Line) -> list[tuple[str, Span]]:
    """URLs of a line; a line that is only a URL broken by stray spaces is joined."""
    raw = line.raw.strip().lstrip(">").strip()
    found = []
    if _URL.match(raw) and " " in raw and not re.search(r"\s(?:[A-Z]|\w+\s)", raw):
        joined = raw.replace(" ", "")
        match = _URL.match(joined)
        if match:
            return [(match.group(0).rstrip(".,;:"), line.span)]
    for match in _URL.finditer(line.raw):
        found.append(
            (
                match.group(0).rstrip(".,;:"),
                (line.start + match.start(), line.start + match.end()),
            )
        )
    return found


def _normal_url(url: str) -> str:
    return url if re.match(r"https?://", url, re.IGNORECASE) else "http://" + url


def _number(value: str) -> int | None:
    digits = re.sub(r"[ .,\u00a0\u202f]", "", value)
    return int(digits) if digits.isdigit() else None


def _years(value: str) -> tuple[str, int | None, int | None] | None:
    """("2018-2020", 2018, 2020), ("since 2015", 2015, None), ("2019", 2019, 2019)."""
    folded = fold(_URL.sub(" ", value))
    match = _RANGE.search(folded) or _FROM_TO.search(folded)
    if match:
        end = match.group(2)
        return (
            match.group(0).strip(),
            int(match.group(1)),
            int(end) if end.isdigit() else None,
        )
    match = _SINCE.search(folded)
    if match:
        return match.group(0).strip(), int(match.group(1)), None
    match = _IN_YEAR.search(folded)
    if match:
        last = match.group(2) or match.group(1)
        text = f"{match.group(1)}-{last}" if match.group(2) else match.group(1)
        return text, int(match.group(1)), int(last)
    match = re.search(rf"\b{_YEAR}\b", folded)
    if match and len(folded) <= 40:
        year = int(match.group(0))
        return match.group(0), year, year
    return None


def _beneficiaries(lines: list[_Line]) -> tuple[str, int | None, Span] | None:
    best = None
    for line in lines:
        for match in _BENEFICIARIES.finditer(line.folded):
            value = _original(line, *match.span())
            found = (value, _number(match.group(2)), line.sub_span(value))
            if match.group(1):
                return found
            best = best or found
    return best


#: A number written with thousands separators or plain, at the start of a value.
_LEADING_NUMBER = re.compile(
    r"^\D{0,40}?(\d{1,3}(?:[ .,\u00a0\u202f]\d{3})+(?!\d)|\d+)(?:\s*([^\W\d]+))?"
)
#: Counts that are not people: consultations, calls, contacts, sessions (folded).
_NOT_PEOPLE = re.compile(
    r"^(?:consultations?|calls?|contacts?|appointments?|sessions?|visits?|"
    r"consultas|llamadas|atenciones|atendimentos|consulenze|telefonate|chiamate|"
    r"colloqui|beratungen|beratungsgesprache|anrufe|kontakte|consultatii|apeluri|"
    r"porad|konsultacji|rozmow|gesprekken|consulten|συνεδριεσ|κλησεισ|euro|eur|€)"
)


def _labelled_count(value: str) -> int | None:
    """The number of a labelled beneficiaries field: "about 160 women" → 160,
    "310 people (560 consultations)" → 310, "146 (37 families)" → 146, "n.d." → None.
    A count of people named in the value wins; else its first number, unless that
    counts consultations, calls or contacts."""
    folded = fold(value)
    counted = _beneficiaries([_Line(0, len(value), value, value, folded)])
    if counted and counted[1] is not None and not _FAMILY_WORD.search(fold(counted[0])):
        return counted[1]
    leading = _LEADING_NUMBER.match(folded)
    if leading and not (leading.group(2) and _NOT_PEOPLE.match(leading.group(2))):
        return _number(leading.group(1))
    return counted[1] if counted else None


_FAMILY_WORD = re.compile(r"famil|gezin|rodzin|οικογεν|household|hogar")


def _sentences(lines: list[_Line], pattern: re.Pattern) -> tuple[str, Span] | None:
    for line in lines:
        for match in _SENTENCE.finditer(line.text):
            sentence = match.group(0).strip()
            if len(sentence) > 20 and pattern.search(fold(sentence)):
                return sentence, line.sub_span(sentence)
    return None


def _item(line: _Line) -> str:
    return _clean(_NUMBERED.sub("", line.raw)).strip()


def _list_after(lines: list[_Line], index: int) -> list[_Line]:
    """The bulleted or numbered lines right after ``lines[index]``."""
    items = []
    for line in lines[index + 1 :]:
        if _BULLETED.match(line.raw) or (
            _NUMBERED.match(line.raw) and line.text[:1].isdigit()
        ):
            items.append(line)
        elif items or len(line.text) > 300:
            break
        elif not _BULLETED.match(line.raw):
            break
    return items


def _organisation_in_prose(lines: list[_Line]) -> tuple[str, Span] | None:
    for line in lines:
        match = _ORG_QUOTED.search(line.folded)
        if match:
            value = _original(line, *match.span(1))
            return value, line.sub_span(value)
    for line in lines:
        for match in _BY_ORGANISATION.finditer(line.folded):
            tail = (
                line.text[match.end() :] if len(line.folded) == len(line.text) else ""
            )
            tail = re.sub(r"^(?:[a-z]+\s){1,3}(?=[A-Z\"“])", "", tail)
            run = _CAPITALISED_RUN.match(tail)
            if run:
                value = (
                    run.group(1).strip(" -&,").rstrip(".")
                    if run.group(1).count(".") < 2
                    else run.group(1).strip(" -&,")
                )
                value = re.sub(r"\s+(?:and|y|e|et|und|și|of|for|de|-)$", "", value)
                if len(value) >= 3 and not country_code(value):
                    return value, line.sub_span(value)
    return None


def _city_in_prose(lines: list[_Line], country: str | None) -> tuple[str, Span] | None:
    for line in lines:
        for match in _CAPITALISED.finditer(line.text):
            before = line.text[max(0, match.start() - 25) : match.start()]
            if not _CITY_CUE.search(before):
                continue
            name = match.group(0)
            for candidate in (name, name.split()[0]):
                key = fold(candidate)
                if country_code(key):
                    continue
                known = _cities().get(key)
                if known and (country is None or known[0] == country):
                    return candidate, line.sub_span(candidate)
    return None


def _practice(lines: list[_Line], block: _Block) -> PracticeDraft | None:
    ranges = [(block.body_from, block.end), *block.extra]
    body = [
        lines[i]
        for a, b in ranges
        for i in range(a, b)
        if not lines[i].blank and i not in block.skip
    ]
    fields = dict(block.fields)
    sections: dict[str, list[_Line]] = {}
    prose: list[_Line] = []
    open_section: str | None = None
    for line in body:
        label = _LABEL.match(line.text)
        name = _label_field(label.group(1)) if label and line.words <= 60 else None
        if name and label:
            value = label.group(2).strip()
            if value and name not in fields:
                fields[name] = (value, line.sub_span(value))
            if value and name in {"aims", "phases", "results", "description"}:
                sections.setdefault(name, []).append(
                    _Line(line.start, line.end, line.raw, value, fold(value))
                )
            open_section = name
            continue
        if open_section in {
            "aims",
            "phases",
            "results",
            "description",
            "beneficiaries",
        }:
            sections.setdefault(open_section, []).append(line)
            if open_section in {"results", "description"}:
                prose.append(line)
            continue
        if open_section in {"links", "emails", "partners"}:
            sections.setdefault(open_section, []).append(line)
            continue
        prose.append(line)

    title = block.title.strip(' "“”')
    if not title:
        return None
    text_chars = sum(len(line.text) for line in body)
    if text_chars < 60 and not fields:
        return None
    span = block.title_span
    if title != block.title and span[1] - span[0] == len(block.title):
        offset = block.title.find(title)
        span = (span[0] + offset, span[0] + offset + len(title))
    practice = PracticeDraft(title=title, spans={"title": span})

    if "organisation" in fields:
        value, span = fields["organisation"]
        parts = [
            p.strip()
            for p in re.split(
                r"\s+(?:și|si|and|y|e|und|et|en|i)\s+(?!(?:de|di|del|della|des|der|of|"
                r"for|"
                r"du|da|pentru|para|per|für|pour)\s)|;",
                value,
            )
        ]
        parts = [p for p in parts if p]
        if any(len(p.split()) < 2 for p in parts[1:]):
            # "Aguja y Tierra": a conjunction inside one name, not two bodies.
            parts = [value.strip()]
        practice.organisation = parts[0] if parts else value
        practice.partners = parts[1:]
        offset = max(value.find(practice.organisation), 0)
        practice.spans["organisation"] = (
            span[0] + offset,
            span[0] + offset + len(practice.organisation),
        )
    else:
        found = _organisation_in_prose(prose)
        if found:
            practice.organisation, practice.spans["organisation"] = found
    if "partners" in fields:
        value, span = fields["partners"]
        practice.partners += [p.strip() for p in re.split(r"[;,]", value) if p.strip()]
        practice.spans["partners"] = span
    for line in sections.get("partners", []):
        practice.partners.append(_item(line))

    if "city" in fields:
        practice.city, practice.spans["city"] = fields["city"]

    # The country: stated for the practice, else its city's, else its organisation's,
    # else its section's, else the one its text names most.
    candidates: list[tuple[float, str, Span]] = []
    if block.country:
        candidates.append((block.country[2], block.country[0], block.country[1]))
    if "country" in fields:
        value, span = fields["country"]
        candidates.append((4, country_code(value) or value, span))
    if practice.city:
        code = _city_country(practice.city)
        if code:
            candidates.append((2, code, practice.spans["city"]))
    if practice.organisation:
        named = _countries_in(fold(practice.organisation))
        if named:
            candidates.append((1.5, named[0], practice.spans["organisation"]))
    if not candidates:
        counts: Counter[str] = Counter()
        first: dict[str, Span] = {}
        for line in prose:
            for code in _countries_in(line.folded):
                counts[code] += 1
                first.setdefault(code, line.span)
        if counts:
            code, _ = counts.most_common(1)[0]
            candidates.append((0, code, first[code]))
    if candidates:
        _, practice.country, practice.spans["country"] = max(
            candidates, key=lambda c: c[0]
        )
    if not practice.city:
        found = _city_in_prose(prose, practice.country)
        if found:
            practice.city, practice.spans["city"] = found
            if not practice.country:
                practice.country = _city_country(found[0])
                practice.spans["country"] = found[1]

    years = None
    if "years" in fields:
        value, span = fields["years"]
        parsed = _years(value)
        years = (
            (value, parsed[1], parsed[2], span) if parsed else (value, None, None, span)
        )
    else:
        for line in prose:
            parsed = _years(line.text)
            if parsed:
                years = (*parsed, line.sub_span(parsed[0]))
                break
    if years:
        (
            practice.years,
            practice.start_year,
            practice.end_year,
            practice.spans["years"],
        ) = years

    if (
        "beneficiaries" not in fields
        and "target_group" in fields
        and re.search(r"\d", fields["target_group"][0])
    ):
        # "Target group: about 80 young refugees" counts them when nothing else does.
        fields["beneficiaries"] = fields["target_group"]
    if "beneficiaries" in fields or sections.get("beneficiaries"):
        value, span = fields.get("beneficiaries") or (
            sections["beneficiaries"][0].text,
            sections["beneficiaries"][0].span,
        )
        practice.beneficiaries, practice.spans["beneficiaries"] = value, span
        practice.beneficiaries_count = _labelled_count(value)
    else:
        counted = _beneficiaries(prose)
        if counted:
            practice.beneficiaries, practice.beneficiaries_count = counted[:2]
            practice.spans["beneficiaries"] = counted[2]

    if sections.get("aims"):
        practice.aims = [_item(line) for line in sections["aims"] if _item(line)]
        practice.spans["aims"] = _cover(sections["aims"])
    else:
        plain = [line for line in prose if not _PHASE_LINE.match(line.folded)]
        found = _sentences(plain, _AIM_SENTENCE)
        if found:
            practice.aims, practice.spans["aims"] = [found[0]], found[1]
            if found[0].endswith(":"):  # "The aims of this project are:" and a list
                position = next(
                    i for i, line in enumerate(plain) if found[0] in line.text
                )
                listed = _list_after(plain, position)
                if not listed:
                    listed = []
                    for line in plain[position + 1 : position + 4]:
                        if len(line.text) > 200:
                            break
                        listed.append(line)
                if listed:
                    practice.aims = [_item(line) for line in listed]
                    practice.spans["aims"] = _cover(listed)

    phases = sections.get("phases") or [
        line for line in prose if _PHASE_LINE.match(line.folded)
    ]
    if not phases:
        for position, line in enumerate(prose):
            intro = _PHASE_INTRO.search(line.folded)
            if not intro:
                continue
            listed = _list_after(prose, position)
            if listed:
                phases = listed
                break
            rest = _original(line, *intro.span(1)).rstrip(".")
            steps = [
                s.strip()
                for s in re.split(r",\s*(?:and\s+|y\s+|e\s+|si\s+|și\s+)?", rest)
            ]
            if len(steps) >= 3 and all(0 < len(s) <= 60 for s in steps):
                practice.phases = steps
                practice.spans["phases"] = line.sub_span(rest)
                break
    if phases:
        practice.phases = [_item(line) for line in phases if _item(line)]
        practice.spans["phases"] = _cover(phases)

    if sections.get("results"):
        practice.results = "\n".join(line.text for line in sections["results"])
        practice.spans["results"] = _cover(sections["results"])
    else:
        found = _sentences(
            [line for line in prose if line.span != practice.spans.get("aims")],
            _RESULT_SENTENCE,
        )
        if found:
            practice.results, practice.spans["results"] = found

    # Links and e-mails also from the lines read as fields ("Web: …", "Contact | …").
    every = [lines[i] for a, b in ranges for i in range(a, b) if not lines[i].blank]
    links: list[str] = []
    link_spans: list[Span] = []
    for line in every:
        for url, span in _urls(line):
            url = _normal_url(url)
            if url not in links:
                links.append(url)
                link_spans.append(span)
    if links:
        practice.links = links
        practice.spans["links"] = (link_spans[0][0], link_spans[-1][1])
    emails = []
    for line in every:
        for match in _EMAIL.finditer(line.raw):
            if match.group(0) not in emails:
                emails.append(match.group(0))
    practice.emails = emails

    if not sections.get("description") and "description" in fields:
        # A description read as a field (a table's cell, a value under its label).
        value, span = fields["description"]
        sections["description"] = [_Line(span[0], span[1], value, value, fold(value))]
    described = [
        line
        for line in (sections.get("description") or prose)
        if not _URL.fullmatch(line.raw.strip().lstrip("> ").split(" ")[0] or "-")
        or len(line.text) > 120
    ]
    if described:
        practice.description = "\n\n".join(line.text for line in described)
        practice.spans["description"] = _cover(described)
        opening = described[0].text
        practice.summary = (
            opening if len(opening) <= 300 else opening[:297].rsplit(" ", 1)[0] + "…"
        )
    return practice


def _cover(lines: list[_Line]) -> Span:
    return (lines[0].span[0], lines[-1].span[1])


# --- The booklet's organisations ---

_BOLD_NAME = re.compile(r"\*\*([A-ZÀ-Ý][A-ZÀ-Ý0-9&.' -]{2,40})\*\*")
_GENERIC_MAIL = {
    "gmail",
    "yahoo",
    "hotmail",
    "outlook",
    "live",
    "icloud",
    "gmx",
    "web",
    "aol",
}
_TLD_COUNTRY = {
    "uk": "GB",
    "eu": None,
    "com": None,
    "org": None,
    "net": None,
    "info": None,
}


@dataclass
class _Entry:
    name: str
    span: Span
    country: tuple[str, Span] | None = None
    about: list[_Line] = field(default_factory=list)


def _partner_entries(lines: list[_Line]) -> list[_Entry]:
    entries: list[_Entry] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if line.blank or not _PARTNERS.match(line.folded):
            continue
        country: tuple[str, Span] | None = None
        last: _Entry | None = None
        continuation = 0
        while index < len(lines):
            line = lines[index]
            if line.blank or line.toc:
                index += 1
                continue
            if _PARTNERS.match(line.folded):
                index += 1
                continue
            code = _section_country(line)
            if code:
                country = (code, line.span)
                last, index = None, index + 1
                continue
            if _HEADING.search(line.folded) or (
                _heading_like(line)
                and (_GROUP.search(line.folded) or _CLOSING.match(line.folded))
            ):
                break
            bullet = bool(_BULLETED.match(line.raw)) and line.words <= 12
            capitals = (
                line.words <= 6
                and len(line.text) <= 60
                and line.text.upper() == line.text
                and any(ch.isalpha() for ch in line.text)
            )
            if bullet or capitals:
                last = _Entry(line.text, line.span, country)
                entries.append(last)
                continuation = 2 if bullet else 0
            elif continuation and line.words <= 8 and not line.text.endswith("."):
                continuation -= 1
                if last is not None and (
                    line.text[:1].islower()
                    or re.search(r"\s(?:din|de|del|di|of|von)$", last.name)
                ):
                    last.name = f"{last.name} {line.text}"
                    last.span = (last.span[0], line.span[1])
            elif _heading_like(line, 10) and line.text.upper() != line.text:
                break
            else:
                continuation = 0
                if last is not None:
                    last.about.append(line)
                for match in _BOLD_NAME.finditer(line.raw):
                    span = (line.start + match.start(1), line.start + match.end(1))
                    last = _Entry(match.group(1).strip(), span, country)
                    entries.append(last)
                    last.about.append(line)
            index += 1
        break
    return entries


def _organisations(
    lines: list[_Line], practices_lines: set[int]
) -> list[OrganisationDraft]:
    organisations = []
    for entry in _partner_entries(lines):
        organisation = OrganisationDraft(name=entry.name, spans={"name": entry.span})
        if entry.country:
            organisation.country, organisation.spans["country"] = entry.country
        about = entry.about
        for line in about:
            found = _countries_in(line.folded)
            if found and not organisation.country:
                organisation.country, organisation.spans["country"] = (
                    found[0],
                    line.span,
                )
            for url, span in _urls(line):
                if not organisation.website:
                    organisation.website, organisation.spans["website"] = (
                        _normal_url(url),
                        span,
                    )
        city = _city_in_prose(about, organisation.country)
        if city:
            organisation.city, organisation.spans["city"] = city
            if not organisation.country:
                organisation.country = _city_country(city[0])
                organisation.spans["country"] = city[1]
        organisations.append(organisation)

    emails: list[tuple[str, Span]] = []
    for index, line in enumerate(lines):
        if index in practices_lines:
            continue
        for match in _EMAIL.finditer(line.raw):
            if all(match.group(0) != e for e, _ in emails):
                emails.append(
                    (
                        match.group(0),
                        (line.start + match.start(), line.start + match.end()),
                    )
                )
    unmatched: list[tuple[str, Span]] = []
    for email, span in emails:
        domain = email.split("@", 1)[1].lower()
        label = domain.split(".")[0]
        owner = None
        if label not in _GENERIC_MAIL:
            for organisation in organisations:
                name = re.sub(r"[^a-z0-9]", "", fold(organisation.name))
                first = re.sub(r"[^a-z0-9]", "", fold(organisation.name.split()[0]))
                if organisation.email is None and (
                    label in name or (len(first) >= 3 and first in label)
                ):
                    owner = organisation
                    break
        if owner is None:
            unmatched.append((email, span))
            continue
        _give_email(owner, email, span)
    left = [o for o in organisations if o.email is None]
    if unmatched and len(unmatched) == len(left):
        for organisation, (email, span) in zip(left, unmatched, strict=True):
            _give_email(organisation, email, span)
    elif not organisations:
        for email, span in unmatched:
            domain = email.split("@", 1)[1].lower()
            if domain.split(".")[0] not in _GENERIC_MAIL:
                organisation = OrganisationDraft(name=domain, spans={"name": span})
                _give_email(organisation, email, span)
                organisations.append(organisation)
    return organisations


def _give_email(organisation: OrganisationDraft, email: str, span: Span) -> None:
    organisation.email, organisation.spans["email"] = email, span
    domain = email.split("@", 1)[1].lower()
    tld = domain.rsplit(".", 1)[-1]
    if not organisation.country and len(tld) == 2 and tld not in _TLD_COUNTRY:
        organisation.country, organisation.spans["country"] = tld.upper(), span
    if not organisation.website and domain.split(".")[0] not in _GENERIC_MAIL:
        organisation.website = f"https://{domain}"
        organisation.spans["website"] = span


# --- Recommendations ---

_RECOMMEND = (
    r"(?:recommendations?|recomandari|recomandarile|recomendaciones|raccomandazioni|"
    r"recomendacoes|empfehlungen|recommandations)"
)
_AUDIENCE_HEADING = re.compile(
    rf"^{_RECOMMEND}\s+(?:specifice\s+|specific\s+|especificas\s+)?"
    r"(?:addressed to|destinate|adresate|for|to|pentru|catre|para|a|al|a la|a los|a "
    r"las|per|"
    r"alle|alla|al|ai|agli|aos|as|a|an|fur|pour|aux|au|a l')\s+(?:the\s+)?(.{3,"
    r"160}?)\s*:?$"
)
_AUDIENCE_LINE = re.compile(
    r"^(?:to|for|pentru|catre|a|al|a la|a los|a las|ai|alle|agli|aos|as|an|fur|aux|au|"
    r"pour)\s+"
    r"(?:the\s+|die\s+|den\s+|la\s+|le\s+|les\s+|el\s+|los\s+|las\s+|il\s+|gli\s+|"
    r"os\s+)?"
    r"(.{3,80}):$"
)
_AUDIENCES = (
    (
        "service_providers",
        r"service providers?|prestator\w*|furnizor\w* de servicii|proveedores|"
        r"prestadores|fornitori|erogatori|dienstleister|leistungserbringer|"
        r"prestataires",
    ),
    (
        "european_commission",
        r"european commission|comisia europeana|comision europea|"
        r"commissione europea|comissao europeia|europaische kommission|commission "
        r"europeenne",
    ),
    ("media", r"media|medios|mezzi|comunicacao social|presse"),
    (
        "migrant_organisations",
        r"(?:organi[sz]\w+|asocia\w+|associa\w+|verein\w*|"
        r"selbstorganisation\w*).*migra\w*|migra\w*.*(?:organi[sz]\w+|associa\w+)",
    ),
    (
        "civil_society",
        r"civil society|societatea civila|sociedad civil|societa civile|"
        r"sociedade civil|zivilgesellschaft|societe civile|ngos?\b|ongs?\b|osc\b",
    ),
    (
        "population",
        r"population|populatia|poblacion|popolazione|populacao|bevolkerung|"
        r"general public|public opinion|opinia publica|opinion publica|opinione "
        r"pubblica|"
        r"citizens|cetateni|ciudadania|cittadin",
    ),
    (
        "state",
        r"government|guvern|gobierno|governo|regierung|gouvernement|policy.?makers|"
        r"factorii de decizie|decision.?makers|responsables politicos",
    ),
    (
        "regional",
        r"regional|autonomic|autonomous|autonomica|regiona|landes|regioni|regiones",
    ),
    (
        "local",
        r"local|municipal|city|cities|orase|ayuntamiento|comuni|kommun|communes|"
        r"gemeinden",
    ),
    (
        "state",
        r"state|stat\b|national|nationale|estado|stato|bund|administracion general",
    ),
)
_AUDIENCE_CODES = [
    (code, re.compile(rf"\b(?:{pattern})")) for code, pattern in _AUDIENCES
]


def audience_code(audience: str) -> str | None:
    """plans.Recommendation.Audience code of an audience as written, when recognised."""
    folded = fold(audience)
    for code, pattern in _AUDIENCE_CODES:
        if pattern.search(folded):
            return code
    return None


def _starts_with_audience(value: str) -> bool:
    folded = re.sub(
        r"^(?:the|la|le|les|el|los|las|il|gli|os|as|die|der|den)\s+", "", fold(value)
    )
    return any(pattern.match(folded) for _, pattern in _AUDIENCE_CODES)


def _recommendations(lines: list[_Line]) -> list[RecommendationDraft]:
    found: list[RecommendationDraft] = []
    audience: tuple[str, Span] | None = None
    items: list[list[_Line]] = []
    in_section = False

    def flush() -> None:
        if audience is not None:
            for group in items:
                text = " ".join(
                    line.text if i else _item(line) for i, line in enumerate(group)
                )
                if len(text) > 10:
                    found.append(
                        RecommendationDraft(
                            audience=audience[0],
                            text=text,
                            audience_code=audience_code(audience[0]),
                            spans={"audience": audience[1], "text": _cover(group)},
                        )
                    )
        items.clear()

    for line in lines:
        if line.blank or line.toc:
            continue
        folded = line.folded
        heading = _AUDIENCE_HEADING.match(folded) if _heading_like(line, 22) else None
        plain = (
            _AUDIENCE_LINE.match(folded) if in_section and line.words <= 12 else None
        )
        bare = (
            in_section
            and line.words <= 6
            and line.text.endswith(":")
            and _starts_with_audience(line.text)
            and not _BULLETED.match(line.raw)
        )
        if heading or plain or bare:
            flush()
            match = heading or plain
            value = (
                _original(line, *match.span(1))
                if match
                else line.text.rstrip(":").strip()
            )
            audience = (value, line.sub_span(value))
            in_section = True
            continue
        if _heading_like(line, 12) and re.search(rf"\b{_RECOMMEND}\b", folded):
            flush()
            audience, in_section = None, True
            continue
        if audience is None:
            continue
        numbered = bool(_BULLETED.match(line.raw) or _NUMBERED.match(line.raw))
        if (
            not numbered
            and _heading_like(line, 12)
            and (items or _CLOSING.match(folded) or _GROUP.search(folded))
        ):
            flush()
            audience = None
            in_section = bool(re.search(rf"\b{_RECOMMEND}\b", folded))
            continue
        if (
            items
            and not numbered
            and (
                line.text[:1].islower()
                or not items[-1][-1].text.endswith((".", "!", "?", ";", ":"))
            )
        ):
            items[-1].append(line)
        else:
            items.append([line])
    flush()
    return found


# --- Entry point ---


@dataclass
class _Reading:
    practices: list[PracticeDraft]
    organisations: list[OrganisationDraft]
    recommendations: list[RecommendationDraft]
    #: Lines inside a record that could not be placed: (text, span).
    unplaced: list[tuple[str, Span]]
    #: How the practices were found: "records", "anchors", "prose" or "".
    source: str
    strength: float


#: Anchors that are a repeated structure of their own (numbered practice headings,
#: rows of a table with a title column, "Organisation | City" by-lines).
_STRONG_ANCHORS = {"heading", "table", "byline"}


def _placed(lines: list[_Line], blocks: list[_Block]) -> int:
    """How many of the practices' identity values a reading fills."""
    count = 0
    for block in blocks:
        practice = _practice(lines, replace(block, fields=dict(block.fields)))
        if practice is not None:
            count += sum(
                1
                for value in (
                    practice.organisation,
                    practice.city,
                    practice.years,
                    practice.beneficiaries,
                )
                if value
            )
    return count


def _read(text: str, language: str) -> _Reading:
    from . import prose, records

    lines = _lines(text)
    # A block under anything but a numbered practice heading whose labelled fields
    # say what it costs and how it is measured, more than where it happens and
    # whom it reaches, is a plan's measure (records.is_measure).
    anchored = [
        block
        for block in _find_blocks(lines)
        if block.anchor == "heading"
        or not records.is_measure(lines, [(block.start, block.end), *block.extra])
    ]
    strong = [b for b in anchored if b.anchor in _STRONG_ANCHORS]
    found = records.find_records(lines)
    source, strength = "", 0.0
    unplaced: list[tuple[str, Span]] = []
    # The reading that finds more of the repeated structure wins.  On a tie (the
    # booklet's numbered headings over field records) the one that places more of
    # the practices' values wins, the headings when both place as many.
    titled = [b for b in strong if b.title]
    use_records = len(found) >= 2 and len(found) >= len(titled)
    by_records = [records.to_block(record) for record in found]
    if use_records and len(found) == len(titled) and titled:
        use_records = _placed(lines, by_records) > _placed(lines, anchored)
    if use_records:
        # The document's own repeated field structure.
        blocks = by_records
        strength = records.record_strength(found)
        source = "records"
        for record, block in zip(found, blocks, strict=True):
            block.confidence = strength
            for index in record.unknown:
                unplaced.append((lines[index].text, lines[index].span))
    else:
        blocks = anchored
        if len(strong) >= 2:
            source, strength = "anchors", min(1.0, 0.5 + 0.1 * len(strong))
        elif len(blocks) >= 2:
            source, strength = "anchors", 0.4
        for block in blocks:
            block.confidence = 0.9 if block.anchor in _STRONG_ANCHORS else 0.6
    practices = []
    covered: set[int] = set()
    for block in blocks:
        practice = _practice(lines, block)
        if practice is not None:
            practice.confidence = block.confidence
            practices.append(practice)
            for start, end in [(block.start, block.end), *block.extra]:
                covered.update(range(start, end))
    if len(practices) < 2:
        described = prose.find_projects(lines, language)
        if described and records.measure_lines(lines) > max(1, len(described)):
            # A document whose measures state their cost or indicator, on more
            # lines than it has project paragraphs, is a plan: the projects its
            # text names are its context, not a collection's practices.
            described = []
        if described:
            practices, source = described, "prose"
            strength = round(min(0.8, 0.3 + 0.1 * len(described)), 2)
    elif source == "records" and all(r.kind == "table" for r in found):
        # A table listing the projects an article describes in prose: the table's
        # values win (labelled), the paragraphs fill what it lacks.
        _fill_from_prose(practices, prose.find_projects(lines, language))
    if source == "records" and language:
        # A record that prints no country is in the publication's.
        default = prose.publication_country(lines, language)
        for practice in practices:
            if not practice.country and default:
                practice.country = default
    organisations = _organisations(lines, covered)
    if not practices:
        source, strength = "", 0.0
    return _Reading(
        practices,
        organisations,
        _recommendations(lines),
        unplaced,
        source,
        strength,
    )


def _fill_from_prose(
    practices: list[PracticeDraft], described: list[PracticeDraft]
) -> None:
    by_title = {fold(p.title): p for p in described}
    for practice in practices:
        key = fold(practice.title)
        match = by_title.get(key) or next(
            (p for k, p in by_title.items() if key in k or k in key), None
        )
        if match is None:
            continue
        for name in (
            "organisation",
            "country",
            "city",
            "years",
            "beneficiaries",
            "description",
            "summary",
        ):
            if not getattr(practice, name) and getattr(match, name):
                setattr(practice, name, getattr(match, name))
                if name in match.spans:
                    practice.spans[name] = match.spans[name]
                if name == "years":
                    practice.start_year = match.start_year
                    practice.end_year = match.end_year
                if name == "beneficiaries":
                    practice.beneficiaries_count = match.beneficiaries_count


def parse_practices(
    text: str, language: str
) -> tuple[list[PracticeDraft], list[OrganisationDraft], list[RecommendationDraft]]:
    """The practices, partner organisations and recommendations of a booklet's text.

    ``language`` is the document's ISO 639-1 code (the vocabulary of every language is
    tried anyway: booklets mix them).  Spans are offsets into ``text``.
    """
    reading = _read(text, language)
    return reading.practices, reading.organisations, reading.recommendations


def parse_practices_with_unplaced(
    text: str, language: str
) -> tuple[
    list[PracticeDraft],
    list[OrganisationDraft],
    list[RecommendationDraft],
    list[UnplacedLine],
]:
    """``parse_practices`` and the lines inside its records that it could not place
    (a field whose label it does not know, e.g. "Calls answered: 1,150"), for
    ParseResult.unplaced."""
    reading = _read(text, language)
    unplaced = [
        UnplacedLine(text=line, guess="field", spans={"line": span})
        for line, span in reading.unplaced
    ]
    return reading.practices, reading.organisations, reading.recommendations, unplaced


def practice_evidence(text: str, language: str) -> tuple[int, float]:
    """(number of practice records, strength 0–1) of a text: the repetition the
    practice reader finds (records sharing fields, numbered practice headings, a
    table of practices, project paragraphs), for the genre to be decided from it.
    0 records and 0.0 when nothing repeats."""
    reading = _read(text, language)
    return len(reading.practices), reading.strength

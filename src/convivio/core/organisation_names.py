"""Telling whether two organisation names mean the same organisation, and what
kind of organisation a name says it is, in the platform's languages (en, es, it,
pt, ro, el, de, fr, nl, sl, hr).

The rules are generic, not a list of known organisations:

- names are compared without case, accents, punctuation, articles and
  prepositions, legal forms ("S.r.l.", "e.V.", "Cooperativa Sociale") or the
  dots of acronyms ("K.E.P.A." is "KEPA"), in any word order;
- a name may have several forms: a translation or acronym in brackets, after
  " / " or around a spaced dash ("ELIAMEP — Hellenic Foundation …");
- an acronym alone matches every name that has it, written or as its initials;
- the kind words of public bodies ("Municipality of", "Comune di", "Primăria",
  "Junta de", …) and country names ("Olanda", "Netherlands", "Ολλανδία") are
  read as the same word in every language; names made only of a kind word and
  a place also match when the place is spelt slightly differently ("Milan" and
  "Milano", "Andalusia" and "Andalucía").
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry

from .models import Organisation

LANGUAGES = ("en", "es", "it", "pt", "ro", "el", "de", "fr", "nl", "sl", "hr")


def fold(text: str | None) -> str:
    """Lower case, without accents, punctuation or repeated spaces."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\W_]+", " ", text).strip()


def _folded(words: Iterable[str]) -> list[str]:
    return [fold(w) for w in words if fold(w)]


# ----------------------------------------------------------------- word lists

#: Articles, prepositions and conjunctions ("of", "di", "de la", "του", …), and
#: the letters left by elision and possessives ("L'", "d'", "Spain's").
STOPWORDS = frozenset(
    _folded(
        """
        of the and for in on at to a an by with s l d
        de del della delle dei degli di da dal dalla do dos das la le les el los
        las lo il gli i e y et und en van het der die das des du al ale ai au aux
        din pentru si și cu u za v na iz od o ob pri
        για και του της των το τα η ο οι στο στη στην στον
        """.split()
    )
)

#: Legal forms: left out when names are compared (a company is the same with
#: or without its "S.r.l.").
LEGAL_FORMS = _folded(
    [
        "cooperativa impresa sociale",
        "cooperativa sociale",
        "società cooperativa sociale",
        "società cooperativa",
        "social cooperative",
        "impresa sociale",
        "cooperativa",
        "coop",
        "onlus",
        "aps",
        "odv",
        "ets",
        "srl",
        "spa",
        "sl",
        "sa",
        "slu",
        "gmbh",
        "ggmbh",
        "ev",
        "ag",
        "ltd",
        "limited",
        "inc",
        "plc",
        "llc",
        "cic",
        "bv",
        "nv",
        "vzw",
        "asbl",
        "sarl",
        "sas",
        "lda",
        "crl",
        "ipss",
        "doo",
        "zoo",
        "amke",
        "αμκε",
        "mi kerdoskopiki etaireia",
        "μη κερδοσκοπική εταιρεία",
    ]
)

#: Kind words of public bodies and of associations, by the one token each is
#: read as in any language.  Longer phrases are tried first.
KIND_PHRASES: dict[str, list[str]] = {
    "§parish": [
        "junta de freguesia",
        "freguesia",
        "parish council",
        "parish",
    ],
    "§municipality": [
        "municipality",
        "municipal council",
        "city council",
        "town council",
        "city hall",
        "city",
        "town",
        "comune",
        "città",
        "ayuntamiento",
        "ajuntament",
        "concello",
        "município",
        "municipio",
        "câmara municipal",
        "primăria municipiului",
        "primăria orașului",
        "primăria comunei",
        "primăria",
        "municipiul",
        "gemeente",
        "stad",
        "landeshauptstadt",
        "stadtverwaltung",
        "stadtgemeinde",
        "marktgemeinde",
        "gemeinde",
        "magistrat der stadt",
        "stadt",
        "ville",
        "mairie",
        "commune",
        "mestna občina",
        "občina",
        "grad",
        "δήμος",
        "δήμου",
        "dimos",
    ],
    "§region": [
        "autonomous community",
        "comunidad autónoma",
        "region",
        "regione",
        "región",
        "região",
        "regiunea",
        "regio",
        "regija",
        "région",
        "περιφέρεια",
        "bundesland",
    ],
    "§province": [
        "diputación provincial",
        "diputación",
        "province",
        "provincia",
        "província",
        "provinz",
        "provincie",
        "consiliul județean",
        "județul",
        "county council",
        "county",
        "županija",
        "νομαρχία",
    ],
    "§government": [
        "government",
        "gobierno",
        "junta",
        "generalitat",
        "xunta",
        "governo",
        "guvernul",
        "landesregierung",
        "regierung",
        "gouvernement",
        "regering",
        "vlada",
        "κυβέρνηση",
    ],
    "§ministry": [
        "ministry",
        "ministerio",
        "ministero",
        "ministério",
        "ministerul",
        "ministerie",
        "ministère",
        "bundesministerium",
        "ministerium",
        "ministrstvo",
        "ministarstvo",
        "υπουργείο",
    ],
    "§university": [
        "university",
        "universidad",
        "università degli studi",
        "università",
        "universidade",
        "universitatea",
        "universität",
        "universitat",
        "université",
        "universiteit",
        "univerza",
        "sveučilište",
        "πανεπιστήμιο",
    ],
    "§association": [
        "association",
        "associazione",
        "asociación",
        "associação",
        "asociația",
        "asociatia",
        "verein",
        "vereniging",
        "društvo",
        "udruga",
        "udruge",
        "udruženje",
        "σύλλογος",
        "σωματείο",
    ],
    "§foundation": [
        "foundation",
        "fundación",
        "fondazione",
        "fundação",
        "fundația",
        "stiftung",
        "fondation",
        "stichting",
        "fundacija",
        "zaklada",
        "ίδρυμα",
    ],
}

#: Names people use for a country beside the ISO names (which come in every
#: language from pycountry), and English adjectives of countries.
COUNTRY_EXTRAS: dict[str, list[str]] = {
    "NL": ["Holland", "Olanda", "Holanda", "Hollande", "Holandija", "Dutch"],
    "GB": ["United Kingdom", "UK", "Great Britain", "Britain", "British"],
    "TR": ["Turkey", "Turkish", "Türkei", "Turquía", "Turchia", "Turquie"],
    "CZ": ["Czech Republic", "Czech"],
    "RU": ["Russia", "Russian"],
    "SY": ["Syria", "Syrian"],
    "MD": ["Moldova", "Republic of Moldova"],
    "US": ["USA", "United States"],
    "ES": ["Spanish"],
    "IT": ["Italian"],
    "PT": ["Portuguese"],
    "RO": ["Romanian"],
    "GR": ["Greek", "Hellas"],
    "DE": ["German"],
    "FR": ["French"],
    "BE": ["Belgian"],
    "SI": ["Slovenian", "Slovene"],
    "HR": ["Croatian", "Hrvatska"],
    "AT": ["Austrian"],
    "IE": ["Irish"],
    "PL": ["Polish"],
    "SE": ["Swedish"],
    "DK": ["Danish"],
    "FI": ["Finnish"],
    "HU": ["Hungarian"],
    "BG": ["Bulgarian"],
    "CY": ["Cypriot"],
    "MT": ["Maltese"],
    "LU": ["Luxembourgish"],
    "UA": ["Ukrainian"],
    "AL": ["Albanian"],
    "RS": ["Serbian"],
    "MA": ["Moroccan"],
    "SN": ["Senegalese"],
}

#: Tokens that are never an organisation's acronym: legal forms, "NGO".
NOT_ACRONYMS = frozenset(
    LEGAL_FORMS + _folded(["ngo", "ong", "nvo", "μκο", "eu", "ue", "uk", "usa"])
)


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded country name → "#cc", in every platform language."""
    names: dict[str, str] = {}
    translations = {
        lang: gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
        )
        for lang in LANGUAGES
    }
    for country in pycountry.countries:
        code = f"#{country.alpha_2.lower()}"
        english = [
            n
            for n in (
                country.name,
                getattr(country, "common_name", None),
                getattr(country, "official_name", None),
            )
            if n and "," not in n
        ]
        for name in english:
            for translation in translations.values():
                folded = fold(translation.gettext(name))
                if len(folded) >= 4:
                    names.setdefault(folded, code)
    for alpha_2, extras in COUNTRY_EXTRAS.items():
        for name in extras:
            names[fold(name)] = f"#{alpha_2.lower()}"
    return names


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return re.compile(r"(?<!\S)(" + "|".join(map(re.escape, ordered)) + r")(?!\S)")


@lru_cache(maxsize=1)
def _replacements() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every legal form, kind phrase and country name."""
    table: dict[str, str] = dict.fromkeys(LEGAL_FORMS, "")
    for token, phrases in KIND_PHRASES.items():
        for phrase in _folded(phrases):
            table.setdefault(phrase, token)
    for name, code in _countries().items():
        table.setdefault(name, code)
    return _phrase_pattern(table), table


# -------------------------------------------------------------------- parsing

_DOTTED = re.compile(r"(?<!\w)((?:[^\W\d_]\.){2,}[^\W\d_]?)(?!\w)")
_GENDER = re.compile(r"(?<=[a-zäöüß])[:*_/](?=[iI]nnen)")
_DASH = re.compile(r"\s+[—–-]+\s*|\s*[—–-]+\s+|:\s+")
_BRACKETS = re.compile(r"\(([^)]*)\)|\[([^]]*)\]")
_ACRONYM = re.compile(r"^[A-ZÀ-ÝΑ-ΩİŞĞ&]{2,10}$")


def _clean(name: str) -> str:
    """Dots out of acronyms and German gender marks out of words."""
    name = unicodedata.normalize("NFKC", name or "")
    name = _DOTTED.sub(lambda m: m.group(1).replace(".", ""), name)
    return _GENDER.sub("", name)


def plain_name(name: str | None) -> str:
    """A name folded, with the dots of its acronyms out ("kepa center …")."""
    return fold(_clean(name or ""))


def _tokens(text: str) -> list[str]:
    """Folded words with kind words and country names as one token each,
    without legal forms and stopwords."""
    pattern, table = _replacements()
    replaced = pattern.sub(lambda m: f" {table[m.group(1)]} ", fold(text))
    return [t for t in replaced.split() if t not in STOPWORDS]


def _words_of(text: str) -> list[str]:
    """The folded words of a text that are not stopwords."""
    return [w for w in fold(text).split() if w not in STOPWORDS]


def _is_acronym(word: str, whole_upper: bool) -> bool:
    letters = word.replace("&", "")
    return (
        bool(_ACRONYM.match(word))
        and len(letters) >= 2
        and (not whole_upper)
        and fold(word) not in NOT_ACRONYMS
    )


def _distinctive(tokens: Iterable[str], places: frozenset[str]) -> bool:
    """At least one word that is neither a kind word, a country nor a place."""
    return any(t[0] not in "§#" and t not in places for t in tokens)


@dataclass
class NameKeys:
    """What a name is indexed and looked up by."""

    #: Sorted token sets of each form of the name: any shared one is a match.
    strong: set[str] = field(default_factory=set)
    #: Acronyms the name has (written, or the initials of a long form).
    acronyms: set[str] = field(default_factory=set)
    #: Initials only (a weaker match than a written acronym).
    initials: set[str] = field(default_factory=set)
    #: Acronyms that stand alone (the whole name, or one side of a dash).
    bare: set[str] = field(default_factory=set)
    #: (kind words, place) of forms made only of a kind word and a place.
    near: set[tuple[str, str]] = field(default_factory=set)


def name_keys(name: str, places: frozenset[str] = frozenset()) -> NameKeys:
    """The keys of a name; ``places`` (folded names of territories) tells an
    upper-case place ("GRAZ") from an acronym."""
    keys = NameKeys()
    cleaned = re.sub(r"\s+", " ", _clean(name)).strip()
    if not cleaned:
        return keys
    letters = [c for c in cleaned if c.isalpha()]
    whole_upper = len(cleaned.split()) > 1 and all(c.isupper() for c in letters)
    if len(cleaned.split()) == 1 and _ACRONYM.match(cleaned):
        keys.bare.add(fold(cleaned))
        keys.acronyms.add(fold(cleaned))

    def acronyms_in(text: str) -> list[str]:
        return [
            w
            for w in re.findall(r"[\w&]+", text)
            if _is_acronym(w, whole_upper) and fold(w) not in places
        ]

    bracketed = [a or b for a, b in _BRACKETS.findall(cleaned)]
    outside = re.sub(r"\s+", " ", _BRACKETS.sub(" ", cleaned)).strip()
    forms = [outside]
    outside_acronyms = {fold(a): a for a in acronyms_in(outside)}
    for text in bracketed:
        initials = "".join(w[0] for w in _words_of(text))
        expanded = outside_acronyms.get(initials)
        if expanded and len(outside.split()) > 1:
            # "IOM Slovenia (International Organization for Migration)" spells
            # out the acronym: that alone is not another name of this office.
            forms.append(outside.replace(expanded, text))
        else:
            forms.append(text)
    for part in re.split(r"\s+/\s+", outside):
        forms.append(part)
        sides = [s.strip() for s in _DASH.split(part) if s.strip()]
        if len(sides) == 2:
            short = [s for s in sides if len(s.split()) == 1 or acronyms_in(s)]
            if short:
                forms.extend(sides)
                for side in short:
                    if len(side.split()) == 1:
                        keys.acronyms.add(fold(side))
                        if _ACRONYM.match(side) or acronyms_in(side):
                            keys.bare.add(fold(side))
    for form in forms:
        form = form.strip()
        if not form:
            continue
        found = acronyms_in(form)
        keys.acronyms.update(fold(a) for a in found)
        tokens = _tokens(form)
        if not tokens:
            continue
        if _distinctive(tokens, places) or form == outside:
            keys.strong.add(" ".join(sorted(set(tokens))))
        folded_acronyms = {fold(a) for a in found}
        rest = [t for t in tokens if t not in folded_acronyms]
        if rest and _distinctive(rest, places):
            keys.strong.add(" ".join(sorted(set(rest))))
        words = [t for t in rest if t[0] not in "§#"]
        if len(words) >= 3:
            keys.initials.add("".join(w[0] for w in words))
        kinds = sorted({t for t in tokens if t[0] == "§"})
        if kinds and 1 <= len(words) <= 3 and len(rest) == len(kinds) + len(words):
            keys.near.add((" ".join(kinds), " ".join(sorted(words))))
    return keys


def _close(a: str, b: str) -> bool:
    """Place names spelt slightly differently ("milan"/"milano")."""
    if a == b:
        return True
    if a[:1] != b[:1] or min(len(a), len(b)) < 5:
        return False
    limit = 1 if min(len(a), len(b)) < 8 else 2
    if abs(len(a) - len(b)) > limit:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            )
        previous = current
    return previous[-1] <= limit


class OrganisationIndex:
    """Names of organisations by their keys, to find the ones a name means.

    ``find`` ranks what it finds: the same name in some form first, then a
    kind word and a place spelt a little differently, then a written acronym,
    then initials."""

    def __init__(
        self, rows: Iterable[tuple[int, str]], places: Iterable[str] = ()
    ) -> None:
        self.places = frozenset(fold(p) for p in places if p)
        self.strong: dict[str, list[int]] = {}
        self.acronyms: dict[str, list[int]] = {}
        self.initials: dict[str, list[int]] = {}
        self.bare: dict[str, list[int]] = {}
        self.near: dict[str, list[tuple[str, int]]] = {}
        for pk, name in rows:
            self.add(pk, name)

    def add(self, pk: int, name: str) -> None:
        keys = name_keys(name, self.places)
        for table, values in (
            (self.strong, keys.strong),
            (self.acronyms, keys.acronyms),
            (self.initials, keys.initials),
            (self.bare, keys.bare),
        ):
            for value in values:
                table.setdefault(value, []).append(pk)
        for kinds, place in keys.near:
            self.near.setdefault(kinds, []).append((place, pk))

    def find(self, name: str | None, *, exclude: int | None = None) -> list[int]:
        """The organisations the name may mean, the likeliest first."""
        return [pk for pk, _rank in self.find_ranked(name, exclude=exclude)]

    def best(self, name: str | None) -> int | None:
        """The one organisation the name means, or None when none does or
        several are equally likely ("IOM" with two country offices): better
        a new record a moderator merges than a wrong link."""
        found = self.find_ranked(name)
        if not found or (len(found) > 1 and found[1][1] == found[0][1]):
            return None
        return found[0][0]

    def find_ranked(
        self, name: str | None, *, exclude: int | None = None
    ) -> list[tuple[int, int]]:
        """(id, rank) of the organisations the name may mean; rank 0 is the
        same name, 1 a kind word and a place spelt differently, 2 an acronym,
        3 initials."""
        if not (name or "").strip():
            return []
        keys = name_keys(name or "", self.places)
        ranked: dict[int, int] = {}

        def note(pks: Iterable[int], rank: int) -> None:
            for pk in pks:
                if pk != exclude and rank < ranked.get(pk, 99):
                    ranked[pk] = rank

        for key in keys.strong:
            note(self.strong.get(key, []), 0)
        for kinds, place in keys.near:
            note((pk for p, pk in self.near.get(kinds, []) if _close(p, place)), 1)
        for acronym in keys.bare:
            note(self.acronyms.get(acronym, []), 2)
        for acronym in keys.acronyms:
            note(self.bare.get(acronym, []), 2)
        for acronym in keys.bare:
            note(self.initials.get(acronym, []), 3)
        for acronym in keys.initials:
            note(self.bare.get(acronym, []), 3)
        order = {pk: i for i, pk in enumerate(ranked)}
        ordered = sorted(ranked, key=lambda pk: (ranked[pk], order[pk]))
        return [(pk, ranked[pk]) for pk in ordered]


# ------------------------------------------------------------------ kinds

K = Organisation.Kind


def _words(*phrases: str) -> re.Pattern[str]:
    return _phrase_pattern(_folded(phrases))


#: Checked in this order: the first kind whose words appear in a name is its
#: kind ("Hospital Universitario" is a public service, not a university).
KIND_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        K.INTERNATIONAL_BODY,
        _words(
            "iom",
            "oim",
            "unhcr",
            "acnur",
            "unicef",
            "unesco",
            "undp",
            "unfpa",
            "ilo",
            "oit",
            "oecd",
            "ocde",
            "icmpd",
            "icrc",
            "cicr",
            "ifrc",
            "un women",
            "frontex",
            "euaa",
            "united nations",
            "naciones unidas",
            "nazioni unite",
            "nações unidas",
            "națiunile unite",
            "vereinte nationen",
            "nations unies",
            "verenigde naties",
            "združeni narodi",
            "ujedinjeni narodi",
            "ηνωμένα έθνη",
            "council of europe",
            "consejo de europa",
            "consiglio d europa",
            "conselho da europa",
            "consiliul europei",
            "europarat",
            "conseil de l europe",
            "raad van europa",
            "svet evrope",
            "vijeće europe",
            "συμβούλιο της ευρώπης",
            "european commission",
            "comisión europea",
            "commissione europea",
            "comissão europeia",
            "comisia europeană",
            "europäische kommission",
            "commission européenne",
            "europese commissie",
            "evropska komisija",
            "europska komisija",
            "ευρωπαϊκή επιτροπή",
            "international organization for migration",
            "international organisation for migration",
            "organización internacional para las migraciones",
            "organizzazione internazionale per le migrazioni",
            "organização internacional para as migrações",
            "organizația internațională pentru migrație",
            "internationale organisation für migration",
            "organisation internationale pour les migrations",
            "high commissioner for refugees",
            "alto comisionado",
            "alto commissariato",
            "alto comissariado",
        ),
    ),
    (
        K.PUBLIC_SERVICE,
        _words(
            "hospital",
            "ospedale",
            "spital",
            "krankenhaus",
            "klinikum",
            "ziekenhuis",
            "hôpital",
            "bolnišnica",
            "bolnica",
            "νοσοκομείο",
            "health centre",
            "health center",
            "health service",
            "centro de salud",
            "centro de saúde",
            "azienda sanitaria",
            "servizio sanitario",
            "servicio de salud",
            "gesundheitsamt",
            "health and social care",
            "social services",
            "servicios sociales",
            "servizi sociali",
            "serviços sociais",
            "serviciul social",
            "sozialamt",
            "centre for social work",
            "center za socialno delo",
            "centar za socijalnu skrb",
            "employment service",
            "employment agency",
            "employment office",
            "public employment",
            "servicio público de empleo",
            "oficina de empleo",
            "centro per l impiego",
            "instituto do emprego",
            "serviço de emprego",
            "arbeitsagentur",
            "agentur für arbeit",
            "arbeitsmarktservice",
            "jobcenter",
            "pôle emploi",
            "france travail",
            "zavod za zaposlovanje",
            "zavod za zapošljavanje",
            "agency",
            "agencia",
            "agenzia",
            "agência",
            "agenția",
            "agentschap",
            "agentur",
            "agence",
            "agencija",
            "υπηρεσία",
            "school",
            "schools",
            "escuela",
            "scuola",
            "escola",
            "escolas",
            "școala",
            "schule",
            "école",
            "šola",
            "škola",
            "σχολείο",
            "library",
            "biblioteca",
            "bibliothek",
            "bibliothèque",
            "bibliotheek",
            "knjižnica",
            "βιβλιοθήκη",
            "public service",
            "servicio público",
            "servizio pubblico",
            "serviço público",
            "adult education",
            "police",
            "policía",
            "polizia",
            "polícia",
        ),
    ),
    (
        K.UNIVERSITY,
        _words(
            *KIND_PHRASES["§university"],
            "faculty",
            "facultad",
            "facoltà",
            "faculdade",
            "facultatea",
            "fakultät",
            "faculté",
            "faculteit",
            "fakulteta",
            "fakultet",
            "polytechnic",
            "politecnico",
            "politécnica",
            "politehnica",
            "hochschule",
            "fachhochschule",
            "research centre",
            "research center",
            "research institute",
            "centro de investigación",
            "centro di ricerca",
            "istituto di ricerca",
            "centro de investigação",
            "centrul de cercetare",
            "forschungszentrum",
            "forschungsinstitut",
            "centre de recherche",
            "onderzoekscentrum",
            "onderzoeksinstituut",
            "raziskovalni",
            "istraživački",
            "ερευνητικό",
            "ινστιτούτο ερευνών",
        ),
    ),
    (
        K.PUBLIC_AUTHORITY,
        _words(
            *KIND_PHRASES["§parish"],
            *KIND_PHRASES["§municipality"],
            *KIND_PHRASES["§region"],
            *KIND_PHRASES["§province"],
            *KIND_PHRASES["§government"],
            *KIND_PHRASES["§ministry"],
            "prefecture",
            "prefettura",
            "préfecture",
            "prefeitura",
            "prefectura",
            "secretaría de estado",
            "state secretariat",
            "senate",
            "parliament",
            "municipal",
            "δημοτική",
            "περιφερειακή",
        ),
    ),
]

_MIGRANT_STEMS = tuple(
    _folded(
        "migrant migrante immigr inmigr imigr refugee refugiad rifugiat refugiat "
        "refugié flüchtling geflüchtet vluchteling izbjegl begun μεταναστ "
        "προσφυγ diaspor".split()
    )
)
_GROUP_STEMS = tuple(
    _folded(
        "associ asocia asocij verein vereniging beirat rat comunid comunit "
        "communit communaut gemeinschaft gemeenschap skupnost zajednic κοινοτ "
        "συλλογ σωματει club colectiv collectif collective društv udrug udruž "
        "union".split()
    )
)

_STARTS_AS_NGO = re.compile(
    r"(?:"
    + "|".join(
        map(
            re.escape,
            _folded(KIND_PHRASES["§association"] + KIND_PHRASES["§foundation"]),
        )
    )
    + r")\b"
)

LATER_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        K.NETWORK,
        _words(
            "network",
            "rete",
            "rede",
            "rețea",
            "rețeaua",
            "netzwerk",
            "réseau",
            "netwerk",
            "mreža",
            "omrežje",
            "δίκτυο",
            "platform",
            "plataforma",
            "piattaforma",
            "plattform",
            "plateforme",
            "platforma",
            "alliance",
            "alianza",
            "alleanza",
            "aliança",
            "alianța",
            "allianz",
            "federation",
            "federación",
            "federazione",
            "federação",
            "federația",
            "föderation",
            "fédération",
            "federatie",
            "zveza",
            "savez",
            "ομοσπονδία",
            "confederation",
            "confederación",
            "confederazione",
            "confederação",
            "consortium",
            "consorcio",
            "consorzio",
            "coalition",
            "coalición",
            "coalizione",
            "dachverband",
            "koepelorganisatie",
        ),
    ),
    (
        K.COMPANY,
        _words(
            "srl",
            "spa",
            "sl",
            "slu",
            "sa",
            "gmbh",
            "ltd",
            "limited",
            "inc",
            "plc",
            "llc",
            "bv",
            "nv",
            "sarl",
            "sas",
            "lda",
            "doo",
            "ag",
            "kft",
            "consulting",
            "consultancy",
            "consultores",
            "consulenza",
            "company",
            "empresa",
            "società",
            "sociedad limitada",
            "unternehmen",
            "entreprise",
        ),
    ),
    (
        K.NGO,
        _words(
            *KIND_PHRASES["§association"],
            *KIND_PHRASES["§foundation"],
            "ngo",
            "ong",
            "nvo",
            "μκο",
            "non profit",
            "nonprofit",
            "not for profit",
            "sin ánimo de lucro",
            "senza scopo di lucro",
            "sem fins lucrativos",
            "onlus",
            "aps",
            "odv",
            "ets",
            "ev",
            "vzw",
            "asbl",
            "amke",
            "αμκε",
            "ipss",
            "caritas",
            "red cross",
            "cruz roja",
            "croce rossa",
            "cruz vermelha",
            "crucea roșie",
            "rotes kreuz",
            "croix rouge",
            "rode kruis",
            "rdeči križ",
            "crveni križ",
            "ερυθρός σταυρός",
            "cooperativa sociale",
            "social cooperative",
            "charity",
            "save the children",
            "centre for",
            "center for",
        ),
    ),
]


def infer_kind(name: str | None) -> str | None:
    """The kind of organisation a name says it is, or None when it says nothing."""
    text = fold(_clean(name or ""))
    if not text:
        return None
    for kind, pattern in KIND_RULES:
        if pattern.search(text):
            return kind
    tokens = text.split()
    # A group word at either end of a word: "Migrantenverein", "Ausländerbeirat".
    if any(t.startswith(_MIGRANT_STEMS) for t in tokens) and any(
        t.startswith(_GROUP_STEMS) or t.endswith(_GROUP_STEMS) for t in tokens
    ):
        return K.MIGRANT_ASSOCIATION
    # An association named after what it does ("Associação Mulheres em Rede").
    if _STARTS_AS_NGO.match(text):
        return K.NGO
    # "Red de …" is a network in Spanish; "Red Cross" is not.
    if re.match(r"red (?!cross)", text):
        return K.NETWORK
    for kind, pattern in LATER_RULES:
        if pattern.search(text):
            return kind
    return None

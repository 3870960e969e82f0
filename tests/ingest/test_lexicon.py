"""The one multilingual lexicon: its data, folding that keeps offsets, whole-word
matching across languages and line breaks."""

from __future__ import annotations

import re

import pytest

from convivio.ingest import lexicon
from convivio.plans.models import Recommendation

#: The languages of the platform and of the plans it reads.
LANGUAGES = "en es it pt ro el de fr uk ar fa nl pl sl hr sv".split()


def spans(text: str, role: str | None = None, language: str | None = None):
    return [
        (h.role, h.value, text[h.start : h.end])
        for h in lexicon.find(text, role, language)
    ]


# --- The data -------------------------------------------------------------------------


def test_every_row_is_well_formed():
    rows = [e for e in lexicon.entries() if e.role != "section"]
    assert len(rows) > 5000
    levels = {"area", "objective", "measure", "indicator"}
    audiences = set(Recommendation.Audience.values)
    for entry in rows:
        assert entry.term == entry.term.strip() and "\t" not in entry.term
        assert entry.language == "*" or re.fullmatch(r"[a-z]{2}", entry.language)
        if entry.role == "level":
            assert entry.value in levels, entry
        if entry.role == "audience":
            assert entry.value in audiences, entry


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_the_core_vocabulary(language):
    for value in ("area", "objective", "measure", "indicator"):
        assert lexicon.terms("level", value, language), (language, value)
    for value in ("responsible", "partners", "time_frame", "budget", "baseline"):
        assert lexicon.terms("field", value, language), (language, value)
    for value in ("target", "source", "organisation", "beneficiaries", "contact"):
        assert lexicon.terms("field", value, language), (language, value)
    for value in Recommendation.Audience.values:
        assert lexicon.terms("audience", value, language), (language, value)
    for value in ("sex", "age", "nationality", "country_of_birth", "education"):
        assert lexicon.terms("dimension", value, language), (language, value)
    for role in ("null", "ongoing", "furniture", "qualitative"):
        assert lexicon.terms(role, language=language), (language, role)
    assert lexicon.terms("genre", "plan", language)
    assert lexicon.terms("genre", "practice", language)


def test_terms_are_plain_strings_without_duplicates():
    found = lexicon.terms("level", "measure", "de")
    assert "Maßnahme" in found and "Aktivität" in found
    assert len(found) == len(set(found))
    assert lexicon.terms("level", ("area", "objective"), "sv")[:1]


# --- Folding ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, folded",
    [
        ("ΆΞΟΝΑΣ Στόχος", "αξονασ στοχοσ"),
        ("İzmir ISTANBUL ılık", "izmir istanbul ilik"),
        ("MAẞNAHME Straße", "maßnahme straße"),
        ("Łódź Đakovo Ørsta", "lodz dakovo orsta"),
        ("Acţiunea Acțiunea", "actiunea actiunea"),
        ("d’azione", "d'azione"),
        ("Ziel\u00a01", "ziel\u00a01"),
    ],
)
def test_folding_keeps_one_character_for_one(text, folded):
    assert lexicon.fold(text) == folded
    assert len(lexicon.fold(text)) == len(text)


def test_folding_keeps_the_length_of_any_text():
    text = "".join(chr(c) for c in range(0x20, 0x2000)) + "ﬁ ǅ ẞ 🙂 \u0301"
    assert len(lexicon.fold(text)) == len(text)


# --- Matching ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, role, value, word",
    [
        ("Eje 2. Empleo", "level", "area", "Eje"),
        ("ASSE II – Lavoro", "level", "area", "ASSE"),
        ("Handlungsfeld 3: Bildung", "level", "area", "Handlungsfeld"),
        ("ΆΞΟΝΑΣ 1: Εκπαίδευση", "level", "area", "ΆΞΟΝΑΣ"),
        ("Delmål 1.1 Alla nyanlända", "level", "objective", "Delmål"),
        ("Teilziel 2.1 Sprache", "level", "objective", "Teilziel"),
        ("Ukrep 1.1.a Tečaji", "level", "measure", "Ukrep"),
        ("Mjera 3: Zapošljavanje", "level", "measure", "Mjera"),
        ("Działanie 2.4 Kursy", "level", "measure", "Działanie"),
        ("Δράση 1.2 Μαθήματα", "level", "measure", "Δράση"),
        ("MASSNAHME 4", "level", "measure", "MASSNAHME"),
        ("Kazalnik: število udeležencev", "level", "indicator", "Kazalnik"),
        ("Nosilec: Ljudska univerza", "field", "responsible", "Nosilec"),
        ("Resp.: Ayuntamiento", "field", "responsible", "Resp."),
        ("Samverkan: Arbetsförmedlingen", "field", "partners", "Samverkan"),
        ("Echéancier : 2025", "field", "time_frame", "Echéancier"),
        ("Presupuesto: 12.000 €", "field", "budget", "Presupuesto"),
        ("Utgångsvärde 2024: 64 %", "field", "baseline", "Utgångsvärde"),
        ("Zielwert 2027: 95 %", "field", "target", "Zielwert"),
        (
            "Fuente de verificación: memoria",
            "field",
            "source",
            "Fuente de verificación",
        ),
        ("Grupul țintă: tineri", "field", "target_group", "Grupul țintă"),
        ("ni podatka", "null", "", "ni podatka"),
        ("Tid: löpande", "ongoing", "ongoing", "löpande"),
        ("Calendario: in corso", "ongoing", "ongoing", "in corso"),
        ("Accept all cookies", "furniture", "cookie", "Accept all cookies"),
        ("Skip to main content", "furniture", "navigation", "Skip to main content"),
        ("ANZEIGE", "furniture", "advert", "ANZEIGE"),
        (
            "grado di soddisfazione degli utenti",
            "qualitative",
            "qualitative",
            "grado di soddisfazione",
        ),
        ("Catálogo de buenas prácticas", "genre", "practice", "buenas prácticas"),
        ("Plan de acción local", "genre", "plan", "Plan de acción"),
        ("Recomendaciones a los ayuntamientos", "audience", "local", "ayuntamientos"),
        ("an die Bundesregierung", "audience", "state", "Bundesregierung"),
        (
            "des associations de migrants",
            "audience",
            "migrant_organisations",
            "associations de migrants",
        ),
        ("по статі", "dimension", "sex", "статі"),
    ],
)
def test_a_term_is_found_at_its_offsets(text, role, value, word):
    found = spans(text, role)
    assert (role, value, word) in found, found


def test_every_hit_names_the_entry_and_its_language():
    hits = lexicon.find("Cilj 1.1: Dostopni tečaji", role="level", language="sl")
    assert [(h.term, h.language, h.value, h.start, h.end) for h in hits] == [
        ("cilj", "sl", "objective", 0, 4)
    ]


def test_the_language_keeps_its_own_terms_and_the_common_ones():
    assert spans("Rok: 2025–2027", "field", "sl") == [("field", "time_frame", "Rok")]
    assert spans("Rok: 2025–2027", "field", "de") == []
    assert spans("Wert: n.d.", "null", "de") == [("null", "", "n.d.")]


def test_multi_word_terms_are_found_across_line_breaks_and_hyphens():
    text = "Plan de\nacción municipal; time-\nframe; time   frame"
    assert spans(text, "genre") == [("genre", "plan", "Plan de\nacción")]
    found = spans(text, "field", "en")
    assert [w for _, v, w in found if v == "time_frame"] == [
        "time-\nframe",
        "time   frame",
    ]


def test_the_longest_term_wins_and_hits_do_not_overlap():
    found = spans("Objetivo específico 1.2: mejorar", "level", "es")
    assert found == [("level", "objective", "Objetivo específico")]
    found = spans("Valor objetivo: 40", None, "es")
    assert ("field", "target", "Valor objetivo") in found
    assert not any(w == "objetivo" for _, _, w in found)


def test_no_hit_inside_a_word():
    assert (
        spans("measurement, axisymmetric, reactions, Zielgruppe", "level", "en") == []
    )
    assert spans("Actionable targeted budgeting", "field", "en") == []
    assert spans("Maßnahmenkatalog", "level", "de") == []
    assert spans("Bn.d. xn/a", "null") == []


def test_compound_tails_and_stems():
    assert spans("Handlungsziele und Wirkungsziel", "level", "de") == [
        ("level", "objective", "Handlungsziele"),
        ("level", "objective", "Wirkungsziel"),
    ]
    assert spans("nach Staatsangehörigkeit", "dimension", "de") == [
        ("dimension", "nationality", "Staatsangehörigkeit")
    ]
    assert [e.value for e in lexicon.lookup("Erfolgsindikatoren", "level")] == [
        "indicator"
    ]


def test_a_phrase_that_holds_a_dimension_word_hides_it():
    assert spans("gender-based violence", "dimension", "en") == [
        ("dimension", "", "gender-based violence")
    ]


def test_leading_skips_bullets_and_numbers_and_keeps_offsets():
    hit = lexicon.leading("  • Resp.: Servicio de empleo", role="field")
    assert hit is not None and hit.value == "responsible"
    assert "  • Resp.: Servicio de empleo"[hit.start : hit.end] == "Resp."
    hit = lexicon.leading("2) Baseline 2024: 120", role="field", language="en")
    assert hit is not None and (hit.value, hit.start, hit.end) == ("baseline", 3, 11)
    assert lexicon.leading("The baseline is 120", role="field", language="en") is None


def test_lookup_folds_case_accents_and_sharp_s():
    assert {e.value for e in lexicon.lookup("MASSNAHMEN", "level")} == {"measure"}
    assert {e.value for e in lexicon.lookup("acción", "level")} == {"measure"}
    assert lexicon.lookup("nothing of the kind") == []


def test_regex_matches_unfolded_text_in_any_case_and_accents():
    pattern = re.compile(
        r"^(?:" + lexicon.regex("level", "measure") + r")(?!\w)", re.IGNORECASE
    )
    for word in (
        "MEDIDA",
        "Maßnahme",
        "MASSNAHMEN",
        "Acţiunea",
        "ACȚIUNEA",
        "ΔΡΆΣΗ",
        "Acao",
    ):
        assert pattern.match(word), word
    assert not pattern.match("measurement")


@pytest.mark.parametrize(
    "text", ["", " ", "\x00\x01\ufffd", "—" * 10_000, "ß" * 5000, "a\u0301" * 3000]
)
def test_odd_input_does_not_break_matching(text):
    lexicon.find(text)
    lexicon.leading(text)
    assert len(lexicon.fold(text)) == len(text)


@pytest.mark.parametrize(
    "heading, language, value",
    [
        ("A la Administración General del Estado", "es", "state"),
        ("Al Gobierno autonómico", "es", "regional"),
        ("To community and voluntary organisations", "en", "civil_society"),
        ("Recommendations to municipalities", "en", "local"),
        ("Către Consiliul Județean", "ro", "regional"),
        ("Aux associations et aux employeurs", "fr", "civil_society"),
        ("Au Département", "fr", "regional"),
        ("Rekomendacje dla administracji rządowej", "pl", "state"),
        ("Alla Regione", "it", "regional"),
        ("Organizacijama civilnog društva", "hr", "civil_society"),
        ("Προς την Περιφέρεια", "el", "regional"),
        ("An die Kommunen", "de", "local"),
    ],
)
def test_an_audience_heading_is_read_after_its_preposition(heading, language, value):
    hit = lexicon.leading(heading, role="audience", language=language)
    assert hit is not None and hit.value == value, hit


def test_a_sentence_that_starts_with_a_preposition_names_no_audience():
    assert lexicon.leading("To the extent possible", role="audience") is None
    assert lexicon.leading("A lo largo del año", role="audience") is None

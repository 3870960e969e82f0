"""Matching organisation names and inferring their kind.

The lists below were written before the rules were tuned and contain no name of
the seed documents: they are held out, so they measure the rules on names the
rules were not fitted to (several languages, several shapes of name).
"""

import json
from pathlib import Path

import pytest

from convivio.core.models import Organisation
from convivio.core.organisation_names import OrganisationIndex, infer_kind

K = Organisation.Kind

#: Two ways of writing the same organisation.
SAME = [
    # case, accents, punctuation
    ("Fundación Ñandú", "FUNDACION NANDU"),
    ("Associação Vozes d'África", "associacao vozes d africa"),
    # dots in acronyms, acronym alone, acronym in brackets or after a dash
    ("A.R.C.I.", "ARCI"),
    ("Centro Astalli (C.A.)", "C.A."),
    ("UNHCR", "Office of the United Nations High Commissioner for Refugees (UNHCR)"),
    (
        "PICUM - Platform for International Cooperation on Undocumented Migrants",
        "PICUM",
    ),
    (
        "Platform for International Cooperation on Undocumented Migrants (PICUM)",
        "PICUM — Platform for International Cooperation on Undocumented Migrants",
    ),
    ("ECRE", "European Council on Refugees and Exiles - ECRE"),
    # a translation given in brackets or after a slash
    (
        "Consiglio Italiano per i Rifugiati (Italian Refugee Council)",
        "Italian Refugee Council",
    ),
    (
        "Stichting Vluchtelingenwerk / Dutch Council for Refugees",
        "Dutch Council for Refugees",
    ),
    # country names in another language
    ("UNHCR Italia", "UNHCR Italy"),
    ("IOM Spagna", "IOM Spain"),
    ("Caritas Deutschland", "Caritas Germania"),
    ("Save the Children España", "Save the Children Spain"),
    ("OIM Grecia", "OIM Ελλάδα"),
    # kind words of places in another language
    ("Comune di Torino", "Municipality of Torino"),
    ("Ayuntamiento de Málaga", "City of Malaga"),
    ("Primăria Cluj-Napoca", "Municipality of Cluj-Napoca"),
    ("Gemeente Utrecht", "City of Utrecht"),
    ("Mairie de Lyon", "Ville de Lyon"),
    ("Câmara Municipal de Braga", "Municipality of Braga"),
    ("Mestna občina Celje", "Municipality of Celje"),
    ("Grad Rijeka", "City of Rijeka"),
    ("Δήμος Πατρέων", "Δήμος Πατρέων"),
    ("Regione Puglia", "Region of Puglia"),
    ("Government of Catalonia", "Generalitat de Catalunya"),
    ("Junta de Extremadura", "Government of Extremadura"),
    # legal forms
    ("Integra Consulting S.r.l.", "Integra Consulting"),
    ("Kulturbrücke e.V.", "Kulturbrücke"),
    ("Casa Aperta Cooperativa Sociale", "Casa Aperta"),
    # German gender forms
    ("Migrant*innenrat Linz", "Migrant:innenrat Linz"),
]

#: Names that look alike but are different organisations.
DIFFERENT = [
    ("IOM Italy", "IOM Spain"),
    ("UNHCR Italy", "IOM Italy"),
    ("Caritas Roma", "Caritas Milano"),
    ("Municipality of Torino", "Municipality of Bologna"),
    ("Comune di Torino", "Regione Piemonte"),
    ("Red Cross Spain", "Red Cross Portugal"),
    ("Association Ponts", "Foundation Ponts"),
    ("University of Porto", "University of Lisbon"),
    ("Municipality of Graz", "Migrant:innenrat Graz"),
    ("ARCI", "ACLI"),
    ("Centro Astalli", "Centro Astalli Palermo (C.A.P.)"),
]


def _matches(a: str, b: str) -> bool:
    index = OrganisationIndex([(1, a)])
    return 1 in index.find(b)


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_organisation_written_two_ways_matches(a, b):
    assert _matches(a, b), f"{a!r} should match {b!r}"
    assert _matches(b, a), f"{b!r} should match {a!r}"


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_organisations_do_not_match(a, b):
    assert not _matches(a, b), f"{a!r} should not match {b!r}"
    assert not _matches(b, a), f"{b!r} should not match {a!r}"


KINDS = [
    ("Government of Navarre", K.PUBLIC_AUTHORITY),
    ("Junta de Castilla y León", K.PUBLIC_AUTHORITY),
    ("Comune di Bergamo", K.PUBLIC_AUTHORITY),
    ("Ayuntamiento de Getafe", K.PUBLIC_AUTHORITY),
    ("Primăria Municipiului Iași", K.PUBLIC_AUTHORITY),
    ("Câmara Municipal de Loures", K.PUBLIC_AUTHORITY),
    ("Gemeente Eindhoven", K.PUBLIC_AUTHORITY),
    ("Stadt Mannheim", K.PUBLIC_AUTHORITY),
    ("Ville de Grenoble", K.PUBLIC_AUTHORITY),
    ("Mestna občina Kranj", K.PUBLIC_AUTHORITY),
    ("Ministry of the Interior", K.PUBLIC_AUTHORITY),
    ("Ministerio de Inclusión, Seguridad Social y Migraciones", K.PUBLIC_AUTHORITY),
    ("Υπουργείο Μετανάστευσης και Ασύλου", K.PUBLIC_AUTHORITY),
    ("Δήμος Λάρισας", K.PUBLIC_AUTHORITY),
    ("Agenzia Regionale per il Lavoro", K.PUBLIC_SERVICE),
    ("Centro de Saúde de Sintra", K.PUBLIC_SERVICE),
    ("Hospital Universitario La Paz", K.PUBLIC_SERVICE),
    ("Public Employment Service of Aragon", K.PUBLIC_SERVICE),
    ("Universidad de Granada", K.UNIVERSITY),
    ("Università di Padova", K.UNIVERSITY),
    ("Universidade do Minho", K.UNIVERSITY),
    ("Universitatea Babeș-Bolyai", K.UNIVERSITY),
    ("Universität Wien", K.UNIVERSITY),
    ("Univerza v Ljubljani", K.UNIVERSITY),
    ("Sveučilište u Zagrebu", K.UNIVERSITY),
    ("Πανεπιστήμιο Αιγαίου", K.UNIVERSITY),
    ("Migration Policy Research Centre", K.UNIVERSITY),
    ("Associazione Culturale Il Ponte", K.NGO),
    ("Asociația Speranța", K.NGO),
    ("Fundación Tomillo", K.NGO),
    ("Fundação Aga Khan", K.NGO),
    ("Stichting De Brug", K.NGO),
    ("Verein Menschenrechte Österreich", K.NGO),
    ("Udruga Zora", K.NGO),
    ("Društvo Ključ", K.NGO),
    ("Association Accueil Solidaire", K.NGO),
    ("Asociación de Inmigrantes Senegaleses", K.MIGRANT_ASSOCIATION),
    ("Associazione dei Migranti Ivoriani", K.MIGRANT_ASSOCIATION),
    ("Association of Syrian Refugees in Berlin", K.MIGRANT_ASSOCIATION),
    ("Asociația Refugiaților din Timișoara", K.MIGRANT_ASSOCIATION),
    ("Migrantenverein Salzburg", K.MIGRANT_ASSOCIATION),
    ("IOM Portugal", K.INTERNATIONAL_BODY),
    ("UNHCR Greece", K.INTERNATIONAL_BODY),
    ("OIM Italia", K.INTERNATIONAL_BODY),
    ("ACNUR España", K.INTERNATIONAL_BODY),
    ("Council of Europe", K.INTERNATIONAL_BODY),
    ("Red Europea de Migraciones", K.NETWORK),
    ("Rete Italiana Antirazzista", K.NETWORK),
    ("European Network Against Racism", K.NETWORK),
    ("Plataforma de Apoio aos Refugiados", K.NETWORK),
    ("Federazione delle Chiese Evangeliche", K.NETWORK),
    ("Integra Consulting S.r.l.", K.COMPANY),
    ("Talent Bridge GmbH", K.COMPANY),
    ("Servicios Lingüísticos S.L.", K.COMPANY),
]


@pytest.mark.parametrize(("name", "kind"), KINDS)
def test_kind_is_inferred_from_the_name(name, kind):
    assert infer_kind(name) == kind


def test_a_name_without_any_kind_word_gives_no_kind():
    assert infer_kind("Kulturbrücke") is None


def test_matches_rank_the_full_name_before_a_shared_acronym():
    index = OrganisationIndex(
        [
            (1, "Centre for Migration Studies (CMS)"),
            (2, "CMS — Centar za mirovne studije"),
        ]
    )
    assert index.find("Centar za mirovne studije") == [2]
    assert set(index.find("CMS")) == {1, 2}


# ------------------------------------------------------- second held-out set

HELD_OUT = json.loads(
    (Path(__file__).parent / "data" / "organisation_names_heldout.json").read_text()
)


def test_second_held_out_set_is_mostly_right():
    """Floors fixed before the set was run (and the rules were not changed
    after): three in four look-alike pairs found, at most one false match,
    seven in ten kinds right.  docs/ingestion-review.md gives the figures."""
    found = [a for a, b in HELD_OUT["same"] if _matches(a, b) and _matches(b, a)]
    missed = [(a, b) for a, b in HELD_OUT["same"] if a not in found]
    false = [
        (a, b) for a, b in HELD_OUT["different"] if _matches(a, b) or _matches(b, a)
    ]
    kinds = [(n, k, infer_kind(n)) for n, k in HELD_OUT["kinds"]]
    wrong = [row for row in kinds if row[1] != row[2]]
    assert len(found) >= 0.75 * len(HELD_OUT["same"]), missed
    assert len(false) <= 1, false
    assert len(kinds) - len(wrong) >= 0.7 * len(kinds), wrong


def test_an_ambiguous_name_has_no_best_match():
    index = OrganisationIndex(
        [
            (1, "IOM Netherlands (International Organization for Migration)"),
            (2, "IOM Slovenia (International Organization for Migration)"),
        ]
    )
    assert set(index.find("IOM")) == {1, 2}
    assert index.best("IOM") is None
    assert index.best("IOM Olanda") == 1
    assert index.best("IOM Slovenija") == 2

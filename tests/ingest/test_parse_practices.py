"""The practice-collection parser on small booklets of our own, in several languages."""

from pathlib import Path

import pytest

from convivio.ingest.parse_practices import audience_code, country_code, parse_practices

DOCUMENTS = Path(__file__).parent / "documents" / "practices"


def parse(name: str):
    text = (DOCUMENTS / name).read_text(encoding="utf-8")
    practices, organisations, recommendations = parse_practices(text, name[:2])
    for record in [*practices, *organisations, *recommendations]:
        for field_name, (start, end) in record.spans.items():
            assert 0 <= start < end <= len(text), (field_name, record)
    return text, practices, organisations, recommendations


def summary(practice):
    return (
        practice.title,
        practice.organisation,
        practice.country,
        practice.city,
        practice.start_year,
        practice.end_year,
        practice.beneficiaries_count,
    )


def test_spanish_labelled_fields_under_numbered_headings():
    text, practices, organisations, _ = parse("es_fichas.md")
    assert [summary(p) for p in practices] == [
        (
            "Huertos compartidos",
            "Asociación Raíces Comunes",
            "ES",
            "Zaragoza",
            2018,
            2021,
            200,
        ),
        (
            "Mentoría laboral entre iguales",
            "Fundación Puente Activo",
            "PT",
            "Oporto",
            2020,
            None,
            85,
        ),
    ]
    first, second = practices
    assert first.aims == [
        "Crear espacios de encuentro entre vecinas recién llegadas y del barrio.",
        "Mejorar la alimentación de las familias participantes.",
    ]
    assert first.phases == [
        "Diagnóstico participativo con las vecinas.",
        "Diseño colectivo de los huertos.",
        "Cultivo y talleres semanales.",
    ]
    assert first.results.startswith("Se crearon cuatro huertos")
    assert first.links == ["https://raicescomunes.example.org/huertos"]
    assert first.beneficiaries == "más de 200 mujeres migrantes y sus familias"
    start, end = first.spans["beneficiaries"]
    assert text[start:end] == first.beneficiaries
    assert second.emails == ["info@puenteactivo.example.org"]
    assert organisations == []  # the contact belongs to the practice


def test_italian_title_then_organisation_and_city():
    _, practices, _, recommendations = parse("it_schede.txt")
    assert [summary(p) for p in practices] == [
        (
            "Sportello casa per nuovi cittadini",
            "Cooperativa Abitare Insieme",
            "IT",
            "Bologna",
            2016,
            None,
            120,
        ),
        (
            "Scuola di italiano per madri",
            "Associazione Lingue Aperte",
            "IT",
            "Torino",
            2019,
            2023,
            90,
        ),
    ]
    assert practices[0].links == ["http://www.abitareinsieme.example.it"]
    assert practices[1].partners == ["Comune di Torino"]
    assert practices[1].phases == [
        "accoglienza",
        "test di livello",
        "corsi in piccoli gruppi e certificazione finale",
    ]
    assert [(r.audience, r.audience_code) for r in recommendations] == [
        ("amministrazioni locali", "local")
    ] * 2


def test_portuguese_table_turned_into_text():
    _, practices, _, _ = parse("pt_tabela.txt")
    assert [summary(p) for p in practices] == [
        (
            "Cozinha do Mundo",
            "Associação Sabores Partilhados",
            "PT",
            "Lisboa",
            2017,
            None,
            60,
        ),
        (
            "Bairro Acolhedor",
            "Junta de Freguesia de Arroios",
            "PT",
            "Lisboa",
            None,
            None,
            None,
        ),
        (
            "Escola de Verão Intercultural",
            "Fundación Mar Abierto",
            "ES",
            "Valencia",
            None,
            None,
            150,
        ),
    ]
    # The paragraphs under a row's title belong to that row.
    assert practices[1].description.startswith("Rede de vizinhos")


def test_german_praxisbeispiele():
    _, practices, organisations, _ = parse("de_praxis.txt")
    assert [summary(p) for p in practices] == [
        (
            "Sprachcafé im Stadtteil",
            "Nachbarschaftshaus Nordstadt e.V.",
            "DE",
            "Hannover",
            2015,
            None,
            80,
        ),
        (
            "Lotsenprojekt Gesundheit",
            "Verein Gesund Ankommen",
            "AT",
            "Linz",
            2019,
            None,
            45,
        ),
    ]
    assert practices[0].aims == [
        "Deutsch im Alltag üben",
        "Kontakte zu Vereinen im Stadtteil knüpfen",
    ]
    assert practices[1].years == "2019 – heute"
    # A booklet's contact address outside any practice becomes an organisation.
    assert [(o.name, o.email, o.country) for o in organisations] == [
        ("gesund-ankommen.example.at", "info@gesund-ankommen.example.at", "AT")
    ]


def test_french_country_sections_and_recommendations():
    _, practices, _, recommendations = parse("fr_fiches.txt")
    assert [summary(p) for p in practices] == [
        (
            "Cuisine solidaire du quartier",
            "ASSOCIATION TABLE OUVERTE",
            "FR",
            "Lyon",
            2017,
            None,
            400,
        ),
        (
            "Parrainage citoyen",
            "Collectif Passerelles",
            "BE",
            "Liège",
            2019,
            2022,
            None,
        ),
    ]
    assert practices[0].links == ["https://tableouverte.example.fr"]
    assert [(r.audience_code, r.text) for r in recommendations] == [
        ("local", "Mettre des locaux à disposition des associations."),
        ("local", "Financer la coordination des bénévoles sur plusieurs années."),
        ("media", "Donner la parole aux personnes concernées."),
    ]


def test_romanian_guide():
    _, practices, _, recommendations = parse("ro_ghid.txt")
    assert [summary(p) for p in practices] == [
        (
            "Atelierul de croitorie",
            "Asociația Mâini Unite",
            "RO",
            "Cluj-Napoca",
            2020,
            2022,
            300,
        ),
        (
            "Clubul de lectură pentru mame",
            "Centrul Comunitar Agora",
            "GR",
            "Salonic",
            2021,
            None,
            35,
        ),
    ]
    assert practices[0].beneficiaries == "peste 300 de femei"
    assert practices[0].results == "40 de participante au obținut un loc de muncă."
    assert [r.audience_code for r in recommendations] == [
        "service_providers",
        "service_providers",
        "european_commission",
    ]


def test_a_plan_is_not_a_practice_collection():
    _, practices, organisations, _ = parse("en_plan.txt")
    assert practices == [] and organisations == []


def test_nothing_in_no_structure():
    assert parse_practices("", "en") == ([], [], [])
    text = "A short letter about nothing in particular.\n\nKind regards.\n"
    assert parse_practices(text, "en") == ([], [], [])


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("ITALY", "IT"),
        ("Spania", "ES"),
        ("Grecia", "GR"),
        ("România", "RO"),
        ("Olanda", "NL"),
        ("Deutschland", "DE"),
        ("Ελλάδα", "GR"),
        ("Bélgica", "BE"),
        ("Atlantis", None),
    ],
)
def test_country_names(name, code):
    assert country_code(name) == code


@pytest.mark.parametrize(
    ("audience", "code"),
    [
        ("To the State administration", "state"),
        ("Local authorities", "local"),
        ("furnizorii de servicii", "service_providers"),
        ("los medios de comunicación", "media"),
        ("civil society", "civil_society"),
        ("someone else", None),
    ],
)
def test_audience_codes(audience, code):
    assert audience_code(audience) == code


def test_linear_work_on_a_large_booklet():
    """Four times the booklet costs about four times the work (make bench
    measures the speed)."""
    from .test_parse_plan import python_calls

    text = (DOCUMENTS / "it_schede.txt").read_text(encoding="utf-8")
    parse_practices(text, "it")  # the city gazetteer is loaded once
    practices, _, _ = parse_practices(text * 400, "it")  # ≈ 400 KB
    assert len(practices) == 800
    ratio = python_calls(parse_practices, text * 200, "it") / python_calls(
        parse_practices, text * 50, "it"
    )
    assert ratio < 4.5

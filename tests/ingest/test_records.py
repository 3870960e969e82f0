"""Practices found as repeated records, whatever their arrangement (records.py), on
small documents written for these tests."""

import pytest

from convivio.ingest.parse_practices import (
    parse_practices,
    parse_practices_with_unplaced,
    practice_evidence,
)


def read(text: str, language: str = "en"):
    practices, _, _ = parse_practices(text, language)
    for practice in practices:
        for name, (start, end) in practice.spans.items():
            assert 0 <= start < end <= len(text), (name, practice.title)
        start, end = practice.spans["title"]
        assert text[start:end] == practice.title
        assert 0 < practice.confidence <= 1
    return practices


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


LABELLED = """\
Accept all cookies | Reject | Settings

RIVERSIDE NETWORK – collected practices

Contents
Tea and Talk\t4
Bike Buddies\t5
Annex – form\t6

Tea and Talk

Organisation: Riverside Welcome Group
City: Galway
Years: since 2018
Target group: older newcomers living alone
Beneficiaries: about 75 people

Neighbours host a weekly tea afternoon in the parish hall where newcomers
practise English and hear about local services.

Bike Buddies

Organisation: Pedal Together
City: Limerick
Years: 2020 – ongoing
Calls answered: 1,150
Beneficiaries: 310 people (560 consultations)

Volunteers lend bicycles and ride with newcomers to work on their first days.

Annex – form

Title of the practice: ______________
Organisation: ______________
City: ______________  Years: ______________
Beneficiaries (number): ______________
"""


def test_label_value_records_without_contents_or_empty_form():
    practices = read(LABELLED)
    assert [summary(p) for p in practices] == [
        ("Tea and Talk", "Riverside Welcome Group", "IE", "Galway", 2018, None, 75),
        ("Bike Buddies", "Pedal Together", "IE", "Limerick", 2020, None, 310),
    ]
    assert practices[0].description.startswith("Neighbours host")


def test_a_field_whose_label_is_unknown_is_an_unplaced_line():
    _, _, _, unplaced = parse_practices_with_unplaced(LABELLED, "en")
    assert [u.text for u in unplaced] == ["Calls answered: 1,150"]
    start, end = unplaced[0].spans["line"]
    assert LABELLED[start:end] == "Calls answered: 1,150"


def test_the_repetition_is_the_genre_evidence():
    count, strength = practice_evidence(LABELLED, "en")
    assert count == 2 and strength >= 0.5


LABEL_ABOVE = """\
INFORMATOR SIECI – wydanie 3

Nazwa praktyki
Kuchnia Sąsiedzka

Organizacja
Stowarzyszenie Wspólny
Stół

Miasto
Kraków

Okres realizacji
rok szkolny 2022/2023

Liczba odbiorców
2\u00a0400

Opis
Wspólne gotowanie raz w tygodniu w domu kultury.

Nazwa praktyki
Rowerem do Pracy

Miasto
Gdańsk

Okres realizacji
od 2019 r. (w toku)

Liczba odbiorców
b.d.

Opis
Sąsiedzi bez formalnej organizacji uczą jazdy na rowerze.
"""


def test_label_above_value_with_a_wrapped_organisation():
    practices = read(LABEL_ABOVE, "pl")
    assert [summary(p) for p in practices] == [
        (
            "Kuchnia Sąsiedzka",
            "Stowarzyszenie Wspólny Stół",
            "PL",
            "Kraków",
            2022,
            2023,
            2400,
        ),
        # No organisation field: no organisation, even if the text names people.
        ("Rowerem do Pracy", None, "PL", "Gdańsk", 2019, None, None),
    ]


TWO_COLUMNS = """\
Guia de experiências

Portugal

Horta do Bairro
Título da prática | Horta do Bairro
Entidade promotora | Associação Terra Comum
País | Portugal
Cidade | Braga
Período de implementação | 2019–2021
Atendimentos realizados | 5.100
Beneficiários | 146 (37 famílias)
Descrição | Hortas partilhadas entre vizinhos antigos e recém-chegados.

Café das Línguas
Título da prática | Café das Línguas
Entidade promotora | Associação Vozes Abertas
País | Portugal
Cidade | Coimbra
Período de implementação | 2021 – em curso
Beneficiários | n.d.
Descrição | Encontros semanais para praticar português.
"""


def test_two_column_table_per_practice():
    practices = read(TWO_COLUMNS, "pt")
    assert [summary(p) for p in practices] == [
        ("Horta do Bairro", "Associação Terra Comum", "PT", "Braga", 2019, 2021, 146),
        (
            "Café das Línguas",
            "Associação Vozes Abertas",
            "PT",
            "Coimbra",
            2021,
            None,
            None,
        ),
    ]
    assert practices[0].description.startswith("Hortas partilhadas")


def test_tab_separated_two_column_table():
    text = TWO_COLUMNS.replace(" | ", "\t")
    practices = read(text, "pt")
    assert [p.title for p in practices] == ["Horta do Bairro", "Café das Línguas"]
    assert practices[1].organisation == "Associação Vozes Abertas"


CARDS = """\
Wij gebruiken cookies. [Accepteren] [Weigeren]

Home   Praktijken   Over ons   Zoeken

Filter
Land
☐ Nederland (5)
☐ België (3)

12 resultaten · Pagina 1 van 2

Taalmaatjes aan huis
Nederland · Utrecht · sinds 2016
Organisatie: Stichting Buurt en Taal
Vrijwilligers oefenen thuis Nederlands met nieuwkomers; ruim 120 deelnemers.
Taal · Ontmoeting
Lees meer →

Fietsles voor vrouwen
België · Gent · 2022
Organisatie: vzw Trappers
Lessen op een afgesloten plein, daarna samen de stad in.
Mobiliteit
Lees meer →

Kookclub Oost
Nederland · Rotterdam · 2019 – heden
Buurtbewoners koken samen zonder organisatie achter zich.
Lees meer →

« Vorige   1   2   Volgende »
"""


def test_cards_with_meta_lines_and_web_furniture():
    practices = read(CARDS, "nl")
    assert [summary(p) for p in practices] == [
        (
            "Taalmaatjes aan huis",
            "Stichting Buurt en Taal",
            "NL",
            "Utrecht",
            2016,
            None,
            120,
        ),
        ("Fietsles voor vrouwen", "vzw Trappers", "BE", "Gent", 2022, 2022, None),
        ("Kookclub Oost", None, "NL", "Rotterdam", 2019, None, None),
    ]


NEWSLETTER = """\
Se non visualizzi questa e-mail, aprila nel browser.

NOTIZIE
Formazione. Aperte le iscrizioni al corso "Parole che includono" (posti: 20).

PRATICHE DEL MESE

1) Orto Ponte
Organizzazione: Associazione Semi Comuni
Città: Verona
Anni: dal 2015 (in corso)
Beneficiari: circa 90 persone
Orti di quartiere curati insieme da famiglie di origini diverse.

2) Radio Vicina
Città: Trento
Anni: 2020–2022
Beneficiari: 40
Un gruppo spontaneo di giovani registra trasmissioni in sei lingue.

LE PRATICHE IN SINTESI

| Pratica | Città | Anni | Beneficiari |
|---|---|---|---|
| Orto Ponte | Verona | dal 2015 | ~90 |
| Radio Vicina | Trento | 2020–2022 | 40 |

Annulla l'iscrizione | Aggiorna le preferenze | Privacy
"""


def test_a_summary_table_repeating_the_records_adds_none():
    practices = read(NEWSLETTER, "it")
    assert [summary(p) for p in practices] == [
        ("Orto Ponte", "Associazione Semi Comuni", "IT", "Verona", 2015, None, 90),
        ("Radio Vicina", None, "IT", "Trento", 2020, 2022, 40),
    ]


SUMMARY_TABLE_ONLY = """\
Boas práticas

Título | Organização | Cidade | País
Loja Social | Associação Mãos Dadas | Porto | Portugal
Clube de Leitura | Biblioteca Aberta | Faro | Portugal

Loja Social

Uma loja de roupa doada, aberta desde 2018, que já serviu 300 famílias.

Clube de Leitura

Leituras em voz alta para crianças e pais recém-chegados.
"""


def test_a_table_of_practices_gets_the_text_under_each_title_again():
    practices = read(SUMMARY_TABLE_ONLY, "pt")
    assert [(p.title, p.organisation, p.city) for p in practices] == [
        ("Loja Social", "Associação Mãos Dadas", "Porto"),
        ("Clube de Leitura", "Biblioteca Aberta", "Faro"),
    ]
    assert practices[0].description.startswith("Uma loja")


MINUTES = """\
MINUTES OF THE STEERING GROUP

Date: Monday 4 March 2024
Venue: Town Hall, Room 2
Chair: A. Person

Present:
B. Person – Welcome Centre
C. Person – Housing Office

1. Welcome
The chair opened the meeting. Members agreed this was good practice.

2. Actions
No.\tAction\tOwner\tDue
1\tSend the list\tB. Person\t10 March 2024
2\tBook the room\tC. Person\tNext meeting

Approved by: ______________
"""

STATISTICS = """\
Statistical report 2024

1 Introduction
2 Population

Table 1: residents by year

| Year | Residents | Foreign nationals |
|------|-----------|-------------------|
| 2021 | 120.400 | 14.300 |
| 2022 | 121.900 | 15.800 |

Year: 2023
Source: population register
"""

CALL = """\
CALL FOR PROPOSALS 2024

1. Purpose
Projects may follow good practices of local reception.

2. Requirements
2.1 Applicants: associations registered in the region.
2.2 Duration: 12 months.

Annex I – Application form
Title of the project: ____________________
Organisation: ____________________
City: ____________________
Period of implementation: ____________________
Expected number of beneficiaries: ____________________
☐ I accept the conditions
"""

GUIDE = """\
A guide to needs assessment

Step 1 – Define the question
Write down what you want to know and who will use the answers.

Step 2 – Collect the data
Use the population register and short interviews.

Checklist
☐ Question written
☐ Data sources listed

This guide collects no practices and proposes no action plan.
"""


@pytest.mark.parametrize("text", [MINUTES, STATISTICS, CALL, GUIDE])
def test_documents_that_hold_no_practice_give_none(text):
    assert parse_practices(text, "en")[0] == []
    assert practice_evidence(text, "en") == (0, 0.0)


def test_a_heading_over_a_single_field_is_no_record():
    # Headings each followed by one labelled line (an objective) repeat, but a
    # practice record names who, where, when or for whom.
    text = (
        "Area one\n\nObjective: Better schools for all children.\n\n"
        "Area two\n\nObjective: Decent housing for every family.\n"
    )
    assert parse_practices(text, "en")[0] == []


def test_plan_measures_with_activities_and_time_frames_are_no_records():
    # A plan's measures repeat "Activities" and "Time frame" but name no place,
    # body or people of their own: they are not practice records.
    text = (
        "Measure A: Language at work\n\nActivities\nEvening classes\n\n"
        "Time frame\nUp to one year\n\n"
        "Measure B: Healthy families\n\nActivities\nHome visits\n\n"
        "Time frame\nWithout a limit\n"
    )
    assert parse_practices(text, "en")[0] == []


WRAPPED_TABLE = """\
Ghid

Casa Deschisă
Denumirea practicii\tCasa Deschisă
Organizația\tAsociația Prie-
tenii Noilor Veniți
Țara\tRomânia
Orașul\tCluj-Napoca
Perioada\t2019 – în curs
Beneficiari\t310 persoane (560 de consultații)
Descriere\tUn centru de zi pentru familii nou sosite.

Masa Comună
Denumirea practicii\tMasa Comună
Organizația\t—
Țara\tUngaria
Orașul\tBudapesta
Perioada\t2021
Beneficiari\tn.d.
Descriere\tMese comune lunare.
"""


def test_a_cell_wrapped_onto_the_next_line_and_a_null_cell():
    practices = read(WRAPPED_TABLE, "ro")
    assert [summary(p) for p in practices] == [
        (
            "Casa Deschisă",
            "Asociația Prietenii Noilor Veniți",
            "RO",
            "Cluj-Napoca",
            2019,
            None,
            310,
        ),
        ("Masa Comună", None, "HU", "Budapesta", 2021, 2021, None),
    ]


def test_a_card_names_its_organisation_without_a_label():
    text = (
        "Praktijken\n\n"
        "Taalmaatjes aan huis\nNederland · Utrecht · 2019\nStichting Buurt en Taal\n"
        "Vrijwilligers oefenen thuis Nederlands met nieuwkomers.\n\n"
        "Ouderpunt Noord\nBelgië · Gent · 2021\nvzw Thuis in de Buurt\n"
        "Een plek waar ouders elkaar ontmoeten.\n\n"
        "Kookclub Oost\nNederland · Rotterdam · 2020\n"
        "Buurtbewoners koken samen zonder organisatie.\n"
    )
    practices = read(text, "nl")
    assert [(p.title, p.organisation) for p in practices] == [
        ("Taalmaatjes aan huis", "Stichting Buurt en Taal"),
        ("Ouderpunt Noord", "vzw Thuis in de Buurt"),
        ("Kookclub Oost", None),
    ]


def test_numbered_headings_over_tab_tables_read_the_tables_fields():
    # "Practica N" headings and a table under each: both readings find the same
    # practices; the one that places the table's values wins.
    text = "".join(
        f"Practica {n}\n\n{name}\nDenumirea practicii\t{name}\n"
        f"Organizația\tAsociația {name}\nOrașul\t{city}\nPerioada\t2020\n"
        f"Beneficiari\t{n}5 persoane\n\n"
        for n, (name, city) in enumerate(
            [("Casa Verde", "Iași"), ("Masa Mare", "Brașov")], 1
        )
    )
    practices = read(text, "ro")
    assert [
        (p.title, p.organisation, p.city, p.beneficiaries_count) for p in practices
    ] == [
        ("Casa Verde", "Asociația Casa Verde", "Iași", 15),
        ("Masa Mare", "Asociația Masa Mare", "Brașov", 25),
    ]


def test_a_field_row_ending_in_a_number_is_not_a_contents_line():
    text = "".join(
        f"{name}\nTitle\t{name}\nOrganisation\t{org}\nCity\t{city}\n"
        f"Beneficiaries\t{count}\n\n"
        for name, org, city, count in [
            ("Open Door", "Door Trust", "Leeds", 74),
            ("Warm Table", "Table Friends", "York", 890),
        ]
    )
    practices = read(text, "en")
    assert [p.beneficiaries_count for p in practices] == [74, 890]


PLAN_MEASURES = """\
Action plan 2025–2027

Action 1 – Welcome desk
Responsible: Social Services Department
Partners: Red Cross, Library
Time frame: 2025–2026
Budget: 40,000 EUR

Action 2 – Interpreting
Responsible: Town Hall
Partners: Migrant Forum
Time frame: 2026
Budget: 15,000 EUR

| Code | Action | Responsible | Partners |
|---|---|---|---|
| 1.1 | Welcome desk | Social Services Department | Red Cross |
| 1.2 | Interpreting | Town Hall | Migrant Forum |
"""


def test_a_plans_measures_and_their_table_are_no_practices():
    # Bodies, partners, time frames and budgets repeat, but a practice record says
    # where it happens or for how many people.
    assert practice_evidence(PLAN_MEASURES, "en") == (0, 0.0)


# A plan's measures set out as records name a place or the people reached too; what
# tells them from practices is their cost and how their result is measured, and
# their field rows are never titles, bodies or places.
WORD_MEASURE_TABLES = """\
Local Integration Plan 2025–2028

Area 1 – Welcome

Measure 1.1 Welcome desk at the town hall
Description | A single desk where newcomers are advised on permits and housing.
Lead body | Social Services Department
Partners | Red Cross; Newcomers' Forum
Location | Galway
Time frame | 2025–2027
Budget | €40,000 per year
Indicator | Number of people advised
Target | 1,200 people by 2027

Measure 1.2 Welcome guide in six languages
Description | A printed and online guide to local services.
Lead body | Communications Office
Partners | Library of Galway
Location | Galway
Time frame | 2025
Budget | €6,500
Indicator | Copies distributed
Target | 3,000
"""

MEASURE_SHEETS = """\
Plan local d'intégration 2026-2029

Fiche action 1.1 : Guichet unique d'accueil
Pilote : Centre communal d'action sociale
Partenaires : Croix-Rouge, association Horizons
Calendrier : 2026-2028
Budget : 35 000 € par an
Indicateur : nombre de personnes reçues
Lieu : Lyon

Fiche action 1.2 : Livret d'accueil multilingue
Pilote : Service communication
Calendrier : 2026
Budget : 5 000 €
Indicateur : exemplaires distribués
Bénéficiaires : 400 personnes
Lieu : Lyon
"""

FIELD_LINES = """\
Plan municipal de convivencia 2025-2028

1. ACOGIDA
1.1 Información en los primeros meses
1.1.1 Oficina de acogida en el centro cívico | Responsable: Servicios Sociales |
Calendario: 2025-2028 | Presupuesto: 25.000 € anuales
1.1.2 Guía de recursos en cinco idiomas | Responsable: Área de Comunicación
Municipal | Calendario: 2025 | Presupuesto: 4.000 €
2. EMPLEO
2.1 Acceso al empleo
2.1.1 Itinerarios de inserción laboral | Responsable: Agencia de Desarrollo Local |
Calendario: 2026-2027 | Presupuesto: 18.000 €
2.1.2 Reconocimiento de títulos | Responsable: Oficina de Empleo Municipal |
Calendario: 2026 | Presupuesto: sin coste
"""

PLAN_CONTEXT_PROJECTS = """\
Integrationsplan 2025–2029

1. Ausgangslage
In Weidenau leben 4.200 Menschen ohne deutsche Staatsangehörigkeit. Bereits heute \
gibt es Angebote, an die der Plan anknüpft.

Das Projekt „Sprachcafé Weidenau" des Vereins Brücken e.V. bringt seit 2019 jede \
Woche rund 40 Teilnehmende zusammen.

Die „Fahrradwerkstatt International" der Caritas Weidenau hat von 2021 bis 2023 \
über 150 Geflüchtete beim Weg zur Arbeit unterstützt.

2. Maßnahmen
2.1 Sprachkurse mit Kinderbetreuung
Federführung: Volkshochschule | Zeitplan: 2025–2027 | Kosten: 20.000 €
2.2 Sprachpatenschaften
Federführung: Stadtbibliothek | Zeitplan: laufend | Kosten: 5.000 €
2.3 Anerkennungsberatung
Federführung: Jobcenter | Zeitplan: ab 2026 | Kosten: 8.000 €
"""


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (WORD_MEASURE_TABLES, "en"),
        (MEASURE_SHEETS, "fr"),
        (FIELD_LINES, "es"),
        (PLAN_CONTEXT_PROJECTS, "de"),
    ],
    ids=["word-two-column-tables", "measure-sheets", "field-lines", "plan-context"],
)
def test_a_plans_measure_records_give_no_practices(text, language):
    # The plan's context names two projects in prose (name, body, years, people):
    # a document whose measures state their cost on more lines is a plan.
    assert read(text, language) == []
    assert practice_evidence(text, language) == (0, 0.0)


def test_a_practice_table_with_a_budget_row_is_still_read():
    # A practice's two-column table may give its budget: its place and the people
    # it reached still make it a practice.
    text = "".join(
        f"{name}\n\nOrganisation | {org}\nCity | {city}\nCountry | Ireland\n"
        f"Years | 2019–2022\nBeneficiaries | {count} people\nBudget | €12,000\n\n"
        for name, org, city, count in [
            ("Tea and Talk", "Riverside Welcome Group", "Galway", 75),
            ("Bike Buddies", "Pedal Together", "Limerick", 40),
        ]
    )
    practices = read(text, "en")
    assert [summary(p) for p in practices] == [
        ("Tea and Talk", "Riverside Welcome Group", "IE", "Galway", 2019, 2022, 75),
        ("Bike Buddies", "Pedal Together", "IE", "Limerick", 2019, 2022, 40),
    ]


def test_a_row_of_years_is_no_by_line():
    # "2025 | 2027" under a cover's title names no body and no place.
    text = "MIGRANT INTEGRATION PLAN\n2025 | 2027\n\nFOREWORD\n2024 | 2025\n"
    assert read(text, "en") == []


def test_rows_of_measures_and_lead_bodies_are_no_by_lines():
    # A by-line "Organisation | City" stands alone under its practice's title;
    # rows of names one under another are a plan's table of measures.
    text = (
        "Area 1 – Welcome\n"
        "Welcome desk at the town hall | Social Services Department\n"
        "Welcome guide in six languages | Communications Office\n"
        "Newcomer mentoring | Volunteer Centre\n\n"
        "Area 2 – Work\n"
        "Job coaching for refugees | Employment Office\n"
        "Recognition of diplomas | Adult Education Centre\n"
    )
    assert read(text, "en") == []


def test_a_table_of_measures_with_a_location_column_is_no_table_of_practices():
    # The header names a budget and an indicator column: a plan's measures, even
    # with a body and a known city in each row.
    text = (
        "Area 1 – Welcome\n"
        "Action | Lead | Location | Timeline | Budget | Indicator\n"
        "Welcome desk | Social Services | Dublin | 2025-2027 | €40,000 | people\n"
        "Welcome guide | Communications Office | Cork | 2025 | €6,500 | copies\n"
        "Mentoring scheme | Volunteer Centre | Galway | 2026 | €9,000 | pairs\n"
    )
    assert read(text, "en") == []
    assert practice_evidence(text, "en") == (0, 0.0)

"""Practices written as prose paragraphs (prose.py), on small articles written for
these tests."""

from convivio.ingest.parse_practices import parse_practices, practice_evidence

ARTICLE = "\n".join(
    [
        "Stadtblatt online",
        "Startseite | Stadt | Kultur | Sport",
        "Sie sind hier: Stadt > Soziales",
        "",
        "Stiftung Nordlicht fördert vier Nachbarschaftsprojekte",
        "",
        (
            "Die Stiftung Nordlicht hat am Dienstag vier Vorhaben ausgewählt. „Wir "
            'suchen Ideen, die im Alltag wirklich tragen", sagte die Vorsitzende '
            "bei der Vorstellung im Rathaus."
        ),
        "",
        (
            'In Hannover läuft das Projekt „Lesepaten am Markt" des Lesehaus Linden'
            " e.V. seit 2018. Rund 140 Kinder haben nach Angaben des Vereins bisher"
            " an den Nachmittagen teilgenommen."
        ),
        "",
        (
            "Die Werkstatt Neustart gGmbH betreibt in Bremen die „Fahrradschule "
            'Ost". Das Angebot lief von 2021 bis 2023; in dieser Zeit führte das '
            "Team über 1.900 Beratungsgespräche und erreichte insgesamt 610 "
            "Menschen."
        ),
        "",
        (
            'In Kassel-Nord steht hinter dem „Nachbarschaftsfrühstück" kein Verein,'
            " sondern eine Gruppe von Eltern. Das Frühstück besteht seit 2020 und "
            "erreicht etwa 45 Familien im Stadtteil."
        ),
        "",
        (
            'Ebenfalls gefördert wird der „Gartentreff Süd" der Gartenfreunde Süd '
            "e.V. in Göttingen. 2022 legte der Verein zwölf Beete an; wie viele "
            "Menschen kamen, ist nicht bekannt."
        ),
        "",
        "Nächste Ausschreibung im Herbst",
        "",
        (
            "Die Stiftung Nordlicht kündigte eine weitere Ausschreibung an. "
            "Bewerbungsfrist ist der 30. September; gefördert werden Vorhaben mit "
            'bis zu 20.000 Euro, etwa das „Sprachcafé Mitte" aus dem Vorjahr in '
            "Hannover seit 2019."
        ),
        "",
        "Artikel teilen: E-Mail | Facebook | WhatsApp",
        "© Stadtblatt 2024 | Impressum | Datenschutz",
        "",
    ]
)


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


def test_project_paragraphs_of_a_news_article():
    practices, _, _ = parse_practices(ARTICLE, "de")
    assert [summary(p) for p in practices] == [
        (
            "Lesepaten am Markt",
            "Lesehaus Linden e.V.",
            "DE",
            "Hannover",
            2018,
            None,
            140,
        ),
        # People reached, not consultations.
        (
            "Fahrradschule Ost",
            "Werkstatt Neustart gGmbH",
            "DE",
            "Bremen",
            2021,
            2023,
            610,
        ),
        # A district gives its city; families count only when nothing else does;
        # no body named, no organisation.
        ("Nachbarschaftsfrühstück", None, "DE", "Kassel", 2020, None, 45),
        (
            "Gartentreff Süd",
            "Gartenfreunde Süd e.V.",
            "DE",
            "Göttingen",
            2022,
            2022,
            None,
        ),
    ]
    for practice in practices:
        for name, (start, end) in practice.spans.items():
            assert 0 <= start < end <= len(ARTICLE), name
        start, end = practice.spans["title"]
        assert ARTICLE[start:end] == practice.title
        start, end = practice.spans["organisation"] if practice.organisation else (0, 0)
        assert ARTICLE[start:end] == (practice.organisation or "")
        assert 0 < practice.confidence < 1
    # Speech in quotation marks, the funder named throughout and the funding call
    # are not practices.
    assert "Sprachcafé Mitte" not in [p.title for p in practices]
    count, strength = practice_evidence(ARTICLE, "de")
    assert count == 4 and 0 < strength <= 0.8


def test_a_single_project_in_a_long_text_is_no_collection():
    text = (
        "Annual report\n\n"
        + "\n\n".join(
            f"Section {n}. The council reviewed the budget lines of the year and "
            "agreed on the next steps with the departments concerned."
            for n in range(12)
        )
        + "\n\nThe project „Open Kitchen” of the Food Friends Association in Leeds "
        "has run since 2019 and reached 200 people.\n\n"
        "The project „Green Corners” of the Garden Link Association in York has "
        "run since 2020 and reached 90 people.\n"
    )
    assert parse_practices(text, "en")[0] == []


def test_years_and_people_in_other_languages():
    text = (
        "Notizie dalla rete\n\n"
        "A Bologna il progetto «Scuola Aperta» dell'Associazione Ponti Nuovi è attivo "
        "tra 2017 e 2019 e ha coinvolto circa 160 donne del quartiere.\n\n"
        "A Torino il laboratorio «Cucito Insieme» della Cooperativa Sociale Trama "
        "Viva accoglie dal 2021 (in corso) 38 partecipanti ogni anno.\n"
    )
    practices, _, _ = parse_practices(text, "it")
    assert [summary(p) for p in practices] == [
        ("Scuola Aperta", "Associazione Ponti Nuovi", "IT", "Bologna", 2017, 2019, 160),
        (
            "Cucito Insieme",
            "Cooperativa Sociale Trama Viva",
            "IT",
            "Torino",
            2021,
            None,
            38,
        ),
    ]


def test_a_table_of_the_projects_and_their_paragraphs_are_one_practice_each():
    text = (
        "Νέα της πόλης\n\n"
        "Στην Αθήνα το έργο «Κοινή Κουζίνα» του Συλλόγου Φίλων Γειτονιάς λειτουργεί "
        "από το 2018 και έχει φτάσει περίπου 120 άτομα κάθε χρόνο.\n\n"
        "Στη Θεσσαλονίκη η «Σχολή Γονέων» λειτούργησε το σχολικό έτος 2022/2023 "
        "χωρίς φορέα· συμμετείχαν 45 γονείς.\n\n"
        "Έργο\tΦορέας\tΠόλη\tΠοσό\n"
        "Κοινή Κουζίνα\tΣύλλογος Φίλων Γειτονιάς\tΑθήνα\t12.000 €\n"
        "Σχολή Γονέων\t—\tΘεσσαλονίκη\t8.000 €\n"
    )
    practices, _, _ = parse_practices(text, "el")
    # The table's organisation (as printed there) wins; the paragraph gives the
    # years and the people.
    assert [summary(p) for p in practices] == [
        ("Κοινή Κουζίνα", "Σύλλογος Φίλων Γειτονιάς", "GR", "Αθήνα", 2018, None, 120),
        ("Σχολή Γονέων", None, "GR", "Θεσσαλονίκη", 2022, 2023, 45),
    ]


def test_one_paragraph_presenting_two_projects_gives_two_practices():
    text = (
        "Ειδήσεις\n\n"
        "Στην Πάτρα το «Στέκι Γλώσσας» του Συλλόγου Νέα Πνοή λειτουργεί από το 2019 "
        "και έχει φτάσει 200 άτομα. Στα Ιωάννινα η «Λέσχη Ανάγνωσης» λειτούργησε "
        "από το 2021 έως το 2023 με 35 παιδιά.\n\n"
        "Στη Λάρισα η «Κοινή Αυλή» λειτουργεί από το 2020 και συγκεντρώνει περίπου "
        "60 γυναίκες κάθε εβδομάδα στη γειτονιά.\n"
    )
    practices, _, _ = parse_practices(text, "el")
    # Greek city names are found in the (Latin-script) city table.
    assert [
        (p.title, p.city, p.country, p.start_year, p.end_year, p.beneficiaries_count)
        for p in practices
    ] == [
        ("Στέκι Γλώσσας", "Πάτρα", "GR", 2019, None, 200),
        ("Λέσχη Ανάγνωσης", "Ιωάννινα", "GR", 2021, 2023, 35),
        ("Κοινή Αυλή", "Λάρισα", "GR", 2020, None, 60),
    ]


def test_a_capitalised_project_name_without_quotation_marks():
    text = (
        "City news\n\n"
        "In Leeds the project Open Kitchen of the Food Friends Association has run "
        "since 2019 and reached 200 people with weekly meals.\n\n"
        "In York the project Green Corners of the Garden Link Association ran from "
        "2020 to 2022 and involved 90 people in planting.\n"
    )
    practices, _, _ = parse_practices(text, "en")
    assert [(p.title, p.organisation, p.city, p.years) for p in practices] == [
        ("Open Kitchen", "Food Friends Association", "Leeds", "since 2019"),
        ("Green Corners", "Garden Link Association", "York", "from 2020 to 2022"),
    ]

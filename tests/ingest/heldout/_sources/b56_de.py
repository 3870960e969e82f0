"""56 de: two plans in one file. Plan 1: city integration concept with 'Handlungsfeld 1–4' and
measures 'Maßnahme 1.1', prose records with fields on separate 'Label: value' lines that sometimes
wrap, and inline indicators 'Ausgangswert … → Zielwert …'; statistics alone on lines; TOC with page
numbers; 'Seite N' footers with form feeds. Plan 2 (annex): district action programme of a
Landkreis with areas 'Schwerpunkt A–C' and codes M-1…M-7 in a table flattened one cell per line;
no indicators in plan 2."""

from common import Plan, paginate, para, plan_gold, wrap, write

P1 = Plan("Integrationskonzept der Stadt Hildesheim 2026–2030")
P2 = Plan("Aktionsprogramm Teilhabe des Landkreises Hildesheim 2026/2027")
W = 84
HF = [
    (
        "1",
        "Erstorientierung und Beratung",
        [
            (
                "1.1",
                "Willkommensbüro im Bürgeramt mit mehrsprachiger Erstberatung",
                ["Fachbereich Soziales"],
                "ab 01/2026, dauerhaft",
                "85.000 € p. a.",
                [
                    (
                        "Beratungskontakte im Willkommensbüro",
                        "n. v.",
                        "2.500 pro Jahr",
                        ["nationality"],
                        "quantitative",
                    )
                ],
            ),
            (
                "1.2",
                "Lotsenprogramm: Ehrenamtliche begleiten Neuzugewanderte in den ersten sechs Monaten",
                ["Freiwilligenagentur Hildesheim"],
                "2026–2030",
                "24.000 € p. a.",
                [
                    (
                        "Ehrenamtliche in der Lotsenbegleitung",
                        "18",
                        "60",
                        ["sex"],
                        "quantitative",
                    )
                ],
            ),
        ],
    ),
    (
        "2",
        "Sprache, Bildung und Arbeit",
        [
            (
                "2.1",
                "Sprachcafés in allen Stadtteilbibliotheken",
                ["Stadtbibliothek"],
                "ab Herbst 2026",
                "12.000 € p. a.",
                [
                    (
                        "Teilnahmen an Sprachcafés",
                        "—",
                        "3.000 pro Jahr",
                        [],
                        "quantitative",
                    )
                ],
            ),
            (
                "2.2",
                "Sprachförderkräfte in Kitas mit hohem Anteil mehrsprachiger Kinder",
                ["Fachbereich Jugend"],
                "2026–2028",
                "210.000 € p. a.",
                [
                    (
                        "Kitas mit zusätzlicher Sprachförderkraft",
                        "4",
                        "12",
                        [],
                        "quantitative",
                    )
                ],
            ),
            (
                "2.3",
                "Anerkennungsberatung und Qualifizierungsbegleitung für ausländische Berufsabschlüsse",
                ["Jobcenter Hildesheim", "Agentur für Arbeit Hildesheim"],
                "2026–2030",
                "aus Bundesmitteln",
                [
                    (
                        "Personen mit (teil-)anerkanntem Abschluss",
                        "n. v.",
                        "150",
                        ["sex", "occupational group"],
                        "quantitative",
                    )
                ],
            ),
        ],
    ),
    (
        "3",
        "Wohnen und Gesundheit",
        [
            (
                "3.1",
                "Kooperationsvereinbarung mit Wohnungsgesellschaften über Belegungskontingente",
                ["Stabsstelle Wohnen"],
                "bis Ende 2026",
                "—",
                [
                    (
                        "Vermittelte Wohnungen",
                        "0",
                        "40 pro Jahr",
                        ["household size"],
                        "quantitative",
                    )
                ],
            ),
            (
                "3.2",
                "Gesundheitsmittlerinnen und -mittler mit Migrationsgeschichte",
                ["Gesundheitsamt"],
                "2027–2030",
                "48.000 € p. a.",
                [
                    (
                        "Durchgeführte Informationsveranstaltungen",
                        "6",
                        "30",
                        [],
                        "quantitative",
                    )
                ],
            ),
        ],
    ),
    (
        "4",
        "Zusammenleben und Teilhabe",
        [
            (
                "4.1",
                "Stärkung des Integrationsbeirats durch eigene Geschäftsstelle",
                ["Büro des Oberbürgermeisters"],
                "ab 2026",
                "35.000 € p. a.",
                [
                    (
                        "Zufriedenheit der Beiratsmitglieder mit ihren Mitwirkungsmöglichkeiten (Befragung)",
                        "n. v.",
                        "überwiegend zufrieden",
                        [],
                        "qualitative",
                    )
                ],
            ),
            (
                "4.2",
                "Interkulturelle Öffnung der Stadtverwaltung: Fortbildungen und Personalgewinnung",
                ["Fachbereich Personal"],
                "2026–2030",
                "20.000 € p. a.",
                [
                    (
                        "Anteil der Beschäftigten mit Migrationsgeschichte",
                        "8,5 %",
                        "12 %",
                        [],
                        "quantitative",
                    )
                ],
            ),
        ],
    ),
]
NULLS = ("—", "n. v.")
for c, t, ms in HF:
    P1.area(c, t)
    for mc, mt, r, z, k, inds in ms:
        P1.measure(mc, mt, c, r, z, None if k in NULLS else k)
        for n, b, tg, d, kd in inds:
            P1.indicator(mc, n, None if b in NULLS else b, tg, d, kd)
SP = [
    (
        "A",
        "Beratung im ländlichen Raum",
        [
            (
                "M-1",
                "Mobile Migrationsberatung mit festen Sprechtagen in Alfeld, Sarstedt und Bad Salzdetfurth",
                "Caritasverband für den Landkreis (Migrationsdienst)",
                "2026–2027",
                "62.000 €",
            ),
            (
                "M-2",
                "Fahrtkostenzuschuss für Sprachkursteilnehmende aus den Landgemeinden",
                "Kreissozialamt",
                "2026–2027",
                "15.000 €",
            ),
            (
                "M-3",
                "Online-Terminvergabe der Ausländerbehörde in fünf Sprachen",
                "Ausländerbehörde des Landkreises",
                "bis 06/2026",
                "—",
            ),
        ],
    ),
    (
        "B",
        "Arbeit und Ausbildung",
        [
            (
                "M-4",
                "Ausbildungsbörse für junge Geflüchtete in Kooperation mit der Kreishandwerkerschaft",
                "Wirtschaftsförderung des Landkreises",
                "jährlich im März",
                "8.000 € je Börse",
            ),
            (
                "M-5",
                "Kinderbetreuung während berufsbezogener Sprachkurse",
                "Kreisjugendamt",
                "2026–2027",
                "40.000 €",
            ),
        ],
    ),
    (
        "C",
        "Ehrenamt und Begegnung",
        [
            (
                "M-6",
                "Fonds für Begegnungsprojekte in Dorfgemeinschaften",
                "Kreissozialamt",
                "2026–2027",
                "25.000 € p. a.",
            ),
            (
                "M-7",
                "Qualifizierung ehrenamtlicher Integrationslotsen",
                "Kreisvolkshochschule",
                "2026–2027",
                "9.500 €",
            ),
        ],
    ),
]
for c, t, ms in SP:
    P2.area(c, t)
    for mc, mt, r, z, k in ms:
        P2.measure(mc, mt, c, [r], z, None if k in NULLS else k)

o: list[str] = []
a = o.append
a(
    "Stadt Hildesheim\nDer Oberbürgermeister\n\nI N T E G R A T I O N S K O N Z E P T\nder Stadt Hildesheim 2026–2030\n\n"
    "mit Anlage: Aktionsprogramm Teilhabe des Landkreises Hildesheim 2026/2027\n\nBeschlossen vom Rat der Stadt am 9. März 2026\n"
)
a("\f")
body: list[str] = []
b = body.append
b("Inhalt")
b("1  Anlass und Auftrag                                   3")
b("2  Hildesheim in Zahlen                                 3")
b("3  Leitbild                                             4")
b("4  Handlungsfelder und Maßnahmen                        4")
b("   Handlungsfeld 1 Erstorientierung und Beratung        4")
b("   Handlungsfeld 2 Sprache, Bildung und Arbeit          5")
b("   Handlungsfeld 3 Wohnen und Gesundheit                6")
b("   Handlungsfeld 4 Zusammenleben und Teilhabe           6")
b("5  Umsetzung und Controlling                            7")
b("Anlage: Aktionsprogramm Teilhabe des Landkreises        8\n")
b("1  Anlass und Auftrag\n")
b(
    para(
        "Mit Ratsbeschluss vom 14. November 2024 wurde die Verwaltung beauftragt, das Integrationskonzept "
        "aus dem Jahr 2016 fortzuschreiben. Grundlage sind das Aufenthaltsgesetz, insbesondere §§ 43–45 "
        "zu Integrationskursen, das Niedersächsische Kommunalverfassungsgesetz und der Nationale "
        "Aktionsplan Integration. Das Konzept wurde in einem einjährigen Beteiligungsprozess mit über "
        "dreihundert Beteiligten erarbeitet.",
        W,
        1,
    )
)
b("")
b("2  Hildesheim in Zahlen\n")
b("Einwohnerinnen und Einwohner (31.12.2024)")
b("102.388")
b("davon mit ausländischer Staatsangehörigkeit")
b("16.905")
b("Anteil")
b("16,5 %")
b("Personen mit Migrationsgeschichte (Schätzung Mikrozensus)")
b("rund 31 %\n")
b(
    para(
        "Die größten Gruppen stammen aus der Türkei, Syrien, Polen, der Ukraine und Rumänien. Besonders "
        "hoch ist der Anteil in den Stadtteilen Nordstadt, Drispenstedt und Oststadt.",
        W,
        1,
    )
)
b("")
b("3  Leitbild\n")
b(
    para(
        "Hildesheim versteht Integration als gemeinsame Aufgabe aller, die hier leben. Die Stadt setzt "
        "auf gleiche Chancen, auf gegenseitigen Respekt und auf die Mitwirkung der Menschen mit "
        "Einwanderungsgeschichte an allen Entscheidungen, die sie betreffen.",
        W,
        1,
    )
)
b("")
b("4  Handlungsfelder und Maßnahmen\n")
DN = {
    "sex": "Geschlecht",
    "nationality": "Staatsangehörigkeit",
    "household size": "Haushaltsgröße",
    "occupational group": "Berufsgruppe",
}
for c, t, ms in HF:
    b(f"Handlungsfeld {c}: {t}\n")
    for mc, mt, r, z, k, inds in ms:
        b(f"Maßnahme {mc}")
        body.extend(wrap(mt, 62, 1))  # long titles wrap, hyphenated as in the PDF
        b(f"Federführung: {' / '.join(r)}")
        b(f"Zeitraum: {z}")
        b(f"Kosten: {k}")
        for n, bl, tg, d, kd in inds:
            dd = f" (nach {' und '.join(DN[x] for x in d)})" if d else ""
            b(f"Indikator: {n}{dd}; Ausgangswert 2025: {bl} → Zielwert 2030: {tg}")
        b("")
b("5  Umsetzung und Controlling\n")
b(
    para(
        "Die Koordinierungsstelle Integration berichtet dem Ausschuss für Soziales jährlich über den "
        "Stand der Umsetzung. Nach drei Jahren wird das Konzept extern evaluiert; die Ergebnisse fließen "
        "in die Fortschreibung 2030 ein.",
        W,
        1,
    )
)
b("")
b("Anlage")
b("AKTIONSPROGRAMM TEILHABE DES LANDKREISES HILDESHEIM 2026/2027")
b(
    para(
        "Der Kreistag hat am 2. Dezember 2025 das folgende Programm beschlossen. Es ergänzt das städtische "
        "Konzept für die Gemeinden des Landkreises und wird hier nachrichtlich abgedruckt.",
        W,
        0,
    )
)
b("")
for c, t, ms in SP:
    b(f"Schwerpunkt {c} – {t}")
    for cell in ("Nr.", "Maßnahme", "Verantwortlich", "Zeitraum", "Mittel"):
        b(cell)
    for mc, mt, r, z, k in ms:
        b(mc)
        b(mt)
        b(r)
        b(z)
        b(k)
    b("")
text = (
    "\n".join(o)
    + "\n"
    + paginate(
        "\n".join(body),
        50,
        lambda n: "Integrationskonzept Hildesheim 2026–2030",
        lambda n: f"Seite {n}",
        ff=True,
        first=2,
    )
)
write("56_de_hildesheim-integrationskonzept", text, plan_gold("de", P1, P2))

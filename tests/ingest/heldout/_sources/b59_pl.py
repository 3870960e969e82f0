"""59 pl, Word file: miejski program; 'Obszar I–III' (Heading 2), 'Cel I.1' (Heading 3), measures
'Zadanie I.1.a' (roman + letter suffix) each as a real two-column Word table (label | value) with the
indicator rows inside; 'b.d.' and '—' as null; running header in the section header, 'str.' + PAGE
field in the footer; table of contents typed with tabs; recommendations as Word bullets (List
Bullet, so the bullets are not in the text); budget annex as a table repeating the area headings.
Run with the project's .venv/bin/python (python-docx)."""

from common import Plan, plan_gold

P = Plan()
W = 86
D = [
    (
        "I",
        "INFORMACJA I DOSTĘP DO USŁUG",
        [
            (
                "I.1",
                "Cudzoziemcy wiedzą, gdzie szukać pomocy",
                [
                    (
                        "I.1.a",
                        "Punkt informacyjny dla cudzoziemców w Miejskim Ośrodku Pomocy Rodzinie",
                        "Miejski Ośrodek Pomocy Rodzinie w Rzeszowie",
                        "Fundacja Wspólna Przestrzeń",
                        "2026–2028",
                        "140 000 zł rocznie",
                        (
                            "liczba udzielonych porad",
                            "b.d.",
                            "2 000 rocznie",
                            ["sex", "nationality"],
                            "quantitative",
                        ),
                    ),
                    (
                        "I.1.b",
                        "Strona internetowa i infolinia w językach ukraińskim, angielskim i rosyjskim",
                        "Biuro Promocji Miasta",
                        "—",
                        "do 30 czerwca 2026",
                        "35 000 zł",
                        (
                            "liczba odsłon strony",
                            "0",
                            "40 000 rocznie",
                            [],
                            "quantitative",
                        ),
                    ),
                ],
            ),
            (
                "I.2",
                "Urzędy przygotowane do obsługi cudzoziemców",
                [
                    (
                        "I.2.a",
                        "Szkolenia dla pracowników Biura Obsługi Mieszkańców z komunikacji międzykulturowej",
                        "Wydział Organizacyjny Urzędu Miasta",
                        "Uniwersytet Rzeszowski",
                        "2026–2027",
                        "24 000 zł",
                        (
                            "liczba przeszkolonych pracowników",
                            "0",
                            "100",
                            [],
                            "quantitative",
                        ),
                    ),
                ],
            ),
        ],
    ),
    (
        "II",
        "EDUKACJA I RYNEK PRACY",
        [
            (
                "II.1",
                "Dzieci i dorośli uczą się języka polskiego",
                [
                    (
                        "II.1.a",
                        "Oddziały przygotowawcze i dodatkowe lekcje języka polskiego w szkołach podstawowych",
                        "Wydział Edukacji",
                        "dyrektorzy szkół",
                        "lata szkolne 2026/2027–2027/2028",
                        "b.d.",
                        (
                            "liczba uczniów objętych wsparciem",
                            "620",
                            "900",
                            ["age"],
                            "quantitative",
                        ),
                    ),
                    (
                        "II.1.b",
                        "Bezpłatne kursy języka polskiego dla dorosłych z opieką nad dziećmi",
                        "Miejski Ośrodek Pomocy Rodzinie w Rzeszowie",
                        "Centrum Kształcenia Ustawicznego",
                        "2026–2028",
                        "90 000 zł rocznie",
                        (
                            "liczba osób, które ukończyły kurs na poziomie A2",
                            "b.d.",
                            "250",
                            ["sex"],
                            "quantitative",
                        ),
                    ),
                ],
            ),
            (
                "II.2",
                "Cudzoziemcy pracują zgodnie z kwalifikacjami",
                [
                    (
                        "II.2.a",
                        "Doradztwo zawodowe i pomoc w uznawaniu kwalifikacji",
                        "Powiatowy Urząd Pracy w Rzeszowie",
                        "Podkarpacka Izba Gospodarcza",
                        "2026–2028",
                        "60 000 zł rocznie",
                        (
                            "liczba osób, które podjęły pracę",
                            "—",
                            "150",
                            ["sex", "age"],
                            "quantitative",
                        ),
                    ),
                    (
                        "II.2.b",
                        "Dni otwarte pracodawców dla cudzoziemców",
                        "Powiatowy Urząd Pracy w Rzeszowie",
                        "—",
                        "dwa razy w roku",
                        "8 000 zł za edycję",
                        (
                            "ocena przydatności wydarzenia przez uczestników (ankieta)",
                            "—",
                            "dobra",
                            [],
                            "qualitative",
                        ),
                    ),
                ],
            ),
        ],
    ),
    (
        "III",
        "MIESZKANIE, ZDROWIE I ŻYCIE SPOŁECZNE",
        [
            (
                "III.1",
                "Bezpieczne warunki mieszkaniowe",
                [
                    (
                        "III.1.a",
                        "Mieszkania treningowe dla rodzin z ochroną międzynarodową",
                        "Miejski Zarząd Budynków",
                        "Caritas Diecezji Rzeszowskiej",
                        "2027–2028",
                        "400 000 zł",
                        (
                            "liczba rodzin, które skorzystały z mieszkań",
                            "0",
                            "12",
                            ["household composition"],
                            "quantitative",
                        ),
                    ),
                ],
            ),
            (
                "III.2",
                "Wspólnota mieszkańców",
                [
                    (
                        "III.2.a",
                        "Konkurs grantowy dla organizacji pozarządowych na projekty sąsiedzkie",
                        "Wydział Spraw Społecznych",
                        "—",
                        "corocznie",
                        "50 000 zł rocznie",
                        (
                            "liczba dofinansowanych projektów",
                            "3",
                            "10",
                            [],
                            "quantitative",
                        ),
                    ),
                    (
                        "III.2.b",
                        "Rada ds. Cudzoziemców przy Prezydencie Miasta",
                        "Kancelaria Prezydenta Miasta",
                        "organizacje cudzoziemców",
                        "od 2026",
                        "—",
                        None,
                    ),
                ],
            ),
        ],
    ),
]
NULLS = ("b.d.", "—")
for c, t, objs in D:
    P.area(c, t)
    for oc, ot, ms in objs:
        P.objective(oc, ot, c)
        for mc, mt, r, part, term, cost, ind in ms:
            P.measure(mc, mt, oc, [r], term, None if cost in NULLS else cost)
            if ind:
                n, bl, tg, d, k = ind
                P.indicator(mc, n, None if bl in NULLS else bl, tg, d, k)


import json

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from common import OUT

doc = docx.Document()
sec = doc.sections[0]
sec.header.paragraphs[
    0
].text = "Program integracji cudzoziemców w Gminie Miasto Rzeszów 2026–2028"
fp = sec.footer.paragraphs[0]
fp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
fp.add_run("str. ")
run = fp.add_run()
for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
    if tag:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), tag)
    else:
        el = OxmlElement("w:instrText")
        el.set(qn("xml:space"), "preserve")
        el.text = text
    run._r.append(el)

doc.add_paragraph("URZĄD MIASTA RZESZOWA").alignment = WD_ALIGN_PARAGRAPH.CENTER
doc.add_paragraph(
    "P R O G R A M   I N T E G R A C J I   C U D Z O Z I E M C Ó W", style="Title"
)
doc.add_paragraph(
    "w Gminie Miasto Rzeszów na lata 2026–2028"
).alignment = WD_ALIGN_PARAGRAPH.CENTER
doc.add_paragraph(
    "Załącznik do uchwały nr XII/214/2026 Rady Miasta Rzeszowa z dnia 24 lutego 2026 r."
)
doc.add_page_break()
doc.add_paragraph("Spis treści", style="Heading 1")
for t, n in (
    ("1. Wprowadzenie", 2),
    ("2. Diagnoza", 2),
    ("3. Obszary, cele i zadania", 3),
    ("4. Rekomendacje", 7),
    ("5. Monitoring", 7),
    ("Załącznik. Harmonogram finansowy", 8),
):
    doc.add_paragraph(f"{t}\t{n}")
doc.add_paragraph("1. Wprowadzenie", style="Heading 1")
doc.add_paragraph(
    "Rzeszów w ciągu kilku lat stał się miastem, w którym cudzoziemcy stanowią znaczącą część mieszkańców. "
    "Program jest odpowiedzią na potrzeby zgłaszane przez samych cudzoziemców, szkoły, pracodawców i organizacje "
    "pozarządowe. Podstawą prawną są art. 7 ust. 1 pkt 6 ustawy o samorządzie gminnym oraz art. 17 ust. 1 pkt 1 "
    "ustawy o pomocy społecznej."
)
doc.add_paragraph("2. Diagnoza", style="Heading 1")
for lab, val in (
    ("Liczba cudzoziemców z ważnym dokumentem pobytowym (31.12.2024):", "17 840"),
    ("w tym obywatele Ukrainy z numerem PESEL UKR:", "11 215"),
    ("Odsetek uczniów cudzoziemców w szkołach podstawowych:", "7,9%"),
):
    doc.add_paragraph(lab)
    doc.add_paragraph(val).alignment = WD_ALIGN_PARAGRAPH.RIGHT
doc.add_paragraph(
    "Badanie ankietowe przeprowadzone wśród 530 cudzoziemców wskazało jako największe problemy: bariery językowe "
    "w urzędach i przychodniach, wysokie koszty najmu, trudności w uznawaniu dyplomów oraz brak kontaktów z "
    "polskimi sąsiadami. Podczas czterech spotkań konsultacyjnych (w językach polskim, ukraińskim i angielskim) "
    "uczestnicy zwracali też uwagę na brak miejsc w żłobkach i na długi czas oczekiwania na wizytę w urzędzie "
    "wojewódzkim."
)
doc.add_paragraph("Program przygotowano w czterech krokach:")
for step in (
    "analiza danych urzędowych i szkolnych,",
    "ankieta wśród cudzoziemców,",
    "warsztaty z instytucjami i organizacjami,",
    "konsultacje społeczne projektu.",
):
    doc.add_paragraph(step, style="List Number")
doc.add_paragraph("Zasady realizacji programu:")
for z in (
    "równy dostęp do usług miejskich niezależnie od obywatelstwa i statusu pobytowego,",
    "współpraca z organizacjami cudzoziemców przy planowaniu i ocenie działań,",
    "wykorzystanie istniejących instytucji zamiast tworzenia nowych struktur,",
    "jawność danych o realizacji programu i jego kosztach.",
):
    doc.add_paragraph(z, style="List Bullet")
doc.add_paragraph("3. Obszary, cele i zadania", style="Heading 1")
DN = {
    "sex": "płci",
    "age": "wieku",
    "nationality": "obywatelstwa",
    "household composition": "składu gospodarstwa domowego",
}
for c, t, objs in D:
    doc.add_paragraph(f"OBSZAR {c}. {t}", style="Heading 2")
    for oc, ot, ms in objs:
        doc.add_paragraph(f"Cel {oc}. {ot}", style="Heading 3")
        for mc, mt, r, part, term, cost, ind in ms:
            rows = [
                (f"Zadanie {mc}", mt),
                ("Realizator", r),
                ("Partnerzy", part),
                ("Termin", term),
                ("Koszt", cost),
            ]
            if ind:
                n, bl, tg, d, k = ind
                rows += [
                    (
                        "Wskaźnik",
                        n
                        + (
                            f" (w podziale według {' i '.join(DN[x] for x in d)})"
                            if d
                            else ""
                        ),
                    ),
                    ("Wartość bazowa", bl),
                    ("Wartość docelowa", tg),
                ]
            tbl = doc.add_table(rows=len(rows), cols=2)
            tbl.style = "Table Grid"
            for row, (lab, val) in zip(tbl.rows, rows):
                row.cells[0].text = lab
                row.cells[1].text = val
            doc.add_paragraph("")
doc.add_paragraph("4. Rekomendacje", style="Heading 1")
RECS = [
    (
        "Rekomendacje dla Wojewody Podkarpackiego",
        ["skrócenie czasu oczekiwania na decyzje w sprawie pobytu czasowego"],
    ),
    (
        "Rekomendacje dla Samorządu Województwa",
        [
            "uwzględnienie cudzoziemców w regionalnym programie zdrowotnym",
            "finansowanie tłumaczy w szpitalach wojewódzkich",
        ],
    ),
    (
        "Rekomendacje dla pracodawców",
        ["umożliwienie udziału w kursach językowych w godzinach pracy"],
    ),
]
for aud, items in RECS:
    p = doc.add_paragraph()
    p.add_run(aud).bold = True
    for it in items:
        doc.add_paragraph(it, style="List Bullet")
        P.rec(aud, " ".join(it.split()[:6]))
doc.add_paragraph("5. Monitoring", style="Heading 1")
doc.add_paragraph(
    "Koordynatorem programu jest Miejski Ośrodek Pomocy Rodzinie, który co roku, do 31 marca, przedstawia Radzie "
    "Miasta sprawozdanie z realizacji zadań i osiągniętych wartości wskaźników. Po dwóch latach realizacji "
    "przeprowadzona zostanie ewaluacja śródokresowa z udziałem organizacji cudzoziemców."
)
doc.add_paragraph("Załącznik. Harmonogram finansowy (zł)", style="Heading 1")
fin = [
    ("Obszar", "2026", "2027", "2028", "Razem"),
    (
        "OBSZAR I. INFORMACJA I DOSTĘP DO USŁUG",
        "199 000",
        "140 000",
        "140 000",
        "479 000",
    ),
    ("OBSZAR II. EDUKACJA I RYNEK PRACY", "166 000", "166 000", "166 000", "498 000"),
    (
        "OBSZAR III. MIESZKANIE, ZDROWIE I ŻYCIE SPOŁECZNE",
        "50 000",
        "250 000",
        "250 000",
        "550 000",
    ),
]
tbl = doc.add_table(rows=len(fin), cols=5)
tbl.style = "Table Grid"
for row, vals in zip(tbl.rows, fin):
    for cell, v in zip(row.cells, vals):
        cell.text = v
stem = "59_pl_rzeszow-program"
doc.save(str(OUT / f"{stem}.docx"))
(OUT / f"{stem}.txt").unlink(missing_ok=True)
(OUT / f"{stem}.gold.json").write_text(
    json.dumps(plan_gold("pl", P), ensure_ascii=False, indent=1) + "\n",
    encoding="utf-8",
)

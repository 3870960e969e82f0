"""59 pl: miejski program; 'Obszar I–III', 'Cel I.1', measures 'Zadanie I.1.a' (roman + letter
suffix); each measure as a two-column block (label left, value right, aligned with spaces), some
values wrapping onto an indented line; indicators inside the block; 'b.d.' and '—' as null; form
feeds with 'str. N' footers; budget annex repeating the area headings; recommendations."""
from common import Plan, para, paginate, plan_gold, write, wrap

P = Plan()
W = 86
D = [
    ("I", "INFORMACJA I DOSTĘP DO USŁUG", [
        ("I.1", "Cudzoziemcy wiedzą, gdzie szukać pomocy", [
            ("I.1.a", "Punkt informacyjny dla cudzoziemców w Miejskim Ośrodku Pomocy Rodzinie", "Miejski Ośrodek Pomocy Rodzinie w Rzeszowie", "Fundacja Wspólna Przestrzeń", "2026–2028", "140 000 zł rocznie",
             ("liczba udzielonych porad", "b.d.", "2 000 rocznie", ["sex", "nationality"], "quantitative")),
            ("I.1.b", "Strona internetowa i infolinia w językach ukraińskim, angielskim i rosyjskim", "Biuro Promocji Miasta", "—", "do 30 czerwca 2026", "35 000 zł",
             ("liczba odsłon strony", "0", "40 000 rocznie", [], "quantitative")),
        ]),
        ("I.2", "Urzędy przygotowane do obsługi cudzoziemców", [
            ("I.2.a", "Szkolenia dla pracowników Biura Obsługi Mieszkańców z komunikacji międzykulturowej", "Wydział Organizacyjny Urzędu Miasta", "Uniwersytet Rzeszowski", "2026–2027", "24 000 zł",
             ("liczba przeszkolonych pracowników", "0", "100", [], "quantitative")),
        ]),
    ]),
    ("II", "EDUKACJA I RYNEK PRACY", [
        ("II.1", "Dzieci i dorośli uczą się języka polskiego", [
            ("II.1.a", "Oddziały przygotowawcze i dodatkowe lekcje języka polskiego w szkołach podstawowych", "Wydział Edukacji", "dyrektorzy szkół", "lata szkolne 2026/2027–2027/2028", "b.d.",
             ("liczba uczniów objętych wsparciem", "620", "900", ["age"], "quantitative")),
            ("II.1.b", "Bezpłatne kursy języka polskiego dla dorosłych z opieką nad dziećmi", "Miejski Ośrodek Pomocy Rodzinie w Rzeszowie", "Centrum Kształcenia Ustawicznego", "2026–2028", "90 000 zł rocznie",
             ("liczba osób, które ukończyły kurs na poziomie A2", "b.d.", "250", ["sex"], "quantitative")),
        ]),
        ("II.2", "Cudzoziemcy pracują zgodnie z kwalifikacjami", [
            ("II.2.a", "Doradztwo zawodowe i pomoc w uznawaniu kwalifikacji", "Powiatowy Urząd Pracy w Rzeszowie", "Podkarpacka Izba Gospodarcza", "2026–2028", "60 000 zł rocznie",
             ("liczba osób, które podjęły pracę", "—", "150", ["sex", "age"], "quantitative")),
            ("II.2.b", "Dni otwarte pracodawców dla cudzoziemców", "Powiatowy Urząd Pracy w Rzeszowie", "—", "dwa razy w roku", "8 000 zł za edycję",
             ("ocena przydatności wydarzenia przez uczestników (ankieta)", "—", "dobra", [], "qualitative")),
        ]),
    ]),
    ("III", "MIESZKANIE, ZDROWIE I ŻYCIE SPOŁECZNE", [
        ("III.1", "Bezpieczne warunki mieszkaniowe", [
            ("III.1.a", "Mieszkania treningowe dla rodzin z ochroną międzynarodową", "Miejski Zarząd Budynków", "Caritas Diecezji Rzeszowskiej", "2027–2028", "400 000 zł",
             ("liczba rodzin, które skorzystały z mieszkań", "0", "12", ["household composition"], "quantitative")),
        ]),
        ("III.2", "Wspólnota mieszkańców", [
            ("III.2.a", "Konkurs grantowy dla organizacji pozarządowych na projekty sąsiedzkie", "Wydział Spraw Społecznych", "—", "corocznie", "50 000 zł rocznie",
             ("liczba dofinansowanych projektów", "3", "10", [], "quantitative")),
            ("III.2.b", "Rada ds. Cudzoziemców przy Prezydencie Miasta", "Kancelaria Prezydenta Miasta", "organizacje cudzoziemców", "od 2026", "—", None),
        ]),
    ]),
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

o: list[str] = []
a = o.append
a("URZĄD MIASTA RZESZOWA\n\nP R O G R A M   I N T E G R A C J I   C U D Z O Z I E M C Ó W\nw Gminie Miasto Rzeszów na lata 2026–2028\n\n"
  "Załącznik do uchwały nr XII/214/2026 Rady Miasta Rzeszowa z dnia 24 lutego 2026 r.\n")
a("\f")
body: list[str] = []
b = body.append
b("Spis treści")
b("1. Wprowadzenie .......................................... 2")
b("2. Diagnoza .............................................. 2")
b("3. Obszary, cele i zadania ............................... 3")
b("4. Rekomendacje ........................................... 7")
b("5. Monitoring ............................................. 7")
b("Załącznik. Harmonogram finansowy ......................... 8\n")
b("1. Wprowadzenie\n")
b(para("Rzeszów w ciągu kilku lat stał się miastem, w którym cudzoziemcy stanowią znaczącą część "
       "mieszkańców. Program jest odpowiedzią na potrzeby zgłaszane przez samych cudzoziemców, szkoły, "
       "pracodawców i organizacje pozarządowe. Podstawą prawną są art. 7 ust. 1 pkt 6 ustawy o samorządzie "
       "gminnym oraz art. 17 ust. 1 pkt 1 ustawy o pomocy społecznej.", W, 3))
b("")
b("2. Diagnoza\n")
b("Liczba cudzoziemców z ważnym dokumentem pobytowym (31.12.2024):")
b("                                   17 840")
b("w tym obywatele Ukrainy z numerem PESEL UKR:")
b("                                   11 215")
b("Odsetek uczniów cudzoziemców w szkołach podstawowych:")
b("                                   7,9%\n")
b(para("Badanie ankietowe przeprowadzone wśród 530 cudzoziemców wskazało jako największe problemy: "
       "bariery językowe w urzędach i przychodniach, wysokie koszty najmu, trudności w uznawaniu "
       "dyplomów oraz brak kontaktów z polskimi sąsiadami.", W, 3))
b("")
b("3. Obszary, cele i zadania\n")
DN = {"sex": "płci", "age": "wieku", "nationality": "obywatelstwa", "household composition": "składu gospodarstwa domowego"}
L = 18
for c, t, objs in D:
    b(f"OBSZAR {c}. {t}\n")
    for oc, ot, ms in objs:
        b(f"Cel {oc}. {ot}\n")
        for mc, mt, r, part, term, cost, ind in ms:
            rows = [(f"Zadanie {mc}", mt), ("Realizator", r), ("Partnerzy", part), ("Termin", term), ("Koszt", cost)]
            if ind:
                n, bl, tg, d, k = ind
                rows += [("Wskaźnik", n + (f" (w podziale według {' i '.join(DN[x] for x in d)})" if d else "")),
                         ("Wartość bazowa", bl), ("Wartość docelowa", tg)]
            for lab, val in rows:
                lines = wrap(val, W - L, 0)
                b(f"{lab:<{L}}{lines[0]}")
                for ln in lines[1:]:
                    b(" " * L + ln)
            b("")
b("4. Rekomendacje\n")
RECS = [("Rekomendacje dla Wojewody Podkarpackiego", ["– skrócenie czasu oczekiwania na decyzje w sprawie pobytu czasowego;"]),
        ("Rekomendacje dla Samorządu Województwa", ["– uwzględnienie cudzoziemców w regionalnym programie zdrowotnym;",
                                                    "– finansowanie tłumaczy w szpitalach wojewódzkich;"]),
        ("Rekomendacje dla pracodawców", ["– umożliwienie udziału w kursach językowych w godzinach pracy."])]
for aud, items in RECS:
    b(aud)
    for it in items:
        b(it)
        P.rec(aud, " ".join(it[2:].split()[:6]))
    b("")
b("5. Monitoring\n")
b(para("Koordynatorem programu jest Miejski Ośrodek Pomocy Rodzinie, który co roku, do 31 marca, "
       "przedstawia Radzie Miasta sprawozdanie z realizacji zadań i osiągniętych wartości wskaźników.", W, 3))
b("")
b("Załącznik. Harmonogram finansowy (zł)\n")
b("OBSZAR I. INFORMACJA I DOSTĘP DO USŁUG ............ 479 000")
b("OBSZAR II. EDUKACJA I RYNEK PRACY ................. 498 000")
b("OBSZAR III. MIESZKANIE, ZDROWIE I ŻYCIE SPOŁECZNE .. 550 000")
b("Razem ............................................. 1 527 000")
text = "\n".join(o) + "\n" + paginate("\n".join(body), 54, lambda n: None, lambda n: f"str. {n}", ff=True, first=2)
write("59_pl_rzeszow-program", text, plan_gold("pl", P))

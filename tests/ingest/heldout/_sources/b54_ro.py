"""54 ro: plan local; 1 / 1.1 / 1.1.1 with 'Direcția 1' and 'Obiectivul specific 1.1'; one
tab-separated table per objective whose long cells wrap onto continuation lines that start with
tabs; indicator annex as tab table; running footer; recommendations by audience."""

from common import Plan, paginate, para, plan_gold, write

P = Plan()
W = 86
# (code, title parts (wrapped), responsible, term, budget)
D = [
    (
        "1",
        "INFORMARE ȘI ACCES LA SERVICII",
        [
            (
                "1.1",
                "Informarea corectă a străinilor nou-sosiți",
                [
                    (
                        "1.1.1",
                        [
                            "Punct de informare pentru străini la Centrul",
                            "Comunitar Turnișor",
                        ],
                        "Serviciul Public de Asistență Socială",
                        "2026–2028",
                        "52.000 lei/an",
                    ),
                    (
                        "1.1.2",
                        ["Pagină web dedicată, în română, engleză și ucraineană"],
                        "Serviciul Relații Publice",
                        "sem. I 2026",
                        "9.000 lei",
                    ),
                ],
            ),
            (
                "1.2",
                "Servicii publice pregătite pentru diversitate",
                [
                    (
                        "1.2.1",
                        [
                            "Curs de comunicare interculturală pentru",
                            "funcționarii de la ghișee",
                        ],
                        "Serviciul Resurse Umane",
                        "2026–2027",
                        "14.500 lei",
                    ),
                    (
                        "1.2.2",
                        ["Interpretariat telefonic la Evidența Persoanelor"],
                        "Direcția Publică Comunitară de Evidență a Persoanelor",
                        "2027",
                        "—",
                    ),
                ],
            ),
        ],
    ),
    (
        "2",
        "MUNCĂ, LIMBĂ ȘI EDUCAȚIE",
        [
            (
                "2.1",
                "Învățarea limbii române",
                [
                    (
                        "2.1.1",
                        [
                            "Curs de limba română în weekend pentru adulți",
                            "străini, niveluri A1–B1",
                        ],
                        "Casa de Cultură a Municipiului",
                        "2026–2028",
                        "36.000 lei/an",
                    ),
                    (
                        "2.1.2",
                        [
                            "Ore de sprijin la limba română pentru elevi",
                            "străini în școli",
                        ],
                        "Inspectoratul Școlar Județean Sibiu",
                        "anii școlari 2026–2028",
                        "n.d.",
                    ),
                ],
            ),
            (
                "2.2",
                "Acces la locuri de muncă decente",
                [
                    (
                        "2.2.1",
                        [
                            "Bursă a locurilor de muncă pentru lucrători",
                            "străini, organizată cu angajatorii locali",
                        ],
                        "Agenția Județeană pentru Ocuparea Forței de Muncă",
                        "anual, în aprilie",
                        "7.000 lei/ediție",
                    ),
                    (
                        "2.2.2",
                        [
                            "Consiliere privind drepturile angajaților și",
                            "contractele de muncă",
                        ],
                        "Inspectoratul Teritorial de Muncă",
                        "2026–2028",
                        "—",
                    ),
                ],
            ),
        ],
    ),
    (
        "3",
        "LOCUIRE, SĂNĂTATE ȘI VIAȚA ÎN COMUNITATE",
        [
            (
                "3.1",
                "Condiții de locuire adecvate",
                [
                    (
                        "3.1.1",
                        ["Mediere între proprietari și chiriași străini"],
                        "Serviciul Public de Asistență Socială",
                        "2026–2028",
                        "18.000 lei/an",
                    ),
                ],
            ),
            (
                "3.2",
                "Participare și coeziune",
                [
                    (
                        "3.2.1",
                        [
                            "Grupul consultativ al comunităților de străini",
                            "pe lângă Primar",
                        ],
                        "Cabinetul Primarului",
                        "din iunie 2026",
                        "—",
                    ),
                    (
                        "3.2.2",
                        ["Festivalul Vecinilor, în Piața Mică"],
                        "Centrul Cultural Municipal",
                        "anual, în septembrie",
                        "25.000 lei/an",
                    ),
                ],
            ),
        ],
    ),
]
NULLS = ("—", "n.d.")
for c, t, objs in D:
    P.area(c, t)
    for oc, ot, ms in objs:
        P.objective(oc, ot, c)
        for mc, parts, r, term, bud in ms:
            P.measure(mc, " ".join(parts), oc, [r], term, None if bud in NULLS else bud)
INDS = [
    (
        "1.1.1",
        "Număr de persoane informate",
        "n.d.",
        "800 / an",
        ["sex", "nationality"],
        "quantitative",
    ),
    ("1.1.2", "Vizitatori unici ai paginii", "0", "6.000 / an", [], "quantitative"),
    ("1.2.1", "Funcționari instruiți", "0", "120", [], "quantitative"),
    (
        "2.1.1",
        "Adulți care obțin certificatul de nivel A2",
        "25",
        "90",
        ["sex", "age"],
        "quantitative",
    ),
    (
        "2.1.2",
        "Număr de elevi străini sprijiniți la limba română",
        "—",
        "150",
        ["age"],
        "quantitative",
    ),
    (
        "2.2.1",
        "Persoane angajate în urma bursei",
        "n.d.",
        "40",
        ["sex", "nationality"],
        "quantitative",
    ),
    (
        "3.1.1",
        "Cazuri de mediere rezolvate",
        "—",
        "60",
        ["household size"],
        "quantitative",
    ),
    (
        "3.2.1",
        "Opinia membrilor privind influența grupului asupra deciziilor locale",
        "—",
        "pozitivă",
        [],
        "qualitative",
    ),
    ("3.2.2", "Persoane prezente la festival", "2.000", "4.000", [], "quantitative"),
]
for m, n, b, t, d, k in INDS:
    P.indicator(m, n, None if b in NULLS else b, t, d, k)

o: list[str] = []
a = o.append
a("PRIMĂRIA MUNICIPIULUI SIBIU\nServiciul Public de Asistență Socială\n")
a("PLAN LOCAL PENTRU INTEGRAREA STRĂINILOR")
a("2026 – 2028\n")
a("Aprobat prin Hotărârea Consiliului Local nr. 27/2026\n")
a("CAPITOLUL 1. INTRODUCERE\n")
a(
    para(
        "Sibiul a devenit în ultimii ani o destinație pentru lucrători din Asia de Sud, pentru studenți "
        "internaționali ai universităților locale și pentru refugiați din Ucraina. Prezentul plan "
        "stabilește acțiunile prin care autoritățile locale și partenerii lor sprijină integrarea "
        "acestor persoane în viața orașului.",
        W,
        3,
    )
)
a("")
a("CAPITOLUL 2. CADRUL LEGAL\n")
a(
    para(
        "Temeiul juridic îl constituie O.G. nr. 44/2004 (art. 2 și art. 15), care reglementează programele "
        "de integrare pentru străinii cu drept de ședere sau protecție, și art. 6 din Legea nr. 292/2011.",
        W,
        3,
    )
)
a("")
a("CAPITOLUL 3. DATE DESPRE STRĂINII DIN MUNICIPIU\n")
a("3.1. Străini cu drept de ședere în județul Sibiu (decembrie 2024): 6.842")
a("3.2. Dintre aceștia, cu permis de muncă: 4.105")
a("3.3. Beneficiari de protecție temporară (Ucraina): 1.230\n")
a(
    para(
        "Cele mai numeroase grupuri provin din Nepal, Sri Lanka, India, Republica Moldova și Turcia. "
        "Majoritatea lucrează în construcții, industria auto și HoReCa.",
        W,
        0,
    )
)
a("")
a("3.4. Ce ne-au spus străinii\n")
a(
    para(
        "În cadrul consultărilor, participanții au semnalat dificultăți legate de chiriile mari și de "
        "contractele neînregistrate, lipsa informațiilor în alte limbi decât româna, așteptarea "
        "îndelungată pentru programări la serviciile publice și izolarea familiilor cu copii mici. "
        "Angajatorii au indicat nevoia unor cursuri de limba română adaptate turelor de lucru.",
        W,
        3,
    )
)
a("")
a("3.5. Metodologia elaborării planului\n")
a("Etapele elaborării:")
a("1. analiza datelor statistice și administrative;")
a("2. consultări cu 46 de străini, în patru limbi;")
a("3. trei ateliere cu instituțiile publice și organizațiile neguvernamentale;")
a("4. dezbatere publică (30 de zile) și aprobarea în Consiliul Local.\n")
a("Partenerii implicați în elaborare:")
for i, e in enumerate(
    [
        "Inspectoratul General pentru Imigrări – Serviciul Sibiu",
        "Universitatea din Sibiu – Centrul de Studii Interculturale",
        "Asociația Casa Deschisă Sibiu",
        "Camera de Comerț și Industrie a județului",
        "Parohia Romano-Catolică și Comunitatea Musulmană locală",
    ],
    1,
):
    a(f"{i}) {e}")
a("")
a("CAPITOLUL 4. DIRECȚII, OBIECTIVE ȘI ACȚIUNI\n")
a(
    "Tabelele de mai jos au coloanele: Cod, Acțiune, Instituție responsabilă, Termen, Buget.\n"
)
for c, t, objs in D:
    a(f"Direcția {c}. {t}\n")
    for oc, ot, ms in objs:
        a(f"Obiectivul specific {oc}. {ot}")
        a("Cod\tAcțiune\tInstituție responsabilă\tTermen\tBuget")
        for mc, parts, r, term, bud in ms:
            a(f"{mc}\t{parts[0]}\t{r}\t{term}\t{bud}")
            for p in parts[1:]:
                a(f"\t{p}")
        a("")
a("CAPITOLUL 5. RECOMANDĂRI\n")
RECS = [
    (
        "Către Inspectoratul General pentru Imigrări",
        [
            "– extinderea programului de lucru cu publicul la Biroul Sibiu;",
            "– publicarea formularelor și în limba engleză;",
        ],
    ),
    (
        "Către Consiliul Județean Sibiu",
        ["– includerea străinilor în strategia județeană de dezvoltare socială;"],
    ),
    (
        "Către angajatori",
        [
            "– asigurarea de cazare decentă pentru lucrătorii recrutați din străinătate;",
            "– sprijinirea participării la cursurile de limba română.",
        ],
    ),
]
for aud, items in RECS:
    a(aud + ":")
    for it in items:
        a(it)
        P.rec(aud, " ".join(it[2:].split()[:6]))
    a("")
a("CAPITOLUL 6. MONITORIZARE\n")
a(
    para(
        "Serviciul Public de Asistență Socială întocmește anual un raport de monitorizare pe baza indicatorilor din "
        "Anexa 1, care este prezentat Consiliului Local și publicat pe site-ul primăriei.",
        W,
        3,
    )
)
a("")
a("ANEXA 1. INDICATORI\n")
a("Cod acțiune\tIndicator\tValoare de referință (2025)\tȚintă 2028")
DN = {
    "sex": "sex",
    "age": "vârstă",
    "nationality": "cetățenie",
    "household size": "mărimea gospodăriei",
}
for m, n, b, t, d, k in INDS:
    a(f"{m}\t{n}{(' (pe ' + ', '.join(DN[x] for x in d) + ')') if d else ''}\t{b}\t{t}")
a("")
a("ANEXA 2. SURSE DE FINANȚARE\n")
a(
    para(
        "Bugetul total estimat al planului este de aproximativ 610.000 lei pentru trei ani. Sursele sunt "
        "bugetul local, proiecte finanțate prin Programul Fondul pentru Azil, Migrație și Integrare, "
        "contribuții ale partenerilor și sponsorizări ale angajatorilor.",
        W,
        3,
    )
)
a("")
a(
    "Abrevieri: AJOFM – Agenția Județeană pentru Ocuparea Forței de Muncă; IGI – Inspectoratul General "
    "pentru Imigrări; ITM – Inspectoratul Teritorial de Muncă."
)
text = paginate(
    "\n".join(o),
    44,
    lambda n: None,
    lambda n: f"Plan local pentru integrarea străinilor, Sibiu 2026–2028 | pagina {n}",
    ff=False,
)
write("54_ro_sibiu-integrare", text, plan_gold("ro", P))

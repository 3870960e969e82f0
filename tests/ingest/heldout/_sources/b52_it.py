"""52 it: piano di zona; 'Priorità 1' areas and 'Azione 1.1' measures (no objectives);
each field label on its own line with the value below; indicators with 'Valore di partenza' /
'Valore atteso' inline; form feeds; running header; recommendations by audience a) b)."""

from common import Plan, paginate, para, plan_gold, write

P = Plan()
W = 84
PR = [
    (
        "1",
        "Orientamento e accesso ai servizi",
        [
            (
                "1.1",
                "Sportello unico per cittadini stranieri presso l'Ufficio Relazioni con il Pubblico",
                ["Settore Servizi alla Persona"],
                "Caritas diocesana; patronati INCA e ACLI",
                "2026–2028",
                "€ 28.000 annui",
                [
                    (
                        "Accessi allo sportello",
                        "n.d.",
                        "1.500 l'anno",
                        ["sex", "nationality"],
                        "quantitative",
                    )
                ],
            ),
            (
                "1.2",
                "Mediazione linguistico-culturale su chiamata nei servizi sociali e sanitari",
                ["Ambito Territoriale Sociale 10"],
                "Cooperativa sociale Il Ponte di Fabriano",
                "2026–2028",
                "€ 35.500 annui",
                [("Ore di mediazione erogate", "620", "1.200", [], "quantitative")],
            ),
            (
                "1.3",
                "Carta dei servizi plurilingue",
                ["Ufficio Stampa comunale"],
                "—",
                "entro dicembre 2026",
                "€ 4.000",
                [("Lingue disponibili", "2", "7", [], "quantitative")],
            ),
        ],
    ),
    (
        "2",
        "Lingua, scuola e formazione",
        [
            (
                "2.1",
                "Corsi di italiano L2 serali e nel fine settimana",
                ["CPIA Ancona – sede di Fabriano"],
                "Associazioni di volontariato",
                "anni scolastici 2026/27–2028/29",
                "€ 22.000 per anno scolastico",
                [
                    ("Iscritti ai corsi", "140", "260", ["sex", "age"], "quantitative"),
                    (
                        "Iscritti che ottengono la certificazione A2",
                        "—",
                        "50%",
                        [],
                        "quantitative",
                    ),
                ],
            ),
            (
                "2.2",
                "Laboratori estivi per bambini e ragazzi neoarrivati",
                ["Settore Istruzione"],
                "Oratori parrocchiali; Polisportiva Fabrianese",
                "estate 2026, 2027 e 2028",
                "€ 9.500 annui",
                [("Partecipanti ai laboratori", "n.d.", "80", ["age"], "quantitative")],
            ),
            (
                "2.3",
                "Percorsi di formazione professionale nel settore meccanico con tirocinio",
                ["Centro per l'Impiego di Fabriano"],
                "Confindustria (sezione locale)",
                "2027–2028",
                "€ 48.000",
                [("Tirocini avviati", "0", "25", ["sex"], "quantitative")],
            ),
            (
                "2.4",
                "Colloqui di orientamento per il riconoscimento dei titoli di studio",
                ["Centro per l'Impiego di Fabriano"],
                "—",
                "dal 2026",
                "n.d.",
                [],
            ),
            (
                "2.5",
                "Formazione interculturale per insegnanti e personale ATA",
                ["Istituto Comprensivo Marco Polo"],
                "Università di Macerata",
                "2026–2027",
                "€ 6.000",
                [("Docenti formati", "12", "90", [], "quantitative")],
            ),
        ],
    ),
    (
        "3",
        "Casa, salute e partecipazione",
        [
            (
                "3.1",
                "Agenzia sociale per la casa con fondo di garanzia per gli affitti",
                ["Settore Politiche Abitative"],
                "Fondazione Carifac",
                "2026–2028",
                "€ 60.000",
                [
                    (
                        "Contratti di locazione garantiti",
                        "3",
                        "30",
                        ["household size"],
                        "quantitative",
                    )
                ],
            ),
            (
                "3.2",
                "Educazione alla salute per donne straniere nei consultori",
                ["AST Ancona – Distretto di Fabriano"],
                "Associazione Donne nel Mondo",
                "2026–2028",
                "€ 7.200 annui",
                [
                    (
                        "Donne raggiunte dagli incontri",
                        "n.d.",
                        "300",
                        ["nationality"],
                        "quantitative",
                    ),
                    (
                        "Gradimento delle partecipanti (questionario)",
                        "n.d.",
                        "buono",
                        [],
                        "qualitative",
                    ),
                ],
            ),
            (
                "3.3",
                "Consulta comunale delle comunità straniere",
                ["Consiglio comunale"],
                "—",
                "insediamento entro giugno 2026",
                "—",
                [("Consulta insediata", "no", "sì", [], "qualitative")],
            ),
        ],
    ),
]
NULLS = ("n.d.", "—")
for c, t, acts in PR:
    P.area(c, t.upper() if c != "2" else t)
    for ac, at, resp, partner, when, budget, inds in acts:
        P.measure(ac, at, c, resp, when, None if budget in NULLS else budget)
        for n, b, tg, d, k in inds:
            P.indicator(ac, n, None if b in NULLS else b, tg, d, k)

o: list[str] = []
a = o.append
a("COMUNE DI FABRIANO")
a("Ambito Territoriale Sociale 10\n\n")
a("P I A N O   L O C A L E   P E R   L ' I N C L U S I O N E")
a("D E I   C I T T A D I N I   S T R A N I E R I\n")
a("Triennio 2026–2028\n")
a("Approvato con deliberazione della Giunta comunale n. 18 del 3 febbraio 2026")
cover = "\n".join(o)
o.clear()
a("Sommario\n")
a("Premessa  3")
a("1. Quadro normativo  3")
a("2. Il contesto  4")
a("3. Il percorso di costruzione del piano  4")
a("4. Le priorità e le azioni  5")
a("   Priorità 1 – Orientamento e accesso ai servizi  5")
a("   Priorità 2 – Lingua, scuola e formazione  6")
a("   Priorità 3 – Casa, salute e partecipazione  8")
a("5. Raccomandazioni  9")
a("6. Monitoraggio  9\n")
a("Premessa\n")
a(
    para(
        "Il presente piano nasce dal lavoro del Tavolo per l'inclusione, che dal 2024 riunisce servizi "
        "comunali, scuole, sindacati, parrocchie e associazioni delle comunità straniere. In una città "
        "segnata dalla crisi dell'elettrodomestico e dalla ricostruzione dopo il sisma, la presenza di "
        "lavoratori e famiglie provenienti da altri paesi è una risorsa da accompagnare, non un problema "
        "da gestire.",
        W,
        3,
    )
)
a("")
a("1. Quadro normativo\n")
a(
    para(
        "Il piano fa riferimento al Testo unico sull'immigrazione (d.lgs. 25 luglio 1998, n. 286), in "
        "particolare all'articolo 42 sulle misure di integrazione sociale, alla legge regionale delle "
        "Marche n. 13 del 2009 e alla legge 8 novembre 2000, n. 328, articolo 19, che disciplina il piano "
        "di zona.",
        W,
        3,
    )
)
a("")
a("2. Il contesto\n")
a("Residenti con cittadinanza straniera al 1° gennaio 2025")
a("2.874")
a("Incidenza sulla popolazione residente")
a("9,3%")
a("Alunni con cittadinanza non italiana nelle scuole del primo ciclo")
a("14,8%\n")
a(
    para(
        "Le comunità più numerose sono quella macedone, rumena, marocchina e bangladese. Negli ultimi "
        "due anni sono arrivati anche nuclei familiari ucraini e richiedenti asilo accolti nei progetti "
        "SAI della provincia.",
        W,
        3,
    )
)
a("")
a("3. Il percorso di costruzione del piano\n")
a("Il piano è stato costruito in quattro fasi:")
a("1. analisi dei dati dei servizi (marzo–aprile 2025);")
a("2. cinque focus group con operatori e cittadini stranieri;")
a("3. due sedute plenarie del Tavolo per l'inclusione;")
a("4. presentazione pubblica e raccolta di osservazioni scritte.\n")
a("4. Le priorità e le azioni\n")
a(
    para(
        "Per ogni azione sono indicati il soggetto responsabile, i partner, i tempi, le risorse e "
        "l'indicatore con cui verrà verificata. Le azioni sono numerate all'interno di ciascuna "
        "priorità.",
        W,
        0,
    )
)
a("")
DN = {
    "sex": "sesso",
    "age": "fascia d'età",
    "nationality": "cittadinanza",
    "household size": "numero di componenti del nucleo",
}
for c, t, acts in PR:
    a(f"PRIORITÀ {c}")
    a(t.upper() if c != "2" else t)
    a("")
    for ac, at, resp, partner, when, budget, inds in acts:
        a(f"Azione {ac} – {at}")
        a("Soggetto responsabile")
        a(resp[0])
        a("Partner")
        a(partner)
        a("Tempi di realizzazione")
        a(when)
        a("Risorse")
        a(budget)
        for n, b, tg, d, k in inds:
            a("Indicatore")
            a(n + (f", distinto per {' e '.join(DN[x] for x in d)}" if d else ""))
            a(f"Valore di partenza: {b} – Valore atteso al 2028: {tg}")
        a("")
a("5. Raccomandazioni\n")
a("Il Tavolo per l'inclusione rivolge inoltre le seguenti raccomandazioni.\n")
RECS = [
    (
        "Alla Regione Marche",
        [
            "a) prevedere risorse stabili per la mediazione culturale nei servizi sanitari;",
            "b) semplificare l'accesso all'edilizia residenziale pubblica per chi ha residenza recente;",
        ],
    ),
    (
        "Alla Prefettura di Ancona",
        [
            "a) ridurre i tempi di rilascio dei permessi di soggiorno per motivi familiari;"
        ],
    ),
    (
        "Ai datori di lavoro del territorio",
        [
            "a) consentire la frequenza dei corsi di italiano in orario di lavoro;",
            "b) aderire alla rete dei tirocini dell'Azione 2.3.",
        ],
    ),
]
for aud, items in RECS:
    a(aud)
    for it in items:
        a(it)
        P.rec(aud, " ".join(it[3:].split()[:6]))
    a("")
a("6. Monitoraggio\n")
a(
    para(
        "Il Settore Servizi alla Persona redige ogni anno una relazione di monitoraggio sulla base degli "
        "indicatori indicati per ciascuna azione. La relazione viene discussa dal Tavolo per "
        "l'inclusione e trasmessa alla Giunta entro il 31 marzo dell'anno successivo.",
        W,
        3,
    )
)
body = paginate(
    "\n".join(o),
    50,
    lambda n: "Piano locale per l'inclusione dei cittadini stranieri 2026–2028",
    lambda n: f"– {n} –",
    ff=True,
    first=2,
)
write("52_it_fabriano-inclusione", cover + "\n\f" + body, plan_gold("it", P))

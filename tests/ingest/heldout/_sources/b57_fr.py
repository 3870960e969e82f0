"""57 fr: projet territorial d'accueil; 'Orientation stratégique OE1–OE3' (glued prefix) with
'Objectif opérationnel 1.1' and 'Fiche-action n° 1…12' numbered across the plan; French
typography (space before colon, U+202F in amounts); fields 'Pilote : … / Partenaires : …';
indicators in a fixed-width annex table keyed by action number with wrapped names; 'nc' and '—';
préconisations by audience; running header with form feed."""
from common import Plan, para, paginate, plan_gold, write

N = "\u202f"
P = Plan()
W = 86
OE = [
    ("OE1", "Garantir un premier accueil lisible et coordonné", [
        ("1.1", "Mettre en réseau les lieux d'accueil de premier niveau", [
            ("1", "Créer une cartographie partagée des permanences d'accès aux droits", ["Grand Poitiers – Direction des solidarités"], "Centres sociaux ; Secours populaire", "2026", f"8{N}000 €"),
            ("2", "Organiser un comité technique mensuel des acteurs de l'accueil", ["Grand Poitiers – Direction des solidarités"], "DDETS de la Vienne ; OFII", "dès janvier 2026", "—"),
        ]),
        ("1.2", "Faciliter les démarches administratives", [
            ("3", "Ouvrir un point numérique accompagné à la Maison des services du quartier des Couronneries", ["CCAS de Poitiers"], "Association Emmaüs Connect", "2026-2028", f"32{N}000 € par an"),
            ("4", "Former les agents d'accueil de la mairie et du CCAS à l'interprétariat", ["Direction des ressources humaines", "CCAS de Poitiers"], "ISM Interprétariat", "2026-2027", f"11{N}500 €"),
        ]),
    ]),
    ("OE2", "Favoriser l'apprentissage du français et l'accès à l'emploi", [
        ("2.1", "Étoffer l'offre linguistique", [
            ("5", "Cours de français à visée professionnelle en soirée", ["Maison de l'emploi de Grand Poitiers"], "GRETA Poitou-Charentes", "2026-2028", f"45{N}000 € par an"),
            ("6", "Ateliers sociolinguistiques pour parents dans les écoles", ["Direction de l'éducation"], "Centres sociaux", "années scolaires 2026-2027 et 2027-2028", f"14{N}000 € par an"),
        ]),
        ("2.2", "Ouvrir l'accès à l'emploi et à la formation", [
            ("7", "Parcours « Premier emploi » avec immersion dans les entreprises du bâtiment", ["Maison de l'emploi de Grand Poitiers"], "France Travail ; Fédération du BTP 86", "2027-2028", f"60{N}000 €"),
            ("8", "Permanences de reconnaissance des diplômes étrangers", ["Université de Poitiers – Service de la formation continue"], "ENIC-NARIC France", "semestriel", "nc"),
        ]),
    ]),
    ("OE3", "Agir pour la santé, le logement et le lien social", [
        ("3.1", "Améliorer l'accès aux soins et au logement", [
            ("9", "Médiation en santé au centre hospitalier et dans les maisons de santé", ["CH de Poitiers (CHU)"], "ARS Nouvelle-Aquitaine", "2026-2028", f"38{N}000 € par an"),
            ("10", "Dispositif d'intermédiation locative pour les bénéficiaires de la protection internationale", ["Grand Poitiers – Direction de l'habitat"], "Bailleurs sociaux ; association Audacia", "2026-2028", f"70{N}000 € par an"),
        ]),
        ("3.2", "Créer des occasions de rencontre", [
            ("11", "Programme de parrainage citoyen entre habitants et nouveaux arrivants", ["CCAS de Poitiers"], "Associations de quartier", "2026-2028", f"9{N}000 € par an"),
            ("12", "Semaine de l'hospitalité dans les médiathèques et maisons de quartier", ["Direction de la culture"], "Médiathèque François-Mitterrand", "chaque année en juin", f"6{N}500 €"),
        ]),
    ]),
]
NULLS = ("—", "nc")
for c, t, objs in OE:
    P.area(c, t)
    for oc, ot, acts in objs:
        P.objective(oc, ot, c)
        for ac, at, pil, part, cal, bud in acts:
            P.measure(ac, at, oc, pil, cal, None if bud in NULLS else bud)
INDS = [
    ("1", "Cartographie publiée et mise à jour", "non", "oui", [], "qualitative"),
    ("3", "Personnes accompagnées au point numérique", "nc", "1 200 par an", ["sex", "age"], "quantitative"),
    ("4", "Agents formés", "0", "90", [], "quantitative"),
    ("5", "Stagiaires ayant atteint le niveau A2 ou plus", "nc", "70 %", ["sex"], "quantitative"),
    ("6", "Parents participant aux ateliers", "35", "120", ["sex"], "quantitative"),
    ("7", "Sorties en emploi durable ou en formation qualifiante", "—", "40", ["sex", "age"], "quantitative"),
    ("9", "Consultations avec médiation", "nc", "800 par an", ["nationality"], "quantitative"),
    ("10", "Ménages relogés", "12", "50", ["household composition"], "quantitative"),
    ("11", "Binômes de parrainage constitués", "0", "60", [], "quantitative"),
]
for m, n, b, tg, d, k in INDS:
    P.indicator(m, n, None if b in NULLS else b, tg, d, k)

o: list[str] = []
a = o.append
a("GRAND POITIERS COMMUNAUTÉ URBAINE\n\nPROJET TERRITORIAL D'ACCUEIL ET D'INTÉGRATION\nDES PERSONNES ÉTRANGÈRES PRIMO-ARRIVANTES\n\n2026 – 2028\n\n"
  "Délibération du conseil communautaire du 6 février 2026\n")
a("\f")
body: list[str] = []
b = body.append
b("1. Préambule\n")
b(para("Le présent projet s'inscrit dans la continuité du contrat territorial d'accueil et d'intégration "
       "signé avec l'État en 2023. Il s'appuie sur les articles L. 413-2 et suivants du code de l'entrée "
       "et du séjour des étrangers et du droit d'asile, relatifs au contrat d'intégration républicaine, et "
       "sur la circulaire du 17 janvier 2019 relative à la politique d'intégration des étrangers "
       "primo-arrivants. Il associe vingt-deux partenaires institutionnels et associatifs.", W, 2))
b("")
b("2. Éléments de diagnostic\n")
b(para(f"Au 1er janvier 2025, la communauté urbaine comptait environ 9{N}400 personnes de nationalité "
       f"étrangère, soit 4,8 % de la population. Chaque année, près de 650 personnes signent un contrat "
       "d'intégration républicaine dans la Vienne, dont plus de la moitié résident sur le territoire de "
       "Grand Poitiers. Les étudiants internationaux, au nombre de 4 000, ne relèvent pas directement du "
       "présent projet mais bénéficient de plusieurs actions.", W, 2))
b("")
b("Les principaux besoins exprimés :")
b("– une information claire et traduite sur les démarches ;")
b("– des cours de français compatibles avec un emploi ou la garde d'enfants ;")
b("– un accès facilité au logement social et aux soins ;")
b("– des occasions de rencontre avec les habitants.\n")
b("3. Gouvernance\n")
b("Le projet est piloté par un comité de pilotage composé de :")
for i, e in enumerate(["la Vice-présidente chargée des solidarités, présidente ;", "le Préfet de la Vienne ou son représentant ;",
                       "la directrice territoriale de l'OFII ;", "le directeur de la DDETS ;",
                       "deux représentants des associations de personnes étrangères."], 1):
    b(f"{i}. {e}")
b("")
b("4. Orientations, objectifs et actions\n")
for c, t, objs in OE:
    b(f"ORIENTATION STRATÉGIQUE {c} – {t.upper()}\n")
    for oc, ot, acts in objs:
        b(f"Objectif opérationnel {oc} : {ot}\n")
        for ac, at, pil, part, cal, bud in acts:
            b(f"Fiche-action n° {ac} – {at}")
            b(f"Pilote{N if False else ' '}: {' ; '.join(pil)}")
            b(f"Partenaires : {part}")
            b(f"Calendrier : {cal}")
            b(f"Coût estimé : {bud}")
            b("")
b("5. Préconisations\n")
b(para("Le comité de pilotage formule en outre des préconisations qui relèvent d'autres acteurs :", W, 0))
b("")
RECS = [("À l'attention de l'État", ["– renforcer les effectifs du service des étrangers de la préfecture ;",
                                     "– porter à 600 heures le volume maximal de formation linguistique du CIR ;"]),
        ("À l'attention du Département de la Vienne", ["– ouvrir les places de crèche à vocation d'insertion aux parents en formation linguistique ;"]),
        ("À l'attention des employeurs", ["– désigner un référent intégration dans les entreprises de plus de cinquante salariés ;"])]
for aud, items in RECS:
    b(aud + " :")
    for it in items:
        b(it)
        P.rec(aud, " ".join(it[2:].split()[:6]))
    b("")
b("Annexe – Indicateurs de suivi\n")
b("N°   Indicateur                                 Situation 2025   Cible 2028")
DN = {"sex": "sexe", "age": "âge", "nationality": "nationalité", "household composition": "composition du ménage"}
for m, n, bl, tg, d, k in INDS:
    name = n + (f" (par {' et '.join(DN[x] for x in d)})" if d else "")
    first, rest = name, ""
    if len(name) > 42:
        cut = name.rfind(" ", 0, 42)
        first, rest = name[:cut], name[cut + 1:]
    b(f"{m:<5}{first:<43}{bl:<17}{tg}")
    if rest:
        b(f"     {rest}")
b("")
b("nc : non connu à la date de rédaction.")
text = "\n".join(o) + "\n" + paginate("\n".join(body), 52, lambda n: f"Projet territorial d'accueil et d'intégration – Grand Poitiers   {n}",
                                       lambda n: None, ff=True, first=2)
write("57_fr_grand-poitiers-accueil", text, plan_gold("fr", P))

"""57 fr, PDF made with WeasyPrint from 57_fr_grand-poitiers-accueil.html (written by this script):
projet territorial d'accueil; 'Orientation stratégique OE1–OE3' (glued prefix) with
'Objectif opérationnel 1.1' and 'Fiche-action n° 1…12' numbered across the plan; French
typography (space before colon, U+202F in amounts); fields 'Pilote : … / Partenaires : …';
indicators in a fixed-width annex table keyed by action number with wrapped names; 'nc' and '—';
préconisations by audience; CSS running header and 'page N / M' footer in the text layer; automatic hyphenation (hyphens: auto).
Run with the project's .venv/bin/python."""

from common import Plan, plan_gold

N = "\u202f"
P = Plan()
W = 86
OE = [
    (
        "OE1",
        "Garantir un premier accueil lisible et coordonné",
        [
            (
                "1.1",
                "Mettre en réseau les lieux d'accueil de premier niveau",
                [
                    (
                        "1",
                        "Créer une cartographie partagée des permanences d'accès aux droits",
                        ["Grand Poitiers – Direction des solidarités"],
                        "Centres sociaux ; Secours populaire",
                        "2026",
                        f"8{N}000 €",
                    ),
                    (
                        "2",
                        "Organiser un comité technique mensuel des acteurs de l'accueil",
                        ["Grand Poitiers – Direction des solidarités"],
                        "DDETS de la Vienne ; OFII",
                        "dès janvier 2026",
                        "—",
                    ),
                ],
            ),
            (
                "1.2",
                "Faciliter les démarches administratives",
                [
                    (
                        "3",
                        "Ouvrir un point numérique accompagné à la Maison des services du quartier des Couronneries",
                        ["CCAS de Poitiers"],
                        "Association Emmaüs Connect",
                        "2026-2028",
                        f"32{N}000 € par an",
                    ),
                    (
                        "4",
                        "Former les agents d'accueil de la mairie et du CCAS à l'interprétariat",
                        ["Direction des ressources humaines", "CCAS de Poitiers"],
                        "ISM Interprétariat",
                        "2026-2027",
                        f"11{N}500 €",
                    ),
                ],
            ),
        ],
    ),
    (
        "OE2",
        "Favoriser l'apprentissage du français et l'accès à l'emploi",
        [
            (
                "2.1",
                "Étoffer l'offre linguistique",
                [
                    (
                        "5",
                        "Cours de français à visée professionnelle en soirée",
                        ["Maison de l'emploi de Grand Poitiers"],
                        "GRETA Poitou-Charentes",
                        "2026-2028",
                        f"45{N}000 € par an",
                    ),
                    (
                        "6",
                        "Ateliers sociolinguistiques pour parents dans les écoles",
                        ["Direction de l'éducation"],
                        "Centres sociaux",
                        "années scolaires 2026-2027 et 2027-2028",
                        f"14{N}000 € par an",
                    ),
                ],
            ),
            (
                "2.2",
                "Ouvrir l'accès à l'emploi et à la formation",
                [
                    (
                        "7",
                        "Parcours « Premier emploi » avec immersion dans les entreprises du bâtiment",
                        ["Maison de l'emploi de Grand Poitiers"],
                        "France Travail ; Fédération du BTP 86",
                        "2027-2028",
                        f"60{N}000 €",
                    ),
                    (
                        "8",
                        "Permanences de reconnaissance des diplômes étrangers",
                        ["Université de Poitiers – Service de la formation continue"],
                        "ENIC-NARIC France",
                        "semestriel",
                        "nc",
                    ),
                ],
            ),
        ],
    ),
    (
        "OE3",
        "Agir pour la santé, le logement et le lien social",
        [
            (
                "3.1",
                "Améliorer l'accès aux soins et au logement",
                [
                    (
                        "9",
                        "Médiation en santé au centre hospitalier et dans les maisons de santé",
                        ["CH de Poitiers (CHU)"],
                        "ARS Nouvelle-Aquitaine",
                        "2026-2028",
                        f"38{N}000 € par an",
                    ),
                    (
                        "10",
                        "Dispositif d'intermédiation locative pour les bénéficiaires de la protection internationale",
                        ["Grand Poitiers – Direction de l'habitat"],
                        "Bailleurs sociaux ; association Audacia",
                        "2026-2028",
                        f"70{N}000 € par an",
                    ),
                ],
            ),
            (
                "3.2",
                "Créer des occasions de rencontre",
                [
                    (
                        "11",
                        "Programme de parrainage citoyen entre habitants et nouveaux arrivants",
                        ["CCAS de Poitiers"],
                        "Associations de quartier",
                        "2026-2028",
                        f"9{N}000 € par an",
                    ),
                    (
                        "12",
                        "Semaine de l'hospitalité dans les médiathèques et maisons de quartier",
                        ["Direction de la culture"],
                        "Médiathèque François-Mitterrand",
                        "chaque année en juin",
                        f"6{N}500 €",
                    ),
                ],
            ),
        ],
    ),
]
NULLS = ("—", "nc")
for c, t, objs in OE:
    P.area(c, t.upper())
    for oc, ot, acts in objs:
        P.objective(oc, ot, c)
        for ac, at, pil, part, cal, bud in acts:
            P.measure(ac, at, oc, pil, cal, None if bud in NULLS else bud)
INDS = [
    ("1", "Cartographie publiée et mise à jour", "non", "oui", [], "qualitative"),
    (
        "3",
        "Personnes accompagnées au point numérique",
        "nc",
        "1 200 par an",
        ["sex", "age"],
        "quantitative",
    ),
    ("4", "Agents formés", "0", "90", [], "quantitative"),
    (
        "5",
        "Stagiaires ayant atteint le niveau A2 ou plus",
        "nc",
        "70 %",
        ["sex"],
        "quantitative",
    ),
    ("6", "Parents participant aux ateliers", "35", "120", ["sex"], "quantitative"),
    (
        "7",
        "Sorties en emploi durable ou en formation qualifiante",
        "—",
        "40",
        ["sex", "age"],
        "quantitative",
    ),
    (
        "9",
        "Consultations avec médiation",
        "nc",
        "800 par an",
        ["nationality"],
        "quantitative",
    ),
    ("10", "Ménages relogés", "12", "50", ["household composition"], "quantitative"),
    ("11", "Binômes de parrainage constitués", "0", "60", [], "quantitative"),
]
for m, n, b, tg, d, k in INDS:
    P.indicator(m, n, None if b in NULLS else b, tg, d, k)


import json
from html import escape

from common import OUT

RECS = [
    (
        "À l'attention de l'État",
        [
            "renforcer les effectifs du service des étrangers de la préfecture ;",
            "porter à 600 heures le volume maximal de formation linguistique du CIR ;",
        ],
    ),
    (
        "À l'attention du Département de la Vienne",
        [
            "ouvrir les places de crèche à vocation d'insertion aux parents en formation linguistique ;"
        ],
    ),
    (
        "À l'attention des employeurs",
        [
            "désigner un référent intégration dans les entreprises de plus de cinquante salariés ;"
        ],
    ),
]
for aud, items in RECS:
    for it in items:
        P.rec(aud, " ".join(it.split()[:6]))

h: list[str] = []
a = h.append
a("""<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Projet territorial d'accueil et d'intégration</title>
<style>
@page { size: A4; margin: 22mm 20mm 20mm 20mm;
  @top-center { content: "Projet territorial d'accueil et d'intégration – Grand Poitiers"; font-size: 8pt; color: #555; }
  @bottom-right { content: "page " counter(page) " / " counter(pages); font-size: 8pt; } }
@page :first { @top-center { content: none; } @bottom-right { content: none; } }
body { font-family: "DejaVu Serif", serif; font-size: 10pt; line-height: 1.35; }
p, li { text-align: justify; hyphens: auto; }
.cover { text-align: center; page-break-after: always; padding-top: 60mm; }
.cover h1 { font-size: 20pt; letter-spacing: 2pt; }
h2 { font-size: 13pt; margin-top: 14pt; } h3 { font-size: 11pt; } h4 { font-size: 10pt; margin: 10pt 0 2pt; }
.fiche { border-left: 3px solid #2a6; padding-left: 6pt; margin-bottom: 8pt; }
.fiche p { margin: 1pt 0; text-align: left; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; } td, th { border: 1px solid #999; padding: 2pt 4pt; }
</style></head><body>""")
a("""<div class="cover"><p>GRAND POITIERS COMMUNAUTÉ URBAINE</p><h1>PROJET TERRITORIAL D'ACCUEIL ET D'INTÉGRATION DES PERSONNES ÉTRANGÈRES PRIMO-ARRIVANTES</h1>
<p>2026 – 2028</p><p>Délibération du conseil communautaire du 6 février 2026</p></div>""")
a("<h2>1. Préambule</h2>")
a(
    "<p>Le présent projet s'inscrit dans la continuité du contrat territorial d'accueil et d'intégration signé avec l'État en 2023. "
    "Il s'appuie sur les articles L. 413-2 et suivants du code de l'entrée et du séjour des étrangers et du droit d'asile, relatifs "
    "au contrat d'intégration républicaine, et sur la circulaire du 17 janvier 2019 relative à la politique d'intégration des "
    "étrangers primo-arrivants. Il associe vingt-deux partenaires institutionnels et associatifs.</p>"
)
a("<h2>2. Éléments de diagnostic</h2>")
a(
    f"<p>Au 1er janvier 2025, la communauté urbaine comptait environ 9{N}400 personnes de nationalité étrangère, soit 4,8 % de la "
    "population. Chaque année, près de 650 personnes signent un contrat d'intégration républicaine dans la Vienne, dont plus de la "
    "moitié résident sur le territoire de Grand Poitiers. Les étudiants internationaux, au nombre de 4 000, ne relèvent pas "
    "directement du présent projet mais bénéficient de plusieurs actions.</p>"
)
a(
    "<p>Les principaux besoins exprimés :</p><ul><li>une information claire et traduite sur les démarches ;</li>"
    "<li>des cours de français compatibles avec un emploi ou la garde d'enfants ;</li><li>un accès facilité au logement social et aux soins ;</li>"
    "<li>des occasions de rencontre avec les habitants.</li></ul>"
)
a(
    "<h2>3. Gouvernance</h2><p>Le projet est piloté par un comité de pilotage composé de :</p><ol>"
)
for e in [
    "la Vice-présidente chargée des solidarités, présidente ;",
    "le Préfet de la Vienne ou son représentant ;",
    "la directrice territoriale de l'OFII ;",
    "le directeur de la DDETS ;",
    "deux représentants des associations de personnes étrangères.",
]:
    a(f"<li>{escape(e)}</li>")
a(
    "</ol><p>Un comité technique, réuni tous les deux mois, prépare les décisions et suit l'avancement des fiches-actions. "
    "Les associations de personnes étrangères y disposent de deux sièges et peuvent inscrire des points à l'ordre du jour.</p>"
)
a("<h2>4. Orientations, objectifs et actions</h2>")
for c, t, objs in OE:
    a(f"<h3>ORIENTATION STRATÉGIQUE {c} – {escape(t.upper())}</h3>")
    for oc, ot, acts in objs:
        a(f"<h4>Objectif opérationnel {oc} : {escape(ot)}</h4>")
        for ac, at, pil, part, cal, bud in acts:
            a(
                f'<div class="fiche"><p><b>Fiche-action n° {ac} – {escape(at)}</b></p>'
                f"<p>Pilote : {escape(' ; '.join(pil))}</p><p>Partenaires : {escape(part)}</p>"
                f"<p>Calendrier : {escape(cal)}</p><p>Coût estimé : {escape(bud)}</p></div>"
            )
a(
    "<h2>5. Préconisations</h2><p>Le comité de pilotage formule en outre des préconisations qui relèvent d'autres acteurs :</p>"
)
for aud, items in RECS:
    a(
        f"<p><b>{escape(aud)} :</b></p><ul>"
        + "".join(f"<li>{escape(it)}</li>" for it in items)
        + "</ul>"
    )
a(
    "<h2>Annexe – Indicateurs de suivi</h2><table><tr><th>N°</th><th>Indicateur</th><th>Situation 2025</th><th>Cible 2028</th></tr>"
)
DN = {
    "sex": "sexe",
    "age": "âge",
    "nationality": "nationalité",
    "household composition": "composition du ménage",
}
for m, n, bl, tg, d, k in INDS:
    name = n + (f" (par {' et '.join(DN[x] for x in d)})" if d else "")
    a(
        f"<tr><td>{m}</td><td>{escape(name)}</td><td>{escape(bl)}</td><td>{escape(tg)}</td></tr>"
    )
a("</table><p>nc : non connu à la date de rédaction.</p></body></html>")
stem = "57_fr_grand-poitiers-accueil"
(OUT / "_sources" / f"{stem}.html").write_text("\n".join(h), encoding="utf-8")
from weasyprint import HTML

HTML(string="\n".join(h)).write_pdf(str(OUT / f"{stem}.pdf"))
(OUT / f"{stem}.txt").unlink(missing_ok=True)
(OUT / f"{stem}.gold.json").write_text(
    json.dumps(plan_gold("fr", P), ensure_ascii=False, indent=1) + "\n",
    encoding="utf-8",
)

"""51 es: plan local; 'Línea 1' areas with glued-prefix codes L1.1 for actions in pipe tables;
indicators in a separate pipe table keyed by code; running footer without form feed;
hyphenation; recommendations by audience; 's.d.' and '—' as null."""

from common import Plan, paginate, para, plan_gold, write

P = Plan()
W = 90
LINES = [
    (
        "1",
        "ACOGIDA E INFORMACIÓN",
        [
            (
                "L1.1",
                "Oficina de primera acogida en el Centro Cívico Casco Antiguo",
                "Servicios Sociales Municipales",
                "2026-2029",
                "38.000 €/año",
            ),
            (
                "L1.2",
                "Guía municipal de recursos traducida a seis idiomas",
                "Área de Participación Ciudadana",
                "1.er semestre 2026",
                "7.500 €",
            ),
            (
                "L1.3",
                "Servicio de mediación intercultural en el padrón y el registro",
                "Oficina de Atención a la Ciudadanía",
                "2026-2029",
                "24.000 €/año",
            ),
        ],
    ),
    (
        "2",
        "EDUCACIÓN Y LENGUA",
        [
            (
                "L2.1",
                "Aulas de español para personas adultas con horario de tarde",
                "Universidad Popular de Calahorra",
                "cursos 2026/27 a 2028/29",
                "31.200 €/curso",
            ),
            (
                "L2.2",
                "Programa de acompañamiento escolar para alumnado recién llegado",
                "Concejalía de Educación",
                "2026-2029",
                "19.000 €/año",
            ),
            (
                "L2.3",
                "Encuentros de familias en los centros educativos",
                "Concejalía de Educación",
                "trimestral",
                "—",
            ),
            (
                "L2.4",
                "Reconocimiento de títulos: asesoramiento y tasas",
                "Servicios Sociales Municipales",
                "2027-2028",
                "6.000 €",
            ),
        ],
    ),
    (
        "3",
        "EMPLEO Y VIVIENDA",
        [
            (
                "L3.1",
                "Itinerarios de inserción laboral con prácticas en empresas de la comarca",
                "Agencia de Desarrollo Local",
                "2026-2029",
                "52.000 €/año",
            ),
            (
                "L3.2",
                "Bolsa de vivienda de alquiler con garantía municipal",
                "Área de Vivienda",
                "2027-2029",
                "40.000 €/año",
            ),
            (
                "L3.3",
                "Información sobre derechos laborales a temporeros agrícolas",
                "Agencia de Desarrollo Local",
                "campañas de verano",
                "4.800 €/campaña",
            ),
        ],
    ),
    (
        "4",
        "CONVIVENCIA Y PARTICIPACIÓN",
        [
            (
                "L4.1",
                "Mesa Local de Convivencia con representación de asociaciones de personas migrantes",
                "Alcaldía",
                "desde marzo de 2026",
                "s.d.",
            ),
            (
                "L4.2",
                "Fiesta de los barrios y programación cultural compartida",
                "Concejalía de Cultura",
                "anual",
                "12.000 €/año",
            ),
            (
                "L4.3",
                "Protocolo municipal ante incidentes de odio",
                "Policía Local",
                "2026",
                "—",
            ),
        ],
    ),
]
INDS = [
    (
        "L1.1",
        "Personas atendidas en la oficina de primera acogida",
        "s.d.",
        "900/año",
        ["sex", "nationality"],
        "quantitative",
    ),
    ("L1.2", "Idiomas disponibles de la guía", "1", "6", [], "quantitative"),
    (
        "L1.3",
        "Mediaciones realizadas en el padrón",
        "140",
        "400",
        ["nationality"],
        "quantitative",
    ),
    (
        "L2.1",
        "Personas matriculadas en las aulas de español",
        "85",
        "180",
        ["sex", "age"],
        "quantitative",
    ),
    ("L2.1", "Porcentaje que supera el nivel A2", "s.d.", "60 %", [], "quantitative"),
    ("L2.2", "Alumnado acompañado", "40", "110", ["sex", "age"], "quantitative"),
    (
        "L2.3",
        "Valoración de las familias sobre los encuentros",
        "—",
        "satisfactoria",
        [],
        "qualitative",
    ),
    (
        "L3.1",
        "Personas que consiguen un contrato de más de tres meses",
        "22",
        "75",
        ["sex"],
        "quantitative",
    ),
    ("L3.2", "Viviendas captadas para la bolsa", "0", "25", [], "quantitative"),
    (
        "L4.1",
        "Reuniones de la Mesa Local de Convivencia",
        "0",
        "4/año",
        [],
        "quantitative",
    ),
    ("L4.3", "Existencia del protocolo aprobado", "no", "sí", [], "qualitative"),
]
for code, t, acts in LINES:
    P.area(code, t)
    for c, a, r, cal, pre in acts:
        P.measure(c, a, code, [r], cal, None if pre in ("—", "s.d.") else pre)
for m, n, b, t, d, k in INDS:
    P.indicator(m, n, None if b in ("s.d.", "—") else b, t, d, k)

o: list[str] = []
a = o.append
a("AYUNTAMIENTO DE CALAHORRA")
a("Concejalía de Servicios Sociales e Igualdad\n")
a("PLAN LOCAL DE INCLUSIÓN Y CONVIVENCIA INTERCULTURAL")
a("CALAHORRA 2026-2029\n")
a("Aprobación: acuerdo plenario de 29 de enero de 2026\n")
a("1. PRESENTACIÓN\n")
a(
    para(
        "Calahorra es una ciudad de algo más de veinticinco mil habitantes en la Rioja Baja, con una "
        "economía ligada a la conserva vegetal, la agricultura intensiva y los servicios. Desde principios "
        "de siglo la llegada de población de otros países ha sido constante y hoy forma parte del "
        "paisaje cotidiano de los barrios, las escuelas y los comercios. Este plan recoge el compromiso "
        "del Ayuntamiento para que esa diversidad se traduzca en igualdad de oportunidades y en una "
        "convivencia de calidad.",
        W,
        4,
    )
)
a("")
a("2. MARCO NORMATIVO\n")
a(
    para(
        "El plan se apoya en el artículo 9.2 de la Constitución, en la LO 4/2000 de extranjería "
        "(artículo 2 ter, sobre integración de los inmigrantes) y en el artículo 25 de la Ley 7/1985 (LRBRL). A nivel autonómico "
        "se tiene en cuenta la Ley 7/2009 de Servicios Sociales de La Rioja.",
        W,
        4,
    )
)
a("")
a("3. DIAGNÓSTICO\n")
a("3.1 Población")
a("Personas empadronadas de nacionalidad extranjera (1 de enero de 2025):")
a("4.317")
a("Porcentaje sobre la población total:")
a("17,1 %")
a("Principales nacionalidades: Marruecos, Rumanía, Pakistán, Colombia y Argelia.\n")
a("3.2 Situación laboral")
a(
    para(
        "La tasa de paro registrado de la población extranjera se sitúa en el 21,4 %, frente al 9,8 % "
        "del conjunto de la ciudad. La contratación temporal en el campo concentra la mayor parte de los "
        "contratos entre mayo y octubre.",
        W,
        4,
    )
)
a("")
a("3.3 Participación")
a(
    para(
        "El registro municipal de entidades recoge once asociaciones de población migrante; solo cuatro "
        "de ellas mantienen actividad regular.",
        W,
        0,
    )
)
a("")
a("4. METODOLOGÍA\n")
a("1) Revisión de datos del padrón y de los servicios municipales.")
a("2) Veinte entrevistas a profesionales y a personas migrantes.")
a("3) Dos talleres abiertos en los barrios de San Andrés y Casco Antiguo.")
a("4) Exposición pública del borrador durante treinta días.\n")
a("5. LÍNEAS ESTRATÉGICAS Y ACTUACIONES\n")
a(
    para(
        "El plan se organiza en cuatro líneas estratégicas. Cada actuación lleva un código formado por la "
        "letra L, el número de la línea y el número de orden. La columna «Responsable» indica el servicio "
        "que lidera la actuación; las entidades colaboradoras se detallan en el anexo.",
        W,
        4,
    )
)
a("")
for code, t, acts in LINES:
    a(f"LÍNEA {code}. {t}\n")
    a("| Código | Actuación | Responsable | Calendario | Presupuesto |")
    a("|---|---|---|---|---|")
    for c, ac, r, cal, pre in acts:
        a(f"| {c} | {ac} | {r} | {cal} | {pre} |")
    a("")
a("6. INDICADORES DE SEGUIMIENTO\n")
a("Los indicadores se desagregarán cuando así se indica entre paréntesis.\n")
a("| Actuación | Indicador | Valor inicial (2025) | Meta 2029 |")
a("|---|---|---|---|")
DN = {"sex": "sexo", "nationality": "nacionalidad", "age": "edad"}
for m, n, b, t, d, k in INDS:
    dd = f" (por {' y '.join(DN[x] for x in d)})" if d else ""
    a(f"| {m} | {n}{dd} | {b} | {t} |")
a("")
a("7. RECOMENDACIONES\n")
a(
    para(
        "Algunas de las necesidades detectadas superan las competencias municipales. La Mesa Local "
        "traslada las siguientes recomendaciones:",
        W,
        0,
    )
)
a("")
RECS = [
    (
        "Al Gobierno de La Rioja",
        [
            "Reforzar la dotación de profesorado de español en los centros con más alumnado recién llegado.",
            "Agilizar la homologación de títulos sanitarios y de cuidados.",
        ],
    ),
    (
        "A las organizaciones empresariales",
        [
            "Publicar las ofertas de empleo de campaña con al menos quince días de antelación.",
            "Facilitar alojamiento digno a las personas temporeras contratadas.",
        ],
    ),
    (
        "A las asociaciones y entidades sociales",
        ["Coordinar sus calendarios de actividades a través de la Mesa Local."],
    ),
]
for aud, items in RECS:
    a(aud + ":")
    for it in items:
        a("   • " + it)
        P.rec(aud, " ".join(it.split()[:6]))
    a("")
a("8. EVALUACIÓN\n")
a(
    para(
        "La Comisión de Seguimiento, formada por personal técnico municipal y por dos representantes de la "
        "Mesa Local de Convivencia, se reunirá cada semestre y elaborará un informe anual que se "
        "presentará al Pleno. En 2029 se realizará una evaluación final externa.",
        W,
        4,
    )
)
text = paginate(
    "\n".join(o),
    52,
    lambda n: None,
    lambda n: (
        f"Plan Local de Inclusión y Convivencia Intercultural · Calahorra 2026-2029 · pág. {n}"
    ),
    ff=False,
)
write("51_es_calahorra-convivencia", text, plan_gold("es", P))

"""53 pt: plano municipal; roman axes (EIXO I–IV) with actions numbered across axes (Medida 1–13);
fields on one line separated by '·' that wrap; indicators in a separate tab-separated table keyed by
measure number; heavy hyphenation; form feeds with running header and 'Página N de M' footers."""

from common import Plan, paginate, para, plan_gold, wrap, write

P = Plan()
W = 82
AX = [
    (
        "I",
        "Acolhimento e informação",
        [
            (
                "1",
                "Balcão de atendimento a migrantes no Espaço Cidadão de Loulé",
                "Divisão de Intervenção Social",
                "2026–2028",
                "18 500 € / ano",
            ),
            (
                "2",
                "Kit de boas-vindas multilíngue entregue no recenseamento e na junta de freguesia",
                "Gabinete de Comunicação",
                "2.º trimestre de 2026",
                "6 000 €",
            ),
            (
                "3",
                "Rede de mediadores interculturais nas freguesias de Quarteira e Almancil",
                "Divisão de Intervenção Social",
                "2026–2028",
                "41 000 € / ano",
            ),
        ],
    ),
    (
        "II",
        "Língua, educação e qualificação",
        [
            (
                "4",
                "Cursos de Português Língua de Acolhimento em horário pós-laboral",
                "Agrupamento de Escolas Eng. Duarte Pacheco",
                "anos letivos 2026/27 a 2028/29",
                "sem encargos municipais",
            ),
            (
                "5",
                "Tutoria escolar para alunos recém-chegados com apoio de estudantes universitários",
                "Divisão de Educação",
                "2026–2028",
                "12 000 € / ano",
            ),
            (
                "6",
                "Sessões de orientação sobre equivalências de habilitações estrangeiras",
                "Divisão de Educação",
                "semestral",
                "—",
            ),
        ],
    ),
    (
        "III",
        "Trabalho, habitação e saúde",
        [
            (
                "7",
                "Feira de emprego para a hotelaria com entrevistas assistidas por intérpretes",
                "Gabinete de Apoio ao Empresário",
                "anual (março)",
                "9 000 € / edição",
            ),
            (
                "8",
                "Apoio à legalização de contratos de arrendamento e combate à sobrelotação",
                "Divisão de Habitação",
                "2026–2028",
                "25 000 € / ano",
            ),
            (
                "9",
                "Consultas de saúde materna com mediação no Centro de Saúde de Quarteira",
                "ULS do Algarve",
                "a partir de 2026",
                "n.d.",
            ),
            (
                "10",
                "Informação sobre direitos laborais nos meses de época alta",
                "Gabinete de Apoio ao Empresário",
                "maio–setembro",
                "3 500 € / ano",
            ),
        ],
    ),
    (
        "IV",
        "Participação e diversidade",
        [
            (
                "11",
                "Conselho Municipal para a Interculturalidade",
                "Presidência da Câmara",
                "constituição em 2026",
                "—",
            ),
            (
                "12",
                "Festival «Loulé, Muitas Vozes»",
                "Divisão de Cultura",
                "anual (outubro)",
                "15 000 € / edição",
            ),
            (
                "13",
                "Formação de funcionários municipais em atendimento intercultural",
                "Divisão de Recursos Humanos",
                "2026–2027",
                "7 800 €",
            ),
        ],
    ),
]
NULLS = ("—", "n.d.", "s/d")
for ax, t, ms in AX:
    P.area(ax, t.upper())
    for c, mt, r, cal, orc in ms:
        P.measure(c, mt, ax, [r], cal, None if orc in NULLS else orc)
INDS = [
    (
        "1",
        "N.º de atendimentos realizados",
        "s/d",
        "2 400 / ano",
        ["nationality"],
        "quantitative",
    ),
    (
        "1",
        "N.º de pessoas diferentes atendidas",
        "s/d",
        "900",
        ["sex", "nationality"],
        "quantitative",
    ),
    ("2", "Kits distribuídos", "0", "1 500", [], "quantitative"),
    ("3", "Mediadores em funções", "1", "4", [], "quantitative"),
    (
        "4",
        "Formandos certificados no nível A2",
        "64",
        "150",
        ["sex", "age"],
        "quantitative",
    ),
    ("5", "Alunos acompanhados", "—", "70", ["age"], "quantitative"),
    (
        "7",
        "Contratos celebrados na sequência da feira",
        "s/d",
        "60",
        ["sex"],
        "quantitative",
    ),
    ("8", "Agregados apoiados", "12", "45", ["household size"], "quantitative"),
    ("9", "Grávidas acompanhadas com mediação", "n.d.", "120", [], "quantitative"),
    (
        "11",
        "Perceção dos membros sobre a utilidade do Conselho",
        "—",
        "positiva",
        [],
        "qualitative",
    ),
    ("12", "Público do festival", "3 200", "5 000", [], "quantitative"),
    ("13", "Funcionários formados", "0", "150", [], "quantitative"),
]
for m, n, b, t, d, k in INDS:
    P.indicator(m, n, None if b in NULLS else b, t, d, k)

o: list[str] = []
a = o.append
a(
    "MUNICÍPIO DE LOULÉ\n\nPLANO MUNICIPAL PARA A INTEGRAÇÃO DE MIGRANTES\n2026 | 2028\n\n"
    "Documento de trabalho aprovado em reunião de Câmara de 14 de janeiro de 2026\n"
)
a("\f")
body: list[str] = []
b = body.append
b("ÍNDICE")
b("1. Enquadramento\t3")
b("2. Diagnóstico\t3")
b("3. Metodologia\t4")
b("4. Eixos de intervenção e medidas\t4")
b("5. Indicadores\t8")
b("6. Acompanhamento e avaliação\t9\n")
b("1. Enquadramento\n")
b(
    para(
        "O concelho de Loulé é hoje um dos territórios do país com maior proporção de residentes "
        "estrangeiros. A economia do turismo, a construção e a agricultura de regadio atraem todos os "
        "anos trabalhadores de dezenas de nacionalidades, a que se juntam cidadãos europeus reformados. "
        "O presente plano dá continuidade ao primeiro plano municipal (2020–2022) e assume como referência "
        "a Lei n.º 23/2007, de 4 de julho, em particular o artigo 88.º, e o Plano de Ação para as "
        "Migrações aprovado pelo Governo.",
        W,
        2,
    )
)
b("")
b("2. Diagnóstico\n")
b("2.1 População estrangeira residente (31/12/2024)\n")
b("23 915\n")
b("2.2 Peso na população total\n")
b("28,6 %\n")
b(
    para(
        "As nacionalidades mais representadas são a brasileira, a britânica, a ucraniana, a romena e a "
        "nepalesa. Nas escolas do concelho estão matriculados alunos de 71 nacionalidades. O principal "
        "constrangimento identificado pelos serviços é o acesso à habitação, seguido do domínio da língua "
        "portuguesa e da regularização documental.",
        W,
        2,
    )
)
b("")
b("2.3 Princípios orientadores\n")
b(
    "– Igualdade no acesso aos serviços municipais, independentemente da situação documental;"
)
b("– Proximidade: os serviços vão aos bairros e às freguesias;")
b("– Participação dos próprios migrantes e das suas associações em todas as fases;")
b("– Articulação com as entidades da administração central presentes no território.\n")
b("3. Metodologia\n")
b(
    para(
        "O plano resultou de um processo participativo conduzido entre abril e novembro de 2025: "
        "inquérito online, doze entrevistas a dirigentes associativos, três sessões de trabalho temáticas e "
        "uma sessão pública de apresentação em Quarteira.",
        W,
        2,
    )
)
b("")
b("Entidades parceiras que subscrevem o plano:")
for i, e in enumerate(
    [
        "Associação de Imigrantes do Barlavento Algarvio",
        "Santa Casa da Misericórdia de Loulé",
        "Juntas de Freguesia de Quarteira, Almancil e São Clemente",
        "ULS do Algarve",
        "Agrupamentos de escolas do concelho",
        "Associação Comercial e Empresarial local",
        "Centro Local de Apoio à Integração de Migrantes (CLAIM)",
    ],
    1,
):
    b(f"{i}) {e}")
b("")
b("4. Eixos de intervenção e medidas\n")
b(
    para(
        "As medidas estão numeradas de forma contínua ao longo dos quatro eixos. Para cada uma "
        "indica-se a entidade responsável, o calendário e o orçamento estimado; os indicadores "
        "constam do capítulo 5.",
        W,
        2,
    )
)
b("")
for ax, t, ms in AX:
    b(f"EIXO {ax} — {t.upper()}\n")
    for c, mt, r, cal, orc in ms:
        b(f"Medida {c}. {mt}")
        for line in wrap(
            f"Responsável: {r} · Calendário: {cal} · Orçamento: {orc}", W, 0, ""
        ):
            b(line)
        b("")
b("5. Indicadores\n")
b("Os valores de partida referem-se a 2025. «s/d» significa sem dados disponíveis.\n")
b("Medida\tIndicador\tDesagregação\tPartida\tMeta 2028")
DN = {
    "sex": "sexo",
    "age": "idade",
    "nationality": "nacionalidade",
    "household size": "dimensão do agregado",
}
for m, n, bl, t, d, k in INDS:
    b(f"{m}\t{n}\t{', '.join(DN[x] for x in d) or '—'}\t{bl}\t{t}")
b("")
b("6. Acompanhamento e avaliação\n")
b(
    para(
        "A execução do plano será acompanhada por uma equipa técnica da Divisão de Intervenção Social, "
        "que apresentará relatórios semestrais ao Conselho Municipal para a Interculturalidade. Prevê-se "
        "uma avaliação intercalar no final de 2027 e uma avaliação final no primeiro trimestre de 2029.",
        W,
        2,
    )
)
b("")
b("7. Financiamento\n")
b(
    para(
        "O orçamento global estimado ascende a cerca de 560 000 euros para o triénio, financiado pelo "
        "orçamento municipal, por candidaturas ao programa regional Algarve 2030 e ao Fundo para o Asilo, "
        "a Migração e a Integração (FAMI), bem como por contributos em espécie das entidades parceiras.",
        W,
        2,
    )
)
b("")
b("Glossário")
b("CLAIM – Centro Local de Apoio à Integração de Migrantes")
b("PLA – Português Língua de Acolhimento")
b("ULS – Unidade Local de Saúde")
text = (
    "\n".join(o)
    + "\n"
    + paginate(
        "\n".join(body),
        46,
        lambda n: "PMIM Loulé 2026–2028",
        lambda n: f"Página {n} de 6",
        ff=True,
        first=2,
    )
)
write("53_pt_loule-migrantes", text, plan_gold("pt", P))

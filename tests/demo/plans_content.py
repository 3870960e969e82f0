# Long titles and indicator rows read better on one line each.
# ruff: noqa: E501
"""The Andalusian plan for the tests, written by the Convivio team in its own words.

``ANDALUSIA``: the structure of the Andalusian regional plan for immigration
(2018–2022) as the EnFeM partners summarised it: its areas, specific objectives and
measures with their codes, and the indicators of measures 4.8 to 4.10. Titles are
short paraphrases; facts and numbering follow the source.  Its places and entities
are the demo's (convivio.demo.content.plans); `load_demo` ingests seed 000 instead.
"""

from __future__ import annotations

ANDALUSIA: dict = {
    "key": "plan-andalusia-2018",
    "territory": "andalusia",
    "organisation": "junta-andalucia",
    "language": "en",
    "template": "blank",
    "start_year": 2018,
    "end_year": 2022,
    "status": "adopted",
    "title": "Comprehensive plan for immigration in Andalusia 2018–2022 (structure)",
    "summary": (
        "The regional plan's areas, specific objectives and measures as the EnFeM "
        "partners summarised them, with the indicators proposed for the measures "
        "on migrant women (4.8 to 4.10). Titles here are short paraphrases."
    ),
    "general_objectives": (
        "1. Equal access of migrants to health, education, work, housing, social "
        "services and legal aid, adapted to each territory.\n"
        "2. Sound research so that migration is better understood.\n"
        "3. Training for the professionals who serve migrants.\n"
        "4. A society that values diversity and lives together in cohesion.\n"
        "5. Participation of migrants, individually and through their "
        "organisations, in Andalusian society."
    ),
    "transversal_axes": (
        "- **Territory**: migration is spread very unevenly between provinces and "
        "municipalities, so measures are adapted to each place.\n"
        "- **Gender**: migrant women face discrimination twice, as women and as "
        "foreigners; services should reach them in their language.\n"
        "- **Youth**: young migrants, and young people born in Andalusia to migrant "
        "parents, have needs of their own."
    ),
    "source_document": "EnFeM project: Andalusian local action plan",
    "themes": ["education", "employment", "health", "social-services", "awareness"],
    # (area code, title, theme, [(objective code, title, [(measure code, title)])])
    "tree": [
        (
            "1",
            "Education",
            "education",
            [
                (
                    "1.1",
                    "Enrol children of migrant families at any time of year and keep "
                    "them in school",
                    [
                        (
                            "1.1.1",
                            "Encourage mothers to enrol toddlers and keep teenagers studying",
                        ),
                        (
                            "1.1.2",
                            "Canteens, school buses and residences open to migrant pupils",
                        ),
                        ("1.1.3", "Free schoolbooks on the same terms as other pupils"),
                        ("1.1.4", "Study grants for pupils of migrant origin"),
                    ],
                ),
                (
                    "1.2",
                    "Adapt teaching to the needs of migrant pupils",
                    [
                        (
                            "1.2.1",
                            "Extra tutoring and longer school hours where many pupils are migrants",
                        ),
                        (
                            "1.2.2",
                            "Grants for absenteeism prevention and school mediation",
                        ),
                    ],
                ),
                (
                    "1.3",
                    "A school climate of respect and intercultural values",
                    [
                        ("1.3.1", "Training and advice for teachers"),
                        (
                            "1.3.2",
                            "Recognition of schools that hold intercultural activities",
                        ),
                        (
                            "1.3.3",
                            "Migrant pupils and families in sports and after-school life",
                        ),
                    ],
                ),
                (
                    "1.4",
                    "Spanish language support for migrant pupils",
                    [
                        ("1.4.1", "Temporary language adaptation classrooms (ATAL)"),
                        (
                            "1.4.2",
                            "Staff and materials for after-school language support",
                        ),
                        ("1.4.3", "Online tools (AVE) to practise Spanish"),
                    ],
                ),
                (
                    "1.5",
                    "Keep alive the cultures of origin, for migrant and Spanish pupils alike",
                    [
                        ("1.5.1", "Classes of heritage language and culture"),
                        ("1.5.2", "Staff for after-school cultural activities"),
                    ],
                ),
                (
                    "1.6",
                    "Migrant women in adult and lifelong learning",
                    [
                        ("1.6.1", "Basic adult education open to migrants"),
                        (
                            "1.6.2",
                            "Publicise adult education centres among foreign residents",
                        ),
                    ],
                ),
                (
                    "1.7",
                    "New lines of lifelong learning for migrants",
                    [
                        ("1.7.1", "Intercultural plans in adult education centres"),
                        (
                            "1.7.2",
                            "Agreements with associations working with migrant adults",
                        ),
                    ],
                ),
            ],
        ),
        (
            "2",
            "Work and employment",
            "employment",
            [
                (
                    "2.1",
                    "Orderly and legal migration, well-managed labour flows",
                    [
                        (
                            "2.1.1",
                            "Work with the State on hiring in countries of origin",
                        ),
                        ("2.1.2", "Work with the State on listing hard-to-fill jobs"),
                        (
                            "2.1.3",
                            "A migration committee in the regional employment service",
                        ),
                        ("2.1.4", "Transfer of first work permits to the region"),
                    ],
                ),
                (
                    "2.2",
                    "Open the employment service to migrant residents",
                    [
                        ("2.2.1", "Interpreting in employment offices"),
                        (
                            "2.2.2",
                            "Information on the service's programmes, offline and online",
                        ),
                        (
                            "2.2.3",
                            "The employment service website in migrants' languages",
                        ),
                        ("2.2.4", "Publicise vocational training for employment"),
                        (
                            "2.2.5",
                            "Cooperation with employment services of other regions",
                        ),
                    ],
                ),
                (
                    "2.3",
                    "Help migrants into work through the employment service",
                    [
                        ("2.3.1", "Register job seekers and keep their files open"),
                        ("2.3.2", "Guidance for job search and employability"),
                        ("2.3.3", "Advice for migrants who want to be self-employed"),
                        ("2.3.4", "Advice on foreigners' rules and the labour market"),
                    ],
                ),
                (
                    "2.4",
                    "Employment as the way into society",
                    [("2.4.1", "Job creation through employment programmes")],
                ),
                (
                    "2.5",
                    "Know how migration shapes the labour market",
                    [
                        ("2.5.1", "Studies of migrants in the labour market"),
                        ("2.5.2", "Reports from the ARGOS labour market observatory"),
                        ("2.5.3", "A yearly ARGOS study of migrant employment"),
                    ],
                ),
                (
                    "2.6",
                    "Qualifications in farming, fishing and food",
                    [
                        ("2.6.1", "Farm and fishing courses for migrant women"),
                        ("2.6.2", "Seminars and conferences with migrant participants"),
                        ("2.6.3", "Other training programmes open to migrants"),
                        ("2.6.4", "Teaching material in several languages"),
                        ("2.6.5", "Boat and fishing licences for migrant workers"),
                    ],
                ),
                (
                    "2.7",
                    "Guidance, training and job placement with a social approach",
                    [
                        ("2.7.1", "Personal job pathways in deprived neighbourhoods"),
                        ("2.7.2", "Social skills training for job seekers"),
                    ],
                ),
                (
                    "2.8",
                    "Social and job integration of migrant minors",
                    [
                        (
                            "2.8.1",
                            "Integration programmes for minors before they turn 18",
                        ),
                        (
                            "2.8.2",
                            "Minors in the region's care included in the plan for adult life",
                        ),
                    ],
                ),
                (
                    "2.9",
                    "Safer working conditions",
                    [
                        ("2.9.1", "Prevention of risks at work"),
                        ("2.9.2", "Studies of risks faced by migrant workers"),
                    ],
                ),
                (
                    "2.10",
                    "Know the working conditions of migrant workers",
                    [
                        (
                            "2.10.1",
                            "Follow up the labour relations council's advice on collective agreements",
                        ),
                        (
                            "2.10.2",
                            "Studies, training and publications on migrants' working conditions",
                        ),
                    ],
                ),
                (
                    "2.11",
                    "Qualifications as a way into work",
                    [
                        ("2.11.1", "Training for migrants from outside the EU"),
                        (
                            "2.11.2",
                            "More vocational courses where many migrants live, leading to certificates",
                        ),
                        ("2.11.3", "Spread the word about vocational courses"),
                        (
                            "2.11.4",
                            "Research to fit employment training to migrants' needs",
                        ),
                    ],
                ),
            ],
        ),
        (
            "3",
            "Health and social care",
            "health",
            [
                (
                    "3.1",
                    "Make the public health system known and easy to reach",
                    [
                        ("3.1.1", "Health staff learn about cultural diversity"),
                        (
                            "3.1.2",
                            "Translated information on health services, rights and duties",
                        ),
                        (
                            "3.1.3",
                            "Clinics work with NGOs and migrant associations to welcome newcomers",
                        ),
                    ],
                ),
                (
                    "3.2",
                    "Manage diversity in health and social care",
                    [
                        (
                            "3.2.1",
                            "A multicultural outlook in health plans and programmes",
                        ),
                        ("3.2.2", "Diversity in the training of health professionals"),
                        (
                            "3.2.3",
                            "Associations and unions in health participation forums",
                        ),
                        ("3.2.4", "A stronger network"),
                    ],
                ),
                (
                    "3.3",
                    "Local, joined-up health and social care based on equity",
                    [
                        ("3.3.1", "Migrants' health needs in local health plans"),
                        ("3.3.2", "A shared database of good local health practices"),
                        (
                            "3.3.3",
                            "Joint working spaces of councils, health services and associations",
                        ),
                        ("3.3.4", "Care adapted to people at risk of exclusion"),
                    ],
                ),
                (
                    "3.4",
                    "Protect the health of the most vulnerable in hard times",
                    [
                        (
                            "3.4.1",
                            "Spot and act early on situations of high vulnerability",
                        )
                    ],
                ),
                (
                    "3.5",
                    "Addiction care adapted to migrants' cultures and languages",
                    [
                        ("3.5.1", "Equal access to the drug dependence network"),
                        ("3.5.2", "Migrants in the cities against drugs programme"),
                    ],
                ),
            ],
        ),
        (
            "4",
            "Inclusion and social welfare",
            "social-services",
            [
                (
                    "4.1",
                    "Migrants' associations, federations and networks",
                    [
                        ("4.1.1", "Grants for the premises of migrant associations"),
                        ("4.1.2", "Migrant women as volunteers in their neighbourhood"),
                        (
                            "4.1.3",
                            "Grants for exchanges and networking of associations",
                        ),
                    ],
                ),
                (
                    "4.2",
                    "Manage cultural diversity in ways others can copy",
                    [
                        ("4.2.1", "Funding for councils' diversity programmes"),
                        ("4.2.2", "Grants for non-profits' diversity programmes"),
                    ],
                ),
                (
                    "4.3",
                    "Ordinary access to public social services",
                    [
                        ("4.3.1", "Community social services programmes for migrants"),
                        ("4.3.2", "Better tools for social services staff"),
                        (
                            "4.3.3",
                            "Training social workers on migrant women's situation",
                        ),
                    ],
                ),
                (
                    "4.4",
                    "Information and guidance to settle in",
                    [
                        (
                            "4.4.1",
                            "Programmes of the social partners matching resources to needs",
                        ),
                        ("4.4.2", "Follow up the care migrant women receive"),
                    ],
                ),
                (
                    "4.5",
                    "Participation and volunteering of migrants",
                    [
                        ("4.5.1", "Non-profit programmes for migrants' participation"),
                        ("4.5.2", "Support to migrant women's organisations"),
                    ],
                ),
                (
                    "4.6",
                    "First reception of unaccompanied foreign minors",
                    [
                        (
                            "4.6.1",
                            "Define concepts, roles and procedures of first reception",
                        ),
                        ("4.6.2", "Immediate care of unaccompanied minors"),
                        (
                            "4.6.3",
                            "Educational support through every step of the protocol",
                        ),
                    ],
                ),
                (
                    "4.7",
                    "Residential care for children of migrant families left without protection",
                    [
                        ("4.7.1", "Formal protection and guardianship decisions"),
                        ("4.7.2", "Child protection centres adapted to each child"),
                    ],
                ),
                (
                    "4.8",
                    "Inform and advise migrant women on their rights and the resources open to them",
                    [
                        (
                            "4.8.1",
                            "Services of the women's institute: provincial centres, municipal centres, free phone line",
                        ),
                        ("4.8.2", "Campaigns on migrant women's rights as citizens"),
                    ],
                ),
                (
                    "4.9",
                    "Reach migrant women who suffered gender violence with advice, care and shelter",
                    [
                        (
                            "4.9.1",
                            "Information and care for victims, open to migrant women",
                        ),
                        (
                            "4.9.2",
                            "Legal and psychological support for migrant victims",
                        ),
                        ("4.9.3", "Training and job programmes for victims"),
                        ("4.9.4", "Financial aid for victims"),
                        (
                            "4.9.5",
                            "Specialised care of migrant women and their children in shelters",
                        ),
                    ],
                ),
                (
                    "4.10",
                    "Prevent and end trafficking of women for sexual exploitation",
                    [
                        (
                            "4.10.1",
                            "Information, shelter and full support for trafficked women",
                        )
                    ],
                ),
            ],
        ),
        (
            "5",
            "Public awareness",
            "awareness",
            [
                (
                    "5.1",
                    "Welcoming attitudes through grants to awareness and coexistence projects",
                    [
                        (
                            "5.1.1",
                            "Regional fund for councils' intercultural activities",
                        ),
                        ("5.1.2", "Grants to non-profits for awareness-raising"),
                    ],
                ),
                (
                    "5.2",
                    "Media campaigns and training on equal rights and duties",
                    [
                        (
                            "5.2.1",
                            "Campaigns in press, radio, television and online, evaluated",
                        ),
                        (
                            "5.2.2",
                            "Campaigns in schools, workplaces and health centres",
                        ),
                    ],
                ),
                (
                    "5.3",
                    "Recognise good diversity management with regional awards",
                    [("5.3.1", "The Andalusia awards on migration")],
                ),
                (
                    "5.4",
                    "Keep local bodies up to date on migration",
                    [("5.4.1", "Migration topics in publications for councils")],
                ),
                (
                    "5.5",
                    "Equal treatment of migrants and Spaniards",
                    [("5.5.1", "Awareness programmes on equal treatment")],
                ),
                (
                    "5.6",
                    "Migrants as informed consumers",
                    [
                        (
                            "5.6.1",
                            "Consumer guide online in English, French and Romanian",
                        ),
                        ("5.6.2", "Migrants in consumer associations"),
                        (
                            "5.6.3",
                            "Make migrant associations and consumer protection known to each other",
                        ),
                    ],
                ),
            ],
        ),
    ],
    #: Entities responsible for the measures that have indicators.
    "responsibilities": {
        "4.8.1": [
            ("iam", "lead", "Provincial and municipal women's centres, phone line")
        ],
        "4.8.2": [("iam", "lead", "Campaign design and distribution")],
        "4.9.1": [("iam", "lead", "Provincial centres")],
        "4.9.2": [
            ("iam", "lead", "Phone legal advice, group therapy"),
            ("cear", "partner", "Legal office and psychological support programme"),
        ],
        "4.9.3": [("iam", "lead", "Employment programme")],
        "4.9.4": [("iam", "lead", "Financial aid")],
        "4.9.5": [("iam", "lead", "Shelter network")],
        "4.10.1": [("iam", "lead", "Grants to associations")],
    },
    # The indicators of measures 4.8 to 4.10, yearly, reported by the institute.
    # "people" indicators are broken down by province, age band and nationality.
    "indicators": [
        (
            "4.8.1",
            "quantitative",
            "Migrant women attended at the provincial women's centres",
            "women",
            "pan",
        ),
        (
            "4.8.1",
            "quantitative",
            "Migrant women attended at the municipal women's information centres",
            "women",
            "pan",
        ),
        (
            "4.8.1",
            "quantitative",
            "Migrant women as a share of all women attended at the provincial centres",
            "%",
            "pan",
        ),
        (
            "4.8.1",
            "quantitative",
            "Migrant women as a share of callers to the free phone line, by province",
            "%",
            "p",
        ),
        (
            "4.8.1",
            "quantitative",
            "Calls using the phone line's simultaneous interpreting",
            "calls",
            "",
        ),
        (
            "4.8.1",
            "qualitative",
            "Needs of migrant women as professionals perceive them",
            "",
            "",
        ),
        ("4.8.1", "qualitative", "Ways of working designed for migrant women", "", ""),
        ("4.8.2", "quantitative", "Campaign actions at regional level", "actions", ""),
        (
            "4.8.2",
            "quantitative",
            "Campaign actions at provincial level",
            "actions",
            "p",
        ),
        ("4.8.2", "qualitative", "Materials produced and actions carried out", "", ""),
        ("4.8.2", "qualitative", "How the places of distribution were chosen", "", ""),
        (
            "4.9.1",
            "quantitative",
            "Migrant women attended for gender violence at the provincial centres",
            "women",
            "pan",
        ),
        (
            "4.9.1",
            "quantitative",
            "Migrant women attended for gender violence by the forensic units",
            "women",
            "pan",
        ),
        (
            "4.9.1",
            "quantitative",
            "Migrant women as a share of all women attended at the provincial centres",
            "%",
            "p",
        ),
        (
            "4.9.1",
            "quantitative",
            "Use of simultaneous interpreting at the provincial centres",
            "uses",
            "",
        ),
        (
            "4.9.1",
            "quantitative",
            "Migrant women as a share of women consulting on gender violence",
            "%",
            "pan",
        ),
        (
            "4.9.2",
            "quantitative",
            "Legal advice on gender violence given by phone",
            "consultations",
            "",
        ),
        (
            "4.9.2",
            "quantitative",
            "Migrant women in group psychological care",
            "women",
            "pan",
        ),
        (
            "4.9.2",
            "quantitative",
            "Women helped by CEAR's legal office on family law and violence",
            "women",
            "pan",
        ),
        (
            "4.9.2",
            "quantitative",
            "Women supported by CEAR's psychological support programme",
            "women",
            "pan",
        ),
        (
            "4.9.3",
            "quantitative",
            "Migrant women who completed the job integration programme",
            "women",
            "pan",
        ),
        (
            "4.9.4",
            "quantitative",
            "Financial aid granted to victims with few resources",
            "grants",
            "",
        ),
        (
            "4.9.4",
            "quantitative",
            "Requests for aid made by migrant women",
            "requests",
            "pan",
        ),
        ("4.9.4", "quantitative", "Migrant women who received the aid", "women", "pan"),
        ("4.9.4", "qualitative", "Report on how the measure was carried out", "", ""),
        (
            "4.9.5",
            "quantitative",
            "Migrant women cared for in the shelter service",
            "women",
            "an",
        ),
        (
            "4.9.5",
            "quantitative",
            "Children cared for in the shelter service",
            "children",
            "an",
        ),
        ("4.10.1", "quantitative", "Associations supported", "associations", ""),
        ("4.10.1", "quantitative", "Programmes carried out", "programmes", ""),
        ("4.10.1", "quantitative", "Migrant women helped", "women", "pan"),
    ],
}

#: Letters of the ``indicators`` breakdown column → dimension slugs.
BREAKDOWN = {"p": "province", "a": "age", "n": "nationality"}

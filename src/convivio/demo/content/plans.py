# Long titles and indicator rows read better on one line each.
# ruff: noqa: E501
"""Demo plans, written by the Convivio team in its own words.

``VALE_NOVO``: the municipal plan for the integration of migrants of Vale Novo, a
fictional Portuguese town, on the thirteen areas of the PMII template, in its
monitoring years, with indicators and three years of reported values.  (The
Andalusian plan is ingested from seed 000 by `load_demo`; our own written structure
of it is the tests' content, tests/demo/plans_content.py.)

The loader (``convivio.demo.plans``) reads these structures and writes them through the
services; observations are generated from each indicator's ``series`` so that they
are the same on every installation.
"""

from __future__ import annotations

# --- Places and entities ------------------------------------------------------------

#: key, name, country, kind, parent key (None: the country), ISO 3166-2, lat, lon
TERRITORIES: list[dict] = [
    {
        "key": "vale-novo",
        "name": "Vale Novo",
        "country": "PT",
        "kind": "municipality",
        "lat": 39.62,
        "lon": -8.41,
    },
    {
        "key": "andalusia",
        "name": "Andalusia",
        "country": "ES",
        "kind": "region",
        "iso": "ES-AN",
        "lat": 37.46,
        "lon": -4.58,
    },
    *(
        {
            "key": iso.lower(),
            "name": name,
            "country": "ES",
            "kind": "province",
            "parent": "andalusia",
            "iso": iso,
            "lat": lat,
            "lon": lon,
        }
        for iso, name, lat, lon in (
            ("ES-AL", "Almería", 36.84, -2.46),
            ("ES-CA", "Cádiz", 36.53, -6.29),
            ("ES-CO", "Córdoba", 37.88, -4.78),
            ("ES-GR", "Granada", 37.18, -3.60),
            ("ES-H", "Huelva", 37.26, -6.95),
            ("ES-J", "Jaén", 37.77, -3.79),
            ("ES-MA", "Málaga", 36.72, -4.42),
            ("ES-SE", "Sevilla", 37.39, -5.98),
        )
    ),
]

#: The provinces of Andalusia, added to the platform "province" code list.
ANDALUSIAN_PROVINCES = [
    "ES-AL",
    "ES-CA",
    "ES-CO",
    "ES-GR",
    "ES-H",
    "ES-J",
    "ES-MA",
    "ES-SE",
]

ORGANISATIONS: list[dict] = [
    {
        "key": "vn-municipality",
        "name": "Câmara Municipal de Vale Novo",
        "kind": "public_authority",
        "territory": "vale-novo",
        "description": (
            "The town council of Vale Novo. Its social action department "
            "coordinates the municipal plan for the integration of migrants."
        ),
    },
    {
        "key": "vn-health-centre",
        "name": "Centro de Saúde de Vale Novo",
        "kind": "public_service",
        "territory": "vale-novo",
        "description": "The public primary care centre of the municipality.",
    },
    {
        "key": "vn-schools",
        "name": "Agrupamento de Escolas de Vale Novo",
        "kind": "public_service",
        "territory": "vale-novo",
        "description": (
            "The cluster of the town's public schools, from pre-school to the "
            "end of secondary education, with an adult education centre."
        ),
    },
    {
        "key": "vn-employment",
        "name": "Serviço de Emprego de Vale Novo",
        "kind": "public_service",
        "territory": "vale-novo",
        "description": "The local office of the public employment service.",
    },
    {
        "key": "vn-ponte",
        "name": "Associação Ponte Solidária",
        "kind": "ngo",
        "territory": "vale-novo",
        "description": (
            "A local non-profit that runs the social support desk, housing "
            "mediation and Portuguese classes with volunteers."
        ),
    },
    {
        "key": "vn-horizonte",
        "name": "Cooperativa Horizonte Comum",
        "kind": "ngo",
        "territory": "vale-novo",
        "description": (
            "A social cooperative working on training, small business support "
            "and community media."
        ),
    },
    {
        "key": "vn-vozes",
        "name": "Associação de Imigrantes Vozes do Mundo",
        "kind": "migrant_association",
        "territory": "vale-novo",
        "description": (
            "An association founded by residents from Brazil, Cabo Verde, Nepal "
            "and Ukraine; it organises peer support and cultural events."
        ),
    },
    {
        "key": "vn-parish-sao-romao",
        "name": "Junta de Freguesia de São Romão",
        "kind": "public_authority",
        "territory": "vale-novo",
        "description": "The council of the largest parish of the municipality.",
    },
    {
        "key": "junta-andalucia",
        "name": "Junta de Andalucía",
        "kind": "public_authority",
        "territory": "andalusia",
        "description": "The regional government of Andalusia.",
    },
    {
        "key": "iam",
        "name": "Instituto Andaluz de la Mujer",
        "kind": "public_service",
        "territory": "andalusia",
        "description": (
            "The regional institute for women of Andalusia, with a centre in "
            "every province and a free telephone line."
        ),
    },
    {
        "key": "cear",
        "name": "CEAR — Comisión Española de Ayuda al Refugiado",
        "kind": "ngo",
        "country": "ES",
        "description": "A Spanish non-profit supporting refugees and migrants.",
    },
]

#: Demo accounts of the plans (username, email, what they are).
OFFICER = {"username": "officer", "email": "officer@convivio.example"}
REPORTER = {
    "username": "reporter",
    "email": "reporter@convivio.example",
    "organisation": "vn-ponte",
}

# --- Vale Novo ----------------------------------------------------------------------

#: The parishes of Vale Novo: a code list of the municipality's own.
PARISH_DIMENSION = {"slug": "parish", "name": "Parish"}
PARISHES: list[tuple[str, str]] = [
    ("VN-SED", "Vale Novo (town centre)"),
    ("VN-SRO", "São Romão"),
    ("VN-RIB", "Ribeira das Fontes"),
    ("VN-OUT", "Outeiro"),
    ("VN-CAS", "Casal Velho"),
]

VALE_NOVO: dict = {
    "key": "plan-vale-novo-2024",
    "territory": "vale-novo",
    "organisation": "vn-municipality",
    "language": "en",
    "template": "pmii",
    "start_year": 2024,
    "end_year": 2026,
    "status": "monitoring",
    "title": "Vale Novo municipal plan for the integration of migrants 2024–2026",
    "summary": (
        "About one resident in nine of Vale Novo was born abroad, most of them "
        "from Brazil, Cabo Verde, Angola, India, Nepal and Ukraine. The plan "
        "gathers what the town council, public services and local associations "
        "committed to do together over three years, with the entity in charge of "
        "each measure and how progress is measured."
    ),
    "general_objectives": (
        "1. Every newcomer knows where to turn in the first weeks and is "
        "answered in a language they understand.\n"
        "2. Migrant residents reach work, housing, schools and health care on "
        "equal terms with other residents.\n"
        "3. Migrant residents take part in the decisions of the town and in its "
        "associations.\n"
        "4. Local people know their new neighbours better, and discrimination is "
        "reported and acted upon."
    ),
    "transversal_axes": (
        "- **Gender**: figures about people are reported for women and men "
        "separately wherever possible.\n"
        "- **Parishes**: the rural parishes get the same services as the town "
        "centre, through mobile sessions.\n"
        "- **Youth**: measures in schools and training reach young people born "
        "in Vale Novo to migrant parents too."
    ),
    "source_document": "Convivio demo data (fictional municipality)",
    "themes": ["reception", "employment", "education", "health", "housing"],
    #: Area code → [(objective code, title)]
    "objectives": {
        "1": [
            (
                "1.1",
                "Newcomers find a single open door at the town hall and are "
                "answered in their language",
            )
        ],
        "2": [("2.1", "Migrant households find and keep decent homes")],
        "3": [
            ("3.1", "Migrant job seekers get closer to local employers"),
            ("3.2", "Migrants who want to start a business get advice and a mentor"),
        ],
        "4": [
            ("4.1", "Newly arrived pupils and their families settle well at school"),
            ("4.2", "Adults learn Portuguese at hours that suit working people"),
        ],
        "5": [
            ("5.1", "The skills and diplomas migrants bring are recognised and used")
        ],
        "6": [("6.1", "The town's cultural life reflects all of its residents")],
        "7": [("7.1", "Language and paperwork stop being barriers to health care")],
        "8": [("8.1", "Migrant households at risk of poverty are protected")],
        "9": [("9.1", "Migrant residents have a voice in local decisions")],
        "10": [("10.1", "Local media show the everyday life of migrant residents")],
        "11": [("11.1", "Discrimination is prevented, reported and followed up")],
        "12": [
            ("12.1", "Vale Novo builds ties with the towns its residents come from")
        ],
        "13": [("13.1", "Religious diversity is respected in public life")],
    },
    "measures": [
        # 1 Reception and integration services
        {
            "code": "1.1.1",
            "objective": "1.1",
            "title": "A one-stop welcome desk for newcomers at the town hall",
            "text": (
                "Open every weekday and one evening a week. Staff explain residence "
                "papers, registration with the town, schools and health care, and "
                "book appointments with other services for the visitor."
            ),
            "priority": 1,
            "needs_financing": True,
            "financing_rank": 1,
            "budget": 60000,
            "funding_source": "AMIF",
            "start": "2024-01-02",
            "end": "2026-12-31",
            "status": "in_progress",
            "progress": 70,
            "entities": [
                ("vn-municipality", "lead", "Premises, staff and coordination"),
                ("vn-vozes", "partner", "Volunteer interpreters on busy days"),
            ],
            "practices": [("asap-at-welcome-office-graz", "inspires")],
        },
        {
            "code": "1.1.2",
            "objective": "1.1",
            "title": "A welcome guide to the town in six languages, printed and online",
            "text": (
                "Written with migrant residents, tested with newcomers, and updated "
                "every year."
            ),
            "priority": 1,
            "budget": 8000,
            "funding_source": "Municipal budget",
            "start": "2024-03-01",
            "end": "2024-12-31",
            "status": "done",
            "progress": 100,
            "entities": [
                ("vn-municipality", "lead", "Editing, printing, website"),
                ("vn-vozes", "partner", "Translation checks and testing"),
            ],
        },
        {
            "code": "1.1.3",
            "objective": "1.1",
            "title": "Intercultural communication training for front-office staff",
            "text": "For the staff of the town hall, the health centre and the parishes.",
            "priority": 2,
            "duration_note": "up to two years",
            "status": "in_progress",
            "progress": 30,
            "entities": [
                ("vn-municipality", "lead", "Organises the sessions"),
                ("vn-ponte", "partner", "Trainers"),
            ],
        },
        # 2 Urbanism and housing
        {
            "code": "2.1.1",
            "objective": "2.1",
            "title": "Housing mediation between landlords and migrant tenants",
            "text": (
                "Advice on contracts and deposits, a list of landlords willing to "
                "rent to newcomers, and mediation when a tenancy is at risk."
            ),
            "priority": 1,
            "needs_financing": True,
            "financing_rank": 2,
            "budget": 45000,
            "funding_source": "AMIF",
            "start": "2024-02-01",
            "end": "2026-12-31",
            "status": "in_progress",
            "progress": 50,
            "entities": [
                ("vn-ponte", "lead", "Runs the mediation service"),
                ("vn-municipality", "partner", "Municipal housing stock"),
            ],
        },
        {
            "code": "2.1.2",
            "objective": "2.1",
            "title": "A map of overcrowded dwellings drawn up with the parish councils",
            "priority": 2,
            "duration_note": "up to one year",
            "status": "done",
            "progress": 100,
            "entities": [
                ("vn-parish-sao-romao", "lead", "Field visits"),
                ("vn-municipality", "partner", "Urban planning data"),
            ],
        },
        # 3 Labour market and entrepreneurship
        {
            "code": "3.1.1",
            "objective": "3.1",
            "title": "Registration and guidance of migrant job seekers, with interpreting",
            "priority": 1,
            "budget_note": "Covered by the employment office's ordinary budget",
            "start": "2024-01-02",
            "end": "2026-12-31",
            "status": "in_progress",
            "progress": 60,
            "entities": [
                ("vn-employment", "lead", "Registration, guidance, job offers"),
                ("vn-vozes", "partner", "Interpreting and follow-up"),
            ],
        },
        {
            "code": "3.1.2",
            "objective": "3.1",
            "title": "A yearly job fair where local employers meet migrant candidates",
            "priority": 2,
            "needs_financing": True,
            "financing_rank": 6,
            "budget": 12000,
            "funding_source": "Municipal budget",
            "duration_note": "one fair each spring",
            "status": "in_progress",
            "progress": 66,
            "entities": [
                ("vn-employment", "lead", "Employers and candidates"),
                ("vn-municipality", "partner", "Venue and publicity"),
            ],
        },
        {
            "code": "3.2.1",
            "objective": "3.2",
            "title": "Local business owners mentor migrant entrepreneurs",
            "text": "Pairs meet every fortnight for a year; a small fund covers licences.",
            "priority": 2,
            "needs_financing": True,
            "financing_rank": 3,
            "budget": 30000,
            "funding_source": "AMIF",
            "start": "2025-01-06",
            "end": "2026-12-31",
            "status": "in_progress",
            "progress": 40,
            "entities": [
                ("vn-horizonte", "lead", "Matches mentors and entrepreneurs"),
                ("vn-municipality", "partner", "Licensing advice"),
            ],
            "practices": [("asap-es-ment-mentorat", "inspires")],
        },
        {
            "code": "3.2.2",
            "objective": "3.2",
            "title": "Advice on self-employment and licences in several languages",
            "priority": 2,
            "duration_note": "continuous",
            "status": "in_progress",
            "progress": 50,
            "entities": [
                ("vn-municipality", "lead", "Economic development office"),
                ("vn-horizonte", "partner", "Business plan workshops"),
            ],
        },
        # 4 Education and language
        {
            "code": "4.1.1",
            "objective": "4.1",
            "title": "Every newly arrived pupil gets a mentor among the older pupils",
            "priority": 1,
            "start": "2024-09-02",
            "end": "2026-07-31",
            "status": "in_progress",
            "progress": 80,
            "entities": [
                ("vn-schools", "lead", "Mentor training in each school"),
                ("vn-vozes", "partner", "Contact with families"),
            ],
        },
        {
            "code": "4.1.2",
            "objective": "4.1",
            "title": "Intercultural mediators in the schools with the most migrant pupils",
            "priority": 1,
            "needs_financing": True,
            "financing_rank": 4,
            "budget": 40000,
            "funding_source": "National education programme",
            "start": "2024-09-02",
            "end": "2026-07-31",
            "status": "in_progress",
            "progress": 50,
            "entities": [
                ("vn-schools", "lead", "Hires and supervises the mediators"),
                ("vn-ponte", "partner", "Recruitment"),
            ],
        },
        {
            "code": "4.2.1",
            "objective": "4.2",
            "title": "Portuguese courses for adults in evening and weekend groups",
            "text": "Beginners' and A2 groups; a certificate at the end of each course.",
            "priority": 1,
            "needs_financing": True,
            "financing_rank": 5,
            "budget": 25000,
            "funding_source": "AMIF",
            "start": "2024-01-08",
            "end": "2026-12-18",
            "status": "in_progress",
            "progress": 75,
            "entities": [
                ("vn-ponte", "lead", "Teachers and volunteers"),
                ("vn-schools", "partner", "Classrooms and certificates"),
            ],
        },
        {
            "code": "4.2.2",
            "objective": "4.2",
            "title": "Conversation groups run by volunteers at the public library",
            "priority": 2,
            "duration_note": "up to two years",
            "status": "in_progress",
            "progress": 60,
            "entities": [
                ("vn-vozes", "lead", "Volunteer hosts"),
                ("vn-parish-sao-romao", "partner", "A second venue in São Romão"),
            ],
        },
        # 5 Capacity building and training
        {
            "code": "5.1.1",
            "objective": "5.1",
            "title": "Help with having foreign diplomas and qualifications recognised",
            "priority": 1,
            "needs_financing": True,
            "financing_rank": 7,
            "budget": 10000,
            "funding_source": "Municipal budget",
            "duration_note": "up to two years",
            "status": "in_progress",
            "progress": 30,
            "entities": [
                ("vn-employment", "lead", "Files the requests"),
                ("vn-ponte", "partner", "Translations of documents"),
            ],
        },
        {
            "code": "5.1.2",
            "objective": "5.1",
            "title": "Short vocational courses in care, hospitality and construction",
            "priority": 2,
            "needs_financing": True,
            "financing_rank": 8,
            "budget": 55000,
            "funding_source": "European Social Fund+",
            "start": "2025-03-03",
            "end": "2026-11-30",
            "status": "in_progress",
            "progress": 20,
            "entities": [
                ("vn-employment", "lead", "Course design and placements"),
                ("vn-horizonte", "partner", "Trainers"),
            ],
        },
        # 6 Culture
        {
            "code": "6.1.1",
            "objective": "6.1",
            "title": "A yearly festival of the communities of Vale Novo",
            "priority": 2,
            "budget": 15000,
            "funding_source": "Municipal budget",
            "duration_note": "every June",
            "status": "in_progress",
            "progress": 66,
            "entities": [
                ("vn-municipality", "lead", "Programme and logistics"),
                ("vn-vozes", "partner", "Stands, music and food"),
            ],
        },
        {
            "code": "6.1.2",
            "objective": "6.1",
            "title": "Books and films in residents' languages at the municipal library",
            "priority": 2,
            "budget": 3000,
            "funding_source": "Municipal budget",
            "start": "2024-01-02",
            "end": "2024-06-30",
            "status": "done",
            "progress": 100,
            "entities": [("vn-municipality", "lead", "Library purchases")],
        },
        # 7 Health
        {
            "code": "7.1.1",
            "objective": "7.1",
            "title": "Registration with the health centre, and how it works explained",
            "priority": 1,
            "start": "2024-01-02",
            "end": "2026-12-31",
            "status": "in_progress",
            "progress": 70,
            "entities": [
                ("vn-health-centre", "lead", "Registration and family doctors"),
                ("vn-vozes", "partner", "Accompanies people to their first visit"),
            ],
        },
        {
            "code": "7.1.2",
            "objective": "7.1",
            "title": "Telephone interpreting during medical consultations",
            "priority": 1,
            "needs_financing": True,
            "financing_rank": 9,
            "budget": 18000,
            "budget_note": "mainly external funds",
            "duration_note": "up to two years",
            "status": "in_progress",
            "progress": 50,
            "entities": [
                ("vn-health-centre", "lead", "Uses the service"),
                ("vn-municipality", "partner", "Contract with the interpreters"),
            ],
            "practices": [("asap-hr-asistenta-lingvistica-sanatate", "inspires")],
        },
        {
            "code": "7.1.3",
            "objective": "7.1",
            "title": "Health sessions for migrant women on pregnancy care and screening",
            "priority": 2,
            "needs_financing": True,
            "financing_rank": 10,
            "budget": 6000,
            "funding_source": "Municipal budget",
            "start": "2024-04-01",
            "end": "2026-12-31",
            "status": "in_progress",
            "progress": 40,
            "entities": [
                ("vn-health-centre", "lead", "Nurses and midwives"),
                ("vn-ponte", "partner", "Invites the women and provides childcare"),
            ],
        },
        # 8 Solidarity and social response
        {
            "code": "8.1.1",
            "objective": "8.1",
            "title": "Emergency help with food, rent and energy bills",
            "priority": 1,
            "needs_financing": True,
            "financing_rank": 11,
            "budget": 35000,
            "funding_source": "Municipal budget and private donations",
            "start": "2024-01-02",
            "end": "2026-12-31",
            "status": "in_progress",
            "progress": 65,
            "entities": [
                ("vn-ponte", "lead", "Assesses needs and delivers the help"),
                ("vn-municipality", "partner", "Social emergency fund"),
                ("vn-parish-sao-romao", "partner", "Referrals"),
            ],
        },
        {
            "code": "8.1.2",
            "objective": "8.1",
            "title": "Social workers trained on the benefits migrants are entitled to",
            "priority": 1,
            "start": "2024-02-01",
            "end": "2024-11-30",
            "status": "done",
            "progress": 100,
            "entities": [("vn-municipality", "lead", "Social action department")],
        },
        # 9 Citizenship and civic participation
        {
            "code": "9.1.1",
            "objective": "9.1",
            "title": "A council of migrant residents that meets four times a year",
            "priority": 1,
            "start": "2024-05-01",
            "end": "2026-12-31",
            "status": "in_progress",
            "progress": 80,
            "entities": [
                ("vn-municipality", "lead", "Secretariat, answers to the council"),
                ("vn-vozes", "partner", "Nominates members"),
            ],
        },
        {
            "code": "9.1.2",
            "objective": "9.1",
            "title": "A campaign on voter registration before the local elections",
            "priority": 2,
            "budget": 4000,
            "funding_source": "Municipal budget",
            "duration_note": "the months before each local election",
            "status": "planned",
            "progress": 0,
            "entities": [
                ("vn-municipality", "lead", "Electoral roll"),
                ("vn-vozes", "partner", "Door-to-door information"),
                ("vn-parish-sao-romao", "partner", "Registration desks"),
            ],
        },
        # 10 Media and public awareness
        {
            "code": "10.1.1",
            "objective": "10.1",
            "title": "A monthly newspaper column and radio slot made with migrant residents",
            "priority": 2,
            "budget": 5000,
            "funding_source": "Municipal budget",
            "duration_note": "up to two years",
            "status": "in_progress",
            "progress": 50,
            "entities": [
                ("vn-horizonte", "lead", "Editing and production"),
                ("vn-vozes", "partner", "Authors and guests"),
            ],
        },
        {
            "code": "10.1.2",
            "objective": "10.1",
            "title": "Guidelines for local media on reporting about migration",
            "text": "Dropped in 2025: the regional journalists' union published its own.",
            "priority": 2,
            "status": "dropped",
            "progress": 10,
            "entities": [("vn-municipality", "lead", "Drafting")],
        },
        # 11 Racism and discrimination
        {
            "code": "11.1.1",
            "objective": "11.1",
            "title": "A contact point to report discrimination, following up every case",
            "priority": 1,
            "needs_financing": True,
            "financing_rank": 12,
            "budget": 20000,
            "funding_source": "AMIF",
            "start": "2024-03-01",
            "end": "2026-12-31",
            "status": "in_progress",
            "progress": 45,
            "entities": [
                ("vn-ponte", "lead", "Receives reports, accompanies victims"),
                ("vn-municipality", "partner", "Refers cases to the authorities"),
            ],
        },
        {
            "code": "11.1.2",
            "objective": "11.1",
            "title": "Anti-racism workshops in the secondary schools",
            "priority": 2,
            "budget": 7000,
            "funding_source": "Municipal budget",
            "start": "2024-09-16",
            "end": "2026-06-30",
            "status": "in_progress",
            "progress": 60,
            "entities": [
                ("vn-schools", "lead", "Timetable and teachers"),
                ("vn-horizonte", "partner", "Workshop leaders"),
            ],
        },
        # 12 International relations
        {
            "code": "12.1.1",
            "objective": "12.1",
            "title": "A cooperation agreement with a municipality in Cabo Verde",
            "text": "Waiting for the partner town's council to approve the agreement.",
            "priority": 2,
            "needs_financing": True,
            "financing_rank": 13,
            "budget_note": "mainly external funds",
            "start": "2026-03-02",
            "end": "2026-12-31",
            "status": "planned",
            "progress": 0,
            "entities": [("vn-municipality", "lead", "Mayor's office")],
        },
        # 13 Religion
        {
            "code": "13.1.1",
            "objective": "13.1",
            "title": "An interfaith round table with the town's religious communities",
            "priority": 2,
            "duration_note": "twice a year",
            "status": "in_progress",
            "progress": 50,
            "entities": [
                ("vn-municipality", "lead", "Invites and chairs"),
                ("vn-vozes", "partner", "Contacts in the communities"),
            ],
        },
    ],
    # Indicators: measure code → list. ``series`` makes the reported values:
    # from ``start`` to ``end`` over the plan's periods, with a little noise.
    # ``shares`` splits a total over the cells of one dimension (the others' shares
    # multiply); ``incomplete`` lists periods where not every cell is known.
    "indicators": [
        {
            "measure": "1.1.1",
            "code": "1.1.1-a",
            "name": "People served at the welcome desk",
            "definition": "Distinct visitors in the quarter, counted once each.",
            "unit": "people",
            "baseline": 0,
            "baseline_date": "2023-12-31",
            "target": 140,
            "target_date": "2026-12-31",
            "frequency": "quarterly",
            "reporter": "vn-municipality",
            "dimensions": {
                "sex": ["F", "M"],
                "age": ["18-24", "25-34", "35-44", "45-54", "55-64"],
            },
            "shares": {
                "sex": {"F": 0.47, "M": 0.53},
                "age": {
                    "18-24": 0.17,
                    "25-34": 0.38,
                    "35-44": 0.27,
                    "45-54": 0.13,
                    "55-64": 0.05,
                },
            },
            "series": {"start": 60, "end": 135, "noise": 0.08},
            "incomplete": ["2024-Q1"],
        },
        {
            "measure": "1.1.1",
            "code": "1.1.1-b",
            "name": "Share of welcome desk visits held in the visitor's language",
            "definition": (
                "Visits in which the visitor could speak their first language or "
                "a language they chose, through staff or an interpreter."
            ),
            "unit": "%",
            "baseline": 40,
            "baseline_date": "2023-12-31",
            "target": 80,
            "target_date": "2026-12-31",
            "frequency": "quarterly",
            "reporter": "vn-municipality",
            "series": {"start": 45, "end": 78, "noise": 0.05, "decimals": 1},
        },
        {
            "measure": "1.1.2",
            "code": "1.1.2-a",
            "name": "Languages in which the welcome guide is available",
            "unit": "languages",
            "baseline": 1,
            "baseline_date": "2023-12-31",
            "target": 6,
            "target_date": "2024-12-31",
            "frequency": "yearly",
            "reporter": "vn-municipality",
            "series": {"values": {"2024": 6, "2025": 7}},
        },
        {
            "measure": "2.1.1",
            "code": "2.1.1-a",
            "name": "Households helped to find or keep a home",
            "unit": "households",
            "baseline": 0,
            "baseline_date": "2023-12-31",
            "target": 20,
            "target_date": "2026-12-31",
            "frequency": "quarterly",
            "reporter": "vn-ponte",
            "dimensions": {"parish": []},
            "shares": {
                "parish": {
                    "VN-SED": 0.46,
                    "VN-SRO": 0.27,
                    "VN-RIB": 0.12,
                    "VN-OUT": 0.09,
                    "VN-CAS": 0.06,
                }
            },
            "series": {"start": 6, "end": 21, "noise": 0.15},
        },
        {
            "measure": "3.1.1",
            "code": "3.1.1-a",
            "name": "Migrant job seekers registered and given guidance",
            "unit": "people",
            "baseline": 45,
            "baseline_date": "2023-12-31",
            "target": 150,
            "target_date": "2026-12-31",
            "frequency": "quarterly",
            "reporter": "vn-employment",
            "dimensions": {
                "sex": ["F", "M"],
                "nationality": ["BR", "CV", "AO", "IN", "NP", "UA"],
            },
            "shares": {
                "sex": {"F": 0.44, "M": 0.56},
                "nationality": {
                    "BR": 0.38,
                    "CV": 0.16,
                    "AO": 0.09,
                    "IN": 0.15,
                    "NP": 0.12,
                    "UA": 0.10,
                },
            },
            "series": {"start": 60, "end": 140, "noise": 0.1},
        },
        {
            "measure": "3.1.2",
            "code": "3.1.2-a",
            "name": "Migrant candidates hired after the job fair",
            "unit": "people",
            "baseline": 5,
            "baseline_date": "2023-06-30",
            "target": 40,
            "target_date": "2026-12-31",
            "frequency": "yearly",
            "reporter": "vn-employment",
            "series": {"values": {"2024": 14, "2025": 23}},
        },
        {
            "measure": "3.2.1",
            "code": "3.2.1-a",
            "name": "Businesses started with a mentor's support",
            "unit": "businesses",
            "baseline": 0,
            "baseline_date": "2024-12-31",
            "target": 15,
            "target_date": "2026-12-31",
            "frequency": "yearly",
            "reporter": "vn-horizonte",
            "series": {"values": {"2024": 0, "2025": 6}},
        },
        {
            "measure": "4.1.1",
            "code": "4.1.1-a",
            "name": "Newly arrived pupils with a pupil mentor",
            "unit": "pupils",
            "baseline": 20,
            "baseline_date": "2024-06-30",
            "target": 90,
            "target_date": "2026-07-31",
            "frequency": "yearly",
            "reporter": "vn-schools",
            "dimensions": {"sex": ["F", "M"]},
            "shares": {"sex": {"F": 0.5, "M": 0.5}},
            "series": {"values": {"2024": 41, "2025": 73}},
            "cell_targets": {"2025": {"sex=F": 35, "sex=M": 35}},
        },
        {
            "measure": "4.2.1",
            "code": "4.2.1-a",
            "name": "Adults who finished a Portuguese course",
            "definition": "Learners who attended at least 80% of a course's hours.",
            "unit": "people",
            "baseline": 9,
            "baseline_date": "2023-12-31",
            "target": 45,
            "target_date": "2026-12-31",
            "frequency": "quarterly",
            "reporter": "vn-ponte",
            "dimensions": {
                "sex": ["F", "M"],
                "age": ["18-24", "25-34", "35-44", "45-54", "55-64"],
            },
            "shares": {
                "sex": {"F": 0.58, "M": 0.42},
                "age": {
                    "18-24": 0.14,
                    "25-34": 0.36,
                    "35-44": 0.29,
                    "45-54": 0.15,
                    "55-64": 0.06,
                },
            },
            "series": {"start": 18, "end": 44, "noise": 0.12, "summer_dip": True},
        },
        {
            "measure": "4.2.2",
            "code": "4.2.2-a",
            "kind": "qualitative",
            "name": "What learners say about the conversation groups",
            "definition": "A short summary of the yearly feedback round.",
            "frequency": "yearly",
            "reporter": "vn-vozes",
            "narratives": {
                "2024": (
                    "Twenty-two learners answered. They valued speaking about daily "
                    "situations (the market, the doctor, the school) and asked for a "
                    "Saturday group for people who work in the week."
                ),
                "2025": (
                    "The Saturday group opened in March and was full by May. "
                    "Learners asked for more volunteers who are men, and for "
                    "themes linked to work interviews."
                ),
            },
        },
        {
            "measure": "5.1.1",
            "code": "5.1.1-a",
            "name": "Recognition requests filed with the programme's help",
            "unit": "requests",
            "baseline": 10,
            "baseline_date": "2023-12-31",
            "target": 60,
            "target_date": "2026-12-31",
            "frequency": "yearly",
            "reporter": "vn-employment",
            "series": {"values": {"2024": 18, "2025": 31}},
        },
        {
            "measure": "6.1.1",
            "code": "6.1.1-a",
            "name": "Visitors of the communities festival",
            "unit": "people",
            "baseline": 800,
            "baseline_date": "2023-06-30",
            "target": 2000,
            "target_date": "2026-06-30",
            "frequency": "yearly",
            "reporter": "vn-municipality",
            "series": {"values": {"2024": 1150, "2025": 1620}},
        },
        {
            "measure": "7.1.1",
            "code": "7.1.1-a",
            "name": "Migrants registered with a family doctor",
            "unit": "people",
            "baseline": 30,
            "baseline_date": "2023-12-31",
            "target": 90,
            "target_date": "2026-12-31",
            "frequency": "quarterly",
            "reporter": "vn-health-centre",
            "dimensions": {"sex": ["F", "M"], "age": []},
            "shares": {
                "sex": {"F": 0.52, "M": 0.48},
                "age": {
                    "0-17": 0.22,
                    "18-24": 0.12,
                    "25-34": 0.27,
                    "35-44": 0.2,
                    "45-54": 0.11,
                    "55-64": 0.05,
                    "65+": 0.03,
                },
            },
            "series": {"start": 38, "end": 86, "noise": 0.1},
        },
        {
            "measure": "7.1.2",
            "code": "7.1.2-a",
            "name": "Medical consultations held with an interpreter",
            "unit": "consultations",
            "baseline": 0,
            "baseline_date": "2023-12-31",
            "target": 150,
            "target_date": "2026-12-31",
            "frequency": "quarterly",
            "reporter": "vn-health-centre",
            "series": {"start": 12, "end": 128, "noise": 0.1},
        },
        {
            "measure": "7.1.3",
            "code": "7.1.3-a",
            "name": "Women who attended a health session",
            "unit": "people",
            "baseline": 0,
            "baseline_date": "2023-12-31",
            "target": 200,
            "target_date": "2026-12-31",
            "frequency": "yearly",
            "reporter": "vn-health-centre",
            "dimensions": {"nationality": ["BR", "CV", "AO", "IN", "NP", "UA"]},
            "shares": {
                "nationality": {
                    "BR": 0.36,
                    "CV": 0.22,
                    "AO": 0.12,
                    "IN": 0.1,
                    "NP": 0.04,
                    "UA": 0.16,
                }
            },
            "series": {"values": {"2024": 58, "2025": 97}},
        },
        {
            "measure": "8.1.1",
            "code": "8.1.1-a",
            "name": "Households given emergency help",
            "unit": "households",
            "baseline": 25,
            "baseline_date": "2023-12-31",
            "target": 25,
            "target_date": "2026-12-31",
            "direction": "maintain",
            "frequency": "quarterly",
            "reporter": "vn-ponte",
            "dimensions": {"parish": []},
            "shares": {
                "parish": {
                    "VN-SED": 0.41,
                    "VN-SRO": 0.3,
                    "VN-RIB": 0.13,
                    "VN-OUT": 0.1,
                    "VN-CAS": 0.06,
                }
            },
            "series": {"start": 31, "end": 26, "noise": 0.12, "winter_peak": True},
            "returned": {
                "period": "2026-Q3",
                "comment": (
                    "Outeiro shows twice as many households as last quarter while "
                    "the other parishes went down: please check it against the "
                    "referral list before we validate."
                ),
            },
        },
        {
            "measure": "9.1.1",
            "code": "9.1.1-a",
            "kind": "qualitative",
            "name": "Issues raised by the migrant residents' council and the answers given",
            "frequency": "yearly",
            "reporter": "vn-municipality",
            "narratives": {
                "2024": (
                    "Three meetings. The council asked for longer opening hours of "
                    "the welcome desk (granted: Thursday evenings) and for a bus "
                    "stop near the São Romão housing estate (under study)."
                ),
                "2025": (
                    "Four meetings. The bus stop was built. The council now asks "
                    "for a say in the choice of the festival's programme and for "
                    "interpreters at parent-teacher meetings."
                ),
            },
        },
        {
            "measure": "11.1.1",
            "code": "11.1.1-a",
            "name": "Reports of discrimination received and followed up",
            "unit": "reports",
            "baseline": 0,
            "baseline_date": "2023-12-31",
            "target": 12,
            "target_date": "2026-12-31",
            "frequency": "quarterly",
            "reporter": "vn-ponte",
            "series": {"start": 2, "end": 11, "noise": 0.25},
        },
        {
            "measure": "11.1.1",
            "code": "11.1.1-b",
            "kind": "qualitative",
            "name": "What kinds of discrimination were reported, and what was done",
            "frequency": "yearly",
            "reporter": "vn-ponte",
            "narratives": {
                "2024": (
                    "Most reports concerned renting a flat and being refused "
                    "service in shops. Two cases were passed to the national "
                    "equality body; one landlord signed a mediation agreement."
                ),
                "2025": (
                    "Reports at work grew, mostly about unpaid overtime on farms. "
                    "The contact point now runs a monthly session with the labour "
                    "inspectorate."
                ),
            },
        },
        {
            "measure": "11.1.2",
            "code": "11.1.2-a",
            "name": "Pupils who took part in an anti-racism workshop",
            "unit": "pupils",
            "baseline": 0,
            "baseline_date": "2024-06-30",
            "target": 900,
            "target_date": "2026-06-30",
            "frequency": "yearly",
            "reporter": "vn-schools",
            "series": {"values": {"2024": 240, "2025": 610}},
        },
    ],
    "recommendations": [
        (
            "local",
            "Keep the welcome desk open one evening a week, so that people who "
            "work shifts can come without losing a day's pay.",
        ),
        (
            "service_providers",
            "Note in which language each person was served: the figures tell "
            "where interpreters are needed and when.",
        ),
        (
            "migrant_organisations",
            "Report what you do every quarter along with the public services: "
            "you reach people they do not see.",
        ),
        (
            "state",
            "Shorten the time it takes to recognise a foreign diploma; waiting "
            "more than a year keeps qualified people in unskilled jobs.",
        ),
        (
            "media",
            "When writing about migration in Vale Novo, let migrant residents "
            "speak for themselves.",
        ),
    ],
    #: Periods the territory team closed (after validating them).
    "locked": ["2024"],
}

#: Up to which period the demo has reported values (quarterly indicators).
LAST_QUARTER = "2026-Q3"
LAST_YEAR = "2025"

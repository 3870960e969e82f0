"""Places and organisations of the practices demo, which `load_demo` makes.

Hand-written in our own words on the basis of the facts (names, places, years,
figures, links and e-mail addresses) given in the seed documents
001_72dbf5fa917cd8ae.txt, 002_9963238dd20171d8.txt and 004_35c0a59320400368.txt.
The practices that refer to them are ingested from those seeds by `load_demo`; our
own written versions of them are the tests' content (tests/demo/practices_content.py).
"""

# Places the practices and organisations refer to; the countries themselves already
# exist as Territory rows (ISO 3166-1 alpha-2).
TERRITORIES: list[dict] = [
    {
        "key": "palermo",
        "name": "Palermo",
        "country": "IT",
        "kind": "municipality",
        "lat": 38.1157,
        "lon": 13.3615,
    },
    {
        "key": "rome",
        "name": "Rome",
        "country": "IT",
        "kind": "municipality",
        "lat": 41.9028,
        "lon": 12.4964,
    },
    {
        "key": "florence",
        "name": "Florence",
        "country": "IT",
        "kind": "municipality",
        "lat": 43.7696,
        "lon": 11.2558,
    },
    {
        "key": "prato",
        "name": "Prato",
        "country": "IT",
        "kind": "municipality",
        "lat": 43.8777,
        "lon": 11.1023,
    },
    {
        "key": "milan",
        "name": "Milan",
        "country": "IT",
        "kind": "municipality",
        "lat": 45.4642,
        "lon": 9.19,
    },
    {
        "key": "piacenza",
        "name": "Piacenza",
        "country": "IT",
        "kind": "municipality",
        "lat": 45.0526,
        "lon": 9.6929,
    },
    {
        "key": "madrid",
        "name": "Madrid",
        "country": "ES",
        "kind": "municipality",
        "lat": 40.4168,
        "lon": -3.7038,
    },
    {
        "key": "alcorcon",
        "name": "Alcorcón",
        "country": "ES",
        "kind": "municipality",
        "lat": 40.3458,
        "lon": -3.8249,
    },
    {
        "key": "roquetas-de-mar",
        "name": "Roquetas de Mar",
        "country": "ES",
        "kind": "municipality",
        "lat": 36.7642,
        "lon": -2.6148,
    },
    {
        "key": "timisoara",
        "name": "Timișoara",
        "country": "RO",
        "kind": "municipality",
        "lat": 45.7489,
        "lon": 21.2087,
    },
    {
        "key": "ankara",
        "name": "Ankara",
        "country": "TR",
        "kind": "municipality",
        "lat": 39.9334,
        "lon": 32.8597,
    },
    {
        "key": "thessaloniki",
        "name": "Thessaloniki",
        "country": "GR",
        "kind": "municipality",
        "lat": 40.6401,
        "lon": 22.9444,
    },
    {
        "key": "vienna",
        "name": "Vienna",
        "country": "AT",
        "kind": "municipality",
        "lat": 48.2082,
        "lon": 16.3738,
    },
    {
        "key": "graz",
        "name": "Graz",
        "country": "AT",
        "kind": "municipality",
        "lat": 47.0707,
        "lon": 15.4395,
    },
    {
        "key": "zagreb",
        "name": "Zagreb",
        "country": "HR",
        "kind": "municipality",
        "lat": 45.815,
        "lon": 15.9819,
    },
    {
        "key": "tilburg",
        "name": "Tilburg",
        "country": "NL",
        "kind": "municipality",
        "lat": 51.5555,
        "lon": 5.0913,
    },
    {
        "key": "brussels",
        "name": "Brussels",
        "country": "BE",
        "kind": "region",
        "lat": 50.8503,
        "lon": 4.3517,
    },
    {
        "key": "jesenice",
        "name": "Jesenice",
        "country": "SI",
        "kind": "municipality",
        "lat": 46.4367,
        "lon": 14.0526,
    },
    {
        "key": "amadora",
        "name": "Amadora",
        "country": "PT",
        "kind": "municipality",
        "lat": 38.7538,
        "lon": -9.2308,
    },
    {
        "key": "birmingham",
        "name": "Birmingham",
        "country": "GB",
        "kind": "municipality",
        "lat": 52.4862,
        "lon": -1.8904,
    },
    {
        "key": "belfast",
        "name": "Belfast",
        "country": "GB",
        "kind": "municipality",
        "lat": 54.5973,
        "lon": -5.9301,
    },
]

# kind: public_authority, public_service, ngo, migrant_association, university,
# company, international_body or network.
ORGANISATIONS: list[dict] = [
    {
        "key": "hryo",
        "name": "HRYO — Human Rights Youth Organization",
        "kind": "ngo",
        "country": "IT",
        "territory": "palermo",
        "website": "",
        "email": "senem.kalafat@hryo.org",
        "phone": "",
        "languages": ["it", "en"],
        "description": (
            "A Palermo non-profit set up in 2009 to defend and advance human rights, "
            "both locally and worldwide. It treats education as the key to dignity, "
            "equality and sustainability, and it backs grassroots initiatives and the "
            "growth of talented individuals as a path to a fairer global society."
        ),
    },
    {
        "key": "fetico",
        "name": "FETICO",
        "kind": "ngo",
        "country": "ES",
        "territory": None,
        "website": "",
        "email": "emiliamartin@fetico.es",
        "phone": "",
        "languages": ["es", "en"],
        "description": (
            "A Spanish trade union that grew out of a spontaneous, politically "
            "independent workers' movement at the time of the first free elections of "
            "the democratic era. Its members take part on an equal footing, it "
            "describes itself as the most successful independent union in the country, "
            "naming equality, diversity and social commitment as the values it stands "
            "for."
        ),
    },
    {
        "key": "novapolis",
        "name": "NOVAPOLIS",
        "kind": "ngo",
        "country": "RO",
        "territory": None,
        "website": "",
        "email": "alexeirisa@gmail.com",
        "phone": "",
        "languages": ["ro", "en"],
        "description": (
            "A Romanian association working for a democratic, inclusive and diverse "
            "society that is balanced socially and economically. Its work ranges from "
            "grassroots action and the analysis of national and local public policies "
            "to social projects and the integration of foreigners living in Romania."
        ),
    },
    {
        "key": "ronesans",
        "name": "Rönesans Enstitüsü (Renaissance Institute)",
        "kind": "ngo",
        "country": "TR",
        "territory": None,
        "website": "",
        "email": "akyar@ronesans.org.tr",
        "phone": "",
        "languages": ["tr", "en"],
        "description": (
            "A Turkish institute that takes the UN Sustainable Development Goals as "
            "its compass and acts above party politics through partnerships, education "
            "and the mobilisation of young people. Its three strategic lines are "
            "digital transformation and science, climate action and the circular "
            "economy, and an active, good quality of life."
        ),
    },
    {
        "key": "systserv",
        "name": "SystServ",
        "kind": "company",
        "country": "GR",
        "territory": None,
        "website": "",
        "email": "pylarinou@systserv.com",
        "phone": "",
        "languages": ["el", "en"],
        "description": (
            "A Greek company certified under ISO 13485 and active in medical "
            "informatics and eHealth, founded by researchers with a background in "
            "building ICT systems. It creates tailor-made digital learning tools, such "
            "as avatars, animated studios and interactive rooms, shaped around the "
            "needs of each group of learners."
        ),
    },
    {
        "key": "casa-betania",
        "name": "Casa Betania",
        "kind": "ngo",
        "country": "IT",
        "territory": "rome",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["it"],
        "description": (
            "A foster home in Rome, open since 1995 and managed by the social "
            "cooperative L'accoglienza. It hosts women for a period of their lives and "
            "is where the 'Da tutti i Paesi' solidarity workshop began."
        ),
    },
    {
        "key": "laccoglienza",
        "name": "L'accoglienza social cooperative",
        "kind": "ngo",
        "country": "IT",
        "territory": "rome",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["it"],
        "description": (
            "Italian social cooperative that runs the Casa Betania foster home in Rome "
            "and its sewing and crafts workshop for women."
        ),
    },
    {
        "key": "mujeres-en-igualdad",
        "name": (
            "Confederación Nacional Mujeres en Igualdad (National Confederation of "
            "Women in Equality)"
        ),
        "kind": "ngo",
        "country": "ES",
        "territory": None,
        "website": "http://www.mujeresenigualdad.com",
        "email": "",
        "phone": "",
        "languages": ["es"],
        "description": (
            "Spanish NGO working for equality between women and men. Since 2014 it has "
            "run the COSMI programme, which helps migrant women at risk of exclusion "
            "into work from an orientation centre in Vallecas, Madrid."
        ),
    },
    {
        "key": "instituto-mujeres",
        "name": "Instituto de las Mujeres (Spanish Women's Institute)",
        "kind": "public_authority",
        "country": "ES",
        "territory": None,
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["es"],
        "description": (
            "Spain's public body for women's equality. It created the SARA programme "
            "for migrant women together with the CEPAIM Foundation."
        ),
    },
    {
        "key": "cepaim",
        "name": "Fundación CEPAIM",
        "kind": "ngo",
        "country": "ES",
        "territory": None,
        "website": "https://www.cepaim.org",
        "email": "",
        "phone": "",
        "languages": ["es"],
        "description": (
            "Spanish foundation whose fields of work include equality and "
            "non-discrimination. It co-runs the SARA employability programme for "
            "migrant women with the Women's Institute."
        ),
    },
    {
        "key": "ministerio-igualdad",
        "name": "Ministerio de Igualdad (Spanish Ministry of Equality)",
        "kind": "public_authority",
        "country": "ES",
        "territory": None,
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["es"],
        "description": (
            "Government ministry of Spain responsible for equality, which collaborates "
            "with the SARA programme for migrant women."
        ),
    },
    {
        "key": "iskur",
        "name": "İŞKUR — Turkish Employment Agency",
        "kind": "public_service",
        "country": "TR",
        "territory": None,
        "website": "https://www.iskur.gov.tr",
        "email": "",
        "phone": "",
        "languages": ["tr"],
        "description": (
            "Turkey's public employment agency. It worked with employers in Ankara to "
            "place Syrian and Turkish trainees in jobs, and it received technical "
            "assistance in a programme on economic opportunities for Syrians under "
            "temporary protection."
        ),
    },
    {
        "key": "ato",
        "name": "ATO — Ankara Chamber of Commerce",
        "kind": "network",
        "country": "TR",
        "territory": "ankara",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["tr"],
        "description": (
            "Business organisation of Ankara whose member companies, together with "
            "İŞKUR, took on the participants of the 2017-2018 training and employment "
            "project for social cohesion."
        ),
    },
    {
        "key": "eliamep",
        "name": "ELIAMEP — Hellenic Foundation for European and Foreign Policy",
        "kind": "ngo",
        "country": "GR",
        "territory": None,
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["el", "en"],
        "description": (
            "Greek policy research foundation. In the ATHENA project it led the work "
            "on policy proposals and action plans to open business opportunities for "
            "migrant women."
        ),
    },
    {
        "key": "kepa",
        "name": "K.E.P.A. — Center for Business & Cultural Development",
        "kind": "ngo",
        "country": "GR",
        "territory": None,
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["el", "en"],
        "description": (
            "Greek organisation that delivered the EntryWay entrepreneurship training "
            "for refugees and migrants in 2018."
        ),
    },
    {
        "key": "cospe",
        "name": "COSPE",
        "kind": "ngo",
        "country": "IT",
        "territory": "florence",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["it"],
        "description": (
            "Italian NGO based in Florence and partner of the AMIF-funded ASAP "
            "project. Within ASAP it designed a support scheme that helps people from "
            "migrant families find and keep a rented home."
        ),
    },
    {
        "key": "sociolab",
        "name": "Sociolab Cooperativa Impresa Sociale",
        "kind": "company",
        "country": "IT",
        "territory": "florence",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["it"],
        "description": (
            "Social cooperative enterprise from Florence and partner of the ASAP "
            "project. It edited the project's guide on co-designed services, published "
            "in March 2024."
        ),
    },
    {
        "key": "anci-toscana",
        "name": "ANCI Toscana",
        "kind": "network",
        "country": "IT",
        "territory": "florence",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["it"],
        "description": (
            "Association of the municipalities of Tuscany, based in Florence, and one "
            "of the Italian partners of the ASAP project."
        ),
    },
    {
        "key": "ssf",
        "name": "Solidaridad Sin Fronteras (SSF)",
        "kind": "ngo",
        "country": "ES",
        "territory": "alcorcon",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["es"],
        "description": (
            "Spanish organisation based in Alcorcón and the ASAP partner for Spain. It "
            "taught third-country nationals how to handle online public administration "
            "procedures in Madrid and Alcorcón."
        ),
    },
    {
        "key": "symbiosis",
        "name": "Symbiosis (Symbiosis Astiki Mi Kerdoskopiki Etaireia)",
        "kind": "ngo",
        "country": "GR",
        "territory": "thessaloniki",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["el", "en"],
        "description": (
            "Civil non-profit organisation from Thessaloniki and the Greek partner of "
            "ASAP. It ran the Navigate pilot, which accompanied migrants and refugees "
            "in Northern Greece to the public services they needed."
        ),
    },
    {
        "key": "sudwind",
        "name": "Südwind — Verein für Entwicklungspolitik und globale Gerechtigkeit",
        "kind": "ngo",
        "country": "AT",
        "territory": None,
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["de"],
        "description": (
            "Austrian association for development policy and global justice, partner "
            "of ASAP. It organised information talks for newcomers to Graz and helped "
            "open an international welcome office there."
        ),
    },
    {
        "key": "mib-graz",
        "name": "Migrant:innenbeirat Graz (Migrants' Advisory Council of Graz)",
        "kind": "migrant_association",
        "country": "AT",
        "territory": "graz",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["de"],
        "description": (
            "Advisory council representing migrants in Graz and an Austrian partner of "
            "ASAP. It worked with Südwind on information for newcomers and on the "
            "welcome office."
        ),
    },
    {
        "key": "uvt",
        "name": "Universitatea de Vest din Timișoara (West University of Timișoara)",
        "kind": "university",
        "country": "RO",
        "territory": "timisoara",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["ro", "en"],
        "description": (
            "Public university in Timișoara and ASAP partner for Romania. With LOGS it "
            "assessed local needs and ran a school-based pilot against discrimination "
            "of people from migrant families."
        ),
    },
    {
        "key": "logs",
        "name": "Asociația LOGS — Grup de Inițiative Sociale",
        "kind": "ngo",
        "country": "RO",
        "territory": "timisoara",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["ro", "en"],
        "description": (
            "Romanian NGO from Timișoara and ASAP partner. Together with the West "
            "University it prepared teachers, lesson plans and video material on "
            "discrimination and inclusion."
        ),
    },
    {
        "key": "cms",
        "name": "Centar za mirovne studije (Centre for Peace Studies)",
        "kind": "ngo",
        "country": "HR",
        "territory": "zagreb",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["hr", "en"],
        "description": (
            "Croatian organisation based in Zagreb and ASAP partner. It tested a model "
            "of language assistance so that people who do not speak Croatian can use "
            "health services."
        ),
    },
    {
        "key": "iom-nl",
        "name": "IOM Netherlands (International Organization for Migration)",
        "kind": "international_body",
        "country": "NL",
        "territory": None,
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["nl", "en"],
        "description": (
            "Dutch office of the International Organization for Migration. In the "
            "AMIF-funded Includ-EU project it ran two integration pilots with the city "
            "of Tilburg."
        ),
    },
    {
        "key": "tilburg-city",
        "name": "City of Tilburg",
        "kind": "public_authority",
        "country": "NL",
        "territory": "tilburg",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["nl"],
        "description": (
            "Municipality in the Netherlands that guides the local refugee advisory "
            "council and co-designed the Includ-EU pilots with IOM Netherlands."
        ),
    },
    {
        "key": "prato-office",
        "name": "City of Prato — Migration Office",
        "kind": "public_service",
        "country": "IT",
        "territory": "prato",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["it", "en", "fr", "zh", "ur", "ar", "sq"],
        "description": (
            "The social and immigration service of the city of Prato. It runs a "
            "multilingual front office, long-term reception and anti-trafficking "
            "projects and school inclusion work; its Pratomigranti website is "
            "available in several languages."
        ),
    },
    {
        "key": "bon",
        "name": "Bon — Agentschap Integratie & Inburgering",
        "kind": "public_service",
        "country": "BE",
        "territory": "brussels",
        "website": "",
        "email": "",
        "phone": "",
        "languages": [
            "nl",
            "fr",
            "en",
            "uk",
            "ar",
            "bg",
            "es",
            "tr",
            "ru",
            "fa",
            "ur",
            "ps",
            "pl",
            "ro",
        ],
        "description": (
            "The Brussels reception office for integration of the Flemish government "
            "agency for integration and civic integration. It started in 2004 as a "
            "non-profit organisation and became part of the agency in 2015."
        ),
    },
    {
        "key": "iom-si",
        "name": "IOM Slovenia (International Organization for Migration)",
        "kind": "international_body",
        "country": "SI",
        "territory": None,
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["sl", "en"],
        "description": (
            "Slovenian office of the International Organization for Migration. Within "
            "Includ-EU it ran a digital skills pilot with the Adult Education Centre "
            "Jesenice."
        ),
    },
    {
        "key": "jesenice-adult-ed",
        "name": "Adult Education Centre Jesenice",
        "kind": "public_service",
        "country": "SI",
        "territory": "jesenice",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["sl"],
        "description": (
            "Adult education provider in Jesenice, Slovenia, and the local partner of "
            "IOM Slovenia in a 60-hour digital skills and Slovene language programme."
        ),
    },
    {
        "key": "somos-mas",
        "name": "Somos Más",
        "kind": "ngo",
        "country": "ES",
        "territory": "madrid",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["es", "en"],
        "description": (
            "Madrid-based organisation behind MEnt, a mentoring and incubation "
            "programme for migrant and refugee entrepreneurs."
        ),
    },
    {
        "key": "belfast-hsct",
        "name": "Belfast Health and Social Care Trust",
        "kind": "public_service",
        "country": "GB",
        "territory": "belfast",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["en"],
        "description": (
            "Health and social care provider in Belfast and a partner of the 2009-2011 "
            "thematic exchange network on migrants' health and poverty."
        ),
    },
    {
        "key": "milan-municipality",
        "name": "Municipality of Milan",
        "kind": "public_authority",
        "country": "IT",
        "territory": "milan",
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["it"],
        "description": (
            "City government of Milan and a partner of the 2009-2011 thematic exchange "
            "network on migrants' health and poverty."
        ),
    },
    {
        "key": "efxini-poli",
        "name": "EFXINI POLI",
        "kind": "network",
        "country": "GR",
        "territory": None,
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["el"],
        "description": (
            "Greek network of local authorities and the Greek partner of the 2009-2011 "
            "thematic exchange network on migrants' health and poverty."
        ),
    },
    {
        "key": "samdarra",
        "name": "SAMDARRA",
        "kind": "public_service",
        "country": "FR",
        "territory": None,
        "website": "",
        "email": "",
        "phone": "",
        "languages": ["fr"],
        "description": (
            "Observatory on mental health, asylum seekers and refugees in the "
            "Rhône-Alpes region of France, listed among the partners of the 2009-2011 "
            "thematic exchange network on migrants' health and poverty."
        ),
    },
]

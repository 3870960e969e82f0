"""Demo practices for the tests: good practices, one collection and one evaluation.

Hand-written in our own words on the basis of the facts (names, places, years,
figures, links and e-mail addresses) given in the seed documents
001_72dbf5fa917cd8ae.txt, 002_9963238dd20171d8.txt and 004_35c0a59320400368.txt.
No sentence is copied from the seeds. Practices taken from the Romanian ASAP guide
(004) are written in Romanian, everything else in English. Where a seed gives no
value for a field, the field is left empty or None.  Their places and organisations
are the demo's (convivio.demo.content.organisations); `load_demo` ingests the seeds
instead, so only the tests (the browser tests above all) load these.
"""

# The four stages of the double-diamond co-design model that every ASAP partner
# followed with its local multi-stakeholder network (seed 004).
ASAP_CODESIGN_PHASES = [
    {
        "title": "Descoperă",
        "text": (
            "Rezultatele evaluării nevoilor sunt puse în discuție cu rețeaua locală, "
            "iar oamenii cu experiență de migrație își povestesc parcursul, ca grupul "
            "să înțeleagă bine contextul."
        ),
    },
    {
        "title": "Definește",
        "text": (
            "Grupul ierarhizează problemele, alege domeniul de intervenție și "
            "formulează provocarea ca întrebare de tipul „Cum am putea...?”."
        ),
    },
    {
        "title": "Dezvoltă",
        "text": (
            "Ideile de soluții sunt căutate împreună cu rețeaua locală și în sesiunile "
            "de consolidare a capacităților."
        ),
    },
    {
        "title": "Livrează",
        "text": (
            "Un prototip al practicii este încercat pe teren cu utilizatorii; "
            "reacțiile lor sunt folosite pentru a-l îmbunătăți și pentru a hotărî dacă "
            "merită extins sau replicat."
        ),
    },
]

# Ten practices of the HER booklet (001, English), eleven of the ASAP guide
# (004, Romanian) and the health and poverty exchange network (002, English).
PRACTICES = [
    {
        "key": "her-it-laboratorio-solidale",
        "language": "en",
        "title": "Laboratorio solidale 'Da tutti i Paesi'",
        "summary": (
            "A sewing and crafts workshop in Rome where women staying in a foster "
            "home, Italian and migrant mothers alike, rebuild their confidence and "
            "learn a trade."
        ),
        "description": (
            "The workshop grew out of Casa Betania, a foster home that has operated in "
            "Rome since 1995 under the management of the social cooperative "
            "L'accoglienza. The women who stay there for a while, Italians as well as "
            "women with a migration background, often arrive at a moment when they "
            "think little of themselves and expect little from the years ahead.\n\n"
            "In a sheltered setting based on trust, mutual understanding and "
            "participation, they learn sewing and other crafts. Staff start by looking "
            "at what each woman can already do and then help her refine her technique. "
            "For many, the work begins as occupational therapy and does not "
            "necessarily lead to a job; the experience has shown that making things by "
            "hand can help mothers who carry deep wounds to heal.\n\n"
            "Over nearly thirty years, 20 women have been given part-time or full-time "
            "jobs in the workshop and more than 50 have received training or "
            "occupational therapy. Some were later hired elsewhere thanks to the "
            "skills they gained. The booklet presents it as a small but telling "
            "example of how isolated migrant mothers can be offered a fresh start and "
            "a supportive environment."
        ),
        "country": "IT",
        "territories": ["rome"],
        "start_year": None,
        "end_year": None,
        "themes": ["employment", "training", "social-services", "health"],
        "target_groups": ["migrant-women", "mothers"],
        "organisations": [
            ("casa-betania", "implementing"),
            ("laccoglienza", "implementing"),
        ],
        "aims": [
            "Help women discover and value their own skills and abilities",
            "Teach sewing and crafts in a safe, sheltered setting",
            "Restore self-esteem and hope at a fragile moment in life",
        ],
        "phases": [],
        "activities": (
            "Assessment of each woman's existing skills; sewing and craft workshops; "
            "occupational therapy; vocational training; part-time and full-time jobs "
            "in the workshop."
        ),
        "beneficiaries_count": 50,
        "beneficiaries": (
            "Italian and migrant women, many of them mothers, living for a time at the "
            "Casa Betania foster home in Rome; more than 50 have been trained."
        ),
        "results": (
            "20 women employed part-time or full-time by the workshop; more than 50 "
            "trained or supported through occupational therapy; several others hired "
            "by outside businesses after their training."
        ),
        "success_conditions": (
            "A safe setting built on participation, trust and understanding, and an "
            "approach that starts from each woman's own abilities."
        ),
        "difficulties": "",
        "transferability": "",
        "funding_programme": "",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [{"url": "https://www.datuttiipaesi.it", "title": "Da tutti i Paesi"}],
        "contact_name": "",
        "contact_email": "",
        "source_document": "001_72dbf5fa917cd8ae.txt",
        "source_locator": "Good practices - Italy, practice 1",
    },
    {
        "key": "her-it-alma",
        "language": "en",
        "title": "ALMA",
        "summary": (
            "A personalised job-guidance path for migrant women in Italy, built from "
            "their own needs and shaped with them from the first research phase."
        ),
        "description": (
            "ALMA began by asking what migrant women need and what holds them back on "
            "the labour market. Focus groups and questionnaires collected this "
            "information, and representatives of the women were involved from the very "
            "start.\n\n"
            "Between 2020 and 2022 the practice moved from first research to full "
            "implementation in five stages, from research and planning through "
            "implementation and monitoring/evaluation to completion. Because "
            "participants helped to design it, the guidance path fits each woman and "
            "treats her as able to steer her own future, which is what the booklet "
            "singles out as its innovative side.\n\n"
            "Taking part gave the women a clearer picture of the job market, a "
            "stronger sense of their own worth and more autonomy. Most of them "
            "improved their professional profile, found work, or both."
        ),
        "country": "IT",
        "territories": [],
        "start_year": 2020,
        "end_year": 2022,
        "themes": ["employment", "training", "participation", "gender-equality"],
        "target_groups": ["migrant-women"],
        "organisations": [],
        "aims": [
            "Understand the needs of migrant women and the barriers they meet",
            "Build a guidance path on those real needs",
            "Strengthen the women's agency, self-worth and autonomy",
        ],
        "phases": [
            {
                "title": "Research",
                "text": "Focus groups and surveys with migrant women.",
            },
            {
                "title": "Planning",
                "text": (
                    "Designing the guidance path with representatives of the women."
                ),
            },
            {
                "title": "Implementation",
                "text": "Running personalised guidance for each participant.",
            },
            {
                "title": "Monitoring and evaluation",
                "text": "Following progress and checking results along the way.",
            },
            {"title": "Completion", "text": "Closing the path and taking stock."},
        ],
        "activities": "Focus groups; surveys; personalised career guidance.",
        "beneficiaries_count": None,
        "beneficiaries": "Migrant women in Italy seeking work or better jobs.",
        "results": (
            "Better knowledge of the job market, more self-confidence, agency and "
            "autonomy; most participants strengthened their professional profile "
            "and/or are now in work."
        ),
        "success_conditions": (
            "A strong team of professionals to accompany the women, a group of "
            "participants with similar levels of education, and a solid network of "
            "local organisations and businesses."
        ),
        "difficulties": "",
        "transferability": "",
        "funding_programme": "",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [{"url": "https://progettoalmalavoro.it/", "title": "Progetto ALMA"}],
        "contact_name": "",
        "contact_email": "",
        "source_document": "001_72dbf5fa917cd8ae.txt",
        "source_locator": "Good practices - Italy, practice 2",
    },
    {
        "key": "her-es-cosmi",
        "language": "en",
        "title": "COSMI Programme",
        "summary": (
            "An orientation centre in Vallecas, Madrid, that draws up individual "
            "pathways into work for migrant women at risk of social exclusion."
        ),
        "description": (
            "Since 2014 the Spanish NGO Confederación Nacional Mujeres en Igualdad "
            "(National Confederation of Women in Equality) has run COSMI, a "
            "psychosocial programme for migrant women who risk exclusion. Besides "
            "employment, it pays attention to the economic, social, educational and "
            "legal problems these women face. The programme is based at an orientation "
            "centre in Vallecas, Madrid, which welcomes about 300 women every "
            "year.\n\n"
            "Support is tailored, step by step and gradual. Each woman first goes "
            "through a diagnosis of her family, social and personal situation, and "
            "this is used to design an itinerary that matches her needs and how "
            "vulnerable she is.\n\n"
            "There are three itineraries. The first aims at stable jobs and contracts "
            "in the medium and long term. The second helps women recover the careers "
            "and work experience they built in their country of origin and look for "
            "matching jobs. The third is a first step into work for women with special "
            "needs, with individual follow-up that includes basic training."
        ),
        "country": "ES",
        "territories": ["madrid"],
        "start_year": 2014,
        "end_year": None,
        "themes": ["employment", "social-services", "training", "legal-aid"],
        "target_groups": ["migrant-women"],
        "organisations": [("mujeres-en-igualdad", "implementing")],
        "aims": [
            "Help migrant women who face exclusion into work and into society",
            "Address their work, economic, social, educational and legal difficulties",
        ],
        "phases": [
            {
                "title": "Initial diagnosis",
                "text": (
                    "A look at the family, social and personal circumstances of each "
                    "woman."
                ),
            },
            {
                "title": "Individual itinerary",
                "text": (
                    "Assignment to one of three tracks: stable employment, recovery of "
                    "the professional profile, or a first start in the labour market "
                    "with basic training."
                ),
            },
        ],
        "activities": (
            "Psychosocial support; socio-labour orientation; individual itineraries; "
            "individual follow-up and basic training for women with special needs."
        ),
        "beneficiaries_count": 300,
        "beneficiaries": "About 300 migrant women a year at the Vallecas centre.",
        "results": "Around 300 women a year are supported at the Vallecas centre.",
        "success_conditions": "",
        "difficulties": "",
        "transferability": "",
        "funding_programme": "",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [
            {
                "url": "http://www.mujeresenigualdad.com/COSMI_es_37.html",
                "title": "COSMI - Mujeres en Igualdad",
            },
        ],
        "contact_name": "",
        "contact_email": "",
        "source_document": "001_72dbf5fa917cd8ae.txt",
        "source_locator": "Good practices - Spain, practice 1",
    },
    {
        "key": "her-es-sara",
        "language": "en",
        "title": "SARA Project",
        "summary": (
            "A 245-hour social and labour insertion itinerary that helps migrant women "
            "resident in Spain improve their employability, ending with job guidance "
            "and support for entrepreneurship."
        ),
        "description": (
            "SARA was designed and is carried out jointly by the Spanish Women's "
            "Institute (Instituto de las Mujeres) and the CEPAIM Foundation, with the "
            "collaboration of Spain's Ministry of Equality. It is meant for migrant "
            "women living in Spain who want to develop their skills and become more "
            "employable.\n\n"
            "Each participant follows an itinerary of 245 hours, spread over nine "
            "months, in three stages: personal motivation focused on work; "
            "professional capacity building through a theoretical and practical "
            "course; and job guidance together with promotion of entrepreneurship, "
            "which can be given one to one with accompanying sessions.\n\n"
            "The booklet reports that SARA has supported more than 1,665 women in "
            "recent years. In 2020 alone, 175 women in vulnerable situations were "
            "helped to shape their own life project."
        ),
        "country": "ES",
        "territories": [],
        "start_year": None,
        "end_year": None,
        "themes": ["employment", "training", "entrepreneurship", "gender-equality"],
        "target_groups": ["migrant-women"],
        "organisations": [
            ("instituto-mujeres", "implementing"),
            ("cepaim", "implementing"),
            ("ministerio-igualdad", "partner"),
        ],
        "aims": [
            "Improve the employability of migrant women living in Spain",
            "Build their capacities through tailored insertion itineraries",
        ],
        "phases": [
            {
                "title": "Personal motivation",
                "text": "Motivation work centred on the world of employment.",
            },
            {
                "title": "Professional capacity",
                "text": (
                    "A theoretical and practical course to raise the chances of "
                    "finding a job."
                ),
            },
            {
                "title": "Labour guidance and entrepreneurship",
                "text": (
                    "Job orientation and encouragement of entrepreneurship, possibly "
                    "one to one with accompanying sessions."
                ),
            },
        ],
        "activities": (
            "Social and labour insertion itineraries of 245 hours (nine months): "
            "motivation sessions, a training course, job guidance and entrepreneurship "
            "support."
        ),
        "beneficiaries_count": 1665,
        "beneficiaries": (
            "Migrant women resident in Spain; more than 1,665 in recent years."
        ),
        "results": (
            "More than 1,665 women supported; in 2020, 175 women in vulnerable "
            "situations were helped to build their own life project."
        ),
        "success_conditions": "",
        "difficulties": "",
        "transferability": "",
        "funding_programme": "",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [
            {
                "url": (
                    "https://www.cepaim.org/areasactuacion/igualdad-y-nodiscriminacion/"
                    "programa-sara/"
                ),
                "title": "Programa SARA - Fundación CEPAIM",
            },
        ],
        "contact_name": "",
        "contact_email": "",
        "source_document": "001_72dbf5fa917cd8ae.txt",
        "source_locator": "Good practices - Spain, practice 2",
    },
    {
        "key": "her-ro-pepa",
        "language": "en",
        "title": "PEPA - peer empowerment programme for migrant women's achievement",
        "summary": (
            "Trains migrant women to support their peers and to volunteer in their "
            "community, with guides and an e-learning platform for women and "
            "practitioners."
        ),
        "description": (
            "PEPA prepares migrant women to help other women take part in learning and "
            "in social life, and to volunteer locally. Any migrant woman can benefit, "
            "but the project was built above all for those with less schooling or "
            "lower income, those who are socially isolated and those in vulnerable "
            "situations.\n\n"
            "It rests on evidence that peer support and volunteering help migrant "
            "women settle in, learn and find work, widen their social circle, raise "
            "their confidence and are good for body and mind. It aims to offer more "
            "and better peer-support and volunteering opportunities and, in the longer "
            "run, to improve communication and knowledge sharing among the people and "
            "agencies active in this field.\n\n"
            "The project produced a good-practice guide for practitioners who support "
            "migrant women, peer-support guides for the women themselves and learning "
            "resources that can be used on a digital e-platform."
        ),
        "country": "RO",
        "territories": [],
        "start_year": None,
        "end_year": None,
        "themes": ["training", "participation", "education", "gender-equality"],
        "target_groups": ["migrant-women", "professionals"],
        "organisations": [],
        "aims": [
            "Expand the number and quality of peer-support and volunteering "
            "opportunities for migrant women",
            "Improve communication and knowledge sharing between practitioners and "
            "agencies",
        ],
        "phases": [],
        "activities": (
            "Training migrant women as peer supporters; volunteering in the community; "
            "guides for practitioners and for migrant women; online learning "
            "materials."
        ),
        "beneficiaries_count": None,
        "beneficiaries": (
            "Migrant women, especially those with lower education or income, socially "
            "isolated women and women in vulnerable situations; practitioners who "
            "support them."
        ),
        "results": (
            "A best-practice guide for practitioners, peer-support guides for migrant "
            "women and online learning resources."
        ),
        "success_conditions": "",
        "difficulties": "",
        "transferability": (
            "The guides and online materials are designed to be reused by "
            "practitioners and by migrant women elsewhere."
        ),
        "funding_programme": "",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [{"url": "https://pepaproject.eu/", "title": "PEPA project"}],
        "contact_name": "",
        "contact_email": "",
        "source_document": "001_72dbf5fa917cd8ae.txt",
        "source_locator": "Good practices - Romania, practice 1",
    },
    {
        "key": "her-ro-tolerant",
        "language": "en",
        "title": "TOLERANT - employment integration of trafficked third-country women",
        "summary": (
            "A European project that helps third-country national women who survived "
            "trafficking for sexual exploitation to find secure work, backed by a "
            "guide for victim-centred services."
        ),
        "description": (
            "TOLERANT works in Austria, Bulgaria, Greece, Italy and Romania. It "
            "supports women from outside the EU who were trafficked for sexual "
            "exploitation in entering the labour market, through employment support "
            "and help with access to jobs.\n\n"
            "Their integration involves a wide range of actors: psychologists, social "
            "workers, lawyers, employment specialists, recruitment agencies and the "
            "local authorities in charge of legal status. Because the phenomenon is "
            "complex and local contexts differ, the project produced a guide of tools "
            "and principles that each partner can adapt to deliver victim-centred "
            "services in its own setting, and it works to spread that guide and its "
            "methods.\n\n"
            "A secure and lasting job lowers the risk of being trafficked again, so it "
            "sits at the heart of the project. Specialised staff are seen as crucial, "
            "both to recognise needs arising from the trauma of trafficking and to "
            "respond to them with sensitivity."
        ),
        "country": "RO",
        "territories": [],
        "start_year": None,
        "end_year": None,
        "themes": ["employment", "gender-based-violence", "social-services"],
        "target_groups": [
            "trafficking-victims",
            "migrant-women",
            "third-country-nationals",
            "professionals",
        ],
        "organisations": [],
        "aims": [
            "Help women survivors of trafficking obtain secure, sustainable employment",
            "Reduce the risk of re-trafficking",
            "Share a guide with tools and principles for victim-centred services",
        ],
        "phases": [],
        "activities": (
            "Employment support and help in accessing the labour market; a guide on "
            "victim-centred services adaptable to local contexts; cooperation between "
            "social workers, psychologists, lawyers, local authorities, recruiters and "
            "employment specialists."
        ),
        "beneficiaries_count": None,
        "beneficiaries": (
            "Third-country national women who are victims of trafficking for sexual "
            "exploitation, in Austria, Bulgaria, Greece, Italy and Romania; the "
            "professionals who assist them."
        ),
        "results": (
            "A guide of tools and principles for victim-centred employment support."
        ),
        "success_conditions": (
            "Specialised services and professionals able to identify and sensitively "
            "address needs linked to the trauma of trafficking."
        ),
        "difficulties": (
            "A complex phenomenon, many actors involved and very different local "
            "contexts."
        ),
        "transferability": (
            "The guide is meant to be adapted by each implementing partner to its own "
            "local reality."
        ),
        "funding_programme": "",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [
            {
                "url": (
                    "https://ec.europa.eu/migrantintegration/sites/default/files/"
                    "2011-01/docl_18080_119228565.pdf"
                ),
                "title": "TOLERANT guide (European Website on Integration)",
            },
        ],
        "contact_name": "",
        "contact_email": "",
        "source_document": "001_72dbf5fa917cd8ae.txt",
        "source_locator": "Good practices - Romania, practice 2",
    },
    {
        "key": "her-tr-training-employment-cohesion",
        "language": "en",
        "title": "Training and Employment Support for Social Cohesion (Ankara)",
        "summary": (
            "In 2017-2018, 550 Syrians under temporary protection and low-income "
            "Turkish citizens in Ankara received training and were placed in jobs."
        ),
        "description": (
            "This Ankara project set out to act quickly on the economic situation of "
            "low-income Turkish citizens and of Syrians under temporary protection. It "
            "opened the labour market to them by combining training, employment "
            "measures and financial support.\n\n"
            "In 2017 and 2018 it reached 550 people, 275 Syrians and 275 Turkish "
            "citizens, who were employed by companies working with İŞKUR and ATO. "
            "Before starting, they had one month of preparation on working conditions "
            "in Turkey.\n\n"
            "The basic modules covered language, occupational health and safety, "
            "national legislation, and the culture and environment of the workplace. "
            "In all, 500 hours of training were delivered at three sites in Ankara."
        ),
        "country": "TR",
        "territories": ["ankara"],
        "start_year": 2017,
        "end_year": 2018,
        "themes": ["employment", "training", "language"],
        "target_groups": ["refugees-asylum-seekers", "migrants"],
        "organisations": [("iskur", "partner"), ("ato", "partner")],
        "aims": [
            "Stabilise the economic situation of Syrians under temporary protection "
            "and of Turkish citizens on low incomes",
            "Improve their access to the labour market through training, employment "
            "measures and financial support",
        ],
        "phases": [],
        "activities": (
            "One month of preparatory training; modules on language, occupational "
            "health and safety, national legislation and workplace culture; 500 hours "
            "of training at three locations in Ankara; job placement in companies."
        ),
        "beneficiaries_count": 550,
        "beneficiaries": (
            "275 Syrians under temporary protection and 275 Turkish citizens."
        ),
        "results": "550 people employed in companies cooperating with İŞKUR and ATO.",
        "success_conditions": "",
        "difficulties": "",
        "transferability": "",
        "funding_programme": "",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [
            {
                "url": (
                    "https://www.iskur.gov.tr/kurumsal-bilgi/"
                    "uluslararasi-iliskiler-veprojeler/projeler/"
                ),
                "title": "İŞKUR - projects",
            },
        ],
        "contact_name": "",
        "contact_email": "",
        "source_document": "001_72dbf5fa917cd8ae.txt",
        "source_locator": "Good practices - Turkey, practice 1",
    },
    {
        "key": "her-tr-economic-opportunities-sutp",
        "language": "en",
        "title": (
            "Strengthening economic opportunities for SuTP and Turkish citizens in "
            "selected localities"
        ),
        "summary": (
            "Skills assessment, job creation and support for women's entrepreneurship "
            "in Turkish provinces with many Syrians under temporary protection."
        ),
        "description": (
            "The practice worked in provinces where many Syrians under temporary "
            "protection (SuTP) live. It helped build the capacity to judge which "
            "skills employers need, encouraged job creation and entrepreneurship, and "
            "measured what worked. A specific goal was to raise the business skills of "
            "Syrian and Turkish women, ease their entry into the business world and "
            "set up sustainable business models through partnerships that increase "
            "their economic strength.\n\n"
            "Its components included technical assistance to İŞKUR, a skills and "
            "occupations assessment shared with stakeholders so that training would "
            "follow market demand, support for social enterprises led by women, help "
            "in reaching existing and new entrepreneurship incentives, an impact "
            "evaluation of employment services and active labour market programmes, "
            "and an assessment of micro-grants. All of it was carried out within the "
            "wider employment support project for SuTP and host communities."
        ),
        "country": "TR",
        "territories": [],
        "start_year": None,
        "end_year": None,
        "themes": ["employment", "entrepreneurship", "gender-equality", "training"],
        "target_groups": ["refugees-asylum-seekers", "migrant-women"],
        "organisations": [("iskur", "partner")],
        "aims": [
            "Strengthen the capacity to judge which skills employers need",
            "Encourage new jobs and new businesses",
            "Raise the business skills of Syrian and Turkish women and help them build "
            "sustainable enterprises",
        ],
        "phases": [
            {
                "title": "Technical assistance to İŞKUR",
                "text": "Support to the Turkish Employment Agency.",
            },
            {
                "title": "Skills and occupation assessment",
                "text": (
                    "Assessment shared with stakeholders so that skills training "
                    "matches market needs."
                ),
            },
            {
                "title": "Female-led social entrepreneurship",
                "text": "Technical assistance to social enterprises run by women.",
            },
            {
                "title": "Access to incentives",
                "text": (
                    "Helping potential beneficiaries use existing and new "
                    "entrepreneurship incentives."
                ),
            },
            {
                "title": "Impact evaluation",
                "text": (
                    "Evaluating employment services and the sequence of active labour "
                    "market programmes to guide scale-up and adjustments."
                ),
            },
            {
                "title": "Micro-grant assessment",
                "text": "Reviewing the micro-grants given to beneficiaries.",
            },
        ],
        "activities": (
            "Technical assistance; skills and occupation assessment with dissemination "
            "to stakeholders; support for women-led social entrepreneurship; access to "
            "entrepreneurship incentives; impact evaluation; micro-grants."
        ),
        "beneficiaries_count": None,
        "beneficiaries": (
            "Syrians under temporary protection and Turkish citizens, with a focus on "
            "women entrepreneurs, in provinces with many SuTP."
        ),
        "results": (
            "Evaluation of employment services and active labour market programmes to "
            "inform a possible scale-up, modifications and lessons learned."
        ),
        "success_conditions": "",
        "difficulties": "",
        "transferability": "",
        "funding_programme": "",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [
            {
                "url": (
                    "https://www.worldbank.org/tr/news/feature/2020/06/24/"
                    "turkey-world-refugeeday-2020"
                ),
                "title": "World Bank - World Refugee Day 2020 (Turkey)",
            },
        ],
        "contact_name": "",
        "contact_email": "",
        "source_document": "001_72dbf5fa917cd8ae.txt",
        "source_locator": "Good practices - Turkey, practice 2",
    },
    {
        "key": "her-gr-athena",
        "language": "en",
        "title": "ATHENA - valorising the entrepreneurial potential of migrant women",
        "summary": (
            "An AMIF-funded project that improved entrepreneurship support services "
            "for migrant women and created a business path designed for them."
        ),
        "description": (
            "ATHENA was a two-year project financed by the EU Asylum, Migration and "
            "Integration Fund (AMIF). It sought to further migrant women's economic "
            "and social integration by making entrepreneurship support services work "
            "better for them and by designing an entrepreneurial path specifically for "
            "them.\n\n"
            "The project set out to learn what migrant women really expect from an "
            "entrepreneurial culture, to improve what public bodies offer in this "
            "field, to back women who want to launch a business and to run activities "
            "that strengthen their place in society and the economy.\n\n"
            "A total of 210 migrant women took part, meeting one another, exchanging "
            "information and building contacts in their host countries. The project "
            "ended with ELIAMEP leading the drafting of policy proposals and action "
            "plans to open up business opportunities and business routes for migrant "
            "women in several parts of the EU and to keep the approach viable."
        ),
        "country": "GR",
        "territories": [],
        "start_year": None,
        "end_year": None,
        "themes": ["entrepreneurship", "employment", "gender-equality"],
        "target_groups": ["migrant-women"],
        "organisations": [("eliamep", "partner")],
        "aims": [
            "Understand migrant women's needs regarding entrepreneurship",
            "Improve public entrepreneurship support services for migrant women",
            "Support migrant women who want to start a business",
            "Strengthen their social and economic integration",
        ],
        "phases": [],
        "activities": (
            "Needs analysis; improvement of entrepreneurship support services; "
            "networking and exchange among migrant women; policy proposals and action "
            "plans."
        ),
        "beneficiaries_count": 210,
        "beneficiaries": "210 migrant women in the participating EU countries.",
        "results": (
            "210 migrant women widened their contacts in the host countries; ELIAMEP "
            "led the drafting of policy proposals and action plans on business "
            "opportunities and business routes for migrant women."
        ),
        "success_conditions": "",
        "difficulties": "",
        "transferability": "",
        "funding_programme": "AMIF",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [{"url": "https://athenaproject.net/", "title": "ATHENA project"}],
        "contact_name": "",
        "contact_email": "",
        "source_document": "001_72dbf5fa917cd8ae.txt",
        "source_locator": "Good practices - Greece, practice 1",
    },
    {
        "key": "her-gr-entryway",
        "language": "en",
        "title": "EntryWay - Entrepreneurship Without Borders",
        "summary": (
            "Entrepreneurship training, mentoring and start-up support for refugees "
            "and third-country migrants, delivered by K.E.P.A. in 2018."
        ),
        "description": (
            "EntryWay helps migrants in its target areas in Italy, Germany, Greece, "
            "Spain and Sweden to gain financial independence through complete "
            "entrepreneurship training and follow-up support. K.E.P.A., the Center for "
            "Business & Cultural Development, ran it in 2018, and it was open to "
            "refugees and migrants: third-country nationals without EU citizenship who "
            "live legally in the regions concerned.\n\n"
            "Experienced trainers led courses on writing a business plan, researching "
            "the market, preparing a marketing plan, promoting a business and building "
            "a sound financial plan. Sessions combined lectures with games about "
            "business, simulations and hands-on problem solving.\n\n"
            "Participants could try out their talent for entrepreneurship with "
            "trainers, business advisers and mentors, who gave individual help with "
            "setting up a start-up. Those who finished the course received further "
            "personal support, including guidance on how to reach funding."
        ),
        "country": "GR",
        "territories": [],
        "start_year": 2018,
        "end_year": None,
        "themes": ["entrepreneurship", "training", "employment"],
        "target_groups": [
            "refugees-asylum-seekers",
            "migrants",
            "third-country-nationals",
        ],
        "organisations": [("kepa", "implementing")],
        "aims": [
            "Support the financial integration of migrants through entrepreneurship",
            "Give participants the tools to plan, launch and finance a business",
        ],
        "phases": [
            {
                "title": "Training courses",
                "text": (
                    "Business plan, market research, marketing plan, promotion and "
                    "financial planning, taught through lectures, business games and "
                    "simulations."
                ),
            },
            {
                "title": "Mentoring and start-up support",
                "text": (
                    "Individual help from trainers, business counsellors and mentors "
                    "to start a business."
                ),
            },
            {
                "title": "Follow-up",
                "text": (
                    "Personal support for graduates, including access to funding "
                    "opportunities."
                ),
            },
        ],
        "activities": (
            "Entrepreneurship courses; interactive problem-solving exercises, "
            "simulations and business games; mentoring; personalised start-up and "
            "funding advice."
        ),
        "beneficiaries_count": None,
        "beneficiaries": (
            "Refugees and migrants, i.e. third-country nationals without EU "
            "citizenship who legally reside in the target areas."
        ),
        "results": (
            "Participants who completed the training received personalised support, "
            "including advice on accessing funding."
        ),
        "success_conditions": "",
        "difficulties": "",
        "transferability": "",
        "funding_programme": "",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [
            {"url": "https://entrywayproject.eu/about/", "title": "EntryWay project"},
        ],
        "contact_name": "",
        "contact_email": "",
        "source_document": "001_72dbf5fa917cd8ae.txt",
        "source_locator": "Good practices - Greece, practice 2",
    },
    {
        "key": "asap-it-locuinte-florenta",
        "language": "ro",
        "title": (
            "Florența: sprijin pentru accesul la locuință al persoanelor de origine "
            "migrantă cu vulnerabilități multiple"
        ),
        "summary": (
            "Un birou dedicat din Florența oferă consiliere juridică, intermediere "
            "între proprietari și chiriași și un fond de garanție, pentru ca "
            "persoanele de origine migrantă să poată închiria o casă."
        ),
        "description": (
            "În Italia, și mai ales în orașele foarte căutate de turiști precum "
            "Florența, chiriile au urcat atât de mult încât depășesc ce își permite "
            "chiar și cineva cu un salariu mediu. Pentru oamenii de origine migrantă, "
            "rasismul și discriminarea de pe piața imobiliară fac lucrurile și mai "
            "grele, iar organizațiile care se ocupă de primire și incluziune caută "
            "răspunsuri flexibile pentru situații foarte diferite.\n\n"
            "Pilotul creat de COSPE în proiectul ASAP are patru piloni: un birou unde "
            "persoanele de origine migrantă primesc consiliere juridică despre "
            "locuire; intermedierea contractelor de închiriere, sprijinită de garanții "
            "economice și sociale; medierea conflictelor dintre proprietari și "
            "chiriași; un fond care îi apără pe proprietari de eventualele chirii "
            "neachitate, ca să fie mai dispuși să închirieze.\n\n"
            "Practica poate influența politicile de locuire pentru un public larg: "
            "migranți, solicitanți de azil, minori străini neînsoțiți, foști deținuți "
            "de origine migrantă, victime ale traficului, dar și gospodării cu "
            "venituri modeste și clasa de mijloc sărăcită."
        ),
        "country": "IT",
        "territories": ["florence"],
        "start_year": None,
        "end_year": None,
        "themes": ["housing", "legal-aid", "social-services"],
        "target_groups": [
            "migrants",
            "refugees-asylum-seekers",
            "unaccompanied-minors",
            "trafficking-victims",
        ],
        "organisations": [("cospe", "implementing")],
        "aims": [
            "Facilitarea accesului la o locuință închiriată",
            "Protejarea chiriașilor de discriminare și a proprietarilor de riscuri",
        ],
        "phases": ASAP_CODESIGN_PHASES,
        "activities": (
            "Birou de consiliere juridică pentru locuire; intermediere între "
            "proprietari și chiriași cu garanții economice și sociale; medierea "
            "conflictelor; un fond financiar de garanție pentru proprietari."
        ),
        "beneficiaries_count": None,
        "beneficiaries": (
            "Persoane de origine migrantă cu vulnerabilități complexe din Florența, "
            "inclusiv solicitanți de azil și minori neînsoțiți."
        ),
        "results": (
            "Un model de sprijin pentru locuire testat în Florența, cu potențial de a "
            "influența politicile locale de locuire."
        ),
        "success_conditions": "",
        "difficulties": (
            "Chirii foarte mari într-un oraș turistic, la care se adaugă rasismul și "
            "discriminarea pe piața locuințelor."
        ),
        "transferability": (
            "Poate servi și familiilor cu venituri modeste sau clasei de mijloc "
            "sărăcite, nu doar persoanelor de origine migrantă."
        ),
        "funding_programme": "AMIF (FAMI)",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [],
        "contact_name": "",
        "contact_email": "",
        "source_document": "004_35c0a59320400368.txt",
        "source_locator": "Practici promițătoare ASAP, ITALIA (p. 11)",
    },
    {
        "key": "asap-ro-discriminare-timisoara",
        "language": "ro",
        "title": (
            "Timișoara: combaterea discriminării prin formarea profesorilor și "
            "materiale educaționale despre migrație"
        ),
        "summary": (
            "LOGS și Universitatea de Vest din Timișoara au pregătit cadre didactice "
            "și au realizat planuri de lecție și materiale video prin care elevii "
            "învață despre migranți, discriminare și incluziune."
        ),
        "description": (
            "Refugiații și migranții din România găsesc prea puține cursuri de limba "
            "română și prea puțini profesori pregătiți să contracareze discriminarea "
            "față de cei veniți din țări terțe. Evaluarea nevoilor făcută la Timișoara "
            "de UVT și LOGS a arătat limpede că e nevoie de cursuri de limbă mai bune "
            "și de mai mult sprijin în școală.\n\n"
            "Pilotul se bazează pe profesori și învățători, care sunt pregătiți să "
            "vorbească la clasă despre cercul vicios al discriminării, despre cine "
            "sunt migranții și despre cum îi poate sprijini comunitatea locală în loc "
            "să îi țină deoparte. Pentru asta au fost create planuri de lecție și "
            "materiale audiovizuale pentru copii.\n\n"
            "Producția materialelor a rămas deschisă, astfel încât reacțiile "
            "refugiaților au putut schimba din mers ce se realiza: au apărut suporturi "
            "care nu fuseseră prevăzute la început. Elevii au lucrat la un ghid "
            "ilustrat și la un film scurt, ceea ce a făcut materialele mai atractive "
            "și mai potrivite pentru vârsta lor."
        ),
        "country": "RO",
        "territories": ["timisoara"],
        "start_year": None,
        "end_year": None,
        "themes": ["anti-discrimination", "education", "awareness", "language"],
        "target_groups": [
            "children",
            "refugees-asylum-seekers",
            "third-country-nationals",
            "professionals",
        ],
        "organisations": [("logs", "implementing"), ("uvt", "implementing")],
        "aims": [
            "Pregătirea cadrelor didactice pentru a preveni discriminarea",
            "Informarea elevilor despre migrație și incluziune",
            "Implicarea refugiaților în crearea materialelor",
        ],
        "phases": ASAP_CODESIGN_PHASES,
        "activities": (
            "Formarea profesorilor și învățătorilor; planuri de lecție pentru elevi; "
            "materiale audiovizuale pentru copii; un ghid ilustrat și un scurt film "
            "realizate cu participarea elevilor."
        ),
        "beneficiaries_count": None,
        "beneficiaries": (
            "Cadre didactice și elevi din Timișoara, precum și refugiații și migranții "
            "din țări terțe care trăiesc în oraș."
        ),
        "results": (
            "Planuri de lecție, materiale audiovizuale, un ghid ilustrat și un scurt "
            "film despre discriminare și incluziune."
        ),
        "success_conditions": (
            "Flexibilitate în producerea materialelor, ca feedback-ul refugiaților să "
            "poată fi integrat, și implicarea directă a elevilor."
        ),
        "difficulties": (
            "Lipsa cursurilor de limba română și a profesorilor pregătiți să abordeze "
            "discriminarea."
        ),
        "transferability": "",
        "funding_programme": "AMIF (FAMI)",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [],
        "contact_name": "",
        "contact_email": "",
        "source_document": "004_35c0a59320400368.txt",
        "source_locator": "Practici promițătoare ASAP, ROMÂNIA (p. 15)",
    },
    {
        "key": "asap-at-welcome-office-graz",
        "language": "ro",
        "title": "Graz: discuții de informare și un birou internațional de bun venit",
        "summary": (
            "SÜDWIND și Consiliul Consultativ al Migranților din Graz organizează "
            "întâlniri de informare pentru nou-veniți și au sprijinit deschiderea unui "
            "ghișeu unic unde aceștia află ce servicii există în oraș."
        ),
        "description": (
            "În Graz, ca și în restul Austriei, oamenii de origine migrantă se lovesc "
            "de discriminare și de excludere structurală, însă problema cea mai des "
            "semnalată este accesul la informație. Informații există din belșug, dar "
            "sunt risipite în multe locuri și adesea greu de înțeles.\n\n"
            "Pilotul SÜDWIND a răspuns pe două căi. Mai întâi a organizat întâlniri de "
            "informare pentru nou-veniții din Graz despre sănătate, educație și "
            "formare, munca și locuințele. Apoi a susținut deschiderea unui "
            "International Welcome Office, un centru de primire de tip ghișeu unic. "
            "Acolo cei nou sosiți află despre asistența medicală, școală, cursurile de "
            "germană și alte birouri utile, primesc explicații clare în limba lor și "
            "găsesc un spațiu unde pot cunoaște oameni, pot face schimb de informații "
            "și se pot simți ca într-o comunitate.\n\n"
            "Întâlnirile sunt pregătite de o persoană care are ea însăși un parcurs de "
            "migrație și a trecut prin greutăți asemănătoare, iar locul este gestionat "
            "tot de oameni cu experiență de migrație. De aceea participanții se simt "
            "în largul lor și ajung mai ușor la informația de care au nevoie."
        ),
        "country": "AT",
        "territories": ["graz", "vienna"],
        "start_year": None,
        "end_year": None,
        "themes": ["reception", "anti-discrimination", "participation", "health"],
        "target_groups": ["migrants", "third-country-nationals"],
        "organisations": [("sudwind", "implementing"), ("mib-graz", "partner")],
        "aims": [
            "Informații despre servicii mai ușor de găsit și de înțeles",
            "Combaterea rasismului structural",
            "Consolidarea participării persoanelor de origine migrantă",
        ],
        "phases": ASAP_CODESIGN_PHASES,
        "activities": (
            "Discuții de informare despre sănătate, educație și formare, piața muncii "
            "și locuințe; sprijin pentru deschiderea International Welcome Office, "
            "ghișeu unic cu informații în mai multe limbi și trimiteri către alte "
            "birouri."
        ),
        "beneficiaries_count": None,
        "beneficiaries": "Persoanele nou sosite în Graz.",
        "results": (
            "Un ciclu de discuții de informare și un centru internațional de primire "
            "de tip ghișeu unic în Graz."
        ),
        "success_conditions": (
            "Sesiuni pregătite de cineva care a trecut prin migrație, în spații "
            "administrate tot de oameni cu o asemenea experiență."
        ),
        "difficulties": (
            "Informații abundente, dar fragmentate și greu de înțeles; discriminare și "
            "excludere structurală."
        ),
        "transferability": "",
        "funding_programme": "AMIF (FAMI)",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [],
        "contact_name": "",
        "contact_email": "",
        "source_document": "004_35c0a59320400368.txt",
        "source_locator": "Practici promițătoare ASAP, AUSTRIA (p. 13)",
    },
    {
        "key": "asap-gr-navigate",
        "language": "ro",
        "title": (
            "Pilotul „Navigate”: însoțirea migranților și refugiaților spre serviciile "
            "publice din nordul Greciei"
        ),
        "summary": (
            "Timp de nouă luni, Symbiosis a oferit migranților și refugiaților "
            "vulnerabili consiliere și însoțire către serviciile de sănătate mintală, "
            "educație, muncă și locuire."
        ),
        "description": (
            "Mulți migranți nu cunosc serviciile și procedurile de sănătate mintală, "
            "școala din Europa și din Grecia sau felul în care funcționează piața "
            "muncii, iar un mediu cu totul nou îi copleșește. Cea mai mare dificultate "
            "ține de serviciile publice: sunt supraîncărcate și uneori refuză să "
            "colaboreze în cazuri speciale, din cauza limitelor de competență și a "
            "barierelor de limbă.\n\n"
            "Pilotul condus de Symbiosis în nordul Greciei a oferit migranților și "
            "refugiaților vulnerabili sprijin legat de muncă, sănătate mintală, "
            "probleme sociale, educație și formalități administrative, însoțindu-i la "
            "instituții și sfătuindu-i cum să folosească serviciile publice de care "
            "depinde integrarea. S-a adresat celor care nu reușesc singuri să ajungă "
            "la serviciile locale.\n\n"
            "Printre serviciile oferite se numără consilierea, trimiterile, însoțirea, "
            "sesiunile de informare, grupurile de discuție, vizitele educaționale și "
            "întâlnirile între egali cu localnicii; multe dintre ele continuă. Pilotul "
            "s-a desfășurat între decembrie 2022 și august 2023, adică timp de nouă "
            "luni. Legând mai multe sectoare, de la sănătatea mintală la educație, "
            "muncă și locuire, practica a creat un cadru mai cuprinzător, care ține "
            "cont că problemele întâlnite pe drumul integrării sunt legate între ele."
        ),
        "country": "GR",
        "territories": ["thessaloniki"],
        "start_year": 2022,
        "end_year": 2023,
        "themes": ["health", "education", "employment", "housing", "social-services"],
        "target_groups": ["migrants", "refugees-asylum-seekers"],
        "organisations": [("symbiosis", "implementing")],
        "aims": [
            "Acces mai bun la serviciile publice pentru migranți și refugiați",
            "Sprijin integrat în sănătate mintală, educație, muncă și locuire",
        ],
        "phases": ASAP_CODESIGN_PHASES,
        "activities": (
            "Consiliere; trimiteri către servicii; însoțire; sesiuni de informare; "
            "grupuri de discuție; vizite educaționale; schimburi între egali cu "
            "populația locală."
        ),
        "beneficiaries_count": None,
        "beneficiaries": (
            "Migranți și refugiați vulnerabili din nordul Greciei care nu reușesc să "
            "acceseze singuri serviciile locale."
        ),
        "results": (
            "Un set de servicii de însoțire și consiliere care a continuat după "
            "încheierea pilotului."
        ),
        "success_conditions": (
            "O abordare care leagă mai multe sectoare: sănătate mintală, educație, "
            "ocuparea forței de muncă și locuire."
        ),
        "difficulties": (
            "Servicii publice suprasolicitate, refuzul de a coopera în situații "
            "speciale și barierele de limbă."
        ),
        "transferability": "",
        "funding_programme": "AMIF (FAMI)",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [],
        "contact_name": "",
        "contact_email": "",
        "source_document": "004_35c0a59320400368.txt",
        "source_locator": "Practici promițătoare ASAP, GRECIA (p. 12)",
    },
    {
        "key": "asap-hr-asistenta-lingvistica-sanatate",
        "language": "ro",
        "title": (
            "Zagreb: un model de asistență lingvistică pentru accesul la serviciile de "
            "sănătate"
        ),
        "summary": (
            "Centrul pentru Studii de Pace a testat interpretariatul și instrumentele "
            "de traducere online pentru ca persoanele care nu vorbesc croata să poată "
            "folosi serviciile medicale."
        ),
        "description": (
            "În Croația, lipsa cursurilor de limba croată pentru persoanele de origine "
            "migrantă și bariera de limbă sunt cele mai mari piedici în calea "
            "integrării. Centrul pentru Studii de Pace (Centar za mirovne studije) a "
            "încercat un model experimental care arată cât de mult contează limba când "
            "cineva are nevoie de îngrijiri medicale.\n\n"
            "Pilotul a avut trei direcții legate între ele. Prima a fost informarea "
            "personalului medical despre unelte online de traducere și comunicare, "
            "precum aplicația Tarjimly, care pune utilizatorul în legătură cu un "
            "interpret voluntar sau part-time în 2-5 minute, și Respond Crisis "
            "Translation, o rețea internațională de traducători profesioniști și "
            "amatori, cu tarife în funcție de tipul traducerii și de organizația care "
            "o cere. A doua a fost angajarea de interpreți care să însoțească oamenii "
            "la medic: peste 60 de ore de interpretare în arabă, ucraineană, farsi și "
            "franceză, în 7 unități medicale, cu feedback cerut atât utilizatorilor, "
            "cât și interpreților. A treia a fost formarea unei rețele de "
            "interpreți.\n\n"
            "Experiența a arătat că barierele lingvistice cer soluții sistematice, "
            "pentru că nevoia de traducere este mare în toate serviciile de integrare, "
            "nu doar în sănătate."
        ),
        "country": "HR",
        "territories": ["zagreb"],
        "start_year": None,
        "end_year": None,
        "themes": ["health", "language", "awareness"],
        "target_groups": ["migrants", "refugees-asylum-seekers", "professionals"],
        "organisations": [("cms", "implementing")],
        "aims": [
            "Conștientizarea barierei lingvistice în accesul la îngrijiri medicale",
            "Construirea unui model de asistență lingvistică în sistemul de sănătate",
        ],
        "phases": ASAP_CODESIGN_PHASES,
        "activities": (
            "Informarea lucrătorilor din sănătate despre Tarjimly și Respond Crisis "
            "Translation; peste 60 de ore de interpretare în arabă, ucraineană, farsi "
            "și franceză în 7 instituții medicale; colectarea feedback-ului; crearea "
            "unei rețele de interpreți."
        ),
        "beneficiaries_count": None,
        "beneficiaries": (
            "Persoane care nu vorbesc croata și au nevoie de servicii medicale, precum "
            "și personalul din sănătate."
        ),
        "results": (
            "Peste 60 de ore de interpretare oferite în 7 instituții medicale și "
            "opiniile utilizatorilor și ale interpreților, folosite pentru dezvoltarea "
            "modelului."
        ),
        "success_conditions": "",
        "difficulties": (
            "Lipsa cursurilor de limba croată și bariera lingvistică în toate "
            "serviciile de integrare."
        ),
        "transferability": (
            "Modelul poate fi extins dincolo de sănătate, la alte servicii unde există "
            "o cerere mare de traducere."
        ),
        "funding_programme": "AMIF (FAMI)",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [],
        "contact_name": "",
        "contact_email": "",
        "source_document": "004_35c0a59320400368.txt",
        "source_locator": "Practici promițătoare ASAP, CROAȚIA (p. 16)",
    },
    {
        "key": "asap-es-e-guvernare-madrid",
        "language": "ro",
        "title": (
            "Madrid și Alcorcón: formare în e-guvernare pentru a ajunge mai ușor la un "
            "loc de muncă"
        ),
        "summary": (
            "Solidaridad Sin Fronteras îi învață pe cetățenii țărilor terțe să "
            "folosească procedurile administrative online, de la certificatul "
            "electronic la Cl@ve."
        ),
        "description": (
            "Ca să obțină un loc de muncă, cetățenii țărilor terțe trebuie să treacă "
            "prin proceduri ale administrației publice, de la căutarea unui post până "
            "la depunerea actelor, iar serviciile gândite pentru ei sunt puține. Cei "
            "mai mulți pași se fac online, sunt complicați și cer informații greu de "
            "găsit, așa că birocrația devine ea însăși un obstacol.\n\n"
            "Solidaridad Sin Fronteras (SSF) îi pregătește pe participanți pentru "
            "procedurile electronice: obținerea certificatului electronic, înscrierea "
            "în sistemul Cl@ve, care deschide accesul la spațiile digitale ale "
            "administrației, obținerea documentelor oficiale și relația cu fiscul, cu "
            "securitatea socială și cu serviciile publice de ocupare. Scopul este ca "
            "oamenii să se descurce singuri, să aibă șanse mai bune la angajare și să "
            "ajungă mai ușor la serviciile de bază.\n\n"
            "Când participanții devin autonomi în fața administrației, calitatea "
            "vieții lor crește direct. Iar dacă persoanele de origine migrantă "
            "participă digital, procedurile devin mai transparente pentru toată lumea, "
            "iar cetățenii bine informați se pot implica în deciziile publice."
        ),
        "country": "ES",
        "territories": ["madrid", "alcorcon"],
        "start_year": None,
        "end_year": None,
        "themes": ["digital-inclusion", "employment", "training"],
        "target_groups": ["third-country-nationals", "migrants"],
        "organisations": [("ssf", "implementing")],
        "aims": [
            "Autonomie în procedurile online ale administrației publice",
            "Perspective mai bune de angajare și acces la serviciile de bază",
        ],
        "phases": ASAP_CODESIGN_PHASES,
        "activities": (
            "Formare în e-guvernare: certificat electronic, înregistrare în Cl@ve, "
            "documente oficiale, relația cu fiscul, securitatea socială și serviciile "
            "publice de ocupare; ghiduri video și pliante multilingve."
        ),
        "beneficiaries_count": None,
        "beneficiaries": "Cetățeni ai țărilor terțe din Madrid și Alcorcón.",
        "results": (
            "Participanți mai autonomi în fața administrației publice și mai bine "
            "pregătiți pentru căutarea unui loc de muncă."
        ),
        "success_conditions": "",
        "difficulties": (
            "Proceduri online complexe, informații greu de găsit și puține servicii "
            "dedicate cetățenilor țărilor terțe."
        ),
        "transferability": "",
        "funding_programme": "AMIF (FAMI)",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [],
        "contact_name": "",
        "contact_email": "",
        "source_document": "004_35c0a59320400368.txt",
        "source_locator": "Practici promițătoare ASAP, SPANIA (p. 14)",
    },
    {
        "key": "asap-nl-consiliu-consultativ-tilburg",
        "language": "ro",
        "title": "Tilburg: colaborarea cu un consiliu consultativ al refugiaților",
        "summary": (
            "Un consiliu de rezidenți de origine migrantă, activ din 2018 și sprijinit "
            "de orașul Tilburg și de OIM Olanda, îi sfătuiește lunar pe decidenți în "
            "privința incluziunii."
        ),
        "description": (
            "Prin proiectul Includ-EU, finanțat din FAMI, biroul OIM din Olanda și "
            "orașul Tilburg au pus în practică două piloturi: programul integrat "
            "Integration+ și Consiliul Consultativ pentru Refugiați (CCR). Cel de-al "
            "doilea a urmărit, între altele, să facă acest consiliu mai profesionist, "
            "astfel încât refugiații să poată aduce idei și opinii despre politici și "
            "să participe la acțiuni privind primirea, locuirea și integrarea, pentru "
            "o integrare mai rapidă în regiune.\n\n"
            "CCR funcționează din 2018 ca un organism inovator de rezidenți locali de "
            "origine migrantă, îndrumat de orașul Tilburg, și oferă sfaturi "
            "independente organizațiilor din regiune. Membrii se reunesc în fiecare "
            "lună pentru a-i consilia pe decidenți. Autoritățile locale și regionale "
            "au primit bine inițiativa, care s-a legat de sistemul de primire și a "
            "reușit să facă auzită vocea migranților în elaborarea politicilor.\n\n"
            "Un consiliu durabil, incluziv și preocupat de teme relevante are nevoie "
            "de un scop clar, de criterii clare pentru membri, de măcar un om care să "
            "sprijine consiliul, să-l organizeze și să-l îndrume și de o formă de "
            "compensație, pentru că membrii prestează un serviciu care trebuie "
            "recunoscut."
        ),
        "country": "NL",
        "territories": ["tilburg"],
        "start_year": 2018,
        "end_year": None,
        "themes": ["participation", "reception", "housing"],
        "target_groups": ["refugees-asylum-seekers"],
        "organisations": [("iom-nl", "implementing"), ("tilburg-city", "implementing")],
        "aims": [
            "Profesionalizarea Consiliului Consultativ pentru Refugiați",
            "Includerea vocii refugiaților în politicile de primire, locuire și "
            "integrare",
        ],
        "phases": [],
        "activities": (
            "Întâlniri lunare ale consiliului; consultanță independentă pentru "
            "organizațiile din regiune; consilierea factorilor de decizie; acțiuni în "
            "domeniile primirii, locuirii și integrării."
        ),
        "beneficiaries_count": None,
        "beneficiaries": (
            "Refugiații și rezidenții de origine migrantă din regiunea Tilburg."
        ),
        "results": (
            "Un consiliu apreciat de autoritățile locale și regionale, care "
            "funcționează împreună cu sistemul de primire și face auzită vocea "
            "migranților."
        ),
        "success_conditions": (
            "Scop clar și criterii clare pentru membri; un coordonator care se ocupă "
            "de organizarea consiliului; o compensație pentru munca membrilor."
        ),
        "difficulties": "",
        "transferability": "",
        "funding_programme": "AMIF (FAMI), proiectul Includ-EU",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [],
        "contact_name": "",
        "contact_email": "",
        "source_document": "004_35c0a59320400368.txt",
        "source_locator": "Alte bune practici, OLANDA (p. 19)",
    },
    {
        "key": "asap-it-birou-migratie-prato",
        "language": "ro",
        "title": "Biroul pentru migrație al orașului Prato",
        "summary": (
            "Serviciul municipal din Prato combină un ghișeu multilingv, proiecte "
            "permanente de primire și sprijin și programe de incluziune școlară pentru "
            "copiii străini."
        ),
        "description": (
            "Prato are mulți rezidenți străini, o parte însemnată dintre ei cetățeni "
            "chinezi, iar în școlile orașului proporția elevilor de origine străină "
            "este ridicată. Biroul pentru migrație lucrează pe trei direcții. Prima "
            "este un ghișeu multilingv pentru integrare, deschis 24 de ore pe "
            "săptămână. A doua cuprinde proiecte permanente: SAI, pentru beneficiarii "
            "de protecție internațională și solicitanții de azil, și SATIS, pentru "
            "sprijinirea victimelor traficului sau ale exploatării. A treia este "
            "incluziunea școlară a copiilor străini între 6 și 14 ani, împreună cu "
            "școlile: o săptămână de primire când începe școala, ateliere care le "
            "ușurează învățarea limbii și un model de cooperare lingvistică aplicat "
            "tot anul.\n\n"
            "Comunitatea este implicată printr-o rețea informală cu reprezentanți ai "
            "comunităților și prin evenimente organizate împreună. Biroul comunică "
            "prin site-ul Pratomigranti și prin WeChat, rețeaua socială foarte "
            "folosită de comunitatea chineză.\n\n"
            "Activitățile au la bază fonduri locale, care le asigură continuitatea, "
            "iar banii europeni, naționali și regionali sunt folosiți pentru acțiuni "
            "inovatoare testate și apoi preluate în sistemul local. Cheia este un "
            "sistem teritorial integrat: acorduri formale între actorii din zonă, "
            "servicii stabile și continue, acțiuni experimentale finanțate din afară "
            "și o bună coordonare între instituții."
        ),
        "country": "IT",
        "territories": ["prato"],
        "start_year": None,
        "end_year": None,
        "themes": ["reception", "education", "language", "social-services"],
        "target_groups": [
            "migrants",
            "children",
            "refugees-asylum-seekers",
            "trafficking-victims",
        ],
        "organisations": [("prato-office", "implementing")],
        "aims": [
            "Servicii de integrare multilingve accesibile",
            "Sprijin continuu pentru solicitanții de azil și victimele traficului",
            "Incluziunea școlară a elevilor străini de 6-14 ani",
        ],
        "phases": [],
        "activities": (
            "Ghișeu multilingv deschis 24 de ore pe săptămână; proiectele SAI și "
            "SATIS; săptămână de primire, ateliere de sprijin pentru limbă și "
            "cooperare lingvistică în școli; rețea informală cu reprezentanți ai "
            "comunităților; comunicare prin Pratomigranti și WeChat."
        ),
        "beneficiaries_count": None,
        "beneficiaries": (
            "Rezidenții străini din Prato, printre care mulți cetățeni chinezi; "
            "beneficiari de protecție internațională și solicitanți de azil; victime "
            "ale traficului sau exploatării; elevi străini de 6-14 ani."
        ),
        "results": (
            "Servicii stabile, susținute din fonduri locale, completate de acțiuni "
            "inovatoare finanțate din fonduri UE, naționale și regionale."
        ),
        "success_conditions": (
            "Un sistem teritorial integrat, cu acorduri formale între actorii locali "
            "și coordonare între instituții."
        ),
        "difficulties": "",
        "transferability": (
            "Acțiunile experimentale sunt concepute pentru a fi testate și apoi "
            "integrate în sistemul local de servicii."
        ),
        "funding_programme": "",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [],
        "contact_name": "",
        "contact_email": "",
        "source_document": "004_35c0a59320400368.txt",
        "source_locator": "Alte bune practici, Prato, ITALIA (p. 20)",
    },
    {
        "key": "asap-be-bon-bruxelles",
        "language": "ro",
        "title": "Bon: biroul de primire pentru integrare din Bruxelles",
        "summary": (
            "Agenția flamandă Bon oferă gratuit nou-veniților din Bruxelles orientare "
            "socială, cursuri de olandeză, consiliere juridică și îndrumare spre "
            "muncă."
        ),
        "description": (
            "Bon a luat naștere în 2004 ca asociație non-profit; din 2015 face parte "
            "din Agentschap Integratie & Inburgering, o agenție a guvernului flamand. "
            "Misiunea a rămas aceeași: o echipă multilingvă îi primește pe nou-veniți "
            "și pe rezidenții de origine străină și îi ajută să se simtă acasă în "
            "Bruxelles, plecând de la ideea că buna comunicare este esențială.\n\n"
            "Programul de integrare este gratuit și accesibil și cuprinde cursuri de "
            "orientare socială, lecții de olandeză, recunoașterea diplomelor, ocazii "
            "de participare și de socializare, orientare spre locuri de muncă și "
            "îndrumare individuală. Bon dă și consiliere juridică pe teme de migrație, "
            "azil și drept al familiei, asigură interpretariat social, ajută familiile "
            "să aleagă o școală cu predare în olandeză și oferă consiliere și după "
            "încheierea programului. Organizațiilor din Bruxelles le pune la "
            "dispoziție formări, analize și planuri de acțiune pentru diversitate și "
            "accesibilitate.\n\n"
            "Din experiența sa se desprind două lecții: abordarea trebuie ajustată "
            "mereu pentru a ajunge la publicul vizat, iar într-un oraș cu 19 comune "
            "acordurile cu autoritățile locale sunt indispensabile. Un sistem de "
            "feedback permanent ajută la măsurarea eficacității serviciilor și a "
            "satisfacției utilizatorilor."
        ),
        "country": "BE",
        "territories": ["brussels"],
        "start_year": 2004,
        "end_year": None,
        "themes": [
            "reception",
            "language",
            "legal-aid",
            "employment",
            "anti-discrimination",
        ],
        "target_groups": ["migrants", "refugees-asylum-seekers"],
        "organisations": [("bon", "implementing")],
        "aims": [
            "Primirea nou-veniților și a rezidenților de origine străină",
            "Un program de integrare gratuit și accesibil",
            "Sprijin pentru diversitate și accesibilitate în organizațiile din "
            "Bruxelles",
        ],
        "phases": [],
        "activities": (
            "Orientare socială; cursuri de olandeză; recunoașterea diplomelor; "
            "orientare profesională și îndrumare individuală; consiliere juridică în "
            "materie de migrație, azil și drept al familiei; interpretariat social; "
            "orientare școlară; formări și planuri de acțiune pentru organizații."
        ),
        "beneficiaries_count": None,
        "beneficiaries": (
            "Nou-veniții și persoanele de origine străină din Bruxelles, precum și "
            "organizațiile din oraș."
        ),
        "results": (
            "Un serviciu de primire stabil, integrat din 2015 în agenția flamandă "
            "pentru integrare."
        ),
        "success_conditions": (
            "Adaptarea continuă pentru a ajunge la publicul țintă; acorduri cu "
            "autoritățile locale; feedback continuu din partea utilizatorilor."
        ),
        "difficulties": (
            "Un oraș împărțit în 19 comune, ceea ce cere coordonare cu fiecare "
            "autoritate locală."
        ),
        "transferability": "",
        "funding_programme": "",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [],
        "contact_name": "",
        "contact_email": "",
        "source_document": "004_35c0a59320400368.txt",
        "source_locator": "Alte bune practici, BELGIA (p. 21)",
    },
    {
        "key": "asap-si-competente-digitale-jesenice",
        "language": "ro",
        "title": "Jesenice: competențe digitale și incluziune socială pentru migranți",
        "summary": (
            "Un program de 60 de ore cu ateliere digitale și de limba slovenă, derulat "
            "de OIM Slovenia împreună cu Centrul de Educație pentru Adulți Jesenice."
        ),
        "description": (
            "Tot în proiectul Includ-EU, finanțat din FAMI, OIM Slovenia a derulat, "
            "împreună cu Centrul de Educație pentru Adulți Jesenice, un pilot dedicat "
            "abilităților digitale și incluziunii sociale a migranților. Două grupuri "
            "au urmat un program de 60 de ore, cu ateliere digitale și de limba "
            "slovenă, care au pus accent și pe orientarea practică în comunitate și pe "
            "căutarea unui loc de muncă.\n\n"
            "Participanții și-au îmbunătățit competențele digitale și de limbă și au "
            "aflat cum să se descurce în comunitatea locală și ce servicii au la "
            "îndemână. Pilotul a scos în evidență cât de mult contează abilitățile "
            "digitale pentru participare și pentru incluziunea socială și "
            "digitală.\n\n"
            "Cele mai multe participante au fost femei, așa că proiectul a avut și o "
            "dimensiune importantă de abilitare de gen. Reușita s-a datorat unei "
            "abordări croite pe nevoile comunității, posibilă datorită colaborării "
            "strânse cu partenerul local."
        ),
        "country": "SI",
        "territories": ["jesenice"],
        "start_year": None,
        "end_year": None,
        "themes": ["digital-inclusion", "language", "employment", "gender-equality"],
        "target_groups": ["migrants", "migrant-women"],
        "organisations": [
            ("iom-si", "implementing"),
            ("jesenice-adult-ed", "implementing"),
        ],
        "aims": [
            "Dezvoltarea competențelor digitale ale migranților",
            "Incluziune socială prin limbă și orientare în comunitate",
        ],
        "phases": [],
        "activities": (
            "Program de 60 de ore pentru două grupuri: ateliere de competențe digitale "
            "și de limba slovenă, orientare practică în comunitate și sprijin pentru "
            "căutarea unui loc de muncă."
        ),
        "beneficiaries_count": None,
        "beneficiaries": "Două grupuri de migranți din Jesenice, în majoritate femei.",
        "results": (
            "Competențe digitale și lingvistice mai bune, cunoștințe practice despre "
            "comunitatea locală și serviciile ei."
        ),
        "success_conditions": (
            "O abordare adaptată comunității, construită prin colaborare strânsă cu un "
            "partener local."
        ),
        "difficulties": "",
        "transferability": (
            "Arată utilitatea parteneriatelor locale și a programelor specifice pentru "
            "incluziunea digitală a migranților."
        ),
        "funding_programme": "AMIF (FAMI), proiectul Includ-EU",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [],
        "contact_name": "",
        "contact_email": "",
        "source_document": "004_35c0a59320400368.txt",
        "source_locator": "Alte bune practici, SLOVENIA (p. 22)",
    },
    {
        "key": "asap-es-ment-mentorat",
        "language": "ro",
        "title": "MEnt: antreprenori migranți în tandem cu mentori",
        "summary": (
            "Un program de incubare și mentorat din Madrid care îi ajută pe migranți "
            "și refugiați să își pornească propriile afaceri."
        ),
        "description": (
            "MEnt este un program de incubare și mentorat care îi ajută pe migranți și "
            "refugiați să lanseze proiecte antreprenoriale. A pornit de la convingerea "
            "că în comunitățile de migranți există un potențial antreprenorial real, "
            "care merită sprijinit încă din primele etape ale unei afaceri.\n\n"
            "Programul a cuprins un apel către antreprenori, sesiuni scurte de "
            "formare, cicluri de incubare ușoară, alocarea unui mentor și o prezentare "
            "finală în fața mentorilor, a posibililor investitori și a susținătorilor. "
            "A produs instrumente și resurse ușor de folosit pentru formarea "
            "antreprenorilor, cu accent pe antreprenoriatul social, și a folosit "
            "jocuri, tehnici de conducere participativă și formare pentru a crea o "
            "comunitate în care participanții își împărtășesc experiențele și se "
            "sprijină reciproc.\n\n"
            "Provocarea a fost echilibrul dintre rezultatele rapide și o incubare "
            "temeinică, ținând cont și de practicile de afaceri diferite de la o țară "
            "și de la un sector la altul. Concluzia: co-creația trebuie pusă în "
            "centru, iar încrederea se câștigă prin experiențe trăite împreună și prin "
            "lucru comun pentru aceleași obiective."
        ),
        "country": "ES",
        "territories": ["madrid"],
        "start_year": None,
        "end_year": None,
        "themes": ["entrepreneurship", "training"],
        "target_groups": ["migrants", "refugees-asylum-seekers"],
        "organisations": [("somos-mas", "implementing")],
        "aims": [
            "Sprijin adaptat pentru antreprenorii migranți și refugiați",
            "Valorificarea potențialului antreprenorial al comunităților de migranți",
        ],
        "phases": [
            {
                "title": "Apel pentru antreprenori",
                "text": "Selecția migranților și refugiaților cu o idee de afacere.",
            },
            {
                "title": "Formare",
                "text": "Sesiuni scurte despre antreprenoriat, inclusiv cel social.",
            },
            {
                "title": "Incubare ușoară",
                "text": "Cicluri de incubare pentru dezvoltarea ideilor.",
            },
            {
                "title": "Mentorat",
                "text": "Fiecare participant este pus în legătură cu un mentor.",
            },
            {
                "title": "Prezentarea finală",
                "text": (
                    "Proiectele sunt prezentate mentorilor, potențialilor investitori "
                    "și susținătorilor."
                ),
            },
        ],
        "activities": (
            "Sesiuni de formare; incubare; mentorat; jocuri și tehnici de conducere "
            "participativă; resurse pentru educație antreprenorială."
        ),
        "beneficiaries_count": None,
        "beneficiaries": "Migranți și refugiați care vor să pornească o afacere.",
        "results": (
            "Resurse la îndemână pentru învățarea antreprenoriatului, mai ales a celui "
            "social, și o comunitate de sprijin între participanți."
        ),
        "success_conditions": (
            "Co-creația în centrul procesului și încrederea construită prin experiențe "
            "comune."
        ),
        "difficulties": (
            "Echilibrul între rezultate rapide și incubare aprofundată; diferențele "
            "dintre practicile de afaceri ale țărilor și industriilor."
        ),
        "transferability": "",
        "funding_programme": "AMIF (FAMI)",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [],
        "contact_name": "",
        "contact_email": "",
        "source_document": "004_35c0a59320400368.txt",
        "source_locator": "Alte bune practici, SPANIA (p. 23)",
    },
    {
        "key": "health-poverty-exchange-network",
        "language": "en",
        "title": (
            "Thematic exchange network on migrants' health and poverty (2009-2011)"
        ),
        "summary": (
            "A European network of local public and private actors in eight partner "
            "places that mapped local problems, exchanged practice and drew up action "
            "plans on poverty and health inequalities among migrants."
        ),
        "description": (
            "Between December 2009 and June 2011 this project linked public and "
            "private bodies that work with or for migrants on health and poverty. It "
            "coincided with 2010, the European Year against poverty and social "
            "exclusion, and took a broad view of health as physical, mental and social "
            "well-being rather than the mere absence of illness.\n\n"
            "In each partner location a Local Forum gathered migrants, members of "
            "migrant associations, health professionals, local politicians and other "
            "stakeholders, with a balanced mix of genders and cultures. Every forum "
            "picked out the three most pressing local issues on migrants' health and "
            "poverty. These findings fed a transnational exchange programme made of "
            "three workshops with external experts and an online platform with blogs, "
            "chats, personal profiles and a database that keeps growing.\n\n"
            "After each workshop a booklet summing up what had worked, what had not "
            "and what should change was to be translated into local languages and "
            "handed out in health centres, town halls, migrant associations and "
            "welcome centres, and published online. Partners were helped to prepare "
            "local action plans, and the platform was meant to carry a community of "
            "practice beyond the end of the project.\n\n"
            "The partners listed are Amadora, Roquetas de Mar, Piacenza, EFXINI POLI, "
            "Birmingham, the Belfast Health and Social Care Trust, the Municipality of "
            "Milan and SAMDARRA. The coordination team could be reached by telephone "
            "at +32 (0) 2 524 45 45 or by fax at +32 (0) 2 524 44 31."
        ),
        "country": "BE",
        "territories": [
            "amadora",
            "roquetas-de-mar",
            "piacenza",
            "birmingham",
            "belfast",
            "milan",
        ],
        "start_year": 2009,
        "end_year": 2011,
        "themes": [
            "health",
            "social-services",
            "participation",
            "international-relations",
            "awareness",
        ],
        "target_groups": ["migrants", "professionals"],
        "organisations": [
            ("belfast-hsct", "partner"),
            ("milan-municipality", "partner"),
            ("efxini-poli", "partner"),
            ("samdarra", "partner"),
        ],
        "aims": [
            "Set up local partnerships of migrants, migrant associations, health "
            "professionals, local politicians and other stakeholders",
            "Identify, in each location, the three most relevant local issues on "
            "migrants' health and poverty",
            "Produce recommendations for European, national, regional and local "
            "stakeholders",
            "Help partners develop local action plans and share booklets in local "
            "languages",
        ],
        "phases": [
            {
                "title": "Local Forums",
                "text": (
                    "Forming a forum in each partner location, balanced by gender and "
                    "culture and linked to professionals and local politicians through "
                    "joint meetings."
                ),
            },
            {
                "title": "Local mapping",
                "text": (
                    "Each forum identifies the three most relevant local issues on "
                    "migrant health and poverty."
                ),
            },
            {
                "title": "Transnational exchange",
                "text": (
                    "Three workshops with external experts, plus an online platform "
                    "with blogs, chats, individual profiles and a growing database."
                ),
            },
            {
                "title": "Booklets and action plans",
                "text": (
                    "A booklet after each workshop, translated and distributed "
                    "locally; support for local action plans."
                ),
            },
            {
                "title": "Final report and community of practice",
                "text": (
                    "A closing report on the whole project and a community of practice "
                    "kept going on the online platform."
                ),
            },
        ],
        "activities": (
            "Local Forum meetings; local mapping; three transnational workshops; "
            "online platform with blogs, chats and profiles; translated booklets "
            "distributed in health centres, municipalities, migrant associations and "
            "welcome centres; two local consultation and dissemination events; a final "
            "report."
        ),
        "beneficiaries_count": None,
        "beneficiaries": (
            "Local public and private actors working with migrants, migrant "
            "associations, health professionals and local politicians in the partner "
            "locations, and the migrants they serve."
        ),
        "results": (
            "Expected outputs: three peer-review exchange reports; an overview report; "
            "at least 20 documented good-practice case studies, plus 30 or more "
            "relevant documents and links to organisations; eight local mapping "
            "reports with linked action plans; an online forum for exchanging and "
            "developing good practice; two local consultation and dissemination "
            "events."
        ),
        "success_conditions": (
            "Local Forums with a mixed composition by gender and culture, connected to "
            "professionals and local politicians."
        ),
        "difficulties": "",
        "transferability": (
            "Booklets translated into local languages and an online database were "
            "intended to let other places reuse the experience."
        ),
        "funding_programme": "",
        "funding_amount": None,
        "funding_currency": "EUR",
        "links": [],
        "contact_name": "",
        "contact_email": "",
        "source_document": "002_9963238dd20171d8.txt",
        "source_locator": (
            "Project Objectives; Expected Results; partner list; Project period"
        ),
    },
]

COLLECTION = {
    "key": "her-booklet",
    "title": (
        "HER: good practices for the socio-economic integration of mothers with a "
        "migration background"
    ),
    "language": "en",
    "introduction": (
        "HER, short for strengthening the socio-economic integration of mothers with a "
        "migration background (Erasmus+ project 2020-1-IT02-KA204-079915), brought "
        "together five organisations from Italy, Spain, Romania, Turkey and Greece: "
        "HRYO, FETICO, NOVAPOLIS, Rönesans Enstitüsü and SystServ.\n\n"
        "The partners wanted to build a learning path for migrant mothers, above all "
        "those with fewer opportunities, and to link them with the labour market and "
        "with their own business ideas. Along the way, staff of the partner "
        "organisations were to gain new skills, and the partners would swap methods in "
        "adult education, women's employment and entrepreneurship.\n\n"
        "This collection gathers the ten practices that the partners chose in their "
        "own countries, two per country, after discussing them together during the "
        "project meetings."
    ),
    "recommendations": [
        "Involve the women concerned from the first research phase, so that guidance "
        "follows what they actually need.",
        "Start with an individual assessment and offer several tracks according to "
        "each woman's experience and level of vulnerability.",
        "Treat training as more than job preparation: crafts, peer support and "
        "volunteering also rebuild confidence and well-being.",
        "Pair entrepreneurship courses with mentoring and help in reaching funding.",
        "Rely on specialised, trauma-aware staff when working with survivors of "
        "trafficking.",
        "Build a strong local network of organisations and businesses around each "
        "programme.",
    ],
    "practices": [
        "her-it-laboratorio-solidale",
        "her-it-alma",
        "her-es-cosmi",
        "her-es-sara",
        "her-ro-pepa",
        "her-ro-tolerant",
        "her-tr-training-employment-cohesion",
        "her-tr-economic-opportunities-sutp",
        "her-gr-athena",
        "her-gr-entryway",
    ],
}

EVALUATION = {
    "practice": "her-it-alma",
    "scores": {
        "relevance": 5,
        "effectiveness": 4,
        "sustainability": 3,
        "transferability": 4,
        "participation": 5,
        "gender_perspective": 5,
    },
    "comment": (
        "Women shaped the guidance path from the research phase onwards, which is the "
        "strongest point. The booklet gives no participant numbers, so effectiveness "
        "rests on qualitative reports, and nothing is said about what happened after "
        "2022."
    ),
}

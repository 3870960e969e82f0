"""50 en: Scottish council plan; Strategic goal A / Objective A.2 / Action A.2.3; prose
records with 'Label: value' fields; inline indicators; form feeds; TOC; statistics alone."""

from common import Plan, paginate, para, plan_gold, write

P = Plan()
W = 86
out: list[str] = []
add = out.append

add("""PERTH AND KINROSS
NEW SCOTS LOCAL PARTNERSHIP

N E W   S C O T S   I N   P E R T H S H I R E
Local Integration Action Plan 2026–2029

Prepared by the New Scots Local Partnership Board
Version 1.3 (approved 11 February 2026)
""")
toc_entries = []
GOALS = [
    (
        "A",
        "Arriving well: information, advice and a first contact",
        [
            (
                "A.1",
                "Everyone who arrives knows where to go in their first month",
                [
                    (
                        "A.1.1",
                        "Open a Welcome Point in the A.K. Bell Library every weekday morning",
                        ["Communities Service, Perth and Kinross Council"],
                        "Working with: Tayside Advice Collective; Perth Libraries Trust",
                        "April 2026 – March 2029",
                        "£22,400 per year",
                        [
                            (
                                "Number of people seen at the Welcome Point",
                                "0 (2025)",
                                "1,100 a year",
                                ["sex", "nationality"],
                                "quantitative",
                            )
                        ],
                    ),
                    (
                        "A.1.2",
                        "Publish a first-month guide in eight languages, printed and online",
                        ["Corporate Communications Team"],
                        "Working with: New Scots Forum members",
                        "by September 2026",
                        "£9,000",
                        [
                            (
                                "Languages in which the guide is available",
                                "2",
                                "8",
                                [],
                                "quantitative",
                            )
                        ],
                    ),
                ],
            ),
            (
                "A.2",
                "Public counters are able to serve people with little English",
                [
                    (
                        "A.2.1",
                        "Train front-line staff in working with interpreters",
                        ["Organisational Development, Perth and Kinross Council"],
                        "Working with: NHS Tayside Interpreting Service",
                        "2026–2027",
                        "£6,500",
                        [("Front-line staff trained", "35", "220", [], "quantitative")],
                    ),
                    (
                        "A.2.2",
                        "Introduce a telephone interpreting line at all customer service points",
                        ["Customer Service Centre"],
                        None,
                        "from June 2026",
                        "£14,000 per year",
                        [
                            (
                                "Customer service points with telephone interpreting",
                                "1 of 6",
                                "6 of 6",
                                [],
                                "quantitative",
                            )
                        ],
                    ),
                    (
                        "A.2.3",
                        "Review council letter templates for plain language",
                        ["Customer Service Centre", "Legal and Governance Services"],
                        None,
                        "2027",
                        "within existing budgets",
                        [
                            (
                                "Residents who find council letters easy to understand (annual panel survey)",
                                "not recorded",
                                "70%",
                                [],
                                "qualitative",
                            )
                        ],
                    ),
                ],
            ),
        ],
    ),
    (
        "B",
        "Learning and earning",
        [
            (
                "B.1",
                "English for speakers of other languages (ESOL) is available when and where people need it",
                [
                    (
                        "B.1.1",
                        "Add evening and Saturday ESOL classes at Perth College and in Crieff",
                        ["Adult Learning Team"],
                        "Working with: Perth College UHI",
                        "August 2026 – June 2029",
                        "£48,000 per year",
                        [
                            (
                                "ESOL learners enrolled",
                                "410",
                                "600",
                                ["sex", "age"],
                                "quantitative",
                            ),
                            (
                                "Learners waiting more than 12 weeks for a place",
                                "180",
                                "< 40",
                                [],
                                "quantitative",
                            ),
                        ],
                    ),
                    (
                        "B.1.2",
                        "Run a crèche alongside daytime ESOL classes",
                        ["Early Years Service"],
                        None,
                        "2026–2029",
                        "£17,500 per year",
                        [
                            (
                                "Parents attending ESOL with crèche support",
                                "n/a",
                                "90",
                                ["sex"],
                                "quantitative",
                            )
                        ],
                    ),
                ],
            ),
            (
                "B.2",
                "New Scots find work that matches their skills",
                [
                    (
                        "B.2.1",
                        "Offer a skills-recognition clinic with SCQF level checks",
                        ["Employability Partnership"],
                        "Working with: Skills Development Scotland",
                        "2027–2028",
                        "£12,000",
                        [
                            (
                                "People who get a qualification compared at SCQF level",
                                "–",
                                "150",
                                ["nationality"],
                                "quantitative",
                            )
                        ],
                    ),
                    (
                        "B.2.2",
                        "Create 30 paid work placements in council services and local employers",
                        ["Employability Partnership", "Perthshire Chamber of Commerce"],
                        None,
                        "2026–2029",
                        "£96,000 over three years",
                        [
                            (
                                "Placements completed",
                                "0",
                                "30",
                                ["sex", "age"],
                                "quantitative",
                            ),
                            (
                                "Placement holders in work six months later",
                                "not recorded",
                                "60%",
                                [],
                                "quantitative",
                            ),
                        ],
                    ),
                ],
            ),
        ],
    ),
    (
        "C",
        "Belonging: homes, health and neighbourhoods",
        [
            (
                "C.1",
                "Safe and settled housing",
                [
                    (
                        "C.1.1",
                        "Extend the tenancy sustainment service to private rented tenants who are New Scots",
                        ["Housing Options Team"],
                        "Working with: Shelter Scotland; landlord accreditation scheme",
                        "2026–2028",
                        "£31,000 per year",
                        [
                            (
                                "Tenancies sustained for twelve months",
                                "72%",
                                "85%",
                                ["household composition"],
                                "quantitative",
                            )
                        ],
                    )
                ],
            ),
            (
                "C.2",
                "Health services everyone can use",
                [
                    (
                        "C.2.1",
                        "Register new arrivals with a GP practice within four weeks",
                        ["Perth and Kinross Health and Social Care Partnership"],
                        None,
                        "ongoing",
                        "£0 (existing staff)",
                        [
                            (
                                "New arrivals registered within four weeks",
                                "54%",
                                "90%",
                                ["age"],
                                "quantitative",
                            )
                        ],
                    ),
                    (
                        "C.2.2",
                        "Set up peer mental-health groups led by trained New Scots volunteers",
                        ["Perth and Kinross Health and Social Care Partnership"],
                        "Working with: Tay Wellbeing Network; Tayside Refugee Women's Circle",
                        "2027–2029",
                        "£15,000 per year",
                        [
                            (
                                "Group members reporting better wellbeing (WEMWBS)",
                                "—",
                                "65%",
                                ["sex"],
                                "qualitative",
                            )
                        ],
                    ),
                ],
            ),
            (
                "C.3",
                "Neighbours who know each other",
                [
                    (
                        "C.3.1",
                        "Fund a small-grants scheme for joint events of New Scots and long-standing residents",
                        ["Community Planning Partnership"],
                        None,
                        "annually, from 2026",
                        "£20,000 per year",
                        [("Events funded", "0", "24 a year", [], "quantitative")],
                    )
                ],
            ),
        ],
    ),
]
for g, gt, objs in GOALS:
    P.area(g, gt)
    for oc, ot, acts in objs:
        P.objective(oc, ot, g)
        for ac, at, lead, wwith, when, cost, inds in acts:
            P.measure(ac, at, oc, lead, when, cost)
            for n, b, t, d, k in inds:
                nb = None if b in ("n/a", "–", "—", "not recorded") else b
                P.indicator(ac, n, nb, t, d, k)

add("Contents\n")
toc = [
    ("1", "Foreword", 2),
    ("2", "Why a local plan", 2),
    ("3", "Perth and Kinross in figures", 3),
    ("4", "How the plan was made", 3),
]
for c, t, p in toc:
    add(f"{c}  {t} {'.' * (60 - len(t))} {p}")
for i, (g, gt, _) in enumerate(GOALS):
    add(
        f"5.{i + 1}  Strategic goal {g}: {gt[:38]}{'…' if len(gt) > 38 else ''} {'.' * 6} {4 + 2 * i}"
    )
add(f"6  Monitoring and review {'.' * 38} 10")
add("")
body: list[str] = []
b = body.append
b("1. Foreword\n")
b(
    para(
        "Perthshire has always been a place people move to: for the harvest, for the hospitals, for "
        "the hotels on the A9 and, since 2022, for safety. Around four thousand people who were "
        "born outside the United Kingdom now live in the council area, and the number keeps rising. "
        "In these pages the council and eleven partner bodies commit to concrete steps for the next three "
        "years, so that new arrivals — whom we call New Scots, whatever their immigration status — can take part "
        "in local life from the day they arrive.",
        W,
        3,
    )
)
b("\nCllr Morag Petrie, Convener, Communities Committee\n")
b("2. Why a local plan\n")
b(
    para(
        "The national New Scots Refugee Integration Strategy asks every local authority to agree local "
        "arrangements. Our partnership board decided to go further and cover all migrants, not only "
        "refugees. Section 2 of the Equality Act 2010 is not the basis of this plan, but the public sector "
        "equality duty in section 149 of that Act applies to every action in it.",
        W,
        3,
    )
)
b("")
b("3. Perth and Kinross in figures\n")
b("3.1 Population")
b("Residents born outside the UK (Census 2022)")
b("")
b("11,240")
b("")
b("Share of the total population")
b("")
b("7.4%")
b("")
b("3.2 Arrivals since 2022")
b(
    para(
        "Arrivals through the Homes for Ukraine scheme, resettlement and dispersal together account for "
        "about 1,900 people; seasonal agricultural workers add several thousand each summer, most of them "
        "in the Carse of Gowrie.",
        W,
        0,
    )
)
b("")
b("3.3 What people told us")
b(
    para(
        "Across six listening events and 212 survey responses, residents named four problems again and "
        "again: not knowing where to ask, waiting for English classes, the cost of private rents and "
        "feeling alone in winter.",
        W,
        3,
    )
)
b("")
b("4. How the plan was made\n")
b(
    "Step 1. Listening events in Perth, Blairgowrie, Crieff, Kinross, Pitlochry and Aberfeldy."
)
b("Step 2. A survey in nine languages (212 replies).")
b("Step 3. Three workshops of the partnership board to agree goals.")
b("Step 4. Consultation on the draft, November–December 2025.")
b("")
b("5. The plan\n")
b(
    para(
        "The plan has three strategic goals. Each goal has objectives, and each objective has actions. "
        "For every action we name the lead body, who it works with, when it happens, what it costs and "
        "how we will know whether it worked.",
        W,
        0,
    )
)
b("")
for g, gt, objs in GOALS:
    b(f"STRATEGIC GOAL {g}")
    b(gt)
    b("")
    for oc, ot, acts in objs:
        b(f"Objective {oc} – {ot}")
        b("")
        for ac, at, lead, wwith, when, cost, inds in acts:
            b(f"Action {ac}")
            b(at)
            b(f"Lead: {'; '.join(lead)}")
            if wwith:
                b(wwith)
            b(f"Timescale: {when}")
            b(f"Cost: {cost}")
            for n, bl, t, d, k in inds:
                dd = ""
                if d:
                    names = {
                        "sex": "sex",
                        "age": "age band",
                        "nationality": "nationality",
                        "household composition": "household type",
                    }
                    dd = " (by " + " and ".join(names[x] for x in d) + ")"
                b(f"Measure of success: {n}{dd}")
                b(f"   Baseline: {bl}   Target 2029: {t}")
            b("")
b("6. Monitoring and review\n")
b(
    para(
        "The partnership board will receive a progress report every six months. The report will use "
        "the measures of success listed with each action, broken down where stated. An annual "
        "New Scots Forum will check the plan against people's own experience, and the plan will be "
        "refreshed in 2029.",
        W,
        3,
    )
)
b("")
b("Glossary")
b("ESOL – English for Speakers of Other Languages")
b("SCQF – Scottish Credit and Qualifications Framework")
b("WEMWBS – Warwick-Edinburgh Mental Wellbeing Scale")
text = (
    "\n".join(out)
    + "\f"
    + paginate(
        "\n".join(body),
        48,
        lambda n: "New Scots in Perthshire – Local Integration Action Plan 2026–2029",
        lambda n: f"{n}",
        ff=True,
        first=2,
    )
)
write("50_en_perth-new-scots", text, plan_gold("en", P))

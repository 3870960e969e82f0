"""A completed needs assessment of Vale Novo with about 200 synthetic answers.

Written by us; the answers are generated with ``random.Random(SEED)`` so every
installation shows the same results.  Idempotent: the survey carries
``source_key`` "demo:survey:vale-novo-needs" and is skipped when present.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction

from convivio.core.models import Language
from convivio.core.translation import (
    original_origins,
    save_original,
    translation_origins,
)
from convivio.surveys.models import (
    Answer,
    Choice,
    ChoiceTranslation,
    Question,
    QuestionTranslation,
    Response,
    Survey,
    SurveyTranslation,
)

SOURCE_KEY = "demo:survey:vale-novo-needs"
SEED = 2026
RESPONSES = 200

LANGS = [
    ("pt", "Portuguese"),
    ("en", "English"),
    ("ar", "Arabic"),
    ("uk", "Ukrainian"),
    ("ur", "Urdu"),
    ("bn", "Bengali"),
    ("fr", "French"),
    ("ro", "Romanian"),
    ("es", "Spanish"),
]
PARISHES = [
    ("centre", "Town centre"),
    ("sao-romao", "São Romão"),
    ("rossio", "Rossio"),
    ("estacao", "Estação"),
]
ISSUES = [
    ("housing", "Finding a home"),
    ("employment", "Work and fair pay"),
    ("language", "Learning Portuguese"),
    ("health", "Seeing a doctor"),
    ("legal-aid", "Residence papers"),
    ("education", "School for the children"),
    ("social-services", "Money for basic needs"),
    ("anti-discrimination", "Being treated fairly"),
]

#: name, kind, label, choices, extra
QUESTIONS: list[tuple] = [
    (
        "language",
        "single",
        "Which language do you speak best?",
        LANGS,
        {"required": True},
    ),
    (
        "parish",
        "single",
        "Where in Vale Novo do you live?",
        PARISHES,
        {"required": True},
    ),
    ("years", "number", "How many years have you lived in Portugal?", [], {}),
    (
        "issues",
        "ranking",
        "Rank the three issues that matter most to you here.",
        ISSUES,
        {"required": True, "rank_count": 3, "ranks_issues": True},
    ),
    (
        "services_used",
        "multiple",
        "Which services have you used in the last year?",
        [
            ("health-centre", "Health centre"),
            ("one-stop-desk", "One-stop desk"),
            ("language-class", "Portuguese class"),
            ("employment-office", "Employment office"),
            ("none", "None of these"),
        ],
        {},
    ),
    (
        "welcome",
        "scale",
        "How welcome do you feel in Vale Novo?",
        [],
        {"required": True, "scale_min": 1, "scale_max": 5},
    ),
    (
        "has_children",
        "single",
        "Do children live with you?",
        [("yes", "Yes"), ("no", "No")],
        {},
    ),
    (
        "school_ok",
        "scale",
        "How well does school work for your children?",
        [],
        {"scale_min": 1, "scale_max": 5, "condition": ("has_children", "yes")},
    ),
    (
        "info_channel",
        "multiple",
        "Where do you look for information?",
        [
            ("friends", "Friends and family"),
            ("social-media", "Social media"),
            ("town-desk", "The town's desk"),
            ("associations", "Associations"),
        ],
        {},
    ),
    ("idea", "text", "One thing the town should do first:", [], {}),
]

#: The survey in Portuguese, as the town's team translated it: every question
#: and choice (the demo shows a survey answered in two languages, its results
#: pooled).  Keyed by question name, then choice value.
PORTUGUESE_TITLE = "Vale Novo: diagnóstico de necessidades 2025"
PORTUGUESE_INTRODUCTION = (
    "Dez perguntas sobre a vida em Vale Novo. Anónimo; cerca de cinco minutos."
)
PORTUGUESE: dict[str, tuple[str, dict[str, str]]] = {
    "language": (
        "Que língua fala melhor?",
        {
            "pt": "Português",
            "en": "Inglês",
            "ar": "Árabe",
            "uk": "Ucraniano",
            "ur": "Urdu",
            "bn": "Bengali",
            "fr": "Francês",
            "ro": "Romeno",
            "es": "Espanhol",
        },
    ),
    "parish": (
        "Onde vive em Vale Novo?",
        {
            "centre": "Centro da vila",
            "sao-romao": "São Romão",
            "rossio": "Rossio",
            "estacao": "Estação",
        },
    ),
    "years": ("Há quantos anos vive em Portugal?", {}),
    "issues": (
        "Ordene os três assuntos que mais lhe importam aqui.",
        {
            "housing": "Encontrar casa",
            "employment": "Trabalho e salário justo",
            "language": "Aprender português",
            "health": "Ir ao médico",
            "legal-aid": "Documentos de residência",
            "education": "Escola para os filhos",
            "social-services": "Dinheiro para o essencial",
            "anti-discrimination": "Ser tratado com justiça",
        },
    ),
    "services_used": (
        "Que serviços utilizou no último ano?",
        {
            "health-centre": "Centro de saúde",
            "one-stop-desk": "Balcão único",
            "language-class": "Aulas de português",
            "employment-office": "Centro de emprego",
            "none": "Nenhum destes",
        },
    ),
    "welcome": ("Sente-se bem acolhido em Vale Novo?", {}),
    "has_children": ("Vivem crianças consigo?", {"yes": "Sim", "no": "Não"}),
    "school_ok": ("A escola funciona bem para os seus filhos?", {}),
    "info_channel": (
        "Onde procura informação?",
        {
            "friends": "Amigos e família",
            "social-media": "Redes sociais",
            "town-desk": "O balcão da câmara",
            "associations": "Associações",
        },
    ),
    "idea": ("Uma coisa que a câmara devia fazer primeiro:", {}),
}

IDEAS = [
    "More evening Portuguese classes near the station.",
    "A list of landlords who rent to families with children.",
    "Someone at the health centre who speaks Urdu.",
    "Open the one-stop desk on Saturdays.",
    "Help to get driving licences recognised.",
    "Buses to the farms in the morning.",
]


@dataclass
class SurveyDemo:
    survey: Survey
    created: bool
    responses: int


def _pick(rng: random.Random, options: list[tuple[str, str]], weights=None) -> str:
    return rng.choices([v for v, _l in options], weights=weights)[0]


#: The survey's own text, written in English.
ENGLISH = {
    "title": "Vale Novo needs assessment 2025",
    "introduction": (
        "Ten questions about life in Vale Novo. Anonymous; about five minutes."
    ),
}


@transaction.atomic
def surveys_demo_load(territory) -> SurveyDemo:
    found = Survey.objects.filter(source_key=SOURCE_KEY).first()
    if found:
        return SurveyDemo(found, False, found.responses.count())
    survey = Survey.objects.create(
        original_language=Language.objects.get(code="en"),
        territory=territory,
        status=Survey.Status.CLOSED,
        access=Survey.Access.ANYONE,
        results_public=True,
        form_id="vale_novo_needs_2025",
        source_key=SOURCE_KEY,
    )
    save_original(survey, ENGLISH)
    questions: dict[str, Question] = {}
    for position, (name, kind, label, choices, extra) in enumerate(QUESTIONS):
        condition = extra.get("condition")
        question = Question.objects.create(
            survey=survey,
            position=position,
            name=name,
            kind=kind,
            required=extra.get("required", False),
            scale_min=extra.get("scale_min"),
            scale_max=extra.get("scale_max"),
            rank_count=extra.get("rank_count"),
            ranks_issues=extra.get("ranks_issues", False),
            condition_question=questions[condition[0]] if condition else None,
            condition_value=condition[1] if condition else "",
        )
        save_original(question, {"label": label})
        made = Choice.objects.bulk_create(
            [
                Choice(
                    question=question,
                    position=i,
                    value=v,
                    original_language_id=survey.original_language_id,
                )
                for i, (v, _lbl) in enumerate(choices)
            ]
        )
        # Their original rows, in bulk too.
        ChoiceTranslation.objects.bulk_create(
            ChoiceTranslation(
                choice=choice,
                language_id=choice.original_language_id,
                label=lbl,
                origins=original_origins({"label": lbl}),
            )
            for choice, (_v, lbl) in zip(made, choices, strict=True)
        )
        questions[name] = question
    rng = random.Random(SEED)  # noqa: S311 - synthetic data, not secrets
    start = dt.date(2025, 10, 1)
    responses = Response.objects.bulk_create(
        [
            Response(
                survey=survey,
                submitted_on=start + dt.timedelta(days=rng.randrange(30)),
                language_id=survey.original_language_id,
            )
            for _ in range(RESPONSES)
        ]
    )
    issue_weights = [9, 7, 6, 5, 5, 3, 3, 2]
    answers: list[Answer] = []
    for number, response in enumerate(responses):

        def add(name: str, response=response, **fields) -> None:
            answers.append(
                Answer(response=response, question=questions[name], **fields)
            )

        add("language", text=_pick(rng, LANGS, [30, 25, 20, 15, 12, 10, 8, 6, 5]))
        add("parish", text=_pick(rng, PARISHES, [40, 30, 20, 10]))
        if rng.random() < 0.9:
            add("years", number=rng.randint(0, 15))
        pool = [v for v, _l in ISSUES]
        ranked: list[str] = []
        weights = list(issue_weights)
        while len(ranked) < 3:
            value = rng.choices(pool, weights=weights)[0]
            weights[pool.index(value)] = 0
            ranked.append(value)
        add("issues", values=ranked)
        used = [v for v, _l in QUESTIONS[4][3][:4] if rng.random() < 0.4] or ["none"]
        add("services_used", values=used)
        add(
            "welcome",
            text=str(rng.choices([1, 2, 3, 4, 5], weights=[5, 10, 30, 35, 20])[0]),
        )
        children = rng.random() < 0.45
        add("has_children", text="yes" if children else "no")
        if children:
            add("school_ok", text=str(rng.randint(2, 5)))
        add(
            "info_channel",
            values=[v for v, _l in QUESTIONS[8][3] if rng.random() < 0.5]
            or ["friends"],
        )
        if number % 5 == 0:
            idea = IDEAS[rng.randrange(len(IDEAS))]
            add(
                "idea",
                text=idea,
                moderation=Answer.Moderation.SHOWN
                if number % 10 == 0
                else Answer.Moderation.PENDING,
            )
    Answer.objects.bulk_create(answers, batch_size=500)
    # Who speaks Portuguese best answered in Portuguese, the others in English.
    Response.objects.filter(
        pk__in=[
            a.response_id
            for a in answers
            if a.question_id == questions["language"].pk and a.text == "pt"
        ]
    ).update(language_id="pt")
    _translate(survey, questions)
    return SurveyDemo(survey, True, len(responses))


def _translate(survey: Survey, questions: dict[str, Question]) -> None:
    """The Portuguese rows, made by a person and current against the English."""
    reviewed = "2025-09-20T10:00:00+00:00"

    def origins(original: dict, values: dict) -> dict:
        return translation_origins(original, values, reviewed_at=reviewed)

    values = {"title": PORTUGUESE_TITLE, "introduction": PORTUGUESE_INTRODUCTION}
    SurveyTranslation.objects.create(
        survey=survey,
        language_id="pt",
        origins=origins(ENGLISH, values),
        **values,
    )
    question_rows, choice_rows = [], []
    for name, (label, choices) in PORTUGUESE.items():
        question = questions[name]
        question = Question.objects.prefetch_related(
            "translations", "choices__translations"
        ).get(pk=question.pk)
        question_rows.append(
            QuestionTranslation(
                question=question,
                language_id="pt",
                label=label,
                origins=origins({"label": str(question)}, {"label": label}),
            )
        )
        for choice in question.choices.all():
            text = choices[choice.value]
            choice_rows.append(
                ChoiceTranslation(
                    choice=choice,
                    language_id="pt",
                    label=text,
                    origins=origins({"label": str(choice)}, {"label": text}),
                )
            )
    QuestionTranslation.objects.bulk_create(question_rows)
    ChoiceTranslation.objects.bulk_create(choice_rows)

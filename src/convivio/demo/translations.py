"""Translations of the demo's own content, with honest statuses.

Vale Novo's plan is written in English and its services in Portuguese; here they
gain Portuguese, English, Spanish and Arabic text as a real town would have it: some
reviewed by a person, some left as machine output, and one Portuguese measure made
from an older English text, so that it reads as outdated.  Loading twice changes
nothing that is already there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from convivio.core.models import User
from convivio.core.translation import Origin, fingerprint, save_translation

PLAN_KEY = "demo:plan-vale-novo-2024"
SERVICE_PREFIX = "demo:directory:"

#: language → (origin, fields)
PLAN: dict[str, tuple[str, dict[str, str]]] = {
    "pt": (
        Origin.PERSON,
        {
            "title": "Plano municipal para a integração de migrantes de Vale Novo "
            "2024–2026",
            "summary": (
                "Cerca de um em cada nove residentes de Vale Novo nasceu no "
                "estrangeiro, a maioria no Brasil, em Cabo Verde, Angola, Índia, Nepal "
                "e Ucrânia. O plano reúne o que a câmara municipal, os serviços "
                "públicos e as associações locais se comprometeram a fazer em conjunto "
                "durante três anos, com a entidade responsável por cada medida e a "
                "forma de medir o progresso."
            ),
            "general_objectives": (
                "1. Cada pessoa recém-chegada sabe a quem recorrer nas primeiras "
                "semanas e é atendida numa língua que compreende.\n"
                "2. Os residentes migrantes têm acesso ao trabalho, à habitação, à "
                "escola e aos cuidados de saúde em igualdade com os demais "
                "residentes.\n"
                "3. Os residentes migrantes participam nas decisões do município e "
                "nas suas associações.\n"
                "4. A população local conhece melhor os novos vizinhos, e a "
                "discriminação é denunciada e tem resposta."
            ),
            "transversal_axes": (
                "- **Género**: os dados sobre pessoas são apresentados separadamente "
                "para mulheres e homens sempre que possível.\n"
                "- **Freguesias**: as freguesias rurais recebem os mesmos serviços que "
                "o centro da vila, através de sessões móveis.\n"
                "- **Juventude**: as medidas nas escolas e na formação chegam também "
                "aos jovens nascidos em Vale Novo, filhos de pais migrantes."
            ),
        },
    ),
    "es": (
        Origin.MACHINE,
        {
            "title": "Plan municipal de Vale Novo para la integración de las personas "
            "migrantes 2024–2026",
            "summary": (
                "Aproximadamente uno de cada nueve residentes de Vale Novo nació en el "
                "extranjero, la mayoría en Brasil, Cabo Verde, Angola, India, Nepal y "
                "Ucrania. El plan reúne lo que el ayuntamiento, los servicios públicos "
                "y las asociaciones locales se comprometieron a hacer juntos durante "
                "tres años, con la entidad responsable de cada medida y la forma de "
                "medir el progreso."
            ),
        },
    ),
    "ar": (
        Origin.MACHINE,
        {
            "title": "خطة بلدية فالي نوفو لإدماج المهاجرين 2024–2026",
            "summary": (
                "وُلد نحو واحد من كل تسعة من سكان فالي نوفو خارج البلاد، معظمهم في "
                "البرازيل والرأس الأخضر وأنغولا والهند ونيبال وأوكرانيا. تجمع الخطة ما "
                "التزم به المجلس البلدي والخدمات العامة والجمعيات المحلية بالقيام به "
                "معًا على مدى ثلاث سنوات، مع الجهة المسؤولة عن كل إجراء وطريقة قياس "
                "التقدم."
            ),
        },
    ),
}

#: node code → language → (origin, fields); "was" makes a translation from an
#: older original text (the guide was first planned in five languages).
NODES: dict[str, dict[str, tuple[str, dict[str, str]]]] = {
    "1.1": {
        "pt": (
            Origin.PERSON,
            {
                "title": "As pessoas recém-chegadas encontram uma porta única aberta "
                "na câmara municipal e são atendidas na sua língua"
            },
        )
    },
    "2.1": {
        "pt": (
            Origin.PERSON,
            {"title": "Os agregados migrantes encontram e mantêm uma habitação digna"},
        )
    },
    "3.1": {
        "pt": (
            Origin.MACHINE,
            {
                "title": "As pessoas migrantes à procura de emprego aproximam-se dos "
                "empregadores locais"
            },
        )
    },
    "4.1": {
        "pt": (
            Origin.PERSON,
            {
                "title": "Os alunos recém-chegados e as suas famílias integram-se bem "
                "na escola"
            },
        )
    },
    "7.1": {
        "pt": (
            Origin.PERSON,
            {
                "title": "A língua e a burocracia deixam de ser barreiras no acesso "
                "aos cuidados de saúde"
            },
        ),
        "ar": (
            Origin.MACHINE,
            {"title": "لم تعد اللغة والأوراق الإدارية عائقًا أمام الرعاية الصحية"},
        ),
    },
    "1.1.1": {
        "pt": (
            Origin.PERSON,
            {
                "title": "Um balcão único de acolhimento para recém-chegados na "
                "câmara municipal",
                "text": (
                    "Aberto todos os dias úteis e uma noite por semana. A equipa "
                    "explica os documentos de residência, o registo no município, a "
                    "escola e os cuidados de saúde, e marca atendimentos noutros "
                    "serviços para quem o visita."
                ),
            },
        ),
        "es": (
            Origin.MACHINE,
            {
                "title": "Una ventanilla única de acogida para las personas recién "
                "llegadas en el ayuntamiento"
            },
        ),
    },
    "1.1.2": {
        "pt": (
            Origin.PERSON,
            {
                "title": "Um guia de acolhimento da vila em cinco línguas, impresso "
                "e online",
                "text": "Escrito com residentes migrantes, testado com pessoas "
                "recém-chegadas e atualizado todos os anos.",
            },
        )
    },
}

#: The older English title the Portuguese 1.1.2 was translated from.
OUTDATED_NODE = (
    "1.1.2",
    "pt",
    "title",
    "A welcome guide to the town in five languages, printed and online",
)

_SERVICE_COMMON = {
    "ar": {
        "eligibility": "كل من يعيش في فالي نوفو، أيًّا كان وضع أوراقه.",
        "fees": "مجاني",
        "application_process": "تعال خلال ساعات العمل أو اتصل مسبقًا.",
    },
    "es": {
        "eligibility": "Cualquier persona que viva en Vale Novo, con o sin papeles.",
        "fees": "Gratuito",
        "application_process": "Venga en horario de apertura o llame antes.",
    },
}

#: service key → language → (origin, fields besides the common ones)
SERVICES: dict[str, dict[str, tuple[str, dict[str, str]]]] = {
    "reception-desk": {
        "ar": (
            Origin.PERSON,
            {
                "name": "مكتب الاستقبال الموحد",
                "description": "المكتب الموحد للقادمين الجدد: معلومات أولية، ومواعيد "
                "مع الخدمات الأخرى، ومساعدة في ملء الاستمارات.",
                "required_documents": "أي وثيقة هوية لديك.",
            },
        ),
        "es": (
            Origin.PERSON,
            {
                "name": "Ventanilla única de acogida",
                "description": "La ventanilla única para las personas recién "
                "llegadas: primera información, citas con otros servicios y ayuda con "
                "los formularios.",
                "required_documents": "Cualquier documento de identidad que tenga.",
            },
        ),
    },
    "health-arabic": {
        "ar": (
            Origin.PERSON,
            {
                "name": "استشارة طبية بحضور وسيط يتحدث العربية",
                "description": "مواعيد طبية بحضور وسيط يتحدث العربية بعد ظهر أيام "
                "الأسبوع وصباح يوم السبت.",
                "required_documents": "أي أوراق طبية أو وصفات سابقة.",
            },
        )
    },
    "health-maternal": {
        "ar": (
            Origin.MACHINE,
            {
                "name": "صحة الأم وتنظيم الأسرة",
                "description": "متابعة الحمل ووسائل منع الحمل والرعاية بعد الولادة، "
                "مع ممرضة عند الطلب.",
                "required_documents": "اختبارات الحمل أو التقارير التي لديك.",
            },
        )
    },
    "health-family": {
        "ar": (
            Origin.MACHINE,
            {
                "name": "استشارات الطب العام وطب الأسرة",
                "description": "مواعيد مع طبيب الأسرة. سجّل بعنوان سكنك حتى قبل أن "
                "تصبح أوراقك جاهزة.",
                "required_documents": "جواز السفر أو بطاقة الإقامة، وأي رقم صحي لديك.",
            },
        )
    },
    "legal-asylum": {
        "ar": (
            Origin.MACHINE,
            {
                "name": "إرشاد طالبي اللجوء",
                "description": "نصائح حول إجراءات اللجوء وحقوق مقدمي الطلبات.",
                "required_documents": "أي أوراق تتعلق بطلبك.",
            },
        )
    },
    "legal-residence": {
        "es": (
            Origin.MACHINE,
            {
                "name": "Apoyo jurídico para la autorización de residencia",
                "description": "Abogados y estudiantes de Derecho explican los "
                "permisos de residencia, las renovaciones y la reagrupación familiar, "
                "de forma gratuita.",
                "required_documents": "Pasaporte, visado y cartas recibidas de la "
                "agencia de inmigración.",
            },
        )
    },
}


@dataclass
class DemoTranslations:
    rows: int = 0


def _add(record: Any, language: str, origin: str, values: dict[str, str], user: User):
    """One translation row, unless the record already has text in ``language``."""
    if record.translations.filter(language_id=language).exists():
        return None
    return save_translation(
        record,
        language,
        values,
        user=user if origin == Origin.PERSON else None,
        origin=origin,
    )


@transaction.atomic
def demo_translations_load(translator: User) -> DemoTranslations:
    """Add the demo's translations to Vale Novo's plan and services (if loaded)."""
    from convivio.directory.models import Service
    from convivio.plans.models import Plan

    result = DemoTranslations()
    plan = Plan.objects.filter(source_key=PLAN_KEY).first()
    if plan is not None:
        for language, (origin, values) in PLAN.items():
            result.rows += bool(_add(plan, language, origin, values, translator))
        nodes = {node.code: node for node in plan.nodes.filter(code__in=NODES)}
        for code, languages in NODES.items():
            if code not in nodes:
                continue
            for language, (origin, values) in languages.items():
                row = _add(nodes[code], language, origin, values, translator)
                result.rows += bool(row)
                if row is not None and (code, language) == OUTDATED_NODE[:2]:
                    name, older = OUTDATED_NODE[2], OUTDATED_NODE[3]
                    row.origins[name] = {
                        **row.origins[name],
                        "source": fingerprint(older),
                        "was": older,
                    }
                    row.save(update_fields=["origins"])
    services = {
        service.source_key.removeprefix(SERVICE_PREFIX): service
        for service in Service.objects.filter(
            source_key__in=[SERVICE_PREFIX + key for key in SERVICES]
        )
    }
    for key, languages in SERVICES.items():
        if key not in services:
            continue
        for language, (origin, values) in languages.items():
            values = {**_SERVICE_COMMON[language], **values}
            result.rows += bool(
                _add(services[key], language, origin, values, translator)
            )
    return result

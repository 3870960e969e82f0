"""Genre classification with evidence: the seeds, and documents written for these
tests in several languages and layouts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from convivio.ingest.classify import OTHER, PLAN, PRACTICE_COLLECTION, classify

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("CONVIVIO_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))


def seed_text(prefix: str) -> str:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.fail(f"The seed documents are missing: {SEEDS} (set CONVIVIO_SEEDS_DIR)")
    return found[0].read_text(encoding="utf-8")


# --- The seeds ------------------------------------------------------------------------


def test_seed_000_is_a_plan_with_its_evidence():
    found = classify(seed_text("000"), "en")
    assert found.genre == PLAN
    joined = " | ".join(found.evidence)
    assert "100 numbered measures three levels deep" in joined
    assert "indicator lines" in joined


def test_seed_001_is_a_practice_collection():
    found = classify(seed_text("001"), "en")
    assert found.genre == PRACTICE_COLLECTION
    assert any("numbered practice headings" in e for e in found.evidence)
    assert any(
        e.startswith("10 headings ending with a country") for e in found.evidence
    )


def test_seed_002_is_a_project_description():
    found = classify(seed_text("002"), "en")
    assert (found.genre, found.detail) == (OTHER, "project_description")
    assert any("words of a project description" in e for e in found.evidence)


def test_seed_003_is_a_method_note_not_a_plan():
    found = classify(seed_text("003"), "en")
    assert (found.genre, found.detail) == (OTHER, "method_note")
    assert any("words of a method note" in e for e in found.evidence)


def test_seed_004_romanian_is_a_practice_collection():
    found = classify(seed_text("004"), "ro")
    assert found.genre == PRACTICE_COLLECTION
    assert any(
        e.startswith("11 headings ending with a country") for e in found.evidence
    )
    assert any("mentions of good practices" in e for e in found.evidence)


# --- Plans written for these tests ----------------------------------------------------

PLAN_ES = """PLAN MUNICIPAL DE INTEGRACIÓN 2024-2027
Eje 1. Acogida
Objetivo específico 1.1. Mejorar la primera acogida de las personas recién llegadas.
Medida 1.1.1. Crear una oficina de información en varios idiomas.
Medida 1.1.2. Publicar una guía de recursos municipales.
Objetivo específico 1.2. Reforzar el acompañamiento social.
Medida 1.2.1. Contratar mediadores interculturales.
Eje 2. Empleo
Objetivo específico 2.1. Facilitar el acceso al empleo.
Medida 2.1.1. Cursos de formación profesional.
Indicadores: número de personas atendidas, desagregado por sexo y edad.
Responsable: Concejalía de Bienestar Social
Presupuesto: 120.000 euros
"""

PLAN_IT = """Piano locale per l'integrazione
Asse I – Scuola e formazione
Azione 1: Laboratori di italiano per genitori
Azione 2: Mediazione linguistica nelle scuole
Asse II – Lavoro
Azione 3: Sportello orientamento al lavoro
Azione 4: Tirocini con le imprese del territorio
Tempi: 2024-2025
Responsabile: Ufficio Politiche Sociali
"""

PLAN_PT = """Plano Municipal para a Integração de Migrantes
1. Acolhimento e integração
1.1 Objetivo: garantir um atendimento de qualidade
1.1.1 Criar um balcão único de atendimento
1.1.2 Formar os técnicos municipais em comunicação intercultural
1.2 Objetivo: informar sobre direitos e deveres
1.2.1 Sessões de informação mensais
2. Educação e língua
2.1 Objetivo: promover a aprendizagem do português
2.1.1 Cursos de português para adultos
Indicadores: número de participantes; taxa de conclusão
"""

PLAN_DE = """Integrationskonzept der Stadt Musterhausen
Handlungsfeld 1: Sprache
Ziel: Alle Neuzugewanderten erreichen das Sprachniveau B1.
Maßnahme 1: Sprachkurse mit Kinderbetreuung
Maßnahme 2: Sprachcafés in den Stadtteilbibliotheken
Handlungsfeld 2: Arbeit
Ziel: Schnellere Anerkennung von Berufsabschlüssen.
Maßnahme 3: Beratungsstelle für Anerkennung
Verantwortlich: Jobcenter und Ausländerbehörde
Zeitrahmen: 2025 bis 2027
Indikatoren: Zahl der Beratungen, nach Geschlecht und Staatsangehörigkeit
"""

PLAN_FR_TABLE = """Plan d'action local pour l'inclusion
Axe 1 | Logement
Action 1 | Médiation entre propriétaires et locataires | Service logement | 2025
Action 2 | Permanence juridique | Maison du droit | 2025-2026
Axe 2 | Santé
Action 3 | Interprétariat dans les centres de santé | CPAS | 2026
Indicateurs : nombre de médiations, nombre de consultations
"""

PLAN_EL = """Σχέδιο Δράσης για την Ένταξη
Άξονας 1: Εκπαίδευση
Δράση 1: Μαθήματα ελληνικών για ενήλικες
Δράση 2: Υποστήριξη μαθητών στο σχολείο
Άξονας 2: Απασχόληση
Δράση 3: Συμβουλευτική για εργασία
Υπεύθυνος: Δήμος
"""


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (PLAN_ES, "es"),
        (PLAN_IT, "it"),
        (PLAN_PT, "pt"),
        (PLAN_DE, "de"),
        (PLAN_FR_TABLE, "fr"),
        (PLAN_EL, "el"),
    ],
)
def test_plans_in_several_languages(text, language):
    found = classify(text, language)
    assert found.genre == PLAN, found.evidence
    assert found.evidence


def test_plan_evidence_counts_what_it_saw():
    found = classify(PLAN_ES, "es")
    assert (
        "4 numbered measures three levels deep (“Medida 1.1.1.”, “Medida 1.1.2.”)"
        in (found.evidence)
    )
    assert any(e.startswith("2 lines naming an axis or area") for e in found.evidence)


# --- Practice collections -------------------------------------------------------------

PRACTICES_ES = """Buenas prácticas de inclusión laboral
Práctica 1 - ESPAÑA
Mentoría entre mujeres emprendedoras
Organización: Asociación Puentes
Beneficiarias: 120 mujeres
Resultados: 35 negocios creados
Práctica 2 - PORTUGAL
Cocina comunitaria
Organización: Rede Vizinhos
Beneficiarios: 80 familias
https://example.org/cocina
"""

PRACTICES_IT = """Raccolta di buone pratiche
Orti condivisi per l'integrazione
ASSOCIAZIONE TERRA COMUNE | Bologna
Periodo: 2019-2022
Destinatari: 60 richiedenti asilo
Sportello donne migranti
COOPERATIVA SOLE | Napoli
Periodo: 2021
Destinatari: più di 300 donne
Risultati: 45 inserimenti lavorativi
"""

PRACTICES_DE = """Praxisbeispiele aus den Kommunen
Praxisbeispiel 1: Lotsenprojekt für Familien
Träger: Caritas Musterstadt
Zielgruppe: neu zugewanderte Familien
Laufzeit: 2020-2023
Praxisbeispiel 2: Sprachpatenschaften
Träger: Freiwilligenagentur
Zielgruppe: 200 Erwachsene
Ergebnisse: 150 Tandems
"""


@pytest.mark.parametrize(
    ("text", "language"),
    [(PRACTICES_ES, "es"), (PRACTICES_IT, "it"), (PRACTICES_DE, "de")],
)
def test_practice_collections_in_several_languages(text, language):
    found = classify(text, language)
    assert found.genre == PRACTICE_COLLECTION, found.evidence


# --- Other ----------------------------------------------------------------------------

METHOD_ES = """Cómo elaborar un plan local de integración
El enfoque participativo es la base: el plan se construye de abajo arriba.
Primero se hace un diagnóstico de las entidades y de las necesidades.
La metodología propone herramientas sencillas y una guía para cada paso.
Las medidas deben tener indicadores y metas; la estructura debe ser clara.
"""

PROJECT_FR = """Le projet RESEAU relie six villes européennes.
Les partenaires du projet organiseront trois ateliers transnationaux.
Résultats attendus : un guide, une plateforme en ligne et un rapport final.
Le projet durera deux ans et sera coordonné par la ville de Lyon avec ses partenaires.
"""

LETTER_EN = """Dear colleagues,
thank you for the meeting last week. We enjoyed the visit to the library and the
lunch by the river. See you in spring.
"""


def test_method_note_in_spanish():
    found = classify(METHOD_ES, "es")
    assert (found.genre, found.detail) == (OTHER, "method_note")


def test_project_description_in_french():
    found = classify(PROJECT_FR, "fr")
    assert (found.genre, found.detail) == (OTHER, "project_description")


def test_text_without_structure_is_other_without_detail():
    found = classify(LETTER_EN, "en")
    assert (found.genre, found.detail) == (OTHER, "")
    assert found.evidence


def test_mentions_of_plans_alone_do_not_make_a_plan():
    text = (
        "Our network met to discuss local action plans, integration plans and the "
        "national strategy. Action plans are important. "
    ) * 5
    assert classify(text, "en").genre == OTHER


def test_a_report_with_numbered_sections_is_not_a_plan():
    text = """Annual report 2023
1. Introduction
1.1 Context
1.2 Sources
2. Findings
2.1 Housing
2.2 Health
3. Conclusions
"""
    assert classify(text, "en").genre == OTHER


def test_a_small_plan_with_one_measure_is_a_plan():
    text = """Plan Municipal de Integración de Villanueva 2025-2027
Eje 1. Acogida
1.1. Objetivo específico: mejorar la primera acogida.
1.1.1. Abrir una oficina de información en varios idiomas.
Responsable: Concejalía de Servicios Sociales
Presupuesto: 40.000 euros
"""
    found = classify(text, "es")
    assert found.genre == PLAN
    assert "1 objective lines (“1.1. Objetivo específico”)" in found.evidence

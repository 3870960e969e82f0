"""Language detection: offline, per document and per section, among our languages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from convivio.ingest.language import (
    detect_language,
    detect_sections,
    platform_languages,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("CONVIVIO_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))


def seed_text(prefix: str) -> str:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.fail(f"The seed documents are missing: {SEEDS} (set CONVIVIO_SEEDS_DIR)")
    return found[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("prefix", "language"),
    [("000", "en"), ("001", "en"), ("002", "en"), ("003", "en"), ("004", "ro")],
)
def test_language_of_each_seed(prefix, language):
    assert detect_language(seed_text(prefix)) == language


SENTENCES = {
    "en": ("The city council offers free language courses to newly arrived families."),
    "es": (
        "El ayuntamiento ofrece cursos de idioma gratuitos a las familias "
        "recién llegadas."
    ),
    "it": ("Il comune offre corsi di lingua gratuiti alle famiglie appena arrivate."),
    "pt": (
        "A câmara municipal oferece cursos de língua gratuitos às famílias "
        "recém-chegadas."
    ),
    "fr": (
        "La mairie propose des cours de langue gratuits aux familles "
        "nouvellement arrivées."
    ),
    "de": ("Die Stadt bietet neu angekommenen Familien kostenlose Sprachkurse an."),
    "ro": ("Primăria oferă cursuri de limbă gratuite familiilor nou sosite în oraș."),
    "el": (
        "Ο δήμος προσφέρει δωρεάν μαθήματα γλώσσας στις οικογένειες που μόλις έφτασαν."
    ),
    "nl": ("De gemeente biedt gratis taallessen aan pas aangekomen gezinnen."),
}


@pytest.mark.parametrize(("language", "sentence"), sorted(SENTENCES.items()))
def test_one_sentence_in_each_language(language, sentence):
    assert detect_language(sentence) == language


def test_too_short_or_empty_gives_no_guess():
    assert detect_language("") is None
    assert detect_language("Hola") is None
    assert detect_language("12.3 4.5 — 2020") is None


def test_only_platform_languages_are_answered(settings):
    settings.CONVIVIO_DETECT_LANGUAGES = ["en", "es"]
    # Italian is not among them: no answer, or one of the allowed ones only.
    assert platform_languages() == {"en", "es"}
    answer = detect_language(SENTENCES["it"])
    assert answer in {None, "es"}
    assert detect_language(SENTENCES["en"]) == "en"


def test_sections_of_a_mixed_document():
    english = " ".join(
        [
            "This handbook explains how families who have just arrived can enrol",
            "their children at school, register with a doctor and find a language",
            "course close to home. Each chapter lists the offices to contact,",
            "what documents to bring and how long the procedure usually takes.",
        ]
        * 3
    )
    spanish = " ".join(
        [
            "Este manual explica cómo las familias recién llegadas pueden",
            "matricular a sus hijos en la escuela, inscribirse en el centro de",
            "salud y encontrar un curso de idioma cerca de casa. Cada capítulo",
            "indica las oficinas, los documentos necesarios y los plazos.",
        ]
        * 3
    )
    text = f"Welcome\n\n{english}\n\nBienvenida\n\n{spanish}\n"
    sections = detect_sections(text)
    assert [s["language"] for s in sections] == ["en", "es"]
    assert sections[0]["start"] == 0 and sections[-1]["end"] == len(text)
    assert sections[0]["end"] == sections[1]["start"]
    assert text.index(spanish) >= sections[1]["start"] - len("Bienvenida\n\n")
    assert "Este manual" in text[sections[1]["start"] : sections[1]["end"]]


def test_a_short_quotation_does_not_make_a_section():
    english = "The plan supports migrant women in finding work and training. " * 12
    text = f"{english}\n\nNada sobre nosotros sin nosotros.\n\n{english}\n"
    sections = detect_sections(text)
    assert [s["language"] for s in sections] == ["en"]


def test_sections_of_the_romanian_seed():
    text = seed_text("004")
    sections = detect_sections(text)
    assert sections[0]["language"] == "ro"
    ro = sum(s["end"] - s["start"] for s in sections if s["language"] == "ro")
    assert ro > 0.9 * len(text)


def test_works_without_a_network():
    """The bundled model is read from the package; nothing is downloaded.  Run in
    a fresh process with every proxy pointing nowhere and sockets refused."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "import django, os\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'tests.settings'\n"
        "django.setup()\n"
        "from convivio.ingest.language import detect_language\n"
        "print(detect_language('Il comune offre corsi di lingua gratuiti.'))\n"
    )
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}"}
    completed = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "it"

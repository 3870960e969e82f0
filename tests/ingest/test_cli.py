"""`python -m convivio ingest FILE… [--json]`."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from convivio.ingest.models import IngestJob
from convivio.library.models import Document

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("CONVIVIO_SEEDS_DIR", ROOT.parent / "shared" / "seeds"))


def seed_path(prefix: str) -> Path:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.fail(f"The seed documents are missing: {SEEDS} (set CONVIVIO_SEEDS_DIR)")
    return found[0]


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


TOP_KEYS = {
    "genre",
    "language",
    "genre_detail",
    "genre_evidence",
    "section_languages",
    "plans",
    "practices",
    "organisations",
    "recommendations",
    "problems",
}
NODE_KEYS = {"code", "kind", "title", "parent", "responsible", "time_frame", "budget"}
INDICATOR_KEYS = {"measure", "name", "kind", "disaggregation", "baseline", "target"}

PRACTICES_PT = """Boas práticas de integração
Prática 1 - PORTUGAL
Hortas comunitárias no bairro
Organização: Associação Raízes
Beneficiários: mais de 200 famílias
Resultados: 40 hortas cultivadas
https://example.org/hortas
Prática 2 - ESPANHA
Mentoria para mulheres empreendedoras
Organização: Rede Mulheres
Beneficiários: 75 mulheres
"""


def test_json_of_seed_000(db):
    out, _err = run(str(seed_path("000")), "--json")
    data = json.loads(out)
    assert TOP_KEYS <= set(data)
    assert (data["genre"], data["language"]) == ("plan", "en")
    assert data["plans"]
    plan = data["plans"][0]
    assert {"title", "territory", "nodes", "indicators", "recommendations"} <= set(plan)
    for node in plan["nodes"]:
        assert NODE_KEYS <= set(node)
        assert node["kind"] in {"area", "objective", "measure"}
        assert not node["code"].endswith(".")
    codes = {node["code"] for p in data["plans"] for node in p["nodes"]}
    assert "1.1.1" in codes
    indicators = [i for p in data["plans"] for i in p["indicators"]]
    assert indicators and all(INDICATOR_KEYS <= set(i) for i in indicators)
    # Without --spans the output has none; with it, every record has them.
    assert '"spans"' not in out
    with_spans = json.loads(run(str(seed_path("000")), "--json", "--spans")[0])
    assert "spans" in with_spans["plans"][0]["nodes"][0]


def test_json_of_a_small_portuguese_booklet(tmp_path, db):
    path = tmp_path / "boas-praticas.md"
    path.write_text(PRACTICES_PT, encoding="utf-8")
    data = json.loads(run(str(path), "--json")[0])
    assert TOP_KEYS <= set(data)
    assert (data["genre"], data["language"]) == ("practice_collection", "pt")
    assert data["plans"] == []
    for practice in data["practices"]:
        assert {
            "title",
            "organisation",
            "country",
            "city",
            "years",
            "beneficiaries",
        } <= (set(practice))


def test_json_with_genre_and_language_chosen(tmp_path, db):
    path = tmp_path / "nota.txt"
    path.write_text(PRACTICES_PT, encoding="utf-8")
    data = json.loads(
        run(str(path), "--json", "--genre", "other", "--language", "es")[0]
    )
    assert (data["genre"], data["language"]) == ("other", "es")
    assert data["practices"] == []


def test_json_of_several_files_is_a_list(tmp_path, db):
    booklet = tmp_path / "a.txt"
    booklet.write_text(PRACTICES_PT, encoding="utf-8")
    data = json.loads(run(str(booklet), str(seed_path("003")), "--json")[0])
    assert [item["file"] for item in data] == [str(booklet), str(seed_path("003"))]
    assert [item["genre"] for item in data] == ["practice_collection", "other"]


def test_json_errors_go_to_stderr_with_exit_code_1(tmp_path, db):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"GIF89a not a pdf")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("ingest", str(empty), str(fake), "--json", stdout=out, stderr=err)
    assert raised.value.returncode == 1
    assert "“empty.txt” is empty." in err.getvalue()
    assert "not a PDF file" in err.getvalue()
    assert json.loads(out.getvalue()) == []


def test_the_command_line_exit_code_and_streams(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'src'}",
    }
    completed = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-m", "convivio", "ingest", str(empty), "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1
    assert completed.stdout == ""
    assert "is empty" in completed.stderr


def test_without_json_the_files_are_stored_and_read(tmp_path, admin_user):
    path = tmp_path / "boas-praticas.txt"
    path.write_text(PRACTICES_PT, encoding="utf-8")
    out, _err = run(str(path), "--now")
    document = Document.objects.get()
    job = IngestJob.objects.get(document=document)
    assert document.uploaded_by == admin_user
    assert job.status == IngestJob.Status.DONE
    assert job.genre == "practice_collection"
    assert f"job {job.pk}" in out
    # The same file again changes nothing.
    again, _err = run(str(path), "--now")
    assert "already in the library" in again
    assert Document.objects.count() == 1
    assert IngestJob.objects.count() == 1


def test_without_json_an_unreadable_file_leaves_nothing(tmp_path, admin_user):
    fake = tmp_path / "plan.docx"
    fake.write_bytes(b"not a zip at all")
    with pytest.raises(CommandError):
        run(str(fake))
    assert Document.objects.count() == 0
    assert IngestJob.objects.count() == 0


def test_without_json_a_user_is_needed(tmp_path, db):
    path = tmp_path / "a.txt"
    path.write_text(PRACTICES_PT, encoding="utf-8")
    with pytest.raises(CommandError, match="superuser"):
        run(str(path))
    with pytest.raises(CommandError, match="No active user"):
        run(str(path), "--user", "nobody")

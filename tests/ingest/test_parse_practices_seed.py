"""The practice-collection parser on the real seed documents (../shared/seeds)."""

import os
from pathlib import Path

import pytest

from convivio.ingest.parse_practices import parse_practices

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path(os.environ.get("CONVIVIO_SEEDS_DIR") or ROOT.parent / "shared" / "seeds")


def seed(prefix: str) -> str:
    assert SEEDS.is_dir(), f"the seed documents are missing: {SEEDS}"
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def precision_recall(found: list[str], expected: list[str]) -> tuple[float, float]:
    """Practices matched in order of the text by their country."""
    matched = sum(1 for a, b in zip(found, expected, strict=False) if a == b)
    return matched / max(len(found), 1), matched / len(expected)


HER = ["IT", "IT", "ES", "ES", "RO", "RO", "TR", "TR", "GR", "GR"]
# Six ASAP practices in the order of the text, then five other good practices.
ASAP = ["IT", "RO", "AT", "GR", "HR", "ES", "NL", "IT", "BE", "SI", "ES"]


@pytest.fixture(scope="module")
def her():
    text = seed("001")
    return text, *parse_practices(text, "en")


@pytest.fixture(scope="module")
def asap():
    text = seed("004")
    return text, *parse_practices(text, "ro")


def test_her_booklet_ten_practices(her):
    text, practices, _, _ = her
    countries = [p.country for p in practices]
    precision, recall = precision_recall(countries, HER)
    assert precision == 1.0 and recall == 1.0, countries
    titles = [p.title for p in practices]
    assert titles[1] == "ALMA"
    assert titles[3] == "SARA Project"
    assert titles[5].startswith("TOLERANT")
    # Every field's span points at its text.
    for practice in practices:
        start, end = practice.spans["title"]
        assert text[start:end] == practice.title
        assert practice.links, practice.title


def test_her_booklet_fields(her):
    _, practices, _, _ = her
    by_title = {p.title: p for p in practices}
    sara = by_title["SARA Project"]
    assert sara.beneficiaries_count == 1665
    assert sara.links == [
        "https://www.cepaim.org/areasactuacion/igualdad-y-nodiscriminacion/programa-sara/"
    ]
    assert len(sara.phases) == 3
    cosmi = by_title["The Cosmi Program"]
    assert cosmi.organisation == "National Confederation of Women in Equality"
    # A URL broken by a stray space is joined again.
    assert cosmi.links == ["http://www.mujeresenigualdad.com/COSMI_es_37.html"]
    assert practices[1].start_year == 2020 and practices[1].end_year == 2022
    assert practices[1].phases[:2] == ["research", "planning"]
    ankara = practices[6]
    assert (ankara.city, ankara.beneficiaries_count) == ("Ankara", 550)
    assert (ankara.start_year, ankara.end_year) == (2017, 2018)
    assert "K.E.P.A" in practices[9].organisation
    assert practices[8].organisation == "ELIAMEP"


def test_her_booklet_partners(her):
    _, _, organisations, _ = her
    names = [o.name for o in organisations]
    assert names == ["HRYO", "FETICO", "NOVAPOLIS", "RONESANS ENSTITUSU", "SYSTSERV"]
    emails = {o.name: o.email for o in organisations}
    assert emails["HRYO"] == "senem.kalafat@hryo.org"
    assert emails["FETICO"] == "emiliamartin@fetico.es"
    assert emails["RONESANS ENSTITUSU"] == "akyar@ronesans.org.tr"
    assert emails["SYSTSERV"] == "pylarinou@systserv.com"
    countries = {o.name: o.country for o in organisations}
    assert countries["HRYO"] == "IT" and countries["FETICO"] == "ES"
    assert countries["RONESANS ENSTITUSU"] == "TR"


def test_asap_guide_eleven_practices(asap):
    text, practices, _, _ = asap
    countries = [p.country for p in practices]
    precision, recall = precision_recall(countries, ASAP)
    assert precision == 1.0 and recall == 1.0, countries
    cities = [p.city for p in practices]
    assert cities[0] == "Florenţa" and cities[1] == "Timișoara"
    assert cities[4] == "Zagreb" and cities[6] == "Tilburg" and cities[8] == "Bruxelles"
    assert practices[0].organisation == "COSPE"
    assert practices[10].organisation == "Somos Más"
    for practice in practices:
        for name in ("title", "organisation", "city"):
            start, end = practice.spans[name]
            assert text[start:end] == getattr(practice, name)


def test_asap_guide_recommendations(asap):
    _, _, _, recommendations = asap
    codes = [r.audience_code for r in recommendations]
    assert codes == (
        ["service_providers"] * 3
        + ["state"] * 5
        + ["european_commission"] * 2
        + ["media", "migrant_organisations"]
    )
    assert recommendations[0].audience == "prestatorii de servicii publice"
    assert recommendations[-1].text.startswith("Consolidarea reprezentării")
    # A recommendation cut by a page break is one recommendation.
    assert "elaborarea și implementarea" in recommendations[6].text


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_plans_and_notes_have_no_practices(prefix):
    practices, _, _ = parse_practices(seed(prefix), "en")
    assert practices == []


@pytest.mark.parametrize(
    ("city", "country"),
    [
        ("Florenţa", "IT"),  # Florence of Italy, not of Alabama: Europe first
        ("Bruxelles", "BE"),
        ("Thessaloniki", "GR"),
        ("Cluj-Napoca", "RO"),
        ("Izmir", "TR"),  # a neighbour of Europe a booklet may name
        ("Madrid, Alcorcón", "ES"),
    ],
)
def test_a_city_is_read_as_its_country_from_the_committed_table(city, country):
    from convivio.ingest.parse_practices import _city_country

    assert _city_country(city) == country


def test_a_city_outside_europe_and_its_neighbours_is_not_guessed():
    # The table holds the world's cities; ingestion reads only Europe's and its
    # neighbours', so an American town does not make a practice American.
    from convivio.ingest.parse_practices import _city_country

    assert _city_country("Tuscaloosa") is None

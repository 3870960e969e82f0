"""Helpers shared by the build scripts of the held-out corpus.

Each build script holds a document's data (areas, objectives, measures, indicators,
recommendations, practices) and its prose, renders the text in that document's own layout,
and writes the text and the gold annotation from the same data, so the two cannot drift.
Run from anywhere: `python3 tests/ingest/heldout/_sources/build_all.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent


VOWELS = set("aeiouyäöüàèéìòùáíóúâêîôûãõåæøœăâîαεηιουωάέήίόύώаеиіїоуюяєыэ")


def _syllable_cut(word: str, limit: int) -> int:
    """Largest cut <= limit that splits vowel | consonant+vowel (a rough syllable boundary)."""
    w = word.lower()
    for cut in range(limit, 2, -1):
        if (
            cut + 1 < len(w)
            and w[cut - 1] in VOWELS
            and w[cut] not in VOWELS
            and w[cut + 1] in VOWELS
        ):
            return cut
    return 0


def wrap(
    text: str, width: int = 88, hyphen_every: int = 0, indent: str = ""
) -> list[str]:
    """Fill text to width; every n-th line whose next word is long ends in a hyphenated split."""
    words = text.split()
    lines: list[str] = []
    cur = indent
    n_over = 0
    for w in words:
        room = width - len(cur) - (1 if cur.strip() else 0)
        if len(w) <= room:
            cur = (cur + " " + w) if cur.strip() else cur + w
            continue
        core = w.rstrip(".,;:)")
        eligible = core.isalpha() and len(core) >= 7 and room >= 4
        n_over += 1 if eligible else 0
        if hyphen_every and eligible and n_over % max(1, hyphen_every - 1) == 0:
            cut = _syllable_cut(core, min(room - 1, len(core) - 3))
            if cut >= 3:
                head, tail = w[:cut], w[cut:]
                cur = (cur + " " + head + "-") if cur.strip() else cur + head + "-"
                lines.append(cur)
                cur = indent + tail
                continue
        lines.append(cur)
        cur = indent + w
    if cur.strip():
        lines.append(cur)
    return lines


def para(text: str, width: int = 88, hyphen_every: int = 0, indent: str = "") -> str:
    return "\n".join(wrap(text, width, hyphen_every, indent))


def paginate(
    body: str, per_page: int, header, footer, ff: bool = True, first: int = 1
) -> str:
    """Cut the body into pages of per_page lines; header(n)/footer(n) give furniture lines."""
    lines = body.split("\n")
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    out: list[str] = []
    for k, page in enumerate(pages):
        n = first + k
        if k > 0:
            h = header(n)
            if h is not None:
                out.append(h)
                out.append("")
        out.extend(page)
        f = footer(n)
        if f is not None:
            out.append("")
            out.append(f)
        if k < len(pages) - 1:
            out.append("\f" if ff else "")
    return "\n".join(out)


def write(stem: str, text: str, gold: dict) -> None:
    text = text.rstrip("\n") + "\n"
    (OUT / f"{stem}.txt").write_text(text, encoding="utf-8")
    (OUT / f"{stem}.gold.json").write_text(
        json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


class Plan:
    """Collects gold items while a build script renders its text."""

    def __init__(self, title: str | None = None):
        self.title = title
        self.areas: list[dict] = []
        self.objectives: list[dict] = []
        self.measures: list[dict] = []
        self.indicators: list[dict] = []
        self.recommendations: list[dict] = []

    def area(self, code: str, title: str) -> None:
        self.areas.append({"code": code, "title": title})

    def objective(self, code: str, title: str, parent: str) -> None:
        self.objectives.append({"code": code, "title": title, "parent": parent})

    def measure(self, code, title, parent, responsible, time_frame, budget) -> None:
        self.measures.append(
            {
                "code": code,
                "title": title,
                "parent": parent,
                "responsible": list(responsible),
                "time_frame": time_frame,
                "budget": budget,
            }
        )

    def indicator(
        self, measure, name, baseline, target, dis=(), kind="quantitative"
    ) -> None:
        self.indicators.append(
            {
                "measure": measure,
                "name": name,
                "baseline": baseline,
                "target": target,
                "disaggregation": list(dis),
                "kind": kind,
            }
        )

    def rec(self, audience: str, text_start: str) -> None:
        # the first words verbatim, without a trailing punctuation mark of a short item
        self.recommendations.append(
            {"audience": audience, "text_start": text_start.rstrip(";.,:")}
        )

    def lists(self) -> dict:
        return {
            "areas": self.areas,
            "objectives": self.objectives,
            "measures": self.measures,
            "indicators": self.indicators,
            "recommendations": self.recommendations,
        }


def plan_gold(language: str, *plans: Plan) -> dict:
    if len(plans) == 1:
        return {"genre": "plan", "language": language, **plans[0].lists()}
    return {
        "genre": "plan",
        "language": language,
        "plans": [{"title": p.title, **p.lists()} for p in plans],
    }


def upper_printed(text: str) -> str:
    """Capitals as typeset: Greek capitals lose their accents (tonos), other scripts keep them."""
    import unicodedata

    out = []
    for ch in text.upper():
        if "\u0370" <= ch <= "\u03ff" or "\u1f00" <= ch <= "\u1fff":
            ch = "".join(
                c
                for c in unicodedata.normalize("NFD", ch)
                if not unicodedata.combining(c)
            )
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))

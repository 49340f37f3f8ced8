"""Child-facing text (handout and key message) stays within a reading level for its band."""
from __future__ import annotations

import pytest

from povej import REPO_ROOT
from povej.content import load_catalog
from povej.model import Catalog
from qa.readability import measure

# Flesch–Kincaid grade ceilings for English child-facing text, by band.
GRADE_LIMIT = {"4-6": 3.0, "6-9": 4.0, "9-12": 6.0, "12-15": 8.0, "15-18": 10.0}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(REPO_ROOT / "content", REPO_ROOT)


def child_text(catalog: Catalog, key: str, lang: str) -> str:
    entry = catalog.get("lesson", key, lang)
    assert entry is not None
    handout = entry.rendered.section_text.get("handout", "")
    heading = next(h.text for h in entry.rendered.headings if h.id == "handout")
    return entry.lesson.key_message + "\n" + handout.removeprefix(heading)


def test_english_child_text_is_within_the_band_reading_level(catalog: Catalog,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    rows, too_hard = [], []
    for key in catalog.keys("lesson"):
        band = catalog.get("lesson", key, "sl").band  # type: ignore[union-attr]
        en, sl = measure(child_text(catalog, key, "en"), "en"), measure(child_text(catalog, key, "sl"), "sl")
        assert en.grade is not None
        rows.append(f"{band:>5} {key:28} en grade {en.grade:4.1f} (≤ {GRADE_LIMIT[band]:.0f}) "
                    f"{en.words_per_sentence:4.1f} w/s | sl {sl.words_per_sentence:4.1f} w/s "
                    f"{sl.letters_per_word:3.1f} letters/word")
        if en.grade > GRADE_LIMIT[band]:
            too_hard.append(f"content/lessons/{band}/{key}/en.md: the handout and key message read at grade "
                            f"{en.grade:.1f}; the limit for {band} is {GRADE_LIMIT[band]:.0f}. Shorter sentences, "
                            "everyday words.")
    with capsys.disabled():
        print("\nReading level of child-facing text (handout + key message):\n" + "\n".join(rows))
    assert too_hard == []

from __future__ import annotations

from pathlib import Path

import pytest

from povej.content import load_catalog
from povej.problems import ContentError

LESSON = Path("lessons/6-9/secrets-to-tell")


def edit(content: Path, lang: str, old: str, new: str) -> None:
    path = content / LESSON / f"{lang}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def errors(content: Path) -> list[str]:
    with pytest.raises(ContentError) as error:
        load_catalog(content, content.parent)
    return [str(p) for p in error.value.problems if p.severity == "error"]


def test_link_to_a_missing_lesson_suggests_a_key(content: Path) -> None:
    edit(content, "en", "[help](page:help#police)", "[a lesson](lesson:secret-to-tell)")
    assert errors(content) == ["content/lessons/6-9/secrets-to-tell/en.md:22: the link points to the lesson "
                               "'secret-to-tell', which does not exist. Did you mean 'lesson:secrets-to-tell'?"]


def test_link_to_a_missing_part(content: Path) -> None:
    edit(content, "en", "page:help#police", "page:help#hours")
    assert errors(content) == ["content/lessons/6-9/secrets-to-tell/en.md:22: the page 'help' has no part "
                               "'#hours'. Parts there: police, sources."]


def test_link_to_a_missing_glossary_term(content: Path) -> None:
    edit(content, "sl", "term:trusted-adult", "term:trusted-adults")
    assert "Did you mean 'term:trusted-adult'?" in errors(content)[0]


def test_missing_required_part(content: Path) -> None:
    edit(content, "en", "## Handout {#handout}", "Handout")
    assert errors(content) == ["content/lessons/6-9/secrets-to-tell/en.md: the required part '{#handout}' is "
                               "missing. Add a heading '## … {#handout}' (see docs/content-format.md)."]


def test_timed_parts_must_add_up(content: Path) -> None:
    edit(content, "en", "### Cards (10 min)", "### Cards (15 min)")
    assert errors(content) == ["content/lessons/6-9/secrets-to-tell/en.md:5: the timed parts add up to 50 "
                               "minutes but 'duration' is 45. Make them agree."]


def test_at_home_repeats_the_key_message(content: Path) -> None:
    edit(content, "en", 'Key message: "Tell bad secrets."', "Talk about it.")
    assert errors(content)[0].startswith("content/lessons/6-9/secrets-to-tell/en.md:54: the 'At home' part "
                                         "must repeat the key message word for word")


def test_slugs_are_unique(content: Path) -> None:
    edit(content, "en", "slug: good-and-bad-secrets", "slug: help")
    edit(content, "en", "slug: help", "slug: good-and-bad-secrets")
    page = content / "pages" / "about" / "en.md"
    page.write_text(page.read_text(encoding="utf-8").replace("slug: about", "slug: help"), encoding="utf-8")
    assert errors(content) == ["content/pages/help/en.md:3: the slug 'help' is already used by page 'about'. "
                               "Choose another slug so every page has its own address."]

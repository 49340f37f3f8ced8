from __future__ import annotations

from pathlib import Path

import pytest

from povej.problems import Problems
from povej.schema import validate
from povej.source import read_source

VOCABULARIES = {"topics": ["secrets"], "campaigns": ["secrets"], "terms": ["trusted-adult"],
                "bands": ["6-9"], "audiences": ["parents", "teachers"]}
PAGE = "---\ntitle: Help\nslug: help\nsummary: Help.\nreviewed: 2026-11-23\n{extra}---\n"


def check(tmp_path: Path, text: str, kind: str = "page", translation: bool = False) -> list[str]:
    path = tmp_path / "sl.md"
    path.write_text(text, encoding="utf-8")
    problems = Problems(root=tmp_path)
    source = read_source(path, problems)
    assert source is not None
    validate(source, kind, translation, VOCABULARIES, problems)
    return [str(p) for p in problems.items]


def test_valid_page(tmp_path: Path) -> None:
    assert check(tmp_path, PAGE.format(extra="")) == []


def test_unknown_key_suggests_the_closest(tmp_path: Path) -> None:
    assert check(tmp_path, PAGE.format(extra="tittle: x\n")) == [
        "sl.md:6: unknown front matter key 'tittle'. Did you mean 'title'?"]


@pytest.mark.parametrize(("line", "message"), [
    ("slug: Help Me\n", "sl.md:3: 'slug' must be a slug of lowercase letters"),
    ("reviewed: yesterday\n", "sl.md:5: 'reviewed' must be a date written YYYY-MM-DD, got 'yesterday'."),
])
def test_wrong_types(tmp_path: Path, line: str, message: str) -> None:
    key = line.split(":")[0]
    text = "".join(line if x.startswith(key + ":") else x for x in PAGE.format(extra="").splitlines(True))
    problems = check(tmp_path, text)
    assert len(problems) == 1 and problems[0].startswith(message)


def test_lesson_fields_and_vocabularies(tmp_path: Path) -> None:
    text = ("---\ntitle: A\nslug: a\nsummary: S\nduration: long\nshort_version: 15\ntopics: [secret]\n"
            "campaign: leon\nobjectives: [a, b]\nkey_message: K\nmaterials: [m]\nreviewed: 2026-11-23\n---\n")
    assert check(tmp_path, text, "lesson") == [
        "sl.md:5: 'duration' must be a number of minutes between 1 and 240, got 'long'.",
        "sl.md:7: 'topics' must be a list of values from 'secrets', got ['secret']. Did you mean 'secrets'?",
        "sl.md:8: 'campaign' must be one of 'secrets', got 'leon'.",
    ]


def test_missing_required_key(tmp_path: Path) -> None:
    problems = check(tmp_path, "---\ntitle: Help\nslug: help\nreviewed: 2026-11-23\n---\n")
    assert problems == ["sl.md:1: the required key 'summary' is missing. Add 'summary: …' to the front matter "
                        "(see docs/content-format.md)."]


def test_translations_record_their_source(tmp_path: Path) -> None:
    assert "a translation must record which source version it follows" in check(
        tmp_path, PAGE.format(extra=""), translation=True)[0]
    assert "'source_hash' belongs only in translations" in check(
        tmp_path, PAGE.format(extra="source_hash: abc\n"))[0]

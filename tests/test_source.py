from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from povej.problems import Problems
from povej.source import MAX_BYTES, read_source


def read(tmp_path: Path, data: bytes | str) -> tuple[object, list[str]]:
    path = tmp_path / "sl.md"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    problems = Problems(root=tmp_path)
    return read_source(path, problems), [str(p) for p in problems.items]


def test_reads_front_matter_with_key_lines(tmp_path: Path) -> None:
    source, problems = read(tmp_path, "---\ntitle: A\nslug: a\n---\nBody\n")
    assert problems == []
    assert source.meta == {"title": "A", "slug": "a"}  # type: ignore[attr-defined]
    assert source.line_of("slug") == 3  # type: ignore[attr-defined]
    assert source.body_line == 5  # type: ignore[attr-defined]


@pytest.mark.parametrize(("data", "message"), [
    ("", "sl.md: the file is empty"),
    ("title: A\n", "sl.md:1: front matter is missing"),
    ("---\ntitle: A\n", "sl.md:1: the front matter is not closed"),
    ("---\n- a\n- b\n---\n", "sl.md:2: the front matter must be a list of 'key: value' lines, got list"),
    ("---\ntitle: A\n  bad: [\n---\n", "sl.md:3: the front matter is not valid YAML"),
    ("---\ntitle: A\ntitle: B\n---\n", "sl.md:3: the key 'title' appears twice (first on line 2)"),
    (b"---\ntitle: \xff\n---\n", "sl.md:2: the file is not UTF-8"),
    (b"---\ntitle: A\x00\n---\n", "sl.md:2: the file contains a NUL byte"),
])
def test_reports_unreadable_files(tmp_path: Path, data: bytes | str, message: str) -> None:
    source, problems = read(tmp_path, data)
    assert source is None or problems
    assert len(problems) == 1
    assert problems[0].startswith(message)


def test_rejects_huge_files(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "---\ntitle: A\n---\n" + "x" * MAX_BYTES)
    assert "the limit is 256 KB" in problems[0]


def test_accepts_bom_crlf_and_decomposed_letters(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Skrivnost, ki jo zaupaš")
    source, problems = read(tmp_path, "\ufeff---\r\ntitle: " + decomposed + "  \r\n---\r\nBody\r\n")
    assert problems == []
    assert source.meta["title"] == "Skrivnost, ki jo zaupaš"  # type: ignore[attr-defined]
    assert "\r" not in source.body  # type: ignore[attr-defined]

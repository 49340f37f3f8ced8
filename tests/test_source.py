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
    ("---\n- a\n- b\n---\n", "sl.md:2: the front matter must be 'key: value' lines, got a list of '- item' "
                           "lines. Write one key per line, e.g. 'title: …'."),
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


@pytest.mark.parametrize(("data", "message"), [
    ("---\nreviewed: 2026-02-30\n---\n", "sl.md:2: '2026-02-30' is not a real date (day is out of range for "
     "month). Write dates as YYYY-MM-DD."),
    ("---\nsummary: !!int many\n---\n", "sl.md:2: the value 'many' cannot be read (invalid literal for int() "
     "with base 10: 'many'). Put it in quotes."),
    ("---\na: &x [1]\nb: *x\n---\n", "sl.md:3: a YAML alias ('*name') is not supported in front matter. "
     "Write the value out in full."),
    ("---\na: &x [*x]\n---\n", "sl.md:2: a YAML alias ('*name') is not supported in front matter. "
     "Write the value out in full."),
    ("---\na: " + "[" * 1000 + "\n---\n", "sl.md:2: the front matter is nested too deeply to read. "
     "Write one 'key: value' per line."),
    ("---\nobjectives:\n\t- one\n---\n", "sl.md:3: this line is indented with a tab, and YAML indents with "
     "spaces only. Replace the tab with two spaces."),
    ("\n---\ntitle: A\n---\n", "sl.md:1: the file starts with an empty line; the front matter must start on "
     "line 1. Delete the empty lines before '---'."),
    ("---\n---\n", "sl.md:2: the front matter is empty. Add its keys, one 'key: value' per line "
     "(see docs/content-format.md)."),
    ('---\ntitle: "Dobre" in slabe\n---\n', "sl.md:2: the front matter is not valid YAML: text after a closing "
     "quote, or a line indented differently from the others (expected <block end>, but found '<scalar>'). Quote "
     "the whole value, or start every key at the left edge."),
    ("---\ntitle About\n---\n", "sl.md:2: the front matter must be 'key: value' lines, got the text "
     "'title About' (is the ':' after the key missing?). Write one key per line, e.g. 'title: …'."),
    ("---\ntitle: A\n".encode("utf-16"), "sl.md: the file is saved as UTF-16 (called 'Unicode' in some editors). "
     "Save it again with the UTF-8 encoding."),
])
def test_reports_front_matter_it_cannot_use(tmp_path: Path, data: bytes | str, message: str) -> None:
    source, problems = read(tmp_path, data)
    assert source is None
    assert problems == [message]


def test_a_file_that_cannot_be_read_is_reported(tmp_path: Path) -> None:
    (tmp_path / "sl.md").mkdir()
    problems = Problems(root=tmp_path)
    assert read_source(tmp_path / "sl.md", problems) is None
    assert [str(p) for p in problems.items] == ["sl.md: the file cannot be read (Is a directory). Check that it "
                                                "is an ordinary file and that you may open it."]


def test_a_huge_file_names_its_size_rounded_up(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "---\ntitle: A\n---\n" + "x" * MAX_BYTES)
    assert problems == ["sl.md: the file is 257 KB; the limit is 256 KB. Split it into smaller lessons or remove "
                        "pasted data."]


def test_accepts_tabs_where_yaml_allows_them(tmp_path: Path) -> None:
    source, problems = read(tmp_path, "---\ntopics:\t[secrets,\tonline]\nobjectives:\n  -\tone\n  - two\t\n"
                                      "title:\tA\t# a comment\n---\n")
    assert problems == []
    assert source.meta == {"topics": ["secrets", "online"], "objectives": ["one", "two"],  # type: ignore[attr-defined]
                           "title": "A"}
    assert source.line_of("title") == 6  # type: ignore[attr-defined]


def test_a_tab_inside_quotes_is_kept_when_nothing_else_needs_fixing(tmp_path: Path) -> None:
    source, problems = read(tmp_path, '---\ntitle: "A\tB"\n---\n')
    assert problems == []
    assert source.meta == {"title": "A\tB"}  # type: ignore[attr-defined]


def test_trailing_spaces_and_tabs_are_dropped_so_the_page_is_as_if_clean(tmp_path: Path) -> None:
    clean, _ = read(tmp_path, "---\ntitle: A\n---\nLine one\nLine two\n")
    messy, problems = read(tmp_path, "--- \ntitle: A \t\n---\t\nLine one  \nLine two \n")
    assert problems == []
    assert messy == clean


def test_other_keys_that_are_not_words_are_named_as_written(tmp_path: Path) -> None:
    source, problems = read(tmp_path, "---\n113: police\nyes: no\n---\n")
    assert problems == []
    assert source.meta == {"113": "police", "True": False}  # type: ignore[attr-defined]
    assert source.line_of("True") == 3  # type: ignore[attr-defined]

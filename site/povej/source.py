"""Read one content file: bytes → clean text → front matter and body, with line numbers."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems

MAX_BYTES = 256 * 1024
FENCE = "---"


@dataclass(frozen=True)
class Source:
    """A content file split into its front matter and its Markdown body."""

    path: Path
    meta: dict[str, Any]
    lines: dict[str, int]
    body: str
    body_line: int

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)

    def line_in_body(self, needle: str) -> int | None:
        """The file line on which `needle` first occurs in the body, if it does."""
        index = self.body.find(needle)
        if index < 0:
            return None
        return self.body_line + self.body.count("\n", 0, index)


def read_text(path: Path, problems: Problems) -> str | None:
    """Read a UTF-8 file as NFC text with LF line ends, or report why it can't be read."""
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        problems.add(path, None, f"the file is {len(data) // 1024} KB; the limit is {MAX_BYTES // 1024} KB. "
                     "Split it into smaller lessons or remove pasted data.")
        return None
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        problems.add(path, line, "the file contains a NUL byte, so it is not a text file. "
                     "Save it again as plain UTF-8 text.")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.add(path, line, f"the file is not UTF-8 (byte {data[exc.start]:#04x}). "
                     "Save it again with the UTF-8 encoding.")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_source(path: Path, problems: Problems) -> Source | None:
    """Read a Markdown file with YAML front matter; report every problem to `problems`."""
    text = read_text(path, problems)
    if text is None:
        return None
    if not text.strip():
        problems.add(path, None, "the file is empty. Write front matter and a body, or delete the file.")
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        problems.add(path, 1, f"front matter is missing: the file must start with a line '---', "
                     f"got {lines[0][:40]!r}. Add the front matter block (see docs/content-format.md).")
        return None
    end = _closing_fence(lines)
    if end is None:
        problems.add(path, 1, "the front matter is not closed: add a line '---' after the last key.")
        return None
    parsed = _parse_yaml("\n".join(lines[1:end]), path, problems)
    if parsed is None:
        return None
    meta, key_lines = parsed
    body = "\n".join(lines[end + 1:])
    return Source(path, meta, key_lines, body, end + 2)


def _closing_fence(lines: list[str]) -> int | None:
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (FENCE, "..."):
            return number
    return None


def _parse_yaml(text: str, path: Path, problems: Problems) -> tuple[dict[str, Any], dict[str, int]] | None:
    """Parse front matter; line numbers are file lines (the opening fence is line 1)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        problems.add(path, line, f"the front matter is not valid YAML ({reason}). "
                     "Check the indentation and quote values that contain ':' or start with a quote.")
        return None
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        found = type(data).__name__ if data is not None else "nothing"
        problems.add(path, 2, f"the front matter must be a list of 'key: value' lines, got {found}.")
        return None
    key_lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 2
        if key in key_lines:
            problems.add(path, line, f"the key {key!r} appears twice (first on line {key_lines[key]}). "
                         "Keep one.")
        key_lines[key] = line
    return {str(k): v for k, v in data.items()}, key_lines

"""Read one content file: bytes → clean text → front matter and body, with line numbers."""
from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .problems import Problems

MAX_BYTES = 256 * 1024
# Control characters (but the tab) and the bidirectional overrides that can make text read other than it shows.
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FENCE = "---"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
YAML_HINT = "Check the indentation and quote values that contain ':' or start with a quote."
# PyYAML's reasons in plain words, with the fix: (words in its reason, what is wrong, how to fix it).
YAML_MISTAKES = (
    ("mapping values are not allowed", "a ':' where none can be",
     'Put a value with a colon in quotes (key: "text: more text"); check that the line above has its \':\' '
     "and that every key starts at the left edge."),
    ("expected <block end>", "text after a closing quote, or a line indented differently from the others",
     "Quote the whole value, or start every key at the left edge."),
    ("expected ',' or ']'", "a list in [ ] that is not closed", "End it with ']' on the same line."),
    ("expected ',' or '}'", "a { } that is not closed", "End it with '}' on the same line."),
    ("could not find expected ':'", "a key without ':' after it", "Write 'key: value'."),
    ("unexpected end of stream", "a quote that is not closed", "Close the quote on the same line."),
)


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
        return self.line_at(index)

    def line_at(self, index: int) -> int:
        """The file line of a position in the body."""
        return self.body_line + self.body.count("\n", 0, index)


class NotAFileError(OSError):
    """A pipe, a device, a socket or a folder where a file was expected: reading it could block or never end."""


def read_bounded(path: Path, limit: int) -> bytes:
    """At most limit + 1 bytes of an ordinary file (following links); never waits on a pipe or reads a device.

    The file is opened without blocking and checked after opening, so nothing can be swapped in between.
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotAFileError(f"{path} is not an ordinary file")
        return handle.read(limit + 1)


def read_text(path: Path, problems: Problems) -> str | None:
    """Read a UTF-8 file as NFC text with LF line ends and no trailing spaces, or report why it can't be read."""
    try:
        data = read_bounded(path, MAX_BYTES)
    except NotAFileError:
        problems.add(path, None, "this is not an ordinary file (a pipe, a device, a socket or a folder), so it "
                     "cannot be read. Delete it, or put the file itself in its place.")
        return None
    except OSError as exc:
        problems.add(path, None, f"the file cannot be read ({exc.strerror or exc}). "
                     "Check that it is an ordinary file and that you may open it.")
        return None
    if len(data) > MAX_BYTES:
        size = -(-path.stat().st_size // 1024)
        problems.add(path, None, f"the file is {size} KB; the limit is {MAX_BYTES // 1024} KB. "
                     "Split it into smaller lessons or remove pasted data.")
        return None
    if data.startswith(UTF16_BOMS) or (b"\x00" in data and data.count(b"\x00") * 3 > len(data)):
        problems.add(path, None, "the file is saved as UTF-16 (called 'Unicode' in some editors). "
                     "Save it again with the UTF-8 encoding.")
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
    # Editors differ in line ends, trailing spaces and how they store 'č': the page must not.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    hidden = [(number, match) for number, line in enumerate(lines, start=1) if (match := HIDDEN.search(line))]
    for number, match in hidden[:3]:
        problems.add(path, number, f"the line holds the invisible character U+{ord(match.group(0)):04X} "
                     f"({unicodedata.name(match.group(0), 'a control character')}), which can hide or reverse "
                     "text. Delete it (retype the words around it).")
    if hidden:
        return None
    return unicodedata.normalize("NFC", "\n".join(line.rstrip(" \t") for line in lines))


def read_source(path: Path, problems: Problems) -> Source | None:
    """Read a Markdown file with YAML front matter; report every problem to `problems`."""
    text = read_text(path, problems)
    if text is None:
        return None
    if not text.strip():
        problems.add(path, None, "the file is empty. Write front matter and a body, or delete the file.")
        return None
    lines = text.split("\n")
    if lines[0] != FENCE:
        problems.add(path, 1, _missing_fence(lines))
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


def _missing_fence(lines: list[str]) -> str:
    if not lines[0] and next(line for line in lines if line) == FENCE:
        return ("the file starts with an empty line; the front matter must start on line 1. "
                "Delete the empty lines before '---'.")
    return (f"front matter is missing: the file must start with a line '---', got {lines[0][:40]!r}. "
            "Add the front matter block (see docs/content-format.md).")


def _closing_fence(lines: list[str]) -> int | None:
    for number, line in enumerate(lines[1:], start=1):
        if line in (FENCE, "..."):
            return number
    return None


class _Refused(yaml.MarkedYAMLError):
    """Front matter that is valid YAML but that we refuse, with a complete message of its own."""


class LineDict(dict[str, Any]):
    """A YAML mapping that knows the file line it starts on, so a problem found in it later can name the line."""

    line: int | None = None


def line_of(value: Any) -> int | None:
    return value.line if isinstance(value, LineDict) else None


class _Checks:
    """Constructing values: name the line of a value that cannot be read (a bad date, a huge number)."""

    first_line = 2

    def construct_yaml_map(self, node: Any) -> Any:
        data = LineDict()
        data.line = node.start_mark.line + self.first_line
        yield data
        data.update(self.construct_mapping(node))  # type: ignore[attr-defined]

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)  # type: ignore[misc]
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, AttributeError, OverflowError) as exc:
            raise _Refused(problem=_unreadable(node, exc), problem_mark=node.start_mark) from exc


@dataclass(frozen=True)
class YamlPlace:
    """Where a YAML text sits, for its messages: front matter starts on line 2 (after the fence)."""

    first_line: int = 2
    name: str = "front matter"  # "the front matter is not valid YAML" / "the file is not valid YAML"
    scope: str = "front matter"  # "an alias is not supported in front matter" / "in data files"


FRONT_MATTER = YamlPlace()
DATA_FILE = YamlPlace(first_line=1, name="file", scope="data files")


class _Loader(_Checks, yaml.SafeLoader):
    """The safe loader, refusing aliases and naming the line of a value that cannot be read."""

    scope = FRONT_MATTER.scope

    def compose_node(self, parent: Any, index: Any) -> Any:
        # An alias repeats (or nests) a value: a recursive one would hang the translation digest, and a
        # few lines of them make gigabytes.
        if self.check_event(yaml.AliasEvent):
            raise _Refused(problem=f"a YAML alias ('*name') is not supported in {self.scope}. "
                           "Write the value out in full.",
                           problem_mark=self.peek_event().start_mark)  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


class _FastLoader(_Checks, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser with the same checks, for front matter without aliases (nearly all of it)."""


for _loader in (_Loader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _Checks.construct_yaml_map)  # type: ignore[type-var]


def _unreadable(node: yaml.Node, exc: Exception) -> str:
    if node.tag == "tag:yaml.org,2002:timestamp":
        return f"{node.value!r} is not a real date ({exc}). Write dates as YYYY-MM-DD."
    return f"the value {node.value!r} cannot be read ({exc}). Put it in quotes."


def _load(text: str, place: YamlPlace = FRONT_MATTER) -> tuple[Any, list[tuple[str, int]]]:
    """Parse YAML; return the data and each top-level key with its file line (the opening fence is line 1).

    libyaml reads plain front matter several times faster; anything it refuses, and anything with an alias
    ('&' or '*' anywhere), is read again by the pure-Python loader, whose messages the problems quote.
    """
    if "&" not in text and "*" not in text:
        try:
            return _load_with(_FastLoader, text, place)
        except (yaml.YAMLError, RecursionError):
            pass
    return _load_with(_Loader, text, place)


def _load_with(loader_class: type[Any], text: str, place: YamlPlace) -> tuple[Any, list[tuple[str, int]]]:
    loader = loader_class(text)
    loader.scope, loader.first_line = place.scope, place.first_line
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        keys = []
        if isinstance(node, yaml.MappingNode) and isinstance(data, dict):
            keys = [(str(loader.construct_object(key_node, deep=True)), key_node.start_mark.line + place.first_line)
                    for key_node, _ in node.value]
    finally:
        loader.dispose()
    return data, keys


def _parse_yaml(text: str, path: Path, problems: Problems) -> tuple[dict[str, Any], dict[str, int]] | None:
    """Parse front matter into a mapping and the line of each key, reporting what stands in the way."""
    loaded = load_yaml(text, path, problems)
    if loaded is None:
        return None
    data, keys = loaded
    if not isinstance(data, dict):
        problems.add(path, 2, _not_a_mapping(data))
        return None
    key_lines: dict[str, int] = {}
    for key, line in keys:
        if key in key_lines:  # YAML keeps the last of two equal keys in silence; the author meant one
            problems.add(path, line, f"the key {key!r} appears twice (first on line {key_lines[key]}). Keep one.")
        else:
            key_lines[key] = line
    return {str(k): v for k, v in data.items()}, key_lines


def load_yaml(text: str, path: Path, problems: Problems,
              place: YamlPlace = FRONT_MATTER) -> tuple[Any, list[tuple[str, int]]] | None:
    """Parse YAML, accepting tabs where YAML allows them (between a key or '-' and its value); PyYAML refuses them.

    Aliases, impossible dates and values that cannot be read are refused with their line, as for front matter.
    """
    try:
        return _load(text, place)
    except (yaml.YAMLError, RecursionError) as exc:
        if "\t" not in text:
            _report_yaml(exc, path, problems, place)
            return None
    indented = [number for number, line in enumerate(text.split("\n"), start=place.first_line)
                if "\t" in line[: len(line) - len(line.lstrip())]]
    for number in indented:
        problems.add(path, number, "this line is indented with a tab, and YAML indents with spaces only. "
                     "Replace the tab with two spaces.")
    if indented:
        return None
    try:  # every tab left separates values
        return _load(text.replace("\t", " "), place)
    except (yaml.YAMLError, RecursionError) as exc:
        _report_yaml(exc, path, problems, place)
        return None


def _report_yaml(exc: BaseException, path: Path, problems: Problems, place: YamlPlace) -> None:
    if isinstance(exc, RecursionError):
        problems.add(path, place.first_line, f"the {place.name} is nested too deeply to read. "
                     "Write one 'key: value' per line.")
        return
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + place.first_line if mark is not None else place.first_line
    if isinstance(exc, _Refused):
        problems.add(path, line, str(exc.problem))
        return
    reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    for words, what, fix in YAML_MISTAKES:
        if words in reason:
            problems.add(path, line, f"the {place.name} is not valid YAML: {what} ({reason}). {fix}")
            return
    problems.add(path, line, f"the {place.name} is not valid YAML ({reason}). {YAML_HINT}")


def _not_a_mapping(data: Any) -> str:
    if data is None:
        return "the front matter is empty. Add its keys, one 'key: value' per line (see docs/content-format.md)."
    if isinstance(data, list):
        found = "a list of '- item' lines"
    elif isinstance(data, str):
        found = f"the text {data[:40]!r} (is the ':' after the key missing?)"
    else:
        found = f"the value {data!r}"
    return f"the front matter must be 'key: value' lines, got {found}. Write one key per line, e.g. 'title: …'."


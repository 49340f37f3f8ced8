"""The words a reader sees in content files and catalogues, with their line numbers, for spelling and wording checks."""
from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from povej import REPO_ROOT

WORDLISTS = REPO_ROOT / "tests" / "wordlists"
DICTIONARIES = {"sl": "sl_SI", "en": "en_GB"}
# Front matter keys whose values are prose; the rest are ids, slugs, dates and hashes.
PROSE_KEYS = {"title", "summary", "objectives", "key_message", "materials", "term", "child"}

URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+@[\w.-]+\.\w+|\b[\w-]+\.(?:si|eu|org|com|net)\b[\S]*")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
ATTRIBUTE = re.compile(r"\{:?\s*[#.][^}]*\}")  # {#part-id}, {: .teacher}
CODE = re.compile(r"`[^`]*`")


@dataclass(frozen=True)
class Line:
    path: Path
    number: int
    text: str


def content_lines(path: Path) -> Iterator[Line]:
    """Prose lines of a Markdown content file: front-matter values of prose keys, and the body without markup."""
    lines = path.read_text(encoding="utf-8").split("\n")
    in_front, key = False, ""
    for number, raw in enumerate(lines, start=1):
        if number == 1 and raw.strip() == "---":
            in_front = True
            continue
        if in_front:
            if raw.strip() == "---":
                in_front = False
                continue
            match = re.match(r"^([a-z_]+):\s*(.*)$", raw)
            if match:
                key, raw = match.group(1), match.group(2)
            elif raw.lstrip().startswith("- "):
                raw = raw.lstrip()[2:]
            if key in PROSE_KEYS:
                yield Line(path, number, raw.strip("'\""))
            continue
        yield Line(path, number, strip_markup(raw))


def strip_markup(text: str) -> str:
    text = CODE.sub(" ", text)
    text = LINK_TARGET.sub("] ", text)
    text = ATTRIBUTE.sub(" ", text)
    text = URL.sub(" ", text)
    return re.sub(r"[*_#>|\[\]`]", " ", text)


def catalogue_lines(po: Path) -> Iterator[Line]:
    """The translated strings (msgstr) of a .po file, without %(placeholders)s."""
    for number, raw in enumerate(po.read_text(encoding="utf-8").split("\n"), start=1):
        match = re.match(r'^msgstr(?:\[\d\])? "(.*)"$', raw)
        if match and match.group(1):
            yield Line(po, number, re.sub(r"%\(\w+\)[sd]", " ", match.group(1)))


def misspellings(lines: list[Line], lang: str) -> list[str]:
    """Run Hunspell once over all lines; return 'path:line: word' for every unknown word."""
    lines = [line for line in lines if re.search(r"[^\W\d_]", line.text)]  # hunspell answers nothing for these
    if not lines:
        return []
    wordlist = WORDLISTS / f"{lang}.txt"
    command = ["hunspell", "-i", "utf-8", "-d", DICTIONARIES[lang], "-a"]
    if wordlist.exists():
        command += ["-p", str(wordlist)]
    text = "".join("^" + line.text.replace("\n", " ") + "\n" for line in lines)
    result = subprocess.run(command, input=text, capture_output=True, text=True, encoding="utf-8", check=True)
    blocks = result.stdout.split("\n\n")
    body = blocks[0].split("\n", 1)[1] if blocks and blocks[0].startswith("@(#)") else blocks[0]
    blocks = [body, *blocks[1:]]
    # Hunspell still flags some personal-dictionary words (e.g. 'Unicef' where it knows 'UNICEF'): the list decides.
    known = set(wordlist.read_text(encoding="utf-8").split()) if wordlist.exists() else set()
    found = []
    for line, block in zip(lines, blocks, strict=False):
        for row in block.split("\n"):
            if row[:1] in ("&", "#") and row.split()[1] not in known:
                found.append(f"{shown(line.path)}:{line.number}: {row.split()[1]!r}")
    return found


def shown(path: Path) -> str:
    """A path as messages show it: relative to the repository when it is inside it."""
    return path.relative_to(REPO_ROOT).as_posix() if path.is_relative_to(REPO_ROOT) else path.as_posix()

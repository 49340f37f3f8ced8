"""Wording the site never uses: wrong terms, and phrasings that blame or frighten children."""
from __future__ import annotations

import re

from .text import Line, shown

# (pattern, why, use instead). Patterns are matched case-insensitively on prose lines.
BANNED = {
    "en": [
        (r"\bchild(?:ren)?(?:'s)? porn\w*", "the term 'child pornography'", "'child sexual abuse material'"),
        (r"\bkiddie porn\w*", "the term 'child pornography'", "'child sexual abuse material'"),
        (r"\bstranger danger\b", "'stranger danger' alone misleads: most harm comes from people a child knows",
         "'someone you don't know, or someone you know'"),
        (r"\bjust (?:don'?t|do not) send nudes\b", "victim blaming: the harm is pressure and sharing, not the child",
         "talk about pressure, consent and where to get help"),
        (r"\byou (?:should|shouldn'?t) have\b", "blames the child", "'it is not your fault'"),
        (r"\bwhat were you wearing\b", "blames the child", "listen and believe"),
        (r"\byou asked for it\b", "blames the child", "'it is not your fault'"),
        (r"\bwhy didn'?t you (?:tell|say|stop)\b", "blames the child", "'thank you for telling me'"),
        (r"\byou(?:'ll| will) be (?:in trouble|punished)\b", "frightens the child", "'you will not be in trouble'"),
        (r"\bit(?:'s| is| was) your (?:own )?fault\b", "blames the child", "'it is not your fault'"),
    ],
    "sl": [
        (r"\botrošk\w* pornografij\w*", "izraz 'otroška pornografija'", "'posnetki spolnih zlorab otrok'"),
        (r"\bpornografij\w* z otroki\b", "izraz 'otroška pornografija'", "'gradivo s spolnimi zlorabami otrok'"),
        (r"\bsama? si kriva?\b", "krivi otroka", "'ni tvoja krivda'"),
        (r"\bje tvoja krivda\b", "krivi otroka", "'ni tvoja krivda'"),
        (r"\bzakaj nisi (?:povedal|povedala|rekel|rekla)\b", "krivi otroka", "'hvala, da si povedal'"),
        (r"\bkaj si (?:imel|imela) oblečeno\b", "krivi otroka", "poslušajte in verjemite"),
        (r"\bboš kaznovan\w*\b", "straši otroka", "'ne boš v težavah'"),
    ],
}
# The Slovene criminal code's article title still uses the old term; quoting it is allowed.
ALLOWED_QUOTES = [r"pornografskega gradiva", r"Prikazovanje, izdelava, posest in posredovanje"]


def wording_problems(lines: list[Line], lang: str) -> list[str]:
    problems = []
    for line in lines:
        for pattern, why, instead in BANNED[lang]:
            for match in re.finditer(pattern, line.text, flags=re.IGNORECASE):
                if _negated(line.text, match.start()):
                    continue
                problems.append(f"{shown(line.path)}:{line.number}: {match.group(0)!r}: {why}. Use {instead}.")
    return problems


def _negated(text: str, start: int) -> bool:
    """'it is not your fault' / 'ni tvoja krivda' contain the banned words but say the opposite."""
    before = text[max(0, start - 12):start].lower()
    return bool(re.search(r"\b(not|never|ni|nisi|nikoli)\s*$", before))

"""The declared front-matter schema of every kind of content, and its validation."""
from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any

from .model import META, Kind, Meta
from .names import SLUG, portable_name
from .problems import Problems
from .source import Source

# Characters that take no room: a title of only these is empty to a reader.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# A checker returns what is wrong, or None; '{allowed}' in it stands for the allowed values (see _listing).
Checker = Callable[[Any, Collection[str]], str | None]
# Long vocabularies are named by where they are defined, so a message stays readable (and stable).
PLACES = {"topics": "the topic ids in content/site.yml", "campaigns": "the campaign ids in content/site.yml",
          "terms": "the glossary keys (the folder names in content/glossary/)"}


@dataclass(frozen=True)
class Field:
    """One front-matter key: its checker, whether it is required, and where its allowed values come from."""

    name: str
    check: Checker
    required: bool = True
    vocabulary: str = ""


def _text(value: Any, _: Collection[str]) -> str | None:
    if isinstance(value, str) and value.translate(INVISIBLE).strip():
        return None
    return "must be a non-empty text"


def _slug(value: Any, _: Collection[str]) -> str | None:
    if isinstance(value, str) and SLUG.match(value):
        return portable_name(value)
    return "must be a slug of lowercase letters a–z, digits and single hyphens (e.g. 'my-body-is-mine')"


def _minutes(value: Any, _: Collection[str]) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 240:
        return None
    return "must be a number of minutes between 1 and 240"


def _position(value: Any, _: Collection[str]) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 99:
        return None
    return "must be the lesson's place in its band's teaching order, a whole number from 1 to 99"


def _date(value: Any, _: Collection[str]) -> str | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return None
    return "must be a date written YYYY-MM-DD"


def _texts(value: Any, _: Collection[str]) -> str | None:
    if isinstance(value, list) and value and all(isinstance(v, str) and v.translate(INVISIBLE).strip()
                                                 for v in value):
        return None
    return "must be a list of texts, one '- item' per line"


def _choice(value: Any, allowed: Collection[str]) -> str | None:
    if isinstance(value, str) and value in allowed:
        return None
    return "must be one of {allowed}"


def _choices(value: Any, allowed: Collection[str]) -> str | None:
    if isinstance(value, list) and all(isinstance(v, str) and v in allowed for v in value):
        return None
    return "must be a list of values from {allowed}"


def _listing(allowed: Collection[str], vocabulary: str) -> str:
    if len(allowed) > 6 and vocabulary in PLACES:
        return PLACES[vocabulary]
    return ", ".join(repr(a) for a in allowed)


COMMON_TAIL = (Field("reviewed", _date), Field("source_hash", _text, required=False))
PAGE_HEAD = (Field("title", _text), Field("slug", _slug), Field("summary", _text))

SCHEMAS: dict[Kind, tuple[Field, ...]] = {
    Kind.LESSON: (
        *PAGE_HEAD,
        Field("duration", _minutes),
        Field("short_version", _minutes),
        Field("order", _position, required=False),
        Field("topics", _choices, vocabulary="topics"),
        Field("campaign", _choice, vocabulary="campaigns"),
        Field("objectives", _texts),
        Field("key_message", _text),
        Field("keywords", _choices, required=False, vocabulary="terms"),
        Field("materials", _texts),
        # Where the lesson meets the curriculum, each naming the document and its version (FACTS.md §7).
        Field("curriculum", _texts, required=False),
        *COMMON_TAIL,
    ),
    Kind.GUIDE: (
        *PAGE_HEAD,
        Field("audience", _choice, vocabulary="audiences"),
        Field("band", _choice, required=False, vocabulary="bands"),
        *COMMON_TAIL,
    ),
    Kind.PAGE: PAGE_HEAD + COMMON_TAIL,
    Kind.TERM: (Field("term", _text), Field("child", _text), Field("source_hash", _text, required=False)),
    Kind.PARTIAL: (Field("title", _text), Field("source_hash", _text, required=False)),
}


def validate(source: Source, kind: Kind, translation: bool, vocabularies: Mapping[str, Collection[str]],
             problems: Problems) -> Meta | None:
    """Check front matter against the kind's schema; return it as the kind's typed front matter, or None."""
    fields = {f.name: f for f in SCHEMAS[kind]}
    before = len(problems.errors)
    for key in source.meta:
        if key not in fields:
            problems.add(source.path, source.line_of(key), _unknown_key(key, list(fields)))
    for field in fields.values():
        _check_field(source, field, vocabularies.get(field.vocabulary, ()), problems)
    _check_source_hash(source, translation, problems)
    if len(problems.errors) > before:
        return None
    values: dict[str, Any] = {key: tuple(value) if isinstance(value, list) else value
                              for key, value in source.meta.items()}
    return META[kind](**values)


def _check_field(source: Source, field: Field, allowed: Collection[str], problems: Problems) -> None:
    if field.name not in source.meta:
        if field.required and field.name != "source_hash":
            problems.add(source.path, 1, f"the required key {field.name!r} is missing. "
                         f"Add '{field.name}: …' to the front matter (see docs/content-format.md).")
        return
    value = source.meta[field.name]
    error = field.check(value, allowed)
    if error:
        error = error.replace("{allowed}", _listing(allowed, field.vocabulary))
        problems.add(source.path, source.line_of(field.name),
                     f"{field.name!r} {error}, got {_found(value)}.{_hint(field, value, allowed)}")


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dt.date):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:59] + "…"


def _hint(field: Field, value: Any, allowed: Collection[str]) -> str:
    """How to fix the common slips: a text YAML read as a number or date, a near miss, a value not in a list."""
    if field.check is _text and isinstance(value, (int, float, dt.date)):
        return " Put the text in quotes."
    unknown = [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str) and v not in allowed]
    close = difflib.get_close_matches(unknown[0], list(allowed), n=1) if allowed and unknown else []
    if close:
        return f" Did you mean {close[0]!r}?"
    if field.check is _choices and isinstance(value, str):
        return f" Write a list: '{field.name}: [{value}]'."
    return ""


def _check_source_hash(source: Source, translation: bool, problems: Problems) -> None:
    has = "source_hash" in source.meta
    if translation and not has:
        problems.add(source.path, 1, "a translation must record which source version it follows: "
                     f"run 'povej stamp {problems.relative(source.path)}' after translating.")
    elif has and not translation:
        problems.add(source.path, source.line_of("source_hash"),
                     "'source_hash' belongs only in translations, not in the source language. Remove it.")


def _unknown_key(key: str, known: list[str]) -> str:
    message = f"unknown front matter key {key!r}."
    close = difflib.get_close_matches(key, known, n=1)
    if close:
        return f"{message} Did you mean {close[0]!r}?"
    return f"{message} Allowed keys: {', '.join(known)}."

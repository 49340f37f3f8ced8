"""Search, offline and in pieces: the page loads only the parts of the index its query needs.

A page opened from file:// cannot fetch JSON, but it can load scripts. So the index of each language is split into
scripts: `meta.js` (which pieces exist), one `t-<xx>.js` per first two letters of the words it holds (each word
with the documents it is in and how strongly: 6 in a title, 3 in a summary, 1 in the text), and `d-<n>.js` with
the titles, summaries and addresses of 50 documents each. A query of two words loads two word pieces and the
document pieces of the results it shows, whatever the size of the site. Words are folded as the page folds what is
typed: lowercase, no diacritics (zaupas finds zaupaš); a word matches every word it begins (skrivnost finds
skrivnosti).
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flask import Response, g

from .addresses import relative
from .model import Catalog, Entry, Kind, LessonMeta, PageMeta, TermMeta
from .pages import Page, PageType, every, every_language
from .rendering import addresses, catalog, link, render
from .views import language_page

CHUNK = 50  # documents per piece
WORD = re.compile(r"[^\W_]{2,}")  # words of two letters or digits or more
SHARD_NAME = re.compile(r"^[a-z0-9]{1,2}$")
MARKS = re.compile("[\u0300-\u036f]")
OTHER = "_"  # the piece of words that begin with anything else
FIELDS = (("title", 6), ("summary", 3), ("text", 1))
KINDS = (Kind.LESSON, Kind.GUIDE, Kind.PAGE, Kind.TERM)  # in the order results are listed
FOLDER = "search-index"


def fold(text: str) -> str:
    """As the page folds a query: decomposed, without the combining marks U+0300–U+036F, lowercase."""
    return MARKS.sub("", unicodedata.normalize("NFD", text)).lower()


def shard_of(word: str) -> str:
    key = word[:2]
    return key if SHARD_NAME.match(key) else OTHER


@dataclass(frozen=True)
class SearchIndex:
    documents: tuple[dict[str, Any], ...]  # what a result shows, less its address; 'item' is kind:key
    shards: dict[str, dict[str, list[int]]]  # piece: word: [document, weight, document, weight, …]


def search_index(cat: Catalog, lang: str) -> SearchIndex:
    """The index of one language, computed once per catalogue (every piece comes from the same index)."""
    key = f"search-{lang}"
    if key not in cat.derived:
        cat.derived[key] = _build(cat, lang)
    return cat.derived[key]  # type: ignore[no-any-return]


def _build(cat: Catalog, lang: str) -> SearchIndex:
    documents: list[dict[str, Any]] = []
    weights: dict[str, dict[int, int]] = defaultdict(dict)
    for number, entry in enumerate(e for kind in KINDS for e in cat.entries(kind, lang)):
        document = _document(cat, entry, lang)
        for word, weight in _weights(entry, document.pop("text"), document).items():
            weights[word][number] = weight
        documents.append(document)
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word in sorted(weights):
        shards[shard_of(word)][word] = [n for item in sorted(weights[word].items()) for n in item]
    return SearchIndex(tuple(documents), dict(shards))


def _weights(entry: Entry, text: str, document: dict[str, Any]) -> dict[str, int]:
    """Each word of an entry and its weight (the strongest field it is in), kept by the entry's text digest.

    A preview that reloads after an edit folds again only the edited entry (speed: about 0.4 s a language at
    1,000 lessons).
    """
    key = (str(entry.path), entry.digest, document["title"], document["summary"])
    if key not in _WEIGHTS:
        found: dict[str, int] = {}
        for field, weight in FIELDS:
            for word in WORD.findall(fold(text if field == "text" else document[field])):
                found[word] = max(weight, found.get(word, 0))
        _WEIGHTS[key] = found
    return _WEIGHTS[key]


_WEIGHTS: dict[tuple[str, str, str, str], dict[str, int]] = {}


def _document(cat: Catalog, entry: Entry, lang: str) -> dict[str, Any]:
    text = " ".join(entry.rendered.section_text.values()) or re.sub(r"<[^>]+>", " ", entry.rendered.html)
    return {
        "item": f"{entry.kind}:{entry.key}",
        "kind": str(entry.kind),
        "title": entry.title,
        "summary": _summary(entry),
        "text": " ".join([_key_message(entry), " ".join(text.split())[:3000]]),
        "band": cat.config.band(entry.band).label(lang, "title") if entry.band else "",
        "duration": entry.meta.duration if isinstance(entry.meta, LessonMeta) else 0,
    }


def _summary(entry: Entry) -> str:
    if isinstance(entry.meta, TermMeta):
        return entry.meta.child
    return entry.meta.summary if isinstance(entry.meta, PageMeta) else ""


def _key_message(entry: Entry) -> str:
    return entry.meta.key_message if isinstance(entry.meta, LessonMeta) else ""


def _script(call: str, *arguments: Any) -> Response:
    values = ", ".join(json.dumps(a, ensure_ascii=False, sort_keys=True, separators=(",", ":")) for a in arguments)
    return Response(f"window.POVEJ_SEARCH.{call}({values});\n", mimetype="text/javascript")


def _search(page: Page) -> str:
    # The folder of the pieces, relative to this page (a link to a folder would end in index.html).
    return render("search.html", page, index=link(f"/{page.lang}/{FOLDER}/meta.js").removesuffix("meta.js"))


def _meta(page: Page) -> Response:
    index = search_index(catalog(), g.lang)
    kinds, start = [], 0
    for kind in KINDS:  # documents are numbered kind by kind: where each kind starts
        kinds.append([str(kind), start])
        start += sum(1 for d in index.documents if d["kind"] == kind)
    return _script("meta", {"shards": sorted(index.shards), "chunk": CHUNK, "kinds": kinds})


def _shard(page: Page) -> Response:
    return _script("shard", page.key, search_index(catalog(), g.lang).shards[page.key])


def _documents(page: Page) -> Response:
    """A piece of documents, each with its address relative to the search page (results are links there)."""
    start = int(page.key) * CHUNK
    base = addresses().path("search", "", g.lang)
    documents = [{**document, "url": relative(addresses().path(*_item(document), g.lang), base)}
                 for document in search_index(catalog(), g.lang).documents[start:start + CHUNK]]
    return _script("documents", int(page.key), documents)


def _item(document: dict[str, Any]) -> tuple[str, str]:
    kind, _, key = str(document["item"]).partition(":")
    return kind, key


def _shards(cat: Catalog) -> Iterator[tuple[str, str]]:
    for lang in cat.config.codes:
        yield from ((lang, key) for key in sorted(search_index(cat, lang).shards))


def _chunks(cat: Catalog) -> Iterator[tuple[str, str]]:
    for lang in cat.config.codes:
        yield from ((lang, str(n)) for n in range(-(-len(search_index(cat, lang).documents) // CHUNK)))


def _in_folder(name: str) -> Any:
    return lambda c, lang, key: f"/{lang}/{FOLDER}/{name.format(key=key)}"


PAGE_TYPES = (
    PageType("search", _search, every_language, language_page("search")),
    PageType("search-meta", _meta, every_language, _in_folder("meta.js"), every()),
    PageType("search-words", _shard, _shards, _in_folder("t-{key}.js"), every()),
    PageType("search-documents", _documents, _chunks, _in_folder("d-{key}.js"), every()),
)

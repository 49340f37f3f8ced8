"""Write small, valid scratch content trees for tests (one lesson, the required pages, one term)."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from povej import REPO_ROOT
from povej.content import digest
from povej.problems import Problems
from povej.source import read_source

LESSON = {
    "sl": """\
        ---
        title: Dobre in slabe skrivnosti
        slug: dobre-in-slabe-skrivnosti
        summary: Kako ločimo presenečenje od skrivnosti, ki jo je treba povedati.
        duration: 45
        short_version: 15
        topics: [secrets]
        campaign: secrets
        objectives:
          - prepoznajo skrivnost, ki jo je treba povedati
          - naštejejo tri odrasle osebe, ki jim zaupajo
        key_message: Slabe skrivnosti povej.
        keywords: [trusted-adult]
        materials:
          - list papirja
        reviewed: 2026-11-23
        ---

        ## Pred uro {#before}

        Obvestite svetovalno službo. Glej tudi [pomoč](page:help#police).

        ## Uvodna dejavnost (5 min) {#warm-up}

        Igra.

        ## Glavna dejavnost {#activity}

        ### Zgodba (20 min)

        Ana ima [odraslo zaupno osebo](term:trusted-adult).

        ### Kartice (10 min)

        Delo v parih.

        ## Pogovor (5 min) {#discussion}

        - Kaj bi naredila Ana?

        ## Zaključek (5 min) {#closing}

        Slabe skrivnosti povej.

        ## Krajša različica (15 min) {#short-version}

        Samo zgodba.

        ## Delovni list {#handout}

        Nariši roko.

        ## Doma {#at-home}

        Ključno sporočilo: »Slabe skrivnosti povej.«

        ## Viri {#sources}

        - https://www.policija.si/
        """,
    "en": """\
        ---
        title: Good and bad secrets
        slug: good-and-bad-secrets
        summary: Telling a surprise from a secret that must be told.
        duration: 45
        short_version: 15
        topics: [secrets]
        campaign: secrets
        objectives:
          - recognise a secret that must be told
          - name three trusted adults
        key_message: Tell bad secrets.
        keywords: [trusted-adult]
        materials:
          - a sheet of paper
        reviewed: 2026-11-23
        source_hash: {hash}
        ---

        ## Before the lesson {#before}

        Tell the school counsellor. See also [help](page:help#police).

        ## Warm-up (5 min) {#warm-up}

        A game.

        ## Main activity {#activity}

        ### A story (20 min)

        Ana has a [trusted adult](term:trusted-adult).

        ### Cards (10 min)

        Pair work.

        ## Discussion questions (5 min) {#discussion}

        - What would Ana do?

        ## Closing (5 min) {#closing}

        Tell bad secrets.

        ## Short version (15 min) {#short-version}

        Only the story.

        ## Handout {#handout}

        Draw a hand.

        ## At home {#at-home}

        Key message: "Tell bad secrets."

        ## Sources {#sources}

        - https://www.policija.si/
        """,
}

PAGE = """\
    ---
    title: {title}
    slug: {slug}
    summary: {title}.
    reviewed: 2026-11-23
    {stamp}---

    ## {title} {{#police}}

    Text. Call 113.

    ## Sources {{#sources}}

    - https://www.policija.si/
    """

PAGES = {"help": ("Pomoč", "pomoc", "Help", "help"), "about": ("O projektu", "o-projektu", "About", "about"),
         "privacy": ("Zasebnost", "zasebnost", "Privacy", "privacy")}

TERM = {"sl": "---\nterm: odrasla zaupna oseba\nchild: Odrasla oseba, ki ji zaupaš.\n---\n\nOdrasla oseba.\n",
        "en": "---\nterm: trusted adult\nchild: A grown-up you trust.\nsource_hash: {hash}\n---\n\nAn adult.\n"}
PARTIAL = {"sl": "---\ntitle: Če vam otrok pove\n---\n\nVerjemite mu.\n",
           "en": "---\ntitle: If a child tells you\nsource_hash: {hash}\n---\n\nBelieve them.\n"}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def write_pair(folder: Path, sl: str, en: str | None) -> None:
    """Write sl.md, then en.md stamped with the digest of sl.md (so the pair is current)."""
    source = write(folder / "sl.md", sl)
    if en is None:
        return
    problems = Problems(root=folder)
    parsed = read_source(source, problems)
    stamp = digest(parsed) if parsed else "x"
    write(folder / "en.md", en.replace("{hash}", stamp))


def make_site(root: Path) -> Path:
    """A complete small content tree under root/content; returns the content folder."""
    content = root / "content"
    content.mkdir(parents=True)
    shutil.copy(REPO_ROOT / "content" / "site.yml", content / "site.yml")
    write(content / "contacts.yml", """\
        last_checked: 2026-11-23
        contacts:
          - id: police
            number: "113"
            group: now
            sl: {name: Policija, hours: 24 ur na dan, note: Če je kdo v nevarnosti.}
            en: {name: Police, hours: 24 hours a day, note: If someone is in danger.}
            source: https://www.policija.si/kontakti/nujni-klici-113
        """)
    write(content / "changes.yml", """\
        changes:
          - date: 2026-11-23
            sl: Prva objava.
            en: First release.
            links: [lesson:secrets-to-tell]
        """)
    write_pair(content / "lessons" / "6-9" / "secrets-to-tell", LESSON["sl"], LESSON["en"])
    for key, (sl_title, sl_slug, en_title, en_slug) in PAGES.items():
        write_pair(content / "pages" / key, PAGE.format(title=sl_title, slug=sl_slug, stamp=""),
                   PAGE.format(title=en_title, slug=en_slug, stamp="source_hash: {hash}\n    "))
    write_pair(content / "glossary" / "trusted-adult", TERM["sl"], TERM["en"])
    write_pair(content / "partials" / "disclosure", PARTIAL["sl"], PARTIAL["en"])
    return content

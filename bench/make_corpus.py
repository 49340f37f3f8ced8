"""Write a synthetic Povej! content tree for benchmarks: N lessons in every language, realistic in size and shape.

    .venv/bin/python bench/make_corpus.py /tmp/povej-corpus [--lessons 1000] [--words 1200] [--seed 1]

The tree follows docs/content-format.md exactly: site.yml and contacts.yml, the required pages (help, about,
privacy, letter-to-parents), the disclosure partial, the six guides, ~40 glossary terms and N lessons × sl+en
spread evenly over the five bands. Every lesson has all required parts in order, timed steps that add up to
`duration`, the key message repeated word for word in the at-home part, several `lesson:`, `term:`, `page:` and
`guide:` links, a table, numbered and bulleted lists and a quoted story. Every translation carries the correct
`source_hash`, so `povej check` reports everything as current. The text is pseudo-prose from fixed word pools
(deterministic for a given seed); it has Slovene diacritics so Unicode handling is exercised.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(REPO / "site") not in sys.path:
    sys.path.append(str(REPO / "site"))  # after a snapshot that bench/run.py may have put first

from povej.content import digest  # noqa: E402
from povej.problems import Problems  # noqa: E402
from povej.source import read_source  # noqa: E402

BANDS = ("4-6", "6-9", "9-12", "12-15", "15-18")
CAMPAIGN_OF_BAND = {"4-6": "puppet-show-113", "6-9": "secrets", "9-12": "leon", "12-15": "beno", "15-18": "all"}
TOPICS = ("body-safety", "feelings", "secrets", "trusted-adults", "saying-no", "getting-help", "online-safety",
          "personal-information", "grooming", "images", "sextortion", "consent", "relationships",
          "peer-violence", "reporting")

# The agreed glossary keys of docs/content-format.md, plus one, to make ~40 terms.
TERMS = {
    "trusted-adult": ("odrasla zaupna oseba", "trusted adult"),
    "safety-network": ("varnostna mreža", "safety network"),
    "private-parts": ("intimni deli telesa", "private parts"),
    "body-safety": ("varnost telesa", "body safety"),
    "good-and-bad-secrets": ("dobre in slabe skrivnosti", "good and bad secrets"),
    "surprise": ("presenečenje", "surprise"),
    "uh-oh-feeling": ("neprijeten občutek", "uh-oh feeling"),
    "safe-and-unsafe-touch": ("varen in nevaren dotik", "safe and unsafe touch"),
    "saying-no": ("reči ne", "saying no"),
    "consent": ("privolitev", "consent"),
    "disclosure": ("razkritje", "disclosure"),
    "sexual-abuse": ("spolna zloraba", "sexual abuse"),
    "grooming": ("grooming", "grooming"),
    "sexting": ("sexting", "sexting"),
    "sextortion": ("izsiljevanje z intimnimi posnetki", "sextortion"),
    "cyberbullying": ("spletno nasilje", "cyberbullying"),
    "peer-violence": ("medvrstniško nasilje", "peer violence"),
    "csam": ("gradivo spolne zlorabe otrok", "child sexual abuse material"),
    "deepfake": ("globoki ponaredek", "deepfake"),
    "nudification": ("razgaljanje z umetno inteligenco", "nudification"),
    "personal-information": ("osebni podatki", "personal information"),
    "privacy-settings": ("nastavitve zasebnosti", "privacy settings"),
    "password": ("geslo", "password"),
    "profile": ("profil", "profile"),
    "chat": ("klepet", "chat"),
    "screenshot": ("zaslonska slika", "screenshot"),
    "block": ("blokirati", "block"),
    "report": ("prijaviti", "report"),
    "evidence": ("dokaz", "evidence"),
    "stranger": ("neznanec", "stranger"),
    "online-friend": ("spletni prijatelj", "online friend"),
    "intimate-image": ("intimni posnetek", "intimate image"),
    "image-based-abuse": ("zloraba intimnih posnetkov", "image-based abuse"),
    "transactional-sexting": ("sexting v zameno za nagrado", "transactional sexting"),
    "age-of-consent": ("starost za privolitev", "age of consent"),
    "helpline": ("telefon za pomoč", "helpline"),
    "emergency-number": ("številka za klic v sili", "emergency number"),
    "social-work-centre": ("center za socialno delo", "social work centre"),
    "hotline": ("prijavna točka", "hotline"),
    "boundaries": ("meje", "boundaries"),
}

# Pseudo-prose: each sentence is subject + verb + object + tail, from pools per language.
WORDS = {
    "sl": {
        "subject": ["Učiteljica", "Otrok", "Vsak učenec", "Razred", "Svetovalna delavka", "Starš", "Ema",
                    "Luka", "Skupina", "Odrasla oseba", "Prostovoljec", "Vzgojiteljica", "Sošolec", "Babica"],
        "verb": ["prebere", "pokaže", "pojasni", "nariše", "zapiše", "pove", "vpraša", "posluša", "ponovi",
                 "poišče", "razdeli", "opiše", "preveri", "zaupa"],
        "object": ["zgodbo o skrivnosti", "kartico z vprašanjem", "ključno sporočilo", "seznam odraslih",
                   "pravila pogovora", "delovni list", "risbo na tabli", "tri znake nevarnosti",
                   "mnenje o junaku", "kretnjo za presenečenje", "odgovor na vprašanje", "načrt za pomoč",
                   "občutek v trebuhu", "številko za pomoč"],
        "tail": ["počasi in mirno.", "pred vsem razredom.", "v parih.", "na glas, dvakrat.",
                 "brez imen in brez pritiska.", "še enkrat, če je treba.", "s svojimi besedami.",
                 "in počaka na odgovor.", "na začetku ure.", "preden se ura konča.", "za domov.",
                 "tako, da slišijo vsi.", "in pohvali pogum.", "z nasmehom in brez naglice."],
    },
    "en": {
        "subject": ["The teacher", "The child", "Every pupil", "The class", "The school counsellor", "A parent",
                    "Ema", "Luka", "The group", "A trusted adult", "A volunteer", "The kindergarten teacher",
                    "A classmate", "Grandma"],
        "verb": ["reads", "shows", "explains", "draws", "writes down", "tells", "asks about", "listens to",
                 "repeats", "looks for", "hands out", "describes", "checks", "shares"],
        "object": ["the story about a secret", "a card with a question", "the key message", "a list of adults",
                   "the ground rules", "the handout", "a drawing on the board", "three warning signs",
                   "an opinion about the hero", "the gesture for a surprise", "an answer to the question",
                   "a plan for getting help", "the feeling in the tummy", "the help line number"],
        "tail": ["slowly and calmly.", "in front of the whole class.", "in pairs.", "out loud, twice.",
                 "without names and without pressure.", "once more if needed.", "in their own words.",
                 "and waits for an answer.", "at the start of the lesson.", "before the lesson ends.",
                 "to take home.", "so that everyone hears.", "and praises the courage.",
                 "with a smile and without hurry."],
    },
}

HEADINGS = {
    "sl": {"before": "Pred uro", "before-4-6": "Pred dejavnostjo", "warm-up": "Uvodna dejavnost",
           "activity": "Glavna dejavnost", "discussion": "Pogovor", "closing": "Zaključek",
           "short-version": "Krajša različica", "handout": "Delovni list", "handout-4-6": "Kartica",
           "at-home": "Doma", "sources": "Viri", "step": "Korak", "rules": "Pravila pogovora",
           "prep": "Priprava", "why": "Zakaj ta ura.", "key": "Ključno sporočilo, ki smo se ga naučili:",
           "starters": "Za začetek pogovora:", "moment": "Vsakdanja priložnost.", "name": "Ime",
           "col": ("Kaj se zgodi?", "Presenečenje", "Povem"), "see": "Glej tudi",
           "help": "kontakte za pomoč", "guide": "vodniku za starše", "band": "druge ure te starosti"},
    "en": {"before": "Before the lesson", "before-4-6": "Before the lesson", "warm-up": "Warm-up",
           "activity": "Main activity", "discussion": "Discussion questions", "closing": "Closing",
           "short-version": "Short version", "handout": "Handout", "handout-4-6": "Card",
           "at-home": "At home", "sources": "Sources", "step": "Step", "rules": "Ground rules",
           "prep": "Preparation", "why": "Why this lesson.", "key": "The key message we learned:",
           "starters": "To start a conversation:", "moment": "An everyday moment.", "name": "Name",
           "col": ("What happens?", "Surprise", "Tell"), "see": "See also",
           "help": "help contacts", "guide": "guide for parents", "band": "other lessons for this age"},
}

CONTACTS_FALLBACK = """\
last_checked: 2026-11-23
contacts:
  - id: police
    number: "113"
    group: now
    sl: {name: Policija, hours: 24 ur na dan, note: Če je kdo v nevarnosti.}
    en: {name: Police, hours: 24 hours a day, note: If someone is in danger.}
    source: https://www.policija.si/kontakti/nujni-klici-113
"""

PAGES = {"help": ("Kje dobiti pomoč", "pomoc", "Where to get help", "help"),
         "about": ("O projektu", "o-projektu", "About", "about"),
         "privacy": ("Zasebnost", "zasebnost", "Privacy", "privacy"),
         "letter-to-parents": ("Pismo staršem", "pismo-starsem", "Letter to parents", "letter-to-parents")}
GUIDES = {**{f"parents-{b}": (f"Vodnik za starše ({b} let)", f"vodnik-za-starse-{b}",
                              f"A guide for parents (ages {b})", f"guide-for-parents-{b}") for b in BANDS},
          "teachers": ("Vodnik za učitelje", "vodnik-za-ucitelje", "A guide for teachers", "guide-for-teachers")}
CALIBRATION = 0.5  # the section budgets below × this ≈ 1,200 words per lesson file (front matter included)
PARENT_PARTS = ("what-they-meet", "class-words", "conversation-starters", "everyday-moments", "signs",
                "reacting", "sources")


class Prose:
    """Deterministic pseudo-prose in one language."""

    def __init__(self, lang: str, rng: random.Random) -> None:
        self.pool = WORDS[lang]
        self.rng = rng

    def sentence(self) -> str:
        pick = self.rng.choice
        return f"{pick(self.pool['subject'])} {pick(self.pool['verb'])} {pick(self.pool['object'])} " \
               f"{pick(self.pool['tail'])}"

    def words(self, count: int) -> str:
        """Sentences until about `count` words."""
        out: list[str] = []
        total = 0
        while not out or total < count:
            sentence = self.sentence()
            if out and total + len(sentence.split()) / 2 > count:
                break
            out.append(sentence)
            total += len(sentence.split())
        return " ".join(out)

    def item(self, limit: int = 0) -> str:
        """A sentence without its full stop, cut at a word boundary to at most `limit` characters."""
        text = self.sentence().rstrip(".")
        if limit and len(text) > limit:
            text = text[:limit].rsplit(" ", 1)[0]
        return text


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_pair(folder: Path, sl: str, en: str) -> None:
    """sl.md, then en.md stamped with the digest of the parsed sl.md (as tests/sitekit.py write_pair does)."""
    _write(folder / "sl.md", sl)
    parsed = read_source(folder / "sl.md", Problems(root=folder))
    if parsed is None:
        raise SystemExit(f"make_corpus: could not parse {folder / 'sl.md'}")
    # Quoted: an all-digit digest (about 1 in 280) would otherwise be read by YAML as a number.
    _write(folder / "en.md", en.replace("{hash}", f'"{digest(parsed)}"'))


def _data_files(root: Path, repo: Path = REPO) -> None:
    """Copy the data files (site.yml, contacts.yml, …) from the real content/, or else from the tests' scratch site."""
    try:
        from povej.content import DATA_FILES
    except ImportError:
        DATA_FILES = {"site.yml", "contacts.yml"}  # noqa: N806
    missing = [name for name in sorted(DATA_FILES) if not (repo / "content" / name).is_file()]
    for name in sorted(set(DATA_FILES) - set(missing)):
        shutil.copy(repo / "content" / name, root / name)
    if not missing:
        return
    try:  # the scratch site of the tests keeps valid ones
        sys.path.insert(0, str(repo / "tests"))
        from sitekit import make_site  # type: ignore[import-not-found]

        with tempfile.TemporaryDirectory() as scratch:
            made = make_site(Path(scratch))
            for name in missing:
                if (made / name).is_file():
                    shutil.copy(made / name, root / name)
    except Exception as error:
        print(f"make_corpus: tests/sitekit.py make_site failed ({error}); using built-in data files",
              file=sys.stderr)
    if not (root / "contacts.yml").is_file():
        _write(root / "contacts.yml", CONTACTS_FALLBACK)


def lesson_text(lang: str, key: str, band: str, index: int, keys: list[str], words: int, seed: int) -> str:
    """One lesson in one language, ~`words` words of body; sl and en share structure (same seed)."""
    rng = random.Random(f"{seed}-{key}")  # same structure in both languages
    text_rng = random.Random(f"{seed}-{key}-{lang}")
    prose = Prose(lang, text_rng)
    h = HEADINGS[lang]
    scale = words / 1200 * CALIBRATION
    w = lambda n: max(4, int(n * scale))  # noqa: E731
    young = band == "4-6"
    duration = 25 if young else 45
    warm, discussion, closing = 5, (5 if young else 8), 5
    remaining = duration - warm - discussion - closing
    n_steps = 2 if young else rng.choice((2, 3, 4))
    steps = [remaining // n_steps] * n_steps
    steps[-1] += remaining - sum(steps)
    topics = rng.sample(TOPICS, rng.choice((2, 3, 4)))
    keywords = rng.sample(sorted(TERMS), rng.choice((2, 3, 4)))
    others = [k for k in rng.sample(keys, 6) if k != key][:4]
    link_terms = rng.sample(sorted(TERMS), 4)
    title = {"sl": f"Ura {index:04d}: {prose.item(40)}", "en": f"Lesson {index:04d}: {prose.item(40)}"}[lang]
    slug = f"{'ura' if lang == 'sl' else 'lesson'}-{index:04d}-{key.split('-')[0]}"
    key_message = prose.words(w(22))
    term_text = lambda k: TERMS[k][0 if lang == "sl" else 1]  # noqa: E731
    guide_link = f"[{h['guide']}](guide:parents-{band})"

    meta = [
        "---",
        f"title: {_yaml_text(title)}",
        f"slug: {slug}",
        f"summary: {_yaml_text(prose.words(w(25)))}",
        f"duration: {duration}",
        "short_version: 15",
        "topics:", *[f"  - {t}" for t in topics],
        f"campaign: {CAMPAIGN_OF_BAND[band]}",
        "objectives:", *[f"  - {_yaml_text(prose.item())}" for _ in range(rng.choice((2, 3, 4)))],
        f"key_message: {_yaml_text(key_message)}",
        "keywords:", *[f"  - {t}" for t in keywords],
        "materials:", *[f"  - {_yaml_text(prose.item())}" for _ in range(rng.choice((2, 3, 4, 5)))],
        "reviewed: 2026-11-23",
        *(["source_hash: {hash}"] if lang != "sl" else []),
        "---",
        "",
    ]
    body = [
        f"## {h['before-4-6'] if young else h['before']} {{#before}}",
        "",
        f"{prose.words(w(40))} {h['see']} [{prose.item(30).lower()}](lesson:{others[0]}) "
        f"{'in' if lang == 'sl' else 'and'} [{prose.item(30).lower()}](lesson:{others[1]}).",
        "",
        f"**{h['why']}** {prose.words(w(50))} [{term_text(link_terms[0])}](term:{link_terms[0]}) "
        f"{prose.words(w(30))}",
        "",
        f"**{h['prep']}**",
        "",
        *[f"- {prose.words(w(22))}" for _ in range(4)],
        f"- {prose.words(w(10))} [{h['help']}](page:help#police).",
        "",
        f"**{h['rules']}**:",
        "",
        *[f"{n}. {prose.words(w(10))}" for n in range(1, 5)],
        "",
        prose.words(w(40)),
        "",
        f"## {h['warm-up']} ({warm} min) {{#warm-up}}",
        "",
        prose.words(w(60)),
        "",
        prose.words(w(30)),
        "",
        f"## {h['activity']} {{#activity}}",
        "",
    ]
    for number, minutes in enumerate(steps, start=1):
        body += [f"### {h['step']} {number}: {prose.item(40)} ({minutes} min)", ""]
        if number == 1:
            body += [f"> {prose.words(w(45))}", ">", f"> {prose.words(w(45))}", ">",
                     f"> {prose.words(w(35))} [{term_text(link_terms[1])}](term:{link_terms[1]}).", "",
                     f"| {' | '.join(h['col'])} |", "|---|---|---|",
                     *[f"| {prose.item()} | {prose.item(20)} | {prose.item(20)} |" for _ in range(4)], ""]
        elif number == 2:
            body += [prose.words(w(50)), "",
                     *[f"{n}. {prose.words(w(14))} *({prose.item(25).lower()})*" for n in range(1, 7)], "",
                     f"{prose.words(w(30))} [{term_text(link_terms[2])}](term:{link_terms[2]}).", ""]
        else:
            body += [prose.words(w(70)), "", f"- {prose.words(w(12))}", f"- {prose.words(w(12))}", ""]
    body += [
        f"## {h['discussion']} ({discussion} min) {{#discussion}}",
        "",
        prose.words(w(15)),
        "",
        *[f"- {prose.words(w(10)).rstrip('.')}? ({prose.words(w(8))})" for _ in range(6)],
        f"- {prose.words(w(8)).rstrip('.')}: [{prose.item(30).lower()}](lesson:{others[2]})?",
        "",
        f"## {h['closing']} ({closing} min) {{#closing}}",
        "",
        prose.words(w(25)),
        "",
        f"**{key_message}**",
        "",
        prose.words(w(20)),
        "",
        f"## {h['short-version']} (15 min) {{#short-version}}",
        "",
        *[f"{n}. {prose.words(w(15))}" for n in range(1, 5)],
        "",
        f"## {h['handout-4-6'] if young else h['handout']} {{#handout}}",
        "",
        f"{h['name']}: ______________________",
        "",
        f"**1. {prose.item()}.**",
        "",
        f"| {' | '.join(h['col'])} |", "|---|---|---|",
        *[f"| {prose.item()} | | |" for _ in range(5)],
        "",
        f"**2. {prose.item()}:**",
        "",
        *[f"- {prose.words(w(8))}" for _ in range(3)],
        "",
        f"## {h['at-home']} {{#at-home}}",
        "",
        f"{prose.words(w(60))} [{term_text(link_terms[3])}](term:{link_terms[3]}).",
        "",
        h["key"],
        "",
        f"> **{key_message}**",
        "",
        h["starters"],
        "",
        *[f"{n}. »{prose.words(w(12))}«" if lang == "sl" else f'{n}. "{prose.words(w(12))}"' for n in (1, 2, 3)],
        "",
        f"**{h['moment']}** {prose.words(w(45))} {guide_link}. [{h['band']}](band:{band}).",
        "",
        f"## {h['sources']} {{#sources}}",
        "",
        "- Policija, Nekatere skrivnosti ne smejo ostati skrite, 2018: "
        "https://www.policija.si/medijsko-sredisce/sporocila-za-javnost",
        "- Svet Evrope, Kiko in roka: https://coe.int/web/children/kiko-and-the-hand",
        "",
    ]
    return "\n".join(meta + body)


def _contact_list(root: Path, lang: str) -> str:
    """The help page names every contact of contacts.yml with its number or address (a rule checks it)."""
    import yaml

    data = yaml.safe_load((root / "contacts.yml").read_text(encoding="utf-8")) or {}
    lines = []
    for contact in data.get("contacts", []):
        shown = str(contact.get("number") or str(contact.get("url", "")).removeprefix("https://")
                    .removeprefix("www."))
        name = (contact.get(lang) or {}).get("name", contact.get("id", ""))
        lines.append(f"- **{name}**: {shown}")
    return "\n".join(lines) + "\n\n" if lines else ""


def _page(lang: str, title: str, slug: str, prose: Prose, extra: str = "") -> str:
    stamp = "source_hash: {hash}\n" if lang != "sl" else ""
    sources = "Viri" if lang == "sl" else "Sources"
    return (f"---\ntitle: {_yaml_text(title)}\nslug: {slug}\nsummary: {_yaml_text(prose.words(15))}\n"
            f"reviewed: 2026-11-23\n{stamp}---\n\n## {title} {{#police}}\n\n{prose.words(120)}\n\n"
            f"## TOM {{#tom}}\n\n{prose.words(80)}\n\n{extra}## {sources} {{#sources}}\n\n"
            "- https://www.policija.si/\n")


def _guide(lang: str, key: str, title: str, slug: str, lessons: list[str], prose: Prose) -> str:
    stamp = "source_hash: {hash}\n" if lang != "sl" else ""
    band = key.removeprefix("parents-") if key != "teachers" else ""
    audience = "teachers" if key == "teachers" else "parents"
    head = (f"---\ntitle: {_yaml_text(title)}\nslug: {slug}\nsummary: {_yaml_text(prose.words(20))}\n"
            f"audience: {audience}\n" + (f'band: "{band}"\n' if band else "") + f"reviewed: 2026-11-23\n{stamp}---\n\n")
    parts = PARENT_PARTS if band else ("preparing", "ground-rules", "sources")
    body = []
    for part in parts:
        body.append(f"## {part.replace('-', ' ').capitalize()} {{#{part}}}\n")
        if part == "class-words":
            body += [f"- [{prose.item()}](lesson:{k}): {prose.words(20)}" for k in lessons[:10]] + [""]
        elif part == "sources":
            body.append("- https://www.policija.si/\n")
        else:
            body += [prose.words(150), "", *[f"- {prose.words(15)}" for _ in range(4)], ""]
    return head + "\n".join(body) + "\n"


def make_corpus(root: Path, lessons: int = 1000, words: int = 1200, seed: int = 1, repo: Path = REPO) -> Path:
    """Write the tree into root (which must not exist or be empty); return root.

    The data files come from `repo`/content (a snapshot of the repository, see bench/_common.py)."""
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        raise SystemExit(f"make_corpus: {root} is not empty")
    _data_files(root, repo)
    rng = random.Random(seed)
    prose = {lang: Prose(lang, random.Random(f"{seed}-{lang}")) for lang in ("sl", "en")}
    words_of_key = ["secrets", "touch", "network", "online", "help", "feelings", "body", "pictures", "consent",
                    "friends", "chat", "report", "trust", "no", "safe"]
    keys = [f"{rng.choice(words_of_key)}-{i:04d}" for i in range(1, lessons + 1)]
    by_band: dict[str, list[str]] = {b: [] for b in BANDS}
    for index, key in enumerate(keys, start=1):
        band = BANDS[(index - 1) * len(BANDS) // lessons] if lessons >= len(BANDS) else BANDS[(index - 1) % 5]
        by_band[band].append(key)
        texts = {lang: lesson_text(lang, key, band, index, keys, words, seed) for lang in ("sl", "en")}
        write_pair(root / "lessons" / band / key, texts["sl"], texts["en"])
    contacts = {lang: _contact_list(root, lang) for lang in ("sl", "en")}
    for key, (sl_title, sl_slug, en_title, en_slug) in PAGES.items():
        write_pair(root / "pages" / key,
                   _page("sl", sl_title, sl_slug, prose["sl"], contacts["sl"] if key == "help" else ""),
                   _page("en", en_title, en_slug, prose["en"], contacts["en"] if key == "help" else ""))
    for key, (sl_title, sl_slug, en_title, en_slug) in GUIDES.items():
        band_lessons = by_band.get(key.removeprefix("parents-"), keys)
        write_pair(root / "guides" / key, _guide("sl", key, sl_title, sl_slug, band_lessons, prose["sl"]),
                   _guide("en", key, en_title, en_slug, band_lessons, prose["en"]))
    for key, (sl_term, en_term) in TERMS.items():
        other = rng.choice(sorted(TERMS))
        write_pair(root / "glossary" / key,
                   f"---\nterm: {_yaml_text(sl_term)}\nchild: {_yaml_text(prose['sl'].words(18))}\n---\n\n"
                   f"{prose['sl'].words(50)} Glej tudi [{TERMS[other][0]}](term:{other}).\n",
                   f"---\nterm: {_yaml_text(en_term)}\nchild: {_yaml_text(prose['en'].words(18))}\n"
                   f"source_hash: {{hash}}\n---\n\n{prose['en'].words(50)} "
                   f"See also [{TERMS[other][1]}](term:{other}).\n")
    write_pair(root / "partials" / "disclosure",
               f"---\ntitle: Če vam otrok pove\n---\n\n{prose['sl'].words(60)}\n\n"
               + "\n".join(f"{n}. {prose['sl'].words(15)}" for n in range(1, 6)) + "\n",
               f"---\ntitle: If a child tells you\nsource_hash: {{hash}}\n---\n\n{prose['en'].words(60)}\n\n"
               + "\n".join(f"{n}. {prose['en'].words(15)}" for n in range(1, 6)) + "\n")
    return root


def lesson_files(root: Path) -> list[Path]:
    return sorted(root.glob("lessons/*/*/*.md"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="where to write the content tree (must not exist or be empty)")
    parser.add_argument("--lessons", type=int, default=1000, help="lessons per language (default 1000)")
    parser.add_argument("--words", type=int, default=1200, help="approximate words per lesson (default 1200)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    make_corpus(args.root, args.lessons, args.words, args.seed)
    files = lesson_files(args.root)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in files) / max(1, len(files))
    print(f"Wrote {args.root}: {len(files)} lesson files ({args.lessons} × 2 languages), "
          f"{words:.0f} words per lesson file on average.")


if __name__ == "__main__":
    main()

"""The interface catalogues in translations/: compile them, and report what is not translated."""
from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog as MessageCatalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .fingerprint import REPO_ROOT
from .problems import Problem

TRANSLATIONS = REPO_ROOT / "translations"


def _po_files(root: Path = TRANSLATIONS) -> list[Path]:
    return sorted(root.glob("*/LC_MESSAGES/messages.po"))


def _read(path: Path) -> MessageCatalog:
    with path.open("rb") as handle:
        return read_po(handle)


def compile_catalogues(root: Path = TRANSLATIONS) -> bool:
    """Write messages.mo beside each messages.po (the .mo files are build products, not committed).

    A .mo file is only written when its bytes change; the answer says whether any did.
    """
    changed = False
    for po in _po_files(root):
        compiled = io.BytesIO()
        write_mo(compiled, _read(po), use_fuzzy=False)
        mo = po.with_suffix(".mo")
        if not mo.is_file() or mo.read_bytes() != compiled.getvalue():
            mo.write_bytes(compiled.getvalue())
            changed = True
    return changed


def _untranslated(catalog: MessageCatalog) -> list[str]:
    missing = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or len(strings) < (catalog.num_plurals if message.pluralizable else 1):
            missing.append(str(message.id if isinstance(message.id, str) else message.id[0]))
    return missing


def catalogue_problems(root: Path = TRANSLATIONS) -> list[Problem]:
    """Untranslated and fuzzy interface strings, as warnings naming the .po file and line."""
    problems = []
    for po in _po_files(root):
        catalog = _read(po)
        relative = po.relative_to(root.parent).as_posix()
        for message in catalog:
            if message.id and message.fuzzy:
                line = message.lineno if message.lineno else None
                problems.append(Problem(relative, line, f"fuzzy translation of {message.id!r}: check it and "
                                        "remove the '#, fuzzy' mark.", "warning"))
        for msgid in _untranslated(catalog):
            problems.append(Problem(relative, None, f"untranslated interface text {msgid!r}. Add its msgstr.",
                                    "warning"))
    return problems


def catalogue_status(root: Path = TRANSLATIONS) -> list[str]:
    lines = []
    for po in _po_files(root):
        catalog = _read(po)
        total = sum(1 for m in catalog if m.id)
        fuzzy = sum(1 for m in catalog if m.id and m.fuzzy)
        missing = len(_untranslated(catalog))
        lines.append(f"interface {po.parent.parent.name}: {total - missing}/{total} translated, {fuzzy} fuzzy")
    return lines

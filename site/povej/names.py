"""What a name may be: a slug in an address, a folder on a USB stick, a file on Windows."""
from __future__ import annotations

import re

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_NAME = 60  # a slug or folder name; a page's path then stays far below every system's limit
RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)), *(f"lpt{n}" for n in range(1, 10))}


def portable_name(name: str) -> str | None:
    """What keeps a name from being a folder on every system a site is copied to, or None."""
    if len(name) > MAX_NAME:
        return f"is {len(name)} characters long; the limit is {MAX_NAME} (a USB stick and Windows limit paths)"
    if name.split(".")[0] in RESERVED:
        return ("is a name Windows reserves for devices (con, prn, aux, nul, com1–9, lpt1–9): a ZIP with it "
                "cannot be unpacked there")
    return None

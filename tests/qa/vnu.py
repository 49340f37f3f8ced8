"""The Nu HTML Checker (vnu-jar, run with Java) over every page of a built site, in one Java process."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from povej import REPO_ROOT

VNU = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_errors(root: Path) -> list[str]:
    if not VNU.exists():
        raise FileNotFoundError(f"{VNU} is missing: run 'npm ci' (make test does it).")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html",
                             str(root)], capture_output=True, text=True, check=False)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    root_uri = "file:" + root.resolve().as_posix() + "/"  # vnu writes file:/path, not file:///path
    return [f"{m.get('url', '').removeprefix(root_uri)}:{m.get('lastLine', '?')}: {m['message']}"
            for m in messages if m.get("type") in ("error", "non-document-error")]

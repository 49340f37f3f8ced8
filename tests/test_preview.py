"""The preview server keeps running through a broken edit, shows the problem, and recovers on the next good save."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest

POVEJ = Path(sys.executable).with_name("povej")
PAGE = "/en/help/index.html"  # pages link to folder/index.html, which the preview maps to the folder
BROKEN = "content/pages/help/en.md:4: the front matter is not valid YAML: a ':' where none can be"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture
def server(content: Path, tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """`povej serve` on a free port, with its terminal output in a file; always stopped at the end."""
    port, log = free_port(), tmp_path / "terminal.txt"
    with log.open("w", encoding="utf-8") as terminal:
        process = subprocess.Popen([str(POVEJ), "serve", "--content", str(content), "--port", str(port)],
                                   stdout=terminal, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, log.read_text(encoding="utf-8")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the preview did not start"
                time.sleep(0.05)
        yield port, log
        assert process.poll() is None, "the preview server stopped"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def test_preview_survives_a_broken_edit_and_recovers(content: Path, server: tuple[int, Path]) -> None:
    port, log = server
    page = content / "pages" / "help" / "en.md"
    good = page.read_text(encoding="utf-8")
    status, html = fetch(port, PAGE)
    assert status == 200 and "<h1" in html

    page.write_text(good.replace("summary: Help.", "summary: Help: call 113."), encoding="utf-8")
    status, html = fetch(port, PAGE)
    assert status == 500
    assert BROKEN in unescape(html)
    assert BROKEN in log.read_text(encoding="utf-8")
    assert fetch(port, "/")[0] == 500, "every page shows the problem until it is fixed"

    page.write_text(good, encoding="utf-8")
    status, html = fetch(port, PAGE)
    assert status == 200 and BROKEN not in html
    assert "Traceback" not in log.read_text(encoding="utf-8")

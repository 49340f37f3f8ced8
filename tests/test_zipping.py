"""The download's ZIP writer: readable by zipfile, and a ZIP that reuses the previous one is the same bytes."""
from __future__ import annotations

import zipfile
from pathlib import Path

from povej.speed import zipping

MEMBERS = [(f"povej/{i}.html", (f"stran {i} " * (i % 50 + 1)).encode()) for i in range(300)] + [("povej/č.txt", b"x")]


def test_a_zip_reads_back_as_written(tmp_path: Path) -> None:
    target = tmp_path / "a.zip"
    zipping.write(target, MEMBERS, None)
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        assert [(i.filename, archive.read(i)) for i in archive.infolist()] == MEMBERS


def test_reusing_the_previous_zip_gives_the_bytes_of_a_fresh_one(tmp_path: Path) -> None:
    zipping.write(tmp_path / "old.zip", MEMBERS, None)
    changed = [*MEMBERS[:5], ("povej/5.html", b"changed"), *MEMBERS[6:], ("povej/new.html", b"new")]
    zipping.write(tmp_path / "reused.zip", changed, tmp_path / "old.zip")
    zipping.write(tmp_path / "fresh.zip", changed, None)
    assert (tmp_path / "reused.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()
    (tmp_path / "broken.zip").write_bytes(b"not a zip")
    zipping.write(tmp_path / "from-broken.zip", changed, tmp_path / "broken.zip")
    assert (tmp_path / "from-broken.zip").read_bytes() == (tmp_path / "fresh.zip").read_bytes()

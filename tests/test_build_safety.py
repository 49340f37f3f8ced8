"""A build never leaves a half-written site and never loses one: killed, interrupted, failed, or pointed astray."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from corpuskit import tree_digest
from povej.build import OutputError, build_site
from povej.cli import main
from povej.problems import ContentError
from sitekit import LESSON, write_pair

POVEJ = Path(sys.executable).with_name("povej")
PAGES_ONLY = {"POVEJ_DOWNLOADS": False}
HELP = Path("pages/help/sl.md")


def add_lessons(content: Path, count: int) -> list[Path]:
    """Many lessons, so that a build takes long enough to be killed in the middle."""
    folders = []
    for number in range(count):
        folder = content / "lessons" / "6-9" / f"lesson-{number}"
        write_pair(folder, LESSON["sl"].replace("slug: dobre-in-slabe-skrivnosti", f"slug: lekcija-{number}"),
                   LESSON["en"].replace("slug: good-and-bad-secrets", f"slug: lesson-{number}"))
        folders.append(folder)
    return folders


def dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_a_build_killed_mid_write_leaves_the_previous_site_byte_for_byte(content: Path, tmp_path: Path) -> None:
    output = tmp_path / "out"
    build_site(content, output, settings=PAGES_ONLY)
    before = tree_digest(output)
    extra = add_lessons(content, 150)
    process = subprocess.Popen([str(POVEJ), "build", "--content", str(content), "--output", str(output)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging = tmp_path / f".out.building-{process.pid}"
    try:
        deadline = time.monotonic() + 30
        while not (staging.is_dir() and sum(1 for _ in staging.rglob("index.html")) >= 20):
            assert process.poll() is None, "the build ended before it could be killed: give it more lessons"
            assert time.monotonic() < deadline, "the build never started writing"
            time.sleep(0.02)
        assert process.poll() is None, "the build ended before it could be killed: give it more lessons"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    assert staging.is_dir(), "the kill left its half-written site beside the output"
    assert tree_digest(output) == before

    for folder in extra:
        shutil.rmtree(folder)
    build_site(content, output, settings=PAGES_ONLY)
    assert leftovers(tmp_path) == [], "the next build clears what the killed one left"
    assert tree_digest(output) == before


def test_a_build_killed_between_the_two_renames_loses_nothing(content: Path, tmp_path: Path) -> None:
    """The swap renames the old site away, then the new one in: a kill between the two leaves no `out`."""
    output = tmp_path / "out"
    build_site(content, output, settings=PAGES_ONLY)
    before = tree_digest(output)
    pid = dead_pid()
    output.rename(tmp_path / f".out.old-{pid}")
    (tmp_path / f".out.building-{pid}" / "en").mkdir(parents=True)
    (content / HELP).write_text("---\ntitle: [\n---\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build_site(content, output, settings=PAGES_ONLY)
    assert tree_digest(output) == before, "the retired site is back even though this build failed"
    assert leftovers(tmp_path) == []


def test_a_build_in_progress_is_left_alone(content: Path, tmp_path: Path) -> None:
    running = tmp_path / f".out.building-{os.getppid()}"
    running.mkdir()
    build_site(content, tmp_path / "out", settings=PAGES_ONLY)
    assert running.is_dir()


def test_an_interrupted_build_cleans_up_after_itself(content: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    output = tmp_path / "out"
    build_site(content, output, settings=PAGES_ONLY)
    before = tree_digest(output)

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("povej.build._swap", interrupt)
    with pytest.raises(KeyboardInterrupt):
        build_site(content, output, settings=PAGES_ONLY, force=True)  # the same content: only forced it runs
    assert tree_digest(output) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["content", "parent", "stranger", "file", "lookalike", "fake-mark"])
def test_a_build_refuses_to_replace_what_is_not_a_build(content: Path, tmp_path: Path, where: str) -> None:
    targets = {"content": content, "parent": tmp_path, "stranger": tmp_path / "documents",
               "file": tmp_path / "notes.txt", "lookalike": tmp_path / "s", "fake-mark": tmp_path / "t"}
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "letter.odt").write_bytes(b"keep me")
    for folder in ("s", "t"):  # an index.html, or a mark that is not ours, does not make a folder a build
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_text("x", encoding="utf-8")
        (tmp_path / folder / "thesis.docx").write_bytes(b"keep me")
    (tmp_path / "t" / ".povej-site").write_text("mine", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    before = tree_digest(tmp_path)
    with pytest.raises(OutputError):
        build_site(content, targets[where], settings=PAGES_ONLY)
    assert tree_digest(tmp_path) == before


def test_the_command_says_why_it_refuses_an_output_folder(content: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--content", str(content), "--output", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == (f"Build stopped: the output folder {tmp_path} would replace the content in {content}. "
                             "Choose a folder outside it, e.g. build/.\n")


def test_a_build_replaces_a_site_it_made_and_says_how_it_knows(content: Path, tmp_path: Path) -> None:
    output = tmp_path / "site"
    build_site(content, output, settings=PAGES_ONLY)
    assert (output / ".povej-site").read_text(encoding="utf-8").startswith("This folder is a site built by Povej!")
    (output / "stray.txt").write_text("x", encoding="utf-8")
    build_site(content, output, settings=PAGES_ONLY)
    assert not (output / "stray.txt").exists()
    result = CliRunner().invoke(main, ["build", "--content", str(content), "--output", str(tmp_path / "documents")])
    assert result.exit_code == 0  # an empty or new folder is fine
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "index.html").write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--content", str(content), "--output", str(tmp_path / "mine")])
    assert result.exit_code == 1
    assert result.stderr == (f"Build stopped: the output folder {tmp_path / 'mine'} holds files that a Povej! "
                             "build did not make (a site it makes has a file .povej-site), and a build replaces "
                             "the whole folder. Choose a new or empty folder, or move what you keep there "
                             "elsewhere first.\n")
    assert (tmp_path / "mine" / "index.html").read_text(encoding="utf-8") == "x"


def test_builds_in_separate_processes_are_byte_identical(content: Path, tmp_path: Path) -> None:
    """No timestamps, no hash-seed order, no trace of where the content was: a deploy uploads only changes."""
    elsewhere = tmp_path / "elsewhere" / "content"
    shutil.copytree(content, elsewhere)
    runs = [subprocess.Popen([str(POVEJ), "build", "--content", str(source), "--output", str(tmp_path / name)],
                             env={**os.environ, "PYTHONHASHSEED": seed}, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True)
            for source, name, seed in ((content, "a", "1"), (elsewhere, "b", "2"))]
    for run in runs:
        _, errors = run.communicate(timeout=120)
        assert run.returncode == 0, errors
    first, second = tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")
    assert len(first) > 20
    assert first == second

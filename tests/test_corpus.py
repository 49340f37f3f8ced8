"""The bad-content corpus (every mistake gets its exact message) and the forgiven-content corpus (builds as if clean).

Each case is a folder in tests/corpus/; tests/corpus/README.md says how to add one.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from corpuskit import Case, apply_case, cases, tree_digest
from povej import catalogues
from povej.build import build_site
from povej.cli import main
from sitekit import make_site

BAD = cases("bad")
GOOD = cases("good")
SUMMARY = re.compile(r"^Build stopped: \d+ errors?, \d+ warnings?\.$")
POVEJ = Path(sys.executable).with_name("povej")
# Downloads (ZIPs of the site) do not change what a page says; leaving them out keeps the corpus fast.
PAGES_ONLY = {"POVEJ_DOWNLOADS": False}


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A complete build of the small site: every failed build must leave a copy of it untouched."""
    root = tmp_path_factory.mktemp("previous")
    output = root / "out"
    build_site(make_site(root), output, settings=PAGES_ONLY)
    return output, tree_digest(output)


@pytest.fixture(scope="module")
def clean_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("clean")
    build_site(make_site(root), root / "out", settings=PAGES_ONLY)
    return tree_digest(root / "out")


def run_build(case: Case, content: Path, output: Path) -> Result:
    args = ["build", "--content", str(content), "--output", str(output)] + (["--strict"] if case.strict else [])
    return CliRunner().invoke(main, args)


def test_the_corpus_covers_every_kind_of_mistake() -> None:
    assert len(BAD) >= 30
    assert all((case.folder / "expected.txt").is_file() for case in BAD), "every case needs its expected.txt"


@pytest.mark.parametrize("case", BAD, ids=[c.name for c in BAD])
def test_bad_content_gets_its_exact_message(case: Case, tmp_path: Path, previous_build: tuple[Path, dict[str, str]],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # --strict also checks the interface catalogues; their state is not what this corpus is about.
    monkeypatch.setattr(catalogues, "catalogue_problems", lambda *args: [])
    content = apply_case(case, tmp_path)
    output = tmp_path / "out"
    # Hard links are enough: the digest was taken once, so a change to any linked file still shows.
    shutil.copytree(previous_build[0], output, copy_function=os.link)
    result = run_build(case, content, output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.output
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == case.expected
    assert SUMMARY.match(case.expected[-1])
    assert tree_digest(output) == previous_build[1], "a failed build changed the previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "out"], "a failed build left files behind"


@pytest.mark.parametrize("name", ["many-problems-in-one-run", "not-utf8-windows-1250"])
def test_the_installed_command_reports_without_a_traceback(name: str, tmp_path: Path) -> None:
    """The same, through the real console script in its own process."""
    case = next(c for c in BAD if c.name == name)
    content = apply_case(case, tmp_path)
    done = subprocess.run([str(POVEJ), "build", "--content", str(content), "--output", str(tmp_path / "out")],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines() == case.expected
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("case", GOOD, ids=[c.name for c in GOOD])
def test_forgiven_content_builds_as_if_clean(case: Case, tmp_path: Path, clean_pages: dict[str, str]) -> None:
    content = apply_case(case, tmp_path)
    result = build_site(content, tmp_path / "out", settings=PAGES_ONLY)
    assert [str(w) for w in result.warnings] == []
    assert pages(tree_digest(tmp_path / "out")) == pages(clean_pages)


def pages(digests: dict[str, str]) -> dict[str, str]:
    """Everything built, less the lesson's Markdown offered for download: that is the file as it was saved."""
    return {name: value for name, value in digests.items() if not name.endswith(".md")}

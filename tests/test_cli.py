from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from povej.cli import main


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_build_prints_a_summary_and_where_the_site_is(content: Path, tmp_path: Path) -> None:
    code, output = run("build", "--content", str(content), "--output", str(tmp_path / "out"))
    assert code == 0, output
    assert "Built 66 pages (33 sl, 33 en), 0 warnings, in " in output
    assert f"Open {tmp_path / 'out' / 'index.html'}" in output


def test_an_unchanged_build_says_it_is_up_to_date_and_force_rebuilds(content: Path, tmp_path: Path) -> None:
    build = ("build", "--content", str(content), "--output", str(tmp_path / "out"))
    assert run(*build)[0] == 0
    code, output = run(*build)
    assert code == 0, output
    assert output.startswith("Up to date: nothing changed since the last build (66 pages: 33 sl, 33 en; "
                             "0 warnings), checked in ")
    assert "Built 66 pages" in run(*build, "--force")[1]
    assert "Built 66 pages" in run(*build, "--jobs", "1", "--force")[1]


def test_broken_front_matter_is_one_line_and_exit_1(content: Path, tmp_path: Path) -> None:
    run("build", "--content", str(content), "--output", str(tmp_path / "out"))
    (content / "pages" / "about" / "en.md").write_text("---\ntitle: About\nslug: [about\n---\n", encoding="utf-8")
    code, output = run("build", "--content", str(content), "--output", str(tmp_path / "out"))
    assert code == 1
    lines = output.strip().splitlines()
    assert lines[0].startswith("content/pages/about/en.md:3: the front matter is not valid YAML")
    assert lines[-1] == "Build stopped: 1 error, 0 warnings."
    assert "Traceback" not in output
    assert (tmp_path / "out" / "en" / "about" / "index.html").is_file()


def test_check_reports_every_pair(content: Path) -> None:
    (content / "lessons" / "6-9" / "secrets-to-tell" / "en.md").unlink()
    code, output = run("check", "--content", str(content))
    assert code == 0
    assert "missing   en  lesson   secrets-to-tell" in output
    assert "current   en  page     help" in output
    assert "interface sl: " in output
    code, output = run("check", "--content", str(content), "--strict")
    assert code == 1 and "Check failed: 0 errors, 1 warning." in output


def test_new_scaffolds_a_valid_pair_and_stamp_marks_it_current(content: Path) -> None:
    code, output = run("new", "--content", str(content), "4-6", "my-body-is-mine")
    assert code == 0, output
    folder = content / "lessons" / "4-6" / "my-body-is-mine"
    assert sorted(p.name for p in folder.iterdir()) == ["en.md", "sl.md"]
    code, output = run("check", "--content", str(content))
    assert code == 0, output
    assert "outdated  en  lesson   my-body-is-mine" in output
    code, output = run("stamp", str(folder / "en.md"))
    assert code == 0, output
    assert "current   en  lesson   my-body-is-mine" in run("check", "--content", str(content))[1]


def test_new_refuses_a_bad_key(content: Path) -> None:
    code, output = run("new", "--content", str(content), "4-6", "Moje Telo")
    assert code == 1
    assert "may only use lowercase letters" in output


def test_stamp_quotes_the_hash_so_a_digits_only_hash_stays_text(content: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import povej.scaffold

    monkeypatch.setattr(povej.scaffold, "digest", lambda source: "123456789012")
    target = content / "pages" / "help" / "en.md"
    code, output = run("stamp", str(target))
    assert code == 0, output
    assert 'source_hash: "123456789012"' in target.read_text(encoding="utf-8")

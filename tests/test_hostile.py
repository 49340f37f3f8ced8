"""Files that are not what they seem, in content/: the build never hangs, never reads a device, never gives a
traceback, and leaves the previous build as it was."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

POVEJ = Path(sys.executable).with_name("povej")
LESSON = Path("lessons/6-9/secrets-to-tell")


def build(content: Path, output: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`povej build` in its own process, so that a build that would hang fails the test instead."""
    return subprocess.run([str(POVEJ), "build", "--content", str(content), "--output", str(output),
                           "--no-downloads", *options], capture_output=True, text=True, timeout=120, check=False)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_refused(result: subprocess.CompletedProcess[str], message: str, output: Path,
                   before: dict[str, bytes]) -> None:
    """One clear message, exit 1, no traceback, and the previous build byte for byte as it was."""
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert message in result.stderr
    assert tree(output) == before


@pytest.fixture
def built(content: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    output = tmp_path / "site"
    assert build(content, output).returncode == 0
    return output, tree(output)


@pytest.mark.parametrize("where", [".DS_Store", "lessons/6-9/secrets-to-tell/.DS_Store", "notes"])
def test_a_pipe_in_content_is_never_opened(content: Path, built: tuple[Path, dict[str, bytes]],
                                           where: str) -> None:
    output, before = built
    os.mkfifo(content / where)
    result = build(content, output)
    if where == "notes":  # not an editor's leftover: named, and the build stops
        assert_refused(result, "content/notes: unexpected file in content/.", output, before)
    else:  # an operating system's leftover: ignored, and the site builds
        assert result.returncode == 0, result.stderr


def test_a_pipe_named_like_a_lesson_is_reported_not_read(content: Path, built: tuple[Path, dict[str, bytes]]) -> None:
    output, before = built
    (content / LESSON / "en.md").unlink()
    os.mkfifo(content / LESSON / "en.md")
    result = build(content, output)
    assert_refused(result, "en.md: this is not an ordinary file (a folder, or a link to a file that is gone)",
                   output, before)


def test_a_link_to_a_device_is_refused_without_reading_it(content: Path,
                                                        built: tuple[Path, dict[str, bytes]]) -> None:
    output, before = built
    (content / LESSON / "picture.png").symlink_to("/dev/zero")
    result = build(content, output)
    assert_refused(result, "picture.png: this is a link to a file outside content/.", output, before)


def test_an_editors_dangling_lock_link_is_ignored(content: Path, built: tuple[Path, dict[str, bytes]]) -> None:
    output, _ = built
    (content / LESSON / ".#sl.md").symlink_to("user@host.1234:1700000000")
    result = build(content, output)
    assert result.returncode == 0, result.stderr


def test_a_new_folder_or_link_is_a_change_the_up_to_date_check_sees(content: Path,
                                                                   built: tuple[Path, dict[str, bytes]]) -> None:
    output, _ = built
    assert "Up to date" in build(content, output).stdout
    (content / "lessons" / "6-9" / "loop").symlink_to("loop")
    result = build(content, output)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "loop" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_gets_the_projects_message(content: Path, built: tuple[Path, dict[str, bytes]]) -> None:
    output, before = built
    (content / LESSON / "en.md").chmod(0)
    result = build(content, output)
    assert_refused(result, "en.md: the file cannot be read (Permission denied).", output, before)


def test_a_huge_file_is_refused_without_being_read_whole(content: Path, built: tuple[Path, dict[str, bytes]]) -> None:
    output, before = built
    with (content / LESSON / "en.md").open("r+b") as handle:
        handle.truncate(8 * 1024 * 1024 * 1024)  # sparse: 8 GB that take no disk
    result = build(content, output)
    assert_refused(result, "en.md: the file is 8388608 KB; the limit is 256 KB.", output, before)


def test_a_data_file_that_is_a_pipe_is_reported(content: Path, built: tuple[Path, dict[str, bytes]]) -> None:
    output, before = built
    (content / "changes.yml").unlink()
    os.mkfifo(content / "changes.yml")
    result = build(content, output)
    assert_refused(result, "changes.yml: this is not an ordinary file (a pipe, a device, a socket or a folder)",
                   output, before)


SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="{r}"/></svg>'


def with_picture(content: Path) -> Path:
    lesson = content / LESSON / "en.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("A game.", "A game.\n\n![A hand](hand.svg)"),
                      encoding="utf-8")
    (content / LESSON / "hand.svg").write_text(SVG.format(r=4), encoding="utf-8")
    return content / LESSON / "hand.svg"


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_a_picture_deleted_after_a_good_build_gets_the_missing_picture_message(content: Path, tmp_path: Path,
                                                                               force: list[str]) -> None:
    picture = with_picture(content)
    output = tmp_path / "site"
    assert build(content, output).returncode == 0
    before = tree(output)
    picture.unlink()
    result = build(content, output, *force)
    assert_refused(result, "en.md:28: the picture 'hand.svg' does not exist in secrets-to-tell/.", output, before)


def test_an_edited_picture_reaches_the_site_and_the_download(content: Path, tmp_path: Path) -> None:
    import zipfile

    picture = with_picture(content)
    output = tmp_path / "site"
    full = [str(POVEJ), "build", "--content", str(content), "--output", str(output)]
    assert subprocess.run(full, capture_output=True, timeout=300, check=False).returncode == 0
    picture.write_text(SVG.format(r=5), encoding="utf-8")
    assert subprocess.run(full, capture_output=True, timeout=300, check=False).returncode == 0
    assert b'r="5"' in (output / "media" / "lesson" / "secrets-to-tell" / "hand.svg").read_bytes()
    for download in (output / "downloads").glob("*.zip"):
        with zipfile.ZipFile(download) as archive:
            inside = [n for n in archive.namelist() if n.endswith("hand.svg")]
            assert all(b'r="5"' in archive.read(n) for n in inside), download.name


@pytest.mark.parametrize("url", ["javascript:alert(1)", "https://example.org\nDisallow: /", "example.org",
                                 "https://exa mple.org", "https://example.org/\"><script>"])
def test_a_base_url_that_is_not_a_web_address_is_refused(content: Path, tmp_path: Path, url: str) -> None:
    result = build(content, tmp_path / "site", "--base-url", url)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Invalid value for '--base-url': must be the web address the site will have" in result.stderr
    assert not (tmp_path / "site").exists()


def test_too_many_jobs_are_refused(content: Path, tmp_path: Path) -> None:
    result = build(content, tmp_path / "site", "--jobs", "200")
    assert result.returncode == 2 and "200 is not in the range 0<=x<=64" in result.stderr


@pytest.mark.parametrize(("host", "status"), [("127.0.0.1:5000", 200), ("localhost:5000", 200), ("[::1]:5000", 200),
                                              ("evil.example:5000", 403), ("127.0.0.1.evil.example", 403)])
def test_the_preview_answers_only_to_local_names(content: Path, host: str, status: int) -> None:
    from werkzeug.test import Client

    from povej.preview import PreviewApp

    response = Client(PreviewApp(content)).get("/sl/", headers={"Host": host})
    assert response.status_code == status


def test_the_preview_shows_an_impossible_date_then_the_fixed_site(content: Path) -> None:
    from werkzeug.test import Client

    from povej.preview import PreviewApp

    client = Client(PreviewApp(content))
    assert client.get("/en/", headers={"Host": "127.0.0.1:5000"}).status_code == 200
    contacts = content / "contacts.yml"
    good = contacts.read_text(encoding="utf-8")
    contacts.write_text(good.replace("last_checked: 2026-11-23", "last_checked: 2026-02-30"), encoding="utf-8")
    for _ in range(2):  # an error page each time, never the stale site
        page = client.get("/en/", headers={"Host": "127.0.0.1:5000"})
        assert page.status_code == 500 and "is not a real date" in page.text
    contacts.write_text(good.replace("2026-11-23", "2026-11-24"), encoding="utf-8")
    page = client.get("/en/", headers={"Host": "127.0.0.1:5000"})
    assert page.status_code == 200 and "24 November 2026" in page.text

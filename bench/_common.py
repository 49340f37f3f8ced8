"""Helpers shared by the benchmark scripts: timed subprocesses, a preview-latency probe, tables and JSON."""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
OUT = BENCH / "out"
VENV_BIN = REPO / ".venv" / "bin"
POVEJ = VENV_BIN / "povej"


@dataclass(frozen=True)
class Timed:
    seconds: float
    max_rss_mb: float
    cpu_seconds: float
    returncode: int
    stdout: str
    stderr: str


def snapshot_code(dest: Path) -> Path:
    """Copy the code, catalogues and data files as they are now, so one benchmark measures one version.

    Others edit site/povej/ and content/ while a benchmark runs for many minutes; builds run from this copy
    (PYTHONPATH=<dest>/site, ahead of the editable install) and the corpus takes its data files from it.
    """
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "site", dest / "site", ignore=ignore)
    shutil.copytree(REPO / "translations", dest / "translations", ignore=ignore)
    (dest / "content").mkdir(parents=True)
    for data in (REPO / "content").glob("*.yml"):
        shutil.copy(data, dest / "content" / data.name)
    (dest / "tests").mkdir()
    if (REPO / "tests" / "sitekit.py").exists():
        shutil.copy(REPO / "tests" / "sitekit.py", dest / "tests" / "sitekit.py")
    # Byte-compile once: with PYTHONDONTWRITEBYTECODE set, every build would compile the package again.
    subprocess.run([VENV_BIN / "python", "-m", "compileall", "-q", str(dest / "site")], check=True)
    return dest


def povej_command(code: Path | None) -> tuple[list[str | Path], dict[str, str]]:
    """How to run `povej` from a snapshot (or from the working tree when code is None)."""
    if code is None:
        return [POVEJ], {}
    return ([VENV_BIN / "python", "-c", "import sys; sys.argv[0] = 'povej'; from povej.cli import main; main()"],
            {"PYTHONPATH": str(code / "site")})


def run_timed(command: Sequence[str | Path], cwd: Path | None = None, timeout: float = 1800,
              env: dict[str, str] | None = None) -> Timed:
    """Run a command in a fresh process; wall time and the peak RSS of that process (os.wait4's rusage)."""
    out_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-{os.getpid()}-{time.monotonic_ns()}"
    with Path(f"{out_path}.out").open("w+b") as out, Path(f"{out_path}.err").open("w+b") as err:
        started = time.perf_counter()
        process = subprocess.Popen([str(c) for c in command], cwd=cwd, stdout=out, stderr=err,
                                   env={**os.environ, **(env or {})})
        killer = threading.Timer(timeout, process.kill)  # a hung build must not hang the benchmark
        killer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)  # blocks without polling; rusage of this child only
        finally:
            killer.cancel()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(errors="replace"), err.read().decode(errors="replace")
    for suffix in (".out", ".err"):
        Path(f"{out_path}{suffix}").unlink(missing_ok=True)
    return Timed(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, process.returncode, stdout,
                 stderr)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_get(url: str, timeout: float = 120) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", errors="replace")


def wait_for(url: str, timeout: float, process: subprocess.Popen[bytes] | None = None) -> float:
    """Poll until the URL answers 200; return the seconds it took."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before answering {url}")
        try:
            status, _ = http_get(url, timeout=timeout)
            if status == 200:
                return time.perf_counter() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not answer 200 within {timeout:.0f} s")


def insert_marker(path: Path, marker: str) -> str:
    """Put `marker` at the start of the warm-up paragraph of a lesson file; return the original text."""
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    at = next(i for i, line in enumerate(lines) if "{#warm-up}" in line)
    first = next(i for i in range(at + 1, len(lines)) if lines[i].strip())
    lines[first] = f"{marker} {lines[first]}"
    path.write_text("\n".join(lines), encoding="utf-8")
    return original


@dataclass
class PreviewResult:
    start_seconds: float = 0.0
    idle_request_seconds: list[float] | None = None
    edit_seconds: list[float] | None = None
    error: str = ""


def preview_latency(command: Sequence[str | Path], base: str, page: str, lesson_file: Path, runs: int,
                    log: Path, start_timeout: float = 600, edit_timeout: float = 300,
                    cwd: Path | None = None, env: dict[str, str] | None = None) -> PreviewResult:
    """Start a preview server, GET a lesson, edit its file, and time until a GET shows the edit.

    The clock starts when the edited file has been written and stops when the first GET that returns the new
    text completes; GETs are sent back to back, as a browser being reloaded would.
    """
    result = PreviewResult(idle_request_seconds=[], edit_seconds=[])
    with log.open("wb") as handle:
        process = subprocess.Popen([str(c) for c in command], stdout=handle, stderr=subprocess.STDOUT, cwd=cwd,
                                   env={**os.environ, **(env or {})})
        try:
            result.start_seconds = wait_for(base + page, start_timeout, process)
            for _ in range(5):
                started = time.perf_counter()
                http_get(base + page)
                result.idle_request_seconds.append(time.perf_counter() - started)  # type: ignore[union-attr]
            for run in range(runs):
                marker = f"benchedit{run}x{time.monotonic_ns() % 10**9}"
                original = insert_marker(lesson_file, marker)
                try:
                    started = time.perf_counter()
                    while True:
                        status, text = http_get(base + page, timeout=edit_timeout)
                        if status == 200 and marker in text:
                            break
                        if time.perf_counter() - started > edit_timeout:
                            raise TimeoutError(f"the edit did not show within {edit_timeout:.0f} s")
                        time.sleep(0.01)
                    result.edit_seconds.append(time.perf_counter() - started)  # type: ignore[union-attr]
                finally:
                    lesson_file.write_text(original, encoding="utf-8")
                # let the server pick up the restored file before the next edit
                deadline = time.perf_counter() + edit_timeout
                while time.perf_counter() < deadline:
                    status, text = http_get(base + page, timeout=edit_timeout)
                    if status == 200 and marker not in text:
                        break
                    time.sleep(0.05)
        except Exception as error:
            result.error = f"{type(error).__name__}: {error}"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return result


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def fmt_seconds(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def fmt_runs(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def code_state(code: Path | None = None) -> dict[str, Any]:
    """Which code was measured: the commit, the files changed since, and a hash of site/povej/ as it was."""
    import hashlib

    root = code or REPO
    digest = hashlib.sha256()
    for path in sorted((root / "site" / "povej").rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    git = lambda *a: subprocess.run(["git", "-C", str(REPO), *a], capture_output=True, text=True).stdout  # noqa: E731
    return {"commit": git("rev-parse", "--short", "HEAD").strip(),
            "changed": [line[3:] for line in git("status", "--porcelain", "--", "site").splitlines()],
            "site_povej_sha256": digest.hexdigest()[:16]}


def machine() -> dict[str, Any]:
    load = os.getloadavg()
    cpu = ""
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    return {"cpus": os.cpu_count(), "cpu": cpu, "python": platform.python_version(),
            "platform": platform.platform(), "load_average_at_start": [round(x, 2) for x in load],
            "when": dt.datetime.now().isoformat(timespec="seconds")}


def write_json(name: str, data: dict[str, Any]) -> Path:
    OUT.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = OUT / f"{name}-{stamp}.json"
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    path.write_text(text, encoding="utf-8")
    (OUT / f"{name}-latest.json").write_text(text, encoding="utf-8")
    return path


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"  # noqa: E731
    return "\n".join([line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def page_sizes(root: Path, limit: int = 30 * 1024) -> dict[str, Any]:
    """Sizes of the HTML pages of a build (what a reader downloads before CSS)."""
    sizes = sorted((p.stat().st_size, p.relative_to(root).as_posix()) for p in root.rglob("*.html"))
    if not sizes:
        return {"pages": 0}
    values = [s for s, _ in sizes]
    return {"pages": len(values), "median_bytes": int(statistics.median(values)),
            "p95_bytes": values[int(0.95 * (len(values) - 1))], "max_bytes": values[-1], "max_page": sizes[-1][1],
            "over_limit": sum(1 for v in values if v > limit), "limit_bytes": limit,
            "largest": [{"page": p, "bytes": s} for s, p in sizes[-5:][::-1]],
            "total_bytes": sum(values)}


def log_step(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def check(ok: bool, message: str) -> None:
    if not ok:
        raise SystemExit(message)


Progress = Callable[[str], None]

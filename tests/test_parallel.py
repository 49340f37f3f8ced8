"""The worker processes a build forks: results in order, failures reported, no worker left behind."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from povej.speed.parallel import WorkerError, map_jobs, run_jobs


def square(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_map_jobs_keeps_the_order_and_uses_several_processes() -> None:
    results = map_jobs(square, list(range(50)), workers=3)
    assert [value for value, _ in results] == [n * n for n in range(50)]
    assert len({pid for _, pid in results}) == 3


def test_a_failing_worker_is_reported_with_its_traceback() -> None:
    def fail_on_seven(n: int) -> int:
        if n == 7:
            raise ValueError("seven is not allowed")
        return n

    with pytest.raises(WorkerError, match="seven is not allowed"):
        map_jobs(fail_on_seven, list(range(10)), workers=2)


def test_run_jobs_runs_every_job_once_in_its_own_process(tmp_path: Path) -> None:
    def job(n: int) -> None:
        (tmp_path / f"{n}-{os.getpid()}").touch()

    run_jobs([lambda n=n: job(n) for n in range(6)], workers=2, weights=[5, 1, 1, 1, 1, 1])
    names = sorted(p.name for p in tmp_path.iterdir())
    assert sorted(int(name.split("-")[0]) for name in names) == list(range(6))
    by_pid: dict[str, list[int]] = {}
    for name in names:
        n, pid = name.split("-")
        by_pid.setdefault(pid, []).append(int(n))
    assert sorted(map(sorted, by_pid.values())) == [[0], [1, 2, 3, 4, 5]], "the heaviest job gets a worker alone"


def test_run_jobs_reports_a_failure_in_another_process() -> None:
    def boom() -> None:
        raise RuntimeError("worker failed on purpose")

    with pytest.raises(WorkerError, match="worker failed on purpose"):
        run_jobs([lambda: None, boom], workers=2)

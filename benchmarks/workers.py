"""Scaling benchmark: the exercise checks of 200 generated exercises on 1 vs 2 pytest-xdist workers.

Both sides run in this one process run, on the same generated corpus.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .corpus import write_corpus
from .table import Row

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = 40
EXERCISES_PER_NOTEBOOK = 5
WORKERS = (1, 2)
# Runs of each side, interleaved, so that load from other processes falls on both sides alike.
REPEATS = 3
# The exercise checks' item ids end with the check's name: SLUG::NAME::solution|sct|sample.
EXERCISE_CHECKS = ("solution", "sct", "sample")
SELECT = " or ".join(EXERCISE_CHECKS)


def pytest_command(workers: int) -> list[str]:
    """Return the pytest command that runs only the exercise checks of ./notebooks on `workers` workers.

    `--dist loadgroup` sends an exercise's solution and SCT checks, which share one session, to one worker.
    """
    return [sys.executable, "-m", "pytest", "-p", "scripts.checks.plugin", "-p", "no:cacheprovider",
            "-q", "-n", str(workers), "--dist", "loadgroup", "-k", SELECT, "notebooks"]  # fmt: skip


def run_checks(workers: int, project: Path) -> tuple[float, int]:
    """Run the exercise checks in `project`; return the wall time in seconds and the number passed; stop if any fails."""
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    result = subprocess.run(pytest_command(workers), cwd=project, env=environment, check=False, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    passed = re.search(r"(\d+) passed", result.stdout)
    if result.returncode != 0 or not passed:
        raise SystemExit(f"exercise checks failed with -n {workers}:\n{result.stdout[-3000:]}{result.stderr[-2000:]}")
    return elapsed, int(passed.group(1))


def main(rows: list[Row] | None = None) -> int:
    exercises = NOTEBOOKS * EXERCISES_PER_NOTEBOOK
    checks = exercises * len(EXERCISE_CHECKS)
    times: dict[int, list[float]] = {workers: [] for workers in WORKERS}
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as tmp:
        # A fixed folder name: pytest's -k also matches the names of the folders above the items.
        project = Path(tmp) / "project"
        write_corpus(project / "notebooks", notebooks=NOTEBOOKS, exercises_per_notebook=EXERCISES_PER_NOTEBOOK)
        print(f"corpus: {NOTEBOOKS} notebooks, {exercises} exercises, {checks} checks ({', '.join(EXERCISE_CHECKS)})")
        print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
        for _ in range(REPEATS):
            for workers in WORKERS:
                elapsed, passed = run_checks(workers, project)
                if passed != checks:
                    print(f"-n {workers}: expected {checks} checks to pass, {passed} did")
                    return 1
                times[workers].append(elapsed)
                print(f"-n {workers}: {passed} checks passed in {elapsed:.1f} s", flush=True)
    one, two = (statistics.median(times[workers]) for workers in WORKERS)
    print(
        f"exercise checks of {exercises} exercises (median of {REPEATS}): 1 worker {one:.1f} s, 2 workers {two:.1f} s: {one / two:.2f}x faster"
    )
    if rows is not None:
        rows.append(
            Row(
                "exercise checks of the generated exercises, 2 workers against 1 (medians)",
                f"2 workers {two:.1f} s",
                f"1 worker {one:.1f} s",
                f"{one / two:.2f}x",
            )
        )
    return 0

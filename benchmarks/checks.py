"""`make bench`: our exercise checks against `pytest --nbmake -n auto`, on the same 20 generated notebooks (100 exercises).

(a) our checks: every exercise's code read for what it needs of Python (vermin), its
    solution run in the exercise runtime (Python 3.6), its SCT on the solution and on
    the sample there (the solution and each submission in a process of its own, forked
    from a session of the runtime's warm template), its pre-exercise code and solution
    on the site's Python too, and its sample compiled: the exercise items only, in one
    pytest process that keeps one session per CPU (and one more) running;
(b) nbmake on all CPUs (`-n auto`): the same notebooks cut down to what it can run
    (plain cells, then each exercise's pre-exercise code and solution), one kernel per
    notebook, on the site's Python.
(a) and (b) run as `pytest` subprocesses, alternately, `--repeats` times each; the
medians are compared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from .corpus import write_corpus
from .table import Row

REPO = Path(__file__).resolve().parents[1]
TARGET = 2.5  # our checks must be at least this many times faster than nbmake -n auto
DROPPED_TAGS = {"sample-code", "sct", "hint"}  # parts nbmake cannot run or check
EXERCISE_ITEMS = "not flow and not content and not site and not mutants"


def cut_down(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return the notebook without the exercise parts nbmake cannot use (sample, SCT, hint)."""
    kept = nbformat.v4.new_notebook(metadata=notebook.metadata)
    kept.cells = [cell for cell in notebook.cells if not DROPPED_TAGS & set(cell.metadata.get("tags", []))]
    return kept


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Run a command; return (wall seconds, exit status, last line of its output)."""
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""), **(env or {})}
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    lines = (done.stdout + done.stderr).strip().splitlines()
    return elapsed, done.returncode, lines[-1] if lines else ""


def main(argv: list[str] | None = None, rows: list[Row] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks checks", description=__doc__.split("\n")[0])
    parser.add_argument("--notebooks", type=int, default=20, help="notebooks in the corpus (default: %(default)s)")
    parser.add_argument("--exercises", type=int, default=5, help="exercises per notebook (default: %(default)s)")
    parser.add_argument(
        "--repeats", type=int, default=3, help="runs of each side, alternating; medians are compared (default: %(default)s)"
    )
    args = parser.parse_args(argv if argv is not None else [])  # `python -m benchmarks` calls main() with none
    # Both sides run without the pytest plugins of this environment that neither needs: hypothesis's
    # imports all of hypothesis to print its summary, the cache writes to the corpus folder.
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:hypothesispytest"]
    with tempfile.TemporaryDirectory(prefix="bench-checks-") as tmp:
        ours, theirs = Path(tmp, "ours"), Path(tmp, "nbmake")
        paths = write_corpus(ours / "notebooks", args.notebooks, args.exercises)
        (ours / "pytest.ini").write_text("[pytest]\naddopts = -p scripts.checks.plugin\n")
        (theirs / "notebooks").mkdir(parents=True)
        (theirs / "pytest.ini").write_text("[pytest]\n")
        for path in paths:
            nbformat.write(cut_down(nbformat.read(path, as_version=4)), theirs / "notebooks" / path.name)
        cpus = len(os.sched_getaffinity(0))
        print(
            f"{args.notebooks} notebooks, {args.notebooks * args.exercises} exercises, {cpus} CPUs, load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        runs = [
            (
                "our checks (runtime: solution, SCT on solution and sample; site: solution)",
                ours,
                ["notebooks", "-k", EXERCISE_ITEMS],
                {},
            ),
            ("pytest --nbmake -n auto (plain cells, pre-exercise code, solution)", theirs, ["--nbmake", "-n", "auto", "notebooks"], {}),
        ]
        times: list[list[float]] = [[] for _ in runs]
        failed = False
        for _ in range(args.repeats):
            for index, (name, cwd, extra, env) in enumerate(runs):
                seconds, status, last = timed([*pytest, *extra], cwd, env)
                times[index].append(seconds)
                failed |= status != 0
                print(f"  {name:68} {seconds:6.1f} s   {last}", flush=True)
    ours_median, theirs_median = (statistics.median(side) for side in times)
    ratio = theirs_median / ours_median
    print(f"  medians of {args.repeats}: our checks {ours_median:.1f} s, nbmake -n auto {theirs_median:.1f} s: {ratio:.1f}x faster")
    print(f"  target: at least {TARGET:g}x faster than nbmake -n auto: {'met' if ratio >= TARGET else 'NOT met'}")
    if rows is not None:
        rows.append(
            Row(
                "checks of the generated exercises in the runtime (solution with its Python version read and its run on the site's Python, SCT on solution and sample, sample; medians)",
                f"{args.notebooks * args.exercises} exercises: {ours_median:.1f} s",
                f"`pytest --nbmake -n auto` {theirs_median:.1f} s",
                f"{ratio:.1f}x faster ({TARGET:g}x)",
            )
        )
    return 1 if failed or ratio < TARGET else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

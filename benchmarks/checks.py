"""`make bench`: our exercise checks against `pytest --nbmake`, on the same 20 generated notebooks (100 exercises).

(a) our checks: every exercise's isolated solution run, its SCT on the solution
    and on the sample, and its sample compiled (the exercise items only);
(b) nbmake: the same notebooks cut down to what it can run (plain cells, then
    each exercise's pre-exercise code and solution), one kernel per notebook.
All run as `pytest` subprocesses, one after the other, on the same machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from .corpus import write_corpus

REPO = Path(__file__).resolve().parents[1]
TARGET = 5.0  # our checks must be at least this many times faster
DROPPED_TAGS = {"sample-code", "sct", "hint"}  # parts nbmake cannot run or check
EXERCISE_ITEMS = "not flow and not content and not site"


def cut_down(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return the notebook without the exercise parts nbmake cannot use (sample, SCT, hint)."""
    kept = nbformat.v4.new_notebook(metadata=notebook.metadata)
    kept.cells = [cell for cell in notebook.cells if not DROPPED_TAGS & set(cell.metadata.get("tags", []))]
    return kept


def timed(command: list[str], cwd: Path) -> tuple[float, int, str]:
    """Run a command; return (wall seconds, exit status, last line of its output)."""
    env = {**os.environ, "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    lines = (done.stdout + done.stderr).strip().splitlines()
    return elapsed, done.returncode, lines[-1] if lines else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks checks", description=__doc__.split("\n")[0])
    parser.add_argument("--notebooks", type=int, default=20, help="notebooks in the corpus (default: %(default)s)")
    parser.add_argument("--exercises", type=int, default=5, help="exercises per notebook (default: %(default)s)")
    parser.add_argument(
        "-n",
        "--workers",
        default="2",
        help="pytest-xdist workers for nbmake's parallel run (default: %(default)s, the 2 cores of the target machine)",
    )
    args = parser.parse_args(argv if argv is not None else [])  # `python -m benchmarks` calls main() with none
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    with tempfile.TemporaryDirectory(prefix="bench-checks-") as tmp:
        ours, theirs = Path(tmp, "ours"), Path(tmp, "nbmake")
        paths = write_corpus(ours / "notebooks", args.notebooks, args.exercises)
        (ours / "pytest.ini").write_text("[pytest]\naddopts = -p scripts.checks.plugin\n")
        (theirs / "notebooks").mkdir(parents=True)
        (theirs / "pytest.ini").write_text("[pytest]\n")
        for path in paths:
            nbformat.write(cut_down(nbformat.read(path, as_version=4)), theirs / "notebooks" / path.name)
        print(f"{args.notebooks} notebooks, {args.notebooks * args.exercises} exercises, {os.cpu_count()} CPUs", flush=True)
        # Our plugin keeps one session per core busy by itself; nbmake needs xdist for that.
        runs = [
            ("our checks (solution, SCT on solution and sample, sample)", ours, ["notebooks", "-k", EXERCISE_ITEMS]),
            ("pytest --nbmake (plain cells, pre-exercise code, solution)", theirs, ["--nbmake", "notebooks"]),
            (f"pytest --nbmake -n {args.workers}", theirs, ["--nbmake", "-n", args.workers, "notebooks"]),
        ]
        times, failed = [], False
        for name, cwd, extra in runs:
            seconds, status, last = timed([*pytest, *extra], cwd)
            times.append(seconds)
            failed |= status != 0
            print(f"  {name:60} {seconds:6.1f} s   {last}", flush=True)
    ratio = min(times[1:]) / times[0]
    print(
        f"  our checks are {times[1] / times[0]:.1f}x faster than nbmake, {times[2] / times[0]:.1f}x faster than nbmake -n {args.workers}"
    )
    print(f"  against nbmake's best: {ratio:.1f}x (target: at least {TARGET:g}x): {'met' if ratio >= TARGET else 'NOT met'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""`make bench`: our exercise checks against `pytest --nbmake -n auto`, on the same 20 generated notebooks (100 exercises).

(a) our checks: every exercise's solution run, its SCT on the solution and on
    the sample (the solution and each submission in a process of its own,
    forked from one warm template process; the SCT in a session host), and its
    sample compiled: the exercise items only, in one pytest process that keeps
    one session host per CPU (and one more) busy;
(b) nbmake on all CPUs (`-n auto`): the same notebooks cut down to what it can
    run (plain cells, then each exercise's pre-exercise code and solution), one
    kernel per notebook;
(c) the floor of (a): a new interpreter that imports what the template process
    imports (numpy, matplotlib, pandas, pythonwhat), then forks as many
    processes as (a) used (they exit at once), as many at a time as there are CPUs.
(a) and (b) run as `pytest` subprocesses, alternately, `--repeats` times each;
the medians are compared. (a) reports its process count through the
BLOG_CHECKS_STATS file the plugin writes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from .corpus import write_corpus

REPO = Path(__file__).resolve().parents[1]
TARGET = 4.0  # our checks must be at least this many times faster than nbmake -n auto
DROPPED_TAGS = {"sample-code", "sct", "hint"}  # parts nbmake cannot run or check
EXERCISE_ITEMS = "not flow and not content and not site and not mutants"
FLOOR = """\
import json, os, sys, time
started = time.perf_counter()
os.environ["MPLBACKEND"] = "Agg"
for module in sys.argv[2:]:
    __import__(module)
imported = time.perf_counter()
cpus, running = len(os.sched_getaffinity(0)), 0
for _ in range(int(sys.argv[1])):
    if running == cpus:
        os.wait()
        running -= 1
    if os.fork() == 0:
        os._exit(0)
    running += 1
while running:
    os.wait()
    running -= 1
print(json.dumps({"imports": imported - started, "forks": time.perf_counter() - imported}))
"""


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


def floor(processes: int) -> tuple[float, float, float]:
    """Return (wall seconds, of which imports, of which forks) of the floor: one warm-up, then `processes` forks."""
    from scripts.checks.tasks import WARM_MODULES

    modules = [module for module in WARM_MODULES if not module.startswith("scripts.")]
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", FLOOR, str(processes), *modules], capture_output=True, text=True, check=True)
    parts = json.loads(done.stdout)
    return time.perf_counter() - started, parts["imports"], parts["forks"]


def main(argv: list[str] | None = None) -> int:
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
        ours, theirs, stats = Path(tmp, "ours"), Path(tmp, "nbmake"), Path(tmp, "stats.json")
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
                "our checks (solution, SCT on solution and sample, sample)",
                ours,
                ["notebooks", "-k", EXERCISE_ITEMS],
                {"BLOG_CHECKS_STATS": str(stats)},
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
        processes = json.loads(stats.read_text())["processes"]
    ours_median, theirs_median = (statistics.median(side) for side in times)
    floor_wall, imports, forks = floor(processes)
    ratio = theirs_median / ours_median
    print(f"  medians of {args.repeats}: our checks {ours_median:.1f} s, nbmake -n auto {theirs_median:.1f} s: {ratio:.1f}x faster")
    print(
        f"  floor: {floor_wall:.1f} s (one import of numpy, matplotlib, pandas and pythonwhat {imports:.1f} s, "
        f"then {processes} forks, the processes our checks used, {forks:.1f} s); our checks take {ours_median / floor_wall:.1f}x the floor"
    )
    print(f"  target: at least {TARGET:g}x faster than nbmake -n auto: {'met' if ratio >= TARGET else 'NOT met'}")
    return 1 if failed or ratio < TARGET else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

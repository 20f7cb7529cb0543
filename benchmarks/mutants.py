"""`make bench`: the mutants checks of the blog's own exercises (notebooks/) against their target, 2 minutes on 2 CPUs.

(a) the mutants checks: every exercise's mutants, as `make mutants` runs them
    (`pytest notebooks -m mutants`), in one pytest process that keeps one
    session per CPU (and one more) running;
(b) for scale, the exercises' other checks in the same way: solution, SCT on
    the solution, the sample and the alternatives, the sample compiled.
Both run as `pytest` subprocesses, alternately, `--repeats` times each; the
medians are compared, and (a)'s with the target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys

from .checks import REPO, timed
from .table import Row

TARGET = 120.0  # seconds the mutants of the series may take on 2 CPUs
MUTANTS = "mutants"
OTHER_EXERCISE_CHECKS = "not flow and not content and not site and not mutants"


def main(argv: list[str] | None = None, rows: list[Row] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks mutants", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--repeats", type=int, default=3, help="runs of each side, alternating; medians are compared (default: %(default)s)"
    )
    parser.add_argument("-k", dest="keyword", default="", help="only the exercises pytest's -k selects (e.g. a quick trial run)")
    args = parser.parse_args(argv if argv is not None else [])  # `python -m benchmarks` calls main() with none
    pytest = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "notebooks"]
    also = f" and ({args.keyword})" if args.keyword else ""
    runs = [
        ("the mutants checks (make mutants)", ["-m", MUTANTS, *(["-k", args.keyword] if args.keyword else [])]),
        ("the other exercise checks", ["-k", f"{OTHER_EXERCISE_CHECKS}{also}"]),
    ]
    print(f"notebooks/ of the repository, {len(os.sched_getaffinity(0))} CPUs, load average {os.getloadavg()[0]:.1f}", flush=True)
    times: list[list[float]] = [[] for _ in runs]
    failed = False
    for _ in range(args.repeats):
        for index, (name, extra) in enumerate(runs):
            seconds, status, last = timed([*pytest, *extra], REPO)
            times[index].append(seconds)
            failed |= status != 0
            print(f"  {name:40} {seconds:6.1f} s   {last}", flush=True)
    mutants, others = (statistics.median(side) for side in times)
    print(f"  medians of {args.repeats}: mutants {mutants:.1f} s, the other exercise checks {others:.1f} s ({mutants / others:.1f}x)")
    print(f"  target: the mutants within {TARGET:g} s on 2 CPUs: {'met' if mutants <= TARGET else 'NOT met'}")
    if rows is not None and not args.keyword:
        rows.append(
            Row(
                "the mutants checks of the blog's exercises (`make mutants`, medians)",
                f"{mutants:.1f} s",
                f"the target, {TARGET:g} s",
                "met" if mutants <= TARGET else "NOT met",
            )
        )
    return 1 if failed or mutants > TARGET else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

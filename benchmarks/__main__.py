"""`make bench`: run every benchmark, or the ones named (`python -m benchmarks convert checks`), and rewrite
their rows of the table in docs/benchmarks.md."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from .table import DOC, Row, rewrite

BENCHMARKS = ("convert", "checks", "workers", "mutants")


def main(argv: list[str] | None = None) -> int:
    names = (argv if argv is not None else sys.argv[1:]) or list(BENCHMARKS)
    failed = []
    rows: list[Row] = []
    for name in names:
        if name not in BENCHMARKS:
            print(f"unknown benchmark {name!r}; choose from {', '.join(BENCHMARKS)}", file=sys.stderr)
            return 2
        print(f"== {name}", flush=True)
        if importlib.import_module(f"benchmarks.{name}").main(rows=rows) != 0:
            failed.append(name)
    if rows:
        rewrite(rows)
        print(f"{DOC.relative_to(Path.cwd()) if DOC.is_relative_to(Path.cwd()) else DOC}: {len(rows)} row(s) rewritten")
    if failed:
        print(f"missed target: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

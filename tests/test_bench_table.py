"""docs/benchmarks.md's table: `make bench` rewrites the rows of the benchmarks it ran and keeps the others."""

from __future__ import annotations

import datetime as dt
import os

from benchmarks.table import DOC, END, HEADER, START, Row, rewrite


def test_a_run_rewrites_its_rows_in_place_adds_new_ones_and_keeps_the_rest(tmp_path):
    path = tmp_path / "benchmarks.md"
    old = ["| a | 1 s | 2 s | 2x | 2026-01-01, 2 CPUs |", "| b | 3 s | 3 s | 1x | 2026-01-01, 2 CPUs |"]
    path.write_text("# B\n\nprose\n\n" + START + "\n" + "\n".join([*HEADER, *old]) + "\n" + END + "\n\nmore prose\n", encoding="utf-8")
    rewrite([Row("c", "5 s", "6 s", "1.2x"), Row("a", "0.5 s", "2 s", "4x")], path, dt.date(2026, 12, 7))
    cpus = len(os.sched_getaffinity(0))
    assert path.read_text(encoding="utf-8") == (
        "# B\n\nprose\n\n"
        + START
        + "\n"
        + "\n".join(
            [*HEADER, f"| a | 0.5 s | 2 s | 4x | 2026-12-07, {cpus} CPUs |", old[1], f"| c | 5 s | 6 s | 1.2x | 2026-12-07, {cpus} CPUs |"]
        )
        + "\n"
        + END
        + "\n\nmore prose\n"
    )


def test_the_docs_table_has_the_markers_and_the_header():
    text = DOC.read_text(encoding="utf-8")
    assert text.count(START) == 1 and text.count(END) == 1
    assert text.split(START + "\n", 1)[1].splitlines()[:2] == HEADER

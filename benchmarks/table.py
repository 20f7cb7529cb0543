"""The one table of measured numbers, in docs/benchmarks.md: `make bench` rewrites the rows of the benchmarks it ran."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
START, END = "<!-- make bench rewrites the table below -->", "<!-- end of the table -->"
HEADER = ["| benchmark | ours | the reference | ratio (target) | measured |", "| --- | --- | --- | --- | --- |"]


@dataclass(frozen=True)
class Row:
    """One benchmark's result: what was measured (the row's key: no numbers in it), both sides and their ratio."""

    what: str
    ours: str
    reference: str
    ratio: str

    def line(self, today: dt.date) -> str:
        return f"| {self.what} | {self.ours} | {self.reference} | {self.ratio} | {today.isoformat()}, {len(os.sched_getaffinity(0))} CPUs |"


def rewrite(rows: list[Row], path: Path = DOC, today: dt.date | None = None) -> None:
    """Replace the table's rows for these benchmarks (matched by `what`), keep the others, in the order of the table."""
    text = path.read_text(encoding="utf-8")
    before, rest = text.split(START + "\n", 1)
    table, after = rest.split(END, 1)
    lines = [line for line in table.splitlines() if line.startswith("| ")][len(HEADER) :]
    new = {row.what: row.line(today or dt.date.today()) for row in rows}
    kept = [new.pop(line.split(" | ")[0][2:], line) for line in lines]
    body = "\n".join([*HEADER, *kept, *new.values()])
    path.write_text(f"{before}{START}\n{body}\n{END}{after}", encoding="utf-8")

"""`make site`'s second half: Hugo builds the site, and each of its messages about a post names the notebook and cell.

Hugo's output is shown as it comes. After a line that points into a generated post
(`content/post/SLUG/index.md:LINE:COL`, as Hugo's errors and warnings do), the notebook,
the cell and the line in the cell are printed, with the cell's lines around it: each post
records where the parts of its body come from (`lines`, written by scripts/render.py).
Ctrl-C or SIGTERM stops Hugo and exits without a traceback.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from . import hugo
from .errors import source_excerpt

# A place in a generated post as Hugo prints it, with or without `:LINE:COLUMN`.
POSITION = re.compile(r"(?P<file>(?:[^\s\"':]*/)?content/post/(?P<slug>[^/\s\"':]+)/index\.md)(?::(?P<line>\d+):(?P<column>\d+))?")
SHORTCODE = re.compile(r"\{\{< (nb-code|nb-output|exercise) (\d+) >\}\}")
STOP_TIMEOUT = 2  # seconds Hugo gets to exit after Ctrl-C or SIGTERM before it is killed


class Signalled(Exception):
    """Hugo's build was asked to stop by SIGINT or SIGTERM (the conversion's own is convert.Stopped)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


@dataclass(frozen=True)
class Place:
    """Where in a notebook a line of a generated post comes from."""

    notebook: str  # e.g. "notebooks/x.ipynb (paired: notebooks/x.py)"
    cell: int | None = None
    line: int | None = None  # the line in the cell, for markdown
    exercise: str | None = None
    excerpt: str = ""

    def __str__(self) -> str:
        where = self.notebook
        if self.cell is not None:
            where += f", cell {self.cell}" + (" (the front matter)" if self.cell == 1 and self.line is None else "")
        if self.line is not None:
            where += f", line {self.line}"
        if self.exercise:
            where += f", exercise '{self.exercise}'"
        return where


def notebook_of(source: str) -> str:
    """Return how to name a post's notebook from its recorded `source` (`notebooks/SLUG`): its files that exist."""
    files = [name for name in (f"{source}.ipynb", f"{source}.py") if Path(name).exists()] or [f"{source}.ipynb"]
    return files[0] + (f" (paired: {files[1]})" if len(files) > 1 else "")


def place_of(post: Path, line: int | None) -> Place | None:
    """Return where line `line` (1-based) of a generated post's index.md comes from, or None if it was not generated."""
    # Imported only when Hugo has something to say about a post: a build without messages stays quick.
    from .bundles import generated_data

    data = generated_data(post.parent)
    if data is None:
        return None
    notebook = notebook_of(data.get("source", ""))
    if line is None:
        return Place(notebook)
    lines = post.read_text(encoding="utf-8").split("\n")
    closing = next((n for n in range(1, len(lines)) if lines[n].strip() == "+++"), len(lines))  # 0-based
    if line <= closing + 1:
        return Place(notebook, cell=1)
    body_line = line - (closing + 1)
    parts = data.get("lines", [])
    index = next((n for n in range(len(parts) - 1, -1, -1) if parts[n]["line"] <= body_line), None)
    if index is None:
        return Place(notebook)
    part = parts[index]
    text = lines[closing + part["line"] : closing + (parts[index + 1]["line"] - 1 if index + 1 < len(parts) else len(lines))]
    shortcode = SHORTCODE.fullmatch(text[0]) if text else None
    if shortcode and shortcode.group(1) == "exercise":
        exercises = data.get("exercises", [])
        number = int(shortcode.group(2))
        return Place(notebook, part["cell"], exercise=exercises[number]["id"] if number < len(exercises) else None)
    if "cell_line" not in part:
        return Place(notebook, part["cell"])
    first = part["cell_line"]
    cell_line = first + body_line - part["line"]
    # The cell as the author sees it: the part's lines, numbered from the line the part starts with.
    cell_text = "\n" * (first - 1) + "\n".join(text).rstrip("\n")
    return Place(notebook, part["cell"], cell_line, excerpt=source_excerpt(cell_text, cell_line))


def trace(message: str) -> list[str]:
    """Return, for each generated post a line of Hugo's output points into, where that is in the notebook."""
    notes: list[str] = []
    for match in POSITION.finditer(message):
        post = Path(match.group("file"))
        if not post.is_file():
            post = Path("content/post") / match.group("slug") / "index.md"
        line = int(match.group("line")) if match.group("line") else None
        try:
            place = place_of(post, line) if post.is_file() else None
        except (OSError, KeyError, TypeError, ValueError):
            place = None  # a post the pipeline did not write as it writes them: Hugo's message stands alone
        if place is None:
            continue
        shown = os.path.relpath(post)
        note = f"  in {place}: edit the notebook ({shown if not shown.startswith('..') else post} is generated from it)"
        if place.excerpt:
            note += "\n" + "\n".join(f"    {excerpt_line}" for excerpt_line in place.excerpt.split("\n"))
        if note not in notes:
            notes.append(note)
    return notes


def copy_traced(lines: Iterable[str], out: TextIO) -> None:
    """Copy Hugo's output to `out` as it comes, each line about a post followed by its notebook and cell (`make serve` too)."""
    for line in lines:
        out.write(line)
        for note in trace(line):
            out.write(note + "\n")
        out.flush()


def run_hugo(command: list[str], env: dict[str, str], out: TextIO) -> int:
    """Run Hugo, copying its output to `out` with the notebook and cell after each line about a post; return its status."""
    process = hugo.start(command, env)
    try:
        assert process.stdout is not None
        copy_traced(process.stdout, out)
        return process.wait()
    finally:
        hugo.stop(process, STOP_TIMEOUT)


def raise_stopped(signum: int, frame) -> None:
    raise Signalled(signum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.publish",
        description=__doc__.split("\n")[0],
        epilog="Other arguments are passed to Hugo, e.g. `--gc --baseURL http://127.0.0.1:1313/blog/`.",
    )
    parser.add_argument("--hugo", type=Path, help=f"Hugo's binary (default: {hugo.LOOKUP})")
    parser.add_argument("--strict", action="store_true", help="an image without alt text stops the build (make site STRICT=1)")
    args, hugo_args = parser.parse_known_args(argv)
    try:
        binary = args.hugo or hugo.binary()
    except hugo.HugoMissing as missing:
        print(f"error: {missing}", file=sys.stderr)
        return 1
    env = dict(os.environ)
    if args.strict:
        env["HUGO_PARAMS_STRICT"] = "true"  # read by layouts/_markup/render-image.html as site.Params.strict
    previous = {signum: signal.signal(signum, raise_stopped) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        status = run_hugo([str(binary), *hugo_args], env, sys.stdout)
    except (Signalled, KeyboardInterrupt) as stopped:
        signum = stopped.signum if isinstance(stopped, Signalled) else signal.SIGINT
        print(f"\nstopped ({signal.Signals(signum).name}); Hugo was stopped, public/ may be incomplete", file=sys.stderr)
        return 128 + signum
    except FileNotFoundError:
        print(f"error: no Hugo binary at {binary}: run `make .venv/.installed` (make site does)", file=sys.stderr)
        return 1
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if status:
        print(f"\nthe site was not built: Hugo exited with status {status} (its messages are above)", file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())

"""Conversion benchmark: our converter vs `jupyter nbconvert --execute`, and a no-op `make site` vs bare Hugo.

Both sides of each ratio run in this one process run, on the same generated notebooks.
"""

from __future__ import annotations

import argparse
import math
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from scripts import hugo

from .corpus import write_corpus
from .table import Row

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
NOTEBOOKS = 100
EXERCISES_PER_NOTEBOOK = 2
REPEATS = 5
SITE_FILES = (*hugo.SITE_FILES, "Makefile", "requirements.txt", "requirements-dev.txt", "scripts", "runtime")


def timed(command: list[str], cwd: Path) -> float:
    """Run a command; return its wall time in seconds; stop if it fails."""
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{result.stderr[-3000:]}")
    return elapsed


def median_time(command: list[str], cwd: Path, repeats: int = REPEATS) -> float:
    """Return the median wall time of `repeats` runs."""
    return statistics.median(timed(command, cwd) for _ in range(repeats))


def make_site_copy(directory: Path, notebooks: int = NOTEBOOKS) -> Path:
    """Copy the site's sources into `directory` with the benchmark corpus as its notebooks."""
    directory.mkdir(parents=True)
    for name in SITE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, directory / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, directory / name)
    (directory / ".venv").symlink_to(ROOT / ".venv")
    (directory / "content" / "post").mkdir(parents=True)
    write_corpus(directory / "notebooks", notebooks, EXERCISES_PER_NOTEBOOK)
    return directory


def cut_for_nbconvert(notebooks: Path, into: Path) -> list[Path]:
    """Copy the notebooks with exercise cells made raw: nbconvert then runs what our converter runs."""
    into.mkdir()
    paths = []
    for path in sorted(notebooks.glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code" and cell.metadata.get("tags"):
                cell.cell_type = "raw"
                cell.pop("outputs", None)
                cell.pop("execution_count", None)
        nbformat.write(notebook, into / path.name)
        paths.append(into / path.name)
    return paths


def nbconvert_on_all_cores(inputs: list[Path], output: Path, cores: int) -> list[str]:
    """Return the command that runs `jupyter nbconvert --execute` over `inputs` as `xargs -P CORES` would, one batch per core."""
    batch = math.ceil(len(inputs) / cores)
    listing = " ".join(shlex.quote(str(path)) for path in inputs)
    nbconvert = f"{shlex.quote(str(BIN / 'jupyter'))} nbconvert --to markdown --execute --output-dir {shlex.quote(str(output))}"
    return ["sh", "-c", f"printf '%s\\n' {listing} | xargs -P {cores} -n {batch} {nbconvert}"]


def main(argv: list[str] | None = None, rows: list[Row] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks convert", description=__doc__.split("\n")[0])
    parser.add_argument("--notebooks", type=int, default=NOTEBOOKS, help="notebooks in the corpus (default: %(default)s)")
    args = parser.parse_args(argv if argv is not None else [])
    cores = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory(prefix="bench-convert-") as tmp:
        site = make_site_copy(Path(tmp) / "site", args.notebooks)
        nbconvert_inputs = cut_for_nbconvert(site / "notebooks", Path(tmp) / "nbconvert-in")
        print(
            f"corpus: {args.notebooks} notebooks, each with a figure, a printed result and {EXERCISES_PER_NOTEBOOK} exercises; {cores} CPUs"
        )

        ours = timed([str(BIN / "python"), "-m", "scripts.convert"], site)
        theirs = timed(nbconvert_on_all_cores(nbconvert_inputs, Path(tmp) / "nbconvert-out", cores), Path(tmp))
        print(
            f"cold conversion: scripts.convert ({cores} kernels) {ours:.1f} s, "
            f"jupyter nbconvert --execute (xargs -P {cores}) {theirs:.1f} s: {theirs / ours:.1f}x faster (target: 2x)"
        )

        # `-o`: the environment is this one (linked), never to be installed again from the copy.
        timed(["make", "-o", ".venv/.installed", "site"], site)  # settle make's stamps after the conversion above
        noop = median_time(["make", "-o", ".venv/.installed", "site"], site)
        bare = median_time([str(hugo.binary()), "--quiet", "--gc", "--cleanDestinationDir"], site)
        print(
            f"no-op rebuild (median of {REPEATS}): make site {noop * 1000:.0f} ms, bare hugo {bare * 1000:.0f} ms: {noop / bare:.2f}x (target: within 1.5x)"
        )

        unchanged = median_time([str(BIN / "python"), "-m", "scripts.convert"], site, repeats=3)
        print(
            f"converter over {args.notebooks} unchanged notebooks (what a fresh clone's first make site does before hugo): {unchanged * 1000:.0f} ms"
        )
        ok = theirs / ours >= 2 and noop / bare <= 1.5
    if rows is not None:
        rows.append(
            Row(
                "cold conversion of the generated notebooks, each with a figure, printed output and exercises",
                f"`scripts.convert` ({cores} kernels), {args.notebooks} notebooks: {ours:.1f} s",
                f"`jupyter nbconvert --to markdown --execute` on all CPUs (`xargs -P {cores}`): {theirs:.1f} s",
                f"{theirs / ours:.1f}x faster (2x)",
            )
        )
        rows.append(
            Row(
                "no-op `make site` (median of 5)",
                f"{noop * 1000:.0f} ms",
                f"bare `hugo` {bare * 1000:.0f} ms",
                f"{noop / bare:.2f}x (within 1.5x)",
            )
        )
    return 0 if ok else 1

"""Clear the outputs of saved notebooks with nbstripout: the build makes its own, so stored outputs are only diff noise.

A notebook whose front matter says `execute: false` publishes its stored outputs: it keeps them.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import nbformat
from nbstripout import strip_output

from ..front_matter import keeps_outputs


def strip_file(path: Path) -> bool:
    """Clear the outputs and execution counts of a .ipynb file in place (unless it publishes them); return whether it changed."""
    notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    if keeps_outputs(notebook.cells):
        return False
    stripped = strip_output(copy.deepcopy(notebook), keep_output=False, keep_count=False, keep_id=True)
    if stripped == notebook:
        return False
    nbformat.write(stripped, path)  # the layout Jupyter and jupytext write: one-space indent, UTF-8, a final newline
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.authoring.strip_outputs", description=__doc__.split(":")[0])
    parser.add_argument("notebooks", nargs="+", type=Path, help=".ipynb files to clear")
    args = parser.parse_args(argv)
    changed = [path for path in args.notebooks if path.suffix == ".ipynb" and strip_file(path)]
    for path in changed:
        print(f"cleared the outputs of {path}")
    return 1 if changed else 0  # pre-commit's convention: a hook that changed files fails, to be re-staged


if __name__ == "__main__":
    sys.exit(main())

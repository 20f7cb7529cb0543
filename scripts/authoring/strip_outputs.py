"""Clear the outputs of saved notebooks: the build makes its own, so stored outputs are only diff noise."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def strip_outputs(notebook: dict) -> dict:
    """Return a copy of a notebook (as JSON data) with no outputs and no execution counts."""
    stripped = json.loads(json.dumps(notebook))
    for cell in stripped.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return stripped


def has_outputs(notebook: dict) -> bool:
    """Does any code cell of the notebook hold outputs or an execution count?"""
    return strip_outputs(notebook) != notebook


def strip_file(path: Path) -> bool:
    """Clear the outputs of a .ipynb file in place; return whether it changed."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    if not has_outputs(notebook):
        return False
    # The layout Jupyter and jupytext write: one-space indent, UTF-8, a final newline.
    path.write_text(json.dumps(strip_outputs(notebook), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
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

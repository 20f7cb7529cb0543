"""`make sync`: bring each post's .ipynb and .py up to date with each other (jupytext), creating a missing half.

A module beside the notebooks (a plain script: no `# %%` cell markers, no jupytext header) is no post: it never gets
a notebook half, and a plain script with a notebook's name is refused, never overwritten (scripts/sources.py).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from pathlib import Path

from jupytext.cli import jupytext

from ..convert import NOTEBOOKS
from ..errors import ContentError
from ..sources import check_plain_pair, find_sources, is_module, pair_of
from .new import PAIRING


def is_paired(path: Path) -> bool:
    """Does the file declare jupytext's `formats` pairing in its metadata?"""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        return bool(json.loads(text).get("metadata", {}).get("jupytext", {}).get("formats"))
    return "formats:" in text.split("\n# ---\n", 1)[0]


def sync_command(path: Path) -> list[str]:
    """Return the jupytext arguments that sync the post at `path`, or create its missing half."""
    ipynb, py = pair_of(path)
    files = [file for file in (ipynb, py) if file is not None]
    newest = max(files, key=lambda file: file.stat().st_mtime)
    if len(files) == 2 and is_paired(newest):
        return ["--sync", str(newest)]
    # A lone file, or a pair that does not declare it: declaring the pairing writes the other half.
    return ["--set-formats", PAIRING, str(newest)]


def sync(paths: list[Path], out=sys.stdout) -> list[str]:
    """Sync every post in `paths`; return the errors, one line per post that failed."""
    errors = []
    for path in paths:
        try:
            check_plain_pair(*pair_of(path))  # a module, or a script with the notebook's name: jupytext would overwrite it
        except ContentError as error:
            errors.append(str(error))
            continue
        arguments = sync_command(path)
        log = io.StringIO()
        try:
            with contextlib.redirect_stdout(log), contextlib.redirect_stderr(log):
                status = jupytext(arguments)
        except (SystemExit, Exception) as error:  # jupytext exits or raises on a file it cannot read
            status, log = 1, io.StringIO(f"{log.getvalue()}{error}")
        if status:
            errors.append(f"{path}: jupytext {' '.join(arguments)} failed: {log.getvalue().strip()}")
        else:
            print(f"synced {path.with_suffix('')}.ipynb and .py", file=out)
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.authoring.sync", description=__doc__.split(":")[1].strip())
    parser.add_argument("notebooks", nargs="*", type=Path, help="files of the posts to sync (default: every post in --notebooks-dir)")
    parser.add_argument("--notebooks-dir", type=Path, default=NOTEBOOKS, help="where the notebooks are (default: %(default)s)")
    args = parser.parse_args(argv)
    # Helper modules (`_name.py`, or a plain script without a notebook of its name) and hidden files are not posts: they have no pair to sync.
    named = {
        path.with_suffix("")
        for path in args.notebooks
        if path.suffix in (".ipynb", ".py") and not path.name.startswith(("_", ".")) and not is_module(path)
    }
    if args.notebooks and not named:
        return 0
    paths = sorted(named) or find_sources(args.notebooks_dir)
    errors = sync(paths)
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

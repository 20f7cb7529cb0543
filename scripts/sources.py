"""Finding and reading a post's source: `notebooks/SLUG.ipynb`, its paired `notebooks/SLUG.py`, or both."""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

from .errors import ContentError
from .parts import NAME_KEY, SETTINGS

NOTEBOOK_SUFFIX = ".ipynb"
TEXT_SUFFIX = ".py"
TEXT_FORMAT = "py:percent"
SYNC_COMMAND = "make sync"

# Bumped whenever the pipeline renders the same notebook differently, so that
# every post is regenerated once even though its source did not change.
PIPELINE_VERSION = 2

# The cell metadata that decides what a post looks like; the rest (execution
# times, collapsed state, ...) is editor state that pairing ignores.
SIGNIFICANT_METADATA = ("tags", NAME_KEY, "alt", *(setting.key for setting in SETTINGS))


@dataclass
class Source:
    """A post's notebook as read from disk, whichever of its two files exist."""

    slug: str
    notebook: nbformat.NotebookNode
    ipynb: Path | None
    py: Path | None

    @property
    def path(self) -> Path:
        """The file errors name first: the notebook if there is one, else the text file."""
        return self.ipynb or self.py  # type: ignore[return-value]

    @property
    def paired(self) -> Path | None:
        """The other file of the pair, if both exist."""
        return self.py if self.ipynb and self.py else None

    def error(self, message: str, **kwargs) -> ContentError:
        """Return a ContentError that names this source and its paired file."""
        paired = str(self.paired) if self.paired else None
        return ContentError(path=str(self.path), paired=paired, message=message, **kwargs)

    @functools.cached_property
    def hash(self) -> str:
        """A hash of everything in the source that the post depends on."""
        return source_hash(self.notebook)


def find_sources(directory: Path) -> list[Path]:
    """Return one path per post in `directory`, sorted by slug: the .ipynb if it exists, else the .py."""
    stems: dict[str, Path] = {}
    for path in sorted(directory.glob(f"*{TEXT_SUFFIX}")) + sorted(directory.glob(f"*{NOTEBOOK_SUFFIX}")):
        if path.name.startswith((".", "_")):
            continue
        stems[path.stem] = path  # the .ipynb, when there is one, wins
    return [stems[stem] for stem in sorted(stems)]


def pair_of(path: Path) -> tuple[Path | None, Path | None]:
    """Return (the .ipynb, the .py) of the post that `path` belongs to, each None if missing."""
    ipynb, py = path.with_suffix(NOTEBOOK_SUFFIX), path.with_suffix(TEXT_SUFFIX)
    return (ipynb if ipynb.exists() else None, py if py.exists() else None)


def read_source(path: Path) -> Source:
    """Read a post from its .ipynb and/or .py; stop if the two disagree."""
    path = Path(path)
    ipynb, py = pair_of(path)
    if ipynb is None and py is None:
        raise ContentError(
            path=str(path), message="no such notebook", fix=f"create {path.with_suffix(NOTEBOOK_SUFFIX)} or {path.with_suffix(TEXT_SUFFIX)}"
        )
    from_ipynb = read_ipynb(ipynb, py) if ipynb else None
    from_py = read_py(py, ipynb) if py else None
    source = Source(slug=path.stem, notebook=from_ipynb or from_py, ipynb=ipynb, py=py)  # type: ignore[arg-type]
    if from_ipynb is not None and from_py is not None:
        check_pair(source, from_py)
    return source


def read_ipynb(path: Path, paired: Path | None) -> nbformat.NotebookNode:
    """Read a .ipynb file, with line endings normalised; stop on invalid JSON."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(
            path=str(path),
            paired=str(paired) if paired else None,
            message=f"not UTF-8 text: byte {error.object[error.start]:#04x} at offset {error.start} cannot be decoded",
            fix="save the notebook as UTF-8 (Jupyter always does; another editor may not have)",
        ) from None
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        raise ContentError(
            path=str(path),
            paired=str(paired) if paired else None,
            message=f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}",
            fix=f"repair the file, or delete it and rebuild it from its paired {TEXT_SUFFIX} file with `{SYNC_COMMAND}`"
            if paired
            else "repair the file (a merge conflict or a truncated save is the usual cause)",
        ) from None
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat raises several types for a malformed notebook
        raise ContentError(path=str(path), message=f"not a valid notebook: {error}", fix="open and re-save it in Jupyter") from None
    return normalize_notebook(notebook)


def read_py(path: Path, paired: Path | None) -> nbformat.NotebookNode:
    """Read a jupytext percent-format .py file, with line endings normalised."""
    try:
        notebook = jupytext.read(path, fmt=TEXT_FORMAT)
    except Exception as error:
        raise ContentError(
            path=str(path), message=f"jupytext cannot read this file: {error}", fix="check the `# %%` cell markers and the `# ---` header"
        ) from None
    return normalize_notebook(notebook)


def normalize_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return the notebook with CRLF and CR line endings turned into LF in every cell."""
    for cell in notebook.cells:
        if "\r" in cell.source:
            cell.source = cell.source.replace("\r\n", "\n").replace("\r", "\n")
    return notebook


def cell_signature(cell: nbformat.NotebookNode) -> dict:
    """Return what of a cell the post depends on: its type, source and significant metadata."""
    metadata = {key: cell.metadata[key] for key in SIGNIFICANT_METADATA if key in cell.metadata}
    return {"cell_type": cell.cell_type, "source": cell.source, "metadata": metadata}


def source_hash(notebook: nbformat.NotebookNode) -> str:
    """Return a stable hash of the cells' signatures and the pipeline version."""
    payload = json.dumps(
        {"pipeline": PIPELINE_VERSION, "cells": [cell_signature(cell) for cell in notebook.cells]},
        sort_keys=True,
        ensure_ascii=False,
    )
    return "sha256:" + hashlib.sha256(payload.encode("utf-8")).hexdigest()


def check_pair(source: Source, from_py: nbformat.NotebookNode) -> None:
    """Stop when the .ipynb and the .py of a post hold different cells."""
    cells_ipynb = [cell_signature(cell) for cell in source.notebook.cells]
    cells_py = [cell_signature(cell) for cell in from_py.cells]
    if cells_ipynb == cells_py:
        return
    differing = next(
        (n for n, (a, b) in enumerate(zip(cells_ipynb, cells_py), start=1) if a != b),
        min(len(cells_ipynb), len(cells_py)) + 1,
    )
    assert source.ipynb and source.py
    newer, older = (source.py, source.ipynb) if source.py.stat().st_mtime >= source.ipynb.stat().st_mtime else (source.ipynb, source.py)
    raise source.error(
        f"{source.ipynb.name} and {source.py.name} disagree (first at cell {differing}: "
        f"{len(cells_ipynb)} cells in the notebook, {len(cells_py)} in the text file); {newer.name} is newer",
        cell=differing,
        fix=f"run `{SYNC_COMMAND}` (or `jupytext --sync {newer}`) to update {older.name} from the newer {newer.name}",
        kind="pairing",
    )

"""Finding and reading a post's source: `notebooks/SLUG.ipynb`, its paired `notebooks/SLUG.py`, or both."""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import json
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat
from jsonschema.exceptions import best_match
from jupytext.combine import combine_inputs_with_outputs

from .errors import ContentError
from .front_matter import keeps_outputs
from .parts import NAME_KEY, SETTINGS

NOTEBOOK_SUFFIX = ".ipynb"
TEXT_SUFFIX = ".py"
TEXT_FORMAT = "py:percent"
SYNC_COMMAND = "make sync"

# A cell marker of the percent format: `# %%`, optionally followed by `[markdown]`, tags, metadata.
PERCENT_MARKER = re.compile(r"^# %%", re.MULTILINE)
# The kernel language the build runs; any other is refused.
LANGUAGE = "python"
# Characters of nbformat's schema message an error quotes (it quotes the whole offending value).
SCHEMA_MESSAGE_LENGTH = 160

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


def to_slug(text: str) -> str:
    """Return `text` as a slug: lowercase ASCII letters and digits, words joined by '-' ("Über Netze 2" -> "uber-netze-2")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    words = "".join(char.lower() if char.isalnum() else " " for char in ascii_text).split()
    return "-".join(words)


def slug_of(path: Path) -> str:
    """Return the slug of the post whose source is `path`: its file name as a slug (`My post.ipynb` -> `my-post`)."""
    return to_slug(Path(path).stem)


def find_sources(directory: Path) -> list[Path]:
    """Return one path per post in `directory`, sorted by slug: the .ipynb if it exists, else the .py.

    Not a module (`is_module`): a plain .py beside the notebooks is imported by them, not published.
    """
    stems: dict[str, Path] = {}
    for path in sorted(directory.glob(f"*{TEXT_SUFFIX}")) + sorted(directory.glob(f"*{NOTEBOOK_SUFFIX}")):
        if path.name.startswith((".", "_")) or is_module(path):
            continue
        stems[path.stem] = path  # the .ipynb, when there is one, wins
    return [stems[stem] for stem in sorted(stems)]


def nested_notebooks(directory: Path) -> list[ContentError]:
    """Return an error for each notebook in a subfolder of `directory`: only the notebooks directly in it are posts."""
    errors = []
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if len(relative.parts) < 2 or any(part.startswith((".", "_")) for part in relative.parts) or not is_notebook_file(path):
            continue
        errors.append(
            ContentError(
                path=str(path),
                message=f"a notebook in a subfolder of {directory}/ is not published: the posts are the notebooks directly in {directory}/",
                fix=f"move it (with its paired file) into {directory}/; a subfolder may hold the data files and modules posts use",
            )
        )
    return errors


def is_notebook_file(path: Path) -> bool:
    """Is `path` a notebook: a .ipynb, or a .py in jupytext's percent format (a `# ---` header or `# %%` cells)?"""
    if path.suffix == NOTEBOOK_SUFFIX:
        return path.is_file()
    if path.suffix != TEXT_SUFFIX or not path.is_file():
        return False
    text = path.read_text(encoding="utf-8", errors="replace").removeprefix("\ufeff").replace("\r\n", "\n")
    return text.startswith("# ---\n") or "\n# %%" in f"\n{text}"


def is_plain_script(path: Path) -> bool:
    """Is `path` a .py file with code or comments that is no jupytext file: no `# %%` cell marker, no `# ---` header?"""
    if path.suffix != TEXT_SUFFIX or not path.is_file() or is_notebook_file(path):
        return False
    return bool(path.read_text(encoding="utf-8", errors="replace").strip())


def is_module(path: Path) -> bool:
    """Is `path` a Python module beside the notebooks, not a post: a plain script (`is_plain_script`) with no .ipynb of its name?

    The notebooks import it (`import thinkstats2`), as they do `_name.py` helpers; a plain script with a
    notebook's name is neither module nor post (`check_plain_pair`).
    """
    return is_plain_script(path) and not path.with_suffix(NOTEBOOK_SUFFIX).exists()


def check_plain_pair(ipynb: Path | None, py: Path | None) -> None:
    """Stop on a .py that is a plain script or a module rather than the percent half of a post."""
    if py is None or not is_plain_script(py):
        return
    if ipynb is not None:
        raise ContentError(
            path=str(ipynb),
            paired=str(py),
            message=f"{py.name} is a plain Python script (no `# %%` cell markers, no jupytext header) with the name of the notebook "
            f"{ipynb.name}: jupytext would pair the two, and `{SYNC_COMMAND}` would overwrite the script with the notebook's cells",
            fix=f"rename the script (e.g. `{py.stem}_script.py`, and change the imports of it), or make it the notebook's percent pair "
            f"(this replaces the script): .venv/bin/jupytext --set-formats ipynb,{TEXT_FORMAT} '{ipynb}'",
        )
    raise ContentError(
        path=str(py),
        message="a Python module (no `# %%` cell markers, no jupytext header), not a post: the notebooks beside it can import it, "
        "and it is not published",
        fix=f"import it from a post; to make it a post instead, convert it (check the cells it makes): "
        f".venv/bin/jupytext --from py:light --to {TEXT_FORMAT} '{py}' -o '{py}'",
    )


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
    check_plain_pair(ipynb, py)
    from_ipynb = read_ipynb(ipynb, py) if ipynb else None
    from_py = read_py(py, ipynb) if py else None
    slug = slug_of(path)
    if not slug:
        raise ContentError(
            path=str(path),
            message=f"the file name '{path.name}' has no letters or digits to make the post's address (/post/SLUG/) from",
            fix=f"rename the notebook with Latin letters or digits, e.g. `post-1{path.suffix}`",
        )
    source = Source(slug=slug, notebook=from_ipynb or from_py, ipynb=ipynb, py=py)  # type: ignore[arg-type]
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
        notebook = notebook_of(text)
    except Exception as error:  # nbformat raises several types for a malformed notebook
        raise ContentError(path=str(path), message=f"not a valid notebook: {error}", fix="open and re-save it in Jupyter") from None
    problem = schema_problem(notebook)
    if problem:
        cell, message = problem
        raise ContentError(
            path=str(path),
            paired=str(paired) if paired else None,
            cell=cell,
            message=f"not a valid notebook: {message}",
            fix="repair the notebook there (a tool other than Jupyter may have written it), or open and re-save it in Jupyter",
        )
    return normalize_notebook(notebook)


def notebook_of(text: str) -> nbformat.NotebookNode:
    """Return the notebook a .ipynb file's text holds, in nbformat 4, not validated (see schema_problem)."""
    return nbformat.convert(nbformat.reader.reads(text), 4)


def schema_problem(notebook: nbformat.NotebookNode) -> tuple[int | None, str] | None:
    """Return where (a cell's number, if in a cell) and how the notebook breaks nbformat's schema as the build reads it; None if it does not.

    Quietly: nbformat.reads logs each invalid notebook ("Notebook JSON is invalid: …", with the whole offending
    value), which Jupyter opens all the same. As the build reads it, not to the letter: cell ids that repeat are
    made unique (as nbformat.reads does), fields the schema does not know are ignored, and display data under an
    `application/….json` MIME type may be JSON, as Jupyter's front ends take it: Altair 6 saves its charts under
    `application/vnd.vegalite.v6.json`, where the schema wants text (scripts/outputs.py, schema_valid).
    """
    try:
        with warnings.catch_warnings():  # nbformat warns when it repairs ids
            warnings.simplefilter("ignore")
            nbformat.validate(notebook, relax_add_props=True)  # makes missing or repeated cell ids unique, in place
        return None
    except nbformat.ValidationError:
        pass
    as_text = copy.deepcopy(notebook)
    for cell in as_text.get("cells", []):
        for output in cell.get("outputs", []) if isinstance(cell, dict) else []:
            data = output.get("data") if isinstance(output, dict) else None
            for mime, value in data.items() if isinstance(data, dict) else []:
                if mime.startswith("application/") and mime.endswith(".json") and not isinstance(value, (str, list)):
                    data[mime] = json.dumps(value)
    try:
        nbformat.validate(as_text, relax_add_props=True)
    except nbformat.ValidationError as error:
        return schema_error_place(error)
    return None


def schema_error_place(error: nbformat.ValidationError) -> tuple[int | None, str]:
    """Return where (a cell's number, if in a cell) and why the schema refused a notebook, in a line.

    Where the schema allows one of several forms ("… is not valid under any of the given schemas", quoting the whole
    value), the reason is that of the form its `output_type` or `cell_type` names, or that this type is unknown.
    """
    where = list(error.absolute_path)
    message = error.message
    while error.validator in ("oneOf", "anyOf") and error.context:
        value = error.instance if isinstance(error.instance, dict) else {}
        kind = next((key for key in ("output_type", "cell_type") if key in value), None)
        forms: dict[object, list] = {}
        for sub in error.context:
            forms.setdefault(sub.relative_schema_path[0], []).append(sub)
        # The form whose type the value has: its errors say nothing of the type.
        fitting = [subs for subs in forms.values() if kind is None or all(list(sub.relative_path)[:1] != [kind] for sub in subs)]
        if not fitting:
            message = f"{kind} {value[kind]!r} is none of those nbformat knows"
            break
        error = best_match(fitting[0])
        where += list(error.relative_path)
        message = error.message
    cell = where[1] + 1 if len(where) > 1 and where[0] == "cells" and isinstance(where[1], int) else None
    place = "/".join(str(part) for part in (where[2:] if cell else where))
    if len(message) > SCHEMA_MESSAGE_LENGTH:
        message = message[:SCHEMA_MESSAGE_LENGTH] + "…"
    return cell, f"{place}: {message}" if place else message


def read_py(path: Path, paired: Path | None) -> nbformat.NotebookNode:
    """Read a jupytext percent-format .py file, with line endings normalised; stop if it has no `# %%` cell markers."""
    try:
        text = path.read_text(encoding="utf-8")
        if text.startswith("\ufeff"):
            raise ContentError(
                path=str(path),
                message="the file starts with a byte-order mark (U+FEFF), which jupytext reads as text before the `# ---` header",
                fix='save the file as UTF-8 without a byte-order mark (in most editors: "UTF-8", not "UTF-8 with BOM")',
            )
        check_percent_markers(path, text)
        with cells_unvalidated():
            notebook = jupytext.reads(text, fmt=TEXT_FORMAT)
        nbformat.validate(notebook)
    except ContentError:
        raise
    except Exception as error:
        raise ContentError(
            path=str(path), message=f"jupytext cannot read this file: {error}", fix="check the `# %%` cell markers and the `# ---` header"
        ) from None
    return normalize_notebook(notebook)


@contextlib.contextmanager
def cells_unvalidated():
    """Let nbformat make cells without validating each one against the schema.

    jupytext builds a notebook cell by cell with nbformat's `new_*_cell`, each of which
    validates its cell; that is most of the time it takes to read a .py file (five
    times the rest). `read_py` validates the whole notebook once instead.
    """
    validate = nbformat.v4.nbbase.validate
    nbformat.v4.nbbase.validate = lambda node, ref=None: None
    try:
        yield
    finally:
        nbformat.v4.nbbase.validate = validate


def check_percent_markers(path: Path, text: str) -> None:
    """Stop if a .py file has code or comments but no `# %%` cell marker: it is not in the percent format."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    body = re.sub(r"\A# ---\n(?:#.*\n)*?# ---\n", "", text)  # the front matter header
    if PERCENT_MARKER.search(body) or not body.strip():
        return
    declared = re.search(r"^#\s+format_name: (\S+)", text, re.MULTILINE)
    if declared:
        what, format_name = f"in jupytext's {declared.group(1)} format", declared.group(1)
    elif re.search(r"^# [+-]\s*$|^# \+ ", text, re.MULTILINE):
        what, format_name = "in jupytext's light format", "light"
    else:
        what, format_name = "a plain Python script", "light"
    raise ContentError(
        path=str(path),
        message=f"no `# %%` cell markers: this file is {what}, not the percent format, so its cells (and their tags) cannot be read",
        fix=f"convert it (check the cells it makes): .venv/bin/jupytext --from py:{format_name} --to {TEXT_FORMAT} '{path}' -o '{path}'",
    )


def check_kernel(source: Source) -> None:
    """Stop if the notebook's kernel is not Python: the build runs its code with Python."""
    metadata = source.notebook.metadata
    kernelspec = metadata.get("kernelspec") or {}
    language = kernelspec.get("language") or (metadata.get("language_info") or {}).get("name") or LANGUAGE
    if str(language).lower() != LANGUAGE:
        name = kernelspec.get("display_name") or kernelspec.get("name") or language
        raise source.error(
            f"the notebook's kernel is {name} ({language}); posts are Python notebooks, run with Python",
            fix="write the post in Python (Kernel > Change Kernel in Jupyter), or publish it elsewhere",
            kind="kernel",
        )


# A line that installs packages from a cell: `%pip install x`, `!pip install x`, `%conda install x`, `!python -m pip install`.
INSTALL = re.compile(r"^\s*(?:%{1,2}|!)\s*(?:(?:python3?|\S*/python3?)\s+-m\s+)?(?:pip3?|conda|mamba|uv\s+pip)\s+install\b", re.MULTILINE)


def check_no_installs(source: Source) -> None:
    """Stop on a code cell that installs packages: it would change the build's own environment, not the post's."""
    for number, cell in enumerate(source.notebook.cells, 1):
        match = INSTALL.search(cell.source) if cell.cell_type == "code" else None
        if match:
            raise source.error(
                "the cell installs packages, which would change the environment every post is built in",
                cell=number,
                source=cell.source,
                line=cell.source.count("\n", 0, match.start()) + 1,
                fix="remove the line and add the package to requirements.in (then `make lock`), so that every build has it; "
                "for an exercise, to runtime/packages.txt",
                kind="environment",
            )


def normalize_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return the notebook with CRLF and CR line endings turned into LF in every cell."""
    for cell in notebook.cells:
        if "\r" in cell.source:
            cell.source = cell.source.replace("\r\n", "\n").replace("\r", "\n")
    return notebook


def cell_signature(cell: nbformat.NotebookNode) -> dict:
    """Return what of a cell the post depends on: its type, source and significant metadata."""
    metadata = {key: cell.metadata[key] for key in SIGNIFICANT_METADATA if key in cell.metadata}
    signature = {"cell_type": cell.cell_type, "source": cell.source, "metadata": metadata}
    if cell.get("attachments"):  # images pasted into a markdown cell are published with it
        signature["attachments"] = cell.attachments
    return signature


def source_hash(notebook: nbformat.NotebookNode) -> str:
    """Return a stable hash of the cells' signatures and the pipeline version (and stored outputs, where they are published)."""
    cells = [cell_signature(cell) for cell in notebook.cells]
    if keeps_outputs(notebook.cells):  # `execute: false`: the stored outputs are the post's
        cells = [{**cell, "outputs": stored.get("outputs", [])} for cell, stored in zip(cells, notebook.cells)]
    payload = json.dumps(
        {"pipeline": PIPELINE_VERSION, "cells": cells},
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


def halves(source_path: Path) -> tuple[nbformat.NotebookNode, nbformat.NotebookNode]:
    """Return the cells of a pair's .ipynb and of its .py, each read on its own."""
    ipynb, py = pair_of(source_path)
    assert ipynb and py
    return read_ipynb(ipynb, py), read_py(py, ipynb)


def edited_half(source_path: Path, built_hash: str | None) -> Path | None:
    """Return the one file of a disagreeing pair that changed since the post was built from `built_hash`, or None.

    None means it cannot be told: both changed, or there is no post yet.
    """
    ipynb, py = pair_of(source_path)
    if not (ipynb and py and built_hash):
        return None
    from_ipynb, from_py = halves(source_path)
    ipynb_same, py_same = source_hash(from_ipynb) == built_hash, source_hash(from_py) == built_hash
    if ipynb_same and not py_same:
        return py
    if py_same and not ipynb_same:
        return ipynb
    return None


def update_pair(edited: Path) -> Path:
    """Rewrite the other file of the pair from `edited`, as `jupytext --sync` does when it is the newer; return that file."""
    ipynb, py = edited.with_suffix(NOTEBOOK_SUFFIX), edited.with_suffix(TEXT_SUFFIX)
    if edited == py:
        # The notebook keeps what only it holds (outputs, editor metadata), as jupytext --sync keeps it.
        saved = notebook_of(ipynb.read_text(encoding="utf-8"))  # as read_ipynb read it, quietly
        notebook = combine_inputs_with_outputs(jupytext.read(py, fmt=TEXT_FORMAT), saved, fmt=TEXT_FORMAT)
        jupytext.write(notebook, ipynb)
        written = ipynb
    else:
        jupytext.write(notebook_of(ipynb.read_text(encoding="utf-8")), py, fmt=TEXT_FORMAT)
        written = py
    # Jupyter (with jupytext) refuses to open a pair whose .ipynb is newer than its text file.
    os.utime(py)
    return written

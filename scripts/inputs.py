"""The files a post is made from besides its notebook, so that changing one of them rebuilds the post.

  - the data files its code reads, listed in the front matter's `inputs` (paths or glob
    patterns relative to the notebook's folder; a folder stands for every file in it);
  - the helper modules beside the notebook its code cells import (`_name.py`, or any plain
    script that is no post, `thinkstats2.py`: scripts/sources.py, is_module), and the helpers those import;
  - the files its markdown shows, copied into the bundle (scripts/markdown.py);
  - the files in its folder, or in the project around it (`../data/x.csv`), that its run read, listed
    or not (`with_reads`: the kernel records them, scripts/kernels.py), so that a data file missing
    from `inputs` still rebuilds the post;
    the next build hashes them again (`with_earlier_reads`) before it decides that the post is up to date.
The post records each with a hash of its bytes: a post is up to date only if they all
still hash the same. `make` learns the same files from the file that
`python -m scripts.convert --depfile` writes (build/converted.d).
"""

from __future__ import annotations

import ast
import glob
import hashlib
import os
import posixpath
import re
from dataclasses import replace
from pathlib import Path

from .model import Code, Post
from .sources import TEXT_SUFFIX, Source, is_module

INPUTS_KEY = "inputs"
HELPER_PREFIX = "_"
# Files a run opens that are not its data: Python's own (modules, helpers among them, and their caches) and notebooks.
NOT_DATA_SUFFIXES = (".py", ".pyc", ".ipynb")
# Folders whose files are never data: Jupyter's and git's own, and Python's caches.
NOT_DATA_FOLDERS = frozenset({".ipynb_checkpoints", ".git", "__pycache__"})
# `import name` / `from name import x` in a cell that does not parse as Python (IPython magics).
HELPER_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+(\w+)[ \t.]|import[ \t]+(\w+))", re.MULTILINE)


def file_hash(data: bytes) -> str:
    """Return the hash the post records for a file's bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def relative_name(path: Path, folder: Path) -> str:
    """Return `path` relative to `folder`, in `/` form, `..` allowed."""
    return Path(os.path.relpath(path, folder)).as_posix()


def imported_modules(code: str) -> set[str]:
    """Return the top-level names of the modules that `code` imports."""
    try:
        tree = ast.parse(code)
    except SyntaxError:  # IPython magics: fall back to the text
        return {match.group(1) or match.group(2) for match in HELPER_IMPORT.finditer(code)}
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def helper_modules(folder: Path, codes: list[str]) -> list[Path]:
    """Return the helper modules beside the notebook that the code imports, and the helpers they import.

    A helper is `_name.py`, or a module that is no post (`thinkstats2.py`: sources.is_module).
    """
    found: dict[str, Path] = {}
    pending = list(codes)
    while pending:
        for name in sorted(imported_modules(pending.pop())):
            path = folder / f"{name}{TEXT_SUFFIX}"
            if name not in found and path.is_file() and (name.startswith(HELPER_PREFIX) or is_module(path)):
                found[name] = path
                pending.append(path.read_text(encoding="utf-8", errors="replace"))
    return [found[name] for name in sorted(found)]


def listed_inputs(source: Source, patterns: list[str]) -> list[Path]:
    """Return the files the front matter's `inputs` names; stop if a pattern matches nothing."""
    folder = source.path.parent
    files: list[Path] = []
    for pattern in patterns:
        matches = sorted(folder / match for match in glob.glob(pattern, root_dir=folder, recursive=True))
        for match in matches:
            files += sorted(path for path in match.rglob("*") if path.is_file()) if match.is_dir() else [match]
        if not matches:
            raise source.error(
                f"`{INPUTS_KEY}`: '{pattern}' matches no file in {folder}/",
                cell=1,
                fix=f"list the files the code reads, relative to {folder}/ (e.g. `{INPUTS_KEY}: [data/points.csv]`)",
                kind="inputs",
            )
    return files


def input_folders(folder: Path, patterns: list[str]) -> list[Path]:
    """Return the folders where a new file could match a pattern of `inputs`: make watches them."""
    folders: list[Path] = []
    for pattern in patterns:
        parts = Path(pattern).parts
        magic = next((n for n, part in enumerate(parts) if glob.has_magic(part)), len(parts))
        base = folder.joinpath(*parts[:magic])
        if base.is_dir():
            folders += [base, *sorted(path for path in base.rglob("*") if path.is_dir())]
    return folders


def inputs_of(source: Source, post: Post) -> dict[str, str]:
    """Return every file the post is made from besides the notebook, by path relative to its folder, with its hash."""
    folder = source.path.parent
    codes = [block.source for block in post.blocks if isinstance(block, Code)]
    files = listed_inputs(source, post.front_matter.get(INPUTS_KEY, [])) + helper_modules(folder, codes)
    hashes = {relative_name(path, folder): file_hash(path.read_bytes()) for path in files}
    # A file markdown shows, by its path from the folder (`../images/logo.png` is `up/images/logo.png` in the bundle).
    shown = {target: posixpath.normpath(path) for path, target in post.links.items() if target in post.attachments}
    hashes |= {shown.get(name, name): file_hash(data) for name, data in post.attachments.items()}
    return dict(sorted(hashes.items()))


def with_inputs(source: Source, post: Post) -> Post:
    """Return the post with its inputs recorded."""
    return replace(post, inputs=inputs_of(source, post))


def project_of(folder: Path) -> Path | None:
    """Return the folder a notebook's folder is in, whose files the notebook reads by `../` paths; None for `/` and the home folder."""
    project = folder.resolve().parent
    return None if project == Path(project.anchor) or project == Path.home().resolve() else project


def read_names(copy: Path, paths: list[str], folder: Path | None = None) -> list[str]:
    """Return the files a run read (absolute `paths`, see scripts/kernels.py watch_files) by path relative to the
    notebook's folder, in `/` form, sorted: those in its working copy `copy` and in the mirror of the project around it
    (`../data/x.csv`), and those of the project (the folder `folder` is in) read by their own paths.

    Not a file outside the project, nor one in Jupyter's or git's own folders.
    """
    root = os.path.realpath(copy)
    sandbox = os.path.join(os.path.dirname(root), "")
    original = os.path.realpath(folder) if folder is not None else None
    above = project_of(folder) if folder is not None else None
    project = os.path.join(str(above), "") if above else None
    names = set()
    for path in paths:
        if path.startswith(sandbox):
            name = Path(os.path.relpath(path, root)).as_posix()
        elif project and original and path.startswith(project):
            name = Path(os.path.relpath(path, original)).as_posix()
        else:
            continue
        if name.startswith("../../") or name == ".." or not NOT_DATA_FOLDERS.isdisjoint(name.split("/")):
            continue
        names.add(name)
    return sorted(names)


def with_reads(source: Source, post: Post, names: list[str]) -> Post:
    """Return the post with the files named in `names` (that its run read) among its inputs, with their hashes.

    Not the notebook's files, modules or their caches (helpers are inputs already), nor a file that is not
    in the folder (the run wrote it); each by its path relative to the folder, sorted, so that the post's data
    is the same on every run. Files of the project outside the folder (`../data/x.csv`) count too, modules
    among them (`sys.path.append('../src')`): they are none of Python's own.
    """
    folder = source.path.parent
    found = {}
    for name in names:
        path = folder / name
        own = name.endswith(NOT_DATA_SUFFIXES) and not (name.startswith("../") and name.endswith(".py"))
        if name in post.inputs or own or "__pycache__" in Path(name).parts or not path.is_file():
            continue
        found[name] = file_hash(path.read_bytes())
    return replace(post, inputs=dict(sorted((post.inputs | found).items()))) if found else post


def with_earlier_reads(source: Source, post: Post, recorded: dict[str, str]) -> Post:
    """Return the post with the inputs its last run recorded (`recorded`) that it does not list itself, hashed now.

    They are the files that run read without `inputs` naming them: one that changed makes the post
    out of date; one that is gone is left out, which does too.
    """
    return with_reads(source, post, [name for name in recorded if name not in post.inputs])


def make_escape(path: str) -> str:
    """Return a path as a make prerequisite: spaces, `#`, `:` and `$` escaped."""
    return re.sub(r"([ #:\\])", r"\\\1", path).replace("$", "$$")


def depfile_text(target: str, files: list[str]) -> str:
    """Return a make rule saying that `target` depends on `files`, and an empty rule for each, so a deleted one rebuilds."""
    escaped = [make_escape(file) for file in files]
    lines = [f"{make_escape(target)}: \\"] + [f"  {file} \\" for file in escaped] + [""]
    lines += [f"{file}:" for file in escaped]
    return "\n".join(lines) + "\n"

"""Small notebooks and Hugo sites for the pipeline's tests, built in code in temporary folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from scripts import hugo
from scripts.datacamp import datacamp_reads
from scripts.hugo import SITE_FILES
from scripts.parts import PARTS, PUBLISHED_PARTS

REPO = Path(__file__).resolve().parents[1]
HUGO = hugo.binary()
FRONT_MATTER = "---\ntitle: A post\ndate: 2024-01-31\n---"
# A build started with this variable set to its project passes it to every process it starts (its template, its kernels,
# what the notebooks start): `processes_of(project)` finds those still alive.
MARK = "BLOG_FAULT_TEST_BUILD"


def code(source: str, *tags: str, **metadata) -> nbformat.NotebookNode:
    """Return a code cell with these tags and metadata (`-` for `_` in metadata keys)."""
    return new_code_cell(source, metadata=cell_metadata(tags, metadata))


def markdown(source: str, *tags: str, **metadata) -> nbformat.NotebookNode:
    """Return a markdown cell with these tags and metadata."""
    return new_markdown_cell(source, metadata=cell_metadata(tags, metadata))


def raw(source: str, *tags: str, **metadata) -> nbformat.NotebookNode:
    """Return a raw cell with these tags and metadata."""
    return new_raw_cell(source, metadata=cell_metadata(tags, metadata))


def cell_metadata(tags: tuple[str, ...], metadata: dict) -> dict:
    """Return cell metadata: the tags, and keyword arguments with `_` spelled `-` as authors write them."""
    data = {key.replace("_", "-"): value for key, value in metadata.items()}
    if tags:
        data["tags"] = list(tags)
    return data


def notebook(*cells: nbformat.NotebookNode, front_matter: str | None = FRONT_MATTER) -> nbformat.NotebookNode:
    """Return a notebook: a raw front matter cell (unless None), then `cells`."""
    first = [new_raw_cell(front_matter)] if front_matter is not None else []
    return new_notebook(cells=first + list(cells))


def exercise(solution: str = "x = 1", **parts: str) -> list[nbformat.NotebookNode]:
    """Return the cells of one exercise: `solution` plus any of pre_exercise_code, sample_code, sct, hint."""
    cells = []
    for part in PARTS:
        text = solution if part.tag == "solution" else parts.get(part.key)
        if text is not None:
            cells.append(code(text, part.tag) if part.is_code else markdown(text, part.tag))
    return cells


def write_ipynb(folder: Path, slug: str, nb: nbformat.NotebookNode) -> Path:
    """Write `nb` as `folder/SLUG.ipynb`; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.ipynb"
    nbformat.write(nb, path)
    return path


def write_text(path: Path, text: str) -> Path:
    """Write `text` exactly (no newline translation); return the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as file:
        file.write(text)
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder` by relative path, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def build_site(content: Path, site: Path) -> Path:
    """Build a Hugo site from `content` with the repository's config and layouts; return the output folder."""
    site.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        # Copied, not linked: Hugo's `fileExists` does not follow a linked static/.
        if (REPO / name).is_dir() and not (site / name).exists():
            shutil.copytree(REPO / name, site / name)
        elif (REPO / name).is_file():
            shutil.copyfile(REPO / name, site / name)
    if not (site / "content").exists():
        (site / "content").symlink_to(content.resolve())
    public = site / "public"
    result = hugo.build(site, public, "--cleanDestinationDir", env={**os.environ, "HUGO_CACHEDIR": str(site / "cache")})
    assert result.returncode == 0, f"hugo failed:\n{result.stdout}\n{result.stderr}"
    return public


def processes_of(project: Path) -> list[int]:
    """Return the PIDs of processes still alive that a build in `project`, started with `MARK` set to it, started."""
    mark = f"{MARK}={project}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if mark in (proc / "environ").read_bytes().split(b"\0") and (proc / "stat").read_text().split()[2] != "Z":
                found.append(int(proc.name))
        except (OSError, IndexError):
            continue
    return found


def read_page(path: Path) -> BeautifulSoup:
    """Parse a built page as a browser would see its text: CRLF and CR become LF before parsing."""
    html = path.read_text(encoding="utf-8").replace("\r\n", "\n").replace("\r", "\n")
    return BeautifulSoup(html, "html.parser")


def exercise_reads(div) -> dict[str, str]:
    """Return what DataCamp Light reads from an exercise element: each code part, and the hint's innerHTML."""
    reads = {}
    for part in PUBLISHED_PARTS:
        element = div.select_one(f"[data-type={part.data_type}]" if not part.is_code else f"code[data-type={part.data_type}]")
        if element is not None:
            reads[part.key] = datacamp_reads(element.get_text()) if part.is_code else element.decode_contents()
    return reads


@contextmanager
def busy_cpus() -> Iterator[None]:
    """Keep every CPU this process may run on busy with a spinning process while the block runs (faults must hold on a loaded machine)."""
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in os.sched_getaffinity(0)]
    try:
        yield
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()

"""Fixtures for the pipeline's tests: a throwaway project folder with `notebooks/` and `content/post/`."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from builders import write_ipynb, write_text
from checks_notebooks import Posts

# pytester's in-process runs unload the modules first imported inside them, while the `scripts` package keeps
# them as attributes: a module such as `scripts.kernels` must be imported here first, or the next run's
# `from . import kernels` finds an unloaded copy whose functions no longer pickle for a forked kernel.
import scripts.sessions  # noqa: F401
from scripts.checks.post_checks import Flow
from scripts.checks.sessions import Runtime, Sessions
from scripts.convert import convert, main
from scripts.errors import ContentError
from scripts.kernels import KernelTemplate
from scripts.runtime import python as runtime_python
from scripts.sessions import ONE_BLAS_THREAD
from scripts.sources import find_sources

# The suite runs a process per CPU (`make test`, TEST_WORKERS): each, and what it starts (Jupyter's "Run All",
# JupyterLab, a copy of the blog's `make site`), uses one BLAS thread, as the build's own kernels do. Set before
# pytest-xdist starts its workers, which inherit it.
for name, value in ONE_BLAS_THREAD.items():
    os.environ.setdefault(name, value)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Put the files that take longest first: the posts' checks (notebooks/) and the files holding `slow` tests.

    `make test` hands pytest-xdist's workers a file at a time in this order (`--no-loadscope-reorder`), so that
    no long file is left to one worker at the end while the other waits. Within a file the order stays.
    """
    long = {item.path for item in items if item.get_closest_marker("slow") or item.path.suffix == ".ipynb"}
    items.sort(key=lambda item: item.path not in long)


@pytest.fixture(scope="session")
def kernel_template() -> Iterator[KernelTemplate]:
    """The warm process every test's notebooks run on kernels forked from: each notebook still gets a fresh
    kernel, as in the build, without each test warming up a template of its own (a second or two of CPU)."""
    template = KernelTemplate()
    yield template
    template.close()


@pytest.fixture(scope="session")
def exercise_sessions() -> Iterator[Sessions]:
    """The exercise sessions of the whole test run, as the plugin keeps them for a run: the runtime's template
    (DataCamp Light's Python) and the site Python's, each started on first use. Each session is forked afresh."""
    sessions = Sessions({"runtime": runtime_python(), "site": sys.executable})
    yield sessions
    sessions.close()


@pytest.fixture(scope="session")
def runtime(exercise_sessions: Sessions) -> Runtime:
    """The exercise runtime's template (DataCamp Light's Python), as the plugin starts it."""
    return exercise_sessions.runtime("runtime")


@pytest.fixture
def posts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exercise_sessions: Sessions, kernel_template: KernelTemplate) -> Iterator[Posts]:
    """A project folder as the current directory, whose posts' checks the test calls directly (checks_notebooks.Posts)."""
    monkeypatch.chdir(tmp_path)
    runs = Flow(kernel_template)
    yield Posts(tmp_path, exercise_sessions, runs)
    runs.close()
    exercise_sessions.reset()  # the next test's posts have the same paths and names


@dataclass
class Project:
    """A project folder (the current directory during the test) to convert notebooks in."""

    root: Path
    template: KernelTemplate | None = None  # what the notebooks' kernels are forked from (default: one per conversion)
    log: list[str] = field(default_factory=list)

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def posts(self) -> Path:
        return self.root / "content" / "post"

    def add(self, slug: str, nb: nbformat.NotebookNode) -> Path:
        """Write `notebooks/SLUG.ipynb`; return its path (relative, as `make site` names it)."""
        return write_ipynb(self.notebooks, slug, nb).relative_to(self.root)

    def add_py(self, slug: str, text: str) -> Path:
        """Write `notebooks/SLUG.py` with exactly this text; return its path."""
        return write_text(self.notebooks / f"{slug}.py", text).relative_to(self.root)

    def convert(self, *paths: Path, force: bool = False) -> list[ContentError]:
        """Convert these notebooks (default: all of them, removing stale posts); return the errors."""
        out = io.StringIO()
        errors = convert(
            list(paths) or find_sources(Path("notebooks")),
            Path("content/post"),
            workers=1,
            force=force,
            prune=not paths,
            out=out,
            template=self.template,
        )
        self.log.append(out.getvalue())
        return errors

    def main(self, *argv: str) -> int:
        """Run the command line (`python -m scripts.convert ARGV`) in-process; return its exit status (a notebook with code starts a template)."""
        return main(["-j", "1", *argv])

    def post(self, slug: str) -> str:
        """Return the text of the generated `content/post/SLUG/index.md`."""
        return (self.posts / slug / "index.md").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel_template: KernelTemplate) -> Project:
    """A fresh project folder as the current directory."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "content" / "post").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path, kernel_template)

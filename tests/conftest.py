"""Fixtures for the pipeline's tests: a throwaway project folder with `notebooks/` and `content/post/`."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest
from builders import write_ipynb, write_text

# pytester's in-process runs unload the modules first imported inside them, while the `scripts` package keeps
# them as attributes: a module such as `scripts.kernels` must be imported here first, or the next run's
# `from . import kernels` finds an unloaded copy whose functions no longer pickle for a forked kernel.
import scripts.kernels  # noqa: F401
import scripts.sessions  # noqa: F401
from scripts.convert import convert, main
from scripts.errors import ContentError
from scripts.sources import find_sources


@dataclass
class Project:
    """A project folder (the current directory during the test) to convert notebooks in."""

    root: Path
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
            list(paths) or find_sources(Path("notebooks")), Path("content/post"), workers=1, force=force, prune=not paths, out=out
        )
        self.log.append(out.getvalue())
        return errors

    def main(self, *argv: str) -> int:
        """Run the command line (`python -m scripts.convert ARGV`) in-process; return its exit status."""
        return main(["-j", "1", *argv])

    def post(self, slug: str) -> str:
        """Return the text of the generated `content/post/SLUG/index.md`."""
        return (self.posts / slug / "index.md").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A fresh project folder as the current directory."""
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "content" / "post").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path)

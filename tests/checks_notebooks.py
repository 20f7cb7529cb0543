"""Small posts in jupytext's percent format for the exercise checks' tests, and a pytester helper to run them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from scripts.checks import plugin

# The plugin is imported here, outside pytester's runs (pytester forgets modules
# first imported during a run), so that its one warm template process serves every run.
assert plugin

HEADER = "# ---\n# title: Demo\n# date: 2026-01-31\n# ---\n"
# Runs the plugin on notebooks/ alone (no site: these projects have no Hugo config).
INI = "[pytest]\naddopts = -p scripts.checks.plugin -p no:cacheprovider\n"


def cell(marker: str, source: str) -> str:
    """Return one percent-format cell: `# %%` + the marker's tags and metadata, then the source."""
    return f"# %% {marker}".rstrip() + "\n" + textwrap.dedent(source).strip("\n") + "\n"


def exercise(name: str, solution: str, pec: str | None = None, sample: str | None = None, sct: str | None = None, **settings) -> str:
    """Return an exercise's cells (pre-exercise code, sample, solution, SCT, in that order) as percent text."""
    metadata = f'exercise="{name}"' + "".join(
        f" {key.replace('_', '-')}={str(value).lower() if isinstance(value, bool) else value}" for key, value in settings.items()
    )
    parts = [("pre-exercise-code", pec), ("sample-code", sample), ("solution", solution), ("sct", sct)]
    cells = []
    for tag, source in parts:
        if source is not None:
            cells.append(cell(f'tags=["{tag}"]' + (f" {metadata}" if not cells else ""), source))
    return "\n".join(cells)


def post(*cells: str, header: str = HEADER) -> str:
    """Return a post's .py text: the front matter header, then the cells."""
    return header + "\n" + "\n".join(cells)


class Blog:
    """A throwaway project for pytester: notebooks/ and the plugin registered."""

    def __init__(self, pytester: pytest.Pytester):
        self.pytester = pytester
        pytester.makeini(INI)
        (pytester.path / "notebooks").mkdir()

    def write(self, slug: str, text: str) -> Path:
        """Write notebooks/SLUG.py; return its path."""
        path = self.pytester.path / "notebooks" / f"{slug}.py"
        path.write_text(text, encoding="utf-8")
        return path

    def run(self, *args: str) -> pytest.RunResult:
        """Run pytest on `args` (default: notebooks/) in the project, in this process (forks work there too)."""
        paths = [arg for arg in args if arg.startswith("notebooks")]
        return self.pytester.runpytest(*args, *([] if paths else ["notebooks"]))

"""Small posts in jupytext's percent format for the exercise checks' tests: the checks called directly, as the
plugin's items call them (`Posts`), and a pytester project for what only pytest shows (`Blog`)."""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

import pytest

from scripts.checks import plugin, post_checks
from scripts.checks.answers import answers_path, read_answers
from scripts.checks.items import EXERCISE_CHECKS
from scripts.checks.results import Result
from scripts.checks.sessions import Sessions
from scripts.front_matter import DEFAULT_TIMEOUT
from scripts.model import Exercise, Post
from scripts.sources import Source

# The plugin is imported here, outside pytester's runs (pytester forgets modules
# first imported during a run), so that its one warm template process serves every run.
assert plugin

HEADER = "# ---\n# title: Demo\n# date: 2026-01-31\n# ---\n"
# Runs the plugin on notebooks/ alone (no site: these projects have no Hugo config).
INI = "[pytest]\naddopts = -p scripts.checks.plugin -p no:cacheprovider\n"
# Sessions running at once, as the plugin runs them in one pytest process: one per core, and one more.
WINDOW = len(os.sched_getaffinity(0)) + 1
# An exercise's checks by item name (solution, sct, sample, mutants, alternatives, learners).
CHECKS = {check.name: check for check in EXERCISE_CHECKS}


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


@dataclass
class Options:
    """The command line options the checks read from pytest's config."""

    strict_feedback: bool = False

    def getoption(self, name: str):
        return getattr(self, name)


class Posts:
    """A project folder (the working directory) with notebooks/, whose posts' checks are called as the plugin's items call them,
    in the test run's exercise sessions and on its kernel template."""

    def __init__(self, root: Path, sessions: Sessions, runs: post_checks.Flow):
        self.root, self.sessions, self.runs = root, sessions, runs
        (root / "notebooks").mkdir(exist_ok=True)

    def write(self, slug: str, text: str) -> Path:
        """Write notebooks/SLUG.py; return its path. The outcomes of sessions run before are forgotten (they are keyed by path and name)."""
        path = self.root / "notebooks" / f"{slug}.py"
        path.write_text(text, encoding="utf-8")
        self.sessions.reset()
        return path

    def read(self, slug: str) -> tuple[Source, Post]:
        """Return the post's source and model, as the plugin reads them (raises ContentError)."""
        return post_checks.read_post(self.root / "notebooks" / f"{slug}.py")

    def exercise(self, slug: str, name: str) -> SimpleNamespace:
        """Return what an exercise's items read of their parent (ExerciseCollector): the source, the post, the exercise, its learners' answers."""
        source, post = self.read(slug)
        found: Exercise = next(exercise for exercise in post.exercises if exercise.name == name)
        answers = read_answers(answers_path(source.path), [exercise.name for exercise in post.exercises]).get(name, [])
        return SimpleNamespace(source=source, post=post, exercise=found, answers=answers)

    def items(self, slug: str, name: str) -> list[str]:
        """Return the names of the checks the plugin collects for exercise `name` (those that apply to it), in order."""
        collector = self.exercise(slug, name)
        return [row.name for row in EXERCISE_CHECKS if row.applies_to(collector)]

    def check(self, slug: str, name: str, check: str, strict: bool = False) -> Result:
        """Run one check (an item's name: solution, sct, sample, mutants, alternatives, learners) of exercise `name`; return its Result."""
        assert check in self.items(slug, name), f"the plugin collects no {check} check for exercise {name}"
        collector = self.exercise(slug, name)
        row = CHECKS[check]
        self.sessions.plan(row.jobs(collector, DEFAULT_TIMEOUT), WINDOW)
        return row.run(collector, self.sessions, DEFAULT_TIMEOUT, Options(strict))

    def flow(self, slug: str) -> Result:
        """Run the post's flow check (its code cells, top to bottom, on a fresh kernel)."""
        return post_checks.check_flow(self.runs, *self.read(slug))

    def content(self, slug: str) -> Result:
        """Run the post's content check (content/post/SLUG/ is what the pipeline generates)."""
        return post_checks.check_content(self.runs, *self.read(slug), self.root)


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

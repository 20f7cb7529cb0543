"""pytest collectors and items for the posts: what `pytest notebooks/` collects and how failures read.

notebooks/                      NotebooksDir: one PostFile per post, and the `site` item
notebooks/SLUG.py               PostFile: `flow`, one Exercise per exercise, `content`
notebooks/SLUG.py::NAME         Exercise: `solution`, `sct`, `sample`, `mutants`, `alternatives`, `learners`
notebooks/SLUG.py::answers      the learners' answers file (SLUG.answers.toml), when it does not read

Exercise checks run in sessions of the exercise runtime (DataCamp Light's Python, `sessions.Runtime`);
the plugin keeps their scheduler on `config.stash[SESSIONS]`.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest

from ..errors import ContentError
from ..model import Exercise, Post
from ..runtime import python as runtime_python
from ..sources import Source, find_sources
from . import exercise_checks, post_checks
from .answers import Answer, answers_path, read_answers
from .mutants import Tally
from .results import INTERNAL, Result
from .sessions import Job, Sessions
from .verdicts import ALTERNATIVE, SAMPLE, SCT, SOLUTION

HUGO_CONFIGS = ("hugo.toml", "config.toml")
# The key under which a mutants item records its tally in its report (`make mutants` prints them as a table).
MUTANTS_PROPERTY = "mutants"
# The run's exercise sessions: the runtime's template and the site's, started on first use.
SESSIONS = pytest.StashKey[Sessions]()
# The posts the run executed on the build's kernels (the flow and content checks share them).
FLOW = pytest.StashKey[post_checks.Flow]()


def flow_of(config: pytest.Config) -> post_checks.Flow:
    """The run's executed posts, made on first use."""
    if FLOW not in config.stash:
        config.stash[FLOW] = post_checks.Flow()
    return config.stash[FLOW]


def sessions_of(config: pytest.Config) -> Sessions:
    """The run's exercise sessions, made on first use: DataCamp Light's Python (the runtime) and the site's."""
    if SESSIONS not in config.stash:
        config.stash[SESSIONS] = Sessions({"runtime": runtime_python(), "site": sys.executable})
    return config.stash[SESSIONS]


class GenericFeedbackWarning(UserWarning):
    """Mutants of an exercise's solution get only pythonwhat's generic feedback; STRICT=1 fails on more than 10% of the killed ones."""


def plan_sessions(config: pytest.Config, items: list[pytest.Item], window: int) -> int:
    """Tell the sessions which the run needs, in order, so that they start ahead; return how many."""
    jobs = []
    for item in items:
        if isinstance(item, ExerciseItem):
            jobs.extend(item.jobs())
    if jobs:
        sessions_of(config).plan(jobs, window)
    return len(jobs)


class ChecksCrashed(Exception):
    """The checks themselves failed, not the notebook; carries their traceback."""


class NotebooksDir(pytest.Directory):
    """The notebooks folder: each post once (its .ipynb, or the .py the command line names), then the site."""

    def collect(self) -> Iterator[pytest.Item | pytest.Collector]:
        for path in find_sources(self.path):
            paired = path.with_suffix(".py")
            if not self.session.isinitpath(path) and self.session.isinitpath(paired):
                path = paired  # `pytest notebooks/SLUG.py` asks for the .py by name
            yield PostFile.from_parent(self, path=path)
        if any((self.config.rootpath / name).exists() for name in HUGO_CONFIGS):
            yield SiteItem.from_parent(self, name="site")


class PostFile(pytest.File):
    """One post: its flow, its exercises and its content check."""

    def collect(self) -> Iterator[pytest.Item | pytest.Collector]:
        try:
            source, post = post_checks.read_post(self.path)
        except ContentError as error:
            # A notebook that does not read (e.g. its pair disagrees) fails its content check.
            yield ContentItem.from_parent(self, name="content", source=None, post=None, broken=error)
            return
        try:
            answers = read_answers(answers_path(self.path), [exercise.name for exercise in post.exercises])
        except ContentError as error:
            answers = {}
            yield ContentItem.from_parent(self, name="answers", source=None, post=None, broken=error)
        yield FlowItem.from_parent(self, name="flow", source=source, post=post)
        for exercise in post.exercises:
            yield ExerciseCollector.from_parent(
                self, name=exercise.name, source=source, post=post, exercise=exercise, answers=answers.get(exercise.name, [])
            )
        yield ContentItem.from_parent(self, name="content", source=source, post=post)


class ExerciseCollector(pytest.Collector):
    """One exercise: each check of EXERCISE_CHECKS that applies to it, as an item of its own."""

    def __init__(self, *, source: Source, post: Post, exercise: Exercise, answers: list[Answer], **kwargs):
        super().__init__(**kwargs)
        self.source, self.post, self.exercise, self.answers = source, post, exercise, answers

    def collect(self) -> Iterator[pytest.Item]:
        for check in EXERCISE_CHECKS:
            if check.applies_to(self):
                item = ExerciseItem.from_parent(self, name=check.name, check=check)
                if check.marker:
                    item.add_marker(check.marker)
                yield item


class CheckItem(pytest.Item):
    """An item that runs one check and reports its Result."""

    cell: int | None = None  # the cell `reportinfo` points at

    def check(self) -> Result:
        raise NotImplementedError

    def runtest(self) -> None:
        result = self.check()
        if result.warning:
            warnings.warn(self.warning(result.warning), stacklevel=1)
        if result.internal:
            raise ChecksCrashed(result.internal)
        if result.error:
            raise result.error
        if result.skipped:
            pytest.skip(result.skipped)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ContentError):
            return str(excinfo.value)
        if isinstance(excinfo.value, ChecksCrashed):
            return f"{INTERNAL}\n{excinfo.value}"
        return f"{INTERNAL}\n{super().repr_failure(excinfo, style)}"

    def reportinfo(self):
        # Headlines read `SLUG::NAME::solution`, as the README names the checks.
        slug = self.path.stem if isinstance(self.parent, (PostFile, ExerciseCollector)) else None
        checks = self.nodeid.split("::", 1)[-1]
        return self.path, (self.cell - 1 if self.cell else None), f"{slug}::{checks}" if slug else checks

    def warning(self, text: str) -> Warning:
        return UserWarning(text)

    @property
    def default_timeout(self) -> float:
        return self.config.getoption("exercise_timeout")


class PostItem(CheckItem):
    """A check of a whole post."""

    def __init__(self, *, source: Source | None, post: Post | None, broken: ContentError | None = None, **kwargs):
        super().__init__(**kwargs)
        self.source, self.post, self.broken = source, post, broken


class FlowItem(PostItem):
    def check(self) -> Result:
        return post_checks.check_flow(flow_of(self.config), self.source, self.post)


class ContentItem(PostItem):
    def check(self) -> Result:
        if self.broken is not None:
            self.cell = self.broken.cell
            return Result(error=self.broken)
        return post_checks.check_content(flow_of(self.config), self.source, self.post, self.config.rootpath)


class ExerciseItem(CheckItem):
    """One check of one exercise (a row of EXERCISE_CHECKS), run in sessions of the exercise runtime."""

    def __init__(self, *, check: ExerciseCheck, **kwargs):
        super().__init__(**kwargs)
        self.exercise_check = check

    @property
    def exercise_collector(self) -> ExerciseCollector:
        assert isinstance(self.parent, ExerciseCollector)
        return self.parent

    def jobs(self) -> list[Job]:
        """The sessions the check needs."""
        return self.exercise_check.jobs(self.exercise_collector, self.default_timeout)

    @property
    def cell(self) -> int | None:  # type: ignore[override]
        return self.exercise_collector.exercise.cells.get(self.exercise_check.part)

    def check(self) -> Result:
        result = self.exercise_check.run(self.exercise_collector, sessions_of(self.config), self.default_timeout, self.config)
        if isinstance(result.measured, Tally):
            e = self.exercise_collector
            row = result.measured.row(f"{e.source.slug}::{e.exercise.name}", e.exercise.settings.get(exercise_checks.ACCEPT, {}))
            self.user_properties.append((MUTANTS_PROPERTY, row))
        return result

    def warning(self, text: str) -> Warning:
        return self.exercise_check.warning(text)


def first_failure(*results: Callable[[], Result]) -> Result:
    """Run checks in order; return the first that does not pass, else the last's result."""
    result = Result()
    for run in results:
        result = run()
        if not result.passed:
            return result
    return result


@dataclass(frozen=True)
class ExerciseCheck:
    """One check of an exercise: its item's name, the part a failure points at, the parts it needs, the sessions
    it needs and how it runs (both given the exercise's collector, then the sessions, the timeout, the config)."""

    name: str
    part: str
    needs: tuple[str, ...]
    jobs: Callable[[ExerciseCollector, float], list[Job]]
    run: Callable[[ExerciseCollector, Sessions, float, pytest.Config], Result]
    marker: str | None = None
    applies: Callable[[ExerciseCollector], bool] = lambda e: True
    warning: Callable[[str], Warning] = UserWarning

    def applies_to(self, exercise: ExerciseCollector) -> bool:
        """Does the exercise have the parts the check needs, and does the check apply to it?"""
        return all(part in exercise.exercise.cells for part in self.needs) and self.applies(exercise)


def session(e: ExerciseCollector, timeout: float) -> list[Job]:
    return [exercise_checks.exercise_job(e.source, e.post, e.exercise, timeout)]


EXERCISE_CHECKS: tuple[ExerciseCheck, ...] = (
    # What the exercise's code needs of Python (read statically), then the pre-exercise code and the solution in the
    # runtime (DataCamp Light's Python), then on the site's Python (the reader's own, for the static copy).
    ExerciseCheck(
        "solution",
        SOLUTION,
        (SOLUTION,),
        lambda e, t: [*session(e, t), exercise_checks.site_python_job(e.source, e.post, e.exercise, t)],
        lambda e, s, t, c: first_failure(
            lambda: exercise_checks.check_python_version(e.source, e.exercise),
            lambda: exercise_checks.check_solution(s, e.source, e.post, e.exercise, t),
            lambda: exercise_checks.check_site_python(s, e.source, e.post, e.exercise, t),
        ),
    ),
    ExerciseCheck("sct", SCT, (SCT,), session, lambda e, s, t, c: exercise_checks.check_sct(s, e.source, e.post, e.exercise, t)),
    # Compiled here, in no session.
    ExerciseCheck(
        "sample",
        SAMPLE,
        (SAMPLE,),
        lambda e, t: [],
        lambda e, s, t, c: exercise_checks.check_sample(e.source, e.exercise),
    ),
    # In sessions of their own, which spread over the cores beside the other checks.
    ExerciseCheck(
        "mutants",
        SCT,
        (SCT,),
        lambda e, t: exercise_checks.mutants_jobs(e.source, e.post, e.exercise, t),
        lambda e, s, t, c: exercise_checks.check_mutants(s, e.source, e.post, e.exercise, t, c.getoption("strict_feedback")),
        marker="mutants",
        warning=GenericFeedbackWarning,
    ),
    ExerciseCheck(
        "alternatives",
        ALTERNATIVE,
        (SCT, ALTERNATIVE),
        session,
        lambda e, s, t, c: exercise_checks.check_alternatives(s, e.source, e.post, e.exercise, t),
    ),
    ExerciseCheck(
        "learners",
        SCT,
        (SCT,),
        lambda e, t: exercise_checks.learners_jobs(e.source, e.post, e.exercise, e.answers, t),
        lambda e, s, t, c: exercise_checks.check_learners(s, e.source, e.post, e.exercise, e.answers, t),
        marker="learners",
        applies=lambda e: bool(e.answers),
    ),
)


class SiteItem(CheckItem):
    """The whole site, built with Hugo: no errors, no warnings."""

    def check(self) -> Result:
        return post_checks.check_site(self.config.rootpath)

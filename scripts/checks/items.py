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

import pytest

from ..errors import ContentError
from ..model import Exercise, Post
from ..runtime import python as runtime_python
from ..sources import Source, find_sources
from . import runner
from .answers import Answer, answers_path, read_answers
from .mutants import Tally
from .runner import INTERNAL, Result
from .sessions import Job, Sessions
from .verdicts import ALTERNATIVE, SAMPLE, SCT, SOLUTION

HUGO_CONFIGS = ("hugo.toml", "config.toml")
# The key under which a mutants item records its tally in its report (`make mutants` prints them as a table).
MUTANTS_PROPERTY = "mutants"
# The run's exercise sessions: the runtime's template and the site's, started on first use.
SESSIONS = pytest.StashKey[Sessions]()
# The posts the run executed on the build's kernels (the flow and content checks share them).
FLOW = pytest.StashKey[runner.Flow]()


def flow_of(config: pytest.Config) -> runner.Flow:
    """The run's executed posts, made on first use."""
    if FLOW not in config.stash:
        config.stash[FLOW] = runner.Flow()
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
            source, post = runner.read_post(self.path)
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
    """One exercise: its solution, its SCT and its sample, each checked on its own."""

    def __init__(self, *, source: Source, post: Post, exercise: Exercise, answers: list[Answer], **kwargs):
        super().__init__(**kwargs)
        self.source, self.post, self.exercise, self.answers = source, post, exercise, answers

    def collect(self) -> Iterator[pytest.Item]:
        # Each check, and the parts the exercise needs for it.
        checks = [
            ("solution", SolutionItem, (SOLUTION,)),
            ("sct", SctItem, (SCT,)),
            ("sample", SampleItem, (SAMPLE,)),
            ("mutants", MutantsItem, (SCT,)),
            ("alternatives", AlternativesItem, (SCT, ALTERNATIVE)),
            ("learners", LearnersItem, (SCT,)),
        ]
        for name, item, needs in checks:
            if all(part in self.exercise.cells for part in needs) and (item is not LearnersItem or self.answers):
                check = item.from_parent(self, name=name)
                for marker in item.markers:
                    check.add_marker(marker)
                if item.shares_session:
                    # These checks share one session: `--dist loadgroup` runs it once.
                    check.add_marker(pytest.mark.xdist_group(f"{self.source.slug}::{self.exercise.name}"))
                yield check


class CheckItem(pytest.Item):
    """An item that runs one check of the runner and reports its Result."""

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
        if source is not None:
            # Lets `pytest -n auto --dist loadgroup` run content on the worker that ran flow.
            self.add_marker(pytest.mark.xdist_group(source.slug))


class FlowItem(PostItem):
    def check(self) -> Result:
        return runner.check_flow(flow_of(self.config), self.source, self.post)


class ContentItem(PostItem):
    def check(self) -> Result:
        if self.broken is not None:
            self.cell = self.broken.cell
            return Result(error=self.broken)
        return runner.check_content(flow_of(self.config), self.source, self.post, self.config.rootpath)


class ExerciseItem(CheckItem):
    """A check of one exercise, run in its own isolated session."""

    part = SOLUTION
    shares_session = True  # runs in the exercise's session (solution, SCT on the solution, sample and alternatives)
    markers: tuple[str, ...] = ()
    run: Callable[..., Result]

    @property
    def exercise_collector(self) -> ExerciseCollector:
        assert isinstance(self.parent, ExerciseCollector)
        return self.parent

    @property
    def sessions(self) -> Sessions:
        return sessions_of(self.config)

    def jobs(self) -> list[Job]:
        """The sessions the check needs."""
        e = self.exercise_collector
        return [runner.exercise_job(e.source, e.post, e.exercise, self.default_timeout)] if self.shares_session else []

    @property
    def cell(self) -> int | None:  # type: ignore[override]
        return self.exercise_collector.exercise.cells.get(self.part)


class SolutionItem(ExerciseItem):
    """What the exercise's code needs of Python (read statically), then the pre-exercise code and the solution
    in the runtime (DataCamp Light's Python), then on the site's Python (the reader's own, for the static copy)."""

    def jobs(self) -> list[Job]:
        e = self.exercise_collector
        return [*super().jobs(), runner.site_python_job(e.source, e.post, e.exercise, self.default_timeout)]

    def check(self) -> Result:
        e = self.exercise_collector
        for result in (
            runner.check_python_version(e.source, e.exercise),
            runner.check_solution(self.sessions, e.source, e.post, e.exercise, self.default_timeout),
            runner.check_site_python(self.sessions, e.source, e.post, e.exercise, self.default_timeout),
        ):
            if not result.passed:
                return result
        return result


class SctItem(ExerciseItem):
    part = SCT

    def check(self) -> Result:
        e = self.exercise_collector
        return runner.check_sct(self.sessions, e.source, e.post, e.exercise, self.default_timeout)


class SampleItem(ExerciseItem):
    part = SAMPLE
    shares_session = False  # compiled here, in no session

    def check(self) -> Result:
        e = self.exercise_collector
        return runner.check_sample(e.source, e.exercise)


class AlternativesItem(ExerciseItem):
    part = ALTERNATIVE

    def check(self) -> Result:
        e = self.exercise_collector
        return runner.check_alternatives(self.sessions, e.source, e.post, e.exercise, self.default_timeout)


class MutantsItem(ExerciseItem):
    """The SCT on the solution's mutants, in sessions of their own (they spread over the cores beside the other checks)."""

    part = SCT
    shares_session = False
    markers = ("mutants",)

    def jobs(self) -> list[Job]:
        e = self.exercise_collector
        return runner.mutants_jobs(e.source, e.post, e.exercise, self.default_timeout)

    def check(self) -> Result:
        e = self.exercise_collector
        strict = self.config.getoption("strict_feedback")
        result = runner.check_mutants(self.sessions, e.source, e.post, e.exercise, self.default_timeout, strict)
        if isinstance(result.measured, Tally):
            row = result.measured.row(f"{e.source.slug}::{e.exercise.name}", e.exercise.settings.get(runner.ACCEPT, {}))
            self.user_properties.append((MUTANTS_PROPERTY, row))
        return result

    def warning(self, text: str) -> Warning:
        return GenericFeedbackWarning(text)


class LearnersItem(ExerciseItem):
    """The SCT on the learners' answers in SLUG.answers.toml, in sessions of their own (as the mutants)."""

    part = SCT
    shares_session = False
    markers = ("learners",)

    def jobs(self) -> list[Job]:
        e = self.exercise_collector
        return runner.learners_jobs(e.source, e.post, e.exercise, e.answers, self.default_timeout)

    def check(self) -> Result:
        e = self.exercise_collector
        return runner.check_learners(self.sessions, e.source, e.post, e.exercise, e.answers, self.default_timeout)


class SiteItem(CheckItem):
    """The whole site, built with Hugo: no errors, no warnings."""

    def check(self) -> Result:
        return runner.check_site(self.config.rootpath)

"""The pytest plugin (hooks only): collects every post in the notebooks folder and the site build.

Registered with `-p scripts.checks.plugin` in pytest.ini; see docs/checks.md. The run's exercise
sessions live on `config.stash` (items.SESSIONS) and end with the run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    from ..front_matter import DEFAULT_TIMEOUT

    parser.addini("notebooks_dir", "the folder of posts to check, relative to the root directory (default: notebooks)", default="notebooks")
    group = parser.getgroup("exercises", "checking the posts' code and exercises")
    group.addoption(
        "--exercise-timeout",
        type=float,
        default=float(DEFAULT_TIMEOUT),
        metavar="SECONDS",
        help="seconds one exercise check may run when neither the exercise's `timeout` setting "
        "nor the notebook's front matter `timeout` says otherwise (default: %(default)g)",
    )
    group.addoption(
        "--strict-feedback",
        action="store_true",
        default=os.environ.get("STRICT") == "1",
        help="an exercise fails its mutants check when more than 10%% of the mutants its SCT fails get only pythonwhat's "
        "generic feedback (without it, a warning); `make test STRICT=1` sets it, and so does STRICT=1 in the environment",
    )
    group.addoption(
        "--mutants-table",
        action="store_true",
        help="after the run, print a table of every exercise's mutants: how many, equivalent, killed with specific "
        "or generic feedback, survived, and the seconds their sessions took (`make mutants`); with -v, then every "
        "mutant with its verdict and feedback",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "learners: an exercise's check of the learners' answers in SLUG.answers.toml (`-m learners`)")
    config.addinivalue_line("markers", "mutants: an exercise's mutants check (`-m mutants` selects them all, as `make mutants` does)")


@pytest.hookimpl(tryfirst=True)
def pytest_collect_directory(path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    from .items import NotebooksDir

    # The notebooks folder is ours: its .py files are posts, never test modules to import.
    if path == parent.config.rootpath / parent.config.getini("notebooks_dir"):
        return NotebooksDir.from_parent(parent, path=path)
    return None


def pytest_runtestloop(session: pytest.Session) -> None:
    # One pytest process on N cores keeps N + 1 exercise sessions running (each keeps one core
    # busy; the extra one covers the moments pytest takes to start the next); under
    # pytest-xdist the workers are the parallelism.
    from .items import plan_sessions

    if not session.config.getoption("collectonly"):
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        window = 1 if hasattr(session.config, "workerinput") else cores + 1
        plan_sessions(session.config, session.items, window)


def pytest_sessionfinish(session: pytest.Session) -> None:
    from .items import FLOW, SESSIONS

    for key in (SESSIONS, FLOW):
        if key in session.config.stash:
            session.config.stash[key].close()
            del session.config.stash[key]


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    from .items import MUTANTS_PROPERTY
    from .mutants import table

    if not config.getoption("mutants_table"):
        return
    # The reports of every item, pytest-xdist's workers' included, are in the terminal reporter's stats.
    rows = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for key, value in getattr(report, "user_properties", ())
        if key == MUTANTS_PROPERTY
    ]
    terminalreporter.section("mutants")
    for line in table(rows, verbose=config.getoption("verbose") > 0):
        terminalreporter.write_line(line)

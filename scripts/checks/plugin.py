"""The pytest plugin (hooks only): collects every post in the notebooks folder and the site build.

Registered with `-p scripts.checks.plugin` in pytest.ini; see README "Checking exercises".
"""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path

import pytest

from . import tasks

# `make bench` sets this to a file path: the run writes there how many processes its exercise sessions used.
STATS_VARIABLE = "BLOG_CHECKS_STATS"
# The sessions of the runs that this process's pytest ran before this one (pytester runs one inside another).
OUTER_SESSIONS = pytest.StashKey[object]()
# Whether this run started the template process before collecting (it stops it if no exercise is selected).
EARLY_TEMPLATE = pytest.StashKey[bool]()


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    parser.addini("notebooks_dir", "the folder of posts to check, relative to the root directory (default: notebooks)", default="notebooks")
    # The template process that exercise sessions are forked from takes a second or more to warm up: start it
    # now, while pytest loads the other plugins, imports the rest of the checks and collects, if this run is to
    # collect posts. pytest has read the command line but not yet the other plugins' options: the guess is
    # made again, knowing them all, in pytest_load_initial_conftests.
    config = pluginmanager.get_plugin("pytestconfig")
    if isinstance(config, pytest.Config):
        start_template_early(config)
    from ..front_matter import DEFAULT_TIMEOUT

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


def pytest_load_initial_conftests(early_config: pytest.Config, parser: pytest.Parser, args: list[str]) -> None:
    start_template_early(early_config)


def start_template_early(config: pytest.Config) -> None:
    """Start the template process if this run is to collect posts, and it has none; stop it if it started one needlessly."""
    wanted = collects_notebooks(config)
    if wanted and not tasks.template_running():
        tasks.template()
        config.stash[EARLY_TEMPLATE] = True
    elif not wanted and config.stash.get(EARLY_TEMPLATE, False):
        tasks.stop_template()
        config.stash[EARLY_TEMPLATE] = False


def collects_notebooks(config: pytest.Config) -> bool:
    """Will this process collect the notebooks folder (as pytest picks the paths: arguments, else testpaths)?"""
    options = config.known_args_namespace
    if options.collectonly or options.help or options.version or runs_xdist_workers(config):
        return False  # nothing runs, or pytest-xdist's workers run the checks
    notebooks = (config.rootpath / config.getini("notebooks_dir")).resolve()
    here = config.invocation_params.dir
    paths = [arg.split("::")[0] for arg in options.file_or_dir if not arg.startswith("-")]
    if not paths:
        paths = config.getini("testpaths") if here == config.rootpath else []
        paths = paths or ["."]
    for path in paths:
        resolved = (here / path).resolve()
        if resolved == notebooks or notebooks in resolved.parents or resolved in notebooks.parents:
            return True
    return False


def runs_xdist_workers(config: pytest.Config) -> bool:
    """Is this process the controller of pytest-xdist's workers (`-n N`)?"""
    if "PYTEST_XDIST_WORKER" in os.environ:
        return False
    if hasattr(config.known_args_namespace, "numprocesses"):
        return bool(config.known_args_namespace.numprocesses)
    # Before pytest-xdist has added its options: look for them where pytest reads arguments.
    args = [*shlex.split(os.environ.get("PYTEST_ADDOPTS", "")), *config.getini("addopts"), *config.invocation_params.args]
    return any(re.match(r"-n(?!o:)|--numprocesses", arg) for arg in args)


def pytest_configure(config: pytest.Config) -> None:
    from . import runner

    # This run's own sessions: a pytester run inside this one leaves this run's plan alone.
    config.stash[OUTER_SESSIONS] = runner.SESSIONS
    runner.SESSIONS = runner.Sessions()
    config.addinivalue_line("markers", "xdist_group(name): run the items of one group on one pytest-xdist worker")
    config.addinivalue_line("markers", "mutants: an exercise's mutants check (`-m mutants` selects them all, as `make mutants` does)")


@pytest.hookimpl(tryfirst=True)
def pytest_collect_directory(path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    from .items import NotebooksDir

    # The notebooks folder is ours: its .py files are posts, never test modules to import.
    if path == parent.config.rootpath / parent.config.getini("notebooks_dir"):
        return NotebooksDir.from_parent(parent, path=path)
    return None


def pytest_runtestloop(session: pytest.Session) -> None:
    # One pytest process on N cores keeps N + 1 exercise sessions running (each
    # keeps one core busy; the extra one covers the moments pytest takes to start
    # the next); under pytest-xdist the workers are the parallelism.
    from .items import plan_sessions

    if not hasattr(session.config, "workerinput") and not session.config.getoption("collectonly"):
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        if not plan_sessions(session.items, cores + 1) and session.config.stash.get(EARLY_TEMPLATE, False):
            tasks.stop_template()  # no exercise is selected after all


def pytest_sessionfinish(session: pytest.Session) -> None:
    from . import runner

    stats = os.environ.get(STATS_VARIABLE)
    if stats and not hasattr(session.config, "workerinput"):
        Path(stats).write_text(json.dumps({"processes": runner.SESSIONS.processes}) + "\n")
    runner.SESSIONS.close()
    runner.FLOW.close()


def pytest_unconfigure(config: pytest.Config) -> None:
    from . import runner

    if OUTER_SESSIONS in config.stash:
        runner.SESSIONS.close()
        runner.SESSIONS = config.stash[OUTER_SESSIONS]


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

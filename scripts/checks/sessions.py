"""Isolated sessions: each check runs in a child forked from a warm parent, with a timeout.

Forking a parent that has already imported numpy, matplotlib and pythonwhat
costs milliseconds; starting an interpreter (or a kernel) costs half a second
or more. The child gets a fresh temporary working directory, its result comes
back through a pipe, and a child that runs past its timeout is killed.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any

# Exercises run headless, as on DataCamp Light's backend.
BACKEND = "Agg"
# Explicitly fork: the child must inherit the parent's imported modules.
FORK = multiprocessing.get_context("fork")
# Modules every exercise session may use without paying their import time.
WARM_MODULES = (
    "numpy",
    "numpy.random",
    "numpy.linalg",
    "numpy.testing",
    "matplotlib.pyplot",
    "pythonwhat.test_exercise",
    "pythonwhat.local",
)
GRACE = 5.0  # seconds a child that sent its result gets to exit before it is killed


@dataclass
class Outcome:
    """What came back from a session: the task's value, or why there is none."""

    value: Any = None
    timed_out: bool = False
    crash: str | None = None  # a traceback or exit status when the session itself failed

    @property
    def ok(self) -> bool:
        """Did the task return a value?"""
        return not self.timed_out and self.crash is None


def warm_up() -> None:
    """Import what sessions use once, in this process, so that every fork starts warm."""
    if all(module in sys.modules for module in WARM_MODULES):
        return
    previous = os.environ.get("MPLBACKEND")
    os.environ["MPLBACKEND"] = BACKEND  # read when matplotlib is first imported
    try:
        import matplotlib

        matplotlib.use(BACKEND)
        for module in WARM_MODULES:
            __import__(module)
    finally:
        if previous is None:
            os.environ.pop("MPLBACKEND", None)
        else:
            os.environ["MPLBACKEND"] = previous
    from .equality import fix_is_equal
    from .tasks import rehearse

    fix_is_equal()
    # pythonwhat imports much of itself on first use: do that once here, not in every fork.
    rehearse()


def run_isolated(task: Callable[..., Any], *args: Any, timeout: float) -> Outcome:
    """Run `task(*args)` in a forked child in a fresh temporary directory; return its Outcome."""
    return Running(task, args, timeout).outcome()


class Running:
    """A session started in a forked child; `outcome()` waits for it, until `timeout` s after it started."""

    def __init__(self, task: Callable[..., Any], args: tuple, timeout: float):
        warm_up()
        self.timeout = timeout
        self.workdir = tempfile.mkdtemp(prefix="blog-check-")
        self.reader, writer = FORK.Pipe(duplex=False)
        self.child = FORK.Process(target=_child, args=(writer, self.workdir, task, args), daemon=True)
        # The child must not walk (and so copy) the parent's heap when it collects garbage.
        gc.freeze()
        try:
            self.child.start()
        finally:
            gc.unfreeze()
            writer.close()
        self.started = time.monotonic()
        self.result: Outcome | None = None

    def outcome(self) -> Outcome:
        """Wait for the child's result (or its timeout, or its death); return it."""
        if self.result is None:
            try:
                self.result = self._wait()
            finally:
                self._clean_up()
        return self.result

    def cancel(self) -> None:
        """Kill the session if it still runs; its result is not wanted."""
        if self.result is None:
            self.result = Outcome(crash="cancelled")
            self._clean_up()

    def _wait(self) -> Outcome:
        remaining = max(0.0, self.started + self.timeout - time.monotonic())
        ready = wait([self.reader, self.child.sentinel], remaining)
        if self.reader in ready:
            try:
                status, value = self.reader.recv()
            except EOFError:
                return self._died()
            return Outcome(value=value) if status == "ok" else Outcome(crash=value)
        if not ready:
            return Outcome(timed_out=True)
        return self._died()

    def _died(self) -> Outcome:
        self.child.join(GRACE)
        return Outcome(crash=f"the session exited with status {self.child.exitcode} before it returned a result")

    def _clean_up(self) -> None:
        if self.child.is_alive():
            self.child.kill()
        self.child.join()
        self.reader.close()
        shutil.rmtree(self.workdir, ignore_errors=True)


def _child(writer, workdir: str, task: Callable[..., Any], args: tuple) -> None:
    os.chdir(workdir)
    os.environ["MPLBACKEND"] = BACKEND  # for anything the author's code starts in turn
    try:
        message: tuple[str, Any] = ("ok", task(*args))
    except BaseException:  # the task itself is ours; anything escaping it is our bug
        message = ("crash", traceback.format_exc())
    try:
        writer.send(message)
    except Exception:
        writer.send(("crash", traceback.format_exc()))
    writer.close()
    # Skip interpreter shutdown: threads the author's code started must not keep us alive.
    os._exit(0)

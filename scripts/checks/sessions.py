"""Exercise sessions: a warm template process of an interpreter, and one session per exercise check.

`Runtime(python)` starts `python scripts/checks/harness.py`, which imports what exercises
use once and then forks a session for each check it is sent (see harness.py for what a
session does). `runtime.start(check, timeout)` returns a `Session`; `session.outcome()`
waits for it and returns an `Outcome`: the check's result as data, a timeout, or how the
session died. A session leads a process group of its own, which is killed once its
outcome is in: whatever the exercise's code started goes with it.

`Sessions` runs planned jobs ahead, `window` at a time, so that the cores stay busy while
pytest reports; the plugin keeps one on `config.stash`. Nothing here knows about pytest.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..sessions import ONE_BLAS_THREAD

HARNESS = Path(__file__).with_name("harness.py")
# matplotlib's backend in every exercise process: headless, as on DataCamp Light's backend.
# One BLAS thread per session, as the build's kernels have (scripts/kernels.py): sessions run one per CPU.
SESSION_ENV = {"MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1", **ONE_BLAS_THREAD}
# Seconds the template may take to import what exercises use and answer that it is ready.
STARTUP_TIMEOUT = 120.0


class RuntimeFailed(RuntimeError):
    """The runtime's template process could not start or died; carries what it printed."""


@dataclass
class Outcome:
    """What came back from a session: the check's result (data), or why there is none."""

    value: Any = None
    timed_out: bool = False
    crash: str | None = None  # a traceback, or how the process died, when the session itself failed
    died: str | None = None  # how the session's process ended, when it died without a result: "exit status 1"
    at: str | None = None  # the part of the exercise the session was running last

    @property
    def ok(self) -> bool:
        """Did the check return a result?"""
        return not self.timed_out and self.crash is None


class Runtime:
    """The warm template process of an interpreter, which forks a session for each check."""

    def __init__(self, python: Path | str):
        self.python = str(python)
        self.log = tempfile.TemporaryFile()  # what the template prints, shown if it fails
        self.process = subprocess.Popen(
            [self.python, str(HARNESS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            env={**os.environ, **SESSION_ENV},
            start_new_session=True,  # Ctrl-C in a terminal reaches only pytest, which decides what to stop
        )
        self.answers: dict[str, dict] = {}
        self.versions: dict[str, str] | None = None
        self.ended = False
        self.changed = threading.Condition()
        self.ids = itertools.count(1)
        threading.Thread(target=self._read, name="runtime answers", daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            message = json.loads(line)
            with self.changed:
                if "ready" in message:
                    self.versions = message["ready"]
                else:
                    self.answers.setdefault(message["id"], {}).update(message)
                self.changed.notify_all()
        with self.changed:
            self.ended = True
            self.changed.notify_all()

    def wait_ready(self) -> dict[str, str]:
        """Wait until the template is warm; return the versions it runs. Raises RuntimeFailed."""
        with self.changed:
            self.changed.wait_for(lambda: self.versions is not None or self.ended, STARTUP_TIMEOUT)
        if self.versions is None:
            raise RuntimeFailed(f"the exercise runtime ({self.python}) did not start: {self.printed()}")
        return self.versions

    def printed(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace").strip() or "(it printed nothing)"

    def start(self, check: dict, timeout: float) -> Session:
        """Start a session that runs `check` (see harness.check_exercise); it may run `timeout` seconds."""
        self.wait_ready()
        key = str(next(self.ids))
        workdir = tempfile.mkdtemp(prefix="blog-check-")
        assert self.process.stdin is not None
        try:
            self.process.stdin.write((json.dumps({"id": key, "workdir": workdir, "check": check}) + "\n").encode())
            self.process.stdin.flush()
        except OSError:
            shutil.rmtree(workdir, ignore_errors=True)
            raise RuntimeFailed(f"the exercise runtime ({self.python}) has died: {self.printed()}") from None
        return Session(self, key, workdir, timeout)

    def answer(self, key: str, field: str, deadline: float) -> Any:
        """Wait until the template has said `field` of session `key`, or `deadline`; return it (None: not by then)."""
        with self.changed:
            self.changed.wait_for(lambda: field in self.answers.get(key, {}) or self.ended, max(0.0, deadline - time.monotonic()))
            return self.answers.get(key, {}).get(field)

    def forget(self, key: str) -> None:
        with self.changed:
            self.answers.pop(key, None)

    def is_alive(self) -> bool:
        return not self.ended and self.process.poll() is None

    def close(self) -> None:
        """End the template (its sessions are killed with it)."""
        if self.process.stdin is not None:
            try:
                self.process.stdin.close()  # the template kills its sessions and ends
            except OSError:
                pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self.log.close()


class Session:
    """One check running in a session of the runtime; `outcome()` waits for it."""

    def __init__(self, runtime: Runtime, key: str, workdir: str, timeout: float):
        self.runtime, self.key, self.workdir, self.timeout = runtime, key, workdir, timeout
        self.started = time.monotonic()
        self.result: Outcome | None = None

    def outcome(self) -> Outcome:
        """Wait for the session's result (or its timeout, or its death); return it."""
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
        deadline = self.started + self.timeout
        ended = self.runtime.answer(self.key, "ended", deadline)
        at = self._read("at")
        if ended is None and not self.runtime.ended:
            return Outcome(timed_out=True, at=at)
        result = self._read("result.json")
        if result is None:
            how = ended or "the end of the runtime's template process"
            return Outcome(crash=f"the session ended with {how} before it returned a result\n{self._read('log') or ''}", died=ended, at=at)
        data = json.loads(result)
        if "crash" in data:
            return Outcome(crash=data["crash"], at=at)
        return Outcome(value=data["value"], at=at)

    def _read(self, name: str) -> str | None:
        try:
            return Path(self.workdir, name).read_text(encoding="utf-8")
        except OSError:
            return None

    def _clean_up(self) -> None:
        pid = self.runtime.answer(self.key, "pid", time.monotonic() + 5)
        if pid:
            try:
                os.killpg(pid, signal.SIGKILL)  # the session and every process it or the exercise's code started
            except OSError:
                pass
        self.runtime.forget(self.key)
        shutil.rmtree(self.workdir, ignore_errors=True)


@dataclass
class Job:
    """One session to run: the check's request, which interpreter runs it, and its timeout."""

    key: tuple[str, ...]  # (notebook, exercise[, which]): what the session is for
    check: dict
    timeout: float
    where: str = "runtime"  # "runtime": DataCamp Light's Python; "site": the site's own (the reader's copy)


class Sessions:
    """Runs jobs' sessions, starting the next planned ones ahead so that `window` run at once.

    `runtimes` maps a job's `where` to the interpreter that runs it; each interpreter's template
    starts on first use. A job's Outcome is kept for every check of the exercise that asks for it.
    """

    def __init__(self, runtimes: dict[str, Path | str]):
        self.pythons = runtimes
        self.runtimes: dict[str, Runtime] = {}
        self.planned: list[Job] = []
        self.running: dict[tuple[str, ...], Session] = {}
        self.done: dict[tuple[str, ...], Outcome] = {}
        self.window = 1

    def runtime(self, where: str) -> Runtime:
        """The template of `where`, started on first use (and again if it died)."""
        runtime = self.runtimes.get(where)
        if runtime is None or not runtime.is_alive():
            runtime = self.runtimes[where] = Runtime(self.pythons[where])
        return runtime

    def plan(self, jobs: list[Job], window: int) -> None:
        """Announce the jobs to come, in order, and how many sessions may run at once."""
        keys: set[tuple[str, ...]] = set()
        self.planned = [job for job in jobs if not (job.key in keys or keys.add(job.key))]  # type: ignore[func-returns-value]
        self.window = max(1, window)

    def outcome(self, job: Job) -> Outcome:
        """Return the job's Outcome, starting it (and the next planned jobs) if needed."""
        if job.key in self.done:
            return self.done[job.key]
        if job.key not in self.running:
            self.running[job.key] = self.runtime(job.where).start(job.check, job.timeout)
        self.planned = [planned for planned in self.planned if planned.key != job.key]
        while self.planned and len(self.running) < self.window:
            ahead = self.planned.pop(0)
            if ahead.key not in self.running and ahead.key not in self.done:
                self.running[ahead.key] = self.runtime(ahead.where).start(ahead.check, ahead.timeout)
        outcome = self.done[job.key] = self.running.pop(job.key).outcome()
        return outcome

    def reset(self) -> None:
        """Stop the sessions started ahead that no check asked for; forget the plan and the outcomes. The templates stay warm."""
        for session in self.running.values():
            session.cancel()
        self.running.clear()
        self.planned.clear()
        self.done.clear()

    def close(self) -> None:
        """Forget what was run and planned (see reset), and stop the templates."""
        self.reset()
        for runtime in self.runtimes.values():
            runtime.close()
        self.runtimes.clear()

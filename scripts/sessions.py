"""Fresh processes forked from a warm template process: the build's kernels start from one.

Importing ipykernel, numpy and matplotlib costs a second or more; forking a process that
has already imported them costs milliseconds. So a `Template` is started once, as a new
interpreter that imports those modules (while the caller goes on), and every fresh process
is forked from it. Each starts as the template was, so nothing one process does (variables,
print options, random state, matplotlib state, working directory, environment) reaches another.

- `Template(modules)` spawns the warm process; `template.fork()` returns a `Worker` forked from it.
- A `Worker` keeps its state and runs the calls it is sent, one at a time (`call`, or `send`
  then `receive`); `Worker.start()` forks a worker from the current process.

Functions and arguments cross between processes by pickle, so they are module-level
functions. Nothing here knows about notebooks or kernels. (The exercise checks have their
own template, of another interpreter: scripts/checks/sessions.py.)
"""

from __future__ import annotations

import gc
import importlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from multiprocessing.reduction import recv_handle, send_handle
from typing import Any

# The environment of a process that shares the CPUs with others, each running one: one BLAS thread. More
# threads than the CPUs free wait spinning for them: numpy's matrix products beside a busy process took 2 to 3
# times as long with OpenBLAS's default, a thread per CPU.
ONE_BLAS_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
# Connections this process holds to its own workers or to its owner. A process
# forked from here closes them first: a copy kept open in a child would hide
# the death of the process at the other end.
_PRIVATE: set[Connection] = set()


class TemplateFailed(RuntimeError):
    """The template process could not start (an import failed, the interpreter died); carries what it printed."""


class WorkerDied(Exception):
    """The worker's process ended while (or before) it ran a call; the message says how."""


class WorkerRaised(Exception):
    """The function a worker ran raised, or its result could not be sent back; carries the traceback."""


def status_text(status: int) -> str:
    """Return a wait status as words: "exit status 1", "signal 11 (SIGSEGV)"."""
    code = os.waitstatus_to_exitcode(status)
    if code >= 0:
        return f"exit status {code}"
    try:
        return f"signal {-code} ({signal.Signals(-code).name})"
    except ValueError:
        return f"signal {-code}"


def warm_up(modules: Iterable[str]) -> None:
    """Import `modules` in this process."""
    for module in modules:
        importlib.import_module(module)


class Worker:
    """A process that keeps its state and runs the functions it is sent, one call at a time.

    `Worker.start()` forks one from this process; `template.fork()` and
    `worker.fork()` fork one from another worker, which then starts with that
    worker's state (its variables, its imports). A worker ends with `close()`,
    or when the process that owns it ends.
    """

    def __init__(self, connection: Connection, pid: int, parent: Worker | None):
        self.connection, self.pid, self.parent = connection, pid, parent
        self.ended: str | None = None  # how its process ended, once known
        self.at: str | None = None  # the last note() of the current call
        _PRIVATE.add(connection)

    @classmethod
    def start(cls, cwd: str | None = None) -> Worker:
        """Fork a worker from this process; it works in `cwd` (default: this process's working directory)."""
        ours, theirs = socket.socketpair()
        pid = _fork(group=False)
        if pid == 0:
            ours.close()
            _serve(Connection(theirs.detach()), cwd)
        theirs.close()
        return cls(Connection(ours.detach()), pid, parent=None)

    def call(self, function: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any:
        """Run `function(*args)` in the worker; return its value.

        Raises WorkerRaised if it raised, WorkerDied if the worker's process
        ended, TimeoutError after `timeout` seconds (the worker is then killed).
        """
        self.send(function, *args)
        return self.receive(timeout)

    def send(self, function: Callable[..., Any], *args: Any) -> None:
        """Start `function(*args)` in the worker; `receive()` returns its value."""
        self._send(("call", function, args))

    def receive(self, timeout: float | None = None) -> Any:
        """Wait for the value of the call sent last (see `call` for what it raises)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                ready = deadline is None or self.connection.poll(max(0.0, deadline - time.monotonic()))
                message = self.connection.recv() if ready else None
            except (OSError, EOFError):
                raise WorkerDied(self._reap()) from None
            if message is None:
                self.kill()
                raise TimeoutError(f"the worker did not answer within {timeout:g} s")
            if message[0] != "at":
                break
            self.at = message[1]
        status, value = message
        if status == "raised":
            raise WorkerRaised(value)
        return value

    def fork(self, cwd: str | None = None, group: bool = False) -> Worker:
        """Return a new worker forked from this one, with its state, working in `cwd` (default: this worker's).

        With `group`, the new worker leads a process group of its own, and
        `kill()` ends every process it forks in turn too.
        """
        self._send(("fork", cwd, group))
        pid = self.receive()
        handle = recv_handle(self.connection)
        return Worker(Connection(handle), pid, parent=self)

    def kill(self) -> None:
        """Kill the worker's process (and its process group, if it leads one) at once."""
        if self.ended is not None:
            return  # reaped: its pid may already be another process's
        for kill in (os.killpg, os.kill):
            try:
                kill(self.pid, signal.SIGKILL)
            except OSError:
                pass  # not a group leader, or already gone

    def close(self) -> None:
        """End the worker's process (and any of its forks still running).

        A worker forked from this process is waited for; one forked from another
        worker is reaped by that one, while this process goes on.
        """
        if self.ended is None:
            try:
                self.connection.send(("exit",))
                self.connection.recv()  # EOF once it has gone
            except (OSError, EOFError):
                pass
            self.kill()
            if self.parent is None:
                self._reap()
            else:
                self.ended = "closed"
        self.connection.close()
        _PRIVATE.discard(self.connection)

    def _send(self, message: tuple) -> None:
        if self.ended is not None:
            raise WorkerDied(self.ended)
        try:
            self.connection.send(message)
        except OSError:
            raise WorkerDied(self._reap()) from None

    def _reap(self) -> str:
        """Wait for the worker's process to end; return how it ended."""
        if self.ended is None:
            self.ended = "an unknown status"
            try:
                if self.parent is None:
                    self.ended = status_text(os.waitpid(self.pid, 0)[1])
                else:
                    self.ended = self.parent._ask_reap(self.pid)
            except (ChildProcessError, WorkerDied, WorkerRaised):
                pass
        return self.ended

    def _ask_reap(self, pid: int) -> str:
        self._send(("reap", pid))
        return self.receive()


class Template(Worker):
    """A warm process to fork workers from: a new interpreter that imports `modules`.

    It starts at once and warms up while the caller goes on; `fork()` waits
    for it to be warm. `env` is added to this process's environment for it and
    everything forked from it. Its module search path is this process's, as it
    is when each fork is asked for (pytest adds test folders after the template
    may have started), so that tasks pickled by name are found. It runs in a
    session of its own, so that Ctrl-C in a terminal reaches only its owner,
    which decides what to stop. It ends with `close()`, or when this process ends.
    """

    def __init__(self, modules: Iterable[str], env: dict[str, str] | None = None):
        ours, theirs = socket.socketpair()
        self.log = tempfile.TemporaryFile()  # what the template prints, shown if it fails to start
        boot = (
            "import sys, importlib\nfrom multiprocessing.connection import Connection\n"
            "connection = Connection(int(sys.argv[1]))\nsys.path[:] = connection.recv()\n"
            f"importlib.import_module({__name__!r})._serve_template(connection)"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", boot, str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=self.log,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )
        theirs.close()
        super().__init__(Connection(ours.detach()), self.process.pid, parent=None)
        self.connection.send(sys.path)
        self.path = list(sys.path)  # the template's module search path
        self.send(warm_up, tuple(modules))
        self.warm = False
        self.failed: TemplateFailed | None = None  # why it could not start, once known: every fork says so again

    def fork(self, cwd: str | None = None, group: bool = False) -> Worker:
        if self.failed is not None:
            raise self.failed
        if not self.warm:
            try:
                self.receive()
            except (WorkerDied, WorkerRaised) as problem:
                self.log.seek(0)
                printed = self.log.read().decode(errors="replace")
                self.failed = TemplateFailed(f"the template process failed to start: {problem}\n{printed}")
                raise self.failed from None
            self.warm = True
        if self.path != sys.path:
            self.path = list(sys.path)
            self.call(_set_path, self.path)
        return super().fork(cwd, group)

    def is_alive(self) -> bool:
        """Is the template's process still running?"""
        return self.ended is None and self.process.poll() is None

    def _reap(self) -> str:
        if self.ended is None:
            code = self.process.wait()  # negative: the signal that ended it
            self.ended = status_text(code << 8 if code >= 0 else -code)
        return self.ended

    def close(self) -> None:
        super().close()
        self.log.close()


# Inside workers


def _fork(group: bool) -> int:
    """Fork this process; in the child, start afresh.

    What the process holds when it forks is moved out of the garbage
    collector's reach for good (gc.freeze), in both: the child's collector never
    walks, and so never copies, the heap it shares with its parent, and a parent
    that forks many times (a template) never walks its warm heap again. The
    child closes the connections private to the parent, and draws numpy's
    global random state afresh (Python's own `random` is by Python itself), as
    a new interpreter would.
    """
    gc.freeze()
    pid = os.fork()
    if pid:
        if group:
            try:
                os.setpgid(pid, pid)
            except OSError:
                pass  # the child did it first
        return pid
    if group:
        os.setpgid(0, 0)
    for connection in list(_PRIVATE):
        connection.close()
    _PRIVATE.clear()
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
    return 0


def _set_path(path: list[str]) -> None:
    sys.path[:] = path


def _serve_template(connection: Connection) -> None:
    """A new interpreter's life as a template: serve its owner (the first call warms it up)."""
    _serve(connection, None)


def _serve(connection: Connection, cwd: str | None) -> None:
    """A worker's loop: run calls, fork copies, reap them, until told to exit or the owner is gone."""
    _PRIVATE.add(connection)
    if cwd is not None:
        os.chdir(cwd)
    running: set[int] = set()  # copies forked from this worker
    ended: dict[int, str] = {}  # how the copies already reaped ended
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            break  # the owner has gone
        except Exception:  # a function or argument this process cannot unpickle (e.g. defined in __main__)
            connection.send(("raised", traceback.format_exc()))
            continue
        kind = message[0]
        if kind == "exit":
            break
        if kind == "call":
            _, function, args = message
            try:
                reply: tuple[str, Any] = ("ok", function(*args))
            except BaseException:
                reply = ("raised", traceback.format_exc())
            try:
                connection.send(reply)
            except Exception:  # the value does not pickle
                connection.send(("raised", traceback.format_exc()))
        elif kind == "fork":
            _, folder, group = message
            mine, for_owner = socket.socketpair()
            pid = _fork(group)
            if pid == 0:
                for_owner.close()
                _serve(Connection(mine.detach()), folder)
            running.add(pid)
            try:
                connection.send(("ok", pid))
                send_handle(connection, for_owner.fileno(), pid)
            except OSError:  # whoever asked has gone
                _kill(pid)
            mine.close()
            for_owner.close()
        elif kind == "reap":
            pid = message[1]
            if pid in running:
                running.discard(pid)
                ended[pid] = status_text(os.waitpid(pid, 0)[1])
            connection.send(("ok", ended.pop(pid, "an unknown status")))
        for pid in list(running):
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                running.discard(pid)
                ended[pid] = status_text(status)
    for pid in running:  # copies still running when their origin ends are not wanted any more
        _kill(pid)
        os.waitpid(pid, 0)
    connection.close()
    # Skip interpreter shutdown: threads the worker's code started must not keep it alive.
    os._exit(0)


def _kill(pid: int) -> None:
    """Kill a process forked from here, and its process group if it leads one."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except OSError:
            pass

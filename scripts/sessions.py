"""Fresh processes forked from a warm template process: one-shot sessions and long-lived workers.

Importing numpy, matplotlib and pythonwhat costs a second or more; forking a
process that has already imported them costs milliseconds. So a `Template` is
started once, as a new interpreter that imports what sessions use (while the
caller goes on, e.g. collecting tests), and every fresh process is forked from
it. Each starts as the template was, so nothing one process does (variables,
print options, random state, matplotlib state, working directory, environment)
reaches another. The template's warm memory is gathered into huge pages where
the kernel can (`collapse_heap`), which makes each fork and exit cheaper.

- `Template(modules, warm)` spawns the warm process; `template.fork()` returns
  a `Worker` forked from it.
- A `Worker` keeps its state and runs the calls it is sent, one at a time
  (`call`, or `send` then `receive`); `worker.fork()` forks a copy of it, state
  and all, so that one warm state can serve many independent uses;
  `Worker.start()` forks a worker from the current process.
- `Running(template, task, args, timeout)` runs one function in a fresh worker
  with its own temporary working directory and process group, and returns an
  `Outcome`: its value, a timeout, or how the process died. A task may `note()`
  what it is doing, so that a death or a timeout is blamed on the right code.
- `Hosts(template)` keeps session hosts: workers that run sessions one after
  another (`Running(..., hosts=hosts)`), so that a session costs no process of
  its own. Whatever a session's task runs in a process of its own, it runs in
  `fresh_worker()`: in a host, the template itself forks it, so it starts as the
  template started. A host that timed out, died or failed is killed (with the
  workers it asked for) and replaced.

Functions and arguments cross between processes by pickle, so tasks are
module-level functions. Nothing here knows about pytest, notebooks or pythonwhat.
"""

from __future__ import annotations

import errno
import gc
import importlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.reduction import recv_handle, send_handle
from typing import Any

# Connections this process holds to its own workers or to its owner. A process
# forked from here closes them first: a copy kept open in a child would hide
# the death of the process at the other end.
_PRIVATE: set[Connection] = set()
_SERVING: Connection | None = None  # in a worker, the connection of the call it is running
_ORIGIN: Origin | None = None  # in a session host: the template, which forks its fresh workers (see fresh_worker)
FORKS = 0  # processes this process has had forked for it (for benchmarks)


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


def note(text: str) -> None:
    """Tell the owner of this worker what the current call is doing (no-op outside a worker's call)."""
    if _SERVING is not None:
        _SERVING.send(("at", text))


def fresh_worker(cwd: str | None = None) -> Worker:
    """Return a new worker that starts as this session started, working in `cwd`.

    In a session host, the template forks it (leading a process group of its
    own), so no earlier session reaches it; elsewhere, it is forked from this process.
    """
    if _ORIGIN is not None:  # the template works elsewhere: a relative `cwd` is this process's
        return _ORIGIN.fork(cwd=os.path.abspath(cwd or "."), group=True)
    return Worker.start(cwd)


def warm_up(modules: Iterable[str], warm: Callable[[], None] | None = None) -> None:
    """Import `modules` in this process, then run `warm` once; then gather its heap into huge pages."""
    for module in modules:
        importlib.import_module(module)
    if warm is not None:
        warm()
    if os.environ.get("BLOG_NO_HUGE") != "1":
        collapse_heap()


HUGE_PAGE = 2 << 20
MADV_COLLAPSE = 25  # Linux 6.1: gather a range's pages into transparent huge pages, now
COLLAPSE_SECONDS = 0.5  # at most this long (here it takes 20 to 90 ms)


def collapse_heap() -> int:
    """Gather this process's private anonymous memory into huge pages, where the kernel can; return how many.

    A fork copies the page table of every page its parent has written, and
    each process that ends unmaps them: with 2 MiB pages instead of 4 KiB ones,
    the warm heap of a template costs a fork and an exit hundreds of times fewer
    entries. Best effort: nothing changes where the kernel cannot (before Linux
    6.1, THP set to "never"), it stops after COLLAPSE_SECONDS (the kernel may
    have to compact memory first), and what the process allocates later is left
    to the system's settings. BLOG_NO_HUGE=1 in the environment turns it off.
    """
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        madvise = libc.madvise
        with open("/proc/self/maps") as file:
            maps = file.read().splitlines()
    except (OSError, AttributeError):
        return 0
    madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    collapsed = 0
    deadline = time.monotonic() + COLLAPSE_SECONDS
    for line in maps:
        fields = line.split()
        if fields[1][:2] != "rw" or fields[1][3] != "p" or (len(fields) > 5 and fields[5] != "[heap]"):
            continue  # not private anonymous memory
        start, end = (int(address, 16) for address in fields[0].split("-"))
        for page in range(-(-start // HUGE_PAGE) * HUGE_PAGE, end - HUGE_PAGE + 1, HUGE_PAGE):
            if madvise(page, HUGE_PAGE, MADV_COLLAPSE) == 0:
                collapsed += 1
            elif ctypes.get_errno() not in (errno.EINVAL, errno.EAGAIN, errno.ENOMEM):  # not eligible, or not now
                return collapsed  # not supported here
            if time.monotonic() > deadline:
                return collapsed
    return collapsed


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
        global FORKS
        ours, theirs = socket.socketpair()
        pid = _fork(group=False)
        if pid == 0:
            ours.close()
            _serve(Connection(theirs.detach()), cwd)
        FORKS += 1
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

    def fork(self, cwd: str | None = None, group: bool = False, host: bool = False) -> Worker:
        """Return a new worker forked from this one, with its state, working in `cwd` (default: this worker's).

        With `group`, the new worker leads a process group of its own, and
        `kill()` ends every process it forks in turn too. With `host`, it is a
        session host: its `fresh_worker()`s are forked from this one (see `Hosts`).
        """
        global FORKS
        self._send(("fork", cwd, group, host))
        pid = self.receive()
        handle = recv_handle(self.connection)
        FORKS += 1
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
    """A warm process to fork workers from: a new interpreter that imports `modules`, then runs `warm`.

    It starts at once and warms up while the caller goes on; `fork()` waits
    for it to be warm. `env` is added to this process's environment for it and
    everything forked from it. Its module search path is this process's, as it
    is when each fork is asked for (pytest adds test folders after the template
    may have started), so that tasks pickled by name are found. It runs in a
    session of its own, so that Ctrl-C in a terminal reaches only its owner,
    which decides what to stop. It ends with `close()`, or when this process ends.
    """

    def __init__(self, modules: Iterable[str], warm: Callable[[], None] | None = None, env: dict[str, str] | None = None):
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
        self.send(warm_up, tuple(modules), warm)
        self.warm = False

    def fork(self, cwd: str | None = None, group: bool = False, host: bool = False) -> Worker:
        if not self.warm:
            try:
                self.receive()
            except (WorkerDied, WorkerRaised) as problem:
                self.log.seek(0)
                printed = self.log.read().decode(errors="replace")
                raise TemplateFailed(f"the template process failed to start: {problem}\n{printed}") from None
            self.warm = True
        if self.path != sys.path:
            self.path = list(sys.path)
            self.call(_set_path, self.path)
        return super().fork(cwd, group, host)

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


class Origin(Worker):
    """The template as a session host sees it: the process that forks the host's fresh workers.

    The host holds a channel of its own to it, on which the template serves
    only forks and reaps; the host neither kills nor ends it.
    """

    def __init__(self, connection: Connection):
        super().__init__(connection, os.getppid(), parent=None)

    def kill(self) -> None:
        pass

    def close(self) -> None:
        self.connection.close()
        _PRIVATE.discard(self.connection)


@dataclass
class Outcome:
    """What came back from a session: the task's value, or why there is none."""

    value: Any = None
    timed_out: bool = False
    crash: str | None = None  # a traceback, or how the process died, when the session itself failed
    died: str | None = None  # how the process ended, when it died without a result: "exit status 1"
    at: str | None = None  # the task's last note() before it returned, died or timed out
    forks: int = 0  # processes the session used: those it forked, and itself unless it ran in a host

    @property
    def ok(self) -> bool:
        """Did the task return a value?"""
        return not self.timed_out and self.crash is None


class Running:
    """A session: `task(*args)` in a fresh worker forked from `template`; `outcome()` waits for it.

    The worker works in a new temporary directory and leads its own process
    group; it may run for `timeout` seconds from its start, then it is killed
    with every process it forked. With `hosts`, the session runs in one of
    their hosts instead (see `Hosts`), in the host's directory, emptied, and
    the host is given back once the task returns.
    """

    def __init__(self, template: Template, task: Callable[..., Any], args: tuple, timeout: float, hosts: Hosts | None = None):
        self.timeout = timeout
        self.hosts = hosts
        if hosts is None:
            self.workdir = tempfile.mkdtemp(prefix="blog-check-")
            self.worker = template.fork(cwd=self.workdir, group=True)
            self.worker.send(_session, task, args)
        else:
            self.worker = hosts.take()
            self.workdir = hosts.workdirs[self.worker.pid]
            self.worker.send(_hosted_session, task, args, self.workdir)
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
        remaining = max(0.0, self.started + self.timeout - time.monotonic())
        try:
            value, forks = self.worker.receive(remaining)
        except TimeoutError:
            return Outcome(timed_out=True, at=self.worker.at)
        except WorkerDied as died:
            how = str(died)
            return Outcome(crash=f"the session ended with {how} before it returned a result", died=how, at=self.worker.at)
        except WorkerRaised as raised:  # the task is ours: anything escaping it is a bug in the caller
            return Outcome(crash=str(raised), at=self.worker.at)
        return Outcome(value=value, at=self.worker.at, forks=forks + (self.hosts is None))

    def _clean_up(self) -> None:
        if self.hosts is not None and self.result is not None and self.result.ok:
            self.hosts.give_back(self.worker)
        elif self.hosts is not None:
            self.hosts.discard(self.worker)
        else:
            self.worker.kill()
            self.worker.close()
            shutil.rmtree(self.workdir, ignore_errors=True)


class Hosts:
    """Session hosts: workers forked from `template` that run sessions one after another.

    A host leads a process group of its own, as a session's worker does. The
    session's task runs in the host, with the session's temporary directory as
    its working directory; what must run in a process of its own runs in a
    `fresh_worker()`, which the template forks for the host, so it starts as the
    template started, as the exercise checks' solution and submissions do.
    `take()` returns an idle host, or starts one; a host goes back with
    `give_back()` after a session that returned, and is killed with `discard()`
    otherwise (the template then kills the workers it forked for it). Each host
    has a temporary directory for its sessions, emptied after each: a session
    finds it empty, as a new one, without a directory made and removed per
    session (on a disk file system, the costliest part of a short session).
    """

    def __init__(self, template: Template):
        self.template = template
        self.idle: list[Worker] = []
        self.paths: dict[int, list[str]] = {}  # each host's module search path
        self.workdirs: dict[int, str] = {}  # each host's directory for its sessions
        self.started = 0  # hosts started

    def take(self) -> Worker:
        """Return an idle host (one still running, with this process's module search path), or a new one."""
        while self.idle:
            host = self.idle.pop()
            if not host.connection.poll() and self.paths.get(host.pid) == sys.path:  # it runs, and finds what we find
                return host
            self.discard(host)
        host = self.template.fork(group=True, host=True)
        self.paths[host.pid] = list(sys.path)
        self.workdirs[host.pid] = tempfile.mkdtemp(prefix="blog-check-")
        self.started += 1
        return host

    def give_back(self, host: Worker) -> None:
        """Keep a host whose session returned, for the next session; empty its directory."""
        host.at = None
        _empty(self.workdirs[host.pid])
        self.idle.append(host)

    def discard(self, host: Worker) -> None:
        """Kill a host (with the workers forked for it) and remove its directory."""
        host.kill()
        host.close()
        self.paths.pop(host.pid, None)
        shutil.rmtree(self.workdirs.pop(host.pid), ignore_errors=True)

    def close(self) -> None:
        """End the idle hosts."""
        for host in self.idle:
            self.discard(host)
        self.idle.clear()


def _empty(folder: str) -> None:
    """Remove what a session left in `folder`, but the empty folders in it (the next session makes them again)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
                continue
            with os.scandir(entry.path) as inside:
                used = next(inside, None) is not None
            if used:
                shutil.rmtree(entry.path, ignore_errors=True)


def run_isolated(template: Template, task: Callable[..., Any], *args: Any, timeout: float) -> Outcome:
    """Run `task(*args)` in a session forked from `template`; return its Outcome."""
    return Running(template, task, args, timeout).outcome()


def _session(task: Callable[..., Any], args: tuple) -> tuple[Any, int]:
    """Run a session's task; return its value and how many processes it had forked."""
    global FORKS
    FORKS = 0
    return task(*args), FORKS


def _hosted_session(task: Callable[..., Any], args: tuple, workdir: str) -> tuple[Any, int]:
    """Run a session's task in this host, in `workdir`; return its value and how many processes it had forked."""
    home = os.getcwd()
    os.chdir(workdir)
    try:
        return _session(task, args)
    finally:
        os.chdir(home)


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
    global _SERVING
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
    _SERVING = None
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
    return 0


def _set_path(path: list[str]) -> None:
    sys.path[:] = path


def _serve_template(connection: Connection) -> None:
    """A new interpreter's life as a template: serve its owner (the first call warms it up)."""
    _serve(connection, None)


def _serve(connection: Connection, cwd: str | None) -> None:
    """A worker's loop: run calls, fork copies, reap them, until told to exit or the owner is gone.

    A copy forked as a session host gets a channel of its own to this worker,
    on which it asks for fresh workers (`fresh_worker`): only forks and reaps
    are served there, and when the host ends, the workers it asked for are killed.
    """
    global _SERVING, _ORIGIN
    _PRIVATE.add(connection)
    if cwd is not None:
        os.chdir(cwd)
    running: set[int] = set()  # copies forked from this worker
    ended: dict[int, str] = {}  # how the copies already reaped ended
    hosts: dict[Connection, set[int]] = {}  # the channel of each host forked from here, and the workers it asked for
    while True:
        source = wait([connection, *hosts])[0] if hosts else connection
        try:
            message = source.recv()
        except (EOFError, OSError):
            if source is connection:
                break  # the owner has gone
            _end_host(source, hosts.pop(source) & running)
            continue
        except Exception:  # a function or argument this process cannot unpickle (e.g. defined in __main__)
            source.send(("raised", traceback.format_exc()))
            continue
        kind = message[0]
        if source is not connection and kind not in ("fork", "reap"):
            source.send(("raised", f"a session host may only ask for forks and reaps, not {kind!r}"))
            continue
        if kind == "exit":
            break
        if kind == "call":
            _, function, args = message
            _SERVING = connection
            try:
                reply: tuple[str, Any] = ("ok", function(*args))
            except BaseException:
                reply = ("raised", traceback.format_exc())
            _SERVING = None
            try:
                connection.send(reply)
            except Exception:  # the value does not pickle
                connection.send(("raised", traceback.format_exc()))
        elif kind == "fork":
            _, folder, group, host = message
            mine, for_owner = socket.socketpair()
            channel = socket.socketpair() if host else None
            pid = _fork(group)
            if pid == 0:
                for_owner.close()
                if channel is not None:
                    channel[0].close()
                    _ORIGIN = Origin(Connection(channel[1].detach()))
                _serve(Connection(mine.detach()), folder)
            running.add(pid)
            if source is not connection:
                hosts[source].add(pid)
            if channel is not None:
                channel[1].close()
                ours = Connection(channel[0].detach())
                _PRIVATE.add(ours)
                hosts[ours] = set()
            try:
                source.send(("ok", pid))
                send_handle(source, for_owner.fileno(), pid)
            except OSError:  # whoever asked has gone
                _kill(pid)
            mine.close()
            for_owner.close()
        elif kind == "reap":
            pid = message[1]
            if pid in running:
                running.discard(pid)
                ended[pid] = status_text(os.waitpid(pid, 0)[1])
            source.send(("ok", ended.pop(pid, "an unknown status")))
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


def _end_host(channel: Connection, workers: set[int]) -> None:
    """A session host has ended: close its channel and kill the workers forked for it that still run."""
    _PRIVATE.discard(channel)
    channel.close()
    for pid in workers:
        _kill(pid)


def _kill(pid: int) -> None:
    """Kill a process forked from here, and its process group if it leads one."""
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except OSError:
            pass

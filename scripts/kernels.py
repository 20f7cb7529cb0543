"""Fresh IPython kernels, one per notebook, forked from a warm template process.

A kernel started the usual way (a new interpreter importing ipykernel, numpy and
matplotlib) takes a second or more of CPU; a warm kernel reused between notebooks
leaks their state into each other (print options, `os.environ`, modules, threads).
`KernelTemplate` starts a template process once (`scripts/sessions.py`, the same
mechanism as the exercise checks'), which imports those modules; every notebook
then runs on a kernel forked from it, which has run nothing of any other notebook.
The kernel talks to nbclient as any kernel does, over IPC sockets in a private folder.
It works in a copy of the notebook's folder, in a mirror of the project (scripts/execute.py, working_copy),
whose files its Python writes never change (`watch_files`).
"""

from __future__ import annotations

import ctypes
import errno
import os
import select
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from queue import Empty

import zmq.asyncio
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
from traitlets import Type, default

from .sessions import ONE_BLAS_THREAD, Template, Worker

# Imported once in the template instead of in every kernel: modules whose import leaves
# no state a notebook could observe (no figures, no threads, no sockets).
PRELOAD = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",
    "numpy",
    "matplotlib.pyplot",
    "pandas",
    __name__,
)
# What every kernel's environment adds to the build's.
KERNEL_ENV = {
    # matplotlib draws into the cell's outputs, never to a screen.
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    # A module the notebook imports from beside it leaves no __pycache__ folder there, whatever the author's
    # environment says: a cell listing its folder shows the same files on every machine.
    "PYTHONDONTWRITEBYTECODE": "1",
    # The build already runs a kernel per CPU, and a post's numbers must not depend on how many threads
    # the machine would give its matrix products.
    **ONE_BLAS_THREAD,
}
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False"]
# matplotlib settings every kernel starts with, so that outputs are the same on every run:
# matplotlib names the parts of an SVG from a random salt unless `svg.hashsalt` fixes it.
# They go into matplotlib's defaults too, so that `plt.style.use("default")` and
# `mpl.rcdefaults()` keep them.
KERNEL_RC_PARAMS: dict[str, object] = {"svg.hashsalt": "neural-networks-seminar"}
PR_SET_PDEATHSIG = 1
PROJECT = str(Path(__file__).resolve().parents[1])
# Messages the kernel's IOPub socket queues for a reader before it drops more: 0, no limit (see kernel_app).
IOPUB_HWM = 0
# Seconds to wait for a killed kernel to end: it cannot refuse, but on a busy machine it may wait for a CPU to do so.
ENDED_SECONDS = 1.0


class ShellChannel(AsyncZMQSocketChannel):
    """The shell channel, whose messages leave through its asyncio socket, so that a reply waited for is never missed.

    jupyter_client's `Session.send` writes to an asyncio socket through a blocking shadow of it. Such a write makes
    zmq take in what arrived on the socket meanwhile, and that resets the socket's file descriptor, which zmq signals
    once per change (edge-triggered): pyzmq, which waits for that signal to wake the `poll` awaiting the reply, never
    learns that the reply is there, and nbclient waits out the cell's `timeout` (60 s) before a last poll finds it.
    nbclient sends on the shell while it waits for a cell's reply when the cell prints into an `Output` widget (the
    widget's state, as comm messages, `nbclient/output_widget.py`): about 1 build in 4 of `interact.py` beside another
    notebook (tests/test_shell_wakeup.py). Sent by the asyncio socket, the message goes through pyzmq's own bookkeeping,
    which looks again for what arrived whenever a receive is waiting (`_AsyncSocket._add_send_event`).
    """

    def send(self, msg: dict) -> None:
        assert self.socket is not None
        frames = self.session.serialize(msg)
        frames.extend(msg.get("buffers") or [])
        sent = self.socket.send_multipart(frames)
        if sent.done():  # at once, unless the socket's queue is full: then once the loop can
            sent.result()  # raises what the send raised, as Session.send does


# Seconds a kernel has to answer one `kernel_info` request, and IOPub to carry that request's end, before the
# request is sent again (jupyter_client's: the subscription to IOPub may not be connected yet, and miss them).
INFO_SECONDS, IOPUB_SECONDS = 1.0, 0.2
# Milliseconds between a client's attempts to connect to a kernel's sockets: the client starts as the kernel is
# forked, before the kernel has made them, and zmq's default (100 ms) made every notebook wait for its next try.
RECONNECT_MS = 5


class ForkedKernelClient(AsyncKernelClient):
    """The client of a forked kernel: it sends on the shell as ShellChannel says, connects as soon as the kernel's
    sockets are there, and is ready once the kernel is."""

    shell_channel_class = Type(ShellChannel)  # type: ignore[assignment]

    def _context_default(self) -> zmq.asyncio.Context:
        context = super()._context_default()
        context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)  # for every socket of the client
        return context

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        """Return once the kernel has answered `kernel_info` and IOPub has carried that request's `idle` status;
        raise RuntimeError if the kernel dies first, or after `timeout` seconds.

        As jupyter_client's, which then waits until IOPub has been quiet for 0.2 s, a wait on every notebook's
        kernel: the `idle` already says that IOPub is connected and has carried what the request made, and
        nbclient reads each cell's messages by the cell's request, so nothing sent earlier can reach a cell.
        """
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            request = self.kernel_info()
            reply = await self._message_about(self.get_shell_msg, request, lambda msg: msg["msg_type"] == "kernel_info_reply", INFO_SECONDS)
            if reply is not None:
                idle = await self._message_about(
                    self.get_iopub_msg,
                    request,
                    lambda msg: msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle",
                    IOPUB_SECONDS,
                )
                if idle is not None:
                    self._handle_kernel_info_reply(reply)
                    return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")

    @staticmethod
    async def _message_about(receive, request: str, wanted, seconds: float) -> dict | None:
        """Return the first message `receive` gives within `seconds` that answers `request` and `wanted` accepts; else None."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            try:
                msg = await receive(timeout=left)
            except Empty:
                return None
            if msg["parent_header"].get("msg_id") == request and wanted(msg):
                return msg
        return None


class ForkedKernelManager(AsyncKernelManager):
    """A kernel manager for a kernel forked from the template: alive while its process is."""

    worker: Worker | None = None
    pidfd: int | None = None

    @default("client_factory")
    def _client_factory_default(self) -> type:
        return ForkedKernelClient

    @property
    def reads_log(self) -> str:
        """The file where the kernel records the files it reads (see watch_files), beside its sockets."""
        return self.ip + ".reads"

    def files_read(self) -> list[str]:
        """Return the files of its sandbox and project that the kernel read before writing them (see watch_files), by absolute path, in order."""
        try:
            with open(self.reads_log, "rb") as log:
                return [os.fsdecode(path) for path in log.read().split(b"\0") if path]
        except FileNotFoundError:
            return []

    def attach(self, worker: Worker) -> None:
        """Manage the kernel that `worker` has become."""
        self.worker = worker
        try:
            # A pidfd tells when the process ends, even though it is not our child.
            self.pidfd = os.pidfd_open(worker.pid)
        except (AttributeError, OSError):
            self.pidfd = None

    @property
    def has_kernel(self) -> bool:
        return self.worker is not None

    async def _async_is_alive(self) -> bool:
        return self.alive()

    is_alive = _async_is_alive  # type: ignore[assignment]

    # jupyter_client signals and shuts down a kernel through its provisioner, which a forked kernel has none of
    # (nbclient shuts down a kernel it still sees running when it stops): the manager does both itself.
    async def _async_signal_kernel(self, signum: int) -> None:
        """Signal the kernel's process group (a forked kernel has no provisioner to do it); nothing once it has gone."""
        if self.worker is not None:
            try:
                os.killpg(self.worker.pid, signum)
            except OSError:
                pass

    signal_kernel = _async_signal_kernel  # type: ignore[assignment]

    async def _async_shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
        """Kill the kernel: it has nothing to save, and jupyter_client's way waits for it, then asks the provisioner."""
        self.kill()

    shutdown_kernel = _async_shutdown_kernel  # type: ignore[assignment]

    def alive(self) -> bool:
        """Is the kernel's process still running?"""
        if self.worker is None:
            return False
        if self.pidfd is not None:
            return not select.select([self.pidfd], [], [], 0)[0]
        try:
            os.kill(self.worker.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def kill(self) -> None:
        """Kill the kernel and everything it started (its process group); return once the kernel has ended."""
        if self.worker is None:
            return
        self.worker.kill()
        if self.pidfd is not None:
            select.select([self.pidfd], [], [], ENDED_SECONDS)  # readable once every thread of it has exited
            os.close(self.pidfd)
            self.pidfd = None
        self.worker.close()
        self.worker = None


def die_with_parent() -> None:
    """Have Linux kill this process when the template ends, even if it is killed; elsewhere (macOS) do nothing."""
    prctl = getattr(ctypes.CDLL(None), "prctl", None)  # Linux's libc only: on macOS the lookup raises AttributeError
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def become_kernel(
    connection_file: str, arguments: list[str], rc_params: dict, reads: str | None = None, project: str | None = None
) -> None:
    """In a process forked from the template: become a fresh kernel on `connection_file`. Never returns.

    With `reads`, the files the notebook opens to read are recorded there, and its writes are kept out of
    `project`'s files (see watch_files): the working directory is a copy of the notebook's folder, in a mirror of `project`.
    """
    try:
        die_with_parent()
        signal.signal(signal.SIGINT, signal.default_int_handler)  # ipykernel interrupts cells with SIGINT
        # The template found this module through sys.path; a notebook must see neither.
        sys.path[:] = [path for path in sys.path if os.path.abspath(path or ".") != PROJECT]
        for name in [name for name in sys.modules if name.partition(".")[0] == __name__.partition(".")[0]]:
            del sys.modules[name]
        if "matplotlib" in sys.modules:
            matplotlib = sys.modules["matplotlib"]
            for params in (matplotlib.rcParams, matplotlib.rcParamsDefault, matplotlib.rcParamsOrig):
                params.update(rc_params)
        sys.argv = [os.path.join(os.path.dirname(sys.modules["ipykernel"].__path__[0]), "ipykernel_launcher.py"), "-f", connection_file]
        app = kernel_app()
        app.initialize([*sys.argv[1:], *arguments])
        if reads is not None:
            watch_files(os.getcwd(), reads, project)
        app.start()
    finally:
        os._exit(0)


# Audit events that change files, other than `open`: the positions of their path arguments, each with what the
# change needs of the path's last part where it is a link out of the sandbox (see watch_files): "file", its
# own copy (a change of its data, mode or times); "parent", only the folders it is in (a name added or removed).
CHANGES: dict[str, tuple[tuple[int, str], ...]] = {
    **{event: ((0, "file"),) for event in ("os.chmod", "os.chown", "os.chflags", "os.lchflags", "os.lchmod", "os.utime")},
    **{event: ((0, "file"),) for event in ("os.truncate", "os.setxattr", "os.removexattr", "os.rmdir", "shutil.rmtree")},
    **{event: ((0, "parent"),) for event in ("os.mkdir", "os.mkfifo", "os.mknod", "os.remove")},
    "os.rename": ((0, "parent"), (1, "parent")),  # os.replace too
    "os.link": ((0, "file"), (1, "parent")),  # a hard link to a file of the project would write into it
    "os.symlink": ((1, "parent"),),
    "sqlite3.connect": ((0, "file"),),
}
# What a notebook's change to a file of the project (by a path that leads there from outside the sandbox) raises.
REFUSED = "the build keeps the project's files as they are"


def watch_files(cwd: str, log: str, project: str | None = None) -> None:
    """From now on, record in `log` the files this process reads, and keep its writes out of `project`'s files.

    The notebook runs in `cwd`, a copy of its folder. With `project` (the folder its folder is in), that copy
    sits in a sandbox (the copy's parent) that mirrors the project (scripts/execute.py, working_copy): the files
    `git status` shows are copies, and what git ignores is a link to it, so `../data/x.csv` and
    `../images/logo.png` read the project's files, as in Jupyter.

    Reads: an audit hook sees every `open` (builtins.open, io.open_code, os.open, and the libraries calling them,
    such as pandas and numpy), whatever the path the code names it by. Each file in the sandbox, or in the project
    but outside its Python installation, that is opened to read before this process wrote it is appended to `log`
    (an absolute path, ending with a NUL byte; once; at once, as the kernel is killed, not stopped).

    Writes: a change to a path in the sandbox that leads through a link out of it (`open('../.venv/x', 'w')`,
    `savefig('../public/f.png')`, `os.remove`, `shutil.rmtree`, …) first turns the links on its way into folders
    of their own (of links to what they held) and the file into a copy, so that it changes the copy: the project's
    files never change, and the notebook reads back what it wrote. A change to a file of the project, or a new one,
    by a path from outside the sandbox (an absolute one) raises PermissionError. Writes that go around Python
    (a C library's own `fopen`, a subprocess) are not seen here: through `../` they change the sandbox's copies,
    and by the project's own path the build finds them afterwards (see scripts/execute.py, Runs).
    """
    root = os.path.join(os.path.realpath(cwd), "")
    sandbox = os.path.join(os.path.dirname(root.rstrip(os.sep)), "") if project else root
    originals = os.path.join(os.path.realpath(project), "") if project else None
    installed = tuple(
        sorted(
            {
                os.path.join(path, "")
                for prefix in (sys.prefix, sys.exec_prefix, sys.base_prefix)
                for path in (prefix, os.path.realpath(prefix))
            }
        )
    )
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    seen: set[str] = set()
    state = threading.local()  # the hook's own file operations raise events too: not watched

    def is_watched(path: str) -> bool:
        return path.startswith(sandbox) or bool(originals and path.startswith(originals) and not path.startswith(installed))

    def guard(path: str, last: str) -> None:
        """Before a change to `path` (absolute): in the sandbox, make it a change to copies; else refuse one to the project's files."""
        if path.startswith(sandbox):
            sandboxed(sandbox, path, last)
            return
        if not originals or path.startswith(installed):
            return
        real = os.path.realpath(path)
        if real.startswith(originals) and not real.startswith(installed):
            raise PermissionError(errno.EACCES, f"{REFUSED}: a notebook may not change one by its own path", path)

    def hook(event: str, args: tuple) -> None:
        if (event != "open" and event not in CHANGES) or getattr(state, "busy", False):
            return
        state.busy = True
        try:
            if event == "open":
                if not isinstance(args[0], (str, bytes, os.PathLike)):
                    return
                path = os.path.abspath(os.fsdecode(args[0]))
                mode, flags = args[1], args[2]
                if isinstance(mode, str):
                    reading, writing = "r" in mode or "+" in mode, any(letter in mode for letter in "wax+")
                    changes = writing
                else:  # os.open: flags only
                    access = flags & os.O_ACCMODE
                    reading, writing = access != os.O_WRONLY and not flags & os.O_TRUNC, access != os.O_RDONLY
                    changes = writing or bool(flags & (os.O_CREAT | os.O_TRUNC))
                if changes:
                    guard(path, "file")
                if not is_watched(path) or path in seen:
                    return
                if reading or writing:
                    seen.add(path)
                if reading:
                    os.write(fd, path.encode("utf-8", "surrogateescape") + b"\0")
                return
            for position, last in CHANGES[event]:
                if position < len(args) and isinstance(args[position], (str, bytes, os.PathLike)):
                    guard(os.path.abspath(os.fsdecode(args[position])), last)
        except PermissionError:
            raise
        except Exception:  # a hook that fails would fail the notebook's own call
            pass
        finally:
            state.busy = False

    sys.addaudithook(hook)


def sandboxed(sandbox: str, path: str, last: str) -> None:
    """Make the links out of `sandbox` on the way to `path` folders of their own (of links to what they held), and
    `path` itself, if `last` is "file" and it is such a link, a copy; raise PermissionError if that cannot be done."""
    parts = path[len(sandbox) :].split(os.sep)
    current = sandbox.rstrip(os.sep)
    for number, part in enumerate(parts):
        if not part:
            continue
        current = os.path.join(current, part)
        is_last = number == len(parts) - 1
        if not os.path.islink(current) or os.path.realpath(current).startswith(sandbox):
            continue
        if is_last and last == "parent":
            return
        target = os.path.realpath(current)
        try:
            if os.path.isdir(target):
                os.unlink(current)
                os.mkdir(current, 0o700 | os.stat(target).st_mode & 0o777)
                for name in os.listdir(target):
                    os.symlink(os.path.join(target, name), os.path.join(current, name))
            elif not is_last:
                return  # a file on the way: the call fails as it would in Jupyter
            elif os.path.exists(target):
                os.unlink(current)
                shutil.copy2(target, current)
            else:
                os.unlink(current)  # a dangling link: what the call creates goes into the sandbox
        except OSError as error:
            raise PermissionError(
                errno.EACCES, f"{REFUSED}, and the copy of {target} to change could not be made ({error})", path
            ) from None


def kernel_app():
    """Return the IPython kernel application of this process, whose IOPub socket never drops a message."""
    from ipykernel.kernelapp import IPKernelApp

    class KernelApp(IPKernelApp):
        # The outputs leave on a PUB socket, which drops a message for good when its queue is full:
        # zmq's high-water mark, 1000 messages, is reached as soon as the build, busy or out-run by
        # a cell that prints in a loop, reads more slowly than the kernel sends. No limit instead:
        # the queue waits in the kernel's memory until the build has read it all.
        def init_iopub(self, context: zmq.Context) -> None:
            context.setsockopt(zmq.SNDHWM, IOPUB_HWM)  # for the sockets created from now on: IOPub's
            super().init_iopub(context)

    return KernelApp.instance()


class KernelTemplate:
    """The warm process that fresh kernels are forked from, and the kernels running now."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="blog-kernels-")
        self.template = Template(PRELOAD, env=KERNEL_ENV)
        self.context = zmq.asyncio.Context()
        self.kernels: set[ForkedKernelManager] = set()
        self.lock = threading.Lock()
        self.count = 0

    def fork(self, cwd: Path, project: Path | None = None) -> ForkedKernelManager:
        """Fork a new kernel with `cwd` as its working directory; return its manager (the kernel may still be starting).

        With `project`, `cwd` is a copy of a notebook's folder in a mirror of `project` (see watch_files).

        Raises sessions.TemplateFailed if the template could not start.
        """
        with self.lock:
            self.count += 1
            sockets = os.path.join(self.folder, f"k{self.count}")
            km = ForkedKernelManager(transport="ipc", ip=sockets, connection_file=sockets + ".json", context=self.context)
            km.write_connection_file()
            worker = self.template.fork(cwd=str(cwd), group=True)  # its own process group
            worker.send(
                become_kernel, km.connection_file, KERNEL_ARGUMENTS, KERNEL_RC_PARAMS, km.reads_log, str(project) if project else None
            )
            km.attach(worker)
            self.kernels.add(km)
        return km

    def discard(self, kernel: ForkedKernelManager) -> None:
        """Kill a kernel and remove its sockets and connection file."""
        sockets = Path(kernel.ip).name
        with self.lock:  # reaping it goes through the template's connection
            kernel.kill()
            self.kernels.discard(kernel)
        for path in Path(self.folder).glob(sockets + "*"):
            path.unlink(missing_ok=True)

    def is_alive(self) -> bool:
        """Can kernels still be forked from the template (its process runs, and did not fail to start)?"""
        return self.template.failed is None and self.template.is_alive()

    def kill(self) -> None:
        """Kill the template and every kernel at once, and remove their files; from any thread. `close()` waits for them to end."""
        self.template.kill()  # first: a fork waiting for the template ends at once, and no other starts
        with self.lock:  # every kernel forked is in self.kernels, and none is being discarded
            for kernel in self.kernels:
                if kernel.worker is not None:
                    kernel.worker.kill()
        shutil.rmtree(self.folder, ignore_errors=True)

    def close(self) -> None:
        """Kill the kernels and the template, wait until they have ended, remove their files and release the sockets.

        Only once no kernel is in use: after the event loop that ran them has ended.
        """
        for kernel in list(self.kernels):
            kernel.kill()
        self.kernels.clear()
        self.template.close()
        shutil.rmtree(self.folder, ignore_errors=True)
        self.context.destroy(linger=0)

    def __enter__(self) -> KernelTemplate:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

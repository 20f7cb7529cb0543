"""Fresh IPython kernels, one per notebook, forked from a warm template process.

A kernel started the usual way (a new interpreter importing ipykernel, numpy and
matplotlib) takes a second or more of CPU; a warm kernel reused between notebooks
leaks their state into each other (print options, `os.environ`, modules, threads).
`KernelTemplate` starts a template process once (`scripts/sessions.py`, the same
mechanism as the exercise checks'), which imports those modules; every notebook
then runs on a kernel forked from it, which has run nothing of any other notebook.
The kernel talks to nbclient as any kernel does, over IPC sockets in a private folder.
"""

from __future__ import annotations

import ctypes
import os
import select
import shutil
import signal
import sys
import tempfile
import threading
from pathlib import Path

import zmq.asyncio
from jupyter_client.manager import AsyncKernelManager

from .sessions import Template, Worker

# Imported once in the template instead of in every kernel: modules whose import leaves
# no state a notebook could observe (no figures, no threads, no sockets).
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "ipykernel.zmqshell", "numpy", "matplotlib.pyplot", "pandas", __name__)
# What every kernel's environment adds to the build's.
KERNEL_ENV = {
    # matplotlib draws into the cell's outputs, never to a screen.
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
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


class ForkedKernelManager(AsyncKernelManager):
    """A kernel manager for a kernel forked from the template: alive while its process is."""

    worker: Worker | None = None
    pidfd: int | None = None

    @property
    def reads_log(self) -> str:
        """The file where the kernel records the files it reads (see record_reads), beside its sockets."""
        return self.ip + ".reads"

    def files_read(self) -> list[str]:
        """Return the files in its working directory that the kernel read before writing them, by absolute path, in order."""
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


def become_kernel(connection_file: str, arguments: list[str], rc_params: dict, reads: str | None = None) -> None:
    """In a process forked from the template: become a fresh kernel on `connection_file`. Never returns.

    With `reads`, the files in the working directory that the notebook opens to read are recorded there (see record_reads).
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
            record_reads(os.getcwd(), reads)
        app.start()
    finally:
        os._exit(0)


def record_reads(root: str, log: str) -> None:
    """From now on, append to `log` each file under `root` that this process opens to read before it writes it.

    An audit hook sees every `open` (builtins.open, io.open_code, os.open, and the libraries calling them,
    such as pandas and numpy), whatever the path the code names it by: the files a notebook reads are
    the files it depends on. A file it has written first is its own, not an input. Paths are absolute,
    one per record, each ending with a NUL byte; each is written once, at once (the kernel is killed, not stopped).
    """
    root = os.path.join(os.path.realpath(root), "")
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    seen: set[str] = set()

    def hook(event: str, args: tuple) -> None:
        if event != "open" or not isinstance(args[0], (str, bytes, os.PathLike)):
            return
        try:  # a hook that raises would fail the notebook's own `open`
            path = os.path.abspath(os.fsdecode(args[0]))
            if not path.startswith(root) or path in seen:
                return
            mode, flags = args[1], args[2]
            if isinstance(mode, str):
                reading, writing = "r" in mode or "+" in mode, any(letter in mode for letter in "wax+")
            else:  # os.open: flags only
                access = flags & os.O_ACCMODE
                reading, writing = access != os.O_WRONLY and not flags & os.O_TRUNC, access != os.O_RDONLY
            if reading or writing:
                seen.add(path)
            if reading:
                os.write(fd, path.encode("utf-8", "surrogateescape") + b"\0")
        except Exception:
            pass

    sys.addaudithook(hook)


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

    def fork(self, cwd: Path) -> ForkedKernelManager:
        """Fork a new kernel with `cwd` as its working directory; return its manager (the kernel may still be starting).

        Raises sessions.TemplateFailed if the template could not start.
        """
        with self.lock:
            self.count += 1
            sockets = os.path.join(self.folder, f"k{self.count}")
            km = ForkedKernelManager(transport="ipc", ip=sockets, connection_file=sockets + ".json", context=self.context)
            km.write_connection_file()
            worker = self.template.fork(cwd=str(cwd), group=True)  # its own process group
            worker.send(become_kernel, km.connection_file, KERNEL_ARGUMENTS, KERNEL_RC_PARAMS, km.reads_log)
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

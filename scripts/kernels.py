"""Fresh IPython kernels, one per notebook, forked from a warm template process.

A kernel started the usual way (a new interpreter importing ipykernel, numpy and
matplotlib) takes a second or more of CPU; a warm kernel reused between notebooks
leaks their state into each other (print options, `os.environ`, modules, threads).
`KernelTemplate` starts `kernel_template.py` once; it imports those modules, then
forks a new kernel per notebook that has run nothing of any other notebook. The
kernel talks to nbclient as any kernel does, over IPC sockets in a private folder.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import zmq.asyncio
from jupyter_client.manager import AsyncKernelManager

TEMPLATE = Path(__file__).with_name("kernel_template.py")
# What every kernel's environment adds to the build's.
KERNEL_ENV = {
    # matplotlib draws into the cell's outputs, never to a screen.
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}
KERNEL_ARGUMENTS = ["--HistoryManager.enabled=False"]
# matplotlib settings every kernel starts with, so that outputs are the same on every run:
# matplotlib names the parts of an SVG from a random salt unless `svg.hashsalt` fixes it.
# The template puts them into matplotlib's defaults too, so that `plt.style.use("default")`
# and `mpl.rcdefaults()` keep them.
KERNEL_RC_PARAMS: dict[str, object] = {"svg.hashsalt": "neural-networks-seminar"}


class TemplateFailed(RuntimeError):
    """The template process could not start or stopped answering."""


class ForkedKernelManager(AsyncKernelManager):
    """A kernel manager for a kernel the template forked: alive while its process is."""

    pid: int | None = None
    pidfd: int | None = None

    def attach(self, pid: int) -> None:
        """Manage the kernel process `pid`."""
        self.pid = pid
        try:
            # A pidfd tells when the process ends, even though it is not our child.
            self.pidfd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self.pidfd = None

    @property
    def has_kernel(self) -> bool:
        return self.pid is not None

    async def _async_is_alive(self) -> bool:
        return self.alive()

    is_alive = _async_is_alive  # type: ignore[assignment]

    def alive(self) -> bool:
        """Is the kernel's process still running?"""
        if self.pid is None:
            return False
        if self.pidfd is not None:
            return not select.select([self.pidfd], [], [], 0)[0]
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        return True

    def kill(self) -> None:
        """Kill the kernel and everything it started (its process group)."""
        if self.pid is None:
            return
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None
        self.pid = None


class KernelTemplate:
    """The warm process that forks kernels. Start it in the thread that lives as long as it should.

    The template dies with the thread that started it, and its kernels with it.
    """

    def __init__(self, env: dict[str, str] | None = None):
        self.env = {**(env if env is not None else os.environ), **KERNEL_ENV}
        self.folder = tempfile.mkdtemp(prefix="blog-kernels-")
        self.context = zmq.asyncio.Context()
        self.kernels: set[ForkedKernelManager] = set()
        self.lock = threading.Lock()
        self.log = open(os.path.join(self.folder, "template.log"), "w+b")  # noqa: SIM115 (closed in close())
        self.process = subprocess.Popen(
            [sys.executable, str(TEMPLATE), str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            env=self.env,
            cwd=self.folder,
            text=True,
            start_new_session=True,  # Ctrl-C in the terminal reaches the build, which stops the kernels
        )
        self.ready = False
        self.count = 0

    def _answer(self) -> dict:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.log.seek(0)
            detail = self.log.read().decode("utf-8", "replace").strip()
            raise TemplateFailed(
                f"the kernel template process exited with status {self.process.wait()}" + (f":\n{detail}" if detail else "")
            )
        return json.loads(line)

    def fork(self, cwd: Path) -> ForkedKernelManager:
        """Fork a new kernel with `cwd` as its working directory; return its manager (the kernel may still be starting)."""
        with self.lock:
            if not self.ready:
                self._answer()
                self.ready = True
            self.count += 1
            sockets = os.path.join(self.folder, f"k{self.count}")
            km = ForkedKernelManager(transport="ipc", ip=sockets, connection_file=sockets + ".json", context=self.context)
            km.write_connection_file()
            request = {
                "connection_file": km.connection_file,
                "cwd": str(cwd),
                "env": self.env,
                "arguments": KERNEL_ARGUMENTS,
                "rcParams": KERNEL_RC_PARAMS,
            }
            assert self.process.stdin is not None
            try:
                self.process.stdin.write(json.dumps(request) + "\n")
                self.process.stdin.flush()
            except BrokenPipeError:
                pass  # _answer() reports why the template is gone
            km.attach(self._answer()["pid"])
            self.kernels.add(km)
        return km

    def discard(self, kernel: ForkedKernelManager) -> None:
        """Kill a kernel and remove its sockets and connection file."""
        kernel.kill()
        self.kernels.discard(kernel)
        for path in Path(self.folder).glob(Path(kernel.ip).name + "*"):
            path.unlink(missing_ok=True)

    def kill(self) -> None:
        """Kill every kernel and the template at once, and remove their files; from any thread."""
        for kernel in list(self.kernels):
            kernel.kill()
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    def close(self) -> None:
        """Kill everything (see `kill`) and release the sockets; only once no kernel is in use."""
        self.kill()
        self.kernels.clear()
        for stream in (self.process.stdin, self.process.stdout, self.log):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        self.context.destroy(linger=0)

    def __enter__(self) -> KernelTemplate:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

"""Running a post's code cells with nbclient, on a few warm kernels that are reset between notebooks."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import shutil
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import replace

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from .errors import ContentError
from .exercises import RAISES_TAG
from .front_matter import DEFAULT_TIMEOUT
from .model import Code, Post
from .outputs import cells_to_outputs, kernel_setup_code
from .sources import Source

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
CELL_FILE = re.compile(r" \(\d+\.py, line \d+\)$")

# Run before each notebook. A kernel that already ran a notebook is brought back
# to the state of a fresh one: empty namespace, pyplot's rcParams as they were
# when it was first imported, no open figures, the notebook's folder as cwd;
# then the settings that make outputs the same on every run (scripts/outputs.py).
RESET_CODE = """\
import os as _os, sys as _sys, types as _types
import matplotlib as _mpl, matplotlib.pyplot as _plt
_state = _sys.modules.setdefault("_blog_kernel_state", _types.ModuleType("_blog_kernel_state"))
if not hasattr(_state, "rc"):
    _state.rc = _mpl.rcParams.copy()
_plt.close("all")
_mpl.rcParams.clear()
_mpl.rcParams.update(_state.rc)
{setup}
_os.chdir({cwd!r})
get_ipython().run_line_magic("reset", "-f")
"""

KERNEL_ENV = {
    # matplotlib draws into PNG outputs, never to a screen.
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
}


class KernelPool:
    """A few kernels, each running one notebook at a time and kept warm between notebooks."""

    def __init__(self, size: int):
        self.size = max(1, size)

    async def run_all(self, jobs: list[tuple[Source, Post]], done: Callable[[Source, Post | ContentError], Awaitable[None] | None]) -> None:
        """Execute every job's post on the pool; call `done` with the executed post or the error."""
        queue: asyncio.Queue = asyncio.Queue()
        for job in jobs:
            queue.put_nowait(job)

        async def worker() -> None:
            kernel = WarmKernel()
            try:
                while not queue.empty():
                    source, post = queue.get_nowait()
                    try:
                        result: Post | ContentError = await kernel.execute(source, post)
                    except ContentError as error:
                        result = error
                    outcome = done(source, result)
                    if asyncio.iscoroutine(outcome):
                        await outcome
            finally:
                await kernel.shutdown()

        await asyncio.gather(*(worker() for _ in range(min(self.size, len(jobs)))))


class WarmKernel:
    """One IPython kernel that runs notebooks one after another."""

    def __init__(self) -> None:
        self.km: AsyncKernelManager | None = None

    async def start(self) -> AsyncKernelManager:
        if self.km is None or not await self.km.is_alive():
            # IPC sockets in a private folder: no TCP ports, nothing on the network.
            self.sockets = tempfile.mkdtemp(prefix="blog-kernel-")
            self.km = AsyncKernelManager(kernel_name="python3", transport="ipc", ip=os.path.join(self.sockets, "kernel"))
            await self.km.start_kernel(env={**os.environ, **KERNEL_ENV}, extra_arguments=["--HistoryManager.enabled=False"])
        return self.km

    async def shutdown(self) -> None:
        if self.km is not None and self.km.has_kernel:
            await self.km.shutdown_kernel(now=True)
        if self.km is not None:
            shutil.rmtree(self.sockets, ignore_errors=True)
        self.km = None

    async def execute(self, source: Source, post: Post) -> Post:
        """Return the post with the outputs of its code cells; raise ContentError if a cell fails."""
        codes = [block for block in post.blocks if isinstance(block, Code)]
        if not codes:
            return post
        timeout = post.front_matter.get("timeout", DEFAULT_TIMEOUT)
        cwd = str(source.path.parent.resolve())
        notebook = nbformat.v4.new_notebook()
        notebook.cells = [nbformat.v4.new_code_cell(RESET_CODE.format(cwd=cwd, setup=kernel_setup_code()))] + [
            nbformat.v4.new_code_cell(code.source, metadata={"tags": sorted(code.tags)}) for code in codes
        ]
        km = await self.start()
        client = NotebookClient(notebook, km=km, timeout=timeout, allow_errors=False, record_timing=False)
        running: list[int] = []
        client.on_cell_start = lambda cell, cell_index: running.append(cell_index)
        try:
            await client.async_execute()
        except CellTimeoutError:
            await self.shutdown()  # the kernel is still busy with the endless cell
            code = codes[running[-1] - 1]
            raise source.error(
                f"the cell did not finish within {timeout:g} s",
                cell=code.cell,
                source=code.source,
                fix="make it faster, or raise `timeout` in the front matter (seconds per cell)",
                kind="timeout",
            ) from None
        except DeadKernelError as error:
            await self.shutdown()
            code = codes[running[-1] - 1]
            raise source.error(
                "the kernel died while running this cell",
                cell=code.cell,
                source=code.source,
                detail=str(error),
                fix="check the cell for crashes or excessive memory use",
            ) from None
        except CellExecutionError:
            await self.shutdown()
            raise failure(source, codes, notebook, running[-1]) from None
        finally:
            if client.kc is not None:
                client.kc.stop_channels()
        executed = [replace(code, outputs=outputs) for code, outputs in zip(codes, cells_to_outputs(source, codes, notebook.cells[1:]))]
        by_cell = {code.cell: code for code in executed}
        blocks = [by_cell.get(block.cell, block) if isinstance(block, Code) else block for block in post.blocks]
        return replace(post, blocks=blocks)


def failure(source: Source, codes: list[Code], notebook: nbformat.NotebookNode, index: int) -> ContentError:
    """Return the error for the cell at `index` (in the executed notebook) that raised."""
    code, cell = codes[index - 1], notebook.cells[index]
    error = next((output for output in cell.get("outputs", []) if output.output_type == "error"), None)
    ename, evalue = (error.ename, error.evalue) if error else ("Error", "")
    # IPython names a cell's code after a temporary file ("(3113953282.py, line 4)"):
    # meaningless to authors and different on every run; the excerpt shows the line.
    evalue = CELL_FILE.sub("", evalue)
    line = None
    if error:
        traceback = ANSI.sub("", "\n".join(error.traceback))
        lines = re.findall(rf"Cell In\[{cell.get('execution_count')}\], line (\d+)", traceback)
        line = int(lines[-1]) if lines else None
        if line is None and ename == "SyntaxError":
            match = re.search(r"line (\d+)", traceback)
            line = int(match.group(1)) if match else None
    return source.error(
        f"the cell raised {ename}",
        cell=code.cell,
        source=code.source,
        line=line,
        detail=f"{ename}: {evalue}",
        fix=f"fix the code, or tag the cell '{RAISES_TAG}' if the error is the point",
        kind="execution",
    )


def execute_posts(jobs: list[tuple[Source, Post]], workers: int, done) -> None:
    """Execute the posts on `workers` warm kernels, calling `done(source, post_or_error)` as each ends."""
    run_sync(KernelPool(workers).run_all(jobs, done))


def run_sync(coroutine):
    """Run a coroutine to its end, even from a thread whose event loop is busy (Playwright's sync API, Jupyter)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def default_workers() -> int:
    """The number of kernels to run at once: the number of CPUs this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)

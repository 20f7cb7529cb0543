"""Running a post's code cells with nbclient, each notebook on a fresh kernel forked from a warm template."""

from __future__ import annotations

import asyncio
import importlib.util
import math
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert.filters.ansi import strip_ansi

from .errors import ContentError
from .exercises import RAISES_TAG
from .front_matter import DEFAULT_TIMEOUT
from .inputs import project_of, read_names, with_reads
from .kernels import REFUSED, KernelTemplate
from .model import Code, Post
from .outputs import cells_to_outputs, schema_valid
from .runtime import DISTRIBUTIONS
from .sources import Source, find_sources, is_notebook_file, pair_of, slug_of

# Folders of a notebook's folder that its working copy leaves out: Jupyter's and git's own.
SKIPPED_FOLDERS = {".ipynb_checkpoints", ".git", "__pycache__"}
CELL_FILE = re.compile(r" \(\d+\.py, line \d+\)$")
# Seconds a forked kernel may take to answer its first request.
STARTUP_TIMEOUT = 60
# What nbclient's CellTimeoutError says when a cell's outputs, not the cell, ran out of time.
IOPUB_TIMEOUT = "Timeout waiting for IOPub output"
# Seconds a stopped build waits for its event loop to wind down once the kernels are killed (it takes milliseconds).
STOP_SECONDS = 1.0
# Folders whose files a run may change unnoticed where git cannot say what it ignores (see ProjectFiles); and Python environments.
UNWATCHED_FOLDERS = {".git", "__pycache__", ".ipynb_checkpoints", "node_modules"}
# Seconds git may take to list a project's files.
GIT_SECONDS = 30
# A file's state, as ProjectFiles compares it: mode, inode, size, time of the last change of its data (ns).
State = tuple[int, int, int, int]

Done = Callable[[Source, "Post | ContentError"], Awaitable[None] | None]


class KernelPool:
    """Runs notebooks `size` at a time, each on its own fresh kernel from the template."""

    def __init__(self, template: KernelTemplate | None, size: int):
        self.template, self.size = template, max(1, size)
        self.cancelled = False  # set when the build is stopping: results are no longer wanted
        self.task: asyncio.Task | None = None  # run_all's, once it runs
        self.runs = Runs()

    async def run_all(self, jobs: list[tuple[Source, Post]], done: Done) -> None:
        """Execute every job's post; call `done` with the executed post or the error."""
        self.task = asyncio.current_task()
        queue: asyncio.Queue = asyncio.Queue()
        for job in jobs:
            queue.put_nowait(job)

        async def worker() -> None:
            while not queue.empty() and not self.cancelled:
                source, post = queue.get_nowait()
                try:
                    result: Post | ContentError = await execute_post(self.template, source, post, self.runs)
                except ContentError as error:
                    result = error
                if self.cancelled:
                    return
                outcome = done(source, result)
                if asyncio.iscoroutine(outcome):
                    await outcome

        await asyncio.gather(*(worker() for _ in range(min(self.size, len(jobs)))))

    def stop(self) -> None:
        """From another thread: want no more results, and cancel what runs, so that `run_all` returns at once."""
        self.cancelled = True
        if self.task is not None:
            try:
                self.task.get_loop().call_soon_threadsafe(self.task.cancel)
            except RuntimeError:  # its loop has already closed
                pass


class Client(NotebookClient):
    """nbclient's client, taking every display a kernel sends as Jupyter's front ends take it.

    nbformat's schema, which nbclient applies to each output, wants text under a MIME type other than
    `application/json` and `application/…+json`: Altair 6's `mimetype` renderer sends its chart's JSON under
    `application/vnd.vegalite.v6.json`, and the build stopped with a traceback (see outputs.schema_valid).
    """

    def process_message(self, msg: dict, cell: nbformat.NotebookNode, cell_index: int) -> nbformat.NotebookNode | None:
        content = msg.get("content") or {}
        if msg.get("msg_type") in ("display_data", "execute_result", "update_display_data") and isinstance(content.get("data"), dict):
            content["data"] = schema_valid(content["data"])
        return super().process_message(msg, cell, cell_index)


async def execute_post(template: KernelTemplate, source: Source, post: Post, runs: Runs | None = None) -> Post:
    """Return the post with the outputs of its code cells, run on a fresh kernel; raise ContentError if a cell fails,
    or if the project's files changed while it ran (see Runs; `runs`: the build's, else this run's own)."""
    codes = [block for block in post.blocks if isinstance(block, Code)]
    if not codes:
        return post
    timeout = post.front_matter.get("timeout", DEFAULT_TIMEOUT)
    folder = source.path.parent.resolve()
    others = {
        path.name
        for post in find_sources(folder)
        if slug_of(post) != source.slug
        for path in pair_of(post)
        if path and is_notebook_file(path)  # a module the notebook imports stays
    }
    runs = runs or Runs()
    run = runs.begin(source.slug, project_of(folder) or folder, folder)

    def check() -> None:
        changed = runs.end(run, source)
        if changed:  # raised instead of the run's result or error: the project comes first
            raise changed

    try:
        with working_copy(folder, leave_out=others, files=run.files) as copy:
            result = await execute_in(template, source, post, codes, copy, timeout)
    except Exception:
        check()
        raise
    except BaseException:  # the build is stopping
        runs.running.remove(run)
        raise
    check()
    return result


async def execute_in(template: KernelTemplate, source: Source, post: Post, codes: list[Code], folder: Path, timeout: float) -> Post:
    """Run the post's code cells on a fresh kernel working in `folder` (a working copy, see working_copy); return the post with their outputs."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(code.source, metadata={"tags": sorted(code.tags)}) for code in codes]
    # The template answers at once, except the first time, while it imports: wait in a thread.
    project = project_of(source.path.parent)
    kernel = await asyncio.get_running_loop().run_in_executor(None, template.fork, folder, project)
    client = Client(
        notebook,
        km=kernel,
        timeout=timeout,
        startup_timeout=STARTUP_TIMEOUT,
        allow_errors=False,
        record_timing=False,
        # Once a cell has ended, nbclient reads its outputs until the kernel's "idle", the last message
        # the cell sends, for `iopub_timeout` seconds (4 by default), then drops the rest without a word
        # (a warning in its log): a cell that printed thousands of lines can be that far ahead of a busy
        # build. Wait as long as a cell may run (60 s at least), and stop the build if even that is not enough.
        iopub_timeout=max(math.ceil(timeout), DEFAULT_TIMEOUT),
        raise_on_iopub_timeout=True,
    )
    running: list[int] = []
    client.on_cell_start = lambda cell, cell_index: running.append(cell_index)
    try:
        await client.async_execute()
        files_read = kernel.files_read()
    except CellTimeoutError as error:
        code = codes[running[-1]]
        late_outputs = IOPUB_TIMEOUT in str(error)
        raise source.error(
            f"the outputs of the cell did not all arrive within {client.iopub_timeout} s of its end"
            if late_outputs
            else f"the cell did not finish within {timeout:g} s",
            cell=code.cell,
            source=code.source,
            fix=f"{'print less' if late_outputs else 'make it faster'}, or raise `timeout` in the front matter (seconds per cell)",
            kind="timeout",
        ) from None
    except DeadKernelError as error:
        if not running:
            raise source.error(
                "the kernel died before it ran the first cell", detail=str(error), fix="run the notebook in Jupyter to see why"
            ) from None
        code = codes[running[-1]]
        raise source.error(
            "the kernel died while running this cell",
            cell=code.cell,
            source=code.source,
            detail=str(error),
            fix="check the cell for crashes or excessive memory use",
        ) from None
    except CellExecutionError:
        raise failure(source, codes, notebook, running[-1]) from None
    finally:
        if client.kc is not None:
            client.kc.stop_channels()
        template.discard(kernel)
    executed = [
        replace(code, outputs=outputs)
        for code, outputs in zip(codes, cells_to_outputs(source, codes, notebook.cells, folder, widgets=notebook.metadata.get("widgets")))
    ]
    by_cell = {code.cell: code for code in executed}
    blocks = [by_cell.get(block.cell, block) if isinstance(block, Code) else block for block in post.blocks]
    # A data file the code read is an input, whether `inputs` lists it or not: changing it runs the post again.
    return with_reads(source, replace(post, blocks=blocks), read_names(folder, files_read, source.path.parent))


@contextmanager
def working_copy(folder: Path, leave_out: set[str] = frozenset(), files: ProjectFiles | None = None) -> Iterator[Path]:  # type: ignore[assignment]
    """Yield a temporary copy of `folder` (its files and subfolders, not Jupyter's and git's own, nor the files of
    `folder` named in `leave_out`: the other posts' notebooks, which a build copying them all for every post would
    spend most of its time on), in a mirror of the folder it is in; then remove them.

    A notebook runs there, as in its own folder: it reads its data files and imports its helper
    modules by the same relative paths, but the files it writes (`%%file mymodule.py`, a saved
    figure, a CSV, even over a file of the folder) land in the copy and are gone afterwards: the
    sources and the committed files never change, whatever the notebook does. Files are copied
    (the kernel copies their data in place, `copy_file_range`), not linked: writing into a link
    would write into the original.

    The copy's parent mirrors the folder's (the project, see `project_of`; `files`: its files, by default read now),
    so that `../data/x.csv` and `../images/logo.png` read the project's files, as in Jupyter: the files `git status`
    shows are copies too, in folders of their own, so that a command or a C library writing through `../` (`!cp`,
    `cv2.imwrite`, HDF5) changes a copy. What git ignores (the build's outputs, environments, large data) is a link
    to it instead: the kernel turns a write from Python through such a link into a write to a copy (scripts/kernels.py,
    watch_files). A link of the project or the folder to a place in the project points to that place in the mirror.
    """
    with tempfile.TemporaryDirectory(prefix="blog-run-", ignore_cleanup_errors=True) as temporary:
        folder = folder.resolve()
        project = project_of(folder)
        mirror = Path(temporary) / (project.name if project else "project")
        copy = mirror / folder.name
        copy.mkdir(parents=True)
        places = (project, mirror) if project else (folder, copy)
        if project:
            files = files or ProjectFiles(project, folder)
            mirror_tree(project, mirror, places, files.shown, skipped={folder.name})
        mirror_tree(folder, copy, places, lambda name, path: True, skipped=set(leave_out))
        yield copy


def mirror_tree(source: Path, into: Path, places: tuple[Path, Path], copied: Callable[[str, str], bool], skipped: set[str]) -> None:
    """Fill the folder `into` with `source`'s files and subfolders (not Jupyter's and git's own, nor the entries of
    `source` named in `skipped`): copies of those `copied(name, path)` accepts (`name` relative to `source`, in `/`
    form), links to the others. A link of `source` becomes one to where its target is in the mirror (`places`: the
    folder mirrored, and its mirror) if it is in the folder mirrored."""
    original, mirror = str(places[0]), str(places[1])

    def link(path: str, at: Path) -> None:
        target = os.path.realpath(path)
        if os.path.islink(path) and (target == original or target.startswith(os.path.join(original, ""))):
            target = os.path.join(mirror, os.path.relpath(target, original))
        os.symlink(target, at)

    for parent, folders, names in os.walk(source):
        base = os.path.relpath(parent, source)
        prefix = "" if base == "." else base.replace(os.sep, "/") + "/"
        here = into / base
        walked = []
        for name in folders:
            path = os.path.join(parent, name)
            if name in SKIPPED_FOLDERS or (not prefix and name in skipped):
                continue
            if os.path.islink(path) or not copied(prefix + name, path):
                link(path, here / name)
            else:
                (here / name).mkdir()
                walked.append(name)
        folders[:] = walked
        for name in names:
            path = os.path.join(parent, name)
            if not prefix and name in skipped:
                continue
            if os.path.islink(path) or not os.path.exists(path) or not copied(prefix + name, path):
                link(path, here / name)
            else:
                shutil.copy2(path, here / name)


def git(folder: Path, *arguments: str) -> str | None:
    """Return what a read-only git command prints, run in `folder`; None if git is missing or `folder` is in no repository."""
    try:
        done = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True, timeout=GIT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def git_paths(text: str | None) -> set[str]:
    """Return the paths a git command printed with `-z`."""
    return {name.rstrip("/") for name in (text or "").split("\0") if name}


class ProjectFiles:
    """The files of a project that `git status` would show a change to: every file but `.git`'s and those git ignores
    (without git: but those of UNWATCHED_FOLDERS and of Python environments), each by its state.

    The mirror a notebook runs in holds copies of them (see working_copy). A notebook's command (`!cp`, `os.system`), a
    library writing from C or a Python started afresh writes around the kernel's audit hook (kernels.watch_files): by the
    project's own path, into its files; comparing their states before and after a run tells.
    """

    def __init__(self, project: Path, own: Path | None = None):
        self.project = project
        ignored = git(project, "ls-files", "-z", "--others", "--ignored", "--exclude-standard", "--directory")
        self.git = ignored is not None
        self.ignored = git_paths(ignored)
        # The notebooks' own folder is not compared: a notebook runs in a copy of it, and it is where authors save
        # their work while a build runs (`make serve`).
        if own is not None and own.resolve() != project.resolve():
            self.ignored.add(own.resolve().relative_to(project.resolve()).as_posix())
        self.start = self.states()

    def watched(self, name: str, path: str) -> bool:
        """Is the folder `path` (`name`, relative to the project) one whose files are compared?"""
        if os.path.basename(name) == ".git" or name in self.ignored:
            return False
        return self.git or not (os.path.basename(name) in UNWATCHED_FOLDERS or os.path.isfile(os.path.join(path, "pyvenv.cfg")))

    def shown(self, name: str, path: str) -> bool:
        """Is `path` (`name`, relative to the project) a file whose state is compared, or a folder whose files are?"""
        return self.watched(name, path) if os.path.isdir(path) else name not in self.ignored

    def states(self) -> dict[str, State]:
        """Return the state of each file compared, by its path relative to the project in `/` form."""
        found = {}
        for parent, folders, files in os.walk(self.project):
            base = os.path.relpath(parent, self.project)
            prefix = "" if base == "." else base.replace(os.sep, "/") + "/"
            folders[:] = [name for name in folders if self.watched(prefix + name, os.path.join(parent, name))]
            for name in files:
                if prefix + name in self.ignored:
                    continue
                try:
                    state = os.lstat(os.path.join(parent, name))
                except OSError:  # gone meanwhile
                    continue
                found[prefix + name] = (state.st_mode, state.st_ino, state.st_size, state.st_mtime_ns)
        return found


@dataclass(eq=False)
class Run:
    """A notebook's run, with the project's files as they were when it began, and the runs beside it."""

    slug: str
    files: ProjectFiles
    before: dict[str, State]
    beside: set[str] = field(default_factory=set)  # the runs in the same project that ran at the same time
    seen: set[str] = field(default_factory=set)  # files another run found changed meanwhile


class Runs:
    """The notebooks' runs going on in a build, so that a change to their project's files stops the build.

    Each run's project's files are compared before and after it (see ProjectFiles): a change names the run, and
    those that ran beside it in the same project (any of them may have made it); what can be restored is. A file
    one run found changed is not reported again by those that ran beside it.
    """

    def __init__(self) -> None:
        self.projects: dict[Path, ProjectFiles] = {}
        self.running: list[Run] = []

    def begin(self, slug: str, project: Path, own: Path | None = None) -> Run:
        """Return a new run of `slug` in `project` (its notebook in the folder `own`), with the project's files as they are now."""
        files = self.projects.get(project)
        if files is None:
            files = self.projects[project] = ProjectFiles(project, own)
            before = files.start
        else:
            before = files.states()
        beside = [run for run in self.running if run.files is files]
        run = Run(slug, files, before, {run.slug for run in beside})
        for other in beside:
            other.beside.add(slug)
        self.running.append(run)
        return run

    def end(self, run: Run, source: Source) -> ContentError | None:
        """End `run`, the run of `source`; if files of its project that no run beside it reported changed while it ran,
        return the error naming them."""
        self.running.remove(run)
        after = run.files.states()
        changed = {}
        for name in sorted(run.before.keys() | after.keys()):
            old, new = run.before.get(name), after.get(name)
            if old != new and name not in run.seen:
                changed[name] = "created" if old is None else "removed" if new is None else "changed"
        if not changed:
            return None
        for other in self.running:
            if other.files is run.files:
                other.seen |= changed.keys()
        return project_changed(source, changed, run.beside)


def project_changed(source: Source, changed: dict[str, str], beside: set[str]) -> ContentError:
    """Return the error saying that the project's `changed` files (by path, with what happened to each) changed while
    the notebook ran, beside the runs of `beside`. Nothing is put back: the change may be an author's own edit."""
    listed = ", ".join(f"{name} ({what})" for name, what in sorted(changed.items()))
    notes = [f"Ran at the same time: {', '.join(sorted(beside))}, which may have made the change instead."] if beside else []
    notes.append("If you (or another program) changed them meanwhile, run the build again: nothing was put back.")
    fix = (
        "write by a path relative to the notebook's folder (`!cp out.csv ../data/x.csv`, `cv2.imwrite('../figures/f.png', …)`), "
        "never by the project's own path: the build runs the notebook in a copy of its folder, in a mirror of the project, "
        "where such writes change copies; then put back what the notebook changed (`git status` and `git checkout -- FILE`) "
        "and run the build again"
    )
    return source.error(
        f"the project's files changed while the notebook ran, which a build must never do: {listed}",
        detail="\n".join(notes),
        fix=fix,
        kind="project-changed",
    )


MISSING_MODULE = re.compile(r"No module named '([^']+)'")
# The errors of a download that finds no network (urllib, requests and Python's own, httpx, urllib3, socket).
DOWNLOAD_ERRORS = frozenset({"URLError", "ConnectionError", "ConnectError", "NewConnectionError", "MaxRetryError", "gaierror"})


def failure_fix(ename: str, evalue: str) -> str:
    """Return what to do about a cell that raised `ename: evalue` when the post was built."""
    missing = MISSING_MODULE.search(evalue) if ename == "ModuleNotFoundError" else None
    module = missing.group(1).split(".")[0] if missing else ""
    if module and importlib.util.find_spec(module) is None:  # else a package the build has lacks a submodule: the code's error
        package = DISTRIBUTIONS.get(module, module)
        provides = f" (which provides the module '{module}')" if package != module else ""
        return (
            f"the build has no package '{package}'{provides}: the site's packages are pinned in requirements.txt; add "
            f"'{package}' to requirements.in, run `make lock` and commit both files; if '{module}' is a module of your own, "
            "commit it beside the notebook"
        )
    if ename in DOWNLOAD_ERRORS:
        return (
            "the build has no network: download the data file once, commit it beside the notebook, read it by its "
            "relative path, and list it in `inputs` in the front matter"
        )
    if ename == "PermissionError" and REFUSED in evalue:
        return (
            "write by a path relative to the notebook's folder ('results.csv', '../figures/f.png'): the build runs "
            "the notebook in a copy of its folder, in a mirror of the project, where such writes change copies"
        )
    return f"fix the code, or tag the cell '{RAISES_TAG}' if the error is the point"


def failure(source: Source, codes: list[Code], notebook: nbformat.NotebookNode, index: int) -> ContentError:
    """Return the error for the cell at `index` (in the executed notebook) that raised."""
    code, cell = codes[index], notebook.cells[index]
    error = next((output for output in cell.get("outputs", []) if output.output_type == "error"), None)
    ename, evalue = (error.ename, error.evalue) if error else ("Error", "")
    # IPython names a cell's code after a temporary file ("(3113953282.py, line 4)"):
    # meaningless to authors and different on every run; the excerpt shows the line.
    evalue = CELL_FILE.sub("", evalue)
    line = None
    if error:
        traceback = strip_ansi("\n".join(error.traceback))
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
        fix=failure_fix(ename, evalue),
        kind="execution",
    )


def execute_posts(jobs: list[tuple[Source, Post]], workers: int, done: Done, template: KernelTemplate | None = None) -> None:
    """Execute the posts, `workers` at a time, calling `done(source, post_or_error)` as each ends.

    `template` is the warm process the kernels are forked from, which the caller then owns and
    closes (the tests share one); by default this call starts one, if a post has code to run,
    and closes it at the end.

    The event loop runs in a thread of its own, so that this thread can stop it at once:
    on KeyboardInterrupt (or any exception raised here by a signal handler) the template
    and every kernel are killed, `done` is not called again, the loop's tasks are cancelled
    (nbclient then drops the exit handler it registers for each kernel), and once the loop
    has ended and the processes are gone, the exception goes on.
    """
    if not jobs:
        return
    failed: list[BaseException] = []
    finished = threading.Event()

    def run() -> None:
        try:
            asyncio.run(pool.run_all(jobs, done))
        except BaseException as error:  # handed to the waiting thread
            failed.append(error)
        finally:
            finished.set()

    # Waited for with an event, not `thread.join()`: a join that a signal interrupts marks the
    # thread as ended while it still runs (Python 3.11), and every later join returns at once.
    thread = threading.Thread(target=run, name="execute", daemon=True)
    # In this thread, living as long as this call; none when no post has code cells (execute_post returns them as they are).
    owned = KernelTemplate() if template is None and any(post.code_cells for _, post in jobs) else None
    template = template or owned
    pool = KernelPool(template, workers)
    try:
        thread.start()
        while not finished.wait(0.1):  # wakes up for a signal that another thread received
            pass
    except BaseException:
        if template is not None:
            template.kill()
        pool.stop()
        finished.wait(STOP_SECONDS)
        raise
    finally:
        if owned is not None and finished.is_set():  # else the loop still holds the kernels' sockets: the process ends without closing them
            owned.close()
    if failed:
        raise failed[0]

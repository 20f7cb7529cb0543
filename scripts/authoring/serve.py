"""`make serve`: Hugo's live-reloading server on 127.0.0.1, and a watcher that reconverts each notebook you save.

Only the saved post is converted (and executed), with `convert([path], prune=False)`; saving a
file a post records among its inputs (a data file, a helper module, an image) reconverts that post:
its bundle is swapped in atomically, so Hugo reloads the page, and a notebook that
fails leaves the last good page in place while the error is printed here, once per save.
The outputs of each post's last run are kept: a save that changes no code cell (markdown,
front matter other than `timeout`) re-renders the post without running it. The kernels' warm
template (scripts/kernels.py) lives as long as the preview, so a save runs its post on a kernel
forked at once; a template that died is replaced at the next save.
Hugo's messages about a post are followed by the notebook cell they come from, as in `make site`.
Ctrl-C, SIGTERM and SIGHUP (the terminal closing) stop the watcher and Hugo.

Hugo prints `ERROR Error while watching: invalid argument` after most bundle swaps: the swap
(scripts/bundles.py) renames the old bundle aside and deletes it at once, and Hugo's watcher,
handling the rename a moment later, drops its watch on a folder the kernel has already dropped
with the folder (inotify_rm_watch: EINVAL). Deleting the old bundle a second later, or writing
in place, makes it go away; so it is harmless: Hugo watches the new bundle and rebuilds the
page every time. The preview leaves that one line out.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import watchfiles

from .. import hugo
from ..bundles import WriteFailed, generated_data
from ..convert import NOTEBOOKS, POSTS, convert
from ..errors import ContentError
from ..kernels import KernelTemplate
from ..model import Post
from ..publish import copy_traced
from ..sessions import TemplateFailed
from ..sources import NOTEBOOK_SUFFIX, TEXT_SUFFIX, find_sources, is_module, pair_of, read_source
from .sync import sync

DEFAULT_PORT = 1313
# Signals that end the preview: Ctrl-C, `kill`, the terminal closing.
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
# The notebooks' kernels are forked from a warm template (scripts/kernels.py): Windows has no fork.
NO_FORK = (
    "error: the preview runs notebooks on kernels forked from a warm process, and this Python has no os.fork (Windows): "
    "run make serve in WSL (README: Platforms)"
)
# What each post was last run to (slug -> (execution key, executed post)), for scripts.convert.convert.
Executed = dict[str, tuple[str, Post]]
# Hugo's complaint about the watch of a swapped-out bundle (see above): harmless, left out.
HUGO_SWAP_NOISE = "ERROR Error while watching: invalid argument"
# A file's (modification time, size), or None if it is gone.
Stamp = tuple[int, int] | None


def is_post_file(path: Path, notebooks: Path) -> bool:
    """Is this a post's .ipynb or .py directly in `notebooks` (not a hidden, temporary or checkpoint file, nor a module)?

    A module (a plain .py without a notebook of its name, `thinkstats2.py`) counts as an input of the posts importing it.
    """
    return (
        path.parent.resolve() == notebooks.resolve()
        and path.suffix in (NOTEBOOK_SUFFIX, TEXT_SUFFIX)
        and not path.name.startswith((".", "_"))
        and not is_module(path)
    )


def changed_posts(changed: Iterable[str | Path], notebooks: Path, posts: Path | None = None) -> list[Path]:
    """Return one path per post with a changed file (the .ipynb if it exists, else the .py); deleted posts are left out.

    A changed file that is not a notebook (a data file, a helper module, an image) counts for
    the posts in `posts` that record it among their inputs.
    """
    found = {}
    inputs = inputs_by_post(notebooks, posts) if posts is not None else {}
    for name in changed:
        path = Path(name)
        if is_post_file(path, notebooks):
            ipynb, py = pair_of(notebooks / path.name)
            if ipynb or py:
                found[path.stem] = ipynb or py
                continue
            # Gone: a deleted module (no longer told from a post's file) counts for the posts that import it.
        for source, files in inputs.items():
            if path.resolve() in files:
                ipynb, py = pair_of(source)
                if ipynb or py:
                    found[source.stem] = ipynb or py
    return [found[stem] for stem in sorted(found)]


def inputs_by_post(notebooks: Path, posts: Path) -> dict[Path, set[Path]]:
    """Return, for each generated post, its notebook (without suffix) and the files it records as its inputs."""
    result = {}
    for bundle in sorted(posts.iterdir()) if posts.is_dir() else []:
        data = generated_data(bundle) if bundle.is_dir() else None
        if data and data.get("inputs"):
            source = notebooks / Path(data["source"]).name
            result[source] = {(notebooks / name).resolve() for name in data["inputs"]}
    return result


def is_out_of_sync(path: Path) -> bool:
    """Do the post's .ipynb and .py disagree (one was saved by an editor that does not pair)?"""
    try:
        read_source(path)
    except ContentError as error:
        return error.kind == "pairing"
    return False


def stamp_of(path: str | Path) -> Stamp:
    """Return the file's modification time and size, or None if it does not exist."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


def reconvert(
    paths: list[Path],
    posts: Path,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    executed: Executed | None = None,
    seen: dict[str, Stamp] | None = None,
    template: KernelTemplate | None = None,
) -> list[ContentError]:
    """Convert the saved posts, syncing a pair first if only one half was saved; print and return the errors.

    The files the sync writes are recorded in `seen` (absolute path -> stamp), so that the watcher
    does not take them for another save. The kernels are forked from `template` (by default, one of this call's own).
    """
    unsynced = [path for path in paths if is_out_of_sync(path)]
    for problem in sync(unsynced, out=out):
        print(f"error: {problem}", file=err, flush=True)
    if seen is not None:
        for half in (half for path in unsynced for half in pair_of(path) if half):
            seen[os.path.abspath(half)] = stamp_of(half)
    try:
        errors = convert(paths, posts, workers=1, prune=False, out=out, executed=executed, template=template)
    except (WriteFailed, TemplateFailed) as failed:
        print(f"\nerror: {failed}\n", file=err, flush=True)
        return []
    for error in errors:
        print(f"\nerror: {error}\nThe last good version of the page stays in the preview.\n", file=err, flush=True)
    return errors


def watch_notebooks(
    notebooks: Path,
    posts: Path,
    stop: threading.Event | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
    executed: Executed | None = None,
    template: KernelTemplate | None = None,
) -> None:
    """Reconvert each post whose notebook changes, until `stop` is set (or Ctrl-C).

    A change is a file whose stamp differs from the one it had when it was last converted or
    synced: the .ipynb that syncing a saved .py writes is no second save (which printed each error twice).
    The kernels are forked from `template`, the caller's, while it lives; else from one of the watcher's own,
    started at the first save and replaced if it dies, which it closes at the end.
    """
    seen: dict[str, Stamp] = {}
    executed = {} if executed is None else executed
    owned: KernelTemplate | None = None

    def live_template() -> KernelTemplate:
        nonlocal owned
        if template is not None and template.is_alive():
            return template
        if owned is None or not owned.is_alive():
            if owned is not None:
                owned.close()
            owned = KernelTemplate()
        return owned

    try:
        for changes in watchfiles.watch(notebooks, stop_event=stop, raise_interrupt=True, debounce=300, step=50, yield_on_timeout=False):
            names = {os.path.abspath(name) for _, name in changes}
            fresh = [name for name in sorted(names) if name not in seen or stamp_of(name) != seen[name]]
            seen.update({name: stamp_of(name) for name in fresh})
            paths = changed_posts(fresh, notebooks, posts)
            if paths:
                reconvert(paths, posts, out, err, executed, seen, live_template())
    finally:
        if owned is not None:
            owned.close()


def hugo_command(binary: Path, port: int) -> list[str]:
    """Return the command line of Hugo's server: local only, drafts and future posts included, live reload on."""
    address = f"http://127.0.0.1:{port}/"
    # In memory: the preview (drafts, local address) never lands in public/, which `make site` publishes.
    return [
        str(binary),
        "server",
        "--bind",
        "127.0.0.1",
        "--port",
        str(port),
        "--baseURL",
        address,
        "--appendPort=false",
        "--buildDrafts",
        "--buildFuture",
        "--navigateToChanged",
        "--renderToMemory",
    ]


def is_port_free(port: int) -> bool:
    """Can a server listen on 127.0.0.1:`port` (as Hugo would, with SO_REUSEADDR)?"""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def port_in_use_message(port: int) -> str:
    """Return the one line that says the port is taken and how to choose another."""
    return (
        f"error: port {port} on 127.0.0.1 is in use (another preview?): stop it, or choose another port with `make serve PORT={port + 1}`"
    )


def raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(port: int = DEFAULT_PORT, notebooks: Path = NOTEBOOKS, posts: Path = POSTS, binary: Path | None = None) -> int:
    """Bring the posts up to date, then run Hugo's server and the watcher until Ctrl-C, SIGTERM or SIGHUP; return the exit status."""
    if not hasattr(os, "fork"):
        print(NO_FORK, file=sys.stderr, flush=True)
        return 1
    try:
        binary = binary or hugo.binary()
    except hugo.HugoMissing as missing:
        print(f"error: {missing}", file=sys.stderr, flush=True)
        return 1
    # Checked first: Hugo would print its whole usage text after its error, and only after the conversion.
    if not is_port_free(port):
        print(port_in_use_message(port), file=sys.stderr, flush=True)
        return 1
    # SIGINT raises KeyboardInterrupt already; the others would end this process and leave Hugo serving.
    previous = {signum: signal.signal(signum, raise_interrupt) for signum in STOP_SIGNALS}
    process: subprocess.Popen | None = None
    executed: Executed = {}
    template = KernelTemplate()  # warms up while Hugo starts; every run of the preview forks its kernels from it
    try:
        errors = convert(find_sources(notebooks), posts, prune=False, executed=executed, template=template) if notebooks.is_dir() else []
        for error in errors:
            print(f"\nerror: {error}\n", file=sys.stderr, flush=True)
        process = hugo.start(hugo_command(binary, port))
        stop = threading.Event()
        # Hugo's output, each message about a post followed by its notebook cell; Hugo ending on its own
        # (a broken layout) ends the preview too.
        threading.Thread(target=follow_hugo, args=(process, stop), daemon=True).start()
        print(f"previewing on http://127.0.0.1:{port}/ ; watching {notebooks}/ ; Ctrl-C stops", flush=True)
        watch_notebooks(notebooks, posts, stop, executed=executed, template=template)
    except KeyboardInterrupt:
        try:
            print("\nstopping", flush=True)
        except OSError:
            pass  # the terminal has gone (SIGHUP)
    finally:
        if process is not None:
            hugo.stop(process)
        template.kill()  # at once, from whatever state Ctrl-C left it in
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if process is None or process.returncode in (0, -2, -15, -1, 130):
        return 0
    return process.returncode


def follow_hugo(process: subprocess.Popen, stop: threading.Event) -> None:
    """Copy Hugo's output with the notebook cells its messages are about, until it ends; then set `stop`."""
    try:
        assert process.stdout is not None
        copy_traced((line for line in process.stdout if line.strip() != HUGO_SWAP_NOISE), sys.stdout)
    except (OSError, ValueError):
        pass  # our output has gone (the terminal closed)
    finally:
        process.wait()
        stop.set()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.authoring.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="the port on 127.0.0.1 (default: %(default)s)")
    parser.add_argument("--notebooks-dir", type=Path, default=NOTEBOOKS, help="where the notebooks are (default: %(default)s)")
    parser.add_argument("--posts-dir", type=Path, default=POSTS, help="where the posts go (default: %(default)s)")
    parser.add_argument("--hugo", type=Path, help=f"Hugo's binary (default: {hugo.LOOKUP})")
    args = parser.parse_args(argv)
    return serve(args.port, args.notebooks_dir, args.posts_dir, args.hugo)


if __name__ == "__main__":
    sys.exit(main())

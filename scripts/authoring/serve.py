"""`make serve`: Hugo's live-reloading server on 127.0.0.1, and a watcher that reconverts each notebook you save.

Only the saved post is converted (and executed), with `convert([path], prune=False)`; saving a
file a post records among its inputs (a data file, a helper module, an image) reconverts that post:
its bundle is swapped in atomically, so Hugo reloads the page, and a notebook that
fails leaves the last good page in place while the error is printed here.
Ctrl-C stops the watcher and Hugo.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import watchfiles

from ..bundles import WriteFailed, generated_data
from ..convert import NOTEBOOKS, POSTS, convert
from ..errors import ContentError
from ..sessions import TemplateFailed
from ..sources import NOTEBOOK_SUFFIX, TEXT_SUFFIX, find_sources, pair_of, read_source
from .sync import sync

HUGO = Path(".venv/bin/hugo-bin")
DEFAULT_PORT = 1313
STOP_TIMEOUT = 10  # seconds Hugo gets to exit before it is killed


def is_post_file(path: Path, notebooks: Path) -> bool:
    """Is this a post's .ipynb or .py directly in `notebooks` (not a hidden, temporary or checkpoint file)?"""
    return (
        path.parent.resolve() == notebooks.resolve()
        and path.suffix in (NOTEBOOK_SUFFIX, TEXT_SUFFIX)
        and not path.name.startswith((".", "_"))
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


def reconvert(paths: list[Path], posts: Path, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> list[ContentError]:
    """Convert the saved posts, syncing a pair first if only one half was saved; print and return the errors."""
    unsynced = [path for path in paths if is_out_of_sync(path)]
    for problem in sync(unsynced, out=out):
        print(f"error: {problem}", file=err, flush=True)
    try:
        errors = convert(paths, posts, workers=1, prune=False, out=out)
    except (WriteFailed, TemplateFailed) as failed:
        print(f"\nerror: {failed}\n", file=err, flush=True)
        return []
    for error in errors:
        print(f"\nerror: {error}\nThe last good version of the page stays in the preview.\n", file=err, flush=True)
    return errors


def watch_notebooks(
    notebooks: Path, posts: Path, stop: threading.Event | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr
) -> None:
    """Reconvert each post whose notebook changes, until `stop` is set (or Ctrl-C)."""
    for changes in watchfiles.watch(notebooks, stop_event=stop, raise_interrupt=True, debounce=300, step=50, yield_on_timeout=False):
        paths = changed_posts((name for _, name in changes), notebooks, posts)
        if paths:
            reconvert(paths, posts, out, err)


def hugo_command(hugo: Path, port: int) -> list[str]:
    """Return the command line of Hugo's server: local only, drafts and future posts included, live reload on."""
    address = f"http://127.0.0.1:{port}/"
    # In memory: the preview (drafts, local address) never lands in public/, which `make site` publishes.
    return [
        str(hugo),
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


def stop_process(process: subprocess.Popen) -> None:
    """Stop Hugo: ask, then insist."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def serve(port: int = DEFAULT_PORT, notebooks: Path = NOTEBOOKS, posts: Path = POSTS, hugo: Path = HUGO) -> int:
    """Bring the posts up to date, then run Hugo's server and the watcher until Ctrl-C; return Hugo's exit status."""
    errors = convert(find_sources(notebooks), posts, prune=False) if notebooks.is_dir() else []
    for error in errors:
        print(f"\nerror: {error}\n", file=sys.stderr, flush=True)
    process = subprocess.Popen(hugo_command(hugo, port))
    stop = threading.Event()
    # Hugo ending on its own (a broken layout, a busy port) ends the preview too.
    threading.Thread(target=lambda: (process.wait(), stop.set()), daemon=True).start()
    print(f"previewing on http://127.0.0.1:{port}/ ; watching {notebooks}/ ; Ctrl-C stops", flush=True)
    try:
        watch_notebooks(notebooks, posts, stop)
    except KeyboardInterrupt:
        print("\nstopping", flush=True)
    finally:
        stop_process(process)
    return 0 if process.returncode in (0, -2, -15, 130) else process.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.authoring.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="the port on 127.0.0.1 (default: %(default)s)")
    parser.add_argument("--notebooks-dir", type=Path, default=NOTEBOOKS, help="where the notebooks are (default: %(default)s)")
    parser.add_argument("--posts-dir", type=Path, default=POSTS, help="where the posts go (default: %(default)s)")
    parser.add_argument("--hugo", type=Path, default=HUGO, help="Hugo's binary (default: %(default)s)")
    args = parser.parse_args(argv)
    return serve(args.port, args.notebooks_dir, args.posts_dir, args.hugo)


if __name__ == "__main__":
    sys.exit(main())

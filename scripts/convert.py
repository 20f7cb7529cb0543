"""`make site`'s first half: every notebook in `notebooks/` becomes a page bundle in `content/post/`.

The conversion of one notebook, top to bottom (`notebook_to_post`, then `execute`, then `render`):
  1. read the .ipynb and/or its paired .py; stop if they disagree    (sources.read_source)
  2. stop on near-miss tags such as `soluton`                         (exercises.check_tags)
  3. parse and check the front matter in the first cell               (front_matter)
  4. group cells into markdown, code and exercise blocks              (exercises.cells_to_blocks)
  5. run the code cells on a warm kernel, collect outputs and figures (execute)
  6. render index.md with TOML front matter, and the figure files    (render)
Nothing is written until every notebook has converted; then each bundle is
swapped into place, and generated bundles whose notebook is gone are removed.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time
from pathlib import Path

from . import bundles
from .errors import ContentError
from .execute import default_workers, execute_posts
from .exercises import cells_to_blocks, check_tags
from .front_matter import FIX_HEADER, parse_front_matter, validate_front_matter
from .kernels import TemplateFailed
from .model import Post
from .render import post_to_files
from .sources import Source, find_sources, read_source

NOTEBOOKS = Path("notebooks")
POSTS = Path("content/post")


def notebook_to_post(source: Source) -> Post:
    """Return the post model of a notebook, not yet executed (steps 2-4)."""
    check_tags(source)
    front = front_matter_of(source)
    return Post(slug=source.slug, front_matter=front, blocks=cells_to_blocks(source))


def front_matter_of(source: Source) -> dict:
    """Return the checked front matter from the notebook's first cell."""
    cells = source.notebook.cells
    first = cells[0] if cells else None

    def error(message: str, fix: str, line: int | None) -> ContentError:
        return source.error(message, cell=1, fix=fix, source=first.source if first else None, line=line)

    if first is None or first.cell_type != "raw":
        raise error("the first cell must be a raw cell with the front matter", FIX_HEADER, None)
    return validate_front_matter(parse_front_matter(first.source, error), error)


def source_name(source: Source) -> str:
    """How the generated post names its notebook: `notebooks/SLUG`, whichever of .ipynb/.py exist."""
    return source.path.with_suffix("").as_posix()


class Conversion:
    """One run of the converter over some notebooks, printing progress as it goes."""

    def __init__(self, posts: Path, force: bool = False, out=sys.stdout):
        self.posts, self.force, self.out = posts, force, out
        self.errors: list[ContentError] = []
        self.results: dict[str, dict[str, bytes]] = {}
        self.unchanged: list[str] = []
        self.count = 0
        self.total = 0

    def say(self, slug: str, what: str) -> None:
        self.count += 1
        print(f"[{self.count}/{self.total}] {slug}: {what}", file=self.out, flush=True)

    def run(self, paths: list[Path], workers: int) -> None:
        """Convert `paths`, collecting bundles to write and errors to report."""
        self.total = len(paths)
        jobs: list[tuple[Source, Post]] = []
        for path in paths:
            try:
                source = read_source(path)
                post = notebook_to_post(source)
                bundles.check_writable(self.posts, source.slug, str(source.path))
            except ContentError as error:
                self.fail(path.stem, error)
                continue
            if not self.force and bundles.is_up_to_date(self.posts / source.slug, source.hash):
                self.unchanged.append(source.slug)
                self.say(source.slug, "unchanged")
            elif post.front_matter.get("execute", True) is False:
                self.render(source, post, "converted (execute: false)")
            else:
                jobs.append((source, post))
        started = {source.slug: time.perf_counter() for source, _ in jobs}
        if jobs:
            print(f"executing {len(jobs)} notebook(s) on {min(workers, len(jobs))} kernel(s)", file=self.out, flush=True)

        def done(source: Source, result: Post | ContentError) -> None:
            if isinstance(result, ContentError):
                self.fail(source.slug, result)
            else:
                self.render(source, result, f"executed in {time.perf_counter() - started[source.slug]:.1f} s")

        execute_posts(jobs, workers, done)

    def render(self, source: Source, post: Post, what: str) -> None:
        self.results[source.slug] = post_to_files(post, source_name(source), source.hash)
        self.say(source.slug, what)

    def fail(self, slug: str, error: ContentError) -> None:
        self.errors.append(error)
        self.say(slug, "FAILED")


class Stopped(KeyboardInterrupt):
    """The build was stopped by SIGINT or SIGTERM; its message says what state the posts are in."""


def convert(
    paths: list[Path], posts: Path = POSTS, workers: int | None = None, force: bool = False, prune: bool = True, out=sys.stdout
) -> list[ContentError]:
    """Convert the notebooks; write the bundles only if all succeed. Return the errors.

    Raise Stopped on KeyboardInterrupt, bundles.WriteFailed if the posts cannot be written.
    """
    for repair in bundles.recover(posts):
        print(repair, file=out, flush=True)
    conversion = Conversion(posts, force=force, out=out)
    try:
        conversion.run(paths, workers or default_workers())
    except KeyboardInterrupt:
        raise Stopped("stopped: no post was changed") from None
    if conversion.errors:
        return conversion.errors
    try:
        with bundles.signals_held():  # once the posts are being written, they are all written
            bundles.write_bundles(posts, conversion.results)
            for slug in conversion.unchanged:
                bundles.touch(posts / slug)
            if prune:
                for bundle in bundles.stale_bundles(posts, {path.stem for path in paths}):
                    bundles.remove_bundle(bundle)
                    print(f"removed {bundle}/ (its notebook is gone)", file=out, flush=True)
    except KeyboardInterrupt:
        raise Stopped("stopped after the posts were written") from None
    return []


def stop_on_sigterm() -> list[int]:
    """Make SIGTERM stop the build as Ctrl-C does (KeyboardInterrupt); return the list the signals received go to."""
    received: list[int] = []

    def stop(signum, frame):
        received.append(signum)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    return received


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.convert", description=__doc__.split("\n")[0])
    parser.add_argument(
        "notebooks",
        nargs="*",
        type=Path,
        help="notebooks to convert (default: every post in --notebooks-dir; only then are stale posts removed)",
    )
    parser.add_argument("--notebooks-dir", type=Path, default=NOTEBOOKS, help="where the notebooks are (default: %(default)s)")
    parser.add_argument("--posts-dir", type=Path, default=POSTS, help="where the posts go (default: %(default)s)")
    parser.add_argument("-j", "--jobs", type=int, default=None, help="kernels to run at once (default: the number of CPUs)")
    parser.add_argument("--force", action="store_true", help="execute and rewrite every post, even if its notebook has not changed")
    args = parser.parse_args(argv)
    paths = args.notebooks or find_sources(args.notebooks_dir)
    received = stop_on_sigterm()
    try:
        errors = convert(paths, args.posts_dir, args.jobs, args.force, prune=not args.notebooks)
    except Stopped as stopped:
        print(f"\n{stopped}", file=sys.stderr)
        return 128 + (received[0] if received else signal.SIGINT)
    except bundles.WriteFailed as failed:
        print(f"\nerror: {failed}", file=sys.stderr)
        return 1
    except TemplateFailed as failed:
        print(f"\nerror: cannot start the kernels that run the notebooks: {failed}\nNo post was changed.", file=sys.stderr)
        return 1
    for error in errors:
        print(f"\nerror: {error}", file=sys.stderr)
    if errors:
        print(f"\n{len(errors)} notebook(s) failed; no post was changed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`make site`'s first half: every notebook in `notebooks/` becomes a page bundle in `content/post/`.

The conversion of one notebook, top to bottom (`notebook_to_post`, then `execute`, then `render`):
  1. read the .ipynb and/or its paired .py; if they disagree and only
     one changed since the post was built, update the other from it   (sources.read_source, Conversion.read)
  2. stop on a kernel that is not Python, or a cell that installs packages (sources.check_kernel, check_no_installs)
  3. stop on near-miss tags such as `soluton`                         (exercises.check_tags)
  4. parse and check the front matter in the first cell               (front_matter)
  5. group cells into markdown, code and exercise blocks              (exercises.cells_to_blocks)
  6. drop a first heading that repeats the title                      (markdown.drop_repeated_title)
     LaTeX environments without `$$` become display math, as in Jupyter (markdown.bare_math_to_display)
     the text of inline HTML code is kept from Hugo's typographer    (markdown.html_code_as_written)
     and stop on an exercise whose id a heading also has             (markdown.check_unique_ids)
  7. resolve what markdown points at: files beside the notebook,
     other notebooks; stop on a destination that leads nowhere        (markdown.resolve_links)
     and images pasted into markdown cells become files of the bundle (markdown.attachments_to_files)
  8. hash the files the post is made from besides the notebook        (inputs.with_inputs)
     and those its last run read without `inputs` naming them         (inputs.with_earlier_reads)
  9. run the code cells on a fresh kernel, collect outputs and figures,
     and the files of its folder the code read                        (execute, inputs.with_reads)
 10. render index.md with TOML front matter, and the bundle's files   (render)
A post is not run again while its notebook and inputs hash the same; given the outputs of its
last run (`executed`, as `make serve` keeps them), it is not run again either while its code
cells, `timeout` and inputs are the same: a change to markdown or front matter only re-renders.
Nothing is written until every notebook has converted; then each bundle is
swapped into place, and generated bundles whose notebook is gone are removed.
"""

from __future__ import annotations

import os
import signal
import sys

if __name__ == "__main__":
    # Ctrl-C or SIGTERM while the modules below load (about half a second) stops as quietly as later does. The process
    # ends in the handler: nothing has started or been written yet, and an exception raised here would go wherever the
    # signal landed, where a class's `__set_name__` turns it into a RuntimeError and a `__del__` swallows it.
    def stopped_while_loading(signum, frame):
        os.write(2, b"\nstopped: no post was changed\n")  # stderr
        os._exit(128 + signum)

    signal.signal(signal.SIGINT, stopped_while_loading)
    signal.signal(signal.SIGTERM, stopped_while_loading)

import argparse  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from . import bundles
from .errors import ContentError
from .exercises import cells_to_blocks, check_tags
from .front_matter import FIX_HEADER, future_date_warning, parse_front_matter, validate_front_matter
from .inputs import INPUTS_KEY, depfile_text, input_folders, with_earlier_reads, with_inputs
from .markdown import (
    Site,
    attachments_to_files,
    bare_math_to_display,
    check_unique_ids,
    drop_repeated_title,
    html_code_as_written,
    resolve_links,
    site_of,
)
from .model import Code, Post
from .outputs import with_stored_outputs
from .render import INDEX, post_to_files
from .sources import (
    SYNC_COMMAND,
    Source,
    check_kernel,
    check_no_installs,
    edited_half,
    find_sources,
    nested_notebooks,
    pair_of,
    read_source,
    slug_of,
    update_pair,
)

if TYPE_CHECKING:  # nbclient, zmq and the kernels are imported only when a notebook runs
    from .kernels import KernelTemplate

NOTEBOOKS = Path("notebooks")
POST_ADDRESS = "/post/{slug}/"
POSTS = Path("content/post")
# The notebooks' kernels are forked from a warm template (scripts/kernels.py): Windows has no fork.
NO_FORK = "error: the build runs notebooks on kernels forked from a warm process, and this Python has no os.fork (Windows): run make site in WSL (README: Platforms)"


# A step of the conversion: the notebook's source and the post so far in, the post out (or a ContentError).
Step = Callable[[Source, Post], Post]


def checking(check: Callable[[Source], None]) -> Step:
    """A step that only checks the source: it raises ContentError or leaves the post as it is."""

    def step(source: Source, post: Post) -> Post:
        check(source)
        return post

    step.__name__ = check.__name__
    return step


def on_post(change: Callable[[Post], Post]) -> Step:
    """A step that changes the post without reading the source."""

    def step(source: Source, post: Post) -> Post:
        return change(post)

    step.__name__ = change.__name__
    return step


def with_front_matter(source: Source, post: Post) -> Post:
    return replace(post, front_matter=front_matter_of(source))


def with_blocks(source: Source, post: Post) -> Post:
    return replace(post, blocks=cells_to_blocks(source))


def steps(site: Site | None = None, check_links: bool = True) -> tuple[Step, ...]:
    """The conversion's steps 2-8 (see the module's docstring), in order, each `(source, post) -> post`, as
    nbconvert's preprocessors share one shape: adding a step is adding a line. `site` is where links may lead
    (by default the site the notebook's folder belongs to); `check_links=False` lets dangling links pass (lint)."""

    def links(source: Source, post: Post) -> Post:
        return resolve_links(source, post, site or site_of(source.path.parent), check=check_links)

    return (
        checking(check_kernel),
        checking(check_no_installs),
        checking(check_tags),
        with_front_matter,
        with_blocks,
        on_post(drop_repeated_title),
        on_post(bare_math_to_display),
        on_post(html_code_as_written),
        check_unique_ids,
        links,
        attachments_to_files,
        with_inputs,
    )


def notebook_to_post(source: Source, site: Site | None = None, check_links: bool = True) -> Post:
    """Return the post model of a notebook, not yet executed: its source through every step of `steps`."""
    post = Post(slug=source.slug, front_matter={}, blocks=[])
    for step in steps(site, check_links):
        post = step(source, post)
    return post


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


# What the conversion does with a notebook (Conversion.plan decides, Conversion.run does it).
FAILED, UNCHANGED, STORED, REUSED, EXECUTE = "failed", "unchanged", "stored outputs", "outputs of its last run", "execute"


@dataclass
class Planned:
    """What becomes of one notebook in a conversion, and why."""

    slug: str
    action: str  # FAILED, UNCHANGED, STORED (execute: false), REUSED (same code as its last run) or EXECUTE
    source: Source | None = None
    post: Post | None = None
    because: str = ""  # why it runs again, e.g. " (data.csv changed)"
    warning: str | None = None  # printed before its progress line
    error: ContentError | None = None


class Conversion:
    """One run of the converter over some notebooks, printing progress as it goes."""

    def __init__(self, posts: Path, force: bool = False, out=sys.stdout, executed: dict[str, tuple[str, Post]] | None = None):
        self.posts, self.force, self.out = posts, force, out
        # slug -> (execution_key, the post as last run): read and updated, if given, to skip runs of unchanged code.
        self.executed = executed
        self.errors: list[ContentError] = []
        self.results: dict[str, dict[str, bytes]] = {}
        self.unchanged: list[str] = []
        self.reasons: dict[str, str] = {}  # slug -> why it runs again, e.g. " (data.csv changed)"
        # Every file the posts were made from, for make (see `--depfile`).
        self.depends: list[Path] = []
        self.count = 0
        self.total = 0

    def say(self, slug: str, what: str) -> None:
        self.count += 1
        print(f"[{self.count}/{self.total}] {slug}: {what}", file=self.out, flush=True)

    def plan(self, paths: list[Path]) -> list[Planned]:
        """Read every notebook and decide, without running or writing anything, what becomes of each, and why."""
        site = site_of(paths[0].parent, self.posts) if paths else None
        clashes = same_slug(paths)
        planned: list[Planned] = []
        for path in paths:
            try:
                if path in clashes:
                    raise clashes[path]
                source = self.read(path)
                post = notebook_to_post(source, site)
                bundles.check_writable(self.posts, source.slug, str(source.path))
                # The files the last run read without `inputs` naming them are watched too.
                post = with_earlier_reads(source, post, bundles.recorded_inputs(self.posts / source.slug))
            except ContentError as error:
                planned.append(Planned(slug_of(path) or path.stem, FAILED, error=error))
                continue
            folder = source.path.parent
            self.depends += [file for file in (source.ipynb, source.py) if file] + [folder / name for name in post.inputs]
            self.depends += input_folders(folder, post.front_matter.get(INPUTS_KEY, []))
            warning = future_date_warning(post.front_matter)
            if warning:
                warning = f"warning: {source.error(warning, cell=1).location()}: {warning}"
            bundle = self.posts / source.slug
            if not self.force and bundles.is_up_to_date(bundle, source.hash, post.inputs):
                planned.append(Planned(source.slug, UNCHANGED, source, post, warning=warning))
                continue
            changed = bundles.changed_inputs(bundle, post.inputs) if bundles.is_generated(bundle) else []
            because = f" ({', '.join(changed)} changed)" if changed and not self.force else ""
            last_run = self.executed.get(source.slug) if self.executed is not None and not self.force else None
            if post.front_matter.get("execute", True) is False:
                planned.append(Planned(source.slug, STORED, source, post, because, warning))
            elif last_run and last_run[0] == execution_key(post):
                planned.append(Planned(source.slug, REUSED, source, with_outputs_of(post, last_run[1]), because, warning))
            else:
                planned.append(Planned(source.slug, EXECUTE, source, post, because, warning))
        return planned

    def run(self, paths: list[Path], workers: int, template: KernelTemplate | None = None) -> None:
        """Convert `paths` as planned, collecting bundles to write and errors to report (kernels forked from `template`, if given)."""
        self.total = len(paths)
        jobs: list[tuple[Source, Post]] = []
        for planned in self.plan(paths):
            if planned.warning:
                print(planned.warning, file=self.out, flush=True)
            source, post = planned.source, planned.post
            if planned.action == FAILED:
                self.fail(planned.slug, planned.error)
            elif planned.action == UNCHANGED:
                self.unchanged.append(planned.slug)
                self.say(planned.slug, "unchanged")
            elif planned.action == STORED:
                try:
                    post = with_stored_outputs(source, post)  # the outputs saved in the notebook, published as a run's are
                except ContentError as error:
                    self.fail(source.slug, error)
                    continue
                self.render(source, post, f"converted (execute: false){planned.because}")
            elif planned.action == REUSED:
                self.render(source, post, "converted (code unchanged: outputs of its last run)")
            else:
                jobs.append((source, post))
                self.reasons[source.slug] = planned.because
        started = {source.slug: time.perf_counter() for source, _ in jobs}
        if jobs:
            print(f"executing {len(jobs)} notebook(s) on {min(workers, len(jobs))} kernel(s)", file=self.out, flush=True)

        def done(source: Source, result: Post | ContentError) -> None:
            if isinstance(result, ContentError):
                self.fail(source.slug, result)
            else:
                elapsed = time.perf_counter() - started[source.slug]
                self.depends += [source.path.parent / name for name in result.inputs]  # with the files the run read
                if self.executed is not None:
                    self.executed[source.slug] = (execution_key(result), result)
                self.render(source, result, f"executed in {elapsed:.1f} s{self.reasons.get(source.slug, '')}")

        if jobs:
            from . import execute  # nbclient, zmq and nbconvert, only when a notebook runs

            execute.execute_posts(jobs, workers, done, template)

    def read(self, path: Path) -> Source:
        """Read a post's source; if its two files disagree and only one changed since the post was built, update the other."""
        try:
            return read_source(path)
        except ContentError as error:
            if error.kind != "pairing":
                raise
            bundle = self.posts / slug_of(path)
            built = (bundles.generated_data(bundle) or {}).get("hash")
            edited = edited_half(path, built)
            if edited is None and not built:
                raise replace(error, message=f"{error.message}; there is no post in {bundle}/ yet to tell which file was edited") from None
            if edited is None:
                ipynb, py = pair_of(path)
                newer = max((ipynb, py), key=lambda file: file.stat().st_mtime)  # type: ignore[union-attr]
                raise replace(
                    error,
                    message=f"{error.message}; both files changed since the post was built",
                    fix=f"copy what you want to keep into one file, then run `jupytext --sync` on it "
                    f"(`{SYNC_COMMAND}` would keep {newer.name}, the newer, and lose the changes in the other)",
                ) from None
        written = update_pair(edited)
        print(
            f"{edited}: only this file changed since the post was built; updated {written.name} from it (as `jupytext --sync` does)",
            file=self.out,
            flush=True,
        )
        return read_source(path)

    def render(self, source: Source, post: Post, what: str) -> None:
        self.results[source.slug] = post_to_files(post, source_name(source), source.hash)
        self.say(source.slug, what)

    def fail(self, slug: str, error: ContentError) -> None:
        self.errors.append(error)
        self.say(slug, "FAILED")


def execution_key(post: Post) -> str:
    """Return a hash of what running a post depends on: its code cells in order (source, tags, alt), `timeout`, inputs."""
    # Like jupyter-cache, code cells only: markdown, exercises and the rest of the front matter never reach the kernel.
    # `alt` is in the figures' outputs; cell numbers are not, as they only name the figures (see with_outputs_of).
    codes = [[code.source, sorted(code.tags), code.alt] for code in post.code_cells]
    payload = json.dumps([codes, post.front_matter.get("timeout"), post.inputs], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def with_outputs_of(post: Post, executed: Post) -> Post:
    """Return the post with the outputs of `executed`, a run of the same code cells (same execution_key)."""

    def moved(code: Code, outputs: tuple) -> Code:
        # A figure is named after its cell (`cell-N-…`): a cell added or removed above it renumbers it.
        return replace(code, outputs=tuple(renamed(output, code.cell) for output in outputs))

    outputs = {new.cell: moved(new, old.outputs) for new, old in zip(post.code_cells, executed.code_cells, strict=True)}
    return replace(post, blocks=[outputs.get(block.cell, block) if isinstance(block, Code) else block for block in post.blocks])


def renamed(output, cell: int):
    """Return an image output named for cell `cell`; any other output as it is."""
    if output.kind != "image" or not output.name.startswith("cell-"):
        return output
    return replace(output, name=f"cell-{cell}-{output.name.split('-', 2)[2]}")


def same_slug(paths: list[Path]) -> dict[Path, ContentError]:
    """Return an error for each notebook whose post would have the same address as another's."""
    by_slug: dict[str, list[Path]] = {}
    for path in paths:
        by_slug.setdefault(slug_of(path), []).append(path)
    errors = {}
    for slug, clashing in by_slug.items():
        if len(clashing) > 1 and slug:
            for path in clashing:
                others = ", ".join(str(other) for other in clashing if other != path)
                errors[path] = ContentError(
                    path=str(path),
                    message=f"{others} would be published at the same address, /post/{slug}/",
                    fix="rename one of them",
                )
    return errors


class Stopped(KeyboardInterrupt):
    """The build was stopped by SIGINT or SIGTERM; its message says what state the posts are in."""


def convert(
    paths: list[Path],
    posts: Path = POSTS,
    workers: int | None = None,
    force: bool = False,
    prune: bool = True,
    out=sys.stdout,
    depfile: tuple[Path, str] | None = None,
    executed: dict[str, tuple[str, Post]] | None = None,
    template: KernelTemplate | None = None,
) -> list[ContentError]:
    """Convert the notebooks; write the bundles only if all succeed. Return the errors.

    `depfile` is (file, target): write there a make rule making `target` depend on every file the posts were made from.
    `executed` (slug -> (execution_key, post as run)): the outputs of earlier runs, reused while the code is the same, and updated.
    `template`: the warm process to fork the notebooks' kernels from (default: one started for this conversion).
    Raise Stopped on KeyboardInterrupt, bundles.WriteFailed if the posts cannot be written.
    """
    for repair in bundles.recover(posts):
        print(repair, file=out, flush=True)
    conversion = Conversion(posts, force=force, out=out, executed=executed)
    try:
        conversion.run(paths, workers or default_workers(), template)
    except KeyboardInterrupt:
        raise Stopped("stopped: no post was changed") from None
    if conversion.errors:
        return conversion.errors
    new = {slug: files for slug, files in conversion.results.items() if not (posts / slug).exists()}
    try:
        with bundles.signals_held():  # once the posts are being written, they are all written
            bundles.write_bundles(posts, conversion.results)
            for slug in conversion.unchanged:
                bundles.touch(posts / slug)
            if prune:
                for bundle in bundles.stale_bundles(posts, {slug_of(path) for path in paths}):
                    bundles.remove_bundle(bundle)
                    print(f"removed {bundle}/ (its notebook is gone)", file=out, flush=True)
                    warning = rename_warning(bundle.name, new)
                    if warning:
                        print(warning, file=out, flush=True)
    except KeyboardInterrupt:
        raise Stopped("stopped after the posts were written") from None
    if depfile:
        file, target = depfile
        file.parent.mkdir(parents=True, exist_ok=True)
        # Files only: an image pasted into a markdown cell is an input by its name in the bundle, and is in the notebook
        # (listed, such a name that is no file would have make convert again on every run).
        names = sorted({os.path.normpath(path) for path in conversion.depends if os.path.isfile(path) or os.path.isdir(path)})
        file.write_text(depfile_text(target, names), encoding="utf-8")
    return []


def rename_warning(old: str, new: dict[str, dict[str, bytes]]) -> str | None:
    """Return the warning for a removed post `old` whose address no new post keeps (`aliases`), or None."""
    address = POST_ADDRESS.format(slug=old)
    if any(f'"{address}"'.encode() in files.get(INDEX, b"") for files in new.values()):
        return None  # a new post lists it in its `aliases`: Hugo redirects the old address there
    renamed = (
        f" If its notebook was renamed (the new post is {POST_ADDRESS.format(slug=next(iter(new)))}), keep"
        if len(new) == 1
        else " If its notebook was renamed, keep"
    )
    return (
        f"warning: the address {address} now leads nowhere (links to it, and readers' bookmarks, break).{renamed} it "
        f"working: add `aliases: [{address}]` to the front matter of the renamed notebook."
    )


def default_workers() -> int:
    """The number of notebooks to run at once: the number of CPUs this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@contextmanager
def sigterm_stops() -> Iterator[list[int]]:
    """While the block runs, SIGTERM stops the build as Ctrl-C does (KeyboardInterrupt); yield the list the signals received go to.

    The previous handler is back afterwards, so that processes forked later (by a caller that runs the build
    in its own process, as the tests do) do not inherit this one and ignore SIGTERM.
    """
    received: list[int] = []

    def stop(signum, frame):
        received.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield received
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler and __name__ == "__main__":
        # From here Ctrl-C is a KeyboardInterrupt the build handles, SIGTERM too (sigterm_stops, right below; what it
        # puts back when the build ends is the default, not the handler of the loading modules).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with sigterm_stops() as received:
        try:
            return build(argv)
        except KeyboardInterrupt as stopped:  # Stopped says what state the posts are in; before the conversion, none changed
            print(f"\n{stopped if isinstance(stopped, Stopped) else 'stopped: no post was changed'}", file=sys.stderr)
            return 128 + (received[0] if received else signal.SIGINT)


def build(argv: list[str] | None) -> int:
    """Run the build the command line `argv` asks for; return its exit status. SIGINT and SIGTERM raise KeyboardInterrupt."""
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
    parser.add_argument(
        "--force",
        action="store_true",
        help="execute and rewrite every post, even if its notebook and inputs have not changed (make site FORCE=1)",
    )
    parser.add_argument(
        "--depfile",
        type=Path,
        help="also write a make rule to this file: --deptarget depends on every file the posts were made from (notebooks, inputs)",
    )
    parser.add_argument("--deptarget", default="build/converted.stamp", help="the target of the --depfile rule (default: %(default)s)")
    args = parser.parse_args(argv)
    if not hasattr(os, "fork"):
        print(NO_FORK, file=sys.stderr)
        return 1
    paths = args.notebooks or find_sources(args.notebooks_dir)
    depfile = (args.depfile, args.deptarget) if args.depfile and not args.notebooks else None
    from .orphans import orphans_ended
    from .sessions import TemplateFailed

    nested = [] if args.notebooks else nested_notebooks(args.notebooks_dir)
    if nested:
        for error in nested:
            print(f"\nerror: {error}", file=sys.stderr)
        print(f"\n{len(nested)} notebook(s) would not be published; no post was changed.", file=sys.stderr)
        return 1
    try:
        with orphans_ended():  # a process a notebook started in a session of its own ends with the build
            errors = convert(paths, args.posts_dir, args.jobs, args.force, prune=not args.notebooks, depfile=depfile)
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
    try:
        status = main()
    except KeyboardInterrupt:  # Ctrl-C in main's first or last instant, outside its own handling: posts may have been written
        print("\nstopped", file=sys.stderr)
        status = 128 + signal.SIGINT
    if status >= 128:  # stopped by a signal: the kernels and the template have ended, and nothing is left to write
        # Exit now: tearing the interpreter down (its modules, its heap) would take most of the stop's time, more on busy CPUs.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)

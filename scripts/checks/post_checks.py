"""The checks of a whole post, without pytest: its flow (the code cells run top to bottom), its content
(the committed bundle is what the pipeline generates) and the site (Hugo builds it cleanly)."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
from dataclasses import replace
from pathlib import Path

from .. import hugo
from ..bundles import changed_inputs, files_in, generated_data, toml_front_matter
from ..convert import notebook_to_post
from ..errors import ContentError
from ..front_matter import GENERATED_KEY
from ..model import Post
from ..render import INDEX, post_to_files
from ..sources import Source, read_source
from .results import guarded

POSTS = Path("content/post")  # relative to the repository root
HUGO_CONFIG = "config.toml"


def read_post(path: Path) -> tuple[Source, Post]:
    """Return a post's source and model, read as the pipeline reads it; raise ContentError if it is broken."""
    source = read_source(shown_path(path))
    return source, notebook_to_post(source)


def shown_path(path: Path) -> Path:
    """Return `path` relative to the working directory when it is below it, so messages stay short."""
    path = Path(path).resolve()
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


# The flow and content checks: the notebook's plain code cells on a fresh kernel, as the build runs them.


class Flow:
    """The posts this process executed (for the content check), each on a fresh kernel from one template.

    `template` (a scripts.kernels.KernelTemplate) is the caller's to close; by default the first post executed starts one.
    """

    def __init__(self, template=None) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None
        self.template = template  # a scripts.kernels.KernelTemplate, once a post is executed
        self.owned = template is None
        self.executed: dict[tuple[str, str], Post | ContentError] = {}

    def execute(self, source: Source, post: Post) -> Post:
        """Return the post with its code cells' outputs; raise ContentError if a cell fails."""
        key = (str(source.path.resolve()), source.hash)
        if key not in self.executed:
            from ..execute import execute_post  # nbclient and zmq, only when a post is executed
            from ..kernels import KernelTemplate

            if self.template is None:
                self.template = KernelTemplate()
            if self.loop is None:
                self.loop = asyncio.new_event_loop()
            try:
                self.executed[key] = self.loop.run_until_complete(execute_post(self.template, source, post))
            except ContentError as error:
                self.executed[key] = error  # the content check reports it without running the notebook again
        result = self.executed[key]
        if isinstance(result, ContentError):
            raise result
        return result

    def close(self) -> None:
        """Stop the template and its kernels (unless the template is the caller's)."""
        if self.owned and self.template is not None:
            self.template.close()
            self.template = None
        if self.loop is not None:
            self.loop.close()
        self.loop = None
        self.executed.clear()


@guarded
def check_flow(flow: Flow, source: Source, post: Post) -> str | None:
    """Run the post's plain code cells top to bottom on one kernel; raise ContentError if one fails."""
    if post.front_matter.get("execute", True) is False:
        return "the front matter says `execute: false`: the build does not run this notebook"
    flow.execute(source, post)
    return None


@guarded
def check_content(flow: Flow, source: Source, post: Post, root: Path) -> None:
    """Raise ContentError unless content/post/SLUG/ holds exactly what the pipeline would generate."""
    try:
        executed = post if post.front_matter.get("execute", True) is False else flow.execute(source, post)
    except ContentError as error:
        raise replace(error, message=f"{error.message}, so the post cannot be generated to compare (see {source.slug}::flow)") from None
    name = Path(os.path.relpath(source.path.resolve(), root.resolve())).with_suffix("").as_posix()
    files = post_to_files(executed, name, source.hash)
    bundle = shown_path(root / POSTS / source.slug)
    drift = bundle_drift(bundle, files)
    # Made from this very notebook and the same input files (those the run read included)?
    same_notebook = drift is not None and recorded_hash(bundle) == source.hash and not changed_inputs(bundle, executed.inputs)
    changed = changed_output(bundle, files) if same_notebook else None
    if changed:
        # The post was generated from this very notebook, yet running it again gives other outputs.
        cell, difference = changed
        code = next((block for block in post.code_cells if block.cell == cell), None)
        raise source.error(
            "the output of this cell differs from the committed post's, though the post was made from this same notebook: "
            "it is not reproducible (or the post was edited by hand)",
            cell=cell,
            source=code.source if code else None,
            detail=difference,
            fix="make the output reproducible (seed the random generators; print rounded numbers or the bound they meet, "
            "not digits that depend on the machine; no times or memory addresses), or tag the cell `remove-output`; "
            "then run `make convert` and commit the post (if it was edited by hand: `make site FORCE=1`)",
            kind="unreproducible",
        )
    if drift:
        shown = bundle.as_posix()
        raise source.error(
            f"{shown}/ is not what the pipeline generates from this notebook",
            detail=drift,
            fix=f"run `make site FORCE=1` and commit {shown}/ (generated posts are never edited by hand)"
            if same_notebook
            else f"run `make convert` and commit {shown}/",
            kind="drift",
        )


# Comparing a generated page bundle on disk with the files the pipeline would write.
# The front matter line where the post records the hash of its notebook.
HASH_LINE = 'hash = "sha256:'


def bundle_drift(bundle: Path, files: dict[str, bytes]) -> str | None:
    """Return how the bundle on disk differs from `files` (first difference per file), or None."""
    if not bundle.is_dir():
        return f"{bundle}/ does not exist"
    on_disk = {name for name in files_in(bundle) if not name.startswith(".")}
    problems = [f"missing: {name}" for name in sorted(set(files) - on_disk)]
    problems += [f"not generated by the pipeline: {name}" for name in sorted(on_disk - set(files))]
    for name in sorted(set(files) & on_disk, key=lambda name: (name != INDEX, name)):
        committed = (bundle / name).read_bytes()
        if committed == files[name]:
            continue
        if name == INDEX:
            problems.append(first_difference(files[name].decode("utf-8"), committed.decode("utf-8", "replace")))
        else:
            problems.append(f"{name} differs ({len(files[name])} bytes generated, {len(committed)} bytes on disk)")
    return "\n".join(problems) or None


def first_difference(generated: str, committed: str) -> str:
    """Return the first line where two versions of index.md differ, both shown (a changed source hash is said in words)."""
    new, old = generated.split("\n"), committed.split("\n")
    differing = [n for n, (a, b) in enumerate(zip(new, old), start=1) if a != b]
    if len(new) != len(old):
        differing.append(min(len(new), len(old)) + 1)
    said = []
    if differing and new[differing[0] - 1].startswith(HASH_LINE):
        said.append("the notebook has changed since the post was generated (the recorded source hash differs)")
        differing = differing[1:]
    inputs = inputs_differing(generated, committed)
    if inputs:
        said.append(f"files the post is made from have changed since it was generated: {', '.join(inputs)}")
        differing = []  # the post is generated again from them: what else differs follows from that
    if differing:
        number = differing[0]

        def line(lines: list[str]) -> str:
            return repr(lines[number - 1]) if number <= len(lines) else "(end of file)"

        said.append(f"{INDEX} differs first at line {number}:\n  generated: {line(new)}\n  on disk:   {line(old)}")
    return "\n".join(said)


def pipeline_data(index: str) -> dict:
    """Return the pipeline's data in an index.md's front matter ({} if there is none)."""
    front = toml_front_matter(index) or {}
    data = front.get(GENERATED_KEY, {})
    return data if isinstance(data, dict) else {}


def recorded_hash(bundle: Path) -> str | None:
    """Return the hash of the notebook the post on disk was generated from, if it records one."""
    return (generated_data(bundle) or {}).get("hash")


def changed_output(bundle: Path, files: dict[str, bytes]) -> tuple[int | None, str] | None:
    """Return (cell, what differs) for the first published output that differs from the post on disk, or None.

    Only outputs are compared: the caller knows the post was made from this same notebook.
    """
    new = pipeline_data(files[INDEX].decode("utf-8")).get("outputs", [])
    old = (generated_data(bundle) or {}).get("outputs", [])
    for index in range(max(len(new), len(old))):
        a = new[index] if index < len(new) else None
        b = old[index] if index < len(old) else None
        if a != b:
            return (a or b or {}).get("cell"), f"now:    {shown(a)}\nbefore: {shown(b)}"
        src = a.get("src") if a else None
        if src and src in files and (bundle / src).is_file() and (bundle / src).read_bytes() != files[src]:
            return a.get("cell"), f"the figure {src} differs ({len(files[src])} bytes now, {(bundle / src).stat().st_size} bytes before)"
    return None


def shown(output: dict | None) -> str:
    """Return an output as one line for a message."""
    if output is None:
        return "(no output)"
    text = output.get("text", output.get("src", ""))
    return repr(text if len(text) <= 200 else text[:200] + "…")


def inputs_differing(new: str, old: str) -> list[str]:
    """Return the inputs whose recorded hashes differ between two versions of index.md."""
    a, b = pipeline_data(new).get("inputs", {}), pipeline_data(old).get("inputs", {})
    return sorted(path for path in set(a) | set(b) if a.get(path) != b.get(path))


# The site check: Hugo builds everything, with no errors and no warnings.

SITE_TIMEOUT = 300  # seconds the whole Hugo build may take
# Hugo's log lines start with their level: `WARN  …`, `ERROR …`.
PROBLEM = re.compile(r"^(WARN|ERROR)\b")


def build_site(root: Path, timeout: float = SITE_TIMEOUT) -> tuple[int, list[str], str]:
    """Build the site at `root` into a temporary folder; return (exit status, problem lines, all output)."""
    done = hugo.build_in_temporary_folder(root, "--noBuildLock", "--logLevel", "warn", timeout=timeout)
    output = done.stdout + done.stderr
    return done.returncode, [line for line in output.splitlines() if PROBLEM.match(line)], output


@guarded
def check_site(root: Path) -> None:
    """Build the whole site with Hugo into a temporary folder; raise ContentError on any error or warning."""
    try:
        status, problems, output = build_site(root)
    except subprocess.TimeoutExpired as expired:
        raise ContentError(
            path=str(shown_path(root / HUGO_CONFIG)),
            message=f"Hugo did not finish within {expired.timeout:g} s",
            fix="look for a shortcode or template that loops",
            kind="site",
        ) from None
    if status or problems:
        raise ContentError(
            path=str(shown_path(root / HUGO_CONFIG)),
            message=f"the site build {'failed' if status else 'printed warnings'} (hugo exit status {status}, {len(problems)} error/warning line(s))",
            detail="\n".join(problems) or output.strip(),
            fix="fix what Hugo names; posts come from notebooks, so fix the notebook and run `make convert`",
            kind="site",
        )

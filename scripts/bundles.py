"""Generated page bundles in `content/post/`: recognising them, and replacing them atomically and safely.

The pipeline only ever writes, replaces or deletes a bundle whose `index.md`
it generated itself, and only the files it recorded there.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import threading
import tomllib
from pathlib import Path
from typing import Any

from .errors import ContentError
from .front_matter import GENERATED_KEY
from .render import GENERATOR, INDEX


def read_front_matter(path: Path) -> dict[str, Any] | None:
    """Return the TOML front matter of a post file, or None if it has none or it does not parse."""
    try:
        return toml_front_matter(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def toml_front_matter(text: str) -> dict[str, Any] | None:
    """Return the TOML front matter of a post's text, or None if it has none or it does not parse."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "+++":
        return None
    try:
        end = next(n for n in range(1, len(lines)) if lines[n].strip() == "+++")
        return tomllib.loads("\n".join(lines[1:end]))
    except (StopIteration, tomllib.TOMLDecodeError):
        return None


def generated_data(bundle: Path) -> dict[str, Any] | None:
    """Return the pipeline's data of a bundle it generated, or None if it did not generate it."""
    front = read_front_matter(bundle / INDEX)
    data = front.get(GENERATED_KEY) if front else None
    if isinstance(data, dict) and data.get("generator") == GENERATOR:
        return data
    return None


def is_generated(bundle: Path) -> bool:
    """Was this bundle written by the pipeline?"""
    return generated_data(bundle) is not None


def is_up_to_date(bundle: Path, source_hash: str, inputs: dict[str, str] | None = None) -> bool:
    """Does the bundle hold a post generated from a source with this hash and these inputs, with all its files?"""
    data = generated_data(bundle)
    return bool(
        data
        and data.get("hash") == source_hash
        and data.get("inputs", {}) == (inputs or {})
        and all((bundle / name).is_file() for name in data.get("files", []))
    )


def recorded_inputs(bundle: Path) -> dict[str, str]:
    """Return the inputs (see scripts/inputs.py) the bundle was generated from, with their hashes then; none if it was not generated."""
    return (generated_data(bundle) or {}).get("inputs", {})


def changed_inputs(bundle: Path, inputs: dict[str, str]) -> list[str]:
    """Return the inputs (see scripts/inputs.py) that were added, changed or removed since the bundle was generated."""
    recorded = recorded_inputs(bundle)
    return sorted(name for name in set(recorded) | set(inputs) if recorded.get(name) != inputs.get(name))


def files_in(bundle: Path) -> list[str]:
    """Return every file in a bundle, subfolders included, by its path in the bundle."""
    return sorted(path.relative_to(bundle).as_posix() for path in bundle.rglob("*") if not path.is_dir())


def check_writable(posts: Path, slug: str, source_path: str) -> None:
    """Stop if writing the post `slug` would overwrite anything the pipeline did not generate."""
    for hand_written in (posts / f"{slug}.md", posts / f"{slug}.html"):
        if hand_written.exists():
            raise ContentError(
                path=source_path,
                message=f"{hand_written} is a hand-written post with the same slug '{slug}'",
                fix=f"rename the notebook, or move {hand_written} into a notebook with `make import POST={hand_written}`",
            )
    bundle = posts / slug
    if not bundle.exists():
        return
    data = generated_data(bundle)
    if data is None:
        raise ContentError(
            path=source_path,
            message=f"{bundle}/ exists and was not generated from a notebook",
            fix=f"rename the notebook, or move {bundle}/ out of the way",
        )
    foreign = sorted(set(files_in(bundle)) - {INDEX, *data.get("files", [])})
    if foreign:
        raise ContentError(
            path=source_path,
            message=f"{bundle}/ holds files the pipeline did not write: {', '.join(foreign)}",
            fix="move them to static/ (or into the notebook) so that the generated folder can be replaced",
        )


# Staging and swap folders sit beside the bundles, hidden (Hugo and `find_sources` skip
# dot-folders), named after the bundle and the process that made them.
STAGING = re.compile(r"\.(?P<slug>.+)\.(?P<kind>new|old)-(?P<pid>\d+)\Z")


class WriteFailed(Exception):
    """The bundles could not be written (read-only folder, full disk); nothing was changed."""


def write_bundles(posts: Path, bundles: dict[str, dict[str, bytes]]) -> None:
    """Write each bundle to a staging folder, then swap it into place, replacing the old one.

    Until every bundle is staged nothing visible changes; a failure then (read-only
    folder, full disk) removes the staging folders and raises WriteFailed. The swap
    itself is a few renames per bundle, not interrupted by SIGINT or SIGTERM (they
    are held until it ends); a build killed during it is repaired by `recover`.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        posts.mkdir(parents=True, exist_ok=True)
        for slug, files in sorted(bundles.items()):
            stage = posts / f".{slug}.new-{os.getpid()}"
            shutil.rmtree(stage, ignore_errors=True)
            # Recorded before it is made, so that a failed write removes it too.
            staged.append((stage, posts / slug))
            stage.mkdir()
            for name, data in sorted(files.items()):
                (stage / name).parent.mkdir(parents=True, exist_ok=True)
                (stage / name).write_bytes(data)
    except BaseException as error:
        for stage, _ in staged:
            shutil.rmtree(stage, ignore_errors=True)
        if isinstance(error, OSError):
            raise WriteFailed(write_failure(posts, error)) from error
        raise
    with signals_held():
        for stage, bundle in staged:
            old = bundle.with_name(f".{bundle.name}.old-{os.getpid()}")
            if bundle.exists():
                os.replace(bundle, old)
            os.replace(stage, bundle)
            shutil.rmtree(old, ignore_errors=True)


def write_failure(posts: Path, error: OSError) -> str:
    """Return the message for an OSError while writing into `posts`: what failed, where, and what to do."""
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        fix = f"make {posts}/ writable"
    elif error.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = f"free disk space where {posts}/ is"
    else:
        fix = f"check that {posts}/ can be written"
    return (
        f"cannot write the posts into {posts}/: {error.strerror or error}\nNo post was changed.\nTo fix: {fix}, then run the build again."
    )


@contextlib.contextmanager
def signals_held():
    """Hold SIGINT and SIGTERM until the block ends (in the main thread; elsewhere they go to it anyway)."""
    held = {signal.SIGINT, signal.SIGTERM}
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def recover(posts: Path) -> list[str]:
    """Repair what a build killed while writing left behind; return what was done, one line each.

    A staging folder (`.SLUG.new-PID`) is unfinished work: removed. A swapped-out
    bundle (`.SLUG.old-PID`) is put back when its bundle is missing, else removed.
    Folders of a build that is still running (its PID is alive) are left alone.
    """
    if not posts.is_dir():
        return []
    done: list[str] = []
    leftovers = [(path, STAGING.match(path.name)) for path in sorted(posts.iterdir()) if path.is_dir()]
    for path, match in leftovers:
        if match is None or is_running(int(match["pid"])):
            continue
        bundle = posts / match["slug"]
        if match["kind"] == "old" and not bundle.exists():
            os.replace(path, bundle)
            done.append(f"restored {bundle}/ (a build was stopped while replacing it)")
        else:
            shutil.rmtree(path, ignore_errors=True)
            done.append(f"removed {path}/ (left by a build that was stopped)")
    return done


def is_running(pid: int) -> bool:
    """Is another process with this PID running?"""
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stale_bundles(posts: Path, slugs: set[str]) -> list[Path]:
    """Return the generated bundles whose notebook is gone."""
    if not posts.is_dir():
        return []
    return [
        bundle
        for bundle in sorted(posts.iterdir())
        if bundle.is_dir() and bundle.name not in slugs and not bundle.name.startswith(".") and is_generated(bundle)
    ]


def remove_bundle(bundle: Path) -> None:
    """Delete a generated bundle: only the files the pipeline recorded, then the folder."""
    data = generated_data(bundle) or {}
    names = [INDEX, *data.get("files", [])]
    for name in names:
        (bundle / name).unlink(missing_ok=True)
    # The subfolders the recorded files were in, deepest first, then the bundle itself.
    folders = {bundle / parent for name in names for parent in Path(name).parents if str(parent) != "."}
    for folder in [*sorted(folders, key=lambda path: len(path.parts), reverse=True), bundle]:
        try:
            folder.rmdir()
        except OSError:
            pass  # something else is in there: leave it


def touch(bundle: Path) -> None:
    """Mark an up-to-date bundle as newer than its notebook, so that make does not ask again."""
    try:
        os.utime(bundle / INDEX)
    except OSError:
        pass  # a read-only folder: make asks again next time, and finds the post unchanged again

"""The processes a notebook leaves behind: adopted while the build runs, ended with it (Linux)."""

from __future__ import annotations

import ctypes
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PR_SET_CHILD_SUBREAPER = 36


@contextmanager
def orphans_ended() -> Iterator[None]:
    """While the block runs, this process adopts the orphans of its descendants (Linux); afterwards it kills them.

    A notebook may start a process in a session of its own (`start_new_session=True`), which
    killing its kernel's process group misses: once the kernel has gone, it is this process's
    child, and it ends with the build. Children this process had before are left alone.
    """
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
        adopting = prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (AttributeError, OSError):  # not Linux: such processes may outlive the build
        adopting = False
    before = children()
    try:
        yield
    finally:
        if adopting:
            prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)
            while adopted := children() - before:
                for pid in adopted:
                    try:
                        os.kill(pid, signal.SIGKILL)
                        os.waitpid(pid, 0)
                    except (ProcessLookupError, ChildProcessError):
                        before.add(pid)  # not ours to wait for after all


def children() -> set[int]:
    """Return the PIDs of this process's children (Linux; elsewhere none)."""
    found: set[int] = set()
    try:
        tasks = list(Path(f"/proc/{os.getpid()}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found |= {int(pid) for pid in (task / "children").read_text().split()}
        except OSError:
            continue
    return found
